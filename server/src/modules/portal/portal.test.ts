import { beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import {
  call,
  createDemoEnv,
  lastAuditOf,
  login,
  type Session,
  type TestEnv,
} from '../../../test/harness.js';
import { INSTRUMENTS } from '../assessments/instruments.js';
import { todayInAmsterdam } from '../../platform/dates.js';
import { openTrajectory } from '../../../test/cases.js';
import { EXPORTED_TABLES, NOT_ABOUT_RESIDENTS } from '../privacy/privacy.service.js';

let env: TestEnv;
let worker: Session;
let worker2: Session;
let admin: Session;
let residentId: string;
let trajectoryId: string;
let ownActionId: string;
let networkActionId: string;

async function activate(code: string, loginName: string) {
  return env.app.inject({
    method: 'POST',
    url: '/api/v1/portal/activate',
    payload: { code, loginName, password: 'mijn-eigen-wachtwoord' },
  });
}

function asResident(response: {
  cookies: { name: string; value: string }[];
  json: <T>() => T;
}): Session {
  const cookie = response.cookies.find((c) => c.name === 'sk_session');
  const body = response.json<{ csrfToken: string; user: Session['user'] }>();
  return { cookie: `sk_session=${cookie?.value}`, csrfToken: body.csrfToken, user: body.user };
}

beforeAll(async () => {
  env = await createDemoEnv();
  worker = await login(env.app, 'worker@maastricht.demo');
  worker2 = await login(env.app, 'worker2@maastricht.demo');
  admin = await login(env.app, 'privacy@maastricht.demo');
  const created = await call(env.app, worker, 'POST', '/api/v1/registrations', {
    teamId: worker.user.teamIds[0],
    source: 'self',
    receivedAt: new Date(Date.now() - 86_400_000).toISOString(),
    question: 'Hulp bij de administratie',
    resident: {
      givenName: 'Portaal',
      familyName: 'Gebruiker',
      birthDate: '1969-03-03',
      bsn: '123456782',
    },
  });
  residentId = created.json<{ residentId: string }>().residentId;
  // Triage follows the first contact.
  await call(
    env.app,
    worker,
    'POST',
    `/api/v1/registrations/${created.json<{ id: string }>().id}/first-contact`,
    {
      at: new Date().toISOString(),
      kind: 'home_visit',
    },
  );
  const triage = await call(
    env.app,
    worker,
    'POST',
    `/api/v1/registrations/${created.json<{ id: string }>().id}/triage`,
    { outcome: 'multiple_problems' },
  );
  trajectoryId = triage.json<{ trajectoryId: string }>().trajectoryId;
  const plan = await call(env.app, worker, 'PUT', `/api/v1/trajectories/${trajectoryId}/plan`, {
    version: 0,
    answers: { own_strength: 'Ik kan zelf de post openen.' },
    actions: [
      {
        description: 'Betalingsregeling aanvragen',
        ownerType: 'resident',
        ownerName: 'Ikzelf',
        status: 'open',
      },
      {
        description: 'Post samen sorteren',
        ownerType: 'network',
        ownerName: 'Zus',
        status: 'open',
      },
    ],
    agreements: ['Bellen als er een aanmaning komt'],
  });
  const actions = plan.json<{ actions: { id: string; ownerType: string }[] }>().actions;
  ownActionId = actions.find((a) => a.ownerType === 'resident')?.id ?? '';
  networkActionId = actions.find((a) => a.ownerType === 'network')?.id ?? '';
  await call(env.app, worker, 'POST', `/api/v1/trajectories/${trajectoryId}/contacts`, {
    at: new Date().toISOString(),
    kind: 'phone',
    note: 'Interne werkaantekening: overleg met de corporatie',
  });
});

describe('the invitation', () => {
  let code: string;

  it('is made by a worker of the team, and works once', async () => {
    expect(
      (await call(env.app, worker2, 'POST', '/api/v1/portal/invitations', { residentId }))
        .statusCode,
    ).toBe(404);
    const response = await call(env.app, worker, 'POST', '/api/v1/portal/invitations', {
      residentId,
    });
    expect(response.statusCode).toBe(201);
    code = response.json<{ code: string; expiresAt: string }>().code;
    expect(code).toMatch(/^[A-Z2-9]{4}-[A-Z2-9]{4}-[A-Z2-9]{4}$/);
    const expires = new Date(response.json<{ expiresAt: string }>().expiresAt).getTime();
    expect(expires - Date.now()).toBeGreaterThan(6.9 * 86_400_000);
    const first = await activate(code, 'portaal.gebruiker@example.demo');
    expect(first.statusCode).toBe(200);
    const again = await activate(code, 'iemand.anders@example.demo');
    expect(again.statusCode).toBe(400);
    expect(again.json<{ invalidParams: { name: string }[] }>().invalidParams[0]?.name).toBe('code');
  });

  it('refuses an expired code', async () => {
    const other = await openTrajectory(env.app, worker, {
      givenName: 'Verlopen',
      familyName: 'Code',
    });
    const fresh = (
      await call(env.app, worker, 'POST', '/api/v1/portal/invitations', {
        residentId: other.residentId,
      })
    ).json<{ code: string }>().code;
    await sql`update resident_invitations set expires_at = now() - interval '1 minute' where used_at is null`.execute(
      env.owner,
    );
    expect((await activate(fresh, 'verlopen@example.demo')).statusCode).toBe(400);
  });
});

describe("the resident's view", () => {
  let resident: Session;

  beforeAll(async () => {
    const response = await env.app.inject({
      method: 'POST',
      url: '/api/v1/portal/login',
      payload: { loginName: 'portaal.gebruiker@example.demo', password: 'mijn-eigen-wachtwoord' },
    });
    expect(response.statusCode).toBe(200);
    resident = asResident(response);
  });

  it('shows the household, the coordinator and the shared plan, never the internal journal', async () => {
    const me = (await call(env.app, resident, 'GET', '/api/v1/portal/me')).json<{
      trajectory: { coordinator: { name: string } };
    }>();
    expect(me.trajectory.coordinator.name).toBe('Sanne Jacobs');
    const plan = await call(env.app, resident, 'GET', '/api/v1/portal/plan');
    expect(plan.json<{ plan: { agreements: string[] } }>().plan.agreements).toEqual([
      'Bellen als er een aanmaning komt',
    ]);
    expect(plan.body).not.toContain('Interne werkaantekening');
    expect(plan.body).not.toContain('123456782');
  });

  it('lets the resident tick off their own action (a new plan version), but not the network’s', async () => {
    const own = await call(env.app, resident, 'POST', `/api/v1/portal/actions/${ownActionId}`, {
      status: 'done',
    });
    expect(own.statusCode).toBe(200);
    expect(own.json<{ planVersion: number }>().planVersion).toBe(2);
    // The resident's save replaced the plan's actions in the resident's own scope; the counts per
    // owner that the monitor reads still see both actions.
    const { rows: counted } = await sql<{ by_owner: Record<string, number> }>`
      select plan_actions_by_owner as by_owner from trajectories where id = ${trajectoryId}::uuid`.execute(
      env.owner,
    );
    expect(counted[0]?.by_owner).toEqual({ resident: 1, network: 1 });
    const other = await call(
      env.app,
      resident,
      'POST',
      `/api/v1/portal/actions/${networkActionId}`,
      { status: 'done' },
    );
    expect(other.statusCode).toBe(400);
    const comment = await call(
      env.app,
      resident,
      'POST',
      `/api/v1/portal/actions/${networkActionId}`,
      { comment: 'Mijn zus kan pas volgende week.' },
    );
    expect(comment.statusCode).toBe(200);
    const versions = (
      await call(env.app, worker, 'GET', `/api/v1/trajectories/${trajectoryId}/plan/versions`)
    ).json<{ items: { version: number; savedBy: { name: string } }[] }>().items;
    expect(versions[0]).toMatchObject({ version: 2, savedBy: { name: 'Portaal Gebruiker' } });
  });

  it('records agreement and wishes', async () => {
    expect(
      (await call(env.app, resident, 'POST', '/api/v1/portal/plan/agreement', { version: 2 }))
        .statusCode,
    ).toBe(200);
    const v2 = (
      await call(env.app, worker, 'GET', `/api/v1/trajectories/${trajectoryId}/plan/versions/2`)
    ).json<{ agreement: { method: string } }>();
    expect(v2.agreement.method).toBe('portal');
    expect(
      (
        await call(env.app, resident, 'POST', '/api/v1/portal/plan/wishes', {
          text: 'Ik wil ook hulp bij werk zoeken.',
        })
      ).statusCode,
    ).toBe(201);
  });

  it('shows who looked at the file, including the worker who opened the plan', async () => {
    await call(env.app, worker, 'GET', `/api/v1/trajectories/${trajectoryId}/plan`);
    const items = (await call(env.app, resident, 'GET', '/api/v1/portal/access-log')).json<{
      items: { who: string; what: string }[];
    }>().items;
    expect(items).toContainEqual(
      expect.objectContaining({ who: 'Sanne Jacobs', what: 'bekeek uw krachtplan' }),
    );
    expect(items).toContainEqual(expect.objectContaining({ who: 'U zelf' }));
  });

  it('keeps the resident out of staff endpoints and other households', async () => {
    expect((await call(env.app, resident, 'GET', '/api/v1/registrations')).statusCode).toBe(403);
    expect(
      (await call(env.app, resident, 'GET', `/api/v1/trajectories/${trajectoryId}`)).statusCode,
    ).toBe(403);
    expect((await call(env.app, resident, 'GET', '/api/v1/households')).statusCode).toBe(403);
    expect(
      (
        await call(
          env.app,
          resident,
          'POST',
          '/api/v1/portal/actions/01900000-0000-7000-8000-000000000000',
          { status: 'done' },
        )
      ).statusCode,
    ).toBe(404);
  });

  it('signs out and the session is gone', async () => {
    expect((await call(env.app, resident, 'POST', '/api/v1/auth/logout')).statusCode).toBe(204);
    expect((await call(env.app, resident, 'GET', '/api/v1/portal/me')).statusCode).toBe(401);
  });
});

describe('the privacy officer', () => {
  it('reads the audit log by resident, and nobody else can', async () => {
    const response = await call(env.app, admin, 'GET', `/api/v1/audit?residentId=${residentId}`);
    expect(response.statusCode).toBe(200);
    const items = response.json<{ items: { action: string; residentId: string }[] }>().items;
    expect(items.length).toBeGreaterThan(5);
    expect(items.every((i) => i.residentId === residentId)).toBe(true);
    expect((await call(env.app, worker, 'GET', '/api/v1/audit')).statusCode).toBe(403);
    // An admin without the privacy duty manages the organisation, not the audit trail.
    const plainAdmin = await login(env.app, 'admin@maastricht.demo');
    expect((await call(env.app, plainAdmin, 'GET', '/api/v1/audit')).statusCode).toBe(403);
  });

  it('exports everything held about the resident, from every table that holds person data', async () => {
    const response = await call(env.app, admin, 'GET', `/api/v1/residents/${residentId}/export`);
    expect(response.statusCode).toBe(200);
    const exported = response.json<{ tables: Record<string, unknown[]> }>().tables;
    expect(exported.residents).toHaveLength(1);
    expect(exported.plan_versions?.length).toBe(2);
    expect(exported.contacts?.length).toBe(1);
    expect(exported.resident_messages?.length).toBeGreaterThanOrEqual(2);
    expect(exported.audit_events?.length).toBeGreaterThan(5);
    expect(response.body).not.toContain('123456782');
  });

  it('covers every table in the database: a new table must be exported or declared not about residents', async () => {
    const { rows } = await sql<{ table_name: string }>`
      select table_name from information_schema.tables where table_schema = 'public' and table_type = 'BASE TABLE'`.execute(
      env.owner,
    );
    const unknown = rows
      .map((r) => r.table_name)
      .filter((t) => !(t in EXPORTED_TABLES) && !NOT_ABOUT_RESIDENTS.includes(t));
    expect(unknown).toEqual([]);
  });
});

describe("the resident's agreement to the plan", () => {
  let resident: Session;
  let caseId: string;
  let ownAction: string;
  const today = () =>
    new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Amsterdam' }).format(new Date());

  type PortalPlan = {
    plan: { version: number; agreement: { agreedOn: string; method: string } | null };
    versions: { version: number; agreedOn: string | null; agreedVersion: number | null }[];
  };
  const portalPlan = async () =>
    (await call(env.app, resident, 'GET', '/api/v1/portal/plan')).json<PortalPlan>();
  const workerPlan = async () =>
    (await call(env.app, worker, 'GET', `/api/v1/trajectories/${caseId}/plan`)).json<{
      version: number;
      agreement: { agreedOn: string; method: string } | null;
    }>();
  const workerVersions = async () =>
    (await call(env.app, worker, 'GET', `/api/v1/trajectories/${caseId}/plan/versions`)).json<{
      items: { version: number; agreedOn: string | null; agreedVersion: number | null }[];
    }>().items;
  const tick = (status: 'open' | 'done') =>
    call(env.app, resident, 'POST', `/api/v1/portal/actions/${ownAction}`, { status });
  const agree = (version: number) =>
    call(env.app, resident, 'POST', '/api/v1/portal/plan/agreement', { version });

  beforeAll(async () => {
    const opened = await openTrajectory(env.app, worker, {
      givenName: 'Akkoord',
      familyName: 'Plan',
    });
    caseId = opened.trajectoryId;
    const saved = await call(env.app, worker, 'PUT', `/api/v1/trajectories/${caseId}/plan`, {
      version: 0,
      domains: [{ domain: 'finances', goal: 'Een regeling die ik volhoud' }],
      actions: [
        { description: 'Zelf de post openen', ownerType: 'resident', ownerName: 'Ikzelf' },
        { description: 'Schuldenoverzicht maken', ownerType: 'team', ownerName: 'Sanne Jacobs' },
      ],
      agreements: ['Bellen als er een aanmaning komt'],
    });
    ownAction = saved.json<{ actions: { id: string; ownerType: string }[] }>().actions[0]?.id ?? '';
    const code = (
      await call(env.app, worker, 'POST', '/api/v1/portal/invitations', {
        residentId: opened.residentId,
      })
    ).json<{ code: string }>().code;
    const activated = await activate(code, 'akkoord.plan@example.demo');
    expect(activated.statusCode).toBe(200);
    resident = asResident(activated);
  });

  it('holds when the resident ticks off an action, and both views say which version it was given to', async () => {
    expect((await agree(1)).statusCode).toBe(200);
    expect((await tick('done')).json<{ planVersion: number }>().planVersion).toBe(2);
    expect((await tick('open')).json<{ planVersion: number }>().planVersion).toBe(3);

    const portal = await portalPlan();
    expect(portal.plan.version).toBe(3);
    expect(portal.plan.agreement).toMatchObject({ agreedOn: today(), method: 'portal' });
    expect(portal.versions.map((v) => [v.version, v.agreedOn, v.agreedVersion])).toEqual([
      [3, today(), 1],
      [2, today(), 1],
      [1, today(), 1],
    ]);

    const current = await workerPlan();
    expect(current.version).toBe(3);
    expect(current.agreement).toMatchObject({ agreedOn: today(), method: 'portal' });
    expect((await workerVersions())[0]).toMatchObject({ version: 3, agreedVersion: 1 });
  });

  it('holds through a worker saving progress only, and ends with a change of content', async () => {
    const plan = (await call(env.app, worker, 'GET', `/api/v1/trajectories/${caseId}/plan`)).json<{
      actions: { id: string; ownerType: string; status: string }[];
    }>();
    const put = (version: number, actions: unknown[]) =>
      call(env.app, worker, 'PUT', `/api/v1/trajectories/${caseId}/plan`, {
        version,
        domains: [{ domain: 'finances', goal: 'Een regeling die ik volhoud' }],
        actions,
        agreements: ['Bellen als er een aanmaning komt'],
      });
    const teamDone = plan.actions.map((a) =>
      a.ownerType === 'team' ? { ...a, status: 'done' } : a,
    );
    expect((await put(3, teamDone)).statusCode).toBe(200);
    expect((await workerVersions())[0]).toMatchObject({ version: 4, agreedVersion: 1 });

    // A new action is a change of what was agreed: the resident is asked again.
    const added = [
      ...teamDone,
      { description: 'Naar de formulierenbrigade', ownerType: 'resident', ownerName: 'Ikzelf' },
    ];
    expect((await put(4, added)).statusCode).toBe(200);
    expect((await workerPlan()).agreement).toBeNull();
    const portal = await portalPlan();
    expect(portal.plan.agreement).toBeNull();
    expect(portal.versions[0]).toMatchObject({ version: 5, agreedOn: null, agreedVersion: null });
    expect(portal.versions[1]).toMatchObject({ version: 4, agreedVersion: 1 });
  });

  it('refuses an agreement to a version that is no longer the current one (409 naming version), and changes nothing', async () => {
    const before = await workerVersions();
    const old = await agree(3);
    expect(old.statusCode).toBe(409);
    const problem = old.json<{
      detail: string;
      detailNl: string;
      invalidParams: { name: string; reason: string; reasonNl: string }[];
      currentVersion: number;
    }>();
    expect(problem.invalidParams.map((p) => p.name)).toEqual(['version']);
    expect(problem.detailNl).toContain('versie 5');
    expect(problem.detail).toContain('version 5');
    expect(problem.currentVersion).toBe(5);
    const byWorker = await call(
      env.app,
      worker,
      'POST',
      `/api/v1/trajectories/${caseId}/plan/versions/2/agreement`,
      { agreedOn: today(), method: 'signature' },
    );
    expect(byWorker.statusCode).toBe(409);
    expect(byWorker.json<{ invalidParams: { name: string }[] }>().invalidParams[0]?.name).toBe(
      'version',
    );
    expect(await workerVersions()).toEqual(before);
    const { rows } = await sql<{ n: number }>`
      select count(*)::int as n from audit_events
       where action = 'plan.agreement' and object_id = ${caseId}`.execute(env.owner);
    expect(rows[0]?.n).toBe(1);
  });

  it('records an agreement to the current version once, and never overwrites it', async () => {
    expect((await agree(5)).statusCode).toBe(200);
    const again = await call(
      env.app,
      worker,
      'POST',
      `/api/v1/trajectories/${caseId}/plan/versions/5/agreement`,
      { agreedOn: today(), method: 'signature', note: 'Getekend op papier' },
    );
    expect(again.statusCode).toBe(409);
    expect(again.json<{ invalidParams: { name: string }[] }>().invalidParams[0]?.name).toBe(
      'version',
    );
    expect((await workerPlan()).agreement).toMatchObject({ method: 'portal' });
    expect((await agree(5)).statusCode).toBe(409);
    expect((await agree(9)).statusCode).toBe(404);
  });
});

describe("the resident's access log", () => {
  const REASON = 'Crisis: de regisseur is niet bereikbaar en de verhuurder dreigt vandaag';
  let resident: Session;

  beforeAll(async () => {
    const response = await env.app.inject({
      method: 'POST',
      url: '/api/v1/portal/login',
      payload: { loginName: 'portaal.gebruiker@example.demo', password: 'mijn-eigen-wachtwoord' },
    });
    resident = asResident(response);
  });

  it('tells in Dutch who opened the file in an emergency, and why', async () => {
    const grant = await call(env.app, worker2, 'POST', '/api/v1/break-glass', {
      trajectoryId,
      reason: REASON,
    });
    expect(grant.statusCode).toBe(201);
    const items = (await call(env.app, resident, 'GET', '/api/v1/portal/access-log')).json<{
      items: { who: string; action: string; what: string; whatEn: string; reason: string | null }[];
    }>().items;
    expect(items.find((i) => i.action === 'break_glass.open')).toEqual(
      expect.objectContaining({
        who: worker2.user.name,
        what: 'opende uw dossier in een noodsituatie, van buiten het eigen team',
        whatEn: 'opened your file in an emergency, from outside their own team',
        reason: REASON,
      }),
    );
  });

  it("tells of the privacy officer's check without the filters it used, and never shows a code", async () => {
    expect(
      (
        await call(
          env.app,
          admin,
          'GET',
          `/api/v1/audit?residentId=${residentId}&actorId=${worker2.user.id}`,
        )
      ).statusCode,
    ).toBe(200);
    const items = (await call(env.app, resident, 'GET', '/api/v1/portal/access-log')).json<{
      items: { action: string; what: string; reason: string | null }[];
    }>().items;
    expect(items.find((i) => i.action === 'audit.read')).toEqual(
      expect.objectContaining({
        what: 'bekeek wie uw dossier heeft ingezien (controle op de toegang)',
        reason: null,
      }),
    );
    for (const item of items) {
      expect(item.what, item.action).not.toContain(item.action);
      if (item.action !== 'break_glass.open') expect(item.reason, item.action).toBeNull();
    }
  });
});

describe('a closed trajectory, and an action the worker dropped', () => {
  let resident: Session;
  let caseId: string;
  let ownAction: string;
  let droppedAction: string;
  type Problem = {
    detail: string;
    detailNl: string;
    invalidParams?: { name: string; reason: string; reasonNl: string }[];
  };
  const tick = (actionId: string, status: 'open' | 'done') =>
    call(env.app, resident, 'POST', `/api/v1/portal/actions/${actionId}`, { status });
  const agree = (version: number) =>
    call(env.app, resident, 'POST', '/api/v1/portal/plan/agreement', { version });
  const wish = () =>
    call(env.app, resident, 'POST', '/api/v1/portal/plan/wishes', { text: 'Nog één ding.' });
  /** What a refused call must leave alone: the plan, its versions, messages and audit rows. */
  const snapshot = async () => {
    const { rows } = await sql<Record<string, unknown>>`
      select t.plan_version,
             (select count(*)::int from plan_versions v where v.trajectory_id = t.id) as versions,
             (select count(*)::int from plan_versions v where v.trajectory_id = t.id and v.agreed_on is not null) as agreed,
             (select count(*)::int from resident_messages m where m.trajectory_id = t.id) as messages,
             (select count(*)::int from audit_events a where a.object_id = t.id::text
                and a.action in ('plan.save', 'plan.agreement')) as audited,
             (select jsonb_agg(a.status order by a.description) from plan_actions a where a.trajectory_id = t.id) as statuses
        from trajectories t where t.id = ${caseId}::uuid`.execute(env.owner);
    return rows[0];
  };

  beforeAll(async () => {
    const opened = await openTrajectory(env.app, worker, {
      givenName: 'Afgesloten',
      familyName: 'Traject',
    });
    caseId = opened.trajectoryId;
    const saved = await call(env.app, worker, 'PUT', `/api/v1/trajectories/${caseId}/plan`, {
      version: 0,
      actions: [
        { description: 'Zelf de post openen', ownerType: 'resident', ownerName: 'Ikzelf' },
        {
          description: 'Cursus koken volgen',
          ownerType: 'resident',
          ownerName: 'Ikzelf',
          status: 'dropped',
        },
      ],
      agreements: ['Bellen als er een aanmaning komt'],
    });
    expect(saved.statusCode, saved.body).toBe(200);
    const actions = saved.json<{ actions: { id: string; status: string }[] }>().actions;
    ownAction = actions.find((a) => a.status === 'open')?.id ?? '';
    droppedAction = actions.find((a) => a.status === 'dropped')?.id ?? '';
    const code = (
      await call(env.app, worker, 'POST', '/api/v1/portal/invitations', {
        residentId: opened.residentId,
      })
    ).json<{ code: string }>().code;
    const activated = await activate(code, 'afgesloten.traject@example.demo');
    expect(activated.statusCode).toBe(200);
    resident = asResident(activated);
  });

  it('refuses ticking off or reopening a dropped action (409 naming status), and changes nothing', async () => {
    const before = await snapshot();
    for (const status of ['done', 'open'] as const) {
      const refused = await tick(droppedAction, status);
      expect(refused.statusCode, status).toBe(409);
      const problem = refused.json<Problem>();
      expect(problem.invalidParams?.map((p) => p.name)).toEqual(['status']);
      expect(problem.invalidParams?.[0]?.reasonNl).toContain('gestopt');
      expect(problem.invalidParams?.[0]?.reason).toContain('dropped');
    }
    expect(await snapshot()).toEqual(before);
    // A comment on it still reaches the team.
    const comment = await call(
      env.app,
      resident,
      'POST',
      `/api/v1/portal/actions/${droppedAction}`,
      {
        comment: 'Jammer, misschien later.',
      },
    );
    expect(comment.statusCode).toBe(200);
  });

  it('still lets the resident tick, agree and wish during aftercare, as staff may still change the plan', async () => {
    const closed = await call(env.app, worker, 'POST', `/api/v1/trajectories/${caseId}/close`, {
      closedAt: new Date().toISOString(),
      outcome: 'goals_achieved',
      handledWithoutSpecialistCare: true,
      reason: 'Het gaat weer goed.',
      aftercareUntil: '2099-12-31',
      noClosingMeasurementReason: 'Test',
    });
    expect(closed.statusCode, closed.body).toBe(200);
    expect(closed.json<{ status: string }>().status).toBe('aftercare');
    const ticked = await tick(ownAction, 'done');
    expect(ticked.statusCode).toBe(200);
    expect((await agree(ticked.json<{ planVersion: number }>().planVersion)).statusCode).toBe(200);
    expect((await wish()).statusCode).toBe(201);
  });

  it('refuses ticking, agreeing, wishing and commenting once it is closed (409 in Dutch and English), and changes nothing', async () => {
    // During aftercare the worker adds an action: a version the resident has not agreed to yet.
    const current = (
      await call(env.app, worker, 'GET', `/api/v1/trajectories/${caseId}/plan`)
    ).json<{ version: number; actions: unknown[]; agreements: string[] }>();
    const added = await call(env.app, worker, 'PUT', `/api/v1/trajectories/${caseId}/plan`, {
      version: current.version,
      actions: [
        ...current.actions,
        { description: 'Eens per maand bellen', ownerType: 'team', ownerName: 'Sanne Jacobs' },
      ],
      agreements: current.agreements,
    });
    expect(added.statusCode, added.body).toBe(200);
    const version = added.json<{ version: number }>().version;
    const ended = await call(
      env.app,
      worker,
      'POST',
      `/api/v1/trajectories/${caseId}/end-aftercare`,
    );
    expect(ended.statusCode, ended.body).toBe(200);
    // The worker cannot change the plan of a closed trajectory either.
    expect(
      (
        await call(env.app, worker, 'PUT', `/api/v1/trajectories/${caseId}/plan`, {
          version,
          actions: [],
        })
      ).statusCode,
    ).toBe(409);
    const before = await snapshot();
    const refusals = [
      await tick(ownAction, 'open'),
      await agree(version),
      await wish(),
      await call(env.app, resident, 'POST', `/api/v1/portal/actions/${ownAction}`, {
        comment: 'Toch nog een vraag.',
      }),
    ];
    for (const refused of refusals) {
      expect(refused.statusCode, refused.body).toBe(409);
      const problem = refused.json<Problem>();
      expect(problem.detailNl).toContain('afgesloten');
      expect(problem.detail).toContain('closed');
    }
    expect(await snapshot()).toEqual(before);
    // Reading stays: the resident still sees the last plan, as it was at closure.
    const shown = await call(env.app, resident, 'GET', '/api/v1/portal/plan');
    expect(shown.json<{ plan: { version: number } }>().plan.version).toBe(version);
    expect(
      (await call(env.app, resident, 'GET', '/api/v1/portal/me')).json<{
        trajectory: { status: string };
      }>().trajectory.status,
    ).toBe('closed');
  });
});

describe("the resident's measurements", () => {
  let resident: Session;
  const scores = Object.fromEntries(
    INSTRUMENTS['zrm-2017'].domains.map(({ key }) => [key, key === 'justice' ? null : 3]),
  );

  /** Records a start measurement for `member` (by the worker), and answers its id. */
  async function measure(member: string): Promise<string> {
    const response = await call(
      env.app,
      worker,
      'POST',
      `/api/v1/trajectories/${trajectoryId}/assessments`,
      {
        instrument: 'zrm-2017',
        moment: 'start',
        takenAt: todayInAmsterdam(),
        residentId: member,
        scores,
      },
    );
    expect(response.statusCode, response.body).toBe(201);
    return response.json<{ id: string }>().id;
  }

  /** Adds a member to the resident's household (by the worker), and answers their id. */
  async function addMember(givenName: string, birthDate: string): Promise<string> {
    const trajectory = await call(env.app, worker, 'GET', `/api/v1/trajectories/${trajectoryId}`);
    const householdId = trajectory.json<{ householdId: string }>().householdId;
    const household = await call(env.app, worker, 'GET', `/api/v1/households/${householdId}`);
    const response = await call(
      env.app,
      worker,
      'POST',
      `/api/v1/households/${householdId}/members`,
      {
        version: household.json<{ version: number }>().version,
        givenName,
        familyName: 'Gebruiker',
        birthDate,
      },
    );
    expect(response.statusCode, response.body).toBe(201);
    const members = response.json<{ members: { id: string; givenName: string }[] }>().members;
    return members.find((m) => m.givenName === givenName)?.id ?? '';
  }

  beforeAll(async () => {
    const response = await env.app.inject({
      method: 'POST',
      url: '/api/v1/portal/login',
      payload: { loginName: 'portaal.gebruiker@example.demo', password: 'mijn-eigen-wachtwoord' },
    });
    resident = asResident(response);
  });

  it("shows the resident's own and their child's measurements, not their partner's", async () => {
    const partner = await addMember('Partner', '1971-05-05');
    const child = await addMember('Kind', '2015-06-06');
    const own = await measure(residentId);
    const partners = await measure(partner);
    const childs = await measure(child);
    const response = await call(env.app, resident, 'GET', '/api/v1/portal/measurements');
    expect(response.statusCode).toBe(200);
    const shown = response.json<{ items: { id: string }[] }>().items.map((m) => m.id);
    expect(shown).toEqual(expect.arrayContaining([own, childs]));
    expect(shown).not.toContain(partners);
    // The child's measurement was read by the parent: it is in the child's access log too.
    const audited = await lastAuditOf(env, 'assessment.list');
    expect(audited.residentIds).toEqual([child, residentId].sort());
  });

  it('shows the progress of each member shown under their name, each against their own start', async () => {
    const members = await sql<{ id: string; given_name: string }>`
      select id::text, given_name from residents where household_id =
        (select household_id from residents where id = ${residentId}::uuid)`.execute(env.owner);
    const idOf = (name: string) => members.rows.find((m) => m.given_name === name)?.id ?? '';
    // Later than the starts (all 3): the resident up to 4, the partner and the child down to 2.
    for (const [member, score] of [
      [residentId, 4],
      [idOf('Partner'), 2],
      [idOf('Kind'), 2],
    ] as const) {
      const response = await call(
        env.app,
        worker,
        'POST',
        `/api/v1/trajectories/${trajectoryId}/assessments`,
        {
          instrument: 'zrm-2017',
          moment: 'interim',
          takenAt: todayInAmsterdam(),
          residentId: member,
          scores: { ...scores, finances: score },
        },
      );
      expect(response.statusCode, response.body).toBe(201);
    }
    const progress = (await call(env.app, resident, 'GET', '/api/v1/portal/measurements')).json<{
      progress: {
        residentId: string | null;
        residentName: string | null;
        domains: { domain: string; change: number | null }[];
      }[];
    }>().progress;
    const finances = (id: string) =>
      progress.find((p) => p.residentId === id)?.domains.find((d) => d.domain === 'finances');
    expect(progress.map((p) => p.residentName).sort()).toEqual([
      'Kind Gebruiker',
      'Portaal Gebruiker',
    ]);
    expect(finances(residentId)?.change).toBe(1);
    expect(finances(idOf('Kind'))?.change).toBe(-1);
    // The partner's measurements stay the partner's: not shown, not counted in another's change.
    expect(progress.some((p) => p.residentId === idOf('Partner'))).toBe(false);
  });
});
