import { beforeAll, describe, expect, it } from 'vitest';
import { call, createDemoEnv, login, type Session, type TestEnv } from '../../../test/harness.js';
import { openTrajectory } from '../../../test/cases.js';
import { todayInAmsterdam } from '../../platform/dates.js';

let env: TestEnv;
let worker: Session;
let worker2: Session;
let teamId: string;
let ria: { trajectoryId: string; residentId: string };
let sjef: { trajectoryId: string; residentId: string };

type Loan = {
  id: string;
  fromDate: string;
  untilDate: string;
  returnedOn: string | null;
  overdue: boolean;
};

beforeAll(async () => {
  env = await createDemoEnv();
  worker = await login(env.app, 'worker@maastricht.demo');
  worker2 = await login(env.app, 'worker2@maastricht.demo');
  teamId = worker.user.teamIds[0] ?? '';
  const a = await openTrajectory(env.app, worker, { givenName: 'Ria', familyName: 'Scootmobiel' });
  const b = await openTrajectory(env.app, worker, { givenName: 'Sjef', familyName: 'Rollator' });
  ria = { trajectoryId: a.trajectoryId, residentId: a.residentId };
  sjef = { trajectoryId: b.trajectoryId, residentId: b.residentId };
});

async function newItem(name: string) {
  const response = await call(env.app, worker, 'POST', '/api/v1/shared-items', {
    teamId,
    kind: 'mobility_scooter',
    name,
    neighbourhoodCode: 'BU09350205',
  });
  expect(response.statusCode, response.body).toBe(201);
  return response.json<{ id: string }>().id;
}
const lend = (itemId: string, who: object, fromDate: string, untilDate: string, as = worker) =>
  call(env.app, as, 'POST', `/api/v1/shared-items/${itemId}/loans`, {
    ...who,
    fromDate,
    untilDate,
  });
const loansOf = async (itemId: string) =>
  (await call(env.app, worker, 'GET', `/api/v1/shared-items/${itemId}/loans`)).json<{
    items: Loan[];
  }>().items;

