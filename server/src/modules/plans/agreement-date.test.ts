// The date of a resident's agreement to a plan version: not before the day (in Amsterdam) the
// plan was saved, nobody agrees to a plan before it exists; not in the future either. A refused
// date is a 400 naming `agreedOn`, and nothing changes: no agreement, no audit row. An agreement
// entered late reaches back through versions that only ticked actions off since.
import { sql } from 'kysely';
import { beforeAll, describe, expect, it } from 'vitest';
import { call, createDemoEnv, login, type Session, type TestEnv } from '../../../test/harness.js';
import { addDays, todayInAmsterdam } from '../../platform/dates.js';

let env: TestEnv;
let worker: Session;

type Problem = { invalidParams?: { name: string; reason: string; reasonNl: string }[] };
type Plan = {
  version: number;
  actions: { id: string; description: string; ownerType: string; ownerName: string }[];
  agreement: { agreedOn: string; method: string; note: string | null } | null;
};

/** A day well in the past, so that the test does not depend on the day it runs. */
const DAY = addDays(todayInAmsterdam(), -20);

beforeAll(async () => {
  env = await createDemoEnv();
  worker = await login(env.app, 'worker@maastricht.demo');
});

let houseNumber = 970;

/**
 * A trajectory with a first plan version (one action): a registration with its first contact,
 * triaged (as test/cases.ts does, with the first contact that triage asks for), and a plan saved.
 */
async function trajectoryWithPlan(familyName: string): Promise<string> {
  const created = await call(env.app, worker, 'POST', '/api/v1/registrations', {
    teamId: worker.user.teamIds[0],
    source: 'self',
    receivedAt: new Date(Date.now() - 3_600_000).toISOString(),
    question: 'Wil graag hulp bij de administratie',
    resident: {
      givenName: 'Anna',
      familyName,
      address: { postcode: '6217 KL', houseNumber: houseNumber++ },
      neighbourhoodCode: 'BU09350205',
    },
  });
  expect(created.statusCode).toBe(201);
  const registration = `/api/v1/registrations/${created.json<{ id: string }>().id}`;
  const contact = await call(env.app, worker, 'POST', `${registration}/first-contact`, {
    at: new Date(Date.now() - 1_800_000).toISOString(),
    kind: 'phone',
  });
  expect(contact.statusCode).toBe(200);
  const triage = await call(env.app, worker, 'POST', `${registration}/triage`, {
    outcome: 'multiple_problems',
  });
  expect(triage.statusCode).toBe(200);
  const trajectoryId = triage.json<{ trajectoryId: string }>().trajectoryId;
  const saved = await call(env.app, worker, 'PUT', `/api/v1/trajectories/${trajectoryId}/plan`, {
    version: 0,
    actions: [{ description: 'Zelf de post openen', ownerType: 'resident', ownerName: 'Anna' }],
  });
  expect(saved.statusCode).toBe(200);
  return trajectoryId;
}

/** Version 1 as saved at 00:30 Amsterdam time on DAY: in UTC that is still the day before. */
async function savedAtHalfPastMidnight(trajectoryId: string) {
  await sql`update plan_versions
               set saved_at = (${DAY}::date + time '00:30') at time zone 'Europe/Amsterdam'
             where trajectory_id = ${trajectoryId} and version = 1`.execute(env.owner);
}

const agree = (trajectoryId: string, version: number, agreedOn: string) =>
  call(
    env.app,
    worker,
    'POST',
    `/api/v1/trajectories/${trajectoryId}/plan/versions/${version}/agreement`,
    { agreedOn, method: 'signature', note: 'Getekend op papier' },
  );

/** The agreement columns of a version and the agreement audit rows, as the database has them. */
async function stored(trajectoryId: string, version: number) {
  const { rows } = await sql<{
    agreed_on: string | null;
    agreement_method: string | null;
    agreement_note: string | null;
    agreement_recorded_by: string | null;
    audited: number;
  }>`
    select v.agreed_on::text as agreed_on, v.agreement_method, v.agreement_note,
           v.agreement_recorded_by,
           (select count(*)::int from audit_events a
             where a.action = 'plan.agreement' and a.object_id = ${trajectoryId}) as audited
      from plan_versions v
     where v.trajectory_id = ${trajectoryId} and v.version = ${version}`.execute(env.owner);
  return rows[0];
}

const nothingAgreed = {
  agreed_on: null,
  agreement_method: null,
  agreement_note: null,
  agreement_recorded_by: null,
  audited: 0,
};

/** Saves the plan again from the current version: every action ticked off, or one action added. */
async function saveAgain(trajectoryId: string, change: 'tick' | 'add'): Promise<number> {
  const plan = (
    await call(env.app, worker, 'GET', `/api/v1/trajectories/${trajectoryId}/plan`)
  ).json<Plan>();
  const actions = plan.actions.map(({ id, description, ownerType, ownerName }) => ({
    id,
    description,
    ownerType,
    ownerName,
    ...(change === 'tick' ? { status: 'done' } : {}),
  }));
  if (change === 'add')
    actions.push({
      description: 'Samen naar de schuldhulp',
      ownerType: 'team',
      ownerName: 'Wijkteam',
    } as (typeof actions)[number]);
  const saved = await call(env.app, worker, 'PUT', `/api/v1/trajectories/${trajectoryId}/plan`, {
    version: plan.version,
    actions,
  });
  expect(saved.statusCode, saved.body).toBe(200);
  return saved.json<Plan>().version;
}

const versionsOf = async (trajectoryId: string) =>
  (await call(env.app, worker, 'GET', `/api/v1/trajectories/${trajectoryId}/plan/versions`))
    .json<{ items: { version: number; agreedOn: string | null; agreedVersion: number | null }[] }>()
    .items.map((v) => [v.version, v.agreedOn, v.agreedVersion]);

