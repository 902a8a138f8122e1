// Changes of hours in the staff's history (staff_periods), so that the business case counts the
// years with the staff of the time in the bench city too: about a third of the workers changed
// their hours once, on a day of the history (assumed). The database's trigger dated every stretch
// from the staff rows' creation; this splits the chosen workers' one stretch at the change.
import type { Organisation } from '../../server/src/demo/history/organisation.js';
import type { Random } from '../../server/src/demo/history/random.js';
import type { Target } from '../../server/src/demo/history/sql.js';
import { writePastChange } from '../../server/src/demo/history/staff-periods.js';

const CHANGED_SHARE = 0.3;
const DAY = 86_400_000;

export async function generateStaffHistory(
  target: Target,
  rng: Random,
  org: Organisation,
  start: Date,
  anchor: Date,
): Promise<Record<string, number>> {
  const changes: { staffId: string; on: string; hoursBefore: number }[] = [];
  const days = Math.floor((anchor.getTime() - start.getTime()) / DAY);
  for (const team of org.teams)
    for (const worker of team.workers) {
      if (!rng.chance(CHANGED_SHARE)) continue;
      const on = new Date(start.getTime() + rng.int(30, days - 30) * DAY)
        .toISOString()
        .slice(0, 10);
      // Most went up (a contract extended), some down; whole hours between 8 and 36.
      const step = rng.pick([-8, -4, 4, 4, 8]);
      const hoursBefore = Math.min(36, Math.max(8, worker.hoursPerWeek - step));
      if (hoursBefore !== worker.hoursPerWeek)
        changes.push({ staffId: worker.id, on, hoursBefore });
    }
  const since = start.toISOString().slice(0, 10);
  await target.scoped({ municipalityId: org.municipalityId, teamIds: [] }, async (client) => {
    for (const { staffId, ...change } of changes)
      await writePastChange(client, org.municipalityId, staffId, since, change);
  });
  return { staff_periods: org.staff + changes.length };
}
