// A referral that moves the trajectory's scale level (a specialist flown in, a hand-over) decides
// on the trajectory as it is when the referral is written, not as it was read a moment before: a
// colleague's save landing in between is neither overwritten unseen nor recorded with a stale
// "from", and a trajectory closed in between gets no referral.
import { beforeAll, describe, expect, it } from 'vitest';
import { sql, type RawBuilder } from 'kysely';
import type { LightMyRequestResponse } from 'fastify';
import { call, createDemoEnv, login, type Session, type TestEnv } from '../../../test/harness.js';
import { openTrajectory } from '../../../test/cases.js';

let env: TestEnv;
let worker: Session;

beforeAll(async () => {
  env = await createDemoEnv();
  worker = await login(env.app, 'worker@maastricht.demo');
});

/**
 * `request` with a colleague's save landing while it runs: the colleague's change (version + 1)
 * waits uncommitted in an owner transaction until the request waits for the trajectory's row lock,
 * and is committed then (as trajectories.test.ts does for the versioned updates). Deterministic,
 * unlike two racing requests, which mostly run one after the other.
 */
async function withSaveInBetween(
  trajectoryId: string,
  change: RawBuilder<unknown>,
  request: () => Promise<LightMyRequestResponse>,
): Promise<LightMyRequestResponse> {
  let pending!: Promise<LightMyRequestResponse>;
  await env.owner.transaction().execute(async (trx) => {
    await sql`update trajectories set ${change}, version = version + 1
      where id = ${trajectoryId}::uuid`.execute(trx);
    let settled = false;
    pending = request().finally(() => {
      settled = true;
    });
    for (let i = 0; ; i += 1) {
      const waiting = await sql<{ n: number }>`
        select count(*)::int as n from pg_stat_activity
        where datname = current_database() and wait_event_type = 'Lock'`.execute(env.owner);
      if ((waiting.rows[0]?.n ?? 0) > 0 || settled) break;
      if (i > 500) throw new Error('the request never waited for the row lock');
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
  });
  return pending;
}

const handOver = (trajectoryId: string) => () =>
  call(env.app, worker, 'POST', `/api/v1/trajectories/${trajectoryId}/referrals`, {
    kind: 'handover',
    referredTo: 'GGZ Heuvelland',
    question: 'Kunt u de begeleiding overnemen?',
    consent: null,
  });

async function stored(trajectoryId: string) {
  const trajectory = await sql<{ status: string; scale_level: string; version: number }>`
    select status, scale_level, version from trajectories where id = ${trajectoryId}::uuid`.execute(
    env.owner,
  );
  const events = await sql<{ from_value: string | null; to_value: string | null }>`
    select from_value, to_value from trajectory_events
    where trajectory_id = ${trajectoryId}::uuid and kind = 'scale_level' order by at, id`.execute(
    env.owner,
  );
  const referrals = await sql<{ n: number }>`
    select count(*)::int as n from referrals where trajectory_id = ${trajectoryId}::uuid`.execute(
    env.owner,
  );
  return {
    trajectory: trajectory.rows[0],
    scaleEvents: events.rows.map((e) => [e.from_value, e.to_value]),
    referrals: referrals.rows[0]?.n,
  };
}

describe('a hand-over while a colleague saves the trajectory', () => {
  it('records the scale change from the level the colleague set, not from the one read before', async () => {
    const { trajectoryId } = await openTrajectory(env.app, worker, {
      givenName: 'Gelijk',
      familyName: 'Tijdig',
    });
    const response = await withSaveInBetween(
      trajectoryId,
      sql`scale_level = 'informal'`,
      handOver(trajectoryId),
    );
    expect(response.statusCode, response.body).toBe(201);
    const after = await stored(trajectoryId);
    expect(after.trajectory).toMatchObject({ scale_level: 'handed_over' });
    // The colleague's change (team → informal) was made outside the API here, so it has no event:
    // the hand-over's event starts where the colleague left the trajectory.
    expect(after.scaleEvents).toEqual([['informal', 'handed_over']]);
  });

  it('refuses the referral (409) when the colleague closed the trajectory, and writes nothing', async () => {
    const { trajectoryId } = await openTrajectory(env.app, worker, {
      givenName: 'Gesloten',
      familyName: 'Tussendoor',
    });
    const response = await withSaveInBetween(
      trajectoryId,
      sql`status = 'closed', closed_at = now(), outcome = 'goals_achieved',
          close_reason = 'Gesloten door een collega', handled_without_specialist_care = true`,
      handOver(trajectoryId),
    );
    expect(response.statusCode, response.body).toBe(409);
    const after = await stored(trajectoryId);
    // The closed record stays as the colleague closed it: its scale level and version unchanged.
    expect(after.trajectory).toMatchObject({ status: 'closed', scale_level: 'team' });
    expect(after.scaleEvents).toEqual([]);
    expect(after.referrals).toBe(0);
  });
});
