import { beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import type { LightMyRequestResponse } from 'fastify';
import { call, createDemoEnv, login, type Session, type TestEnv } from '../../../test/harness.js';
import { createStaffMember } from '../../../test/factories.js';
import { buildApp } from '../../app.js';
import { createDb, type ExecutedQuery } from '../../platform/db.js';

interface Created {
  id: string;
  status: string;
  householdId: string | null;
  residentId: string | null;
  matchedExisting: boolean;
}
interface Problem {
  code: string;
  detail: string;
  detailNl: string;
  invalidParams?: { name: string; reason: string; reasonNl: string }[];
}
interface Registration {
  id: string;
  status: string;
  receivedAt: string;
  waitingHours: number;
  residentName: string | null;
  neighbourhoodName: string | null;
  trajectoryId: string | null;
}

let env: TestEnv;
let worker: Session;
let teamlead: Session;
let worker2: Session;
let partner: Session;
let noordwestId: string;
let oostId: string;

const hoursAgo = (hours: number) => new Date(Date.now() - hours * 3_600_000).toISOString();
const count = async (table: string) =>
  (await sql<{ n: number }>`select count(*)::int as n from ${sql.table(table)}`.execute(env.owner))
    .rows[0]?.n ?? 0;

function register(session: Session, body: Record<string, unknown>) {
  return call(env.app, session, 'POST', '/api/v1/registrations', {
    teamId: noordwestId,
    source: 'self',
    receivedAt: hoursAgo(1),
    question: 'Ik kan mijn huur niet meer betalen en de post stapelt zich op.',
    lifeDomains: ['finances', 'housing'],
    ...body,
  });
}

beforeAll(async () => {
  env = await createDemoEnv();
  worker = await login(env.app, 'worker@maastricht.demo');
  teamlead = await login(env.app, 'teamlead@maastricht.demo');
  worker2 = await login(env.app, 'worker2@maastricht.demo');
  noordwestId = worker.user.teamIds[0] ?? '';
  oostId = worker2.user.teamIds[0] ?? '';
  const { municipalityId } = worker.user;
  const account = await createStaffMember(env.owner, municipalityId, {
    role: 'partner',
    email: 'corporatie@partner.demo',
  });
  partner = await login(env.app, account.email, account.password);
});

describe('registering a question', () => {
  it('takes three messages to PostgreSQL for a worker of one team: no scope is set twice', async () => {
    // The write scope of a worker's own team is the scope the session check opened the request's
    // transaction with (team-scope.ts, inWriteScope), so nothing is sent to narrow it. The session
    // check itself (`begin; select ...`, request-transaction.ts) is not Kysely's and is not
    // recorded here: after it come the insert, and the audit row with the commit.
    expect(worker.user.teamIds).toHaveLength(1);
    const recorded: ExecutedQuery[] = [];
    const db = createDb(env.appUrl, 2, { onQuery: (query) => recorded.push(query) });
    const app = await buildApp({ config: env.config, db, serveWeb: false });
    try {
      const session = await login(app, 'worker@maastricht.demo');
      recorded.length = 0;
      const response = await call(app, session, 'POST', '/api/v1/registrations', {
        teamId: noordwestId,
        source: 'self',
        receivedAt: hoursAgo(1),
        question: 'Waar vind ik hulp bij mijn administratie?',
        lifeDomains: ['finances'],
      });
      expect(response.statusCode).toBe(201);
      expect(recorded.map((q) => q.sql.trim().split(/\s+/).slice(0, 3).join(' '))).toEqual([
        'insert into "registrations"',
        'insert into audit_events',
      ]);
      expect(recorded[1]?.sql.trim()).toMatch(/; commit$/);
    } finally {
      await app.close();
      await db.destroy();
    }
  });

  let first: Created;

  it('records a resident with address, BSN and buurt in one request', async () => {
    const response = await register(worker, {
      resident: {
        givenName: 'Ineke',
        familyName: 'Wijnands',
        birthDate: '1971-04-12',
        bsn: '123456782',
        address: { postcode: '6216 ab', houseNumber: 88, street: 'Caberglaan', city: 'Maastricht' },
        neighbourhoodCode: 'BU09350205',
      },
    });
    expect(response.statusCode).toBe(201);
    first = response.json<Created>();
    expect(first).toMatchObject({ status: 'new', matchedExisting: false });
    expect(first.householdId).not.toBeNull();
    expect(response.body).not.toContain('123456782');

    const household = await call(env.app, worker, 'GET', `/api/v1/households/${first.householdId}`);
    expect(household.statusCode).toBe(200);
    const body = household.json<{
      address: { postcode: string };
      neighbourhoodName: string;
      members: { bsnMasked: string; birthDate: string; givenName: string; bsnKnown: boolean }[];
    }>();
    expect(body.address.postcode).toBe('6216 AB');
    expect(body.neighbourhoodName).toBe('Caberg');
    expect(body.members[0]?.bsnMasked).toBe('******782');
    // The members come with the household in one statement (as JSON): a date stays a calendar day.
    expect(body.members[0]).toMatchObject({ birthDate: '1971-04-12', bsnKnown: true });
    expect(household.body).not.toContain('123456782');
  });

  it('stores the BSN only as a keyed hash, never as the number', async () => {
    const { rows } = await sql<{
      bsn_hash: string;
    }>`select bsn_hash from residents where id = ${first.residentId}::uuid`.execute(env.owner);
    expect(rows[0]?.bsn_hash).toMatch(/^[0-9a-f]{64}$/);
    const dump = await sql<{
      t: string;
    }>`select row_to_json(r)::text as t from residents r`.execute(env.owner);
    expect(dump.rows.map((r) => r.t).join()).not.toContain('123456782');
  });

  it('links a known BSN instead of creating a duplicate', async () => {
    const residentsBefore = await count('residents');
    const response = await register(worker, {
      resident: { givenName: 'J.', familyName: 'Wijnands-Smeets', bsn: '123 456 782' },
    });
    expect(response.statusCode).toBe(201);
    expect(response.json<Created>()).toMatchObject({
      matchedExisting: true,
      householdId: first.householdId,
      residentId: first.residentId,
    });
    expect(await count('residents')).toBe(residentsBefore);
  });

  it('links a known name and birth date, and lets the worker confirm a new person instead', async () => {
    const linked = await register(worker, {
      resident: { givenName: 'ineke', familyName: 'WIJNANDS', birthDate: '1971-04-12' },
    });
    expect(linked.json<Created>()).toMatchObject({
      matchedExisting: true,
      residentId: first.residentId,
    });

    const before = await count('residents');
    const confirmedNew = await register(worker, {
      confirmedNew: true,
      resident: { givenName: 'Ineke', familyName: 'Wijnands', birthDate: '1971-04-12' },
    });
    expect(confirmedNew.statusCode).toBe(201);
    expect(confirmedNew.json<Created>().residentId).not.toBe(first.residentId);
    expect(await count('residents')).toBe(before + 1);
  });

  it('adds a new person at a known address to that household', async () => {
    const response = await register(worker, {
      resident: {
        givenName: 'Luuk',
        familyName: 'Wijnands',
        birthDate: '2004-09-30',
        address: { postcode: '6216AB', houseNumber: 88 },
      },
    });
    const created = response.json<Created>();
    expect(created.householdId).toBe(first.householdId);
    expect(created.matchedExisting).toBe(true);
    expect(created.residentId).not.toBe(first.residentId);
  });

  it('shows the possible matches before registering', async () => {
    const response = await call(env.app, worker, 'POST', '/api/v1/residents/matches', {
      teamId: noordwestId,
      givenName: 'Ineke',
      familyName: 'Wijnands',
      birthDate: '1971-04-12',
      bsn: '123456782',
    });
    expect(response.statusCode).toBe(200);
    const items = response.json<{ items: { residentId: string; matchedOn: string[] }[] }>().items;
    expect(items.find((m) => m.residentId === first.residentId)?.matchedOn).toEqual([
      'bsn',
      'name_birth_date',
    ]);
    expect(response.body).not.toContain('123456782');
  });

  it('names every invalid field (BSN elfproef, postcode, domain) and creates nothing', async () => {
    const before = [
      await count('registrations'),
      await count('residents'),
      await count('households'),
    ];
    const response = await register(worker, {
      lifeDomains: ['money'],
      resident: {
        givenName: 'Piet',
        familyName: 'Fout',
        bsn: '123456789',
        address: { postcode: '0123 SS', houseNumber: 0 },
      },
    });
    expect(response.statusCode).toBe(400);
    const names = response.json<Problem>().invalidParams?.map((p) => p.name);
    expect(names).toEqual(
      expect.arrayContaining([
        'lifeDomains.0',
        'resident.bsn',
        'resident.address.postcode',
        'resident.address.houseNumber',
      ]),
    );
    expect(
      response.json<Problem>().invalidParams?.find((p) => p.name === 'resident.bsn')?.reasonNl,
    ).toContain('elfproef');
    expect([
      await count('registrations'),
      await count('residents'),
      await count('households'),
    ]).toEqual(before);
  });

  it("refuses a buurt outside the team's working area", async () => {
    const response = await register(worker, {
      resident: {
        givenName: 'Anna',
        familyName: 'Elders',
        address: { postcode: '6221 AA', houseNumber: 3 },
        neighbourhoodCode: 'BU09350000',
      },
    });
    expect(response.statusCode).toBe(400);
    expect(response.json<Problem>().invalidParams?.[0]?.name).toBe('resident.neighbourhoodCode');
  });

  it('refuses a team that is not the worker’s own', async () => {
    const response = await register(worker, { teamId: oostId });
    expect(response.statusCode).toBe(400);
    expect(response.json<Problem>().invalidParams?.[0]?.name).toBe('teamId');
  });

  it('records an information-and-advice contact with no person data at all', async () => {
    const response = await register(worker, {
      source: 'self',
      question: 'Waar kan ik terecht voor hulp bij het invullen van de toeslagen?',
      lifeDomains: ['finances'],
      adviceOnly: { contactKind: 'office' },
    });
    expect(response.statusCode).toBe(201);
    expect(response.json<Created>()).toMatchObject({
      status: 'triaged',
      householdId: null,
      residentId: null,
    });
    const stored = await call(
      env.app,
      worker,
      'GET',
      `/api/v1/registrations/${response.json<Created>().id}`,
    );
    expect(stored.json()).toMatchObject({
      triageOutcome: 'advice_only',
      firstContactKind: 'office',
    });
  });

  it('refuses a BSN that another team of the municipality already knows (one household, one plan)', async () => {
    await call(env.app, worker2, 'POST', '/api/v1/registrations', {
      teamId: oostId,
      source: 'gp',
      receivedAt: hoursAgo(2),
      question: 'Huisarts maakt zich zorgen.',
      resident: { givenName: 'Samira', familyName: 'Haddou', bsn: '999993653' },
    });
    const response = await register(worker, {
      resident: { givenName: 'Samira', familyName: 'Haddou', bsn: '999993653' },
    });
    expect(response.statusCode).toBe(409);
    expect(response.json<Problem>().invalidParams?.[0]?.name).toBe('resident.bsn');
  });

  it('writes audit rows naming the resident for the registration and the household read', async () => {
    const { rows } = await sql<{ action: string }>`
      select distinct action from audit_events where resident_id = ${first.residentId}::uuid`.execute(
      env.owner,
    );
    expect(rows.map((r) => r.action)).toEqual(
      expect.arrayContaining(['resident.create', 'registration.create', 'household.read']),
    );
  });
});

describe('the waiting list and the first contact', () => {
  it('lists waiting registrations oldest first, with how long each has waited', async () => {
    await register(worker, {
      receivedAt: hoursAgo(30),
      question: 'Oudste vraag',
      resident: { givenName: 'Oud', familyName: 'Ste' },
    });
    await register(worker, { receivedAt: hoursAgo(5), question: 'Nieuwere vraag' });
    const response = await call(
      env.app,
      worker,
      'GET',
      `/api/v1/registrations?status=new&teamId=${noordwestId}`,
    );
    expect(response.statusCode).toBe(200);
    const items = response.json<{ items: Registration[] }>().items;
    const times = items.map((r) => new Date(r.receivedAt).getTime());
    expect(times).toEqual([...times].sort((a, b) => a - b));
    expect(items[0]?.waitingHours).toBeGreaterThanOrEqual(29.9);
    expect(items.every((r) => r.status === 'new')).toBe(true);
  });

  it('moves a registration off the list when the first contact is recorded, once', async () => {
    const created = (await register(worker, { receivedAt: hoursAgo(26) })).json<Created>();
    const contact = await call(
      env.app,
      worker,
      'POST',
      `/api/v1/registrations/${created.id}/first-contact`,
      {
        at: hoursAgo(2),
        kind: 'home_visit',
      },
    );
    expect(contact.statusCode).toBe(200);
    expect(contact.json<{ hoursToFirstContact: number }>().hoursToFirstContact).toBeCloseTo(24, 0);
    const waiting = (await call(env.app, worker, 'GET', '/api/v1/registrations?status=new')).json<{
      items: Registration[];
    }>().items;
    expect(waiting.map((r) => r.id)).not.toContain(created.id);
    const again = await call(
      env.app,
      worker,
      'POST',
      `/api/v1/registrations/${created.id}/first-contact`,
      {
        at: hoursAgo(1),
        kind: 'phone',
      },
    );
    expect(again.statusCode).toBe(409);
  });

  it('refuses a first contact before the registration came in, or in the future', async () => {
    const created = (await register(worker, { receivedAt: hoursAgo(3) })).json<Created>();
    const before = await call(
      env.app,
      worker,
      'POST',
      `/api/v1/registrations/${created.id}/first-contact`,
      {
        at: hoursAgo(4),
        kind: 'phone',
      },
    );
    const future = await call(
      env.app,
      worker,
      'POST',
      `/api/v1/registrations/${created.id}/first-contact`,
      {
        at: new Date(Date.now() + 86_400_000).toISOString(),
        kind: 'phone',
      },
    );
    expect(before.statusCode).toBe(400);
    expect(future.statusCode).toBe(400);
    expect(future.json<Problem>().invalidParams?.[0]?.name).toBe('at');
  });
});

describe('triage', () => {
  /** The first contact, which triage follows (a registration still waiting cannot be triaged). */
  async function contact(session: Session, id: string) {
    const response = await call(
      env.app,
      session,
      'POST',
      `/api/v1/registrations/${id}/first-contact`,
      { at: hoursAgo(0.5), kind: 'home_visit' },
    );
    expect(response.statusCode).toBe(200);
  }

  /** A registration whose first contact is recorded: ready for triage. */
  async function newRegistration(resident?: Record<string, unknown>) {
    const created = (await register(worker, resident ? { resident } : {})).json<Created>();
    await contact(worker, created.id);
    return created;
  }

  it('opens a trajectory for multiple problems with the triaging worker as coordinator', async () => {
    const created = await newRegistration({
      givenName: 'Dennis',
      familyName: 'Tjoe',
      birthDate: '1983-02-01',
    });
    const response = await call(
      env.app,
      worker,
      'POST',
      `/api/v1/registrations/${created.id}/triage`,
      {
        outcome: 'multiple_problems',
        note: 'Schulden, huisvesting en opvoeding: één plan.',
      },
    );
    expect(response.statusCode).toBe(200);
    const { trajectoryId } = response.json<{ trajectoryId: string }>();
    const { rows } = await sql<{ coordinator_id: string; status: string; household_id: string }>`
      select coordinator_id, status, household_id from trajectories where id = ${trajectoryId}::uuid`.execute(
      env.owner,
    );
    expect(rows[0]).toEqual({
      coordinator_id: worker.user.id,
      status: 'open',
      household_id: created.householdId,
    });

    // A second question of the same household joins the same trajectory: 1 gezin, 1 plan, 1 regisseur.
    const second = (await register(teamlead, { householdId: created.householdId })).json<Created>();
    await contact(teamlead, second.id);
    const again = await call(
      env.app,
      teamlead,
      'POST',
      `/api/v1/registrations/${second.id}/triage`,
      { outcome: 'multiple_problems' },
    );
    expect(again.json<{ trajectoryId: string }>().trajectoryId).toBe(trajectoryId);
  });

  it('needs a household before it can open a trajectory', async () => {
    const created = await newRegistration();
    const response = await call(
      env.app,
      worker,
      'POST',
      `/api/v1/registrations/${created.id}/triage`,
      { outcome: 'multiple_problems' },
    );
    expect(response.statusCode).toBe(400);
    expect(response.json<Problem>().invalidParams?.[0]?.name).toBe('outcome');
  });

  it('records a single problem as a referral to a volunteer, collective provision or specialist', async () => {
    const created = await newRegistration({ givenName: 'Truus', familyName: 'Vaessen' });
    const missing = await call(
      env.app,
      worker,
      'POST',
      `/api/v1/registrations/${created.id}/triage`,
      { outcome: 'single_problem' },
    );
    expect(missing.statusCode).toBe(400);
    expect(
      missing
        .json<Problem>()
        .invalidParams?.map((p) => p.name)
        .sort(),
    ).toEqual(['referredTo', 'route']);
    const response = await call(
      env.app,
      worker,
      'POST',
      `/api/v1/registrations/${created.id}/triage`,
      {
        outcome: 'single_problem',
        route: 'volunteer',
        referredTo: 'Vrijwilligerscentrale: boodschappenmaatje',
      },
    );
    expect(response.statusCode).toBe(200);
    const { referralId } = response.json<{ referralId: string }>();
    const { rows } = await sql<{ kind: string; referred_to: string }>`
      select kind, referred_to from referrals where id = ${referralId}::uuid`.execute(env.owner);
    expect(rows[0]).toEqual({
      kind: 'volunteer',
      referred_to: 'Vrijwilligerscentrale: boodschappenmaatje',
    });
  });

  it('records out of scope with the reason from the list of what a team does not do, and a warm referral', async () => {
    const created = await newRegistration({ givenName: 'Harrie', familyName: 'Lemmens' });
    const response = await call(
      env.app,
      worker,
      'POST',
      `/api/v1/registrations/${created.id}/triage`,
      {
        outcome: 'out_of_scope',
        outOfScopeReason: 'debt_settlement_budget_management',
        referredTo: 'Gemeentelijke Kredietbank',
      },
    );
    expect(response.statusCode).toBe(200);
    const stored = await call(env.app, worker, 'GET', `/api/v1/registrations/${created.id}`);
    expect(stored.json()).toMatchObject({
      status: 'triaged',
      triageOutcome: 'out_of_scope',
      triageReason: 'debt_settlement_budget_management',
      referredTo: 'Gemeentelijke Kredietbank',
    });
    const twice = await call(
      env.app,
      worker,
      'POST',
      `/api/v1/registrations/${created.id}/triage`,
      { outcome: 'advice_only' },
    );
    expect(twice.statusCode).toBe(409);
  });

  it('hands youth and family questions over to Jeugd & Gezin', async () => {
    const created = await newRegistration({ givenName: 'Mila', familyName: 'Kusters' });
    const response = await call(
      env.app,
      worker,
      'POST',
      `/api/v1/registrations/${created.id}/triage`,
      { outcome: 'youth_family' },
    );
    expect(response.statusCode).toBe(200);
    const stored = await call(env.app, worker, 'GET', `/api/v1/registrations/${created.id}`);
    expect(stored.json()).toMatchObject({
      triageOutcome: 'youth_family',
      referredTo: 'Jeugd & Gezin',
    });
  });

  it('refuses triage before the first contact, naming firstContactAt, and changes nothing', async () => {
    // Still on the waiting list: triaged now, it would count as "nog zonder eerste contact" for
    // ever and drop out of the time to first contact.
    const waiting = (
      await register(worker, {
        resident: { givenName: 'Bram', familyName: 'Wachtlijst', birthDate: '1988-05-17' },
      })
    ).json<Created>();
    const stateOf = async () =>
      (
        await sql<Record<string, unknown>>`
          select status, version, first_contact_at, triage_outcome, triage_reason, triage_note,
                 referred_to, triaged_at, triaged_by, trajectory_id
          from registrations where id = ${waiting.id}::uuid`.execute(env.owner)
      ).rows[0];
    const before = await stateOf();
    expect(before).toMatchObject({ status: 'new', first_contact_at: null, triaged_at: null });
    const counts = async () => [
      await count('trajectories'),
      await count('referrals'),
      (
        await sql<{ n: number }>`
          select count(*)::int as n from audit_events
          where action in ('registration.triage', 'trajectory.create')`.execute(env.owner)
      ).rows[0]?.n,
    ];
    const countsBefore = await counts();

    const outcomes = [
      { outcome: 'multiple_problems' },
      { outcome: 'single_problem', route: 'volunteer', referredTo: 'Vrijwilligerscentrale' },
      { outcome: 'youth_family' },
      {
        outcome: 'out_of_scope',
        outOfScopeReason: 'medical_treatment',
        referredTo: 'Huisarts',
      },
      { outcome: 'advice_only' },
    ];
    for (const body of outcomes) {
      const response = await call(
        env.app,
        worker,
        'POST',
        `/api/v1/registrations/${waiting.id}/triage`,
        body,
      );
      expect(response.statusCode, body.outcome).toBe(409);
      const problem = response.json<Problem>();
      expect(problem.code, body.outcome).toBe('conflict');
      expect(problem.invalidParams, body.outcome).toEqual([
        {
          name: 'firstContactAt',
          reason: 'is required before triage: record the first contact first',
          reasonNl: 'is nodig voor de triage: leg eerst het eerste contact vast',
        },
      ]);
      expect(problem.detail, body.outcome).toMatch(/first contact/);
      expect(problem.detailNl, body.outcome).toMatch(/eerste contact/);
    }
    expect(await stateOf()).toEqual(before);
    expect(await counts()).toEqual(countsBefore);

    // With the first contact recorded, the same triage goes through.
    await contact(worker, waiting.id);
    const triaged = await call(
      env.app,
      worker,
      'POST',
      `/api/v1/registrations/${waiting.id}/triage`,
      { outcome: 'multiple_problems' },
    );
    expect(triaged.statusCode).toBe(200);
  });
});

describe('scoping', () => {
  let theirs: Created;

  beforeAll(async () => {
    theirs = (
      await register(worker, {
        resident: { givenName: 'Geheim', familyName: 'Huishouden', birthDate: '1990-01-01' },
      })
    ).json<Created>();
  });

  it('gives a worker of another team 404 for the registration and household, and changes nothing', async () => {
    expect(
      (await call(env.app, worker2, 'GET', `/api/v1/registrations/${theirs.id}`)).statusCode,
    ).toBe(404);
    expect(
      (await call(env.app, worker2, 'GET', `/api/v1/households/${theirs.householdId}`)).statusCode,
    ).toBe(404);
    const triage = await call(
      env.app,
      worker2,
      'POST',
      `/api/v1/registrations/${theirs.id}/triage`,
      { outcome: 'advice_only' },
    );
    expect(triage.statusCode).toBe(404);
    const contact = await call(
      env.app,
      worker2,
      'POST',
      `/api/v1/registrations/${theirs.id}/first-contact`,
      {
        at: hoursAgo(0),
        kind: 'phone',
      },
    );
    expect(contact.statusCode).toBe(404);
    const { rows } = await sql<{ status: string; version: number }>`
      select status, version from registrations where id = ${theirs.id}::uuid`.execute(env.owner);
    expect(rows[0]).toEqual({ status: 'new', version: 1 });
    const list = (await call(env.app, worker2, 'GET', '/api/v1/registrations')).json<{
      items: { id: string }[];
    }>().items;
    expect(list.map((r) => r.id)).not.toContain(theirs.id);
    const search = (await call(env.app, worker2, 'GET', '/api/v1/households?q=Huishouden')).json<{
      items: unknown[];
    }>().items;
    expect(search).toHaveLength(0);
  });

  it('finds the household for its own team by name, postcode and birth date', async () => {
    for (const q of ['huishouden', '01-01-1990', '1990-01-01']) {
      const items = (
        await call(env.app, worker, 'GET', `/api/v1/households?q=${encodeURIComponent(q)}`)
      ).json<{
        items: { id: string }[];
      }>().items;
      expect(
        items.map((h) => h.id),
        q,
      ).toContain(theirs.householdId);
    }
    const byPostcode = (
      await call(env.app, worker, 'GET', `/api/v1/households?q=${encodeURIComponent('6216 AB')}`)
    ).json<{
      items: { address: { postcode: string } }[];
    }>().items;
    expect(byPostcode.length).toBeGreaterThan(0);
    // % and _ are letters here, not wildcards: "%%" finds nobody.
    const wildcard = (
      await call(env.app, worker, 'GET', `/api/v1/households?q=${encodeURIComponent('%%')}`)
    ).json<{ items: unknown[] }>();
    expect(wildcard.items).toHaveLength(0);
    expect(byPostcode.every((h) => h.address.postcode === '6216 AB')).toBe(true);
  });

  it('audits a search with every resident it showed, and the search terms', async () => {
    const response = await call(env.app, worker, 'GET', '/api/v1/households?q=huishouden');
    const shown = response
      .json<{ items: { members: { id: string }[] }[] }>()
      .items.flatMap((h) => h.members.map((m) => m.id))
      .sort();
    expect(shown.length).toBeGreaterThan(0);
    const { rows } = await sql<{ resident_id: string | null; reason: string }>`
      select resident_id::text as resident_id, reason from audit_events
      where action = 'household.search'
        and request_id = (select request_id from audit_events where action = 'household.search'
                          order by at desc, id desc limit 1)
      `.execute(env.owner);
    expect(rows.map((r) => r.resident_id).sort()).toEqual(shown);
    expect(new Set(rows.map((r) => r.reason))).toEqual(new Set(['huishouden']));
  });

  it('lets a partner register for a team but read nothing back', async () => {
    const response = await register(partner, {
      source: 'housing_corporation',
      question: 'Huurder reageert niet op brieven over de huurachterstand.',
      resident: {
        givenName: 'Wim',
        familyName: 'Cremers',
        address: { postcode: '6216 BC', houseNumber: 40 },
      },
    });
    expect(response.statusCode).toBe(201);
    const created = response.json<Created>();
    expect((await call(env.app, partner, 'GET', '/api/v1/registrations')).statusCode).toBe(403);
    expect(
      (await call(env.app, partner, 'GET', `/api/v1/households/${theirs.householdId}`)).statusCode,
    ).toBe(403);
    expect((await call(env.app, partner, 'GET', '/api/v1/households?q=Cremers')).statusCode).toBe(
      403,
    );
    // The team sees it on its waiting list.
    const waiting = (await call(env.app, worker, 'GET', '/api/v1/registrations?status=new')).json<{
      items: Registration[];
    }>().items;
    expect(waiting.find((r) => r.id === created.id)?.residentName).toBe('Wim Cremers');
  });

  it('refuses a partner a team that is not of the municipality, naming it, and stores nothing', async () => {
    const before = await count('registrations');
    const response = await register(partner, {
      teamId: '00000000-0000-7000-8000-0000000000ff',
      source: 'housing_corporation',
    });
    expect(response.statusCode).toBe(400);
    const problem = response.json<Problem>();
    expect(problem.invalidParams?.[0]).toEqual({
      name: 'teamId',
      reason: 'is not a team of this municipality',
      reasonNl: 'is geen team van deze gemeente',
    });
    expect(await count('registrations')).toBe(before);
  });

  it('does not let the municipality or the admin read case data', async () => {
    const gemeente = await login(env.app, 'gemeente@maastricht.demo');
    const admin = await login(env.app, 'admin@maastricht.demo');
    for (const session of [gemeente, admin]) {
      expect((await call(env.app, session, 'GET', '/api/v1/registrations')).statusCode).toBe(403);
      expect(
        (await call(env.app, session, 'GET', `/api/v1/households/${theirs.householdId}`))
          .statusCode,
      ).toBe(403);
    }
  });
});

describe('a partner’s answer tells nothing about who is known', () => {
  // A partner hands questions in for any team but reads nothing back (PRODUCT.md): were the person
  // new, known to the team it chose, or known to another team, its answer must be the same.
  const knownBsn = '111222333';
  const elsewhereBsn = '222333443';
  let known: Created;
  let knownElsewhere: Created;
  type Kind = 'new' | 'knownByBsn' | 'knownByName' | 'elsewhere';
  /** The partner's answers, by the kind of person it registered. */
  let answers: Record<Kind, LightMyRequestResponse>;
  const partnerRegisters = (resident: Record<string, unknown>) =>
    register(partner, {
      source: 'gp',
      question: 'Patiënt vraagt hulp bij de administratie.',
      lifeDomains: ['finances'],
      resident,
    });

  beforeAll(async () => {
    known = (
      await register(worker, {
        resident: {
          givenName: 'Marlies',
          familyName: 'Partnerkent',
          birthDate: '1966-03-08',
          bsn: knownBsn,
        },
      })
    ).json<Created>();
    const elsewhere = await call(env.app, worker2, 'POST', '/api/v1/registrations', {
      teamId: oostId,
      source: 'self',
      receivedAt: hoursAgo(3),
      question: 'Vraag bij het andere team.',
      resident: { givenName: 'Jo', familyName: 'Elderslo', bsn: elsewhereBsn },
    });
    expect(elsewhere.statusCode).toBe(201);
    knownElsewhere = elsewhere.json<Created>();
    answers = {
      new: await partnerRegisters({
        givenName: 'Fenna',
        familyName: 'Nieuwkomer',
        bsn: '333444553',
      }),
      knownByBsn: await partnerRegisters({
        givenName: 'M.',
        familyName: 'Partnerkent',
        bsn: knownBsn,
      }),
      knownByName: await partnerRegisters({
        givenName: 'Marlies',
        familyName: 'Partnerkent',
        birthDate: '1966-03-08',
      }),
      elsewhere: await partnerRegisters({
        givenName: 'Jo',
        familyName: 'Elderslo',
        bsn: elsewhereBsn,
      }),
    };
  });

  /** The id of a partner's registration, or null when it was not registered (201). */
  const idOf = (kind: Kind) =>
    answers[kind].statusCode === 201 ? answers[kind].json<{ id: string }>().id : null;

  it('answers a new, a known and another team’s person alike: 201 with only id and status', () => {
    const revealing = [
      known.householdId,
      known.residentId,
      knownElsewhere.householdId,
      knownElsewhere.residentId,
    ].map(String);
    const shapes = new Set<string>();
    for (const [kind, response] of Object.entries(answers)) {
      expect(response.statusCode, kind).toBe(201);
      const body = response.json<{ id: string; status: string }>();
      expect(Object.keys(body).sort(), kind).toEqual(['id', 'status']);
      expect(body.status, kind).toBe('new');
      expect(response.body, kind).not.toMatch(/householdId|residentId|matchedExisting/);
      for (const id of revealing) expect(response.body, kind).not.toContain(id);
      // The raw answers differ in nothing but the registration's own id.
      shapes.add(response.body.replace(body.id, '<id>'));
    }
    expect([...shapes]).toEqual(['{"id":"<id>","status":"new"}']);
  });

  it('still gives a worker today’s answers: the ids, matchedExisting, and 409 for another team’s BSN', async () => {
    // After the partner's registrations, which must not have changed what a worker is told.
    expect(idOf('elsewhere')).not.toBeNull();
    const byWorker = await register(worker, {
      resident: { givenName: 'M.', familyName: 'Partnerkent', bsn: knownBsn },
    });
    expect(byWorker.statusCode).toBe(201);
    expect(byWorker.json<Created>()).toMatchObject({
      status: 'new',
      householdId: known.householdId,
      residentId: known.residentId,
      matchedExisting: true,
    });
    const conflict = await register(worker, {
      resident: { givenName: 'Jo', familyName: 'Elderslo', bsn: elsewhereBsn },
    });
    expect(conflict.statusCode).toBe(409);
    expect(conflict.json<Problem>().invalidParams?.[0]?.name).toBe('resident.bsn');
  });

  it('stores each one linked as for a worker, on the waiting list of the team that knows the person', async () => {
    const { rows } = await sql<{
      id: string;
      team_id: string;
      resident_id: string | null;
      household_id: string | null;
    }>`select id, team_id, resident_id, household_id from registrations
       where created_by = ${partner.user.id}::uuid`.execute(env.owner);
    const stored = (kind: Kind) => rows.find((r) => r.id === idOf(kind));
    expect(stored('knownByBsn')).toMatchObject({
      team_id: noordwestId,
      resident_id: known.residentId,
      household_id: known.householdId,
    });
    expect(stored('knownByName')).toMatchObject({
      team_id: noordwestId,
      resident_id: known.residentId,
    });
    // Another team's person by BSN: linked to that team's resident, on that team's list (one
    // household, one plan), not recorded a second time.
    expect(stored('elsewhere')).toMatchObject({
      team_id: oostId,
      resident_id: knownElsewhere.residentId,
      household_id: knownElsewhere.householdId,
    });
    const newcomer = stored('new');
    expect(newcomer).toMatchObject({ team_id: noordwestId });
    expect(newcomer?.resident_id).toBeTruthy();
    expect([known.residentId, knownElsewhere.residentId]).not.toContain(newcomer?.resident_id);

    const waitingOf = async (session: Session) =>
      (await call(env.app, session, 'GET', '/api/v1/registrations?status=new&limit=500')).json<{
        items: Registration[];
      }>().items;
    const noordwest = await waitingOf(worker);
    const oost = await waitingOf(worker2);
    const nameIn = (list: Registration[], kind: Kind) =>
      list.find((r) => r.id === idOf(kind))?.residentName;
    expect(nameIn(noordwest, 'new')).toBe('Fenna Nieuwkomer');
    expect(nameIn(noordwest, 'knownByBsn')).toBe('Marlies Partnerkent');
    expect(nameIn(noordwest, 'knownByName')).toBe('Marlies Partnerkent');
    expect(nameIn(oost, 'elsewhere')).toBe('Jo Elderslo');
    expect(noordwest.map((r) => r.id)).not.toContain(idOf('elsewhere'));
  });

  it('refuses a partner a household id or a wrong buurt alike, known person or not, and stores nothing', async () => {
    const before = await count('registrations');
    const refusals = [];
    // A household the chosen team has, and one that does not exist.
    for (const householdId of [known.householdId, '00000000-0000-7000-8000-0000000000aa'])
      refusals.push(await register(partner, { householdId }));
    // A buurt outside the team's area, for a person the team knows by BSN and for a new one.
    for (const bsn of [knownBsn, '444555663'])
      refusals.push(
        await partnerRegisters({
          givenName: 'Marlies',
          familyName: 'Partnerkent',
          bsn,
          neighbourhoodCode: 'BU09350000',
        }),
      );
    expect(refusals.map((r) => r.statusCode)).toEqual([400, 400, 400, 400]);
    const [household, otherHousehold, buurt, otherBuurt] = refusals.map((r) => r.body);
    expect(household).toBe(otherHousehold);
    expect(buurt).toBe(otherBuurt);
    expect(refusals[0]?.json<Problem>().invalidParams?.[0]?.name).toBe('householdId');
    expect(refusals[2]?.json<Problem>().invalidParams?.[0]?.name).toBe(
      'resident.neighbourhoodCode',
    );
    expect(await count('registrations')).toBe(before);
  });

  it('refuses a partner confirmedNew (it saw no matches), known person or not, and stores nothing', async () => {
    const stored = async () => [
      await count('registrations'),
      await count('residents'),
      await count('households'),
      await count('audit_events'),
    ];
    const before = await stored();
    const refusals = [];
    // Known to the team by BSN, known by name and birth date, known to another team, a new
    // person, and no person at all: a partner cannot have checked matches it never sees.
    for (const resident of [
      { givenName: 'M.', familyName: 'Partnerkent', bsn: knownBsn },
      { givenName: 'Marlies', familyName: 'Partnerkent', birthDate: '1966-03-08' },
      { givenName: 'Jo', familyName: 'Elderslo', bsn: elsewhereBsn },
      { givenName: 'Nina', familyName: 'Onbekend', bsn: '555666773' },
    ])
      refusals.push(await register(partner, { source: 'gp', confirmedNew: true, resident }));
    refusals.push(await register(partner, { source: 'gp', confirmedNew: true }));
    expect(refusals.map((r) => r.statusCode)).toEqual([400, 400, 400, 400, 400]);
    expect(new Set(refusals.map((r) => r.body)).size).toBe(1);
    const problem = refusals[0]?.json<Problem>();
    expect(problem?.code).toBe('validation_failed');
    expect(problem?.invalidParams).toEqual([
      {
        name: 'confirmedNew',
        reason:
          'cannot be given by a partner: a partner sees no possible matches, the team checks them',
        reasonNl:
          'kan een partner niet meegeven: een partner ziet geen mogelijke matches, het team controleert ze',
      },
    ]);
    for (const id of [known.householdId, known.residentId, knownElsewhere.residentId])
      expect(refusals[0]?.body).not.toContain(String(id));
    expect(await stored()).toEqual(before);

    // Without it (or with false) a partner's registration is taken as before.
    const taken = await register(partner, {
      source: 'gp',
      confirmedNew: false,
      resident: { givenName: 'Nina', familyName: 'Onbekend', bsn: '555666773' },
    });
    expect(taken.statusCode).toBe(201);
  });
});

describe('the postcode-to-buurt table', () => {
  it('lets the admin load it, and then a household gets its buurt from its address', async () => {
    const admin = await login(env.app, 'admin@maastricht.demo');
    const csv = [
      'postcode,neighbourhoodCode,houseNumberFrom,houseNumberTo',
      '6217 AA,BU09350204,1,49',
      '6217 AA,BU09350207,50,',
      '6217AB,BU99999999,,',
      'XXXX,BU09350204,,',
    ].join('\n');
    const imported = await env.app.inject({
      method: 'POST',
      url: '/api/v1/postcode-neighbourhoods/imports',
      headers: {
        cookie: admin.cookie,
        'x-csrf-token': admin.csrfToken,
        'content-type': 'text/csv',
      },
      payload: csv,
    });
    expect(imported.statusCode).toBe(201);
    expect(imported.json()).toMatchObject({ rows: 2, rejected: [{ line: 4 }, { line: 5 }] });

    const created = (
      await register(worker, {
        resident: {
          givenName: 'Lotte',
          familyName: 'Wolfs',
          address: { postcode: '6217AA', houseNumber: 60 },
        },
      })
    ).json<Created>();
    const household = await call(
      env.app,
      worker,
      'GET',
      `/api/v1/households/${created.householdId}`,
    );
    expect(household.json()).toMatchObject({
      neighbourhoodCode: 'BU09350207',
      neighbourhoodName: 'Malberg',
    });
  });

  it('is not the worker’s to load', async () => {
    const response = await env.app.inject({
      method: 'POST',
      url: '/api/v1/postcode-neighbourhoods/imports',
      headers: {
        cookie: worker.cookie,
        'x-csrf-token': worker.csrfToken,
        'content-type': 'text/csv',
      },
      payload: 'postcode,neighbourhoodCode\n6217AA,BU09350204',
    });
    expect(response.statusCode).toBe(403);
  });
});
