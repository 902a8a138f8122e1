// A registration's household: the resident recorded after the registration, the matches that
// show known residents, and triage into the household's trajectory (joined while it runs, a new
// one after a relapse during aftercare).
import { beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import {
  call,
  createDemoEnv,
  lastAuditOf,
  login,
  type Session,
  type TestEnv,
} from '../../../test/harness.js';

interface Created {
  id: string;
  householdId: string | null;
  residentId: string | null;
}
interface Problem {
  code: string;
  detail: string;
  detailNl: string;
  invalidParams?: { name: string; reason: string; reasonNl: string }[];
}
interface TriageAnswer {
  trajectoryId: string | null;
  trajectoryOpened: boolean;
  endedAftercareTrajectoryId: string | null;
}

let env: TestEnv;
let worker: Session;
let worker2: Session;
let teamId: string;

const hoursAgo = (hours: number) => new Date(Date.now() - hours * 3_600_000).toISOString();

async function register(session: Session, body: Record<string, unknown> = {}) {
  const response = await call(env.app, session, 'POST', '/api/v1/registrations', {
    teamId: session.user.teamIds[0],
    source: 'self',
    receivedAt: hoursAgo(2),
    question: 'Schulden, een huurachterstand en zorgen om de kinderen.',
    ...body,
  });
  expect(response.statusCode).toBe(201);
  return response.json<Created>();
}

async function contact(session: Session, id: string) {
  const response = await call(
    env.app,
    session,
    'POST',
    `/api/v1/registrations/${id}/first-contact`,
    { at: hoursAgo(1), kind: 'home_visit' },
  );
  expect(response.statusCode).toBe(200);
}

async function triage(
  id: string,
  body: Record<string, unknown> = { outcome: 'multiple_problems' },
) {
  return call(env.app, worker, 'POST', `/api/v1/registrations/${id}/triage`, body);
}

const registrationRow = async (id: string) =>
  (
    await sql<{
      status: string;
      version: number;
      household_id: string | null;
      resident_id: string | null;
    }>`select status, version, household_id, resident_id from registrations where id = ${id}::uuid`.execute(
      env.owner,
    )
  ).rows[0];

const residentCount = async () =>
  (await sql<{ n: number }>`select count(*)::int as n from residents`.execute(env.owner)).rows[0]
    ?.n ?? 0;

beforeAll(async () => {
  env = await createDemoEnv();
  worker = await login(env.app, 'worker@maastricht.demo');
  worker2 = await login(env.app, 'worker2@maastricht.demo');
  teamId = worker.user.teamIds[0] ?? '';
});

describe('triage into the household’s trajectory', () => {
  /** A household of two at one address, with a trajectory opened by triage. */
  async function householdWithTrajectory(familyName: string, houseNumber: number) {
    const address = { postcode: '6211 ZZ', houseNumber };
    const first = await register(worker, {
      resident: { givenName: 'Anja', familyName, birthDate: '1979-03-03', address },
    });
    const housemate = await register(worker, {
      resident: { givenName: 'Rob', familyName, birthDate: '1977-07-07', address },
    });
    expect(housemate.householdId).toBe(first.householdId);
    await contact(worker, first.id);
    const opened = await triage(first.id);
    expect(opened.statusCode).toBe(200);
    const answer = opened.json<TriageAnswer>();
    return {
      householdId: first.householdId ?? '',
      members: [first.residentId, housemate.residentId].sort(),
      trajectoryId: answer.trajectoryId ?? '',
      answer,
    };
  }

  it('names every member of the household when triage opens a trajectory', async () => {
    const { trajectoryId, members, answer } = await householdWithTrajectory('Hendriks', 12);
    expect(answer).toMatchObject({ trajectoryOpened: true, endedAftercareTrajectoryId: null });
    const audited = await lastAuditOf(env, 'trajectory.create');
    expect(audited.residentIds).toEqual(members);
    const { rows } = await sql<{ object_id: string }>`
      select object_id::text as object_id from audit_events where action = 'trajectory.create'
      order by at desc, id desc limit 1`.execute(env.owner);
    expect(rows[0]?.object_id).toBe(trajectoryId);
  });

  it('joins a running (open or follow-up) trajectory, and says it opened none', async () => {
    const { householdId, trajectoryId } = await householdWithTrajectory('Coumans', 14);
    const current = await call(env.app, worker, 'GET', `/api/v1/trajectories/${trajectoryId}`);
    const followUp = await call(env.app, worker, 'PATCH', `/api/v1/trajectories/${trajectoryId}`, {
      version: current.json<{ version: number }>().version,
      status: 'follow_up',
    });
    expect(followUp.statusCode).toBe(200);

    const again = await register(worker, { householdId });
    await contact(worker, again.id);
    const joined = await triage(again.id);
    expect(joined.statusCode).toBe(200);
    expect(joined.json<TriageAnswer>()).toMatchObject({
      trajectoryId,
      trajectoryOpened: false,
      endedAftercareTrajectoryId: null,
    });
    const status = await sql<{ status: string }>`
      select status from trajectories where id = ${trajectoryId}::uuid`.execute(env.owner);
    expect(status.rows[0]?.status).toBe('follow_up');
    const read = await call(env.app, worker, 'GET', `/api/v1/registrations/${again.id}`);
    expect(read.json()).toMatchObject({
      trajectoryId,
      trajectoryOpened: false,
      endedAftercareTrajectoryId: null,
    });
  });

  it('ends the aftercare after a relapse and opens a new trajectory, in one go', async () => {
    const { householdId, trajectoryId, members } = await householdWithTrajectory('Lenssen', 16);
    const closedAt = new Date().toISOString();
    const closed = await call(
      env.app,
      worker,
      'POST',
      `/api/v1/trajectories/${trajectoryId}/close`,
      {
        closedAt,
        outcome: 'goals_achieved',
        handledWithoutSpecialistCare: true,
        reason: 'Doelen bereikt',
        aftercareUntil: '2099-01-01',
        noClosingMeasurementReason: 'Gezin wilde geen meting meer',
      },
    );
    expect(closed.json<{ status: string }>().status).toBe('aftercare');

    // The relapse: a new question of the same household, with several problems again.
    const relapse = await register(worker, { householdId });
    await contact(worker, relapse.id);
    const triaged = await triage(relapse.id);
    expect(triaged.statusCode).toBe(200);
    const answer = triaged.json<TriageAnswer>();
    expect(answer.trajectoryId).not.toBeNull();
    expect(answer.trajectoryId).not.toBe(trajectoryId);
    expect(answer).toMatchObject({
      trajectoryOpened: true,
      endedAftercareTrajectoryId: trajectoryId,
    });

    const { rows } = await sql<{
      id: string;
      status: string;
      outcome: string | null;
      closed_at: Date | null;
      registration_id: string | null;
      coordinator_id: string;
    }>`select id::text as id, status, outcome, closed_at, registration_id::text as registration_id,
              coordinator_id::text as coordinator_id
       from trajectories where household_id = ${householdId}::uuid order by opened_at`.execute(
      env.owner,
    );
    expect(rows).toHaveLength(2);
    // The earlier trajectory is closed for good, with its own outcome and closing date.
    expect(rows[0]).toMatchObject({
      id: trajectoryId,
      status: 'closed',
      outcome: 'goals_achieved',
    });
    expect(rows[0]?.closed_at?.toISOString()).toBe(new Date(closedAt).toISOString());
    expect(rows[1]).toMatchObject({
      id: answer.trajectoryId,
      status: 'open',
      outcome: null,
      registration_id: relapse.id,
      coordinator_id: worker.user.id,
    });

    // Its history says why the aftercare ended: as a code, which each screen says in its own
    // language (no Dutch words in the note, which is for a worker's own words).
    const history = await call(env.app, worker, 'GET', `/api/v1/trajectories/${trajectoryId}`);
    const events = history.json<{
      events: {
        kind: string;
        from: string | null;
        to: string | null;
        note: string | null;
        noteCode: string | null;
      }[];
    }>().events;
    expect(events.filter((e) => e.from === 'aftercare')).toEqual([
      expect.objectContaining({
        kind: 'status',
        from: 'aftercare',
        to: 'closed',
        note: null,
        noteCode: 'aftercare_ended_by_new_registration',
      }),
    ]);
    // The worker's own words on the closure stay as written, without a code.
    expect(events).toContainEqual(
      expect.objectContaining({ to: 'aftercare', note: 'Doelen bereikt', noteCode: null }),
    );
    const ended = await lastAuditOf(env, 'trajectory.close');
    expect(ended.residentIds).toEqual(members);
    expect(new Set(ended.reasons)).toEqual(new Set(['aftercare ended: new registration']));
    expect((await lastAuditOf(env, 'trajectory.create')).residentIds).toEqual(members);

    // Read again later (a reload of the page), the registration still says which aftercare its
    // triage ended.
    const read = await call(env.app, worker, 'GET', `/api/v1/registrations/${relapse.id}`);
    expect(read.json()).toMatchObject({
      trajectoryId: answer.trajectoryId,
      trajectoryOpened: true,
      endedAftercareTrajectoryId: trajectoryId,
    });
  });
});

describe('recording the resident of a registration made without one', () => {
  const putResident = (session: Session, id: string, body: Record<string, unknown>) =>
    call(env.app, session, 'PUT', `/api/v1/registrations/${id}/resident`, body);

  it('records the resident before triage, after which triage opens a trajectory', async () => {
    const created = await register(worker);
    expect(created.householdId).toBeNull();
    await contact(worker, created.id);
    const refused = await triage(created.id);
    expect(refused.statusCode).toBe(400);
    expect(refused.json<Problem>().invalidParams?.[0]?.name).toBe('outcome');

    const { version } = (await registrationRow(created.id))!;
    const recorded = await putResident(worker, created.id, {
      version,
      resident: {
        givenName: 'Mirjam',
        familyName: 'Later',
        birthDate: '1990-10-10',
        address: { postcode: '6211 ZZ', houseNumber: 30 },
      },
    });
    expect(recorded.statusCode).toBe(200);
    const answer = recorded.json<{
      householdId: string;
      residentId: string;
      matchedExisting: boolean;
      status: string;
      version: number;
    }>();
    expect(answer).toMatchObject({
      status: 'contacted',
      matchedExisting: false,
      version: version + 1,
    });
    expect(await registrationRow(created.id)).toMatchObject({
      status: 'contacted',
      household_id: answer.householdId,
      resident_id: answer.residentId,
      version: version + 1,
    });
    const audited = await lastAuditOf(env, 'registration.resident');
    expect(audited.residentIds).toEqual([answer.residentId]);
    expect((await lastAuditOf(env, 'resident.create')).residentIds).toEqual([answer.residentId]);

    const read = await call(env.app, worker, 'GET', `/api/v1/registrations/${created.id}`);
    expect(read.json()).toMatchObject({ residentName: 'Mirjam Later' });

    const triaged = await triage(created.id);
    expect(triaged.statusCode).toBe(200);
    expect(triaged.json<TriageAnswer>()).toMatchObject({ trajectoryOpened: true });
    const trajectory = await sql<{ household_id: string }>`
      select household_id::text as household_id from trajectories
      where id = ${triaged.json<TriageAnswer>().trajectoryId}::uuid`.execute(env.owner);
    expect(trajectory.rows[0]?.household_id).toBe(answer.householdId);

    // Triaged, the registration keeps the resident it was triaged with.
    const late = await putResident(worker, created.id, {
      version: version + 2,
      resident: { givenName: 'Iemand', familyName: 'Anders' },
    });
    expect(late.statusCode).toBe(409);
    expect(late.json<Problem>().detailNl).toMatch(/al getrieerd/);
  });

  it('links a known person as a new registration does, unless the worker confirms a new one', async () => {
    const known = await register(worker, {
      resident: { givenName: 'Joep', familyName: 'Bekend', birthDate: '1966-06-06' },
    });
    const person = { givenName: 'Joep', familyName: 'Bekend', birthDate: '1966-06-06' };

    const linked = await register(worker);
    const before = await residentCount();
    const first = await putResident(worker, linked.id, {
      version: (await registrationRow(linked.id))!.version,
      resident: person,
    });
    expect(first.statusCode).toBe(200);
    expect(first.json()).toMatchObject({
      residentId: known.residentId,
      householdId: known.householdId,
      matchedExisting: true,
    });
    expect(await residentCount()).toBe(before);
    expect((await lastAuditOf(env, 'registration.resident')).residentIds).toEqual([
      known.residentId,
    ]);

    const confirmed = await register(worker);
    const second = await putResident(worker, confirmed.id, {
      version: (await registrationRow(confirmed.id))!.version,
      resident: person,
      confirmedNew: true,
    });
    expect(second.statusCode).toBe(200);
    expect(second.json<Created>().residentId).not.toBe(known.residentId);
    expect(await residentCount()).toBe(before + 1);
  });

  it('refuses a stale version, a second resident, an empty body and another team’s BSN, changing nothing', async () => {
    const created = await register(worker);
    const before = (await registrationRow(created.id))!;
    const residents = await residentCount();

    const stale = await putResident(worker, created.id, {
      version: before.version + 1,
      resident: { givenName: 'Oud', familyName: 'Versie' },
    });
    expect(stale.statusCode).toBe(409);
    expect(stale.json<Problem>().code).toBe('version_conflict');

    const empty = await putResident(worker, created.id, { version: before.version });
    expect(empty.statusCode).toBe(400);
    expect(empty.json<Problem>().invalidParams?.map((p) => p.name)).toEqual(['resident']);

    // A BSN that the other team knows: one household, one plan, one coordinator.
    const other = await register(worker2, {
      resident: { givenName: 'Elders', familyName: 'Bekend', bsn: '111222333' },
    });
    expect(other.residentId).not.toBeNull();
    const elsewhere = await putResident(worker, created.id, {
      version: before.version,
      resident: { givenName: 'Elders', familyName: 'Bekend', bsn: '111222333' },
    });
    expect(elsewhere.statusCode).toBe(409);
    expect(elsewhere.json<Problem>().invalidParams?.[0]?.name).toBe('resident.bsn');

    // Another team's worker does not find it at all.
    const foreign = await putResident(worker2, created.id, {
      version: before.version,
      resident: { givenName: 'Niet', familyName: 'Van Ons' },
    });
    expect(foreign.statusCode).toBe(404);

    expect(await registrationRow(created.id)).toEqual(before);
    expect(await residentCount()).toBe(residents + 1); // only the other team's own registration

    const recorded = await putResident(worker, created.id, {
      version: before.version,
      resident: { givenName: 'Eerst', familyName: 'Vastgelegd' },
    });
    expect(recorded.statusCode).toBe(200);
    const twice = await putResident(worker, created.id, {
      version: before.version + 1,
      resident: { givenName: 'Nog', familyName: 'Iemand' },
    });
    expect(twice.statusCode).toBe(409);
    expect(twice.json<Problem>().detailNl).toMatch(/al vastgelegd/);
  });

  it('links a household once, names its members in the audit, and does not swap it for another', async () => {
    const address = (houseNumber: number) => ({ postcode: '6211 ZY', houseNumber });
    const a = await register(worker, {
      resident: {
        givenName: 'Huis',
        familyName: 'Een',
        birthDate: '1980-01-01',
        address: address(1),
      },
    });
    const b = await register(worker, {
      resident: {
        givenName: 'Huis',
        familyName: 'Twee',
        birthDate: '1981-01-01',
        address: address(2),
      },
    });
    const created = await register(worker);
    const before = (await registrationRow(created.id))!;
    const linked = await putResident(worker, created.id, {
      version: before.version,
      householdId: a.householdId,
    });
    expect(linked.statusCode, linked.body).toBe(200);
    expect((await lastAuditOf(env, 'registration.resident')).residentIds).toEqual([a.residentId]);
    const after = (await registrationRow(created.id))!;
    const swapped = await putResident(worker, created.id, {
      version: after.version,
      householdId: b.householdId,
    });
    expect(swapped.statusCode).toBe(409);
    const again = await putResident(worker, created.id, {
      version: after.version,
      householdId: a.householdId,
    });
    expect(again.statusCode).toBe(409);
    expect(await registrationRow(created.id)).toEqual(after);
    // The person can still be recorded into the household linked.
    const person = await putResident(worker, created.id, {
      version: after.version,
      resident: { givenName: 'Later', familyName: 'Een' },
    });
    expect(person.statusCode, person.body).toBe(200);
    expect(person.json<{ householdId: string }>().householdId).toBe(a.householdId);
  });
});

describe('possible matches', () => {
  it('audits a look-up with every resident it showed', async () => {
    const address = { postcode: '6211 ZZ', houseNumber: 44 };
    const one = await register(worker, {
      resident: { givenName: 'Sanne', familyName: 'Matchtest', birthDate: '1985-05-05', address },
    });
    const two = await register(worker, {
      resident: { givenName: 'Tom', familyName: 'Matchtest', birthDate: '1984-04-04', address },
    });
    const response = await call(env.app, worker, 'POST', '/api/v1/residents/matches', {
      teamId,
      address: { postcode: '6211ZZ', houseNumber: 44 },
    });
    expect(response.statusCode).toBe(200);
    const shown = response
      .json<{ items: { residentId: string | null }[] }>()
      .items.map((m) => m.residentId)
      .sort();
    expect(shown).toEqual([one.residentId, two.residentId].sort());
    const audited = await lastAuditOf(env, 'resident.match');
    expect(audited.residentIds).toEqual(shown);
    expect(new Set(audited.reasons)).toEqual(new Set(['2 match(es)']));
  });
});
