// A year is counted with that year's staff: the history the database keeps of teams and hours
// (staff_periods, migration 20261124T0300), and the business case's seconded hours from it.
// The figures were worked out by hand; 2025 has 365 days.
import { beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { call, createTestEnv, login, type Session, type TestEnv } from '../../../test/harness.js';
import { createMunicipality, createStaffMember } from '../../../test/factories.js';
import { newId } from '../../platform/ids.js';
import { addDays, readableDay, todayInAmsterdam } from '../../platform/dates.js';
import { averageTeamHours, teamHoursOverTime, type StaffPeriod } from './staff-hours.js';

interface PeriodRow {
  valid_from: string;
  valid_until: string | null;
  hours_per_week: number;
  team_ids: string[];
  active: boolean;
}

let env: TestEnv;
let m: string;
let teamA: string;
let teamB: string;
let admin: Session;
let gemeente: Session;

const periodsOf = async (staffId: string) =>
  (
    await sql<PeriodRow>`select valid_from, valid_until, hours_per_week, team_ids, active
      from staff_periods where staff_id = ${staffId} order by valid_from`.execute(env.owner)
  ).rows;

beforeAll(async () => {
  env = await createTestEnv();
  const made = await createMunicipality(env.owner);
  m = made.municipalityId;
  teamA = made.teamId;
  teamB = newId();
  await sql`insert into teams (municipality_id, id, name, type) values (${m}, ${teamB}, 'Buurtteam B', 'social')`.execute(
    env.owner,
  );
  const accounts = {
    admin: await createStaffMember(env.owner, m, { role: 'admin' }),
    gemeente: await createStaffMember(env.owner, m, { role: 'municipality' }),
  };
  admin = await login(env.app, accounts.admin.email, accounts.admin.password);
  gemeente = await login(env.app, accounts.gemeente.email, accounts.gemeente.password);
});

describe('the history of teams and hours (staff_periods)', () => {
  it('starts with the staff row, and a change closes the stretch on the day it is made', async () => {
    const member = await createStaffMember(env.owner, m, { teamIds: [teamA] });
    const today = todayInAmsterdam();
    expect(await periodsOf(member.id)).toEqual([
      { valid_from: today, valid_until: null, hours_per_week: 32, team_ids: [teamA], active: true },
    ]);
    // As if the row had been made at the start of 2025 (the test cannot wait for tomorrow).
    await sql`update staff_periods set valid_from = '2025-01-01' where staff_id = ${member.id}`.execute(
      env.owner,
    );
    const read = async () =>
      (await call(env.app, admin, 'GET', `/api/v1/staff/${member.id}`)).json<{
        version: number;
      }>();
    const patch = async (body: Record<string, unknown>) => {
      const response = await call(env.app, admin, 'PATCH', `/api/v1/staff/${member.id}`, {
        version: (await read()).version,
        ...body,
      });
      expect(response.statusCode, response.body).toBe(200);
    };

    await patch({ hoursPerWeek: 20 });
    expect(await periodsOf(member.id)).toEqual([
      {
        valid_from: '2025-01-01',
        valid_until: today,
        hours_per_week: 32,
        team_ids: [teamA],
        active: true,
      },
      { valid_from: today, valid_until: null, hours_per_week: 20, team_ids: [teamA], active: true },
    ]);

    // More changes the same day rewrite the day's stretch: the day's last state counts.
    await patch({ teamIds: [teamA, teamB] });
    await patch({ active: false });
    const [first, second, ...rest] = await periodsOf(member.id);
    expect(rest).toEqual([]);
    expect(first?.hours_per_week).toBe(32);
    expect(second).toEqual({
      valid_from: today,
      valid_until: null,
      hours_per_week: 20,
      team_ids: [teamA, teamB].sort(),
      active: false,
    });

    // A change that does not touch teams, hours, organisation, role or activity adds nothing.
    await patch({ name: 'Andere Naam' });
    expect(await periodsOf(member.id)).toHaveLength(2);
  });

  it('dates a change from the day it took effect, when the administrator gives one', async () => {
    const member = await createStaffMember(env.owner, m, { teamIds: [teamA] });
    const today = todayInAmsterdam();
    const since = addDays(today, -60);
    await sql`update staff_periods set valid_from = ${since} where staff_id = ${member.id}`.execute(
      env.owner,
    );
    const version = async () =>
      (await call(env.app, admin, 'GET', `/api/v1/staff/${member.id}`)).json<{ version: number }>()
        .version;
    const tookEffect = addDays(today, -30);
    const changed = await call(env.app, admin, 'PATCH', `/api/v1/staff/${member.id}`, {
      version: await version(),
      hoursPerWeek: 24,
      effectiveFrom: tookEffect,
    });
    expect(changed.statusCode, changed.body).toBe(200);
    const expected = [
      {
        valid_from: since,
        valid_until: tookEffect,
        hours_per_week: 32,
        team_ids: [teamA],
        active: true,
      },
      {
        valid_from: tookEffect,
        valid_until: null,
        hours_per_week: 24,
        team_ids: [teamA],
        active: true,
      },
    ];
    expect(await periodsOf(member.id)).toEqual(expected);
    const { rows } = await sql<{ reason: string }>`select reason from audit_events
      where action = 'staff.update' and object_id = ${member.id}`.execute(env.owner);
    expect(rows.map((r) => r.reason)).toEqual([`changed: hoursPerWeek (from ${tookEffect})`]);

    // Refused, naming the field, and nothing changes: before the previous change, in the future,
    // or more than 92 days back.
    for (const [day, reasonNl] of [
      [addDays(today, -40), `ligt vóór de vorige wijziging (${readableDay(tookEffect).nl})`],
      [addDays(today, 1), 'mag niet in de toekomst liggen'],
      [
        addDays(today, -93),
        `mag hoogstens 92 dagen terug liggen (vanaf ${readableDay(addDays(today, -92)).nl})`,
      ],
    ] as const) {
      const refused = await call(env.app, admin, 'PATCH', `/api/v1/staff/${member.id}`, {
        version: await version(),
        hoursPerWeek: 16,
        effectiveFrom: day,
      });
      expect(refused.statusCode).toBe(400);
      expect(
        refused.json<{ invalidParams: { name: string; reasonNl: string }[] }>().invalidParams,
      ).toEqual([expect.objectContaining({ name: 'effectiveFrom', reasonNl })]);
    }
    expect(await periodsOf(member.id)).toEqual(expected);

    // The administrator reads the history back, newest first, with the last day of each stretch.
    const history = await call(env.app, admin, 'GET', `/api/v1/staff/${member.id}/periods`);
    expect(history.statusCode).toBe(200);
    expect(
      history
        .json<{ items: { validFrom: string; validTo: string | null; hoursPerWeek: number }[] }>()
        .items.map((p) => [p.validFrom, p.validTo, p.hoursPerWeek]),
    ).toEqual([
      [tookEffect, null, 24],
      [since, addDays(tookEffect, -1), 32],
    ]);
    expect(
      (await call(env.app, gemeente, 'GET', `/api/v1/staff/${member.id}/periods`)).statusCode,
    ).toBe(403);
    expect((await call(env.app, admin, 'GET', `/api/v1/staff/${newId()}/periods`)).statusCode).toBe(
      404,
    );
  });

  it('cannot be rewritten by the app role beyond what a correction needs: no removing, no roles', async () => {
    const member = await createStaffMember(env.owner, m, { teamIds: [teamA] });
    const remove = sql`delete from staff_periods where staff_id = ${member.id}`.execute(env.db);
    await expect(remove).rejects.toThrow(/permission denied/);
    const role = sql`update staff_periods set role = 'admin' where staff_id = ${member.id}`.execute(
      env.db,
    );
    await expect(role).rejects.toThrow(/permission denied/);
  });
});

describe('correcting the history (admin)', () => {
  type Shown = { validFrom: string; validTo: string | null; hoursPerWeek: number };
  const shown = (items: Shown[]) => items.map((p) => [p.validFrom, p.validTo, p.hoursPerWeek]);

  /** A member with 24 hours from 2025-01-01 and 32 from 2025-09-01, as the trigger would have it. */
  async function memberWithTwoStretches() {
    const member = await createStaffMember(env.owner, m, { teamIds: [teamA] });
    await sql`delete from staff_periods where staff_id = ${member.id}`.execute(env.owner);
    await sql`insert into staff_periods (municipality_id, staff_id, valid_from, valid_until, role,
                                         hours_per_week, team_ids, active)
              values (${m}, ${member.id}, '2025-01-01', '2025-09-01', 'worker', 24, ${[teamA]}, true),
                     (${m}, ${member.id}, '2025-09-01', null, 'worker', 32, ${[teamA]}, true)`.execute(
      env.owner,
    );
    return member.id;
  }

  const correct = (staffId: string, validFrom: string, body: Record<string, unknown>) =>
    call(env.app, admin, 'PATCH', `/api/v1/staff/${staffId}/periods/${validFrom}`, body);

  it('moves the start of a stretch with the end of the one before, and corrects past hours', async () => {
    const member = await memberWithTwoStretches();
    // The change to 32 hours took effect on 1 August, not 1 September.
    const moved = await correct(member, '2025-09-01', {
      validFrom: '2025-08-01',
      expected: { validTo: null, hoursPerWeek: 32 },
    });
    expect(moved.statusCode, moved.body).toBe(200);
    expect(shown(moved.json<{ items: Shown[] }>().items)).toEqual([
      ['2025-08-01', null, 32],
      ['2025-01-01', '2025-07-31', 24],
    ]);
    // And the first stretch was 20 hours, not 24.
    const hours = await correct(member, '2025-01-01', {
      hoursPerWeek: 20,
      expected: { validTo: '2025-07-31', hoursPerWeek: 24 },
    });
    expect(hours.statusCode, hours.body).toBe(200);
    expect(await periodsOf(member)).toEqual([
      {
        valid_from: '2025-01-01',
        valid_until: '2025-08-01',
        hours_per_week: 20,
        team_ids: [teamA],
        active: true,
      },
      {
        valid_from: '2025-08-01',
        valid_until: null,
        hours_per_week: 32,
        team_ids: [teamA],
        active: true,
      },
    ]);
    const { rows } = await sql<{ reason: string }>`select reason from audit_events
      where object_id = ${member} and action = 'staff.update' order by at, reason`.execute(
      env.owner,
    );
    expect(rows.map((r) => r.reason).sort()).toEqual([
      'history corrected, stretch from 2025-01-01: hoursPerWeek 24->20',
      'history corrected, stretch from 2025-09-01: validFrom 2025-09-01->2025-08-01',
    ]);
  });

  it('enters the years before the system: the business case then counts them', async () => {
    const member = await memberWithTwoStretches();
    const before = await call(
      env.app,
      gemeente,
      'GET',
      '/api/v1/business-case?fromYear=2024&toYear=2024',
    );
    expect(before.body).toContain('Bezetting van 01-01-2024 t/m 31-12-2024 onbekend');
    // Every other staff member's history starts in 2025 or later in this municipality; moving
    // theirs back too is what an administrator entering the past would do.
    const { rows: firsts } = await sql<{
      staff_id: string;
      valid_from: string;
      valid_until: string | null;
      hours_per_week: number;
    }>`
      select distinct on (staff_id) staff_id, valid_from::text, valid_until::text, hours_per_week
      from staff_periods where municipality_id = ${m} order by staff_id, valid_from`.execute(
      env.owner,
    );
    for (const first of firsts) {
      const response = await correct(first.staff_id, first.valid_from, {
        validFrom: '2023-03-01',
        expected: {
          validTo: first.valid_until === null ? null : addDays(first.valid_until, -1),
          hoursPerWeek: first.hours_per_week,
        },
      });
      expect(response.statusCode, response.body).toBe(200);
    }
    expect(
      shown(
        (await call(env.app, admin, 'GET', `/api/v1/staff/${member}/periods`)).json<{
          items: Shown[];
        }>().items,
      ),
    ).toEqual([
      ['2025-09-01', null, 32],
      ['2023-03-01', '2025-08-31', 24],
    ]);
    const after = await call(
      env.app,
      gemeente,
      'GET',
      '/api/v1/business-case?fromYear=2024&toYear=2024',
    );
    expect(after.statusCode).toBe(200);
    expect(after.body).not.toContain('Bezetting van');
  });

  it('splits a stretch on a day, so that the part before can have other hours', async () => {
    const member = await memberWithTwoStretches();
    const split = await call(
      env.app,
      admin,
      'POST',
      `/api/v1/staff/${member}/periods/2025-01-01/split`,
      { on: '2025-04-01', expected: { validTo: '2025-08-31', hoursPerWeek: 24 } },
    );
    expect(split.statusCode, split.body).toBe(200);
    expect(shown(split.json<{ items: Shown[] }>().items)).toEqual([
      ['2025-09-01', null, 32],
      ['2025-04-01', '2025-08-31', 24],
      ['2025-01-01', '2025-03-31', 24],
    ]);
    const hours = await correct(member, '2025-01-01', {
      hoursPerWeek: 16,
      expected: { validTo: '2025-03-31', hoursPerWeek: 24 },
    });
    expect(hours.statusCode, hours.body).toBe(200);
    // The current stretch splits too: the part before it ends the day before, the rest holds on.
    const today = todayInAmsterdam();
    const current = await call(
      env.app,
      admin,
      'POST',
      `/api/v1/staff/${member}/periods/2025-09-01/split`,
      { on: today, expected: { validTo: null, hoursPerWeek: 32 } },
    );
    expect(current.statusCode, current.body).toBe(200);
    expect(await periodsOf(member)).toEqual(
      [
        ['2025-01-01', '2025-04-01', 16],
        ['2025-04-01', '2025-09-01', 24],
        ['2025-09-01', today, 32],
        [today, null, 32],
      ].map(([from, until, hours]) => ({
        valid_from: from,
        valid_until: until,
        hours_per_week: hours,
        team_ids: [teamA],
        active: true,
      })),
    );
    const { rows } = await sql<{ reason: string }>`select reason from audit_events
      where object_id = ${member} and reason like '%split%' order by reason`.execute(env.owner);
    expect(rows.map((r) => r.reason)).toEqual([
      'history corrected, stretch from 2025-01-01: split on 2025-04-01',
      `history corrected, stretch from 2025-09-01: split on ${today}`,
    ]);
    // Not on its own first day, not after its last, not in the future; seen stale: 409.
    for (const [from, on, validTo, hoursPerWeek, status] of [
      ['2025-04-01', '2025-04-01', '2025-08-31', 24, 400],
      ['2025-04-01', '2025-09-01', '2025-08-31', 24, 400],
      [today, addDays(today, 1), null, 32, 400],
      ['2025-04-01', '2025-05-01', '2025-08-31', 30, 409],
    ] as const) {
      const refused = await call(
        env.app,
        admin,
        'POST',
        `/api/v1/staff/${member}/periods/${from}/split`,
        { on, expected: { validTo, hoursPerWeek } },
      );
      expect(refused.statusCode, refused.body).toBe(status);
      if (status === 400)
        expect(
          refused.json<{ invalidParams: { name: string }[] }>().invalidParams.map((p) => p.name),
        ).toEqual(['on']);
    }
    expect(await periodsOf(member)).toHaveLength(4);
  });

  it('corrects the organisation and teams of a past stretch, not of the current one', async () => {
    const member = await memberWithTwoStretches();
    const other = newId();
    await sql`insert into organisations (municipality_id, id, name, contact_name, contact_email)
      values (${m}, ${other}, 'Welzijn Vroeger', 'V', 'v@test.demo')`.execute(env.owner);
    const first = { expected: { validTo: '2025-08-31', hoursPerWeek: 24 } };
    const corrected = await correct(member, '2025-01-01', {
      ...first,
      organisationId: other,
      teamIds: [teamB, teamA, teamB],
    });
    expect(corrected.statusCode, corrected.body).toBe(200);
    const { rows } = await sql<{ organisation_id: string | null; team_ids: string[] }>`
      select organisation_id, team_ids from staff_periods
      where staff_id = ${member} order by valid_from`.execute(env.owner);
    expect(rows).toEqual([
      { organisation_id: other, team_ids: [teamA, teamB].sort() },
      { organisation_id: null, team_ids: [teamA] },
    ]);
    const audit = await sql<{ reason: string }>`select reason from audit_events
      where object_id = ${member} and action = 'staff.update'`.execute(env.owner);
    expect(audit.rows.map((r) => r.reason)).toEqual([
      `history corrected, stretch from 2025-01-01: organisationId null->${other}, teamIds ${teamA}->${[teamA, teamB].sort().join('+')}`,
    ]);
    // Seen before that correction (no organisation, team A only): 409, as for hours.
    const stale = await correct(member, '2025-01-01', {
      expected: { ...first.expected, organisationId: null, teamIds: [teamA] },
      hoursPerWeek: 20,
    });
    expect(stale.statusCode).toBe(409);
    // The current stretch's organisation and teams are the staff member's: the staff form.
    const current = { expected: { validTo: null, hoursPerWeek: 32 } };
    for (const [body, field] of [
      [{ ...current, organisationId: other }, 'organisationId'],
      [{ ...current, teamIds: [teamB] }, 'teamIds'],
      [{ ...first, organisationId: newId() }, 'organisationId'],
      // Named by its place in the request, not in the stored (sorted) list.
      [{ ...first, teamIds: [teamA, newId(), teamB] }, 'teamIds.1'],
      [{ ...first, teamIds: [newId(), teamA] }, 'teamIds.0'],
    ] as const) {
      const from = body.expected.validTo === null ? '2025-09-01' : '2025-01-01';
      const refused = await correct(member, from, body);
      expect(refused.statusCode, refused.body).toBe(400);
      expect(
        refused.json<{ invalidParams: { name: string }[] }>().invalidParams.map((p) => p.name),
      ).toEqual([field]);
    }
  });

  it('refuses what cannot be, naming the field, and changes nothing', async () => {
    const member = await memberWithTwoStretches();
    const before = await periodsOf(member);
    const first = { expected: { validTo: '2025-08-31', hoursPerWeek: 24 } };
    const current = { expected: { validTo: null, hoursPerWeek: 32 } };
    const tomorrow = addDays(todayInAmsterdam(), 1);
    for (const [validFrom, body, field, reasonNl] of [
      [
        '2025-09-01',
        { ...current, validFrom: tomorrow },
        'validFrom',
        'mag niet in de toekomst liggen',
      ],
      [
        '2025-01-01',
        { ...first, validFrom: '1999-12-31' },
        'validFrom',
        'mag niet vóór 01-01-2000 liggen',
      ],
      [
        '2025-01-01',
        { ...first, validFrom: '2025-09-01' },
        'validFrom',
        'moet op of vóór de laatste dag van deze periode liggen (31-08-2025)',
      ],
      [
        '2025-09-01',
        { ...current, validFrom: '2025-01-01' },
        'validFrom',
        'moet na de eerste dag van de periode ervoor liggen (01-01-2025)',
      ],
      [
        '2025-09-01',
        { ...current, hoursPerWeek: 30 },
        'hoursPerWeek',
        'zijn de huidige uren: wijzig die met het formulier van de medewerker',
      ],
      ['2025-01-01', { ...first, hoursPerWeek: 61 }, 'hoursPerWeek', undefined],
    ] as const) {
      const response = await correct(member, validFrom, body);
      expect(response.statusCode, response.body).toBe(400);
      const problem = response.json<{ invalidParams: { name: string; reasonNl: string }[] }>();
      expect(problem.invalidParams.map((p) => p.name)).toEqual([field]);
      if (reasonNl) expect(problem.invalidParams[0]?.reasonNl).toBe(reasonNl);
    }
    // Seen as it no longer is (someone corrected it meanwhile): 409. No such stretch: 404.
    const stale = await correct(member, '2025-01-01', {
      hoursPerWeek: 20,
      expected: { validTo: '2025-08-31', hoursPerWeek: 28 },
    });
    expect(stale.statusCode).toBe(409);
    expect((await correct(member, '2025-02-01', { ...first, hoursPerWeek: 20 })).statusCode).toBe(
      404,
    );
    const byMunicipality = await call(
      env.app,
      gemeente,
      'PATCH',
      `/api/v1/staff/${member}/periods/2025-01-01`,
      {
        ...first,
        hoursPerWeek: 20,
      },
    );
    expect(byMunicipality.statusCode).toBe(403);
    expect(await periodsOf(member)).toEqual(before);
  });
});

describe('seconded hours of a year, with that year’s staff', () => {
  it('counts a leaver until they left, a change of hours from its day, a newcomer from theirs', async () => {
    const orgW = newId();
    await sql`insert into organisations (municipality_id, id, name, contact_name, contact_email)
      values (${m}, ${orgW}, 'Welzijn W', 'W', 'w@test.demo')`.execute(env.owner);
    const price = await call(env.app, gemeente, 'POST', '/api/v1/prices', {
      kind: 'organisation_hour',
      organisationId: orgW,
      amountCents: 7000,
      validFrom: '2025-01-01',
      sourceNote: 'Subsidiebeschikking W 2025',
    });
    expect(price.statusCode, price.body).toBe(201);
    const leaver = await createStaffMember(env.owner, m, { organisationId: orgW });
    const changer = await createStaffMember(env.owner, m, { organisationId: orgW });
    const newcomer = await createStaffMember(env.owner, m, { organisationId: orgW });
    // The history as the trigger would have written it over the years (written by hand here).
    await sql`delete from staff_periods where staff_id in (${leaver.id}, ${changer.id}, ${newcomer.id})`.execute(
      env.owner,
    );
    const period = (
      staffId: string,
      from: string,
      until: string | null,
      hours: number,
      teams: string[],
      active = true,
    ) =>
      sql`insert into staff_periods (municipality_id, staff_id, valid_from, valid_until,
        organisation_id, role, hours_per_week, team_ids, active)
      values (${m}, ${staffId}, ${from}, ${until}, ${orgW}, 'worker', ${hours}, ${teams}, ${active})`.execute(
        env.owner,
      );
    await period(leaver.id, '2020-01-01', '2025-04-01', 36, [teamA]);
    await period(leaver.id, '2025-04-01', null, 36, [teamA], false);
    await period(changer.id, '2020-01-01', '2025-07-01', 18, [teamA]);
    await period(changer.id, '2025-07-01', null, 27, [teamA]);
    await period(newcomer.id, '2025-10-01', null, 24, [teamA, teamB]);

    const response = await call(
      env.app,
      gemeente,
      'GET',
      `/api/v1/business-case?fromYear=2025&toYear=2025&teamId=${teamA}`,
    );
    expect(response.statusCode, response.body).toBe(200);
    const column = response
      .json<{
        columns: {
          teamId: string | null;
          costs: {
            lines: {
              key: string;
              cents: number;
              parts: { label: { nl: string }; cents: number }[];
            }[];
          };
        }[];
      }>()
      .columns.find((c) => c.teamId === teamA);
    const seconded = column?.costs.lines.find((l) => l.key === 'seconded_hours');
    // 1 Jan-31 Mar, 90 days: 36 + 18 = 54 h × 90 / 7 × 70 = 4,860,000
    // 1 Apr-30 Jun, 91 days: 18 h (the leaver has gone) × 91 / 7 × 70 = 1,638,000
    // 1 Jul-30 Sep, 92 days: 27 h × 92 / 7 × 70 = 2,484,000
    // 1 Oct-31 Dec, 92 days: 27 + 24 / 2 = 39 h × 92 / 7 × 70 = 3,588,000
    expect(seconded?.parts.map((p) => [p.label.nl, p.cents])).toEqual([
      ['Welzijn W (01-01-2025 t/m 31-03-2025)', 4_860_000],
      ['Welzijn W (01-04-2025 t/m 30-06-2025)', 1_638_000],
      ['Welzijn W (01-07-2025 t/m 30-09-2025)', 2_484_000],
      ['Welzijn W (01-10-2025 t/m 31-12-2025)', 3_588_000],
    ]);
    expect(seconded?.cents).toBe(12_570_000);

    // Before anyone's history began (1 January 2020 here) the hours are unknown: said, not zero.
    const before = await call(
      env.app,
      gemeente,
      'GET',
      `/api/v1/business-case?fromYear=2019&toYear=2020&teamId=${teamA}`,
    );
    const missing = (year: number) =>
      before
        .json<{ columns: { year: number; teamId: string | null; missing: { en: string }[] }[] }>()
        .columns.find((c) => c.year === year && c.teamId === teamA)
        ?.missing.map((m) => m.en);
    expect(missing(2019)).toContain(
      'Staffing from 01/01/2019 to 31/12/2019 unknown: staff hours are recorded from 01/01/2020 only (not counted)',
    );
    expect(missing(2020)?.filter((m) => m.startsWith('Staffing'))).toEqual([]);
  });
});

describe('a team’s hours over time (pure)', () => {
  const p = (
    teamIds: string[],
    hoursPerWeek: number,
    from: string,
    until: string | null,
    organisationId: string | null = 'w',
  ): StaffPeriod => ({ organisationId, teamIds, hoursPerWeek, from, until });

  it('splits where the sum changes, joins stretches of equal hours, leaves out days without any', () => {
    const periods = [
      p(['a'], 10, '2025-01-01', '2025-02-01'),
      p(['a'], 10, '2025-02-01', null), // a change elsewhere (another team): the same 10 hours
      p(['a', 'b'], 12, '2025-03-01', '2025-03-11'),
      p(['a'], 8, '2025-01-01', null, 'g'),
      p(['b'], 40, '2024-01-01', null),
    ];
    const stretches = teamHoursOverTime(periods, 'a', '2025-01-01', '2025-12-31');
    expect(stretches.get('w')).toEqual([
      { from: '2025-01-01', to: '2025-02-28', days: 59, hoursPerWeek: 10 },
      { from: '2025-03-01', to: '2025-03-10', days: 10, hoursPerWeek: 16 },
      { from: '2025-03-11', to: '2025-12-31', days: 296, hoursPerWeek: 10 },
    ]);
    expect(stretches.get('g')).toEqual([
      { from: '2025-01-01', to: '2025-12-31', days: 365, hoursPerWeek: 8 },
    ]);
    const gap = teamHoursOverTime(
      [p(['a'], 20, '2025-01-01', '2025-07-01'), p(['a'], 20, '2025-10-01', null)],
      'a',
      '2025-01-01',
      '2025-12-31',
    );
    expect(gap.get('w')?.map((s) => [s.from, s.to])).toEqual([
      ['2025-01-01', '2025-06-30'],
      ['2025-10-01', '2025-12-31'],
    ]);
    expect(teamHoursOverTime(periods, 'c', '2025-01-01', '2025-12-31').size).toBe(0);
  });

  it('weighs a team by its hours a week averaged over the days of the period', () => {
    // 36 h for 100 of 365 days, then none: 36 × 100 / 365.
    const periods = [p(['a'], 36, '2020-01-01', '2025-04-11')];
    expect(averageTeamHours(periods, 'a', '2025-01-01', '2025-12-31')).toBeCloseTo(
      (36 * 100) / 365,
      10,
    );
    expect(averageTeamHours(periods, 'a', '2024-01-01', '2024-12-31')).toBe(36);
    expect(averageTeamHours(periods, 'a', '2026-01-01', '2026-12-31')).toBe(0);
  });
});