describe('the item pool', () => {
  it('never lends one item twice for overlapping days, and says so in both languages', async () => {
    const scooter = await newItem('Scootmobiel 1 (test)');
    expect((await lend(scooter, ria, '2030-03-01', '2030-03-10')).statusCode).toBe(201);
    // Day 10 is in both periods (both days count): refused, nothing added.
    const clash = await lend(scooter, sjef, '2030-03-10', '2030-03-15');
    expect(clash.statusCode).toBe(409);
    const problem = clash.json<{ detail: string; detailNl: string }>();
    expect(problem.detail).toContain('already lent out from 01/03/2030 until 10/03/2030');
    expect(problem.detailNl).toContain('al uitgeleend van 01-03-2030 tot en met 10-03-2030');
    // Wholly inside and wholly around are refused too.
    expect((await lend(scooter, sjef, '2030-03-03', '2030-03-04')).statusCode).toBe(409);
    expect((await lend(scooter, sjef, '2030-02-20', '2030-03-20')).statusCode).toBe(409);
    expect(await loansOf(scooter)).toHaveLength(1);
    // The day after: fine.
    expect((await lend(scooter, sjef, '2030-03-11', '2030-03-15')).statusCode).toBe(201);
    expect((await loansOf(scooter)).map((l) => [l.fromDate, l.untilDate])).toEqual([
      ['2030-03-11', '2030-03-15'],
      ['2030-03-01', '2030-03-10'],
    ]);
  });

  it('frees the item from the day it comes back, and lists overdue loans', async () => {
    const scooter = await newItem('Scootmobiel 2 (test)');
    const today = todayInAmsterdam();
    const day = (offset: number) => {
      const d = new Date(`${today}T12:00:00Z`);
      d.setUTCDate(d.getUTCDate() + offset);
      return d.toISOString().slice(0, 10);
    };
    // Lent 20 days ago until 5 days ago, not returned: overdue, and it blocks every later day.
    const late = (await lend(scooter, ria, day(-20), day(-5))).json<Loan>();
    expect(late.overdue).toBe(true);
    expect((await lend(scooter, sjef, day(10), day(12))).statusCode).toBe(409);
    const overdue = (await call(env.app, worker, 'GET', '/api/v1/item-loans/overdue')).json<{
      items: { id: string }[];
    }>().items;
    expect(overdue.map((l) => l.id)).toContain(late.id);
    // A return before the loan began, or in the future: 400 naming the field, nothing changed.
    for (const returnedOn of [day(-21), day(1)]) {
      const bad = await call(env.app, worker, 'POST', `/api/v1/item-loans/${late.id}/return`, {
        returnedOn,
      });
      expect(bad.statusCode).toBe(400);
      expect(bad.json<{ invalidParams: { name: string }[] }>().invalidParams[0]?.name).toBe(
        'returnedOn',
      );
    }
    expect((await loansOf(scooter))[0]?.returnedOn).toBeNull();
    // Returned yesterday: the scooter is free from yesterday on (the next borrower collects it then).
    const back = await call(env.app, worker, 'POST', `/api/v1/item-loans/${late.id}/return`, {
      returnedOn: day(-1),
    });
    expect(back.json<Loan>()).toMatchObject({ returnedOn: day(-1), overdue: false });
    expect((await lend(scooter, sjef, day(-2), day(3))).statusCode).toBe(409);
    expect((await lend(scooter, sjef, day(-1), day(3))).statusCode).toBe(201);
    const overdueAfter = (await call(env.app, worker, 'GET', '/api/v1/item-loans/overdue')).json<{
      items: { id: string }[];
    }>().items;
    expect(overdueAfter.map((l) => l.id)).not.toContain(late.id);
    // Returning twice: 409.
    expect(
      (
        await call(env.app, worker, 'POST', `/api/v1/item-loans/${late.id}/return`, {
          returnedOn: day(-1),
        })
      ).statusCode,
    ).toBe(409);
  });

  it('lends to only one of two workers asking for the same days at the same moment', async () => {
    const scooter = await newItem('Scootmobiel 3 (test)');
    const responses = await Promise.all([
      lend(scooter, ria, '2031-05-01', '2031-05-07'),
      lend(scooter, sjef, '2031-05-05', '2031-05-09'),
      lend(scooter, ria, '2031-05-06', '2031-05-06'),
    ]);
    expect(responses.map((r) => r.statusCode).sort()).toEqual([201, 409, 409]);
    expect(await loansOf(scooter)).toHaveLength(1);
  });

  it('refuses invalid loans with a 400 naming the field, and lends nothing', async () => {
    const scooter = await newItem('Scootmobiel 4 (test)');
    const backwards = await lend(scooter, ria, '2030-06-10', '2030-06-01');
    expect(backwards.statusCode).toBe(400);
    expect(backwards.json<{ invalidParams: { name: string }[] }>().invalidParams[0]?.name).toBe(
      'untilDate',
    );
    const notMember = await lend(
      scooter,
      { trajectoryId: ria.trajectoryId, residentId: sjef.residentId },
      '2030-06-01',
      '2030-06-02',
    );
    expect(notMember.json<{ invalidParams: { name: string }[] }>().invalidParams[0]?.name).toBe(
      'residentId',
    );
    const badDate = await lend(scooter, ria, '2030-02-30', '2030-03-02');
    expect(badDate.statusCode).toBe(400);
    expect(backwards.statusCode).toBe(400);
    expect(await loansOf(scooter)).toEqual([]);
  });

  it("keeps a team's pool from another team", async () => {
    const scooter = await newItem('Scootmobiel 5 (test)');
    const items = (await call(env.app, worker2, 'GET', '/api/v1/shared-items')).json<{
      items: { id: string }[];
    }>().items;
    expect(items.map((i) => i.id)).not.toContain(scooter);
    expect(
      (await call(env.app, worker2, 'GET', `/api/v1/shared-items/${scooter}/loans`)).statusCode,
    ).toBe(404);
    expect((await lend(scooter, ria, '2030-07-01', '2030-07-02', worker2)).statusCode).toBe(404);
    const loan = (await lend(scooter, ria, '2030-07-01', '2030-07-02')).json<Loan>();
    expect(
      (
        await call(env.app, worker2, 'POST', `/api/v1/item-loans/${loan.id}/return`, {
          returnedOn: '2030-07-02',
        })
      ).statusCode,
    ).toBe(404);
    expect((await loansOf(scooter))[0]?.returnedOn).toBeNull();
  });
});
