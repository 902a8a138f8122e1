// The last weeks of the audit trail, as a team's working days leave it: each worker opens the files
// of their own caseload, each a few times a day (household, trajectory, plan, contacts,
// measurements), in office hours; now and then someone reads in the evening or on a Saturday, and
// very rarely someone opens many files of another team in one day. Without it the privacy
// officer's alerts (which read a month of the trail) would only see the run's own reads, all of one
// day. Figures assumed: about 20 files and 100 reads per fte on a working day.
import type { GeneratedTrajectory } from '../../server/src/demo/history/entry-point.js';
import type { Organisation, Worker } from '../../server/src/demo/history/organisation.js';
import type { Random } from '../../server/src/demo/history/random.js';
import { insertRows, type Target, type Value } from '../../server/src/demo/history/sql.js';

/** Days of trail before the anchor day. */
export const AUDIT_TRAIL_DAYS = 35;

const FILES_PER_FTE_DAY = 20;
const READS_PER_FILE_MEAN = 5;
const EVENING_SHARE = 0.04;
const SATURDAY_SHARE = 0.02;
const MANY_FILES_SHARE = 0.001;
const HOURS_PER_FTE = 36;
const DAY = 86_400_000;

const READS: readonly (readonly [action: string, objectType: string])[] = [
  ['household.read', 'household'],
  ['trajectory.read', 'trajectory'],
  ['plan.read', 'plan'],
  ['contact.list', 'contact'],
  ['assessment.list', 'assessment'],
];

const COLUMNS = [
  { name: 'municipality_id', type: 'uuid' },
  { name: 'id', type: 'uuid' },
  { name: 'at', type: 'timestamptz' },
  { name: 'actor_id', type: 'uuid' },
  { name: 'actor_role', type: 'text' },
  { name: 'action', type: 'text' },
  { name: 'object_type', type: 'text' },
  { name: 'object_id', type: 'text' },
  { name: 'resident_id', type: 'uuid' },
  { name: 'result', type: 'text' },
] as const;

/** Amsterdam's offset from UTC on `day` at noon, in ms (CET +1 h, CEST +2 h). */
function amsterdamOffsetMs(day: number): number {
  const noon = new Date(day + 12 * 3_600_000);
  const name =
    new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/Amsterdam', timeZoneName: 'shortOffset' })
      .formatToParts(noon)
      .find((p) => p.type === 'timeZoneName')?.value ?? 'GMT+1';
  return Number(name.replace('GMT', '') || '0') * 3_600_000;
}

export async function generateAuditTrail(
  target: Target,
  rng: Random,
  org: Organisation,
  trajectories: readonly GeneratedTrajectory[],
  anchor: Date,
): Promise<Record<string, number>> {
  const byCoordinator = new Map<string, GeneratedTrajectory[]>();
  const byTeam = new Map<string, GeneratedTrajectory[]>();
  const add = (map: Map<string, GeneratedTrajectory[]>, key: string, t: GeneratedTrajectory) => {
    const list = map.get(key);
    if (list) list.push(t);
    else map.set(key, [t]);
  };
  for (const t of trajectories) {
    add(byCoordinator, t.coordinatorId, t);
    add(byTeam, t.teamId, t);
  }
  const openOn = (list: readonly GeneratedTrajectory[], dayStart: number) =>
    list.filter(
      (t) => t.openedAt < dayStart + DAY && (t.closedAt === null || t.closedAt >= dayStart),
    );
  let rows = 0;
  for (const team of org.teams) {
    const teamRows: Value[][] = [];
    const others = org.teams.filter((t) => t.id !== team.id);
    const staff: [Worker, string][] = [
      ...team.workers.map((w): [Worker, string] => [w, 'worker']),
      [team.lead, 'team_lead'],
    ];
    for (let d = AUDIT_TRAIL_DAYS; d >= 1; d--) {
      const dayStart = anchor.getTime() - d * DAY;
      const weekday = new Date(dayStart).getUTCDay(); // 0 Sunday ... 6 Saturday
      const offset = amsterdamOffsetMs(dayStart);
      // Local Amsterdam time on this day -> the instant.
      const at = (hours: number) => new Date(dayStart + hours * 3_600_000 - offset);
      const teamOpen = openOn(byTeam.get(team.id) ?? [], dayStart);
      for (const [person, role] of staff) {
        const read = (t: GeneratedTrajectory, hours: number) => {
          const [action, objectType] = rng.pick(READS);
          const when = at(hours);
          teamRows.push([
            org.municipalityId,
            rng.uuidv7(when),
            when,
            person.id,
            role,
            action,
            objectType,
            objectType === 'household' ? t.householdId : t.id,
            t.residentId,
            'success',
          ]);
        };
        if (weekday === 0) continue;
        if (weekday === 6) {
          if (rng.chance(SATURDAY_SHARE) && teamOpen.length > 0)
            for (let i = rng.int(2, 4); i > 0; i--) read(rng.pick(teamOpen), 10 + rng.next() * 2);
          continue;
        }
        const own = openOn(byCoordinator.get(person.id) ?? [], dayStart);
        const pool = own.length > 0 ? own : teamOpen;
        if (pool.length === 0) continue;
        const fte = person.hoursPerWeek / HOURS_PER_FTE;
        const files = Math.max(1, Math.round(FILES_PER_FTE_DAY * fte * (0.6 + rng.next() * 0.8)));
        for (let f = 0; f < files; f++) {
          const file = rng.pick(pool);
          const reads = 1 + Math.round(rng.exponential(READS_PER_FILE_MEAN - 1));
          // A file is worked on in one sitting or two: its reads cluster around a time of day.
          const around = 8.5 + rng.next() * 8.5;
          for (let r = 0; r < reads; r++)
            read(file, Math.min(17.9, Math.max(8, around + (rng.next() - 0.5))));
        }
        if (rng.chance(EVENING_SHARE))
          for (let i = rng.int(1, 3); i > 0; i--) read(rng.pick(pool), 19 + rng.next() * 3);
        if (rng.chance(MANY_FILES_SHARE) && others.length > 0) {
          const elsewhere = openOn(byTeam.get(rng.pick(others).id) ?? [], dayStart);
          for (let i = Math.min(elsewhere.length, rng.int(22, 30)); i > 0; i--)
            read(rng.pick(elsewhere), 9 + rng.next() * 7);
        }
      }
    }
    await target.scoped({ municipalityId: org.municipalityId, teamIds: [team.id] }, (client) =>
      insertRows(client, 'audit_events', COLUMNS, teamRows),
    );
    rows += teamRows.length;
  }
  return { audit_events: rows };
}
