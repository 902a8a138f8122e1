import { beforeAll, describe, expect, it } from 'vitest';
import { sql, type RawBuilder } from 'kysely';
import type { LightMyRequestResponse } from 'fastify';
import {
  call,
  createDemoEnv,
  lastAuditOf,
  login,
  type Session,
  type TestEnv,
  auditPerResident,
} from '../../../test/harness.js';
import { todayInAmsterdam } from '../../platform/dates.js';

interface Trajectory {
  id: string;
  householdId: string;
  coordinatorId: string;
  coordinatorName: string;
  status: string;
  scaleLevel: string;
  version: number;
  planVersion: number;
  due: string[];
  overdueActions: number;
  lastContactAt: string | null;
  events?: { kind: string; from: string | null; to: string | null }[];
}
interface Plan {
  version: number;
  actions: { id: string; description: string; status: string }[];
  network: { id: string; name: string }[];
  agreement: { agreedOn: string } | null;
}
interface Problem {
  code: string;
  detailNl: string;
  currentVersion?: number;
  savedBy?: string;
  changes?: { section: string; item: string | null; change: string }[];
  invalidParams?: { name: string }[];
}

let env: TestEnv;
let worker: Session;
let teamlead: Session;
let worker2: Session;
let trajectory: Trajectory;

const hoursAgo = (h: number) => new Date(Date.now() - h * 3_600_000).toISOString();

async function openTrajectory(session: Session, familyName: string): Promise<string> {
  const created = await call(env.app, session, 'POST', '/api/v1/registrations', {
    teamId: session.user.teamIds[0],
    source: 'self',
    receivedAt: hoursAgo(48),
    question: 'Meerdere problemen tegelijk',
    resident: { givenName: 'Test', familyName, birthDate: '1980-01-01' },
  });
  // Triage follows the first contact.
  await call(
    env.app,
    session,
    'POST',
    `/api/v1/registrations/${created.json<{ id: string }>().id}/first-contact`,
    {
      at: new Date().toISOString(),
      kind: 'home_visit',
    },
  );
  const triage = await call(
    env.app,
    session,
    'POST',
    `/api/v1/registrations/${created.json<{ id: string }>().id}/triage`,
    {
      outcome: 'multiple_problems',
    },
  );
  return triage.json<{ trajectoryId: string }>().trajectoryId;
}

const plan = (version: number, overrides: Record<string, unknown> = {}) => ({
  version,
  answers: {
    own_strength: 'Ik kan zelf koken en de post openen als iemand meekijkt.',
    network: 'Mijn zus komt op zaterdag.',
  },
  domains: [
    {
      domain: 'finances',
      situation: 'Huurachterstand van drie maanden',
      strengths: 'Wil graag een regeling',
      goal: 'Binnen drie maanden een betalingsregeling',
    },
  ],
  actions: [
    {
      description: 'Post samen openen',
      ownerType: 'network',
      ownerName: 'Zus Marieke',
      dueDate: '2026-12-01',
      status: 'open',
    },
    {
      description: 'Afspraak bij de corporatie maken',
      ownerType: 'resident',
      ownerName: 'Mevrouw zelf',
      status: 'open',
    },
  ],
  agreements: ['Mevrouw belt als er een afsluitingsbrief komt.'],
  crisisPlan: {
    signs: 'Niet meer opnemen',
    whatToDo: 'Langsgaan',
    whoToCall: 'Zus Marieke, 06-12345678',
    agreedWithInformalCarer: true,
  },
  network: [
    { name: 'Marieke', relation: 'family', closeness: 1, roleInPlan: 'Opent samen de post' },
  ],
  ...overrides,
});

beforeAll(async () => {
  env = await createDemoEnv();
  worker = await login(env.app, 'worker@maastricht.demo');
  teamlead = await login(env.app, 'teamlead@maastricht.demo');
  worker2 = await login(env.app, 'worker2@maastricht.demo');
  const id = await openTrajectory(worker, 'Krachtplan');
  trajectory = (
    await call(env.app, worker, 'GET', `/api/v1/trajectories/${id}`)
  ).json<Trajectory>();
});

