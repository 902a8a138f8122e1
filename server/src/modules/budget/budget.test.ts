import { beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import type { LightMyRequestResponse } from 'fastify';
import { sideBySide as runSideBySide } from '../../../test/side-by-side.js';
import {
  call,
  createDemoEnv,
  lastAuditOf,
  login,
  type Session,
  type TestEnv,
  auditPerResident,
} from '../../../test/harness.js';
import { accessLogText } from '../portal/access-log-texts.js';

interface Request {
  id: string;
  status: string;
  approvalLevel: string;
  amountCents: number;
}
interface Problem {
  status: number;
  title: string;
  code: string;
  currentVersion?: number;
  detail: string;
  detailNl: string;
  remainingCents?: number;
  invalidParams?: { name: string; reason: string; reasonNl: string }[];
}

let env: TestEnv;
let worker: Session;
let teamlead: Session;
let worker2: Session;
let gemeente: Session;
let trajectoryId: string;
let noordwestId: string;

async function openTrajectory(name: string): Promise<string> {
  const created = await call(env.app, worker, 'POST', '/api/v1/registrations', {
    teamId: noordwestId,
    source: 'self',
    receivedAt: new Date(Date.now() - 3_600_000).toISOString(),
    question: 'Vraag',
    resident: { givenName: 'Budget', familyName: name },
  });
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
  return triage.json<{ trajectoryId: string }>().trajectoryId;
}

const ask = (session: Session, amountCents: number, year = 2031, trajectory = trajectoryId) =>
  call(env.app, session, 'POST', '/api/v1/work-budget-requests', {
    trajectoryId: trajectory,
    purpose: 'Fysiotherapie zodat een operatie en daarna werk mogelijk worden',
    amountCents,
    vat: 'exempt',
    justification:
      'Niet verzekerd door schulden bij de zorgverzekeraar; geen wettelijke regeling dekt dit.',
    alternativesTried: 'Fonds Bijzondere Noden afgewezen; netwerk kan het niet betalen.',
    planGoal: 'Weer aan het werk',
    year,
  });

beforeAll(async () => {
  env = await createDemoEnv();
  worker = await login(env.app, 'worker@maastricht.demo');
  teamlead = await login(env.app, 'teamlead@maastricht.demo');
  worker2 = await login(env.app, 'worker2@maastricht.demo');
  gemeente = await login(env.app, 'gemeente@maastricht.demo');
  noordwestId = worker.user.teamIds[0] ?? '';
  trajectoryId = await openTrajectory('Fysio');
  const response = await call(env.app, gemeente, 'PUT', '/api/v1/work-budgets/2031', {
    version: 0,
    totalCents: 5_000_000,
    topUps: [{ source: 'Armoedebudget jeugd', cents: 1_000_000 }],
    allocations: [
      { teamId: noordwestId, cents: 2_000_000 },
      { teamId: null, cents: 4_000_000 },
    ],
    mandate: { workerCents: 25_000, teamLeadCents: 100_000 },
  });
  expect(response.statusCode).toBe(200);
});

describe('setting the werkbudget', () => {
  it('is for the municipality only, and refuses allocating more than there is', async () => {
    expect(
      (
        await call(env.app, teamlead, 'PUT', '/api/v1/work-budgets/2032', {
          version: 0,
          totalCents: 1,
        })
      ).statusCode,
    ).toBe(403);
    const tooMuch = await call(env.app, gemeente, 'PUT', '/api/v1/work-budgets/2032', {
      version: 0,
      totalCents: 100_000,
      allocations: [{ teamId: noordwestId, cents: 200_000 }],
    });
    expect(tooMuch.statusCode).toBe(400);
    expect(tooMuch.json<Problem>().invalidParams?.[0]?.name).toBe('allocations');
  });

  it('shows total, allocation per team and the city-wide pot', async () => {
    const summary = (await call(env.app, worker, 'GET', '/api/v1/work-budgets/2031/summary')).json<{
      totalCents: number;
      remainingCents: number;
      byTeam: { teamId: string | null; allocatedCents: number; remainingCents: number }[];
    }>();
    expect(summary.totalCents).toBe(6_000_000);
    expect(summary.remainingCents).toBe(6_000_000);
    expect(summary.byTeam.find((p) => p.teamId === noordwestId)?.allocatedCents).toBe(2_000_000);
    expect(summary.byTeam.find((p) => p.teamId === null)?.allocatedCents).toBe(4_000_000);
  });
});

describe('requests and the mandate', () => {
  it('approves at once within the worker’s mandate', async () => {
    const response = await ask(worker, 12_000);
    expect(response.statusCode).toBe(201);
    expect(response.json<Request>()).toMatchObject({ status: 'approved', approvalLevel: 'worker' });
  });

  it('sends € 490 to the team lead, who approves it; the worker may not', async () => {
    const { id, status, approvalLevel } = (await ask(worker, 49_000)).json<Request>();
    expect({ status, approvalLevel }).toEqual({ status: 'requested', approvalLevel: 'team_lead' });
    const toDecide = (
      await call(env.app, teamlead, 'GET', '/api/v1/work-budget-requests?toDecide=true')
    ).json<{ items: Request[] }>().items;
    expect(toDecide.map((r) => r.id)).toContain(id);
    expect(
      (await call(env.app, worker, 'POST', `/api/v1/work-budget-requests/${id}/approve`, {}))
        .statusCode,
    ).toBe(403);
    const approved = await call(
      env.app,
      teamlead,
      'POST',
      `/api/v1/work-budget-requests/${id}/approve`,
      { note: 'Akkoord, goed onderbouwd' },
    );
    expect(approved.json<Request>().status).toBe('approved');
  });

  it('sends a large amount to the municipality', async () => {
    const { id, approvalLevel } = (await ask(worker, 250_000)).json<Request>();
    expect(approvalLevel).toBe('municipality');
    expect(
      (await call(env.app, teamlead, 'POST', `/api/v1/work-budget-requests/${id}/approve`, {}))
        .statusCode,
    ).toBe(403);
    const approved = await call(
      env.app,
      gemeente,
      'POST',
      `/api/v1/work-budget-requests/${id}/approve`,
      {},
    );
    expect(approved.json<Request>().status).toBe('approved');
  });

  it('keeps another team’s requests out of reach (404) and the municipality out of trajectories', async () => {
    const { id } = (await ask(worker, 30_000)).json<Request>();
    expect(
      (
        await call(env.app, worker2, 'POST', `/api/v1/work-budget-requests/${id}/reject`, {
          reason: 'x',
        })
      ).statusCode,
    ).toBe(404);
    expect((await ask(gemeente, 1_000)).statusCode).toBe(403);
  });
});

describe('payments, corrections and returns', () => {
  let paidId: string;

  it('registers a payment once; a paid request is corrected only by a visible counter-entry', async () => {
    paidId = (await ask(worker, 24_000)).json<Request>().id;
    const paid = await call(env.app, worker, 'POST', `/api/v1/work-budget-requests/${paidId}/pay`, {
      paidOn: '2026-11-10',
      payee: 'Fysiotherapie Caberg',
      reference: 'F-2031-118',
    });
    expect(paid.json<Request>().status).toBe('paid');
    const twice = await call(
      env.app,
      worker,
      'POST',
      `/api/v1/work-budget-requests/${paidId}/pay`,
      { paidOn: '2026-11-11', payee: 'X' },
    );
    expect(twice.statusCode).toBe(409);
    const correction = await call(
      env.app,
      teamlead,
      'POST',
      `/api/v1/work-budget-requests/${paidId}/correction`,
      { amountCents: -4_000, reason: 'Twee behandelingen vervielen' },
    );
    expect(correction.statusCode).toBe(201);
    expect(
      correction.json<{ status: string; amountCents: number; correctionOf: string }>(),
    ).toMatchObject({ status: 'correction', amountCents: -4_000, correctionOf: paidId });
    const { rows } = await sql<{
      amount_cents: number;
      status: string;
    }>`select amount_cents, status from work_budget_requests where id = ${paidId}::uuid`.execute(
      env.owner,
    );
    expect(rows[0]).toEqual({ amount_cents: 24_000, status: 'paid' });
  });

  it('records the return and counts it in the year-end evaluation', async () => {
    const response = await call(
      env.app,
      worker,
      'POST',
      `/api/v1/work-budget-requests/${paidId}/return`,
      {
        social: 'Na de operatie aan het werk; weer toekomstperspectief.',
        category: 'work',
        financial: { kind: 'bijstandsuitkering stopt', monthlyCents: 120_000, months: 12 },
      },
    );
    expect(response.statusCode).toBe(200);
    const evaluation = (
      await call(env.app, gemeente, 'GET', '/api/v1/work-budgets/2031/evaluation')
    ).json<{
      uses: number;
      spentCents: number;
      estimatedFinancialReturnCents: number;
      byCategory: { category: string; spentCents: number }[];
      cases: {
        purpose: string;
        amountCents: number;
        correctionsCents: number;
        financialReturnCents: number | null;
      }[];
    }>();
    // One payment of 24,000 and its correction of -4,000.
    expect(evaluation).toMatchObject({
      uses: 1,
      spentCents: 20_000,
      estimatedFinancialReturnCents: 1_440_000,
    });
    expect(evaluation.byCategory).toEqual([{ category: 'work', uses: 1, spentCents: 20_000 }]);
    // The case shows what it cost net, with the correction in it: the cases add up to the total.
    expect(evaluation.cases).toHaveLength(1);
    expect(evaluation.cases[0]).toMatchObject({ amountCents: 20_000, correctionsCents: -4_000 });
    expect(JSON.stringify(evaluation)).not.toContain('Budget');
  });
});

describe('never below zero', () => {
  it('refuses a request for more than is left, with the remaining amount', async () => {
    await call(env.app, gemeente, 'PUT', '/api/v1/work-budgets/2030', {
      version: 0,
      totalCents: 100_000,
      mandate: { workerCents: 0, teamLeadCents: 100_000 },
    });
    const response = await ask(worker, 150_000, 2030);
    expect(response.statusCode).toBe(409);
    expect(response.json<Problem>()).toMatchObject({ remainingCents: 100_000 });
    expect(response.json<Problem>().detailNl).toContain('onder nul');
  });

  it('lets only one of two racing approvals through when both do not fit', async () => {
    const a = (await ask(worker, 60_000, 2030)).json<Request>();
    const b = (await ask(worker, 60_000, 2030, await openTrajectory('Race'))).json<Request>();
    expect([a.status, b.status]).toEqual(['requested', 'requested']);
    const [first, second] = await Promise.all([
      call(env.app, teamlead, 'POST', `/api/v1/work-budget-requests/${a.id}/approve`, {}),
      call(env.app, teamlead, 'POST', `/api/v1/work-budget-requests/${b.id}/approve`, {}),
    ]);
    expect([first.statusCode, second.statusCode].sort()).toEqual([200, 409]);
    const summary = (
      await call(env.app, gemeente, 'GET', '/api/v1/work-budgets/2030/summary')
    ).json<{ committedCents: number; remainingCents: number }>();
    expect(summary).toEqual(
      expect.objectContaining({ committedCents: 60_000, remainingCents: 40_000 }),
    );
  });

  it('refuses lowering the budget below what is committed', async () => {
    const response = await call(env.app, gemeente, 'PUT', '/api/v1/work-budgets/2030', {
      version: 1,
      totalCents: 50_000,
    });
    expect(response.statusCode).toBe(409);
    expect(response.json<Problem>().code).toBe('conflict');
    const stored = (await call(env.app, gemeente, 'GET', '/api/v1/work-budgets/2030')).json<{
      totalCents: number;
    }>();
    expect(stored.totalCents).toBe(100_000);
  });
});

describe('the execution budget', () => {
  it('adds up the 2018 tables of the college note to EUR 524,788 on both sides: balanced', async () => {
    const response = await call(env.app, gemeente, 'PUT', '/api/v1/execution-budgets/2018', {
      costLines: [
        {
          label: 'Uitvoeringskosten - urenvergoedingen extern',
          cents: 33_240_000,
          vatNote: 'Inclusief, btw is declarabel',
        },
        {
          label: 'Uitvoeringskosten - urenvergoedingen SZ WMO',
          cents: 7_492_500,
          vatNote: 'Interne geldstroom',
        },
        {
          label: 'Uitvoeringskosten - urenvergoedingen SZ Jeugd',
          cents: 3_746_300,
          vatNote: 'Interne geldstroom',
        },
        { label: 'Uitvoeringskosten - organisatiekosten', cents: 3_000_000, vatNote: 'Exclusief' },
        {
          label: 'Werkbudget',
          cents: 5_000_000,
          vatNote: 'Inclusief tenzij het om een geleverde dienst gaat',
        },
      ],
      coverageLines: [
        { source: 'Sociale teams klantbudget', cents: 15_000_000 },
        { source: 'Sociale teams organisatiekosten', cents: 5_333_300 },
        { source: 'Sociale teams organisatiekosten jeugd', cents: 2_666_700 },
        { source: 'Innovatiebudget Wmo', cents: 17_200_000 },
        { source: 'Innovatiebudget jeugd', cents: 7_000_000 },
        { source: 'Sociale activering', cents: 5_278_800 },
      ],
    });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toMatchObject({
      totalCostCents: 52_478_800,
      totalCoverageCents: 52_478_800,
      balanced: true,
      differenceCents: 0,
    });
  });

  it('warns when the sides do not balance, and names a bad amount', async () => {
    const unbalanced = await call(env.app, gemeente, 'PUT', '/api/v1/execution-budgets/2019', {
      costLines: [{ label: 'Uren', cents: 100_000 }],
      coverageLines: [{ source: 'Klantbudget', cents: 90_000 }],
    });
    expect(unbalanced.json()).toMatchObject({ balanced: false, differenceCents: -10_000 });
    const floats = await call(env.app, gemeente, 'PUT', '/api/v1/execution-budgets/2019', {
      costLines: [{ label: 'Uren', cents: 100.5 }],
      coverageLines: [],
    });
    expect(floats.statusCode).toBe(400);
    expect(floats.json<Problem>().invalidParams?.[0]?.name).toBe('costLines.0.cents');
  });
});

describe('exports', () => {
  it('lists the years with an execution budget and exports the evaluation as a spreadsheet', async () => {
    const years = (await call(env.app, gemeente, 'GET', '/api/v1/execution-budgets')).json<{
      years: number[];
    }>().years;
    expect(years).toContain(2018);
    const xlsx = await call(env.app, gemeente, 'GET', '/api/v1/work-budgets/2031/evaluation.xlsx');
    expect(xlsx.statusCode).toBe(200);
    const ExcelJS = (await import('exceljs')).default;
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(xlsx.rawPayload as unknown as ArrayBuffer);
    // One payment of 240 euro and its correction of -40: 200 euro spent.
    expect(workbook.getWorksheet('Samenvatting')?.getRow(3).values).toEqual([
      undefined,
      'Uitgegeven (EUR)',
      200,
    ]);
  });
});

describe('corrections keep to the mandate, the payment and the budget', () => {
  const year = 2033;

  /** A request of `cents` in 2033, approved by whoever's mandate it needs, and paid. */
  async function paidRequest(cents: number): Promise<string> {
    const asked = await ask(worker, cents, year);
    expect(asked.statusCode).toBe(201);
    const { id, status, approvalLevel } = asked.json<Request>();
    if (status === 'requested') {
      const decider = approvalLevel === 'municipality' ? gemeente : teamlead;
      const approved = await call(
        env.app,
        decider,
        'POST',
        `/api/v1/work-budget-requests/${id}/approve`,
        {},
      );
      expect(approved.statusCode).toBe(200);
    }
    const paid = await call(env.app, worker, 'POST', `/api/v1/work-budget-requests/${id}/pay`, {
      paidOn: `${year}-03-01`,
      payee: 'Leverancier',
    });
    expect(paid.statusCode).toBe(200);
    return id;
  }

  const correct = (session: Session, id: string, amountCents: number) =>
    call(env.app, session, 'POST', `/api/v1/work-budget-requests/${id}/correction`, {
      amountCents,
      reason: 'Correctie van de factuur',
    });

  async function correctionsOf(id: string): Promise<number[]> {
    const { rows } = await sql<{ amount_cents: number }>`
      select amount_cents from work_budget_requests where correction_of = ${id}::uuid
      order by requested_at, id`.execute(env.owner);
    return rows.map((r) => Number(r.amount_cents));
  }

  /** `requests` at once, side by side on the request's row lock (test/side-by-side.ts). */
  const sideBySide = (id: string, requests: (() => Promise<LightMyRequestResponse>)[]) =>
    runSideBySide(
      env.owner,
      sql`select id from work_budget_requests where id = ${id}::uuid for update`,
      requests,
    );

  beforeAll(async () => {
    const response = await call(env.app, gemeente, 'PUT', `/api/v1/work-budgets/${year}`, {
      version: 0,
      totalCents: 1_000_000,
      allocations: [{ teamId: noordwestId, cents: 1_000_000 }],
      mandate: { workerCents: 25_000, teamLeadCents: 100_000 },
    });
    expect(response.statusCode).toBe(200);
  });

  it('lets a correction raise a payment only as far as the caller’s mandate reaches', async () => {
    // EUR 200, within the worker's own mandate of EUR 250: approved at once and paid.
    const id = await paidRequest(20_000);
    // EUR 5,200 in all is for the municipality: neither the worker nor the team lead may.
    for (const session of [worker, teamlead]) {
      const refused = await correct(session, id, 500_000);
      expect(refused.statusCode).toBe(403);
      expect(refused.json<Problem>().detailNl).toContain('5200,00');
      expect(refused.json<Problem>().detailNl).toContain('de gemeente');
      expect(refused.json<Problem>().detail).toContain('municipality');
    }
    expect(await correctionsOf(id)).toEqual([]);
    // Up to EUR 250 net is the worker's own mandate; one cent more is the team lead's.
    expect((await correct(worker, id, 5_000)).statusCode).toBe(201);
    const aboveWorker = await correct(worker, id, 1);
    expect(aboveWorker.statusCode).toBe(403);
    expect(aboveWorker.json<Problem>().detailNl).toContain('de teamleider');
    const byTeamLead = await correct(teamlead, id, 1);
    expect(byTeamLead.statusCode).toBe(201);
    expect(byTeamLead.json<Request>().approvalLevel).toBe('team_lead');
    // The municipality's mandate reaches every amount (still within what is left).
    const byMunicipality = await correct(gemeente, id, 500_000);
    expect(byMunicipality.statusCode).toBe(201);
    expect(byMunicipality.json<Request>().approvalLevel).toBe('municipality');
    expect(await correctionsOf(id)).toEqual([5_000, 1, 500_000]);
  });

  it('still keeps a raising correction within what is left', async () => {
    const id = await paidRequest(20_000);
    const summary = (
      await call(env.app, gemeente, 'GET', `/api/v1/work-budgets/${year}/summary`)
    ).json<{ remainingCents: number }>();
    const tooMuch = await correct(gemeente, id, summary.remainingCents + 1);
    expect(tooMuch.statusCode).toBe(409);
    expect(tooMuch.json<Problem>().remainingCents).toBe(summary.remainingCents);
    expect(await correctionsOf(id)).toEqual([]);
  });

  it('gives back at most the net amount paid, so committed money never goes negative', async () => {
    const id = await paidRequest(49_000);
    const summaryBefore = (
      await call(env.app, gemeente, 'GET', `/api/v1/work-budgets/${year}/summary`)
    ).json<{ committedCents: number; remainingCents: number }>();
    const fake = await correct(teamlead, id, -5_000_000);
    expect(fake.statusCode).toBe(400);
    const problem = fake.json<Problem>();
    expect(problem.invalidParams?.map((p) => p.name)).toEqual(['amountCents']);
    expect(problem.invalidParams?.[0]?.reason).toContain('490,00');
    expect(problem.invalidParams?.[0]?.reasonNl).toContain('490,00');
    // A refund within the payment, then the rest of it to exactly zero, and not a cent beyond.
    expect((await correct(worker, id, -9_000)).statusCode).toBe(201);
    const beyond = await correct(teamlead, id, -40_001);
    expect(beyond.statusCode).toBe(400);
    expect(beyond.json<Problem>().invalidParams?.[0]?.reasonNl).toContain('400,00');
    expect((await correct(teamlead, id, -40_000)).statusCode).toBe(201);
    expect((await correct(gemeente, id, -1)).statusCode).toBe(400);
    expect(await correctionsOf(id)).toEqual([-9_000, -40_000]);
    const summaryAfter = (
      await call(env.app, gemeente, 'GET', `/api/v1/work-budgets/${year}/summary`)
    ).json<{ committedCents: number; remainingCents: number }>();
    expect(summaryAfter.committedCents).toBe(summaryBefore.committedCents - 49_000);
    expect(summaryAfter.remainingCents).toBe(summaryBefore.remainingCents + 49_000);
  });

  it('checks two corrections at once one after the other: only one of two refunds that do not both fit', async () => {
    const id = await paidRequest(49_000);
    const answers = await sideBySide(id, [
      () => correct(teamlead, id, -30_000),
      () => correct(worker, id, -30_000),
    ]);
    expect(answers.map((a) => a.statusCode).sort()).toEqual([201, 400]);
    expect(await correctionsOf(id)).toEqual([-30_000]);
  });

  it('answers a second payment registered at the same time with 409, naming status, unaudited', async () => {
    const asked = (await ask(worker, 10_000, year)).json<Request>();
    expect(asked.status).toBe('approved');
    const pay = (session: Session, payee: string) => () =>
      call(env.app, session, 'POST', `/api/v1/work-budget-requests/${asked.id}/pay`, {
        paidOn: `${year}-04-01`,
        payee,
      });
    const answers = await sideBySide(asked.id, [pay(worker, 'Eerste'), pay(teamlead, 'Tweede')]);
    expect(answers.map((a) => a.statusCode).sort()).toEqual([200, 409]);
    const conflict = answers.find((a) => a.statusCode === 409)?.json<Problem>();
    expect(conflict?.invalidParams?.map((p) => p.name)).toEqual(['status']);
    expect(conflict?.detail).toContain('in the meantime');
    expect(conflict?.detailNl).toContain('intussen');
    const winner = answers.find((a) => a.statusCode === 200)?.json<{ payee: string }>();
    const { rows } = await sql<{ payee: string; status: string; version: number }>`
      select payee, status, version from work_budget_requests where id = ${asked.id}::uuid`.execute(
      env.owner,
    );
    expect(rows[0]).toEqual({ payee: winner?.payee, status: 'paid', version: 2 });
    const audited = await sql<{ n: number }>`
      select count(*)::int as n from ${auditPerResident} as audit_events
      where action = 'work_budget.pay' and object_id = ${asked.id}`.execute(env.owner);
    expect(audited.rows[0]?.n).toBe(1);
  });

  it('shows every case of the evaluation net, adding up to what was spent', async () => {
    const evaluation = (
      await call(env.app, gemeente, 'GET', `/api/v1/work-budgets/${year}/evaluation`)
    ).json<{
      spentCents: number;
      cases: { amountCents: number; correctionsCents: number }[];
    }>();
    const corrected = evaluation.cases.filter((c) => c.correctionsCents !== 0);
    expect(corrected.length).toBeGreaterThanOrEqual(3);
    expect(evaluation.cases.reduce((s, c) => s + c.amountCents, 0)).toBe(evaluation.spentCents);
    // The refunded EUR 490 shows as nothing spent; the raised EUR 200 as EUR 5,250.01.
    expect(evaluation.cases).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ amountCents: 0, correctionsCents: -49_000 }),
        expect.objectContaining({ amountCents: 525_001, correctionsCents: 505_001 }),
      ]),
    );
  });
});

