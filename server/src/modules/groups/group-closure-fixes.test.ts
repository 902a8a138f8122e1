// A group's places and a trajectory that closes: a waiting place of a trajectory closed since the
// sign-up gets no place when one frees (it is ended instead), and a sign-up sent while the
// trajectory is being closed waits for the closing and is then refused.
import { beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { call, createDemoEnv, login, type Session, type TestEnv } from '../../../test/harness.js';
import { openTrajectory } from '../../../test/cases.js';
import { oneAfterAnother } from '../../../test/side-by-side.js';
import { addDays, todayInAmsterdam } from '../../platform/dates.js';

let env: TestEnv;
let worker: Session;
let teamId: string;

type Case = { trajectoryId: string; residentId: string };
type Participant = {
  id: string;
  residentId: string;
  name: string;
  status: 'participant' | 'waiting' | 'left';
  waitingPosition: number | null;
};
type Detail = { version: number; participants: Participant[] };

beforeAll(async () => {
  env = await createDemoEnv();
  worker = await login(env.app, 'worker@maastricht.demo');
  teamId = worker.user.teamIds[0] ?? '';
});

async function newGroup(name: string, capacity: number) {
  const response = await call(env.app, worker, 'POST', '/api/v1/groups', {
    teamId,
    kind: 'coffee_morning',
    name,
    lifeDomains: ['social_network'],
    capacity,
  });
  expect(response.statusCode, response.body).toBe(201);
  return response.json<{ id: string }>().id;
}
/** A resident with a trajectory of the worker's team. */
const resident = (givenName: string, familyName: string): Promise<Case> =>
  openTrajectory(env.app, worker, { givenName, familyName });
const detail = async (groupId: string) =>
  (await call(env.app, worker, 'GET', `/api/v1/groups/${groupId}`)).json<Detail>();
const signUp = (groupId: string, c: Case, extra: object = {}) =>
  call(env.app, worker, 'POST', `/api/v1/groups/${groupId}/participants`, {
    trajectoryId: c.trajectoryId,
    residentId: c.residentId,
    ...extra,
  });
const close = (trajectoryId: string, extra: object = {}) =>
  call(env.app, worker, 'POST', `/api/v1/trajectories/${trajectoryId}/close`, {
    closedAt: new Date().toISOString(),
    outcome: 'goals_achieved',
    handledWithoutSpecialistCare: true,
    reason: 'Doelen bereikt',
    noClosingMeasurementReason: 'Inwoner wilde geen meting meer',
    ...extra,
  });
/** Each participant's first name with status and waiting number. */
const statuses = (d: Detail) =>
  Object.fromEntries(
    d.participants.map((p) => [p.name.split(' ')[0] ?? '', [p.status, p.waitingPosition]]),
  );

/** The audit rows of the group written by the last request that wrote `action`. */
async function auditOfLast(groupId: string, action: string) {
  const { rows } = await sql<{ action: string; resident_id: string | null; reason: string | null }>`
    select action, resident_id, reason from audit_events
    where object_id = ${groupId} and action in ('group.leave', 'group.sign_up', 'group.update')
      and request_id = (select request_id from audit_events
        where object_id = ${groupId} and action = ${action} order by at desc limit 1)`.execute(
    env.owner,
  );
  return rows;
}

describe('a waiting place of a trajectory closed since the sign-up', () => {
  it('gets no place when someone leaves: the next who waits does, and it is ended and audited', async () => {
    const groupId = await newGroup('Koffieochtend wachtlijst na sluiting (test)', 1);
    const anna = await resident('Anna', 'Wachtrij');
    const bert = await resident('Bert', 'Wachtrij');
    const cees = await resident('Cees', 'Wachtrij');
    for (const c of [anna, bert, cees]) expect((await signUp(groupId, c)).statusCode).toBe(201);
    // Bert waited first, while his trajectory was open; then it closed.
    expect((await close(bert.trajectoryId)).json<{ status: string }>().status).toBe('closed');
    const annaId = (await detail(groupId)).participants.find((p) => p.name === 'Anna Wachtrij')?.id;
    const left = await call(env.app, worker, 'POST', `/api/v1/group-participants/${annaId}/leave`);
    expect(left.statusCode, left.body).toBe(200);
    expect(left.json<{ promoted: { name: string } | null }>().promoted?.name).toBe('Cees Wachtrij');
    expect(statuses(await detail(groupId))).toEqual({
      Anna: ['left', null],
      Bert: ['left', null],
      Cees: ['participant', null],
    });
    const audited = await auditOfLast(groupId, 'group.leave');
    expect(audited).toHaveLength(3);
    expect(audited).toEqual(
      expect.arrayContaining([
        { action: 'group.leave', resident_id: anna.residentId, reason: null },
        {
          action: 'group.leave',
          resident_id: bert.residentId,
          reason: 'waiting place ended: trajectory closed',
        },
        {
          action: 'group.sign_up',
          resident_id: cees.residentId,
          reason: 'place from the waiting list',
        },
      ]),
    );
  });

  it('gets no place from a higher capacity; one in aftercare still does', async () => {
    const groupId = await newGroup('Koffieochtend meer plaatsen na sluiting (test)', 1);
    const dirk = await resident('Dirk', 'Capaciteit');
    const eva = await resident('Eva', 'Capaciteit');
    const fien = await resident('Fien', 'Capaciteit');
    for (const c of [dirk, eva, fien]) expect((await signUp(groupId, c)).statusCode).toBe(201);
    expect((await close(eva.trajectoryId)).json<{ status: string }>().status).toBe('closed');
    const inAftercare = await close(fien.trajectoryId, {
      aftercareUntil: addDays(todayInAmsterdam(), 30),
    });
    expect(inAftercare.json<{ status: string }>().status).toBe('aftercare');
    const { version } = await detail(groupId);
    const raised = await call(env.app, worker, 'PATCH', `/api/v1/groups/${groupId}`, {
      version,
      capacity: 2,
    });
    expect(raised.statusCode, raised.body).toBe(200);
    expect(raised.json<{ participants: number; waiting: number }>()).toMatchObject({
      participants: 2,
      waiting: 0,
    });
    expect(statuses(await detail(groupId))).toEqual({
      Dirk: ['participant', null],
      Eva: ['left', null],
      Fien: ['participant', null],
    });
  });

  it('stays waiting while no place frees, and is ended when a restarted group hands out places', async () => {
    const groupId = await newGroup('Koffieochtend herstart na sluiting (test)', 1);
    const gijs = await resident('Gijs', 'Herstart');
    const hans = await resident('Hans', 'Herstart');
    for (const c of [gijs, hans]) expect((await signUp(groupId, c)).statusCode).toBe(201);
    const stop = await call(env.app, worker, 'PATCH', `/api/v1/groups/${groupId}`, {
      version: (await detail(groupId)).version,
      active: false,
    });
    expect(stop.statusCode, stop.body).toBe(200);
    const gijsId = (await detail(groupId)).participants.find((p) => p.name === 'Gijs Herstart')?.id;
    expect(
      (await call(env.app, worker, 'POST', `/api/v1/group-participants/${gijsId}/leave`))
        .statusCode,
    ).toBe(200);
    expect((await close(hans.trajectoryId)).statusCode).toBe(200);
    // A stopped group hands out nothing: Hans still waits.
    expect(statuses(await detail(groupId))).toMatchObject({ Hans: ['waiting', 1] });
    const restart = await call(env.app, worker, 'PATCH', `/api/v1/groups/${groupId}`, {
      version: (await detail(groupId)).version,
      active: true,
    });
    expect(restart.statusCode, restart.body).toBe(200);
    expect(statuses(await detail(groupId))).toEqual({
      Gijs: ['left', null],
      Hans: ['left', null],
    });
  });
});

describe('a sign-up sent while the trajectory is being closed', () => {
  it('waits for the closing and is refused: close 200, sign-up 409, no place', async () => {
    const groupId = await newGroup('Koffieochtend gelijktijdig sluiten (test)', 5);
    const ivo = await resident('Ivo', 'Gelijk');
    // With an action of the plan already there, the sign-up changes no plan: only its own check
    // of "closed" stands between it and a place.
    const plan = await call(
      env.app,
      worker,
      'PUT',
      `/api/v1/trajectories/${ivo.trajectoryId}/plan`,
      {
        version: 0,
        actions: [
          { description: 'Naar de koffieochtend', ownerType: 'collective', ownerName: 'Koffie' },
        ],
      },
    );
    expect(plan.statusCode, plan.body).toBe(200);
    const actionId = plan.json<{ actions: { id: string }[] }>().actions[0]?.id;
    const [closed, signedUp] = await oneAfterAnother(
      env.owner,
      sql`select id from trajectories where id = ${ivo.trajectoryId}::uuid for update`,
      [() => close(ivo.trajectoryId), () => signUp(groupId, ivo, { actionId })],
    );
    expect(closed?.statusCode, closed?.body).toBe(200);
    expect(signedUp?.statusCode, signedUp?.body).toBe(409);
    expect(signedUp?.json<{ detail: string; detailNl: string }>()).toMatchObject({
      detail: 'This trajectory is closed.',
      detailNl: 'Dit traject is afgesloten.',
    });
    expect((await detail(groupId)).participants).toEqual([]);
  });
});
