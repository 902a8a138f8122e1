// A closed trajectory's record is complete: no journal entry, case conference or new coordinator
// is added to it (409, nothing written), as its plan no longer changes; in aftercare they still
// are. A case conference is recorded after it was held, not on a future day. And a closure does
// not contradict itself: a hand-over is not "handled without specialist care".
import { beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { call, createDemoEnv, login, type Session, type TestEnv } from '../../../test/harness.js';
import { openTrajectory } from '../../../test/cases.js';
import { addDays, todayInAmsterdam } from '../../platform/dates.js';

interface Problem {
  status: number;
  detail: string;
  detailNl: string;
  invalidParams?: { name: string; reason: string; reasonNl: string }[];
}

let env: TestEnv;
let worker: Session;
let teamlead: Session;

const contact = () => ({ at: new Date().toISOString(), kind: 'phone', note: 'Even gebeld' });
const conference = (heldOn: string) => ({
  heldOn,
  participants: [{ name: 'Sanne Jacobs', role: 'regisseur' }],
  question: 'Kan het team dit zelf?',
});

async function close(trajectoryId: string, extra: Record<string, unknown> = {}) {
  return call(env.app, worker, 'POST', `/api/v1/trajectories/${trajectoryId}/close`, {
    closedAt: new Date().toISOString(),
    outcome: 'goals_achieved',
    handledWithoutSpecialistCare: true,
    reason: 'Doelen bereikt',
    noClosingMeasurementReason: 'Inwoner wilde geen meting meer',
    ...extra,
  });
}

/** What a write could leave behind: contacts, conferences, events, the coordinator, audit rows. */
async function footprint(trajectoryId: string) {
  const { rows } = await sql<{
    contacts: number;
    conferences: number;
    events: number;
    coordinator: string;
    version: number;
    audits: number;
  }>`select
      (select count(*)::int from contacts where trajectory_id = t.id) as contacts,
      (select count(*)::int from case_conferences where trajectory_id = t.id) as conferences,
      (select count(*)::int from trajectory_events where trajectory_id = t.id) as events,
      t.coordinator_id::text as coordinator, t.version,
      (select count(*)::int from audit_events where action in
        ('contact.create', 'case_conference.create', 'trajectory.update')) as audits
    from trajectories t where t.id = ${trajectoryId}::uuid`.execute(env.owner);
  return rows[0];
}

beforeAll(async () => {
  env = await createDemoEnv();
  worker = await login(env.app, 'worker@maastricht.demo');
  teamlead = await login(env.app, 'teamlead@maastricht.demo');
});

describe('a closed trajectory', () => {
  it('takes no contact, case conference or coordinator any more: 409 in Dutch and English, nothing written', async () => {
    const { trajectoryId } = await openTrajectory(env.app, worker, {
      givenName: 'Cor',
      familyName: 'Dicht',
    });
    expect((await close(trajectoryId)).statusCode).toBe(200);
    const before = await footprint(trajectoryId);
    const base = `/api/v1/trajectories/${trajectoryId}`;
    const refused = [
      await call(env.app, worker, 'POST', `${base}/contacts`, contact()),
      await call(env.app, worker, 'POST', `${base}/case-conferences`, conference('2026-01-05')),
      await call(env.app, teamlead, 'PUT', `${base}/coordinator`, { staffId: teamlead.user.id }),
    ];
    for (const response of refused) {
      expect(response.statusCode, response.body).toBe(409);
      const problem = response.json<Problem>();
      expect(problem.detail).toMatch(/closed/);
      expect(problem.detailNl).toMatch(/afgesloten/);
    }
    expect(await footprint(trajectoryId)).toEqual(before);
  });

  it('in aftercare still takes them', async () => {
    const { trajectoryId } = await openTrajectory(env.app, worker, {
      givenName: 'Nel',
      familyName: 'Nazorg',
    });
    const closed = await close(trajectoryId, { aftercareUntil: addDays(todayInAmsterdam(), 90) });
    expect(closed.json<{ status: string }>().status).toBe('aftercare');
    const base = `/api/v1/trajectories/${trajectoryId}`;
    expect((await call(env.app, worker, 'POST', `${base}/contacts`, contact())).statusCode).toBe(
      201,
    );
    const held = await call(
      env.app,
      worker,
      'POST',
      `${base}/case-conferences`,
      conference(todayInAmsterdam()),
    );
    expect(held.statusCode).toBe(201);
    const handed = await call(env.app, teamlead, 'PUT', `${base}/coordinator`, {
      staffId: teamlead.user.id,
    });
    expect(handed.statusCode).toBe(200);
  });
});

describe('a case conference', () => {
  it('held on a future day (in Amsterdam) is a 400 naming heldOn, and nothing is recorded; today is fine', async () => {
    const { trajectoryId } = await openTrajectory(env.app, worker, {
      givenName: 'Toon',
      familyName: 'Toekomst',
    });
    const path = `/api/v1/trajectories/${trajectoryId}/case-conferences`;
    const before = await footprint(trajectoryId);
    for (const heldOn of [addDays(todayInAmsterdam(), 1), '2099-01-01']) {
      const response = await call(env.app, worker, 'POST', path, conference(heldOn));
      expect(response.statusCode, heldOn).toBe(400);
      const problem = response.json<Problem>();
      expect(problem.invalidParams).toEqual([
        {
          name: 'heldOn',
          reason: 'must not be in the future',
          reasonNl: 'mag niet in de toekomst liggen',
        },
      ]);
    }
    expect(await footprint(trajectoryId)).toEqual(before);
    const today = await call(env.app, worker, 'POST', path, conference(todayInAmsterdam()));
    expect(today.statusCode).toBe(201);
  });
});

describe('closing', () => {
  it('refuses "handled without specialist care" with the outcome handed over: 400 naming the flag, still open', async () => {
    const { trajectoryId } = await openTrajectory(env.app, worker, {
      givenName: 'Otto',
      familyName: 'Overdracht',
    });
    const contradicting = await close(trajectoryId, { outcome: 'handed_over' });
    expect(contradicting.statusCode).toBe(400);
    const problem = contradicting.json<Problem>();
    expect(problem.invalidParams?.map((p) => p.name)).toEqual(['handledWithoutSpecialistCare']);
    expect(problem.invalidParams?.[0]?.reason).toMatch(/handed over/);
    expect(problem.invalidParams?.[0]?.reasonNl).toMatch(/overgedragen/);
    const still = await call(env.app, worker, 'GET', `/api/v1/trajectories/${trajectoryId}`);
    expect(still.json<{ status: string; outcome: string | null }>()).toMatchObject({
      status: 'open',
      outcome: null,
    });
    // Handed over and said so: closed.
    const handedOver = await close(trajectoryId, {
      outcome: 'handed_over',
      handledWithoutSpecialistCare: false,
    });
    expect(handedOver.statusCode).toBe(200);
    expect(
      handedOver.json<{ outcome: string; handledWithoutSpecialistCare: boolean }>(),
    ).toMatchObject({ outcome: 'handed_over', handledWithoutSpecialistCare: false });
  });
});