/** The ids of the residents of a trajectory's household, sorted (as lastAuditOf gives them). */
async function residentsOf(...trajectoryIds: string[]): Promise<string[]> {
  const { rows } = await sql<{ id: string }>`
    select r.id::text as id from residents r
    join trajectories t on t.municipality_id = r.municipality_id and t.household_id = r.household_id
    where t.id = any(${trajectoryIds}::uuid[])`.execute(env.owner);
  return rows.map((r) => r.id).sort();
}

interface StoredRequest {
  team_id: string;
  status: string;
  version: number;
}

async function requestsOf(trajectory: string): Promise<StoredRequest[]> {
  const { rows } = await sql<StoredRequest>`
    select team_id::text as team_id, status, version from work_budget_requests
    where trajectory_id = ${trajectory}::uuid order by requested_at, id`.execute(env.owner);
  return rows;
}

describe('break the glass opens a household read-only, also for its werkbudget', () => {
  const year = 2034;
  const reason = 'Crisis: collega ziek, moeder belt in paniek over uithuiszetting vandaag';
  let glassTrajectory: string;
  let leadOost: Session;

  beforeAll(async () => {
    const put = await call(env.app, gemeente, 'PUT', `/api/v1/work-budgets/${year}`, {
      version: 0,
      totalCents: 1_000_000,
      allocations: [{ teamId: noordwestId, cents: 500_000 }],
      mandate: { workerCents: 25_000, teamLeadCents: 100_000 },
    });
    expect(put.statusCode, put.body).toBe(200);
    leadOost = await login(env.app, 'd.wetzels@maastricht.demo');
    glassTrajectory = await openTrajectory('Glasbudget');
    for (const session of [worker2, leadOost]) {
      const granted = await call(env.app, session, 'POST', '/api/v1/break-glass', {
        trajectoryId: glassTrajectory,
        reason,
      });
      expect(granted.statusCode, granted.body).toBe(201);
    }
  });

  it('refuses a request from another team’s worker as every glass write is refused: 403, nothing booked', async () => {
    // The glass opens the trajectory for reading, and another write on it is refused.
    expect(
      (await call(env.app, worker2, 'GET', `/api/v1/trajectories/${glassTrajectory}`)).statusCode,
    ).toBe(200);
    const contact = await call(
      env.app,
      worker2,
      'POST',
      `/api/v1/trajectories/${glassTrajectory}/contacts`,
      { at: new Date().toISOString(), kind: 'phone', note: 'Gebeld' },
    );
    expect(contact.statusCode).toBe(403);
    const asked = await ask(worker2, 20_000, year, glassTrajectory);
    expect(asked.statusCode, asked.body).toBe(403);
    expect(asked.json<Problem>()).toEqual(contact.json<Problem>());
    expect(await requestsOf(glassTrajectory)).toEqual([]);
  });

  it('lets no team lead of another team approve or reject, and no one of it pay, correct or record a return', async () => {
    const waiting = (await ask(worker, 60_000, year, glassTrajectory)).json<Request>();
    expect(waiting).toMatchObject({ status: 'requested', approvalLevel: 'team_lead' });
    const approved = (await ask(worker, 10_000, year, glassTrajectory)).json<Request>();
    expect(approved.status).toBe('approved');
    const paid = (await ask(worker, 20_000, year, glassTrajectory)).json<Request>();
    const payment = { paidOn: `${year}-02-01`, payee: 'Leverancier' };
    expect(
      (await call(env.app, worker, 'POST', `/api/v1/work-budget-requests/${paid.id}/pay`, payment))
        .statusCode,
    ).toBe(200);
    const before = await requestsOf(glassTrajectory);
    const summaryBefore = (
      await call(env.app, gemeente, 'GET', `/api/v1/work-budgets/${year}/summary`)
    ).json<unknown>();

    const post = (session: Session, id: string, action: string, body: object) =>
      call(env.app, session, 'POST', `/api/v1/work-budget-requests/${id}/${action}`, body);
    const attempts = [
      await post(leadOost, waiting.id, 'approve', {}),
      await post(leadOost, waiting.id, 'reject', { reason: 'Niet nodig' }),
      await post(worker2, approved.id, 'pay', payment),
      await post(leadOost, paid.id, 'correction', { amountCents: 5_000, reason: 'Meer' }),
      await post(leadOost, paid.id, 'correction', { amountCents: -5_000, reason: 'Minder' }),
      await post(worker2, paid.id, 'return', { social: 'Weer aan het werk', category: 'work' }),
    ];
    expect(attempts.map((a) => a.statusCode)).toEqual([403, 403, 403, 403, 403, 403]);
    expect(attempts.map((a) => a.json<Problem>().code)).toEqual(Array(6).fill('forbidden'));
    expect(await requestsOf(glassTrajectory)).toEqual(before);
    const { rows: returns } = await sql`
      select 1 from work_budget_returns where request_id = ${paid.id}::uuid`.execute(env.owner);
    expect(returns).toEqual([]);
    expect(
      (
        await call(env.app, gemeente, 'GET', `/api/v1/work-budgets/${year}/summary`)
      ).json<unknown>(),
    ).toEqual(summaryBefore);

    // The team's own team lead still decides, as always.
    expect((await post(teamlead, waiting.id, 'approve', {})).statusCode).toBe(200);
  });
});

