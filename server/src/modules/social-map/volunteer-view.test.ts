// A volunteer account sees its own tasks with the minimum (first name, what, where, when) and
// nothing of the file; residents' offers (wederkerigheid) are recorded on the plan and listed.
import { beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { call, createDemoEnv, login, type Session, type TestEnv } from '../../../test/harness.js';
import { createStaffMember } from '../../../test/factories.js';
import { openTrajectory } from '../../../test/cases.js';

let env: TestEnv;
let worker: Session;
let worker2: Session;
let volunteer: Session;
let volunteerId: string;
let trajectory: { trajectoryId: string; residentId: string };

beforeAll(async () => {
  env = await createDemoEnv();
  worker = await login(env.app, 'worker@maastricht.demo');
  worker2 = await login(env.app, 'worker2@maastricht.demo');
  const lead = await login(env.app, 'teamlead@maastricht.demo');
  const account = await createStaffMember(env.owner, worker.user.municipalityId, {
    role: 'volunteer',
    email: 'karin@vrijwilligers.demo',
    name: 'Karin Vrijwilliger',
  });
  volunteerId = (
    await call(env.app, lead, 'POST', '/api/v1/volunteers', {
      name: 'Karin',
      staffId: account.id,
      skills: ['boodschappen'],
      vogCheckedOn: '2026-02-01',
    })
  ).json<{ id: string }>().id;
  volunteer = await login(env.app, account.email, account.password);
  const opened = await openTrajectory(env.app, worker, {
    givenName: 'Hendrika',
    familyName: 'Geheimhouding',
  });
  trajectory = { trajectoryId: opened.trajectoryId, residentId: opened.residentId };
});

describe("the volunteer's own view", () => {
  it('holds exactly first name, what, where and when: no surname, file, trajectory or address', async () => {
    const match = await call(
      env.app,
      worker,
      'POST',
      `/api/v1/trajectories/${trajectory.trajectoryId}/volunteer-matches`,
      {
        volunteerId,
        task: 'Wekelijks samen boodschappen doen',
        where: 'Bij de Jumbo in Caberg',
        when: 'Donderdagmiddag',
      },
    );
    expect(match.statusCode).toBe(201);
    const response = await call(env.app, volunteer, 'GET', '/api/v1/volunteer/tasks');
    expect(response.statusCode).toBe(200);
    const [task, ...rest] = response.json<{ items: Record<string, unknown>[] }>().items;
    expect(rest).toEqual([]);
    expect(Object.keys(task ?? {}).sort()).toEqual([
      'id',
      'residentFirstName',
      'task',
      'when',
      'where',
    ]);
    expect(task?.residentFirstName).toBe('Hendrika');
    for (const absent of [
      'Geheimhouding',
      trajectory.trajectoryId,
      trajectory.residentId,
      '6217',
      'Wil graag meedoen',
    ])
      expect(response.body).not.toContain(absent);
  });

  it("opens none of the team's screens to the volunteer", async () => {
    for (const url of [
      `/api/v1/trajectories/${trajectory.trajectoryId}`,
      `/api/v1/trajectories/${trajectory.trajectoryId}/plan`,
      `/api/v1/trajectories/${trajectory.trajectoryId}/volunteer-matches`,
      `/api/v1/trajectories/${trajectory.trajectoryId}/offers`,
      '/api/v1/volunteers',
      '/api/v1/groups',
      '/api/v1/shared-items',
      '/api/v1/item-loans/overdue',
    ])
      expect((await call(env.app, volunteer, 'GET', url)).statusCode, url).toBe(403);
  });
});

describe("residents' offers (wederkerigheid)", () => {
  it('are recorded on the plan, listed, validated and kept within the team', async () => {
    const bad = await call(
      env.app,
      worker,
      'POST',
      `/api/v1/trajectories/${trajectory.trajectoryId}/offers`,
      {
        residentId: trajectory.residentId,
        skill: '',
      },
    );
    expect(bad.statusCode).toBe(400);
    expect(bad.json<{ invalidParams: { name: string }[] }>().invalidParams[0]?.name).toBe('skill');
    const added = await call(
      env.app,
      worker,
      'POST',
      `/api/v1/trajectories/${trajectory.trajectoryId}/offers`,
      {
        residentId: trajectory.residentId,
        skill: 'Naaien en verstellen',
        availability: ['wo-middag'],
      },
    );
    expect(added.statusCode).toBe(201);
    // Audited as what it is: a resident's offer recorded on their file (not a volunteer match).
    const audited = await sql<{ action: string; resident_id: string }>`
      select action, resident_id from audit_events
      where object_id = ${added.json<{ id: string }>().id}`.execute(env.owner);
    expect(audited.rows).toEqual([
      { action: 'resident_offer.create', resident_id: trajectory.residentId },
    ]);
    const listed = await call(
      env.app,
      worker,
      'GET',
      `/api/v1/trajectories/${trajectory.trajectoryId}/offers`,
    );
    expect(listed.json<{ items: { skill: string }[] }>().items.map((o) => o.skill)).toEqual([
      'Naaien en verstellen',
    ]);
    expect(
      (
        await call(
          env.app,
          worker2,
          'GET',
          `/api/v1/trajectories/${trajectory.trajectoryId}/offers`,
        )
      ).statusCode,
    ).toBe(404);
  });
});
