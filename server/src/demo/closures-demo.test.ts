// The demo's closed files are closed as the app closes them: with a closing ZRM, or with the
// reason the worker gave for having none (trajectories.service.ts refuses anything else). A file
// without either stays on its coordinator's list of measurements due, so a hand-made closure that
// skipped both filled worker@'s home page with closing measurements "due" for a year.
import { sql } from 'kysely';
import { expect, it } from 'vitest';
import { call, createDemoEnv, login } from '../../test/harness.js';

it('closes every demo file with a closing measurement or the reason there is none', async () => {
  const env = await createDemoEnv();
  const { rows } = await sql<{ status: string; closed_at: Date }>`
    select t.status, t.closed_at from trajectories t
    where t.status in ('aftercare', 'closed') and t.no_closing_measurement_reason is null
      and not exists (select 1 from assessments a where a.municipality_id = t.municipality_id
                        and a.trajectory_id = t.id and a.moment = 'closure')`.execute(env.owner);
  expect(rows).toEqual([]);

  // So the demo workers' home pages list only the measurements that are really due.
  for (const email of ['worker@maastricht.demo', 'worker2@maastricht.demo']) {
    const session = await login(env.app, email);
    const due = (await call(env.app, session, 'GET', '/api/v1/assessments/due')).json<{
      items: { moment: string }[];
    }>();
    expect(
      due.items.filter((item) => item.moment === 'closure'),
      email,
    ).toEqual([]);
  }
});
