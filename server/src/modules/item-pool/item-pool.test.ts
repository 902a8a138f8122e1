import { beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { call, createDemoEnv, login, type Session, type TestEnv } from '../../../test/harness.js';
import { openTrajectory } from '../../../test/cases.js';
import { addDays, todayInAmsterdam } from '../../platform/dates.js';
import { inTenant } from '../../platform/db.js';
import { collectiveReach } from '../reports/collective-reach.js';

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
  cancelledOn: string | null;
  overdue: boolean;
};
type Problem = { detail: string; detailNl: string };

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

  it('lends nothing to a closed trajectory; in aftercare it still may', async () => {
    const scooter = await newItem('Scootmobiel 6 (test)');
    const close = (trajectoryId: string, extra: object = {}) =>
      call(env.app, worker, 'POST', `/api/v1/trajectories/${trajectoryId}/close`, {
        closedAt: new Date().toISOString(),
        outcome: 'goals_achieved',
        handledWithoutSpecialistCare: true,
        reason: 'Doelen bereikt',
        noClosingMeasurementReason: 'Inwoner wilde geen meting meer',
        ...extra,
      });
    const who = ({ trajectoryId, residentId }: { trajectoryId: string; residentId: string }) => ({
      trajectoryId,
      residentId,
    });
    const closed = who(
      await openTrajectory(env.app, worker, { givenName: 'Gerrit', familyName: 'Dicht' }),
    );
    expect((await close(closed.trajectoryId)).json<{ status: string }>().status).toBe('closed');
    const refused = await lend(scooter, closed, '2030-08-01', '2030-08-02');
    expect(refused.statusCode, refused.body).toBe(409);
    expect(refused.json<Problem>()).toMatchObject({
      detail: 'This trajectory is closed.',
      detailNl: 'Dit traject is afgesloten.',
    });
    expect(await loansOf(scooter)).toEqual([]);
    // Aftercare is not closed for good: as a referral, a loan may still be made.
    const aftercare = who(
      await openTrajectory(env.app, worker, { givenName: 'Hanna', familyName: 'Nazorg' }),
    );
    const inAftercare = await close(aftercare.trajectoryId, {
      aftercareUntil: addDays(todayInAmsterdam(), 30),
    });
    expect(inAftercare.json<{ status: string }>().status).toBe('aftercare');
    expect((await lend(scooter, aftercare, '2030-08-01', '2030-08-02')).statusCode).toBe(201);
  });

  it('takes one loan back once when two workers record its return at the same moment', async () => {
    const today = todayInAmsterdam();
    for (let round = 0; round < 5; round++) {
      const scooter = await newItem(`Rollator terug ${round} (test)`);
      const loan = (await lend(scooter, ria, addDays(today, -10), addDays(today, 10))).json<Loan>();
      const back = (returnedOn: string) =>
        call(env.app, worker, 'POST', `/api/v1/item-loans/${loan.id}/return`, { returnedOn });
      const responses = await Promise.all([back(addDays(today, -5)), back(today)]);
      // One wins; the other waits for the loan's row, finds it returned: 409, nothing written.
      expect(responses.map((r) => r.statusCode).sort()).toEqual([200, 409]);
      const won = responses.find((r) => r.statusCode === 200)?.json<Loan>();
      expect((await loansOf(scooter))[0]?.returnedOn).toBe(won?.returnedOn);
      const { rows } = await sql<{ n: number }>`select count(*)::int as n from audit_events
        where action = 'item.return' and object_id = ${loan.id}`.execute(env.owner);
      expect(rows[0]?.n).toBe(1);
    }
  });

  it('cancels a reservation before it starts, which frees its days; a started loan is returned', async () => {
    const scooter = await newItem('Scootmobiel 7 (test)');
    const today = todayInAmsterdam();
    const day = (offset: number) => addDays(today, offset);
    const reserved = (await lend(scooter, ria, day(7), day(14))).json<Loan>();
    // The pool shows the reservation with the item, so the team can cancel it.
    const listed = async () =>
      (await call(env.app, worker, 'GET', '/api/v1/shared-items'))
        .json<{
          items: { id: string; currentLoan: Loan | null; reservations: Loan[] }[];
        }>()
        .items.find((i) => i.id === scooter);
    expect((await listed())?.reservations.map((l) => l.id)).toEqual([reserved.id]);
    expect((await listed())?.currentLoan).toBeNull();
    // Another team cannot: 404, unchanged.
    expect(
      (await call(env.app, worker2, 'POST', `/api/v1/item-loans/${reserved.id}/cancel`)).statusCode,
    ).toBe(404);
    expect((await lend(scooter, sjef, day(8), day(9))).statusCode).toBe(409);

    const cancelled = await call(
      env.app,
      worker,
      'POST',
      `/api/v1/item-loans/${reserved.id}/cancel`,
    );
    expect(cancelled.statusCode, cancelled.body).toBe(200);
    expect(cancelled.json<Loan>()).toMatchObject({
      cancelledOn: today,
      returnedOn: null,
      overdue: false,
    });
    expect((await listed())?.reservations).toEqual([]);
    const { rows } = await sql<{ resident_id: string }>`select resident_id from audit_events
      where action = 'item.cancel' and object_id = ${reserved.id}`.execute(env.owner);
    expect(rows).toEqual([{ resident_id: ria.residentId }]);
    // Its days are free again.
    expect((await lend(scooter, sjef, day(8), day(9))).statusCode).toBe(201);

    // Once ended, it is not ended again: cancelled twice or returned after all, 409.
    const again = await call(env.app, worker, 'POST', `/api/v1/item-loans/${reserved.id}/cancel`);
    expect(again.statusCode).toBe(409);
    expect(again.json<Problem>().detailNl).toContain('al geannuleerd');
    const returned = await call(
      env.app,
      worker,
      'POST',
      `/api/v1/item-loans/${reserved.id}/return`,
      {
        returnedOn: today,
      },
    );
    expect(returned.statusCode).toBe(409);

    // A loan that started today (the resident may have the item) is returned, not cancelled.
    const started = (await lend(scooter, ria, today, day(2))).json<Loan>();
    const tooLate = await call(env.app, worker, 'POST', `/api/v1/item-loans/${started.id}/cancel`);
    expect(tooLate.statusCode).toBe(409);
    expect(tooLate.json<Problem>().detail).toContain('can no longer be cancelled');
    const unchanged = (await loansOf(scooter)).find((l) => l.id === started.id);
    expect(unchanged).toMatchObject({ cancelledOn: null, returnedOn: null });
  });

  it("counts a cancelled reservation in nobody's reach", async () => {
    const scooter = await newItem('Scootmobiel 8 (test)');
    const loan = (await lend(scooter, ria, '2032-01-10', '2032-01-12')).json<Loan>();
    const { municipalityId } = worker.user;
    const borrowers = () =>
      inTenant(env.db, { municipalityId, teamIds: [teamId] }, (trx) =>
        collectiveReach(trx, {
          municipalityId,
          teamIds: [teamId],
          from: '2032-01-01',
          to: '2032-01-31',
          buurt: null,
        }),
      ).then((s) => s.figures.find((f) => f.key === 'item_borrowers')?.value);
    expect(await borrowers()).toBe(1);
    expect(
      (await call(env.app, worker, 'POST', `/api/v1/item-loans/${loan.id}/cancel`)).statusCode,
    ).toBe(200);
    expect(await borrowers()).toBe(0);
  });
});
