import { beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import {
  call,
  createDemoEnv,
  login,
  type Session,
  type TestEnv,
  auditPerResident,
} from '../../../test/harness.js';
import { createStaffMember } from '../../../test/factories.js';
import { openTrajectory } from '../../../test/cases.js';

interface Referral {
  id: string;
  status: string;
  consentScope: string[];
  question: string | null;
}
interface PartnerReferral extends Referral {
  shared: {
    question?: string;
    plan?: { actions: unknown[] };
    contactDetails?: unknown;
    network?: unknown;
  };
}

let env: TestEnv;
let worker: Session;
let worker2: Session;
let ggzPartner: Session;
let otherPartner: Session;
let trajectoryId: string;
let ggzId: string;

beforeAll(async () => {
  env = await createDemoEnv();
  worker = await login(env.app, 'worker@maastricht.demo');
  worker2 = await login(env.app, 'worker2@maastricht.demo');
  const { municipalityId } = worker.user;
  const orgs = await sql<{ id: string; name: string }>`select id, name from organisations`.execute(
    env.owner,
  );
  ggzId = orgs.rows.find((o) => o.name === 'GGZ Heuvelland')?.id ?? '';
  const schuldId = orgs.rows.find((o) => o.name === 'Schuldhulp Zuid')?.id ?? '';
  const a = await createStaffMember(env.owner, municipalityId, {
    role: 'partner',
    organisationId: ggzId,
    email: 'poh@ggz.demo',
  });
  const b = await createStaffMember(env.owner, municipalityId, {
    role: 'partner',
    organisationId: schuldId,
    email: 'intake@schuld.demo',
  });
  ggzPartner = await login(env.app, a.email, a.password);
  otherPartner = await login(env.app, b.email, b.password);
  const registration = await call(env.app, worker, 'POST', '/api/v1/registrations', {
    teamId: worker.user.teamIds[0],
    source: 'gp',
    receivedAt: new Date(Date.now() - 86_400_000).toISOString(),
    question: 'Somberheid en schulden',
    resident: { givenName: 'Rian', familyName: 'Verwijzing', birthDate: '1975-05-05' },
  });
  // Triage follows the first contact.
  await call(
    env.app,
    worker,
    'POST',
    `/api/v1/registrations/${registration.json<{ id: string }>().id}/first-contact`,
    {
      at: new Date().toISOString(),
      kind: 'home_visit',
    },
  );
  const triage = await call(
    env.app,
    worker,
    'POST',
    `/api/v1/registrations/${registration.json<{ id: string }>().id}/triage`,
    { outcome: 'multiple_problems' },
  );
  trajectoryId = triage.json<{ trajectoryId: string }>().trajectoryId;
  await call(env.app, worker, 'PUT', `/api/v1/trajectories/${trajectoryId}/plan`, {
    version: 0,
    domains: [
      {
        domain: 'mental_health',
        situation: 'Somber',
        strengths: 'Zoekt hulp',
        goal: 'Weer buiten komen',
      },
    ],
    actions: [
      {
        description: 'Wandelen met de buurvrouw',
        ownerType: 'network',
        ownerName: 'Buurvrouw Ans',
        status: 'open',
      },
    ],
  });
});

describe('referrals with consent', () => {
  let withConsent: Referral;

  it('shares exactly what the resident consented to with the receiving organisation, while open', async () => {
    const response = await call(
      env.app,
      worker,
      'POST',
      `/api/v1/trajectories/${trajectoryId}/referrals`,
      {
        kind: 'specialist_task',
        organisationId: ggzId,
        referredTo: 'POH-GGZ, vier gesprekken',
        question: 'Kunnen jullie vier gesprekken voeren over de somberheid?',
        consent: { givenOn: '2026-11-20', scope: ['question', 'plan'] },
      },
    );
    expect(response.statusCode).toBe(201);
    withConsent = response.json<Referral>();
    expect(withConsent).toMatchObject({ status: 'open', consentScope: ['question', 'plan'] });

    const inbox = (await call(env.app, ggzPartner, 'GET', '/api/v1/referrals')).json<{
      items: Referral[];
    }>().items;
    expect(inbox.map((r) => r.id)).toEqual([withConsent.id]);
    const detail = (
      await call(env.app, ggzPartner, 'GET', `/api/v1/referrals/${withConsent.id}`)
    ).json<PartnerReferral>();
    expect(detail.shared.question).toContain('vier gesprekken');
    expect(detail.question).toBe(detail.shared.question);
    expect(detail.shared.plan?.actions).toHaveLength(1);
    expect(detail.shared).not.toHaveProperty('contactDetails');
    expect(detail.shared).not.toHaveProperty('network');
  });

  it('moves the scale level when a specialist flies in for a task', async () => {
    const detail = (
      await call(env.app, worker, 'GET', `/api/v1/trajectories/${trajectoryId}`)
    ).json<{ scaleLevel: string }>();
    expect(detail.scaleLevel).toBe('specialist_task');
  });

  it('shows nothing to another organisation, nor the case data behind it', async () => {
    expect(
      (await call(env.app, otherPartner, 'GET', '/api/v1/referrals')).json<{ items: unknown[] }>()
        .items,
    ).toHaveLength(0);
    expect(
      (await call(env.app, otherPartner, 'GET', `/api/v1/referrals/${withConsent.id}`)).statusCode,
    ).toBe(404);
    expect(
      (await call(env.app, ggzPartner, 'GET', `/api/v1/trajectories/${trajectoryId}`)).statusCode,
    ).toBe(403);
  });

  it('shares nothing without consent', async () => {
    const response = await call(
      env.app,
      worker,
      'POST',
      `/api/v1/trajectories/${trajectoryId}/referrals`,
      {
        kind: 'handover',
        organisationId: ggzId,
        referredTo: 'GGZ Heuvelland, behandeling',
        question: 'Overdracht voor behandeling',
      },
    );
    expect(response.statusCode).toBe(201);
    const id = response.json<Referral>().id;
    expect((await call(env.app, ggzPartner, 'GET', `/api/v1/referrals/${id}`)).statusCode).toBe(
      404,
    );
    const { rows } = await sql<{
      shared: unknown;
    }>`select shared from referrals where id = ${id}::uuid`.execute(env.owner);
    expect(rows[0]?.shared).toBeNull();
  });

  it('lets the partner answer, after which the partner no longer sees it', async () => {
    const answered = await call(
      env.app,
      ggzPartner,
      'POST',
      `/api/v1/referrals/${withConsent.id}/answer`,
      {
        answer: 'Intake gepland op 2 december.',
      },
    );
    expect(answered.statusCode).toBe(200);
    expect(answered.json<Referral>().status).toBe('answered');
    expect(
      (await call(env.app, ggzPartner, 'GET', `/api/v1/referrals/${withConsent.id}`)).statusCode,
    ).toBe(404);
    const team = (
      await call(env.app, worker, 'GET', `/api/v1/trajectories/${trajectoryId}/referrals`)
    ).json<{
      items: { id: string; answer: string | null }[];
    }>().items;
    expect(team.find((r) => r.id === withConsent.id)?.answer).toBe('Intake gepland op 2 december.');
  });

  it('needs the provision for Wmo advice, and keeps referrals of another team out of reach', async () => {
    const missing = await call(
      env.app,
      worker,
      'POST',
      `/api/v1/trajectories/${trajectoryId}/referrals`,
      {
        kind: 'wmo_advice',
        referredTo: 'Wmo-loket',
        question: 'Advies over een scootmobiel',
      },
    );
    expect(missing.statusCode).toBe(400);
    expect(missing.json<{ invalidParams: { name: string }[] }>().invalidParams[0]?.name).toBe(
      'wmoProvision',
    );
    const other = await call(
      env.app,
      worker2,
      'POST',
      `/api/v1/trajectories/${trajectoryId}/referrals`,
      {
        kind: 'wmo_advice',
        wmoProvision: 'wheelchair',
        referredTo: 'Wmo-loket',
        question: 'x',
      },
    );
    expect(other.statusCode).toBe(404);
  });

  it("audits the partner's read with the residents it concerns", async () => {
    const { rows } = await sql<{
      n: number;
    }>`select count(*)::int as n from ${auditPerResident} as audit_events
      where action = 'referral.read' and actor_role = 'partner' and resident_id is not null`.execute(
      env.owner,
    );
    expect(rows[0]?.n).toBeGreaterThan(0);
  });

  it("audits each referral made with every member of the trajectory's household", async () => {
    const { rows } = await sql<{ referrals: number; unnamed: number; members: number }>`
      select count(distinct a.object_id)::int as referrals,
             count(*) filter (where a.resident_id is null)::int as unnamed,
             (select count(*)::int from residents r join trajectories t on t.household_id = r.household_id
               where t.id = ${trajectoryId}::uuid) as members
      from ${auditPerResident} a
      where a.action = 'referral.create'
        and a.object_id in (select id::text from referrals where trajectory_id = ${trajectoryId}::uuid)`.execute(
      env.owner,
    );
    expect(rows[0]!.referrals).toBeGreaterThan(0);
    expect(rows[0]!.unnamed).toBe(0);
    const perReferral = await sql<{ n: number }>`
      select count(*)::int as n from ${auditPerResident} as audit_events
      where action = 'referral.create'
        and object_id in (select id::text from referrals where trajectory_id = ${trajectoryId}::uuid)
      group by object_id`.execute(env.owner);
    for (const { n } of perReferral.rows) expect(n).toBe(rows[0]!.members);
  });
});

describe('referrals with consent that leaves out the question', () => {
  // Distinctive enough that any field carrying (part of) it shows up in the raw body.
  const question = 'Vermoeden van gokschulden bij Rian, graag discreet oppakken';
  const fragment = 'gokschulden';

  it('keeps the question from the partner in every answer, while the team still sees its own note', async () => {
    const created = await call(
      env.app,
      worker,
      'POST',
      `/api/v1/trajectories/${trajectoryId}/referrals`,
      {
        kind: 'specialist_task',
        organisationId: ggzId,
        referredTo: 'POH-GGZ, kennismaking',
        question,
        consent: { givenOn: '2026-11-21', scope: ['plan'] },
      },
    );
    expect(created.statusCode).toBe(201);
    const referral = created.json<Referral>();
    expect(referral.question).toBe(question);

    const inbox = await call(env.app, ggzPartner, 'GET', '/api/v1/referrals');
    expect(inbox.statusCode).toBe(200);
    const items = inbox.json<{ items: Referral[] }>().items;
    expect(items.find((r) => r.id === referral.id)?.question).toBeNull();
    expect(inbox.body).not.toContain(fragment);

    const detail = await call(env.app, ggzPartner, 'GET', `/api/v1/referrals/${referral.id}`);
    expect(detail.statusCode).toBe(200);
    const shown = detail.json<PartnerReferral>();
    expect(shown.question).toBeNull();
    expect(shown.shared).not.toHaveProperty('question');
    expect(shown.shared.plan?.actions).toHaveLength(1);
    expect(detail.body).not.toContain(fragment);

    const team = await call(
      env.app,
      worker,
      'GET',
      `/api/v1/trajectories/${trajectoryId}/referrals`,
    );
    expect(
      team
        .json<{ items: { id: string; question: string | null }[] }>()
        .items.find((r) => r.id === referral.id)?.question,
    ).toBe(question);

    // The answer echoes the referral back to the partner, so it must not carry the note either.
    const answered = await call(
      env.app,
      ggzPartner,
      'POST',
      `/api/v1/referrals/${referral.id}/answer`,
      { answer: 'Kennismaking gepland.' },
    );
    expect(answered.statusCode).toBe(200);
    expect(answered.json<Referral>().question).toBeNull();
    expect(answered.body).not.toContain(fragment);
  });
});

describe("the audit names the residents each referral concerns, on the partner's side and the team's", () => {
  let household: { trajectoryId: string; householdId: string; members: string[] };
  let twoMembers: Referral;
  let rians: Referral;

  /** The audit rows of `action` that `run` wrote (those that were not there before). */
  async function auditRowsOf(action: string, run: () => Promise<unknown>) {
    const before = await sql<{ id: string }>`select id from ${auditPerResident} as audit_events
      where action = ${action}`.execute(env.owner);
    const known = new Set(before.rows.map((r) => r.id));
    await run();
    const after = await sql<{
      id: string;
      actor_role: string;
      object_id: string | null;
      resident_id: string | null;
      reason: string | null;
    }>`select id, actor_role, object_id, resident_id, reason from ${auditPerResident} as audit_events
      where action = ${action}`.execute(env.owner);
    return after.rows.filter((r) => !known.has(r.id));
  }

  const membersOf = async (householdId: string) =>
    (
      await sql<{ id: string }>`select id from residents
        where household_id = ${householdId}::uuid`.execute(env.owner)
    ).rows
      .map((r) => r.id)
      .sort();

  const named = (rows: { resident_id: string | null }[]) =>
    rows.map((r) => r.resident_id ?? 'nobody').sort();

  const refer = async (trajectory: string, referredTo: string) => {
    const response = await call(
      env.app,
      worker,
      'POST',
      `/api/v1/trajectories/${trajectory}/referrals`,
      {
        kind: 'specialist_task',
        organisationId: ggzId,
        referredTo,
        question: 'Een gesprek over de zorgen thuis',
        consent: { givenOn: '2026-11-22', scope: ['question'] },
      },
    );
    expect(response.statusCode, response.body).toBe(201);
    return response.json<Referral>();
  };

  beforeAll(async () => {
    // A household of two: the second member joins the first's household.
    const first = await openTrajectory(env.app, worker, {
      givenName: 'Saar',
      familyName: 'Tweetal',
    });
    const second = await call(env.app, worker, 'POST', '/api/v1/registrations', {
      teamId: worker.user.teamIds[0],
      source: 'self',
      receivedAt: new Date(Date.now() - 3_600_000).toISOString(),
      question: 'Meedoen met het gezin',
      householdId: first.householdId,
      resident: { givenName: 'Tom', familyName: 'Tweetal', birthDate: '2001-02-03' },
      confirmedNew: true,
    });
    expect(second.statusCode, second.body).toBe(201);
    household = {
      trajectoryId: first.trajectoryId,
      householdId: first.householdId,
      members: await membersOf(first.householdId),
    };
    expect(household.members).toHaveLength(2);
    twoMembers = await refer(household.trajectoryId, 'POH-GGZ, gezinsgesprek');
    rians = await refer(trajectoryId, 'POH-GGZ, vervolg');
  });

  it("names every member of each referral in the partner's inbox", async () => {
    let items: Referral[] = [];
    const rows = await auditRowsOf('referral.list', async () => {
      const inbox = await call(env.app, ggzPartner, 'GET', '/api/v1/referrals');
      expect(inbox.statusCode).toBe(200);
      items = inbox.json<{ items: Referral[] }>().items;
    });
    expect(items.map((r) => r.id).sort()).toEqual([twoMembers.id, rians.id].sort());
    const rian = await sql<{ household_id: string }>`select household_id from trajectories
      where id = ${trajectoryId}::uuid`.execute(env.owner);
    const expected = [
      ...household.members,
      ...(await membersOf(rian.rows[0]?.household_id ?? '')),
    ].sort();
    expect(rows.every((r) => r.actor_role === 'partner')).toBe(true);
    expect(named(rows)).toEqual(expected);
  });

  it('names the members when the partner reads one referral', async () => {
    const read = await auditRowsOf('referral.read', async () => {
      const response = await call(env.app, ggzPartner, 'GET', `/api/v1/referrals/${twoMembers.id}`);
      expect(response.statusCode).toBe(200);
    });
    expect(named(read)).toEqual(household.members);
  });

  it('names the members when the partner answers', async () => {
    const answered = await auditRowsOf('referral.answer', async () => {
      const response = await call(
        env.app,
        ggzPartner,
        'POST',
        `/api/v1/referrals/${twoMembers.id}/answer`,
        { answer: 'Gesprek gepland.' },
      );
      expect(response.statusCode).toBe(200);
    });
    expect(answered.every((r) => r.actor_role === 'partner' && r.object_id === twoMembers.id)).toBe(
      true,
    );
    expect(named(answered)).toEqual(household.members);
  });

  it("names the members when the team lists a trajectory's referrals", async () => {
    const listed = await auditRowsOf('referral.list', async () => {
      const response = await call(
        env.app,
        worker,
        'GET',
        `/api/v1/trajectories/${household.trajectoryId}/referrals`,
      );
      expect(response.statusCode).toBe(200);
    });
    expect(named(listed)).toEqual(household.members);
  });

  it('names the members when the team closes a referral', async () => {
    const closed = await auditRowsOf('referral.close', async () => {
      const response = await call(
        env.app,
        worker,
        'POST',
        `/api/v1/referrals/${twoMembers.id}/close`,
      );
      expect(response.statusCode).toBe(200);
    });
    expect(closed.every((r) => r.object_id === twoMembers.id)).toBe(true);
    expect(named(closed)).toEqual(household.members);
  });
});

describe('the day the resident gave consent', () => {
  const amsterdamDay = (offsetDays: number) =>
    new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Amsterdam' }).format(
      new Date(Date.now() + offsetDays * 86_400_000),
    );
  const refer = (trajectory: string, givenOn: string) =>
    call(env.app, worker, 'POST', `/api/v1/trajectories/${trajectory}/referrals`, {
      kind: 'handover',
      referredTo: 'Wmo-loket',
      question: 'Kunt u de begeleiding overnemen?',
      consent: { givenOn, scope: ['question'] },
    });
  const stored = async (trajectory: string) => {
    const referrals = await sql<{ n: number }>`
      select count(*)::int as n from referrals where trajectory_id = ${trajectory}::uuid`.execute(
      env.owner,
    );
    const row = await sql<{ scale_level: string; version: number }>`
      select scale_level, version from trajectories where id = ${trajectory}::uuid`.execute(
      env.owner,
    );
    return { referrals: referrals.rows[0]?.n, trajectory: row.rows[0] };
  };

  it('is refused after today (Amsterdam) or outside the years a day can be, naming consent.givenOn, and nothing changes', async () => {
    const { trajectoryId: fresh } = await openTrajectory(env.app, worker, {
      givenName: 'Toestemming',
      familyName: 'Morgen',
    });
    const before = await stored(fresh);
    const cases: [string, string, string][] = [
      [amsterdamDay(1), 'must not be in the future', 'mag niet in de toekomst liggen'],
      ['2099-12-31', 'must not be in the future', 'mag niet in de toekomst liggen'],
      [
        '0000-01-01',
        'must be a day in the years 1900 to 2100',
        'moet een dag in de jaren 1900 tot en met 2100 zijn',
      ],
    ];
    for (const [givenOn, reason, reasonNl] of cases) {
      const response = await refer(fresh, givenOn);
      expect(response.statusCode, givenOn).toBe(400);
      expect(
        response.json<{ invalidParams: { name: string; reason: string; reasonNl: string }[] }>()
          .invalidParams,
      ).toEqual([{ name: 'consent.givenOn', reason, reasonNl }]);
    }
    expect(await stored(fresh)).toEqual(before);
  });

  it('is taken today', async () => {
    const { trajectoryId: fresh } = await openTrajectory(env.app, worker, {
      givenName: 'Toestemming',
      familyName: 'Vandaag',
    });
    const response = await refer(fresh, amsterdamDay(0));
    expect(response.statusCode, response.body).toBe(201);
    expect(response.json<{ consentGivenOn: string }>().consentGivenOn).toBe(amsterdamDay(0));
  });
});
