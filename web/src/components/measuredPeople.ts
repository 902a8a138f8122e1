// Who was measured in a trajectory, each with their own measurements and progress: a change is
// the difference between two scores of the same person (ZRM manual), so the screens show one
// block per person, under their name, never one member's start against another's result.
import type { paths } from '../lib/api-schema';

// The measurements and progress, as both the team's read and the portal's answer them.
type TrajectoryAssessments = Pick<
  paths['/api/v1/trajectories/{id}/assessments']['get']['responses'][200]['content']['application/json'],
  'items' | 'progress'
>;
type Assessment = TrajectoryAssessments['items'][number];
type Progress = TrajectoryAssessments['progress'][number];

export interface MeasuredPerson {
  /** Stable per person: the member's id, or "household" for the household as a whole. */
  key: string;
  residentId: string | null;
  /** The member's name; null for the household as a whole or a member out of view. */
  name: string | null;
  items: Assessment[];
  progress: Progress[];
}

/** The people measured, in the order of their first measurement (the items come sorted by date). */
export function measuredPeople(data: TrajectoryAssessments): MeasuredPerson[] {
  const people = new Map<string, MeasuredPerson>();
  for (const item of data.items) {
    const key = item.residentId ?? 'household';
    const person = people.get(key) ?? {
      key,
      residentId: item.residentId,
      name: item.residentName,
      items: [],
      progress: data.progress.filter((p) => p.residentId === item.residentId),
    };
    person.items.push(item);
    people.set(key, person);
  }
  return [...people.values()];
}