describe('the audit names the residents of the werkbudget', () => {
  const year = 2035;
  let first: string;
  let second: string;

  beforeAll(async () => {
    const put = await call(env.app, gemeente, 'PUT', `/api/v1/work-budgets/${year}`, {
      version: 0,
      totalCents: 1_000_000,
      mandate: { workerCents: 25_000, teamLeadCents: 100_000 },
    });
    expect(put.statusCode, put.body).toBe(200);
    first = await openTrajectory('Auditbudget');
    second = await openTrajectory('Auditlijst');
  });

  it('names the household’s residents in every change of a request', async () => {
    const residents = await residentsOf(first);
    expect(residents.length).toBeGreaterThan(0);
    const asked = (await ask(worker, 10_000, year, first)).json<Request>();
    expect((await lastAuditOf(env, 'work_budget.request')).residentIds).toEqual(residents);

    await call(env.app, worker, 'POST', `/api/v1/work-budget-requests/${asked.id}/pay`, {
      paidOn: `${year}-01-05`,
      payee: 'Fysio Jansen',
    });
    expect((await lastAuditOf(env, 'work_budget.pay')).residentIds).toEqual(residents);

    await call(env.app, worker, 'POST', `/api/v1/work-budget-requests/${asked.id}/correction`, {
      amountCents: -1_000,
      reason: 'Korting',
    });
    expect((await lastAuditOf(env, 'work_budget.correct')).residentIds).toEqual(residents);

    await call(env.app, worker, 'POST', `/api/v1/work-budget-requests/${asked.id}/return`, {
      social: 'Weer aan het werk',
      category: 'work',
    });
    expect((await lastAuditOf(env, 'work_budget.return')).residentIds).toEqual(residents);

    const toApprove = (await ask(worker, 60_000, year, first)).json<Request>();
    await call(
      env.app,
      teamlead,
      'POST',
      `/api/v1/work-budget-requests/${toApprove.id}/approve`,
      {},
    );
    expect((await lastAuditOf(env, 'work_budget.approve')).residentIds).toEqual(residents);
    const toReject = (await ask(worker, 60_000, year, first)).json<Request>();
    await call(env.app, teamlead, 'POST', `/api/v1/work-budget-requests/${toReject.id}/reject`, {
      reason: 'Er is een fonds',
    });
    expect((await lastAuditOf(env, 'work_budget.reject')).residentIds).toEqual(residents);
  });

  it('names a row per resident shown in a list and in the evaluation', async () => {
    await ask(worker, 5_000, year, second);
    const list = await call(env.app, worker, 'GET', `/api/v1/work-budget-requests?year=${year}`);
    const shown = list.json<{ items: { trajectoryId: string }[] }>().items;
    expect(new Set(shown.map((r) => r.trajectoryId))).toEqual(new Set([first, second]));
    expect((await lastAuditOf(env, 'work_budget.list')).residentIds).toEqual(
      await residentsOf(first, second),
    );

    // The evaluation shows the paid cases (only the first trajectory's), without names.
    const evaluation = await call(
      env.app,
      gemeente,
      'GET',
      `/api/v1/work-budgets/${year}/evaluation`,
    );
    expect(evaluation.statusCode).toBe(200);
    expect((await lastAuditOf(env, 'work_budget.list')).residentIds).toEqual(
      await residentsOf(first),
    );
  });

  it('tells the resident in their access log that it was about their trajectory', () => {
    for (const action of [
      'work_budget.request',
      'work_budget.list',
      'work_budget.approve',
      'work_budget.reject',
      'work_budget.pay',
      'work_budget.correct',
      'work_budget.return',
    ]) {
      const text = accessLogText(action, 'success');
      expect(text.nl, action).toMatch(/werkbudget .*voor uw traject/);
      expect(text.en, action).toMatch(/work budget .*for your trajectory/);
    }
  });
});

