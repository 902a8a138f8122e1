import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import {
  call,
  createDemoEnv,
  lastAuditOf,
  login,
  type Session,
  type TestEnv,
} from '../../../test/harness.js';

interface Problem {
  code: string;
  invalidParams?: { name: string; reasonNl: string }[];
}

let env: TestEnv;
let worker: Session;
let worker2: Session;
let admin: Session;
let gemeente: Session;

const ZRM_DOMAINS = [
  'finances',
  'work_and_education',
  'time_use',
  'housing',
  'domestic_relations',
  'mental_health',
  'physical_health',
  'substance_use',
  'basic_adl',
  'instrumental_adl',
  'social_network',
  'participation',
  'justice',
];
const today = () =>
  new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Amsterdam' }).format(new Date());

/**
 * Opens a trajectory for a new resident `name`; with `openedAt`, moves its opening back to then
 * (a measurement after three months is accepted only from three months after the opening).
 */
async function openTrajectory(session: Session, name: string, openedAt?: string): Promise<string> {
  const created = await call(env.app, session, 'POST', '/api/v1/registrations', {
    teamId: session.user.teamIds[0],
    source: 'self',
    receivedAt: new Date(Date.now() - 3_600_000).toISOString(),
    question: 'Meerdere vragen',
    resident: { givenName: 'Meting', familyName: name },
  });
  // Triage follows the first contact.
  await call(
    env.app,
    session,
    'POST',
    `/api/v1/registrations/${created.json<{ id: string }>().id}/first-contact`,
    {
      at: new Date().toISOString(),
      kind: 'home_visit',
    },
  );
  const triage = await call(
    env.app,
    session,
    'POST',
    `/api/v1/registrations/${created.json<{ id: string }>().id}/triage`,
    { outcome: 'multiple_problems' },
  );
  const trajectoryId = triage.json<{ trajectoryId: string }>().trajectoryId;
  if (openedAt) {
    await sql`update trajectories set opened_at = ${openedAt}::timestamptz
               where id = ${trajectoryId}::uuid`.execute(env.owner);
  }
  return trajectoryId;
}

/** Four months before now: a trajectory this old may have its measurement after three months. */
const fourMonthsAgo = () => new Date(Date.now() - 122 * 86_400_000).toISOString();

const zrm = (value: number, overrides: Record<string, number | null> = {}) => ({
  ...Object.fromEntries(ZRM_DOMAINS.map((d) => [d, value])),
  justice: null,
  ...overrides,
});

/** Back to the defaults (ZRM 2017, no Positieve Gezondheid), so no describe depends on another's. */
async function restoreDefaultInstruments(): Promise<void> {
  const response = await call(env.app, admin, 'PUT', '/api/v1/instrument-settings', {
    zrmInstrument: 'zrm-2017',
    positiveHealthEnabled: false,
  });
  expect(response.statusCode).toBe(200);
}

beforeAll(async () => {
  env = await createDemoEnv();
  worker = await login(env.app, 'worker@maastricht.demo');
  worker2 = await login(env.app, 'worker2@maastricht.demo');
  admin = await login(env.app, 'admin@maastricht.demo');
  gemeente = await login(env.app, 'gemeente@maastricht.demo');
});

