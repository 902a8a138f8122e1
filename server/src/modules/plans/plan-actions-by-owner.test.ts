// trajectories.plan_actions_by_owner counts the current plan's actions per owner type, kept by
// triggers on plan_actions (migration 20261124T0000) and read by the monitor's support mix. Here:
// the counts follow plan saves that add, change and remove actions, an update that leaves the
// owners as they were does not rewrite the trajectory, and every trajectory of the demo agrees
// with its actions.
import { beforeAll, describe, expect, it } from 'vitest';
import { sql, type RawBuilder } from 'kysely';
import { call, createDemoEnv, login, type Session, type TestEnv } from '../../../test/harness.js';
import { openTrajectory } from '../../../test/cases.js';

let env: TestEnv;
let worker: Session;

beforeAll(async () => {
  env = await createDemoEnv();
  worker = await login(env.app, 'worker@maastricht.demo');
});

type Action = { description: string; ownerType: string; ownerName: string; status?: string };

const save = async (trajectoryId: string, version: number, actions: Action[]) => {
  const response = await call(env.app, worker, 'PUT', `/api/v1/trajectories/${trajectoryId}/plan`, {
    version,
    actions,
  });
  expect(response.statusCode, response.body).toBe(200);
  // Sent back as returned, nulls included (the plan API accepts them).
  return response.json<{ version: number; actions: (Action & { id: string })[] }>();
};

/** The counts kept on the trajectory. */
async function kept(trajectoryId: string) {
  const { rows } = await sql<{ counts: Record<string, number> }>`
    select plan_actions_by_owner as counts from trajectories where id = ${trajectoryId}::uuid`.execute(
    env.owner,
  );
  return rows[0]!;
}

/**
 * How many trajectory rows one statement (and its triggers) updated: the backend's own counter,
 * read in the same transaction before and after (it may still hold earlier transactions' counts
 * that are not yet reported).
 */
async function trajectoriesUpdatedBy(statement: RawBuilder<unknown>) {
  return env.owner.transaction().execute(async (trx) => {
    const updated = async () =>
      Number(
        (
          await sql<{ n: string }>`
            select pg_stat_get_xact_tuples_updated('trajectories'::regclass) as n`.execute(trx)
        ).rows[0]?.n,
      );
    const before = await updated();
    await statement.execute(trx);
    return (await updated()) - before;
  });
}

const action = (ownerType: string, description = `Actie van ${ownerType}`): Action => ({
  description,
  ownerType,
  ownerName: ownerType === 'resident' ? 'Ikzelf' : 'Iemand',
});

describe('the counts of plan actions per owner on each trajectory', () => {
  it('follow saves that add, change and remove actions', async () => {
    const { trajectoryId } = await openTrajectory(env.app, worker, {
      givenName: 'Tel',
      familyName: 'Eigenaar',
    });
    expect((await kept(trajectoryId)).counts).toEqual({});

    const first = await save(trajectoryId, 0, [
      action('resident', 'Zelf de post openen'),
      action('resident', 'Zelf bellen met de woningcorporatie'),
      action('network'),
      action('team'),
    ]);
    expect((await kept(trajectoryId)).counts).toEqual({ resident: 2, network: 1, team: 1 });

    // The network's action goes to a volunteer, one of the resident's is dropped from the plan.
    const [own, , , team] = first.actions;
    await save(trajectoryId, first.version, [
      { ...own!, status: 'done' },
      action('volunteer'),
      team!,
    ]);
    expect((await kept(trajectoryId)).counts).toEqual({ resident: 1, volunteer: 1, team: 1 });

    await save(trajectoryId, first.version + 1, []);
    expect((await kept(trajectoryId)).counts).toEqual({});
  });

  it('stay right when a save keeps every owner, without rewriting the trajectory for them', async () => {
    const { trajectoryId } = await openTrajectory(env.app, worker, {
      givenName: 'Zelfde',
      familyName: 'Eigenaars',
    });
    const first = await save(trajectoryId, 0, [action('resident'), action('collective')]);
    // A save deletes the actions and inserts them again: the counts go through {} and back.
    await save(
      trajectoryId,
      first.version,
      first.actions.map((a) => ({ ...a, status: 'done', description: `${a.description}, gedaan` })),
    );
    expect((await kept(trajectoryId)).counts).toEqual({ resident: 1, collective: 1 });

    // An update that leaves the owners as they were (erasure rewrites the texts) counts again but
    // finds nothing to change: it updates no trajectory. An update that moves an action to
    // another owner updates the one trajectory.
    expect(
      await trajectoriesUpdatedBy(
        sql`update plan_actions set description = description || '.' where trajectory_id = ${trajectoryId}::uuid`,
      ),
    ).toBe(0);
    expect(
      await trajectoriesUpdatedBy(
        sql`update plan_actions set owner_type = 'network' where trajectory_id = ${trajectoryId}::uuid and owner_type = 'collective'`,
      ),
    ).toBe(1);
    expect((await kept(trajectoryId)).counts).toEqual({ resident: 1, network: 1 });
  });

  it('agree with the actions of every trajectory in the demo', async () => {
    const { rows } = await sql<{ differing: number; planned: number }>`
      select count(*) filter (where t.plan_actions_by_owner is distinct from coalesce(a.by_owner, '{}'))::int as differing,
        count(a.by_owner)::int as planned
      from trajectories t
      left join (
        select municipality_id, trajectory_id, jsonb_object_agg(owner_type, n) as by_owner
        from (select municipality_id, trajectory_id, owner_type, count(*)::int as n from plan_actions
              group by municipality_id, trajectory_id, owner_type) per_owner
        group by municipality_id, trajectory_id
      ) a on a.municipality_id = t.municipality_id and a.trajectory_id = t.id`.execute(env.owner);
    expect(rows[0]?.planned).toBeGreaterThan(0);
    expect(rows[0]?.differing).toBe(0);
  });
});