describe('setting the werkbudget takes the version it was based on', () => {
  const year = 2036;
  interface WorkBudget {
    totalCents: number;
    topUps: { source: string; cents: number }[];
    version: number;
  }
  const read = async () =>
    (await call(env.app, gemeente, 'GET', `/api/v1/work-budgets/${year}`)).json<WorkBudget>();
  const put = (body: object) =>
    call(env.app, gemeente, 'PUT', `/api/v1/work-budgets/${year}`, body);

  it('sets up a new year with version 0, and refuses another version for it', async () => {
    const wrong = await put({ version: 3, totalCents: 100_000 });
    expect(wrong.statusCode).toBe(400);
    expect(wrong.json<Problem>().invalidParams?.map((p) => p.name)).toEqual(['version']);
    const created = await put({ version: 0, totalCents: 100_000 });
    expect(created.statusCode, created.body).toBe(200);
    expect(created.json<WorkBudget>().version).toBe(1);
  });

  it('still takes the body of the fixed API without a version, unconditionally', async () => {
    const other = 2038;
    const first = await call(env.app, gemeente, 'PUT', `/api/v1/work-budgets/${other}`, {
      totalCents: 100_000,
      allocations: [],
      topUps: [],
    });
    expect(first.statusCode, first.body).toBe(200);
    const second = await call(env.app, gemeente, 'PUT', `/api/v1/work-budgets/${other}`, {
      totalCents: 90_000,
      allocations: [],
      topUps: [],
    });
    expect(second.statusCode, second.body).toBe(200);
    expect(second.json<WorkBudget>()).toMatchObject({ totalCents: 90_000, version: 2 });
  });

  it('answers the second of two saves from the same read with 409 and the newer version, keeping the first', async () => {
    const { version } = await read();
    const withTopUp = await put({
      version,
      totalCents: 100_000,
      topUps: [{ source: 'Armoedebudget jeugd', cents: 50_000 }],
    });
    expect(withTopUp.statusCode, withTopUp.body).toBe(200);
    const stale = await put({ version, totalCents: 120_000 });
    expect(stale.statusCode).toBe(409);
    expect(stale.json<Problem>()).toMatchObject({
      code: 'version_conflict',
      currentVersion: version + 1,
    });
    expect(stale.json<Problem>().detailNl).toContain('intussen');
    expect(await read()).toMatchObject({
      totalCents: 100_000,
      topUps: [{ source: 'Armoedebudget jeugd', cents: 50_000 }],
      version: version + 1,
    });
    // Setting up the year again from nothing is stale as well.
    expect((await put({ version: 0, totalCents: 1 })).json<Problem>()).toMatchObject({
      code: 'version_conflict',
      currentVersion: version + 1,
    });
    // From the newer version it saves.
    const again = await put({ version: version + 1, totalCents: 120_000 });
    expect(again.statusCode).toBe(200);
    expect(again.json<WorkBudget>()).toMatchObject({ totalCents: 120_000, version: version + 2 });
  });
});

