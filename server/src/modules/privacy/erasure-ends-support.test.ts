// An erased household keeps nothing of the team's collective support running under "Gewist":
// its group places and waiting places end (a freed place goes to the first who waits), its
// volunteer matches end, and a reservation of the item pool that has not started is cancelled.
// An item a member has now stops the erasure (409 naming the item) until the team records that
// it came back: erased, nobody would know whom to ask for it.
import { beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { call, createDemoEnv, login, type Session, type TestEnv } from '../../../test/harness.js';
import { openTrajectory } from '../../../test/cases.js';
import { addDays, todayInAmsterdam } from '../../platform/dates.js';

let env: TestEnv;
let worker: Session;
let officer: Session;
let teamId: string;

type Who = { trajectoryId: string; residentId: string };

beforeAll(async () => {
  env = await createDemoEnv();
  worker = await login(env.app, 'worker@maastricht.demo');
  officer = await login(env.app, 'privacy@maastricht.demo');
  teamId = worker.user.teamIds[0] ?? '';
});

function ok<R extends { statusCode: number; body: string }>(response: R, status = 200): R {
  expect(response.statusCode, response.body).toBe(status);
  return response;
}

async function newGroup(name: string) {
  const created = await call(env.app, worker, 'POST', '/api/v1/groups', {
    teamId,
    kind: 'course',
    name,
    capacity: 1,
  });
  return ok(created, 201).json<{ id: string }>().id;
}
const signUp = async (groupId: string, who: Who) =>
  ok(
    await call(env.app, worker, 'POST', `/api/v1/groups/${groupId}/participants`, {
      trajectoryId: who.trajectoryId,
      residentId: who.residentId,
    }),
    201,
  ).json<{ id: string; status: string }>();

async function newItem(name: string) {
  const created = await call(env.app, worker, 'POST', '/api/v1/shared-items', {
    teamId,
    kind: 'wheelchair',
    name,
  });
  return ok(created, 201).json<{ id: string }>().id;
}
const lend = async (itemId: string, who: Who, fromDate: string, untilDate: string) =>
  ok(
    await call(env.app, worker, 'POST', `/api/v1/shared-items/${itemId}/loans`, {
      trajectoryId: who.trajectoryId,
      residentId: who.residentId,
      fromDate,
      untilDate,
    }),
    201,
  ).json<{ id: string }>().id;

const statusesOf = async (residentId: string) =>
  (
    await sql<{ name: string; status: string }>`select g.name, p.status from group_participants p
      join groups g on g.municipality_id = p.municipality_id and g.id = p.group_id
      where p.resident_id = ${residentId}::uuid order by g.name`.execute(env.owner)
  ).rows.map((r) => [r.name, r.status]);

describe('erasing a household', () => {
  it('ends its places, waiting places, volunteer matches and reservations; an item out stops it', async () => {
    const today = todayInAmsterdam();
    const erased = await openTrajectory(env.app, worker, { givenName: 'Wies', familyName: 'Wis' });
    const waiting = await openTrajectory(env.app, worker, {
      givenName: 'Bart',
      familyName: 'Wacht',
    });
    const first = await openTrajectory(env.app, worker, { givenName: 'Cato', familyName: 'Eerst' });

    // A place in one group (Bart waits behind her), a waiting place in another (Cato has it).
    const course = await newGroup('Cursus voor het wissen (test)');
    const walk = await newGroup('Wandelgroep voor het wissen (test)');
    expect((await signUp(course, erased)).status).toBe('participant');
    expect((await signUp(course, waiting)).status).toBe('waiting');
    expect((await signUp(walk, first)).status).toBe('participant');
    expect((await signUp(walk, erased)).status).toBe('waiting');
    // A volunteer helps her.
    const volunteer = await sql<{ id: string }>`select id from volunteers
      where municipality_id = ${worker.user.municipalityId}::uuid and active order by id limit 1`.execute(
      env.owner,
    );
    const match = ok(
      await call(
        env.app,
        worker,
        'POST',
        `/api/v1/trajectories/${erased.trajectoryId}/volunteer-matches`,
        {
          volunteerId: volunteer.rows[0]?.id,
          task: 'Boodschappen doen',
          where: 'Bij haar thuis',
          when: 'Maandag',
        },
      ),
      201,
    ).json<{ id: string }>().id;
    // She has a wheelchair now, and a scooter reserved for next week.
    const wheelchair = await newItem('Rolstoel voor het wissen (test)');
    const scooter = await newItem('Scootmobiel voor het wissen (test)');
    const lent = await lend(wheelchair, erased, today, addDays(today, 14));
    const reserved = await lend(scooter, erased, addDays(today, 7), addDays(today, 10));

    ok(
      await call(env.app, worker, 'POST', `/api/v1/trajectories/${erased.trajectoryId}/close`, {
        closedAt: new Date().toISOString(),
        outcome: 'goals_achieved',
        handledWithoutSpecialistCare: true,
        reason: 'Doelen bereikt',
        noClosingMeasurementReason: 'Inwoner wilde geen meting meer',
      }),
    );
    const request = ok(
      await call(env.app, officer, 'POST', '/api/v1/privacy/erasures', {
        residentId: erased.residentId,
        note: 'Verzoek per brief',
      }),
      201,
    ).json<{ id: string }>().id;
    const erase = () =>
      call(env.app, officer, 'POST', `/api/v1/privacy/erasures/${request}/erase`, { version: 1 });

    // The wheelchair is still with her: 409 naming it, and nothing is erased or ended.
    const refused = await erase();
    expect(refused.statusCode, refused.body).toBe(409);
    const problem = refused.json<{ detail: string; detailNl: string }>();
    expect(problem.detail).toContain('Rolstoel voor het wissen (test)');
    expect(problem.detailNl).toContain('nog een item van de uitleenpool');
    const name = await sql<{ given_name: string }>`select given_name from residents
      where id = ${erased.residentId}::uuid`.execute(env.owner);
    expect(name.rows[0]?.given_name).toBe('Wies');
    expect(await statusesOf(erased.residentId)).toEqual([
      ['Cursus voor het wissen (test)', 'participant'],
      ['Wandelgroep voor het wissen (test)', 'waiting'],
    ]);

    // The team takes the wheelchair back; now the erasure goes ahead.
    ok(
      await call(env.app, worker, 'POST', `/api/v1/item-loans/${lent}/return`, {
        returnedOn: today,
      }),
    );
    ok(await erase());
    expect(await statusesOf(erased.residentId)).toEqual([
      ['Cursus voor het wissen (test)', 'left'],
      ['Wandelgroep voor het wissen (test)', 'left'],
    ]);
    // Her place went to Bart, who waited for it, audited as his sign-up.
    expect(await statusesOf(waiting.residentId)).toEqual([
      ['Cursus voor het wissen (test)', 'participant'],
    ]);
    const promoted = await sql<{ resident_id: string }>`select resident_id from audit_events
      where object_id = ${course} and action = 'group.sign_up'
        and reason = 'place from the waiting list'`.execute(env.owner);
    expect(promoted.rows).toEqual([{ resident_id: waiting.residentId }]);
    // The volunteer's task ended; the reservation is cancelled and the scooter free those days.
    const ended = await sql<{ status: string; ended: boolean }>`select status,
      ended_at is not null as ended from volunteer_matches where id = ${match}::uuid`.execute(
      env.owner,
    );
    expect(ended.rows).toEqual([{ status: 'ended', ended: true }]);
    const reservation = await sql<{ cancelled_on: string | null }>`select cancelled_on::text
      from item_loans where id = ${reserved}::uuid`.execute(env.owner);
    expect(reservation.rows).toEqual([{ cancelled_on: today }]);
    await lend(scooter, first, addDays(today, 7), addDays(today, 10));
  });
});
