// A team's hours over a year, from the staff's history (table staff_periods): who was in the team,
// for how many hours, on which days. Kept pure, like pricing.ts, so the hand-computed tests reach it.
//
// A year is counted with that year's staff: someone who left in May counts until May, a change from
// 24 to 32 hours counts from the day it was made. A member of several teams counts in each for an
// equal part of their hours (as the team composition shows it).
import { addDays } from '../../platform/dates.js';
import { daysInclusive, earlierDay, laterDay } from './pricing.js';

/** One stretch of a staff member's history, as the business case counts it. */
export interface StaffPeriod {
  organisationId: string | null;
  teamIds: readonly string[];
  hoursPerWeek: number;
  /** First day. */
  from: string;
  /** First day it no longer held (exclusive); null while it holds. */
  until: string | null;
}

/** Days `from` through `to` (both included) in which one organisation's hours in a team were the same. */
export interface HoursStretch {
  from: string;
  to: string;
  days: number;
  hoursPerWeek: number;
}

/** The last day a period held, or null while it holds. */
const lastDayOf = (p: StaffPeriod) => (p.until === null ? null : addDays(p.until, -1));

/**
 * Per organisation (null: staff without one), the stretches of [from, to] in which the team had
 * the same weekly hours from it. Days without any hours from an organisation are left out.
 */
export function teamHoursOverTime(
  periods: readonly StaffPeriod[],
  teamId: string,
  from: string,
  to: string,
): Map<string | null, HoursStretch[]> {
  const byOrganisation = new Map<string | null, { from: string; to: string; hours: number }[]>();
  for (const p of periods) {
    if (!p.teamIds.includes(teamId) || p.hoursPerWeek <= 0) continue;
    const start = laterDay(p.from, from);
    const last = lastDayOf(p);
    const end = last === null ? to : earlierDay(last, to);
    if (start > end) continue;
    const pieces = byOrganisation.get(p.organisationId) ?? [];
    pieces.push({ from: start, to: end, hours: p.hoursPerWeek / p.teamIds.length });
    byOrganisation.set(p.organisationId, pieces);
  }
  const result = new Map<string | null, HoursStretch[]>();
  for (const [organisationId, pieces] of byOrganisation) {
    // The days on which the sum can change: where a piece starts, and the day after one ends.
    const bounds = [...new Set(pieces.flatMap((x) => [x.from, addDays(x.to, 1)]))].sort();
    const stretches: HoursStretch[] = [];
    for (let i = 0; i + 1 < bounds.length; i++) {
      const start = bounds[i]!;
      const end = addDays(bounds[i + 1]!, -1);
      const hours = pieces
        .filter((x) => x.from <= start && x.to >= start)
        .reduce((sum, x) => sum + x.hours, 0);
      // Rounded to the hundredth: 36 / 3 teams must add up to 12, not 11.999...
      const hoursPerWeek = Math.round(hours * 100) / 100;
      if (hoursPerWeek <= 0) continue;
      const previous = stretches.at(-1);
      if (previous && previous.hoursPerWeek === hoursPerWeek && addDays(previous.to, 1) === start) {
        previous.to = end;
        previous.days = daysInclusive(previous.from, end);
      } else {
        stretches.push({ from: start, to: end, days: daysInclusive(start, end), hoursPerWeek });
      }
    }
    if (stretches.length > 0) result.set(organisationId, stretches);
  }
  return result;
}

/** The team's hours a week over [from, to], on average over its days: its weight in the year. */
export function averageTeamHours(
  periods: readonly StaffPeriod[],
  teamId: string,
  from: string,
  to: string,
): number {
  const days = daysInclusive(from, to);
  if (days === 0) return 0;
  let hourDays = 0;
  for (const stretches of teamHoursOverTime(periods, teamId, from, to).values())
    for (const s of stretches) hourDays += s.hoursPerWeek * s.days;
  return hourDays / days;
}