describe('replacing a return takes the version it was based on', () => {
  const year = 2037;
  let id: string;
  interface WithReturn {
    return: { social: string; category: string; version: number } | null;
  }
  const record = (session: Session, body: object) =>
    call(env.app, session, 'POST', `/api/v1/work-budget-requests/${id}/return`, body);
  const stored = async () => {
    const { rows } = await sql<{ social: string; version: number }>`
      select social, version from work_budget_returns where request_id = ${id}::uuid`.execute(
      env.owner,
    );
    return rows;
  };

  beforeAll(async () => {
    const put = await call(env.app, gemeente, 'PUT', `/api/v1/work-budgets/${year}`, {
      version: 0,
      totalCents: 1_000_000,
      mandate: { workerCents: 25_000, teamLeadCents: 100_000 },
    });
    expect(put.statusCode, put.body).toBe(200);
    id = (await ask(worker, 5_000, year, await openTrajectory('Rendement'))).json<Request>().id;
  });

  it('records the first return without a version, and refuses a version when there is none', async () => {
    const early = await record(worker, { version: 1, social: 'Werk', category: 'work' });
    expect(early.statusCode).toBe(400);
    expect(early.json<Problem>().invalidParams?.map((p) => p.name)).toEqual(['version']);
    expect(await stored()).toEqual([]);
    const first = await record(worker, { social: 'Weer aan het werk', category: 'work' });
    expect(first.statusCode, first.body).toBe(200);
    expect(first.json<WithReturn>().return).toMatchObject({
      social: 'Weer aan het werk',
      version: 1,
    });
  });

  it('answers a return recorded from a stale read with 409 and the newer version; nothing overwritten', async () => {
    // The team lead had the form open before the worker's return: no version.
    const blind = await record(teamlead, { social: 'Anders', category: 'other' });
    expect(blind.statusCode).toBe(409);
    expect(blind.json<Problem>()).toMatchObject({ code: 'version_conflict', currentVersion: 1 });
    expect(await stored()).toEqual([{ social: 'Weer aan het werk', version: 1 }]);

    const replaced = await record(teamlead, {
      version: 1,
      social: 'Weer aan het werk, en de schulden in de schuldhulp',
      category: 'work',
    });
    expect(replaced.statusCode, replaced.body).toBe(200);
    expect(replaced.json<WithReturn>().return?.version).toBe(2);

    const stale = await record(worker, { version: 1, social: 'Anders', category: 'other' });
    expect(stale.statusCode).toBe(409);
    expect(stale.json<Problem>()).toMatchObject({ code: 'version_conflict', currentVersion: 2 });
    expect(stale.json<Problem>().detailNl).toContain('intussen');
    expect(await stored()).toEqual([
      { social: 'Weer aan het werk, en de schulden in de schuldhulp', version: 2 },
    ]);
  });
});
