// A loan sent while its trajectory is being closed waits for the closing and is then refused, as
// a referral is: "closed" is decided on the trajectory's row locked, not on a read beside it.
import { beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { call, createDemoEnv, login, type Session, type TestEnv } from '../../../test/harness.js';
import { openTrajectory } from '../../../test/cases.js';
import { oneAfterAnother } from '../../../test/side-by-side.js';
import { addDays, todayInAmsterdam } from '../../platform/dates.js';

let env: TestEnv;
let worker: Session;

beforeAll(async () => {
  env = await createDemoEnv();
  worker = await login(env.app, 'worker@maastricht.demo');
});

describe('a loan sent while the trajectory is being closed', () => {
  it('waits for the closing and is refused: close 200, loan 409, nothing lent', async () => {
    const item = await call(env.app, worker, 'POST', '/api/v1/shared-items', {
      teamId: worker.user.teamIds[0],
      kind: 'mobility_scooter',
      name: 'Scootmobiel gelijktijdig sluiten (test)',
    });
    expect(item.statusCode, item.body).toBe(201);
    const itemId = item.json<{ id: string }>().id;
    const jet = await openTrajectory(env.app, worker, { givenName: 'Jet', familyName: 'Gelijk' });
    const today = todayInAmsterdam();
    const [closed, lent] = await oneAfterAnother(
      env.owner,
      sql`select id from trajectories where id = ${jet.trajectoryId}::uuid for update`,
      [
        () =>
          call(env.app, worker, 'POST', `/api/v1/trajectories/${jet.trajectoryId}/close`, {
            closedAt: new Date().toISOString(),
            outcome: 'goals_achieved',
            handledWithoutSpecialistCare: true,
            reason: 'Doelen bereikt',
            noClosingMeasurementReason: 'Inwoner wilde geen meting meer',
          }),
        () =>
          call(env.app, worker, 'POST', `/api/v1/shared-items/${itemId}/loans`, {
            trajectoryId: jet.trajectoryId,
            residentId: jet.residentId,
            fromDate: today,
            untilDate: addDays(today, 7),
          }),
      ],
    );
    expect(closed?.statusCode, closed?.body).toBe(200);
    expect(lent?.statusCode, lent?.body).toBe(409);
    expect(lent?.json<{ detail: string; detailNl: string }>()).toMatchObject({
      detail: 'This trajectory is closed.',
      detailNl: 'Dit traject is afgesloten.',
    });
    const loans = await call(env.app, worker, 'GET', `/api/v1/shared-items/${itemId}/loans`);
    expect(loans.json<{ items: unknown[] }>().items).toEqual([]);
  });
});
