// Unusual-access alerts from hand-made audit rows with hand-picked times (November: CET, UTC+1).
import { beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { call, createDemoEnv, login, type Session, type TestEnv } from '../../../test/harness.js';
import { createStaffMember } from '../../../test/factories.js';
import { newId } from '../../platform/ids.js';
import { inTenant } from '../../platform/db.js';
import { addDays, todayInAmsterdam } from '../../platform/dates.js';
import { groupClosedDays, groupRecentHours, groupRecentReads } from './audit-reads.js';

let env: TestEnv;
let officer: Session;
let municipalityId: string;
let noordwest: string;
let oost: string;
let nosy: string; // opens 21 households of another team on one day
let careful: string; // opens exactly 20
let nightOwl: string; // works at odd hours
let policyAdviser: string; // of the municipality, reads one file at night
const residentsOfNoordwest: string[] = [];

async function household(teamId: string): Promise<string> {
  const householdId = newId();
  const residentId = newId();
  await sql`insert into households (municipality_id, id, team_id) values (${municipalityId}, ${householdId}, ${teamId})`.execute(
    env.owner,
  );
  await sql`insert into residents (municipality_id, id, household_id, given_name, family_name)
            values (${municipalityId}, ${residentId}, ${householdId}, 'Test', 'Bewoner')`.execute(
    env.owner,
  );
  return residentId;
}

async function auditRow(
  actorId: string,
  residentId: string,
  at: string,
  action = 'household.read',
  role = 'worker',
) {
  await sql`insert into audit_events (municipality_id, id, at, actor_id, actor_role, action, object_type, resident_id, result)
            values (${municipalityId}, ${newId()}, ${at}::timestamptz, ${actorId}, ${role}, ${action}, 'household', ${residentId}, 'success')`.execute(
    env.owner,
  );
}

type Alert = {
  key: string;
  kind: string;
  day: string;
  actorId: string;
  count: number;
  firstAt: string;
  lastAt: string | null;
  reason: string | null;
  review: { note: string } | null;
};

async function alerts(query = 'from=2026-11-09&to=2026-11-15&status=all'): Promise<Alert[]> {
  const response = await call(env.app, officer, 'GET', `/api/v1/privacy/alerts?${query}`);
  expect(response.statusCode).toBe(200);
  return response.json<{ items: Alert[] }>().items;
}

beforeAll(async () => {
  env = await createDemoEnv();
  officer = await login(env.app, 'privacy@maastricht.demo');
  municipalityId = officer.user.municipalityId;
  const { rows } = await sql<{ id: string; name: string }>`select id, name from teams`.execute(
    env.owner,
  );
  noordwest = rows.find((t) => t.name.includes('Noordwest'))?.id ?? '';
  oost = rows.find((t) => t.name.includes('Oost'))?.id ?? '';
  nosy = (await createStaffMember(env.owner, municipalityId, { teamIds: [oost] })).id;
  careful = (await createStaffMember(env.owner, municipalityId, { teamIds: [oost] })).id;
  nightOwl = (await createStaffMember(env.owner, municipalityId, { teamIds: [noordwest] })).id;
  for (let i = 0; i < 21; i++) residentsOfNoordwest.push(await household(noordwest));
  // Tuesday 10 November 2026, 10:00-10:20 in Amsterdam (09:00Z): within office hours.
  for (const [i, residentId] of residentsOfNoordwest.entries()) {
    const at = `2026-11-10T09:${String(i).padStart(2, '0')}:00Z`;
    await auditRow(nosy, residentId, at);
    // The same household twice counts once.
    if (i === 0) await auditRow(nosy, residentId, `2026-11-10T09:30:00Z`);
    if (i < 20) await auditRow(careful, residentId, at);
  }
  const own = residentsOfNoordwest[0] ?? '';
  // The night owl (Amsterdam local times): Tue 06:59 (early), Wed 07:00 and 18:59 (within),
  // Thu 19:00 (late), Sat 10:00 (weekend).
  await auditRow(nightOwl, own, '2026-11-10T05:59:00Z');
  await auditRow(nightOwl, own, '2026-11-11T06:00:00Z');
  await auditRow(nightOwl, own, '2026-11-11T17:59:00Z');
  await auditRow(nightOwl, own, '2026-11-12T18:00:00Z');
  await auditRow(nightOwl, own, '2026-11-14T09:00:00Z');
  // Within office hours on Tuesday, after the early read: not part of Tuesday's alert.
  await auditRow(nightOwl, own, '2026-11-10T09:45:00Z');
  // A second household on Saturday: two reads outside office hours that day.
  await auditRow(nightOwl, residentsOfNoordwest[1] ?? '', '2026-11-14T10:30:00Z');
  // Someone of the municipality at night: outside office hours counts for every staff role.
  policyAdviser = (await createStaffMember(env.owner, municipalityId, { role: 'municipality' })).id;
  await auditRow(policyAdviser, own, '2026-11-12T22:00:00Z', 'household.read', 'municipality');
});

describe('unusual-access alerts', () => {
  it('flag a worker who opened more than 20 households outside their team in one day, not 20', async () => {
    const many = (await alerts()).filter((a) => a.kind === 'many_households');
    // nosy: 21 distinct households of Noordwest (21 > 20); careful: 20 (not more than 20).
    expect(many.map((a) => [a.actorId, a.day, a.count])).toEqual([[nosy, '2026-11-10', 21]]);
  });

  it('flag access outside office hours (weekdays 07:00-19:00 Amsterdam), once per person per day', async () => {
    const hours = (await alerts())
      .filter((a) => a.kind === 'outside_office_hours' && a.actorId === nightOwl)
      .map((a) => a.day)
      .sort();
    // 06:59 on Tuesday, 19:00 on Thursday, Saturday; not 07:00 or 18:59 on Wednesday.
    expect(hours).toEqual(['2026-11-10', '2026-11-12', '2026-11-14']);
  });

  it('count only the reads outside office hours, and give their first and last time', async () => {
    const byDay = new Map(
      (await alerts())
        .filter((a) => a.kind === 'outside_office_hours' && a.actorId === nightOwl)
        .map((a) => [a.day, [a.count, a.firstAt, a.lastAt]]),
    );
    // Tuesday: the 06:59 read only; the 10:45 read of the same file that day is within hours.
    expect(byDay.get('2026-11-10')).toEqual([
      1,
      '2026-11-10T05:59:00.000Z',
      '2026-11-10T05:59:00.000Z',
    ]);
    // Saturday: two households, two reads.
    expect(byDay.get('2026-11-14')).toEqual([
      2,
      '2026-11-14T09:00:00.000Z',
      '2026-11-14T10:30:00.000Z',
    ]);
    const adviser = (await alerts()).filter((a) => a.actorId === policyAdviser);
    expect(adviser.map((a) => [a.kind, a.day, a.count])).toEqual([
      ['outside_office_hours', '2026-11-12', 1],
    ]);
  });

  it('use the municipality’s own office hours', async () => {
    await sql`insert into privacy_settings (municipality_id, office_hours_start, office_hours_end)
              values (${municipalityId}, 6, 20)`.execute(env.owner);
    const hours = (await alerts())
      .filter((a) => a.kind === 'outside_office_hours' && a.actorId === nightOwl)
      .map((a) => a.day);
    // 06:00-20:00: 06:59 and 19:00 are now within; only Saturday remains.
    expect(hours).toEqual(['2026-11-14']);
    await sql`delete from privacy_settings`.execute(env.owner);
  });

  it('list every break-the-glass access with its reason, and the officer marks it reviewed', async () => {
    const worker2 = await login(env.app, 'worker2@maastricht.demo');
    const { rows } = await sql<{ household_id: string }>`
      select household_id from residents where id = ${residentsOfNoordwest[3] ?? ''}`.execute(
      env.owner,
    );
    const householdId = rows[0]?.household_id ?? '';
    const reason = 'Crisis bij de buren gemeld, coördinator van Noordwest is niet bereikbaar';
    const granted = await call(env.app, worker2, 'POST', '/api/v1/break-glass', {
      householdId,
      reason,
    });
    expect(granted.statusCode).toBe(201);
    expect(
      (await call(env.app, worker2, 'GET', `/api/v1/households/${householdId}`)).statusCode,
    ).toBe(200);
    const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Amsterdam' }).format(
      new Date(),
    );
    const open = await alerts(`from=${today}&to=${today}&status=open`);
    const glass = open.find((a) => a.kind === 'break_glass');
    expect(glass?.actorId).toBe(worker2.user.id);
    expect(glass?.reason).toBe(reason);
    // One household read under the grant (the grant itself is not counted).
    expect(glass?.count).toBe(1);

    const worker = await login(env.app, 'worker@maastricht.demo');
    const admin = await login(env.app, 'admin@maastricht.demo');
    const body = { key: glass?.key, note: 'Nagevraagd bij teamleider: terecht' };
    expect(
      (await call(env.app, worker, 'POST', '/api/v1/privacy/alerts/review', body)).statusCode,
    ).toBe(403);
    expect(
      (await call(env.app, admin, 'POST', '/api/v1/privacy/alerts/review', body)).statusCode,
    ).toBe(403);
    const reviewed = await call(env.app, officer, 'POST', '/api/v1/privacy/alerts/review', body);
    expect(reviewed.statusCode).toBe(201);
    expect(
      (await call(env.app, officer, 'POST', '/api/v1/privacy/alerts/review', body)).statusCode,
    ).toBe(409);

    expect(
      (await alerts(`from=${today}&to=${today}&status=open`)).some((a) => a.key === glass?.key),
    ).toBe(false);
    const done = await alerts(`from=${today}&to=${today}&status=reviewed`);
    expect(done.find((a) => a.key === glass?.key)?.review?.note).toBe(
      'Nagevraagd bij teamleider: terecht',
    );
    const { rows: auditRows } = await sql<{ reason: string }>`
      select reason from audit_events where action = 'privacy_alert.review'`.execute(env.owner);
    expect(auditRows.map((r) => r.reason)).toEqual([glass?.key]);
  });

  it('refuses a review of something that is not an alert key', async () => {
    const response = await call(env.app, officer, 'POST', '/api/v1/privacy/alerts/review', {
      key: 'hours:nonsense',
      note: 'x',
    });
    expect(response.statusCode).toBe(400);
  });
});