describe("the coordinator's list", () => {
  it('shows my trajectories with what is due', async () => {
    const response = await call(
      env.app,
      worker,
      'GET',
      `/api/v1/trajectories?coordinatorId=${worker.user.id}`,
    );
    expect(response.statusCode).toBe(200);
    const items = response.json<{ items: Trajectory[] }>().items;
    expect(items.every((t) => t.coordinatorId === worker.user.id)).toBe(true);
    const mine = items.find((t) => t.id === trajectory.id);
    expect(mine?.due).toEqual(expect.arrayContaining(['no_plan', 'no_recent_contact']));
  });

  it('names in its audit rows every member of the households on the page, and no one else', async () => {
    const response = await call(
      env.app,
      worker,
      'GET',
      `/api/v1/trajectories?coordinatorId=${worker.user.id}&status=active&limit=2`,
    );
    const items = response.json<{ items: Trajectory[] }>().items;
    expect(items).toHaveLength(2);
    const members = await sql<{ id: string }>`
      select id::text as id from residents
      where household_id = any(${items.map((t) => t.householdId)}::uuid[])`.execute(env.owner);
    expect(members.rows.length).toBeGreaterThan(items.length - 1);
    expect((await lastAuditOf(env, 'trajectory.list')).residentIds).toEqual(
      members.rows.map((r) => r.id).sort(),
    );
  });

  it('shows the team lead the whole team and another team nothing', async () => {
    const lead = (await call(env.app, teamlead, 'GET', '/api/v1/trajectories')).json<{
      items: Trajectory[];
    }>().items;
    expect(lead.map((t) => t.id)).toContain(trajectory.id);
    expect(new Set(lead.map((t) => t.coordinatorName)).size).toBeGreaterThan(1);
    const other = (await call(env.app, worker2, 'GET', '/api/v1/trajectories')).json<{
      items: Trajectory[];
    }>().items;
    expect(other.map((t) => t.id)).not.toContain(trajectory.id);
    expect(
      (await call(env.app, worker2, 'GET', `/api/v1/trajectories/${trajectory.id}`)).statusCode,
    ).toBe(404);
  });
});

