// Matching a plan's request for a volunteer to the volunteer pool (and to what residents offer):
// by skill, neighbourhood and availability, with the reasons shown, so the worker decides.

export interface Candidate {
  id: string;
  kind: 'volunteer' | 'resident';
  name: string;
  skills: string[];
  neighbourhoodCodes: string[];
  availability: string[];
  vogCheckedOn: string | null;
  active: boolean;
}

export interface MatchRequest {
  skills: string[];
  neighbourhoodCode: string | null;
  availability: string[];
  /** Tasks with vulnerable people need a VOG (certificate of conduct) of at most three years old. */
  requiresVog: boolean;
  today: string;
}

export interface ScoredCandidate {
  id: string;
  kind: 'volunteer' | 'resident';
  name: string;
  score: number;
  matchedSkills: string[];
  sameNeighbourhood: boolean;
  sharedAvailability: string[];
}

const norm = (value: string) => value.trim().toLowerCase();

/** Whether a VOG dated `checkedOn` is still valid on `today` (three years). */
export function vogValid(checkedOn: string | null, today: string): boolean {
  if (!checkedOn) return false;
  const limit = new Date(`${today}T12:00:00Z`);
  limit.setUTCFullYear(limit.getUTCFullYear() - 3);
  return checkedOn >= limit.toISOString().slice(0, 10);
}

/**
 * Score: 3 per requested skill the candidate has, 2 for working in the resident's buurt, 1 per
 * shared time slot. A candidate needs at least one requested skill (when skills are asked), must be
 * active, and must have a valid VOG when the task requires one.
 */
export function rankCandidates(candidates: Candidate[], request: MatchRequest): ScoredCandidate[] {
  const wanted = request.skills.map(norm);
  const slots = new Set(request.availability.map(norm));
  return candidates
    .filter((c) => c.active && (!request.requiresVog || vogValid(c.vogCheckedOn, request.today)))
    .map((c) => {
      const skills = new Set(c.skills.map(norm));
      const matchedSkills = wanted.filter((s) => skills.has(s));
      const sameNeighbourhood =
        request.neighbourhoodCode !== null &&
        c.neighbourhoodCodes.includes(request.neighbourhoodCode);
      const sharedAvailability = c.availability.map(norm).filter((a) => slots.has(a));
      return {
        id: c.id,
        kind: c.kind,
        name: c.name,
        score: 3 * matchedSkills.length + (sameNeighbourhood ? 2 : 0) + sharedAvailability.length,
        matchedSkills,
        sameNeighbourhood,
        sharedAvailability,
      };
    })
    .filter((c) => wanted.length === 0 || c.matchedSkills.length > 0)
    .sort((a, b) => b.score - a.score || a.name.localeCompare(b.name, 'nl'));
}