describe("the date of the resident's agreement to a plan version", () => {
  it('entered late, reaches back through versions that only ticked actions off, to the one of that day', async () => {
    // Signed on paper on DAY (version 1); an action was ticked off today (version 2) before the
    // signature was entered: the agreement is to version 1's content, kept through the tick.
    const trajectoryId = await trajectoryWithPlan('Papier');
    await savedAtHalfPastMidnight(trajectoryId);
    expect(await saveAgain(trajectoryId, 'tick')).toBe(2);
    const recorded = await agree(trajectoryId, 2, DAY);
    expect(recorded.statusCode, recorded.body).toBe(200);
    expect(await versionsOf(trajectoryId)).toEqual([
      [2, DAY, 1],
      [1, DAY, 1],
    ]);
    expect(await stored(trajectoryId, 1)).toMatchObject({ agreed_on: DAY, audited: 1 });
    // Still only once: the same again is refused, naming version.
    const again = await agree(trajectoryId, 2, DAY);
    expect(again.statusCode).toBe(409);
  });

  it('does not reach back past a change of content, and changes nothing', async () => {
    // Version 1 on DAY, version 2 today adds an action: an agreement dated DAY was not to this plan.
    const trajectoryId = await trajectoryWithPlan('Gewijzigd');
    await savedAtHalfPastMidnight(trajectoryId);
    expect(await saveAgain(trajectoryId, 'add')).toBe(2);
    const refused = await agree(trajectoryId, 2, DAY);
    expect(refused.statusCode).toBe(400);
    const problem = refused.json<Problem>();
    expect(problem.invalidParams?.map((p) => p.name)).toEqual(['agreedOn']);
    expect(problem.invalidParams?.[0]?.reasonNl).toContain('versie 2');
    expect(await stored(trajectoryId, 1)).toEqual(nothingAgreed);
    expect(await stored(trajectoryId, 2)).toEqual(nothingAgreed);
    // Nor past the day the oldest version with the same content was saved.
    const ticked = await trajectoryWithPlan('Te vroeg');
    await savedAtHalfPastMidnight(ticked);
    expect(await saveAgain(ticked, 'tick')).toBe(2);
    const tooEarly = await agree(ticked, 2, addDays(DAY, -1));
    expect(tooEarly.statusCode).toBe(400);
    expect(tooEarly.json<Problem>().invalidParams?.[0]?.reasonNl).toContain('versie 1');
    expect(await versionsOf(ticked)).toEqual([
      [2, null, null],
      [1, null, null],
    ]);
  });

  it('is refused before the day the version was saved, in Amsterdam, and changes nothing', async () => {
    const trajectoryId = await trajectoryWithPlan('Vooraf');
    await savedAtHalfPastMidnight(trajectoryId);

    // The day before DAY: the UTC day of the save, but not the Amsterdam one.
    const refused = await agree(trajectoryId, 1, addDays(DAY, -1));
    expect(refused.statusCode).toBe(400);
    const problem = refused.json<Problem>();
    expect(problem.invalidParams?.map((p) => p.name)).toEqual(['agreedOn']);
    expect(problem.invalidParams?.[0]?.reasonNl).toContain('vóór');
    expect(await stored(trajectoryId, 1)).toEqual(nothingAgreed);
    const plan = (
      await call(env.app, worker, 'GET', `/api/v1/trajectories/${trajectoryId}/plan`)
    ).json<Plan>();
    expect(plan.agreement).toBeNull();
  });

  it('is refused in the future (Amsterdam), and changes nothing', async () => {
    const trajectoryId = await trajectoryWithPlan('Toekomst');
    const refused = await agree(trajectoryId, 1, addDays(todayInAmsterdam(), 1));
    expect(refused.statusCode).toBe(400);
    expect(refused.json<Problem>().invalidParams?.map((p) => p.name)).toEqual(['agreedOn']);
    expect(await stored(trajectoryId, 1)).toEqual(nothingAgreed);
  });

  it('is recorded on the Amsterdam day of the save, and kept by a later tick', async () => {
    const trajectoryId = await trajectoryWithPlan('Zelfde dag');
    await savedAtHalfPastMidnight(trajectoryId);
    expect((await agree(trajectoryId, 1, DAY)).statusCode).toBe(200);
    expect(await stored(trajectoryId, 1)).toMatchObject({
      agreed_on: DAY,
      agreement_method: 'signature',
      audited: 1,
    });

    // Version 2 only ticks the action off, today: it keeps the agreement dated DAY, before it was
    // saved, rightly so: the agreement was given to version 1, which existed on DAY.
    const before = (
      await call(env.app, worker, 'GET', `/api/v1/trajectories/${trajectoryId}/plan`)
    ).json<Plan>();
    const ticked = await call(env.app, worker, 'PUT', `/api/v1/trajectories/${trajectoryId}/plan`, {
      version: 1,
      actions: before.actions.map(({ id, description, ownerType, ownerName }) => ({
        id,
        description,
        ownerType,
        ownerName,
        status: 'done',
      })),
    });
    expect(ticked.statusCode).toBe(200);
    expect(ticked.json<Plan>().agreement).toMatchObject({ agreedOn: DAY });
    const versions = (
      await call(env.app, worker, 'GET', `/api/v1/trajectories/${trajectoryId}/plan/versions`)
    ).json<{
      items: { version: number; agreedOn: string | null; agreedVersion: number | null }[];
    }>().items;
    expect(versions.map((v) => [v.version, v.agreedOn, v.agreedVersion])).toEqual([
      [2, DAY, 1],
      [1, DAY, 1],
    ]);
  });
});
