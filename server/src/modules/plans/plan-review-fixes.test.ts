// A plan save, an added action and a recorded agreement decide on the trajectory as it is: they
// lock its row, so that a closing or another save at the same moment is waited for and then seen
// (409 closed, or a 409 naming the version that really is current). A worker who reads the file
// by breaking the glass may not change the plan: 403, audited as refused access. And a closed
// trajectory takes no agreement from a worker, as it takes none in the portal.
import { beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { call, createDemoEnv, login, type Session, type TestEnv } from '../../../test/harness.js';
import { openTrajectory } from '../../../test/cases.js';
import { todayInAmsterdam } from '../../platform/dates.js';

let env: TestEnv;
let worker: Session;
let worker2: Session;
let lead: Session;

beforeAll(async () => {
  env = await createDemoEnv();
  worker = await login(env.app, 'worker@maastricht.demo');
  worker2 = await login(env.app, 'worker2@maastricht.demo');
  lead = await login(env.app, 'teamlead@maastricht.demo');
});

const planUrl = (trajectoryId: string) => `/api/v1/trajectories/${trajectoryId}/plan`;

const CLOSING = {
  outcome: 'goals_achieved',
  handledWithoutSpecialistCare: true,
  reason: 'Doelen bereikt',
  noClosingMeasurementReason: 'Inwoner wilde geen meting',
};

/** A new trajectory with version 1 of its plan, saved by the worker. */
async function trajectoryWithPlan(familyName: string): Promise<string> {
  const { trajectoryId } = await openTrajectory(env.app, worker, { givenName: 'Plan', familyName });
  const saved = await call(env.app, worker, 'PUT', planUrl(trajectoryId), {
    version: 0,
    agreements: ['Eerste afspraak'],
  });
  expect(saved.statusCode, saved.body).toBe(200);
  return trajectoryId;
}

/** What a refused change must leave alone: the plan's versions, actions and agreements. */
async function footprint(trajectoryId: string) {
  const { rows } = await sql<{
    plan_version: number;
    status: string;
    versions: number;
    actions: number;
    agreed: number;
  }>`select t.plan_version, t.status,
      (select count(*)::int from plan_versions v where v.trajectory_id = t.id) as versions,
      (select count(*)::int from plan_actions a where a.trajectory_id = t.id) as actions,
      (select count(*)::int from plan_versions v where v.trajectory_id = t.id
         and v.agreed_on is not null) as agreed
    from trajectories t where t.id = ${trajectoryId}::uuid`.execute(env.owner);
  return rows[0];
}

/** Waits until `n` backends of this test's database wait for a lock. */
async function waitForLockWaiters(n: number): Promise<void> {
  for (let i = 0; i < 400; i++) {
    const { rows } = await sql<{ n: number }>`select count(*)::int as n from pg_stat_activity
      where datname = current_database() and wait_event_type = 'Lock'`.execute(env.owner);
    if ((rows[0]?.n ?? 0) >= n) return;
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  throw new Error(`never ${n} lock waiter(s)`);
}

/**
 * Holds the trajectory's row (as a slow transaction would) while `queue` sends requests that
 * reach it in turn, each waiting for the lock before the next is sent; then lets go and answers
 * what the requests answered, in the order they were sent.
 */
async function whileRowHeld<T>(
  trajectoryId: string,
  queue: (() => Promise<T>)[],
): Promise<Awaited<T>[]> {
  return env.owner.connection().execute(async (conn) => {
    await sql`begin`.execute(conn);
    await sql`select 1 from trajectories where id = ${trajectoryId}::uuid for update`.execute(conn);
    const sent: Promise<T>[] = [];
    for (const send of queue) {
      sent.push(send());
      await waitForLockWaiters(sent.length);
    }
    await sql`commit`.execute(conn);
    return Promise.all(sent);
  });
}

const close = (trajectoryId: string) => () =>
  call(env.app, lead, 'POST', `/api/v1/trajectories/${trajectoryId}/close`, {
    closedAt: new Date().toISOString(),
    ...CLOSING,
  });

describe('a change racing a closure of the trajectory', () => {
  it('a save sent while the trajectory closes waits for the closing and is refused: 409, no new version', async () => {
    const trajectoryId = await trajectoryWithPlan('SluitBijOpslaan');
    const [closed, saved] = await whileRowHeld(trajectoryId, [
      close(trajectoryId),
      () =>
        call(env.app, worker, 'PUT', planUrl(trajectoryId), {
          version: 1,
          agreements: ['Eerste afspraak', 'Na de afsluiting'],
        }),
    ]);
    expect(closed?.statusCode, closed?.body).toBe(200);
    expect(saved?.statusCode, saved?.body).toBe(409);
    expect(saved?.json<{ code: string }>().code).toBe('conflict');
    expect(await footprint(trajectoryId)).toMatchObject({
      status: 'closed',
      plan_version: 1,
      versions: 1,
    });
  });

  it('an agreement sent while the trajectory closes waits for the closing and is refused: 409, nothing recorded', async () => {
    const trajectoryId = await trajectoryWithPlan('SluitBijAkkoord');
    const [closed, agreed] = await whileRowHeld(trajectoryId, [
      close(trajectoryId),
      () =>
        call(env.app, worker, 'POST', `${planUrl(trajectoryId)}/versions/1/agreement`, {
          agreedOn: todayInAmsterdam(),
          method: 'in_person',
        }),
    ]);
    expect(closed?.statusCode, closed?.body).toBe(200);
    expect(agreed?.statusCode, agreed?.body).toBe(409);
    expect(await footprint(trajectoryId)).toMatchObject({ status: 'closed', agreed: 0 });
  });
});

describe('two changes of the plan at once', () => {
  interface Conflict {
    code: string;
    currentVersion: number;
    savedBy: string | null;
    savedAt: string | null;
    changes: { section: string }[];
  }
  interface SavedPlan {
    version: number;
    savedAt: string;
    savedBy: { name: string };
  }

  /** The winner's plan and the loser's problem, whichever of the two got the lock first. */
  function winnerAndLoser(answers: { statusCode: number; body: string }[]) {
    const winner = answers.find((a) => a.statusCode === 200 || a.statusCode === 201);
    const loser = answers.find((a) => a.statusCode === 409);
    if (!winner || !loser)
      throw new Error(`no winner and loser: ${answers.map((a) => a.body).join(' | ')}`);
    return {
      winner: JSON.parse(winner.body) as SavedPlan,
      loser: JSON.parse(loser.body) as Conflict,
    };
  }

  it("the second save's 409 names the version the first saved, who saved it, when, and what it changed", async () => {
    const trajectoryId = await trajectoryWithPlan('TweeTegelijk');
    const answers = await whileRowHeld(trajectoryId, [
      () =>
        call(env.app, worker, 'PUT', planUrl(trajectoryId), {
          version: 1,
          agreements: ['Eerste afspraak', 'Afspraak van de regisseur'],
        }),
      () =>
        call(env.app, lead, 'PUT', planUrl(trajectoryId), {
          version: 1,
          agreements: ['Eerste afspraak', 'Afspraak van de teamleider'],
        }),
    ]);
    const { winner, loser } = winnerAndLoser(answers);
    expect(winner.version).toBe(2);
    expect(loser).toMatchObject({
      code: 'version_conflict',
      currentVersion: 2,
      savedBy: winner.savedBy.name,
      savedAt: winner.savedAt,
    });
    expect(loser.changes.map((c) => c.section)).toContain('agreements');
    expect(await footprint(trajectoryId)).toMatchObject({ plan_version: 2, versions: 2 });
  });

  it('an action added while another save is made gets the same 409, naming the version saved in between', async () => {
    const trajectoryId = await trajectoryWithPlan('ActieTegelijk');
    const answers = await whileRowHeld(trajectoryId, [
      () =>
        call(env.app, lead, 'PUT', planUrl(trajectoryId), {
          version: 1,
          agreements: ['Eerste afspraak', 'Afspraak van de teamleider'],
        }),
      () =>
        call(env.app, worker, 'POST', `${planUrl(trajectoryId)}/actions`, {
          version: 1,
          description: 'Naar de voedselbank',
          ownerType: 'team',
          ownerName: 'Buurtteam',
        }),
    ]);
    const { winner, loser } = winnerAndLoser(answers);
    expect(winner.version).toBe(2);
    expect(loser).toMatchObject({
      code: 'version_conflict',
      currentVersion: 2,
      savedBy: winner.savedBy.name,
      savedAt: winner.savedAt,
    });
    expect(loser.changes.length).toBeGreaterThan(0);
  });
});

describe('a worker who reads the file by breaking the glass', () => {
  let trajectoryId: string;
  let glass: Session;

  beforeAll(async () => {
    trajectoryId = await trajectoryWithPlan('Noodtoegang');
    const granted = await call(env.app, worker2, 'POST', '/api/v1/break-glass', {
      trajectoryId,
      reason: 'Crisis in het weekend, regisseur niet bereikbaar',
    });
    expect(granted.statusCode, granted.body).toBe(201);
    glass = await login(env.app, 'worker2@maastricht.demo');
  });

  it('reads the plan but is refused every change of it as forbidden (403), audited as refused, nothing changed', async () => {
    expect((await call(env.app, glass, 'GET', planUrl(trajectoryId))).statusCode).toBe(200);
    const before = await footprint(trajectoryId);
    const attempts = [
      await call(env.app, glass, 'PUT', planUrl(trajectoryId), {
        version: 1,
        agreements: ['Eerste afspraak', 'Noodafspraak'],
      }),
      await call(env.app, glass, 'POST', `${planUrl(trajectoryId)}/actions`, {
        version: 1,
        description: 'Noodopvang regelen',
        ownerType: 'team',
        ownerName: 'Buurtteam',
      }),
      await call(env.app, glass, 'POST', `${planUrl(trajectoryId)}/versions/1/agreement`, {
        agreedOn: todayInAmsterdam(),
        method: 'verbal',
      }),
    ];
    expect(attempts.map((a) => a.statusCode)).toEqual([403, 403, 403]);
    expect(attempts.map((a) => a.json<{ code: string }>().code)).toEqual(
      Array(3).fill('forbidden'),
    );
    expect(await footprint(trajectoryId)).toEqual(before);
    const { rows } = await sql<{ reason: string; result: string; object_id: string }>`
      select reason, result, object_id from audit_events
      where action = 'access.refused' and actor_id = ${glass.user.id}::uuid
      order by at, id`.execute(env.owner);
    expect(rows).toEqual([
      { reason: 'PUT /api/v1/trajectories/:id/plan', result: 'denied', object_id: trajectoryId },
      {
        reason: 'POST /api/v1/trajectories/:id/plan/actions',
        result: 'denied',
        object_id: trajectoryId,
      },
      {
        reason: 'POST /api/v1/trajectories/:id/plan/versions/:version/agreement',
        result: 'denied',
        object_id: trajectoryId,
      },
    ]);
  });

  it('still gets 404 for a trajectory of another team that the glass did not open', async () => {
    const other = await trajectoryWithPlan('GeenNoodtoegang');
    const save = await call(env.app, glass, 'PUT', planUrl(other), {
      version: 1,
      agreements: ['x'],
    });
    const agree = await call(env.app, glass, 'POST', `${planUrl(other)}/versions/1/agreement`, {
      agreedOn: todayInAmsterdam(),
      method: 'verbal',
    });
    expect([save.statusCode, agree.statusCode]).toEqual([404, 404]);
  });
});

describe('a closed trajectory', () => {
  it('takes no agreement recorded by a worker: 409 as in the portal, nothing recorded, no audit row', async () => {
    const trajectoryId = await trajectoryWithPlan('DichtAkkoord');
    expect((await close(trajectoryId)()).statusCode).toBe(200);
    const agreed = await call(
      env.app,
      worker,
      'POST',
      `${planUrl(trajectoryId)}/versions/1/agreement`,
      { agreedOn: todayInAmsterdam(), method: 'in_person' },
    );
    expect(agreed.statusCode, agreed.body).toBe(409);
    expect(agreed.json<{ code: string }>().code).toBe('conflict');
    expect(await footprint(trajectoryId)).toMatchObject({ agreed: 0 });
    const { rows } = await sql<{ n: number }>`select count(*)::int as n from audit_events
      where action = 'plan.agreement' and object_id = ${trajectoryId}`.execute(env.owner);
    expect(rows[0]?.n).toBe(0);
  });
});