describe('instruments', () => {
  it('lists ZRM 2013 (11 domains), ZRM 2017 (13) and Positieve Gezondheid (6), with 2017 in use by default', async () => {
    const items = (await call(env.app, worker, 'GET', '/api/v1/instruments')).json<{
      items: {
        key: string;
        domains: unknown[];
        scale: { min: number; max: number };
        inUse: boolean;
        levels: { label: string }[];
      }[];
    }>().items;
    const byKey = Object.fromEntries(items.map((i) => [i.key, i]));
    expect(byKey['zrm-2013']?.domains).toHaveLength(11);
    expect(byKey['zrm-2017']?.domains).toHaveLength(13);
    expect(byKey['positive-health']?.domains).toHaveLength(6);
    expect(byKey['positive-health']?.scale).toEqual({ min: 0, max: 10, step: 0.1 });
    expect(byKey['zrm-2017']?.inUse).toBe(true);
    expect(byKey['zrm-2017']?.levels.map((l) => l.label)).toEqual([
      'Acute problematiek',
      'Niet zelfredzaam',
      'Beperkt zelfredzaam',
      'Voldoende zelfredzaam',
      'Volledig zelfredzaam',
    ]);
  });

  it('shows the licensed level texts once the admin loads them, and refuses unknown domains', async () => {
    const bad = await call(env.app, admin, 'PUT', '/api/v1/instruments/zrm-2017/texts', {
      levels: { money: { '1': 'x' }, finances: { '7': 'y' } },
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json<Problem>().invalidParams?.map((p) => p.name)).toEqual([
      'levels.money',
      'levels.finances.7',
    ]);
    const ok = await call(env.app, admin, 'PUT', '/api/v1/instruments/zrm-2017/texts', {
      levels: {
        finances: {
          '1': 'Groeiende complexe schulden.',
          '5': 'Vrij besteedbaar inkomen, adequaat beheer.',
        },
      },
    });
    expect(ok.statusCode).toBe(200);
    const items = (await call(env.app, worker, 'GET', '/api/v1/instruments')).json<{
      items: {
        key: string;
        domains: { key: string; levelTexts: Record<string, string> | null }[];
      }[];
    }>().items;
    const finances = items
      .find((i) => i.key === 'zrm-2017')
      ?.domains.find((d) => d.key === 'finances');
    expect(finances?.levelTexts?.['1']).toBe('Groeiende complexe schulden.');
    expect(
      (await call(env.app, worker, 'PUT', '/api/v1/instruments/zrm-2017/texts', { levels: {} }))
        .statusCode,
    ).toBe(403);
  });
});

describe('recording a ZRM', () => {
  let trajectoryId: string;

  beforeAll(async () => {
    trajectoryId = await openTrajectory(worker2, 'Zelfredzaam', fourMonthsAgo());
  });

  it('shows the new trajectory on the due list for its start measurement, and takes it off when scored', async () => {
    const due = (await call(env.app, worker2, 'GET', '/api/v1/assessments/due')).json<{
      items: { trajectoryId: string; moment: string }[];
    }>().items;
    expect(due).toContainEqual(expect.objectContaining({ trajectoryId, moment: 'start' }));
    // The list names the households: its audit rows name their members, each once.
    const members = await sql<{ id: string }>`
      select distinct r.id::text as id from residents r
      join trajectories t on t.household_id = r.household_id
      where t.id = any(${due.map((d) => d.trajectoryId)}::uuid[])`.execute(env.owner);
    expect((await lastAuditOf(env, 'assessment.due_list')).residentIds).toEqual(
      members.rows.map((r) => r.id).sort(),
    );
    const response = await call(
      env.app,
      worker2,
      'POST',
      `/api/v1/trajectories/${trajectoryId}/assessments`,
      {
        instrument: 'zrm-2017',
        moment: 'start',
        takenAt: today(),
        scores: zrm(2),
      },
    );
    expect(response.statusCode).toBe(201);
    expect(response.json<{ scores: Record<string, number | null> }>().scores.justice).toBeNull();
    const after = (await call(env.app, worker2, 'GET', '/api/v1/assessments/due')).json<{
      items: { trajectoryId: string; moment: string }[];
    }>().items;
    expect(after).not.toContainEqual(expect.objectContaining({ trajectoryId, moment: 'start' }));
  });

  it('refuses out-of-scale and half scores, unknown domains, another version, a future date; changes nothing', async () => {
    const before = (
      await sql<{ n: number }>`select count(*)::int as n from assessments`.execute(env.owner)
    ).rows[0]?.n;
    const response = await call(
      env.app,
      worker2,
      'POST',
      `/api/v1/trajectories/${trajectoryId}/assessments`,
      {
        instrument: 'zrm-2017',
        moment: 'interim',
        takenAt: '2099-01-01',
        scores: { finances: 6, housing: 2.5, money: 3 },
      },
    );
    expect(response.statusCode).toBe(400);
    expect(
      response
        .json<Problem>()
        .invalidParams?.map((p) => p.name)
        .sort(),
    ).toEqual(['scores.finances', 'scores.housing', 'scores.money', 'takenAt']);
    expect(
      response.json<Problem>().invalidParams?.find((p) => p.name === 'scores.housing')?.reasonNl,
    ).toContain('halve');
    const otherVersion = await call(
      env.app,
      worker2,
      'POST',
      `/api/v1/trajectories/${trajectoryId}/assessments`,
      {
        instrument: 'zrm-2013',
        moment: 'interim',
        takenAt: today(),
        scores: { finances: 3 },
      },
    );
    expect(otherVersion.statusCode).toBe(400);
    expect(otherVersion.json<Problem>().invalidParams?.[0]?.name).toBe('instrument');
    const after = (
      await sql<{ n: number }>`select count(*)::int as n from assessments`.execute(env.owner)
    ).rows[0]?.n;
    expect(after).toBe(before);
  });

  it('refuses a moment measured twice, and a date before the trajectory opened', async () => {
    const twice = await call(
      env.app,
      worker2,
      'POST',
      `/api/v1/trajectories/${trajectoryId}/assessments`,
      {
        instrument: 'zrm-2017',
        moment: 'start',
        takenAt: today(),
        scores: zrm(3),
      },
    );
    expect(twice.statusCode).toBe(409);
    expect(twice.json<Problem>().invalidParams?.[0]?.name).toBe('moment');
    const early = await call(
      env.app,
      worker2,
      'POST',
      `/api/v1/trajectories/${trajectoryId}/assessments`,
      {
        instrument: 'zrm-2017',
        moment: 'interim',
        takenAt: '2020-01-01',
        scores: zrm(3),
      },
    );
    expect(early.statusCode).toBe(400);
    expect(early.json<Problem>().invalidParams?.[0]?.name).toBe('takenAt');
  });

  it('takes the opening day in Amsterdam: opened at 00:30, the day before in UTC is refused', async () => {
    const opened = await openTrajectory(worker2, 'Middernacht');
    // Opened at 00:30 Amsterdam time on 1 March 2026, which is still 28 February in UTC.
    await sql`update trajectories set opened_at = '2026-03-01T00:30:00+01:00'
               where id = ${opened}::uuid`.execute(env.owner);
    const measure = (takenAt: string) =>
      call(env.app, worker2, 'POST', `/api/v1/trajectories/${opened}/assessments`, {
        instrument: 'zrm-2017',
        moment: 'start',
        takenAt,
        scores: zrm(3),
      });
    const dayBefore = await measure('2026-02-28');
    expect(dayBefore.statusCode).toBe(400);
    expect(dayBefore.json<Problem>().invalidParams?.[0]?.name).toBe('takenAt');
    const { rows } = await sql<{ n: number }>`select count(*)::int as n from assessments
      where trajectory_id = ${opened}::uuid`.execute(env.owner);
    expect(rows[0]?.n).toBe(0);
    expect((await measure('2026-03-01')).statusCode).toBe(201);
  });

  it('shows the change per domain between the first and the latest measurement', async () => {
    await call(env.app, worker2, 'POST', `/api/v1/trajectories/${trajectoryId}/assessments`, {
      instrument: 'zrm-2017',
      moment: 'three_months',
      takenAt: today(),
      scores: zrm(2, { finances: 4, housing: 1 }),
    });
    const body = (
      await call(env.app, worker2, 'GET', `/api/v1/trajectories/${trajectoryId}/assessments`)
    ).json<{
      items: unknown[];
      progress: {
        instrument: string;
        domains: { domain: string; change: number | null; direction: string | null }[];
      }[];
    }>();
    expect(body.items).toHaveLength(2);
    const domains = Object.fromEntries((body.progress[0]?.domains ?? []).map((d) => [d.domain, d]));
    expect(domains.finances).toMatchObject({ change: 2, direction: 'improved' });
    expect(domains.housing).toMatchObject({ change: -1, direction: 'declined' });
    expect(domains.mental_health).toMatchObject({ change: 0, direction: 'stable' });
    expect(domains.justice).toMatchObject({ change: null, direction: null });
  });

  it('asks for the closing ZRM (or why not) when the trajectory is closed', async () => {
    const close = (extra: Record<string, unknown>) =>
      call(env.app, worker2, 'POST', `/api/v1/trajectories/${trajectoryId}/close`, {
        closedAt: new Date().toISOString(),
        outcome: 'goals_achieved',
        handledWithoutSpecialistCare: true,
        reason: 'Doelen bereikt',
        ...extra,
      });
    const without = await close({});
    expect(without.statusCode).toBe(400);
    expect(without.json<Problem>().invalidParams?.[0]?.name).toBe('noClosingMeasurementReason');
    await call(env.app, worker2, 'POST', `/api/v1/trajectories/${trajectoryId}/assessments`, {
      instrument: 'zrm-2017',
      moment: 'closure',
      takenAt: today(),
      scores: zrm(4),
    });
    expect((await close({})).statusCode).toBe(200);
  });

  it("keeps another team's measurements out of reach (404)", async () => {
    expect(
      (await call(env.app, worker, 'GET', `/api/v1/trajectories/${trajectoryId}/assessments`))
        .statusCode,
    ).toBe(404);
    const write = await call(
      env.app,
      worker,
      'POST',
      `/api/v1/trajectories/${trajectoryId}/assessments`,
      {
        instrument: 'zrm-2017',
        moment: 'interim',
        takenAt: today(),
        scores: zrm(1),
      },
    );
    expect(write.statusCode).toBe(404);
  });
});

/** Adds a member to the trajectory's household (by `session`), and answers their id. */
async function addMember(
  session: Session,
  trajectoryId: string,
  givenName: string,
  familyName: string,
) {
  const trajectory = await call(env.app, session, 'GET', `/api/v1/trajectories/${trajectoryId}`);
  const householdId = trajectory.json<{ householdId: string }>().householdId;
  const household = await call(env.app, session, 'GET', `/api/v1/households/${householdId}`);
  const added = await call(env.app, session, 'POST', `/api/v1/households/${householdId}/members`, {
    version: household.json<{ version: number }>().version,
    givenName,
    familyName,
    birthDate: '1979-01-01',
  });
  expect(added.statusCode, added.body).toBe(201);
  const members = added.json<{ members: { id: string; givenName: string }[] }>().members;
  return members.find((m) => m.givenName === givenName)?.id ?? '';
}

/** Records a ZRM 2017 measurement (by worker2) and expects it to be accepted. */
async function measure(
  trajectoryId: string,
  body: { moment: string; takenAt: string; residentId?: string; scores: Record<string, unknown> },
) {
  const response = await call(
    env.app,
    worker2,
    'POST',
    `/api/v1/trajectories/${trajectoryId}/assessments`,
    { instrument: 'zrm-2017', ...body },
  );
  expect(response.statusCode, response.body).toBe(201);
  return response.json<{ id: string; residentId: string | null }>();
}

interface Progress {
  residentId: string | null;
  residentName: string | null;
  instrument: string;
  fromMoment: string;
  toMoment: string;
  domains: { domain: string; first: number | null; last: number | null; change: number | null }[];
}

describe('progress per person', () => {
  it("compares each member's measurements with their own, never one member's with another's", async () => {
    const trajectoryId = await openTrajectory(worker2, 'Meetgezin', fourMonthsAgo());
    // The registered resident ("Meting Meetgezin") is measured when no member is named.
    const mother = (
      await measure(trajectoryId, { moment: 'start', takenAt: today(), scores: zrm(1) })
    ).residentId;
    const partner = await addMember(worker2, trajectoryId, 'Partner', 'Meetgezin');
    await measure(trajectoryId, {
      moment: 'start',
      takenAt: today(),
      residentId: partner,
      scores: zrm(5),
    });
    const read = async () =>
      (
        await call(env.app, worker2, 'GET', `/api/v1/trajectories/${trajectoryId}/assessments`)
      ).json<{
        items: { residentId: string | null; residentName: string | null }[];
        progress: Progress[];
      }>();
    // Two starts of two people: nothing to compare yet (it was "finances 1 -> 5, improved").
    expect((await read()).progress).toEqual([]);

    await measure(trajectoryId, {
      moment: 'three_months',
      takenAt: today(),
      residentId: partner,
      scores: zrm(4),
    });
    await measure(trajectoryId, { moment: 'interim', takenAt: today(), scores: zrm(2) });
    const body = await read();
    expect(body.items.map((i) => i.residentName).sort()).toEqual([
      'Meting Meetgezin',
      'Meting Meetgezin',
      'Partner Meetgezin',
      'Partner Meetgezin',
    ]);
    const finances = (p: Progress | undefined) => p?.domains.find((d) => d.domain === 'finances');
    const ofMother = body.progress.filter((p) => p.residentId === mother);
    const ofPartner = body.progress.filter((p) => p.residentId === partner);
    expect(body.progress).toHaveLength(2);
    expect(ofMother).toHaveLength(1);
    expect(ofMother[0]).toMatchObject({
      residentName: 'Meting Meetgezin',
      fromMoment: 'start',
      toMoment: 'interim',
    });
    expect(finances(ofMother[0])).toMatchObject({
      first: 1,
      last: 2,
      change: 1,
      direction: 'improved',
    });
    expect(ofPartner[0]).toMatchObject({
      residentName: 'Partner Meetgezin',
      fromMoment: 'start',
      toMoment: 'three_months',
    });
    expect(finances(ofPartner[0])).toMatchObject({
      first: 5,
      last: 4,
      change: -1,
      direction: 'declined',
    });
  });

  it("compares a measurement of the household as a whole with the household's own", async () => {
    const trajectoryId = await openTrajectory(worker2, 'Huishoudmeting', fourMonthsAgo());
    const member = (
      await measure(trajectoryId, { moment: 'start', takenAt: today(), scores: zrm(3) })
    ).residentId;
    /** A measurement without a member (as older data hold them): the household's. */
    const ofHousehold = async (moment: string, finances: number) => {
      const { rows } = await sql<{ id: string }>`
        insert into assessments (municipality_id, id, team_id, trajectory_id, resident_id, instrument, moment, taken_on, created_by)
        select t.municipality_id, gen_random_uuid(), t.team_id, t.id, null, 'zrm-2017', ${moment}, ${today()}::date, t.coordinator_id
          from trajectories t where t.id = ${trajectoryId}::uuid
        returning id::text as id`.execute(env.owner);
      await sql`insert into assessment_scores (municipality_id, team_id, assessment_id, domain, score)
        select a.municipality_id, a.team_id, a.id, 'finances', ${finances} from assessments a
         where a.id = ${rows[0]?.id}::uuid`.execute(env.owner);
    };
    const progressNow = async () =>
      (
        await call(env.app, worker2, 'GET', `/api/v1/trajectories/${trajectoryId}/assessments`)
      ).json<{ progress: Progress[] }>().progress;
    const finances = (p: Progress | undefined) => p?.domains.find((d) => d.domain === 'finances');

    await ofHousehold('start', 1);
    // The member's own later measurement is compared with the member's start (3), not the
    // household's (1).
    await measure(trajectoryId, { moment: 'interim', takenAt: today(), scores: zrm(4) });
    const progress = await progressNow();
    expect(progress.map((p) => p.residentId)).toEqual([member]);
    expect(finances(progress[0])).toMatchObject({ first: 3, last: 4 });

    // A later measurement of the household pairs with the household's start.
    await ofHousehold('three_months', 5);
    const both = await progressNow();
    expect(both.map((p) => p.residentId).sort()).toEqual([member, null].sort());
    const household = both.find((p) => p.residentId === null);
    expect(household).toMatchObject({
      residentName: null,
      fromMoment: 'start',
      toMoment: 'three_months',
    });
    expect(finances(household)).toMatchObject({ first: 1, last: 5 });
    expect(finances(both.find((p) => p.residentId === member))).toMatchObject({
      first: 3,
      last: 4,
    });
  });
});

describe('the order of the moments', () => {
  const count = async (trajectoryId: string) =>
    (
      await sql<{ n: number }>`select count(*)::int as n from assessments
        where trajectory_id = ${trajectoryId}::uuid`.execute(env.owner)
    ).rows[0]?.n;
  const post = (trajectoryId: string, body: Record<string, unknown>) =>
    call(env.app, worker2, 'POST', `/api/v1/trajectories/${trajectoryId}/assessments`, {
      instrument: 'zrm-2017',
      scores: zrm(3),
      ...body,
    });

  it('takes a measurement after three months from the day the due list asks for it, not before', async () => {
    // Opened on 31 January (Amsterdam): three months on is 30 April, as PostgreSQL adds months.
    const trajectoryId = await openTrajectory(worker2, 'Driemaanden', '2025-01-31T10:00:00+01:00');
    await measure(trajectoryId, { moment: 'start', takenAt: '2025-01-31', scores: zrm(2) });
    const due = (await call(env.app, worker2, 'GET', '/api/v1/assessments/due')).json<{
      items: { trajectoryId: string; moment: string; dueSince: string }[];
    }>().items;
    expect(due).toContainEqual(
      expect.objectContaining({ trajectoryId, moment: 'three_months', dueSince: '2025-04-30' }),
    );
    for (const takenAt of ['2025-01-31', '2025-04-29']) {
      const early = await post(trajectoryId, { moment: 'three_months', takenAt });
      expect(early.statusCode, takenAt).toBe(400);
      const problem = early.json<Problem & { invalidParams: { reason: string }[] }>();
      expect(problem.invalidParams).toHaveLength(1);
      expect(problem.invalidParams[0]).toMatchObject({ name: 'takenAt' });
      expect(problem.invalidParams[0]?.reasonNl).toContain('vanaf 30-04-2025');
      expect(problem.invalidParams[0]?.reason).toContain('from 30/04/2025');
    }
    expect(await count(trajectoryId)).toBe(1);
    await measure(trajectoryId, { moment: 'three_months', takenAt: '2025-04-30', scores: zrm(3) });
  });

  it('tells the scoring form the three-month day the server holds to, and whom it measures by default', async () => {
    // Opened at 00:30 on 1 February in Amsterdam, still 31 January in UTC: the day counts from
    // 1 February, as the refusal below does.
    const trajectoryId = await openTrajectory(worker2, 'Formulier', '2025-02-01T00:30:00+01:00');
    const read = async () => {
      const response = await call(
        env.app,
        worker2,
        'GET',
        `/api/v1/trajectories/${trajectoryId}/assessments`,
      );
      expect(response.statusCode, response.body).toBe(200);
      return response.json<{ threeMonthDay: string; registeredResidentId: string | null }>();
    };
    const before = await read();
    expect(before.threeMonthDay).toBe('2025-05-01');
    // The registered resident, whom a measurement without a member measures.
    const { residentId } = await measure(trajectoryId, {
      moment: 'start',
      takenAt: '2025-02-01',
      scores: zrm(2),
    });
    expect(residentId).not.toBeNull();
    expect(before.registeredResidentId).toBe(residentId);
    // A partner joining later does not change who was registered.
    await addMember(worker2, trajectoryId, 'Partner', 'Formulier');
    expect((await read()).registeredResidentId).toBe(residentId);
    // The day before the three-month day is refused, the day itself is taken.
    const early = await post(trajectoryId, { moment: 'three_months', takenAt: '2025-04-30' });
    expect(early.statusCode).toBe(400);
    await measure(trajectoryId, { moment: 'three_months', takenAt: '2025-05-01', scores: zrm(3) });
  });

  it("refuses a later moment dated before that person's start, and a start after their later one", async () => {
    const trajectoryId = await openTrajectory(worker2, 'Volgorde', '2025-01-10T10:00:00+01:00');
    await measure(trajectoryId, { moment: 'start', takenAt: '2025-06-01', scores: zrm(2) });
    for (const moment of ['three_months', 'closure']) {
      const before = await post(trajectoryId, { moment, takenAt: '2025-05-01' });
      expect(before.statusCode, moment).toBe(400);
      const problem = before.json<Problem>();
      expect(problem.invalidParams?.map((p) => p.name)).toEqual(['takenAt']);
      expect(problem.invalidParams?.[0]?.reasonNl).toContain(
        'startmeting van deze persoon (01-06-2025)',
      );
    }
    expect(await count(trajectoryId)).toBe(1);

    // Another member's start does not bind this member: the partner's own order counts.
    const partner = await addMember(worker2, trajectoryId, 'Partner', 'Volgorde');
    await measure(trajectoryId, {
      moment: 'three_months',
      takenAt: '2025-05-01',
      residentId: partner,
      scores: zrm(3),
    });
    const lateStart = await post(trajectoryId, {
      moment: 'start',
      takenAt: '2025-06-10',
      residentId: partner,
    });
    expect(lateStart.statusCode).toBe(400);
    expect(lateStart.json<Problem>().invalidParams?.[0]).toMatchObject({ name: 'takenAt' });
    expect(lateStart.json<Problem>().invalidParams?.[0]?.reasonNl).toContain('01-05-2025');
    expect(await count(trajectoryId)).toBe(2);
    await measure(trajectoryId, {
      moment: 'start',
      takenAt: '2025-04-01',
      residentId: partner,
      scores: zrm(2),
    });
  });
});

describe('Positieve Gezondheid', () => {
  afterAll(restoreDefaultInstruments);

  it('is refused until the municipality uses it, then takes 0-10 with one decimal', async () => {
    const trajectoryId = await openTrajectory(worker, 'Gezond');
    const scores = {
      bodily_functions: 6.5,
      mental_wellbeing: 4,
      meaning: 7,
      quality_of_life: 5.5,
      participation: 3,
      daily_functioning: 8,
    };
    const refused = await call(
      env.app,
      worker,
      'POST',
      `/api/v1/trajectories/${trajectoryId}/assessments`,
      { instrument: 'positive-health', moment: 'start', takenAt: today(), scores },
    );
    expect(refused.statusCode).toBe(400);
    await call(env.app, admin, 'PUT', '/api/v1/instrument-settings', {
      zrmInstrument: 'zrm-2017',
      positiveHealthEnabled: true,
    });
    const ok = await call(
      env.app,
      worker,
      'POST',
      `/api/v1/trajectories/${trajectoryId}/assessments`,
      { instrument: 'positive-health', moment: 'start', takenAt: today(), scores },
    );
    expect(ok.statusCode).toBe(201);
    const tooFine = await call(
      env.app,
      worker,
      'POST',
      `/api/v1/trajectories/${trajectoryId}/assessments`,
      {
        instrument: 'positive-health',
        moment: 'interim',
        takenAt: today(),
        scores: { ...scores, meaning: 7.25 },
      },
    );
    expect(tooFine.statusCode).toBe(400);
    expect(tooFine.json<Problem>().invalidParams?.[0]?.name).toBe('scores.meaning');
  });
});

describe('the aggregated ZRM analysis', () => {
  it('reports per domain the shares, the mean change and the paired test, without persons', async () => {
    // Eight households of Noordwest (the other describes measure in Oost), measured at the start
    // and after three months: finances improves by 2 for the first and by 1 for the other seven;
    // housing goes from 2 to 1 for the first and does not change for the seven.
    const first = await openTrajectory(worker, 'AnalyseEerste', fourMonthsAgo());
    for (const [moment, scores] of [
      ['start', zrm(2)],
      ['three_months', zrm(2, { finances: 4, housing: 1 })],
    ] as const) {
      const measured = await call(
        env.app,
        worker,
        'POST',
        `/api/v1/trajectories/${first}/assessments`,
        {
          instrument: 'zrm-2017',
          moment,
          takenAt: today(),
          scores,
        },
      );
      expect(measured.statusCode).toBe(201);
    }
    for (let i = 0; i < 7; i++) {
      const id = await openTrajectory(worker, `Analyse${i}`, fourMonthsAgo());
      await call(env.app, worker, 'POST', `/api/v1/trajectories/${id}/assessments`, {
        instrument: 'zrm-2017',
        moment: 'start',
        takenAt: today(),
        scores: zrm(2),
      });
      await call(env.app, worker, 'POST', `/api/v1/trajectories/${id}/assessments`, {
        instrument: 'zrm-2017',
        moment: 'three_months',
        takenAt: today(),
        scores: zrm(2, { finances: 3 }),
      });
    }
    const response = await call(
      env.app,
      gemeente,
      'GET',
      `/api/v1/reports/zrm?comparison=start_three_months&teamId=${worker.user.teamIds[0]}`,
    );
    expect(response.statusCode).toBe(200);
    const report = response.json<{
      domains: {
        domain: string;
        pairs: number;
        improved: number;
        stable: number;
        declined: number;
        meanChange: number;
        test: { n: number; wPlus: number; pValue: number | null; method: string };
      }[];
      completeness: { withStart: number; withThreeMonths: number };
    }>();
    const finances = report.domains.find((d) => d.domain === 'finances');
    // Eight pairs: seven of +1 and one of +2. Ranks: |1| x7 share ranks 1..7 (4 each), |2| rank 8.
    // W+ = 7*4 + 8 = 36, W- = 0, n = 8, tied -> normal approximation:
    // variance = 8*9*17/24 - (7^3-7)/48 = 51 - 7 = 44; z = (36 - 18 - 0.5)/sqrt(44) = 2.6382; p = 0.00833.
    expect(finances).toMatchObject({
      pairs: 8,
      improved: 1,
      stable: 0,
      declined: 0,
      meanChange: 1.13,
    });
    expect(finances?.test).toMatchObject({ n: 8, wPlus: 36, method: 'normal' });
    expect(finances?.test.pValue).toBeCloseTo(0.0083, 3);
    const housing = report.domains.find((d) => d.domain === 'housing');
    // The first household went from 2 to 1 in housing; the seven stayed at 2.
    expect(housing).toMatchObject({ pairs: 8, declined: 0.125, stable: 0.875 });
    expect(housing?.test.method).toBe('too_few_pairs');
    expect(report.completeness.withThreeMonths).toBeGreaterThanOrEqual(8);
    expect(response.body).not.toMatch(/Analyse|Zelfredzaam/);
  });

  it('is refused for a team the caller does not belong to (404)', async () => {
    expect(
      (await call(env.app, worker2, 'GET', `/api/v1/reports/zrm?teamId=${worker.user.teamIds[0]}`))
        .statusCode,
    ).toBe(404);
    expect((await call(env.app, admin, 'GET', '/api/v1/reports/zrm')).statusCode).toBe(403);
  });
});

describe('a change of ZRM version', () => {
  afterAll(restoreDefaultInstruments);

  // 2013 domains: the eleven of the 2010/2013 matrix; justice left "not discussed".
  const zrm2013 = {
    finances: 2,
    daytime_activities: 2,
    housing: 2,
    domestic_relations: 3,
    mental_health: 3,
    physical_health: 3,
    substance_use: 3,
    adl: 2,
    social_network: 3,
    participation: 3,
    justice: null,
  };
  type Report = {
    versionPairs: string[];
    domains: { domain: string; pairs: number; sharedAcrossVersions: boolean }[];
  };
  const pairsOf = (report: Report, domain: string) =>
    report.domains.find((d) => d.domain === domain)?.pairs;

  it('keeps a start on the 2013 matrix comparable with a 2017 follow-up on the shared domains', async () => {
    await call(env.app, admin, 'PUT', '/api/v1/instrument-settings', {
      zrmInstrument: 'zrm-2013',
      positiveHealthEnabled: true,
    });
    const id = await openTrajectory(worker2, 'Versiewissel', fourMonthsAgo());
    const start = await call(env.app, worker2, 'POST', `/api/v1/trajectories/${id}/assessments`, {
      instrument: 'zrm-2013',
      moment: 'start',
      takenAt: today(),
      scores: zrm2013,
    });
    expect(start.statusCode).toBe(201);
    await call(env.app, admin, 'PUT', '/api/v1/instrument-settings', {
      zrmInstrument: 'zrm-2017',
      positiveHealthEnabled: true,
    });
    const teamId = worker2.user.teamIds[0];
    const reportUrl = `/api/v1/reports/zrm?comparison=start_three_months&teamId=${teamId}`;
    const before = (await call(env.app, gemeente, 'GET', reportUrl)).json<Report>();

    const later = await call(env.app, worker2, 'POST', `/api/v1/trajectories/${id}/assessments`, {
      instrument: 'zrm-2017',
      moment: 'three_months',
      takenAt: today(),
      scores: zrm(3, { finances: 4, housing: 2, time_use: 4, basic_adl: 4, social_network: 2 }),
    });
    expect(later.statusCode).toBe(201);

    // The household's own view: one ZRM series, from the 2013 start to the 2017 follow-up.
    const own = (
      await call(env.app, worker2, 'GET', `/api/v1/trajectories/${id}/assessments`)
    ).json<{
      progress: {
        instrument: string;
        fromInstrument: string;
        fromMoment: string;
        toMoment: string;
        domains: {
          domain: string;
          first: number | null;
          change: number | null;
          direction: string;
        }[];
      }[];
    }>();
    const series = own.progress.find((p) => p.instrument === 'zrm-2017');
    expect(series).toMatchObject({
      fromInstrument: 'zrm-2013',
      fromMoment: 'start',
      toMoment: 'three_months',
    });
    const change = (domain: string) => series?.domains.find((d) => d.domain === domain);
    expect(change('finances')).toMatchObject({ first: 2, change: 2, direction: 'improved' });
    expect(change('housing')).toMatchObject({ first: 2, change: 0, direction: 'stable' });
    expect(change('social_network')).toMatchObject({ change: -1, direction: 'declined' });
    // time_use and basic_adl have no 2013 counterpart (daytime_activities and adl are other
    // domains): no change is invented.
    expect(change('time_use')).toMatchObject({ first: null, change: null });
    expect(change('basic_adl')).toMatchObject({ first: null, change: null });

    // The aggregate: this pair adds one to every shared domain that was scored both times, and
    // nothing to the domains only the 2017 matrix has.
    const after = (await call(env.app, gemeente, 'GET', reportUrl)).json<Report>();
    expect(after.versionPairs).toContain('zrm-2013>zrm-2017');
    expect(pairsOf(after, 'finances')).toBe((pairsOf(before, 'finances') ?? 0) + 1);
    expect(pairsOf(after, 'housing')).toBe((pairsOf(before, 'housing') ?? 0) + 1);
    expect(pairsOf(after, 'time_use')).toBe(pairsOf(before, 'time_use'));
    expect(pairsOf(after, 'justice')).toBe(pairsOf(before, 'justice'));
    expect(after.domains.find((d) => d.domain === 'time_use')?.sharedAcrossVersions).toBe(false);
    expect(after.domains.find((d) => d.domain === 'finances')?.sharedAcrossVersions).toBe(true);

    // The neighbourhood filter: these test households have no address, so a buurt filter leaves
    // them out (and a buurt without households has no pairs at all).
    const inBuurt = (
      await call(env.app, gemeente, 'GET', `${reportUrl}&neighbourhoodCode=BU09359999`)
    ).json<Report & { completeness: { trajectories: number } }>();
    expect(inBuurt.domains.every((d) => d.pairs === 0)).toBe(true);
    expect(inBuurt.completeness.trajectories).toBe(0);
    const badBuurt = await call(env.app, gemeente, 'GET', `${reportUrl}&neighbourhoodCode=Wyck`);
    expect(badBuurt.statusCode).toBe(400);
    expect(badBuurt.json<Problem>().invalidParams?.[0]?.name).toBe('querystring.neighbourhoodCode');

    // The start on the old matrix still counts: the start is not due again.
    const due = (await call(env.app, worker2, 'GET', '/api/v1/assessments/due')).json<{
      items: { trajectoryId: string; moment: string }[];
    }>();
    expect(due.items.filter((d) => d.trajectoryId === id).map((d) => d.moment)).not.toContain(
      'start',
    );
  });
});