describe('the krachtplan', () => {
  let v1: Plan;

  it('starts empty at version 0 and saves as version 1 with ids for actions and network', async () => {
    const empty = (
      await call(env.app, worker, 'GET', `/api/v1/trajectories/${trajectory.id}/plan`)
    ).json<Plan>();
    expect(empty.version).toBe(0);
    // Nor any measurement yet: an empty tab, not a 404.
    const measurements = await call(
      env.app,
      worker,
      'GET',
      `/api/v1/trajectories/${trajectory.id}/assessments`,
    );
    expect(measurements.statusCode).toBe(200);
    const tab = measurements.json<{
      items: unknown[];
      progress: unknown[];
      threeMonthDay: string;
      registeredResidentId: string | null;
    }>();
    expect([tab.items, tab.progress]).toEqual([[], []]);
    // The scoring form's facts are there before any measurement.
    expect(tab.threeMonthDay).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(tab.registeredResidentId).toMatch(/^[0-9a-f-]{36}$/);
    const response = await call(
      env.app,
      worker,
      'PUT',
      `/api/v1/trajectories/${trajectory.id}/plan`,
      plan(0),
    );
    expect(response.statusCode).toBe(200);
    v1 = response.json<Plan>();
    expect(v1.version).toBe(1);
    expect(v1.actions.map((a) => a.id).every((id) => /^[0-9a-f-]{36}$/.test(id))).toBe(true);
    expect(v1.network[0]?.name).toBe('Marieke');
  });

  it('keeps every save as a version with who and what changed', async () => {
    const actions = v1.actions.map((a, i) => (i === 0 ? { ...a, status: 'done' } : a));
    const v2 = await call(
      env.app,
      teamlead,
      'PUT',
      `/api/v1/trajectories/${trajectory.id}/plan`,
      // Sent back as GET returned them, nulls included.
      plan(1, { actions, network: v1.network }),
    );
    expect(v2.statusCode).toBe(200);
    const versions = (
      await call(env.app, worker, 'GET', `/api/v1/trajectories/${trajectory.id}/plan/versions`)
    ).json<{
      items: {
        version: number;
        savedBy: { name: string };
        changes: { section: string; item: string; change: string }[];
      }[];
    }>().items;
    expect(versions.map((v) => v.version)).toEqual([2, 1]);
    expect(versions[0]?.savedBy.name).toBe('Ruud Hermans');
    expect(versions[0]?.changes).toEqual([
      { section: 'actions', item: 'Post samen openen', change: 'changed' },
    ]);
    const old = (
      await call(env.app, worker, 'GET', `/api/v1/trajectories/${trajectory.id}/plan/versions/1`)
    ).json<Plan>();
    expect(old.actions[0]?.status).toBe('open');
    const current = (
      await call(env.app, worker, 'GET', `/api/v1/trajectories/${trajectory.id}/plan`)
    ).json<Plan & { savedBy: { name: string } }>();
    expect(current.version).toBe(2);
    expect(current.savedBy.name).toBe('Ruud Hermans');
    expect(
      (await call(env.app, worker, 'GET', `/api/v1/trajectories/${trajectory.id}/plan/versions/9`))
        .statusCode,
    ).toBe(404);
  });

  it('answers the second of two simultaneous saves with 409 and what the first changed, and loses nothing', async () => {
    const current = (
      await call(env.app, worker, 'GET', `/api/v1/trajectories/${trajectory.id}/plan`)
    ).json<Plan>();
    const mine = plan(current.version, { agreements: ['Afspraak van de medewerker'] });
    const theirs = plan(current.version, { agreements: ['Afspraak van de teamleider'] });
    const first = await call(
      env.app,
      teamlead,
      'PUT',
      `/api/v1/trajectories/${trajectory.id}/plan`,
      theirs,
    );
    const second = await call(
      env.app,
      worker,
      'PUT',
      `/api/v1/trajectories/${trajectory.id}/plan`,
      mine,
    );
    expect(first.statusCode).toBe(200);
    expect(second.statusCode).toBe(409);
    const problem = second.json<Problem>();
    expect(problem.currentVersion).toBe(current.version + 1);
    expect(problem.savedBy).toBe('Ruud Hermans');
    expect(problem.changes).toEqual(
      expect.arrayContaining([
        { section: 'agreements', item: 'Afspraak van de teamleider', change: 'added' },
      ]),
    );
    expect(problem.detailNl).toContain('intussen opgeslagen');
    const stored = (
      await call(env.app, worker, 'GET', `/api/v1/trajectories/${trajectory.id}/plan`)
    ).json<{ agreements: string[] }>();
    expect(stored.agreements).toEqual(['Afspraak van de teamleider']);
  });

  it("records the resident's agreement to the current version", async () => {
    // An agreement is to the plan as it is now (plans.service.ts): the tests above saved more.
    const current = (
      await call(env.app, worker, 'GET', `/api/v1/trajectories/${trajectory.id}/plan`)
    ).json<Plan>().version;
    const response = await call(
      env.app,
      worker,
      'POST',
      `/api/v1/trajectories/${trajectory.id}/plan/versions/${current}/agreement`,
      {
        agreedOn: todayInAmsterdam(),
        method: 'signature',
      },
    );
    expect(response.statusCode).toBe(200);
    const agreed = (
      await call(
        env.app,
        worker,
        'GET',
        `/api/v1/trajectories/${trajectory.id}/plan/versions/${current}`,
      )
    ).json<Plan>();
    expect(agreed.agreement?.agreedOn).toBe(todayInAmsterdam());
  });

  it('refuses an action id that is not in the plan, and bad fields, naming them', async () => {
    const current = (
      await call(env.app, worker, 'GET', `/api/v1/trajectories/${trajectory.id}/plan`)
    ).json<Plan>();
    const foreignId = await call(
      env.app,
      worker,
      'PUT',
      `/api/v1/trajectories/${trajectory.id}/plan`,
      plan(current.version, {
        actions: [
          {
            id: '01900000-0000-7000-8000-00000000abcd',
            description: 'X',
            ownerType: 'team',
            ownerName: 'Sanne',
            status: 'open',
          },
        ],
      }),
    );
    expect(foreignId.statusCode).toBe(400);
    expect(foreignId.json<Problem>().invalidParams?.[0]?.name).toBe('actions.0.id');
    const bad = await call(
      env.app,
      worker,
      'PUT',
      `/api/v1/trajectories/${trajectory.id}/plan`,
      plan(current.version, {
        answers: { what_else: 'x' },
        actions: [
          { description: '', ownerType: 'neighbour', ownerName: 'Buurvrouw', status: 'open' },
        ],
      }),
    );
    expect(bad.statusCode).toBe(400);
    expect(bad.json<Problem>().invalidParams?.map((p) => p.name)).toEqual(
      expect.arrayContaining(['actions.0.description', 'actions.0.ownerType']),
    );
    const after = (
      await call(env.app, worker, 'GET', `/api/v1/trajectories/${trajectory.id}/plan`)
    ).json<Plan>();
    expect(after.version).toBe(current.version);
  });

  it('keeps the plan of another team out of reach (404) and unchanged', async () => {
    const before = (
      await sql<{
        plan_version: number;
      }>`select plan_version from trajectories where id = ${trajectory.id}::uuid`.execute(env.owner)
    ).rows[0];
    const read = await call(env.app, worker2, 'GET', `/api/v1/trajectories/${trajectory.id}/plan`);
    const write = await call(
      env.app,
      worker2,
      'PUT',
      `/api/v1/trajectories/${trajectory.id}/plan`,
      plan(before?.plan_version ?? 0),
    );
    expect(read.statusCode).toBe(404);
    expect(write.statusCode).toBe(404);
    const after = (
      await sql<{
        plan_version: number;
      }>`select plan_version from trajectories where id = ${trajectory.id}::uuid`.execute(env.owner)
    ).rows[0];
    expect(after).toEqual(before);
  });
});