describe('a day judged by that day, not by today', () => {
  // Week of 16-22 November 2026: no other test reads in it.
  const week = 'from=2026-11-16&to=2026-11-22&status=all';

  /** 21 households of `teamId`, each with a trajectory opened on 1 November, closed on `closedOn`. */
  async function householdsInWork(teamId: string, coordinatorId: string, closedOn: string | null) {
    const residents: string[] = [];
    for (let i = 0; i < 21; i++) {
      const residentId = await household(teamId);
      await sql`insert into trajectories (municipality_id, id, household_id, team_id, coordinator_id,
                                          status, outcome, opened_at, closed_at)
                select municipality_id, ${newId()}, household_id, ${teamId}, ${coordinatorId},
                       ${closedOn ? 'closed' : 'open'}, ${closedOn ? 'goals_achieved' : null},
                       '2026-11-01T09:00:00Z',
                       ${closedOn ? `${closedOn}T15:00:00Z` : null}::timestamptz
                from residents where id = ${residentId}`.execute(env.owner);
      residents.push(residentId);
    }
    return residents;
  }

  async function readAll(actorId: string, residents: string[], day: string) {
    for (const [i, residentId] of residents.entries())
      await auditRow(actorId, residentId, `${day}T09:${String(i).padStart(2, '0')}:00Z`);
  }

  const manyOf = async (actorId: string) =>
    (await alerts(week))
      .filter((a) => a.kind === 'many_households' && a.actorId === actorId)
      .map((a) => [a.day, a.count]);

  // Every read of the week is written before the first look: a closed day is grouped once.
  let closer: string;
  let mover: string;
  beforeAll(async () => {
    closer = (await createStaffMember(env.owner, municipalityId, { teamIds: [noordwest] })).id;
    // Tuesday 17 November: 21 files in work, all closed on Friday the 20th.
    await readAll(closer, await householdsInWork(noordwest, closer, '2026-11-20'), '2026-11-17');
    // Thursday 19 November: 21 files that were closed on the 5th, so not in work that day.
    await readAll(closer, await householdsInWork(noordwest, closer, '2026-11-05'), '2026-11-19');

    mover = (await createStaffMember(env.owner, municipalityId, { teamIds: [noordwest] })).id;
    const ofNoordwest = await householdsInWork(noordwest, mover, null);
    // In Noordwest until Wednesday 18 November, in Oost from then on (staff_periods, as the
    // staff screen's effective date would have recorded it).
    await sql`update staff_teams set team_id = ${oost} where staff_id = ${mover}`.execute(
      env.owner,
    );
    await sql`delete from staff_periods where staff_id = ${mover}`.execute(env.owner);
    await sql`insert into staff_periods (municipality_id, staff_id, valid_from, valid_until, role,
                                         hours_per_week, team_ids, active)
              values (${municipalityId}, ${mover}, '2026-10-01', '2026-11-18', 'worker', 32,
                      array[${noordwest}]::uuid[], true),
                     (${municipalityId}, ${mover}, '2026-11-18', null, 'worker', 32,
                      array[${oost}]::uuid[], true)`.execute(env.owner);
    // Tuesday 17th, still in Noordwest: its own work. Friday 20th, in Oost: another team's files.
    await readAll(mover, ofNoordwest, '2026-11-17');
    await readAll(mover, ofNoordwest, '2026-11-20');
  });

  it('files closed since that day do not turn its reads into an alert; files closed before it do', async () => {
    expect(await manyOf(closer)).toEqual([['2026-11-19', 21]]);
  });

  it('a worker who changed teams since is judged by the team of that day', async () => {
    expect(await manyOf(mover)).toEqual([['2026-11-20', 21]]);
  });
});

