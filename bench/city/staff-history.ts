// Changes of hours in the staff's history (staff_periods), so that the business case counts the
// years with the staff of the time in the bench city too: about a third of the workers changed
// their hours once, on a day of the history (assumed). The database's trigger dated every stretch
// from the staff rows' creation; this splits the chosen workers' one stretch at the change.
import type { Organisation } from '../../server/src/demo/history/organisation.js';
import type { Random } from '../../server/src/demo/history/random.js';
import type { Target } from '../../server/src/demo/history/sql.js';

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
  await target.scoped({ municipalityId: org.municipalityId, teamIds: [] }, async (client) => {
    for (const change of changes) {
      await client.query(
        `update staff_periods set valid_from = $3::date
          where municipality_id = $1 and staff_id = $2 and valid_until is null`,
        [org.municipalityId, change.staffId, change.on],
      );
      await client.query(
        `insert into staff_periods (municipality_id, staff_id, valid_from, valid_until,
                                    organisation_id, role, hours_per_week, team_ids, active)
         select municipality_id, staff_id, $3::date, $4::date, organisation_id, role, $5,
                team_ids, active
         from staff_periods where municipality_id = $1 and staff_id = $2`,
        [
          org.municipalityId,
          change.staffId,
          start.toISOString().slice(0, 10),
          change.on,
          change.hoursBefore,
        ],
      );
    }
  });
  return { staff_periods: org.staff + changes.length };
}