describe('coordinator, journal, status and closure', () => {
  it('lets only the team lead hand the trajectory to another worker of the team', async () => {
    const byWorker = await call(
      env.app,
      worker,
      'PUT',
      `/api/v1/trajectories/${trajectory.id}/coordinator`,
      { staffId: worker.user.id },
    );
    expect(byWorker.statusCode).toBe(403);
    const outsider = await call(
      env.app,
      teamlead,
      'PUT',
      `/api/v1/trajectories/${trajectory.id}/coordinator`,
      { staffId: worker2.user.id },
    );
    expect(outsider.statusCode).toBe(400);
    expect(outsider.json<Problem>().invalidParams?.[0]?.name).toBe('staffId');
    const handed = await call(
      env.app,
      teamlead,
      'PUT',
      `/api/v1/trajectories/${trajectory.id}/coordinator`,
      { staffId: teamlead.user.id },
    );
    expect(handed.statusCode).toBe(200);
    const detail = (
      await call(env.app, worker, 'GET', `/api/v1/trajectories/${trajectory.id}`)
    ).json<Trajectory>();
    expect(detail.coordinatorId).toBe(teamlead.user.id);
    expect(detail.events?.find((e) => e.kind === 'coordinator')).toMatchObject({
      from: worker.user.id,
      to: teamlead.user.id,
    });
  });

  it('keeps a contact journal, newest first, and notes the last contact', async () => {
    for (const [h, note] of [
      [30, 'Keukentafelgesprek'],
      [2, 'Gebeld over de corporatie'],
    ] as const) {
      const response = await call(
        env.app,
        worker,
        'POST',
        `/api/v1/trajectories/${trajectory.id}/contacts`,
        {
          at: hoursAgo(h),
          kind: h === 30 ? 'home_visit' : 'phone',
          note,
          minutes: 45,
        },
      );
      expect(response.statusCode).toBe(201);
    }
    const items = (
      await call(env.app, worker, 'GET', `/api/v1/trajectories/${trajectory.id}/contacts`)
    ).json<{ items: { note: string }[] }>().items;
    expect(items.map((c) => c.note)).toEqual(['Gebeld over de corporatie', 'Keukentafelgesprek']);
    const detail = (
      await call(env.app, worker, 'GET', `/api/v1/trajectories/${trajectory.id}`)
    ).json<Trajectory>();
    expect(detail.due).not.toContain('no_recent_contact');
  });

  it('keeps the journal of another team out of reach: 404, and no contact stored', async () => {
    const count = async () =>
      (
        await sql<{
          n: number;
        }>`select count(*)::int as n from contacts where trajectory_id = ${trajectory.id}::uuid`.execute(
          env.owner,
        )
      ).rows[0]?.n;
    const before = await count();
    const body = { at: hoursAgo(1), kind: 'phone', note: 'Niet van ons team', minutes: 5 };
    const otherTeam = await call(
      env.app,
      worker2,
      'POST',
      `/api/v1/trajectories/${trajectory.id}/contacts`,
      body,
    );
    const unknown = await call(
      env.app,
      worker,
      'POST',
      '/api/v1/trajectories/00000000-0000-7000-8000-000000000000/contacts',
      body,
    );
    expect(otherTeam.statusCode).toBe(404);
    expect(unknown.statusCode).toBe(404);
    expect(await count()).toBe(before);
  });

  it('records a case conference with external participants and the resident', async () => {
    const response = await call(
      env.app,
      worker,
      'POST',
      `/api/v1/trajectories/${trajectory.id}/case-conferences`,
      {
        heldOn: '2026-11-18',
        participants: [
          { name: 'Sanne Jacobs', role: 'regisseur' },
          { name: 'Huisarts Dr. Vaessen', role: 'huisarts', external: true },
        ],
        residentPresent: true,
        question: 'Is specialistische GGZ nodig?',
        advice: 'Eerst de POH-GGZ inschakelen',
        decisions: 'Regisseur maakt afspraak met de POH',
      },
    );
    expect(response.statusCode).toBe(201);
    const items = (
      await call(env.app, worker, 'GET', `/api/v1/trajectories/${trajectory.id}/case-conferences`)
    ).json<{
      items: { participants: { external: boolean }[]; residentPresent: boolean }[];
    }>().items;
    expect(items[0]?.participants.some((p) => p.external)).toBe(true);
    expect(items[0]?.residentPresent).toBe(true);
  });

  it('tracks scale level and follow-ups over time, and refuses a stale version', async () => {
    const current = (
      await call(env.app, worker, 'GET', `/api/v1/trajectories/${trajectory.id}`)
    ).json<Trajectory>();
    const changed = await call(env.app, worker, 'PATCH', `/api/v1/trajectories/${trajectory.id}`, {
      version: current.version,
      scaleLevel: 'specialist_task',
      status: 'follow_up',
      nextFollowUpOn: '2026-11-01',
      note: 'POH-GGZ vliegt in voor vier gesprekken',
    });
    expect(changed.statusCode).toBe(200);
    const detail = changed.json<Trajectory>();
    expect(detail).toMatchObject({ scaleLevel: 'specialist_task', status: 'follow_up' });
    expect(detail.due).toContain('follow_up');
    expect(detail.events?.filter((e) => e.kind === 'scale_level')).toEqual([
      expect.objectContaining({ from: 'team', to: 'specialist_task' }),
    ]);
    const stale = await call(env.app, worker, 'PATCH', `/api/v1/trajectories/${trajectory.id}`, {
      version: current.version,
      scaleLevel: 'team',
    });
    expect(stale.statusCode).toBe(409);
  });

  it('closes with outcome and aftercare, then ends the aftercare; a closed plan cannot change', async () => {
    const bad = await call(env.app, worker, 'POST', `/api/v1/trajectories/${trajectory.id}/close`, {
      closedAt: hoursAgo(1),
      outcome: 'finished',
      reason: '',
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json<Problem>().invalidParams?.map((p) => p.name)).toEqual(
      expect.arrayContaining(['outcome', 'reason', 'handledWithoutSpecialistCare']),
    );
    const closed = await call(
      env.app,
      worker,
      'POST',
      `/api/v1/trajectories/${trajectory.id}/close`,
      {
        closedAt: new Date().toISOString(),
        outcome: 'goals_achieved',
        handledWithoutSpecialistCare: true,
        reason: 'Betalingsregeling loopt, netwerk helpt met de post.',
        noClosingMeasurementReason: 'Inwoner wilde geen afsluitende meting',
        aftercareUntil: '2027-02-01',
      },
    );
    expect(closed.statusCode).toBe(200);
    expect(closed.json<Trajectory>()).toMatchObject({
      status: 'aftercare',
      handledWithoutSpecialistCare: true,
    });
    const twice = await call(
      env.app,
      worker,
      'POST',
      `/api/v1/trajectories/${trajectory.id}/close`,
      {
        closedAt: hoursAgo(1),
        outcome: 'goals_achieved',
        handledWithoutSpecialistCare: true,
        reason: 'Nogmaals',
      },
    );
    expect(twice.statusCode).toBe(409);
    const ended = await call(
      env.app,
      worker,
      'POST',
      `/api/v1/trajectories/${trajectory.id}/end-aftercare`,
    );
    expect(ended.json<Trajectory>().status).toBe('closed');
    // The default list (status=active) leaves the closed trajectory out; asking for closed ones,
    // or for every status, still finds it. (Its coordinator changed above, so the team's list.)
    const listed = async (query: string) =>
      (await call(env.app, worker, 'GET', `/api/v1/trajectories${query}`))
        .json<{ items: Trajectory[] }>()
        .items.map((t) => t.id);
    expect(await listed('?status=active')).not.toContain(trajectory.id);
    expect(await listed('?status=closed')).toContain(trajectory.id);
    expect(await listed('')).toContain(trajectory.id);
    const current = (
      await call(env.app, worker, 'GET', `/api/v1/trajectories/${trajectory.id}/plan`)
    ).json<Plan>();
    const save = await call(
      env.app,
      worker,
      'PUT',
      `/api/v1/trajectories/${trajectory.id}/plan`,
      plan(current.version),
    );
    expect(save.statusCode).toBe(409);
  });

  it('audits plan reads and saves with the resident', async () => {
    const { rows } = await sql<{ action: string }>`
      select distinct a.action from ${auditPerResident} a join residents r on r.id = a.resident_id
      where r.household_id = ${trajectory.householdId}::uuid and a.action like 'plan.%'`.execute(
      env.owner,
    );
    expect(rows.map((r) => r.action).sort()).toEqual(['plan.agreement', 'plan.read', 'plan.save']);
  });

  it('audits opening a trajectory, its plan, journal and case conferences with every member of the household', async () => {
    const members = await sql<{ id: string }>`
      select id from residents where household_id = ${trajectory.householdId}::uuid order by id`.execute(
      env.owner,
    );
    expect(members.rows.length).toBeGreaterThan(0);
    for (const [path, action] of [
      [`/api/v1/trajectories/${trajectory.id}`, 'trajectory.read'],
      [`/api/v1/trajectories/${trajectory.id}/plan`, 'plan.read'],
      [`/api/v1/trajectories/${trajectory.id}/contacts`, 'contact.list'],
      [`/api/v1/trajectories/${trajectory.id}/case-conferences`, 'case_conference.list'],
    ] as const) {
      const before = await sql<{ n: number }>`
        select count(*)::int as n from ${auditPerResident} as audit_events where action = ${action}`.execute(
        env.owner,
      );
      const response = await call(env.app, worker, 'GET', path);
      expect(response.statusCode).toBe(200);
      // The rows this read added: one per member, all naming this trajectory.
      const { rows } = await sql<{ resident_id: string; object_id: string }>`
        select resident_id, object_id from ${auditPerResident} as audit_events where action = ${action}
        order by at desc, id desc limit ${members.rows.length + 1}`.execute(env.owner);
      const after = await sql<{ n: number }>`
        select count(*)::int as n from ${auditPerResident} as audit_events where action = ${action}`.execute(
        env.owner,
      );
      expect(after.rows[0]!.n - before.rows[0]!.n, path).toBe(members.rows.length);
      rows.splice(members.rows.length);
      expect(new Set(rows.map((r) => r.object_id))).toEqual(new Set([trajectory.id]));
      rows.sort((a, b) => a.resident_id.localeCompare(b.resident_id));
      expect(
        rows.map((r) => r.resident_id),
        path,
      ).toEqual(members.rows.map((m) => m.id));
    }
  });
  it('audits every change of the case with every member of the household', async () => {
    const members = await sql<{ id: string }>`
      select id::text as id from residents where household_id = ${trajectory.householdId}::uuid
      order by id`.execute(env.owner);
    // The changes the tests above made: contacts, a case conference, the coordinator, status,
    // scale level and follow-up, and the closing and end of aftercare. Each request's rows.
    const { rows } = await sql<{ action: string; residents: string[] | null }>`
      select a.action,
             array_agg(a.resident_id::text order by a.resident_id::text)
               filter (where a.resident_id is not null) as residents
      from ${auditPerResident} a
      where a.action in ('contact.create', 'case_conference.create', 'trajectory.update', 'trajectory.close')
        and (a.object_id = ${trajectory.id}
          or a.object_id in (select id::text from contacts where trajectory_id = ${trajectory.id}::uuid)
          or a.object_id in (select id::text from case_conferences where trajectory_id = ${trajectory.id}::uuid))
      group by a.action, a.request_id`.execute(env.owner);
    expect(new Set(rows.map((r) => r.action))).toEqual(
      new Set([
        'contact.create',
        'case_conference.create',
        'trajectory.update',
        'trajectory.close',
      ]),
    );
    for (const row of rows)
      expect(row.residents, row.action).toEqual(members.rows.map((m) => m.id));
  });
});

describe('the way into aftercare and closed, and saves in between', () => {
  interface FieldProblem {
    code: string;
    detailNl: string;
    invalidParams: { name: string; reason: string; reasonNl: string }[];
  }
  // Aftercare runs until a day after the closing day (today).
  const aftercareUntil = new Date(Date.now() + 90 * 86_400_000).toISOString().slice(0, 10);
  // Opened just now by triage, so closed now (a closing date before the opening is refused).
  const closeBody = (until?: string) => ({
    closedAt: new Date().toISOString(),
    outcome: 'partly_achieved',
    handledWithoutSpecialistCare: false,
    reason: 'Schulden in beeld, verder bij de schuldhulp.',
    noClosingMeasurementReason: 'Inwoner wilde geen afsluitende meting',
    ...(until ? { aftercareUntil: until } : {}),
  });

  /** What the trajectory is in the table, with its history and the closures audited for it. */
  async function stored(id: string) {
    const row = (
      await sql<{
        status: string;
        version: number;
        scale_level: string;
        closed_at: Date | null;
        outcome: string | null;
        close_reason: string | null;
        aftercare_until: string | null;
      }>`select status, version, scale_level, closed_at, outcome, close_reason, aftercare_until
         from trajectories where id = ${id}::uuid`.execute(env.owner)
    ).rows[0];
    const events = (
      await sql<{ kind: string; from_value: string | null; to_value: string | null }>`
        select kind, from_value, to_value from trajectory_events
        where trajectory_id = ${id}::uuid order by at, id`.execute(env.owner)
    ).rows;
    const closures = (
      await sql<{ reason: string | null }>`
        select reason from ${auditPerResident} as audit_events where action = 'trajectory.close' and object_id = ${id}
        order by at, id`.execute(env.owner)
    ).rows;
    return { row, events, closures };
  }

  /**
   * `request` with a colleague's save landing between its read of the trajectory and its
   * versioned update: the colleague's change (version + 1) waits uncommitted in an owner
   * transaction, so the request reads the old version and its update waits for the row lock; the
   * commit then lets the update go on against the new version. Deterministic, unlike two racing
   * requests (which mostly run one after the other).
   */
  async function withSaveInBetween(
    id: string,
    change: RawBuilder<unknown>,
    request: () => Promise<LightMyRequestResponse>,
  ): Promise<LightMyRequestResponse> {
    let pending!: Promise<LightMyRequestResponse>;
    await env.owner.transaction().execute(async (trx) => {
      await sql`update trajectories set ${change}, version = version + 1
        where id = ${id}::uuid`.execute(trx);
      let settled = false;
      pending = request().finally(() => {
        settled = true;
      });
      for (let i = 0; ; i += 1) {
        const waiting = await sql<{ n: number }>`
          select count(*)::int as n from pg_stat_activity
          where datname = current_database() and wait_event_type = 'Lock'`.execute(env.owner);
        // Settled without waiting: the request never reached its update; its answer tells why.
        if ((waiting.rows[0]?.n ?? 0) > 0 || settled) break;
        if (i > 500) throw new Error('the request never waited for the row lock');
        await new Promise((resolve) => setTimeout(resolve, 10));
      }
    });
    return pending;
  }

  it('refuses PATCH to aftercare or closed, naming status, and changes nothing', async () => {
    const id = await openTrajectory(worker, 'Statusknop');
    const before = await stored(id);
    for (const status of ['aftercare', 'closed']) {
      const response = await call(env.app, worker, 'PATCH', `/api/v1/trajectories/${id}`, {
        version: before.row?.version,
        status,
        scaleLevel: 'informal',
      });
      expect(response.statusCode, status).toBe(400);
      const problem = response.json<FieldProblem>();
      expect(problem.invalidParams.map((p) => p.name)).toEqual(['status']);
      // Both languages, with the statuses that PATCH does set.
      expect(problem.invalidParams[0]?.reason).toContain('open, follow_up');
      expect(problem.invalidParams[0]?.reasonNl).toContain('open, follow_up');
    }
    expect(await stored(id)).toEqual(before);
  });

  it('closes only through /close, keeps the aftercare status from PATCH, and ends it with closing date and outcome', async () => {
    const id = await openTrajectory(worker, 'Nazorgpad');
    const opened = (await call(env.app, worker, 'GET', `/api/v1/trajectories/${id}`)).json<{
      version: number;
    }>();
    const followUp = await call(env.app, worker, 'PATCH', `/api/v1/trajectories/${id}`, {
      version: opened.version,
      status: 'follow_up',
    });
    expect(followUp.statusCode).toBe(200);
    const closed = await call(
      env.app,
      worker,
      'POST',
      `/api/v1/trajectories/${id}/close`,
      closeBody(aftercareUntil),
    );
    expect(closed.statusCode).toBe(200);
    const inAftercare = closed.json<{ version: number; status: string }>();
    expect(inAftercare.status).toBe('aftercare');

    // Back to open or follow-up from aftercare would keep the closing date and outcome on a
    // running trajectory: refused as a conflict with the current state, naming the field.
    const before = await stored(id);
    for (const status of ['open', 'follow_up']) {
      const back = await call(env.app, worker, 'PATCH', `/api/v1/trajectories/${id}`, {
        version: inAftercare.version,
        status,
      });
      expect(back.statusCode, status).toBe(409);
      const problem = back.json<FieldProblem & { detail: string }>();
      expect(problem.invalidParams.map((p) => p.name)).toEqual(['status']);
      expect(problem.detailNl).toContain('nazorg');
      expect(problem.detail).toContain('aftercare');
    }
    expect(await stored(id)).toEqual(before);

    const ended = await call(env.app, worker, 'POST', `/api/v1/trajectories/${id}/end-aftercare`);
    expect(ended.statusCode).toBe(200);
    const final = ended.json<{ closedAt: string | null }>();
    expect(final.closedAt).toBe(closed.json<{ closedAt: string | null }>().closedAt);
    expect(final.closedAt).not.toBeNull();
    expect(final).toMatchObject({
      status: 'closed',
      outcome: 'partly_achieved',
      closeReason: 'Schulden in beeld, verder bij de schuldhulp.',
      handledWithoutSpecialistCare: false,
    });
    const after = await stored(id);
    expect(after.row).toMatchObject({ status: 'closed', outcome: 'partly_achieved' });
    expect(after.row?.closed_at).toBeInstanceOf(Date);
    expect(after.events.filter((e) => e.kind === 'status')).toEqual([
      { kind: 'status', from_value: 'open', to_value: 'follow_up' },
      { kind: 'status', from_value: 'follow_up', to_value: 'aftercare' },
      { kind: 'status', from_value: 'aftercare', to_value: 'closed' },
    ]);
    expect(after.closures.map((c) => c.reason)).toEqual(['partly_achieved', 'aftercare ended']);
  });

  it('answers /close with 409 when someone saved in between, and closes and records nothing', async () => {
    const id = await openTrajectory(worker, 'Gelijktijdig');
    const response = await withSaveInBetween(id, sql`scale_level = 'informal'`, () =>
      call(env.app, worker, 'POST', `/api/v1/trajectories/${id}/close`, closeBody()),
    );
    expect(response.statusCode).toBe(409);
    expect(response.json<Problem>().code).toBe('version_conflict');
    const after = await stored(id);
    expect(after.row).toMatchObject({
      status: 'open',
      scale_level: 'informal',
      closed_at: null,
      outcome: null,
      close_reason: null,
    });
    expect(after.events.filter((e) => e.kind === 'status')).toEqual([]);
    expect(after.closures).toEqual([]);
  });

  it('answers /end-aftercare with 409 when someone saved in between, and records nothing', async () => {
    const id = await openTrajectory(worker, 'Nazorgrace');
    const closed = await call(
      env.app,
      worker,
      'POST',
      `/api/v1/trajectories/${id}/close`,
      closeBody(aftercareUntil),
    );
    expect(closed.statusCode).toBe(200);
    const before = await stored(id);
    const response = await withSaveInBetween(id, sql`next_follow_up_on = current_date + 30`, () =>
      call(env.app, worker, 'POST', `/api/v1/trajectories/${id}/end-aftercare`),
    );
    expect(response.statusCode).toBe(409);
    expect(response.json<Problem>().code).toBe('version_conflict');
    const after = await stored(id);
    expect(after.row).toMatchObject({ status: 'aftercare', aftercare_until: aftercareUntil });
    expect(after.row?.version).toBe((before.row?.version ?? 0) + 1);
    expect(after.events).toEqual(before.events);
    expect(after.closures).toEqual(before.closures);
  });
});