describe('the reads grouped per hour (audit-reads.ts)', () => {
  const groupedDays = async (from: string, to: string) =>
    (
      await sql<{ day: string }>`select day::text as day from audit_read_days
        where municipality_id = ${municipalityId} and day between ${from}::date and ${to}::date
        order by day`.execute(env.owner)
    ).rows.map((r) => r.day);

  /**
   * The hour that began three hours ago (in Amsterdam) ended two hours ago: it is closed. Its day
   * is open except in the first hour after midnight (then the day is grouped whole instead).
   * Other tests of this file asked for today's alerts already, grouping its closed hours: that
   * day's grouping starts afresh (as the owner), so that a test's reads arrive before it.
   */
  const closedHourStartedAfresh = async () => {
    const { rows } = await sql<{ start: string; day: string; hour: number; open: boolean }>`
      select to_char(h at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') as start,
             (h at time zone 'Europe/Amsterdam')::date::text as day,
             extract(hour from h at time zone 'Europe/Amsterdam')::int as hour,
             (h at time zone 'Europe/Amsterdam')::date
               >= ((now() - interval '1 hour') at time zone 'Europe/Amsterdam')::date as open
      from (select date_trunc('hour', now() - interval '3 hours', 'Europe/Amsterdam') as h) x`.execute(
      env.owner,
    );
    const closedHour = rows[0] as { start: string; day: string; hour: number; open: boolean };
    await sql`delete from audit_read_days where day = ${closedHour.day}::date`.execute(env.owner);
    await sql`delete from audit_read_hours where day = ${closedHour.day}::date`.execute(env.owner);
    await sql`delete from audit_reads_by_hour where day = ${closedHour.day}::date`.execute(
      env.owner,
    );
    return closedHour;
  };

  it('groups a closed day once; the alerts then read the group, not the trail', async () => {
    // Its own week (2-8 November 2026), so that no other test's reads are in it.
    const reader = (await createStaffMember(env.owner, municipalityId, { teamIds: [oost] })).id;
    for (const [i, residentId] of residentsOfNoordwest.entries())
      await auditRow(reader, residentId, `2026-11-03T09:${String(i).padStart(2, '0')}:00Z`);
    const week = 'from=2026-11-02&to=2026-11-08&status=all';
    const first = (await alerts(week)).filter((a) => a.kind === 'many_households');
    expect(first.map((a) => [a.actorId, a.day, a.count])).toEqual([[reader, '2026-11-03', 21]]);
    expect(await groupedDays('2026-11-02', '2026-11-08')).toEqual([
      '2026-11-02',
      '2026-11-03',
      '2026-11-04',
      '2026-11-05',
      '2026-11-06',
      '2026-11-07',
      '2026-11-08',
    ]);
    const { rows } = await sql<{ hour: number; reads: number }>`
      select hour, sum(reads)::int as reads from audit_reads_by_hour
      where municipality_id = ${municipalityId} and actor_id = ${reader} group by hour`.execute(
      env.owner,
    );
    // 09:00-09:20Z is 10:00-10:20 in Amsterdam (CET).
    expect(rows).toEqual([{ hour: 10, reads: 21 }]);

    // A row written into the trail of that day afterwards (only a test can backdate one) is not
    // seen: the day is read from its group. The same reads on an open day would be flagged.
    const late = (await createStaffMember(env.owner, municipalityId, { teamIds: [oost] })).id;
    for (const [i, residentId] of residentsOfNoordwest.entries())
      await auditRow(late, residentId, `2026-11-04T09:${String(i).padStart(2, '0')}:00Z`);
    const again = (await alerts(week)).filter((a) => a.kind === 'many_households');
    expect(again.map((a) => a.actorId)).toEqual([reader]);
  });

  it('reads the open day (today) from the trail, without grouping it', async () => {
    const reader = (await createStaffMember(env.owner, municipalityId, { teamIds: [oost] })).id;
    for (const residentId of residentsOfNoordwest)
      await auditRow(reader, residentId, new Date().toISOString());
    const today = todayInAmsterdam();
    const flagged = (await alerts(`from=${today}&to=${today}&status=all`)).filter(
      (a) => a.kind === 'many_households' && a.actorId === reader,
    );
    expect(flagged.map((a) => [a.day, a.count])).toEqual([[today, 21]]);
    expect(await groupedDays(today, today)).toEqual([]);
  });

  it('groups a closed hour of the open day once: its reads count once, from the group', async () => {
    const closedHour = await closedHourStartedAfresh();
    const reader = (await createStaffMember(env.owner, municipalityId, { teamIds: [oost] })).id;
    const at = (minute: number) =>
      new Date(Date.parse(closedHour.start) + minute * 60_000).toISOString();
    for (const [i, residentId] of residentsOfNoordwest.entries())
      await auditRow(reader, residentId, at(i));
    const period = `from=${closedHour.day}&to=${closedHour.day}&status=all`;
    // 21 files of another team in one hour: "many households", or "outside office hours" when
    // the hour is at night, each counting the 21 reads once.
    const flagged = async () =>
      (await alerts(period)).filter((a) => a.actorId === reader).map((a) => [a.day, a.count]);
    const first = await flagged();
    expect(first.length).toBeGreaterThan(0);
    expect(new Set(first.map(String))).toEqual(new Set([[closedHour.day, 21].map(String).join()]));
    // Asked again: the hour is read from its group, not from the group and the trail.
    expect(await flagged()).toEqual(first);
    const { rows: grouped } = await sql<{ hour: number; reads: number }>`
      select hour, sum(reads)::int as reads from audit_reads_by_hour
      where municipality_id = ${municipalityId} and actor_id = ${reader} group by hour`.execute(
      env.owner,
    );
    expect(grouped).toEqual([{ hour: closedHour.hour, reads: 21 }]);
    if (closedHour.open) {
      const { rows: marks } = await sql<{ n: number }>`
        select count(*)::int as n from audit_read_hours
        where municipality_id = ${municipalityId} and day = ${closedHour.day}::date
          and hour = ${closedHour.hour}`.execute(env.owner);
      expect(marks[0]?.n).toBe(1);
    }
    // A read backdated into the grouped hour (only a test can) is not seen: the hour is closed.
    const late = (await createStaffMember(env.owner, municipalityId, { teamIds: [oost] })).id;
    for (const [i, residentId] of residentsOfNoordwest.entries())
      await auditRow(late, residentId, at(i));
    const again = (await alerts(period)).filter((a) => a.actorId === late);
    expect(again).toEqual([]);
  });

  it('the hourly job groups the closed hours of the open days ahead of the officer', async () => {
    const closedHour = await closedHourStartedAfresh();
    const reader = (await createStaffMember(env.owner, municipalityId, { teamIds: [oost] })).id;
    await auditRow(reader, residentsOfNoordwest[0] ?? '', closedHour.start);
    const hours = await groupRecentHours(env.db, municipalityId);
    const { rows: grouped } = await sql<{ hour: number; reads: number }>`
      select hour, reads from audit_reads_by_hour
      where municipality_id = ${municipalityId} and actor_id = ${reader}`.execute(env.owner);
    const { rows: marks } = await sql<{ hour: number }>`
      select hour from audit_read_hours
      where municipality_id = ${municipalityId} and day = ${closedHour.day}::date`.execute(
      env.owner,
    );
    if (closedHour.open) {
      // Grouped by the job, without an officer asking: the hour and every closed one before it.
      expect(hours).toBeGreaterThanOrEqual(closedHour.hour + 1);
      expect(marks.map((m) => m.hour)).toContain(closedHour.hour);
      expect(grouped).toEqual([{ hour: closedHour.hour, reads: 1 }]);
    } else {
      // In the first hour after midnight that hour's day is closed: the daily job's, not this one's.
      expect(marks).toEqual([]);
      expect(grouped).toEqual([]);
    }
  });

  it('groups a day once when two do it at the same time', async () => {
    // Three reads in one hour of a day in October, grouped by two transactions at once.
    const reader = (await createStaffMember(env.owner, municipalityId, { teamIds: [oost] })).id;
    const own = residentsOfNoordwest[0] ?? '';
    for (const minute of ['00', '10', '20'])
      await auditRow(reader, own, `2026-10-05T08:${minute}:00Z`);
    const group = () =>
      inTenant(env.db, { municipalityId, teamIds: [] }, (trx) =>
        groupClosedDays(trx, municipalityId, '2026-10-01', '2026-10-31'),
      );
    const [a, b] = await Promise.all([group(), group()]);
    expect((a ?? 0) + (b ?? 0)).toBe(31);
    const { rows } = await sql<{ day: string; hour: number; reads: number }>`
      select day::text as day, hour, reads from audit_reads_by_hour
      where municipality_id = ${municipalityId} and actor_id = ${reader}`.execute(env.owner);
    expect(rows).toEqual([{ day: '2026-10-05', hour: 10, reads: 3 }]);
  });

  it('the daily job groups the recent closed days ahead of the officer', async () => {
    const today = todayInAmsterdam();
    await groupRecentReads(env.db, municipalityId, today);
    const grouped = await groupedDays(addDays(today, -40), today);
    // Every day up to the day before yesterday is closed whatever the hour; today never is.
    expect(grouped).toContain(addDays(today, -40));
    expect(grouped).toContain(addDays(today, -2));
    expect(grouped).not.toContain(today);
  });

  it('the daily job also groups further back, a month a run, down to the trail’s first day', async () => {
    // A read 200 days ago: older than anything grouped so far in this file.
    const reader = (await createStaffMember(env.owner, municipalityId, { teamIds: [oost] })).id;
    const today = todayInAmsterdam();
    const old = addDays(today, -200);
    await auditRow(reader, residentsOfNoordwest[0] ?? '', `${old}T10:00:00Z`);
    let runs = 0;
    while (runs < 12 && !(await groupedDays(old, old)).includes(old)) {
      await groupRecentReads(env.db, municipalityId, today);
      runs += 1;
    }
    // 160 ungrouped days lie between it and the recent 40 at most: six runs of 31 reach it.
    expect(runs).toBeGreaterThan(0);
    expect(runs).toBeLessThanOrEqual(6);
    const { rows } = await sql<{ reads: number }>`select reads from audit_reads_by_hour
      where municipality_id = ${municipalityId} and actor_id = ${reader}`.execute(env.owner);
    expect(rows).toEqual([{ reads: 1 }]);
  });
});
