// The business case on a small data set whose totals were worked out by hand (arithmetic in the
// comments). Year 2025 has 365 days; 2024 has 366.
import { beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { call, createTestEnv, login, type Session, type TestEnv } from '../../../test/harness.js';
import { createMunicipality, createStaffMember } from '../../../test/factories.js';
import { newId } from '../../platform/ids.js';

interface Part {
  label: { nl: string };
  formula: { nl: string };
  cents: number;
  estimate: boolean;
}
interface Line {
  key: string;
  cents: number;
  unknown: boolean;
  parts: Part[];
}
interface Column {
  year: number;
  teamId: string | null;
  teamName: string;
  costs: { lines: Line[]; totalCents: number };
  reach: {
    trajectories: number;
    residentsReached: number;
    inhabitants: number | null;
    inhabitantsYears: number[];
    missingInhabitants: { code: string; name: string }[];
  };
  perTrajectoryCents: number | null;
  perResidentCents: number | null;
  perInhabitantCents: number | null;
  savings: {
    closedWithoutSpecialistCare: number;
    closedTrajectories: number;
    workBudgetReturns: Line;
    avoided: {
      assumptionId: string;
      basisCount: number;
      lowCents: number;
      highCents: number;
      lowParts: Part[];
    }[];
    lowCents: number;
    highCents: number;
  };
  referralsMade: Line & { count: number };
  balanceLowCents: number;
  balanceHighCents: number;
  missing: { nl: string; en: string }[];
  complete: boolean;
}
interface BusinessCase {
  years: number[];
  cityWide: boolean;
  columns: Column[];
}
interface Problem {
  code: string;
  invalidParams?: { name: string }[];
}

let env: TestEnv;
let m: string;
let teamA: string;
let teamB: string;
let orgW: string;
let orgG: string;
let gemeente: Session;
let admin: Session;
let lead: Session;
let worker: Session;
let assumptionIndividual: string;
let assumptionBenefit: string;
let priceW1: { id: string; version: number };
const N1 = 'BU03920101';
const N2 = 'BU03920102';
const N3 = 'BU03920103';

const get = async (session: Session, query: string) => {
  const response = await call(env.app, session, 'GET', `/api/v1/business-case${query}`);
  expect(response.statusCode, response.body).toBe(200);
  return response.json<BusinessCase>();
};
const column = (bc: BusinessCase, year: number, teamId: string | null) => {
  const found = bc.columns.find((c) => c.year === year && c.teamId === teamId);
  if (!found) throw new Error(`no column ${year} ${teamId}`);
  return found;
};
const cost = (c: Column, key: string) => c.costs.lines.find((l) => l.key === key)?.cents;

async function household(teamId: string, residents: number): Promise<string> {
  const id = newId();
  await sql`insert into households (municipality_id, id, team_id) values (${m}, ${id}, ${teamId})`.execute(
    env.owner,
  );
  for (let i = 0; i < residents; i++) {
    await sql`insert into residents (municipality_id, id, household_id, given_name, family_name)
      values (${m}, ${newId()}, ${id}, 'Test', ${`Inwoner ${i}`})`.execute(env.owner);
  }
  return id;
}

async function trajectory(
  teamId: string,
  residents: number,
  openedAt: string,
  closedAt: string | null,
  withoutSpecialistCare: boolean | null,
  coordinator: string,
) {
  const id = newId();
  const hh = await household(teamId, residents);
  await sql`insert into trajectories (municipality_id, id, household_id, team_id, coordinator_id, status,
      opened_at, closed_at, outcome, handled_without_specialist_care)
    values (${m}, ${id}, ${hh}, ${teamId}, ${coordinator}, ${closedAt ? 'closed' : 'open'},
      ${openedAt}::timestamptz, ${closedAt}::timestamptz,
      ${closedAt ? (withoutSpecialistCare ? 'goals_achieved' : 'handed_over') : null},
      ${withoutSpecialistCare})`.execute(env.owner);
  return { id, household: hh };
}

const price = async (body: Record<string, unknown>) => {
  const response = await call(env.app, gemeente, 'POST', '/api/v1/prices', body);
  expect(response.statusCode, response.body).toBe(201);
  return response.json<{ id: string; version: number }>();
};

beforeAll(async () => {
  env = await createTestEnv();
  const made = await createMunicipality(env.owner);
  m = made.municipalityId;
  teamA = made.teamId;
  teamB = newId();
  orgW = newId();
  orgG = newId();
  await sql`insert into neighbourhoods (municipality_id, code, name, district_code) values
      (${m}, ${N2}, 'Tweede buurt', 'WK039201'), (${m}, ${N3}, 'Buurt zonder telling', 'WK039201')`.execute(
    env.owner,
  );
  await sql`insert into teams (municipality_id, id, name, type) values (${m}, ${teamB}, 'Buurtteam B', 'social')`.execute(
    env.owner,
  );
  // Team A works in N1; team B in N2 and N3 (N3 gets no inhabitants on purpose).
  await sql`insert into team_neighbourhoods (municipality_id, team_id, neighbourhood_code) values
      (${m}, ${teamA}, ${N1}), (${m}, ${teamB}, ${N2}), (${m}, ${teamB}, ${N3})`.execute(env.owner);
  await sql`insert into organisations (municipality_id, id, name, contact_name, contact_email) values
      (${m}, ${orgW}, 'Welzijn W', 'W', 'w@test.demo'), (${m}, ${orgG}, 'GGZ G', 'G', 'g@test.demo')`.execute(
    env.owner,
  );
  const accounts = {
    gemeente: await createStaffMember(env.owner, m, { role: 'municipality' }),
    admin: await createStaffMember(env.owner, m, { role: 'admin' }),
    lead: await createStaffMember(env.owner, m, { role: 'team_lead', teamIds: [teamA] }),
    worker: await createStaffMember(env.owner, m, { role: 'worker', teamIds: [teamA] }),
  };
  // The signed-in accounts work no hours in the teams (they would change the hand computation).
  await sql`update staff set hours_per_week = 0 where municipality_id = ${m}`.execute(env.owner);
  // Seconded staff: W 14 h in A; G 28 h split over A and B (14 + 14); W 7 h in B.
  // Team A: 28 h/week, team B: 21 h/week, all teams 49 h/week.
  const s1 = await createStaffMember(env.owner, m, { teamIds: [teamA], organisationId: orgW });
  const s2 = await createStaffMember(env.owner, m, {
    teamIds: [teamA, teamB],
    organisationId: orgG,
  });
  const s3 = await createStaffMember(env.owner, m, { teamIds: [teamB], organisationId: orgW });
  for (const [id, hours] of [
    [s1.id, 14],
    [s2.id, 28],
    [s3.id, 7],
  ] as const)
    await sql`update staff set hours_per_week = ${hours} where id = ${id}`.execute(env.owner);
  // Everyone has worked like this since 2020: the history of teams and hours (staff_periods) starts
  // on the day a staff row is made, today, and the business case counts a year with its own staff.
  await sql`update staff_periods set valid_from = '2020-01-01' where municipality_id = ${m}`.execute(
    env.owner,
  );
  gemeente = await login(env.app, accounts.gemeente.email, accounts.gemeente.password);
  admin = await login(env.app, accounts.admin.email, accounts.admin.password);
  lead = await login(env.app, accounts.lead.email, accounts.lead.password);
  worker = await login(env.app, accounts.worker.email, accounts.worker.password);

  // Hourly prices: W changes on 1 July 2025 (181 days at EUR 70, 184 days at EUR 77).
  priceW1 = await price({
    kind: 'organisation_hour',
    organisationId: orgW,
    amountCents: 7000,
    validFrom: '2025-01-01',
    validTo: '2025-06-30',
    sourceNote: 'Subsidiebeschikking W 2025',
  });
  await price({
    kind: 'organisation_hour',
    organisationId: orgW,
    amountCents: 7700,
    validFrom: '2025-07-01',
    sourceNote: 'Indexatie W per 1 juli',
  });
  await price({
    kind: 'organisation_hour',
    organisationId: orgG,
    amountCents: 8400,
    validFrom: '2024-01-01',
    sourceNote: 'Contract G',
  });
  // Individual support changes on 1 July 2025 too.
  await price({
    kind: 'provision',
    provision: 'individual_support',
    amountCents: 900_000,
    validFrom: '2024-01-01',
    validTo: '2025-06-30',
    sourceNote: 'Tarief Wmo-begeleiding',
  });
  await price({
    kind: 'provision',
    provision: 'individual_support',
    amountCents: 960_000,
    validFrom: '2025-07-01',
    sourceNote: 'Tarief Wmo-begeleiding, geïndexeerd',
  });
  await price({
    kind: 'provision',
    provision: 'specialist_care',
    amountCents: 2_400_000,
    validFrom: '2024-01-01',
    sourceNote: 'Gemiddelde tweedelijns GGZ',
  });
  await price({
    kind: 'benefit',
    amountCents: 120_000,
    validFrom: '2024-01-01',
    sourceNote: 'Bijstandsnorm alleenstaande (afgerond)',
  });
  const a1 = await call(env.app, gemeente, 'POST', '/api/v1/business-case-assumptions', {
    basis: 'closed_without_specialist_care',
    priceKind: 'provision',
    provision: 'individual_support',
    shareLowPercent: 30,
    shareHighPercent: 50,
    monthsLow: 9,
    monthsHigh: 12,
  });
  expect(a1.statusCode, a1.body).toBe(201);
  assumptionIndividual = a1.json<{ id: string }>().id;
  const a2 = await call(env.app, gemeente, 'POST', '/api/v1/business-case-assumptions', {
    basis: 'closed_trajectories',
    priceKind: 'benefit',
    shareLowPercent: 10,
    shareHighPercent: 20,
    monthsLow: 6,
    monthsHigh: 12,
  });
  expect(a2.statusCode, a2.body).toBe(201);
  assumptionBenefit = a2.json<{ id: string }>().id;

  // Execution budget 2025: EUR 49,000 + EUR 24,500 realised = 7,350,000 cents.
  await sql`insert into execution_budgets (municipality_id, year) values (${m}, 2025)`.execute(
    env.owner,
  );
  await sql`insert into execution_budget_lines (municipality_id, year, side, position, label, cents, realised_cents)
    values (${m}, 2025, 'cost', 0, 'Coördinatie', 5000000, 4900000),
           (${m}, 2025, 'cost', 1, 'Organisatiekosten', 2500000, 2450000)`.execute(env.owner);

  // Team A: four trajectories running in 2025 (7 residents), one that ended in 2024.
  const coordinator = s1.id;
  const t1 = await trajectory(
    teamA,
    2,
    '2024-11-01T10:00:00+01:00',
    '2025-03-15T12:00:00+01:00',
    true,
    coordinator,
  );
  await trajectory(
    teamA,
    1,
    '2025-02-01T10:00:00+01:00',
    '2025-09-10T12:00:00+02:00',
    true,
    coordinator,
  );
  await trajectory(
    teamA,
    1,
    '2025-05-01T10:00:00+02:00',
    '2025-10-01T12:00:00+02:00',
    false,
    coordinator,
  );
  await trajectory(teamA, 3, '2025-06-01T10:00:00+02:00', null, null, coordinator);
  await trajectory(
    teamA,
    1,
    '2023-01-01T10:00:00+01:00',
    '2024-12-31T12:00:00+01:00',
    true,
    coordinator,
  );
  // Team B: two trajectories (2 + 1 residents) and a registration without one (1 resident).
  await trajectory(
    teamB,
    2,
    '2025-01-10T10:00:00+01:00',
    '2025-04-01T12:00:00+02:00',
    true,
    coordinator,
  );
  await trajectory(teamB, 1, '2025-03-01T10:00:00+01:00', null, null, coordinator);
  const h8 = await household(teamB, 1);
  await sql`insert into registrations (municipality_id, id, team_id, household_id, source, received_at, question, created_by)
    values (${m}, ${newId()}, ${teamB}, ${h8}, 'self', '2025-05-05T09:00:00+02:00', 'Vraag', ${coordinator})`.execute(
    env.owner,
  );
  // Referrals of team A in 2025: a hand-over (specialist care, priced), a Wmo advice (no price
  // for Wmo provisions: missing) and a volunteer (not a priced referral kind).
  for (const [kind, at] of [
    ['handover', '2025-05-01T10:00:00+02:00'],
    ['wmo_advice', '2025-08-01T10:00:00+02:00'],
    ['volunteer', '2025-08-02T10:00:00+02:00'],
  ] as const) {
    await sql`insert into referrals (municipality_id, id, team_id, household_id, kind, referred_to, created_by, created_at)
      values (${m}, ${newId()}, ${teamA}, ${t1.household}, ${kind}, 'X', ${coordinator}, ${at}::timestamptz)`.execute(
      env.owner,
    );
  }
  // A paid werkbudget request of team A in 2025 with a return of EUR 500 a month for 10 months.
  await sql`insert into work_budgets (municipality_id, year, base_cents) values (${m}, 2025, 1000000)`.execute(
    env.owner,
  );
  const request = newId();
  await sql`insert into work_budget_requests (municipality_id, id, team_id, trajectory_id, year, purpose,
      amount_cents, vat, justification, alternatives_tried, status, approval_level, requested_by, paid_on)
    values (${m}, ${request}, ${teamA}, ${t1.id}, 2025, 'Fysiotherapie', 60000, 'exempt', 'J', 'A', 'paid',
      'worker', ${coordinator}, '2025-02-01')`.execute(env.owner);
  await sql`insert into work_budget_returns (municipality_id, request_id, team_id, social, category,
      financial_kind, monthly_cents, months, recorded_by)
    values (${m}, ${request}, ${teamA}, 'Werkt weer', 'work', 'benefit_stopped', 50000, 10, ${coordinator})`.execute(
    env.owner,
  );
});

describe('inhabitants per buurt (CBS Kerncijfers wijken en buurten)', () => {
  it('loads buurt lines, skips gemeente and wijk lines, rejects bad lines by line and field', async () => {
    const csv = [
      'WijkenEnBuurten;Perioden;AantalInwoners_5',
      'GM0392;2024JJ00;162000',
      `${N1}  ;2024JJ00;4.000`,
      `${N2};2025JJ00;3000`,
      'BU03920199;2025JJ00;10',
      `${N1};2023JJ00;.`,
      `${N2};20x5;12`,
    ].join('\n');
    const response = await env.app.inject({
      method: 'POST',
      url: '/api/v1/neighbourhood-inhabitants/imports',
      headers: {
        cookie: admin.cookie,
        'x-csrf-token': admin.csrfToken,
        'content-type': 'text/csv',
      },
      payload: csv,
    });
    expect(response.statusCode, response.body).toBe(201);
    const result = response.json<{
      rows: number;
      skipped: number;
      rejected: { line: number; field: string }[];
    }>();
    expect(result.rows).toBe(2);
    expect(result.skipped).toBe(1);
    expect(result.rejected.map((r) => [r.line, r.field])).toEqual([
      [5, 'WijkenEnBuurten'],
      [6, 'AantalInwoners_5'],
      [7, 'Perioden'],
    ]);
    const stored = await sql<{ code: string; year: number; n: number }>`
      select neighbourhood_code as code, year, inhabitants as n from neighbourhood_inhabitants
      where municipality_id = ${m} order by code`.execute(env.owner);
    expect(stored.rows).toEqual([
      { code: N1, year: 2024, n: 4000 },
      { code: N2, year: 2025, n: 3000 },
    ]);
  });

  it('is loaded by the admin only, and a file without the columns is refused naming the header', async () => {
    const asMunicipality = await env.app.inject({
      method: 'POST',
      url: '/api/v1/neighbourhood-inhabitants/imports',
      headers: {
        cookie: gemeente.cookie,
        'x-csrf-token': gemeente.csrfToken,
        'content-type': 'text/csv',
      },
      payload: `buurtcode,jaar,aantal_inwoners\n${N3},2025,1`,
    });
    expect(asMunicipality.statusCode).toBe(403);
    const noColumns = await env.app.inject({
      method: 'POST',
      url: '/api/v1/neighbourhood-inhabitants/imports',
      headers: {
        cookie: admin.cookie,
        'x-csrf-token': admin.csrfToken,
        'content-type': 'text/csv',
      },
      payload: `buurtcode,aantal\n${N3},1`,
    });
    expect(noColumns.statusCode).toBe(400);
    expect(noColumns.json<Problem>().invalidParams?.[0]?.name).toBe('(body).header');
  });
});

describe('the business case 2025, computed by hand', () => {
  it('costs: execution budget shared by hours, seconded hours split by day at a mid-year price change', async () => {
    const bc = await get(gemeente, '?fromYear=2025&toYear=2025');
    expect(bc.cityWide).toBe(true);
    const a = column(bc, 2025, teamA);
    const b = column(bc, 2025, teamB);
    // Execution budget 7,350,000 × 28/49 = 4,200,000 (A) and × 21/49 = 3,150,000 (B).
    expect(cost(a, 'execution_budget')).toBe(4_200_000);
    expect(cost(b, 'execution_budget')).toBe(3_150_000);
    // A: W 14 h × 181 d / 7 × 7000 = 2,534,000 and 14 × 184 / 7 × 7700 = 2,833,600;
    //    G 14 h × 365 / 7 × 8400 = 6,132,000. Together 11,499,600.
    expect(cost(a, 'seconded_hours')).toBe(11_499_600);
    const wParts = a.costs.lines
      .find((l) => l.key === 'seconded_hours')
      ?.parts.filter((p) => p.label.nl.startsWith('Welzijn W'))
      .map((p) => p.cents);
    expect(wParts).toEqual([2_534_000, 2_833_600]);
    // B: G 6,132,000; W 7 × 181 / 7 × 7000 = 1,267,000 and 7 × 184 / 7 × 7700 = 1,416,800.
    expect(cost(b, 'seconded_hours')).toBe(8_815_800);
    // Totals: A 4,200,000 + 11,499,600 = 15,699,600; B 3,150,000 + 8,815,800 = 11,965,800.
    expect(a.costs.totalCents).toBe(15_699_600);
    expect(b.costs.totalCents).toBe(11_965_800);
    expect(column(bc, 2025, null).costs.totalCents).toBe(27_665_400);
  });

  it('per trajectory, per resident reached and per inhabitant; a buurt without data is missing, not zero', async () => {
    const bc = await get(gemeente, '?fromYear=2025&toYear=2025');
    const a = column(bc, 2025, teamA);
    const b = column(bc, 2025, teamB);
    const city = column(bc, 2025, null);
    // A: 4 trajectories ran in 2025 (the one closed on 31 Dec 2024 did not), 2+1+1+3 = 7 residents.
    expect(a.reach.trajectories).toBe(4);
    expect(a.reach.residentsReached).toBe(7);
    expect(a.perTrajectoryCents).toBe(3_924_900); // 15,699,600 / 4
    expect(a.perResidentCents).toBe(2_242_800); // 15,699,600 / 7
    // N1 has 4,000 inhabitants in 2024, the latest year not after 2025: 15,699,600 / 4,000 = 3,924.9 → 3,925.
    expect(a.reach.inhabitants).toBe(4000);
    expect(a.reach.inhabitantsYears).toEqual([2024]);
    expect(a.perInhabitantCents).toBe(3925);
    // B: 2 trajectories; 2 + 1 residents plus 1 from a registration = 4. 11,965,800 / 2 and / 4.
    expect(b.reach.trajectories).toBe(2);
    expect(b.reach.residentsReached).toBe(4);
    expect(b.perTrajectoryCents).toBe(5_982_900);
    expect(b.perResidentCents).toBe(2_991_450);
    // N2 has 3,000 but N3 has nothing: no total (not 3,000) and no cost per inhabitant.
    expect(b.reach.inhabitants).toBeNull();
    expect(b.perInhabitantCents).toBeNull();
    expect(b.reach.missingInhabitants).toEqual([{ code: N3, name: 'Buurt zonder telling' }]);
    expect(city.reach.inhabitants).toBeNull();
    expect(city.reach.missingInhabitants.map((x) => x.code)).toEqual([N3]);
    expect(city.reach.residentsReached).toBe(11);
  });

  it('savings low and high: returns as recorded, avoided costs priced on the day of closure', async () => {
    const bc = await get(gemeente, '?fromYear=2025&toYear=2025');
    const a = column(bc, 2025, teamA);
    const b = column(bc, 2025, teamB);
    expect(a.savings.closedWithoutSpecialistCare).toBe(2);
    expect(a.savings.closedTrajectories).toBe(3);
    // Returns: 50,000 × 10 = 500,000.
    expect(a.savings.workBudgetReturns.cents).toBe(500_000);
    const individual = a.savings.avoided.find((x) => x.assumptionId === assumptionIndividual);
    // Closed on 15 Mar (900,000 a year) and 10 Sep (960,000 a year).
    // Low 30% × 9/12: 900,000 × 0.225 = 202,500 + 960,000 × 0.225 = 216,000 → 418,500.
    // High 50% × 12/12: 450,000 + 480,000 = 930,000.
    expect(individual?.basisCount).toBe(2);
    expect(individual?.lowParts.map((p) => p.cents)).toEqual([202_500, 216_000]);
    expect(individual?.lowCents).toBe(418_500);
    expect(individual?.highCents).toBe(930_000);
    // Benefit 120,000 a month on all 3 closures: low 3 × 120,000 × 10% × 6 = 216,000; high × 20% × 12 = 864,000.
    const benefit = a.savings.avoided.find((x) => x.assumptionId === assumptionBenefit);
    expect(benefit?.lowCents).toBe(216_000);
    expect(benefit?.highCents).toBe(864_000);
    // A low 500,000 + 418,500 + 216,000 = 1,134,500; high 500,000 + 930,000 + 864,000 = 2,294,000.
    expect(a.savings.lowCents).toBe(1_134_500);
    expect(a.savings.highCents).toBe(2_294_000);
    expect(a.balanceLowCents).toBe(1_134_500 - 15_699_600);
    expect(a.balanceHighCents).toBe(2_294_000 - 15_699_600);
    // B: one closure (1 Apr, 900,000): low 202,500 + 72,000 = 274,500; high 450,000 + 288,000 = 738,000.
    expect(b.savings.lowCents).toBe(274_500);
    expect(b.savings.highCents).toBe(738_000);
    const city = column(bc, 2025, null);
    expect(city.savings.lowCents).toBe(1_409_000);
    expect(city.savings.highCents).toBe(3_032_000);
    // Every avoided part is marked as an estimate.
    expect(a.savings.avoided.flatMap((x) => x.lowParts).every((p) => p.estimate)).toBe(true);
  });

  it('referrals made are counted and priced, a referral without a price is reported missing', async () => {
    const a = column(await get(gemeente, '?fromYear=2025&toYear=2025'), 2025, teamA);
    // Hand-over (2,400,000, one year of specialist care) and Wmo advice (no price); volunteer not counted.
    expect(a.referralsMade.count).toBe(2);
    expect(a.referralsMade.cents).toBe(2_400_000);
    expect(a.missing.some((x) => x.en.includes('1 referral(s) on a day without a price'))).toBe(
      true,
    );
    // Not part of the savings.
    expect(a.savings.lowCents).toBe(1_134_500);
  });

  it('shows the years side by side; what has no price or budget is listed as missing', async () => {
    const bc = await get(gemeente, '?fromYear=2024&toYear=2025');
    expect(bc.years).toEqual([2024, 2025]);
    // City-wide first, then the teams by name ("Buurtteam B" before "Buurtteam Test").
    expect(bc.columns.map((c) => [c.year, c.teamId])).toEqual([
      [2024, null],
      [2024, teamB],
      [2024, teamA],
      [2025, null],
      [2025, teamB],
      [2025, teamA],
    ]);
    const a2024 = column(bc, 2024, teamA);
    // 2024: only G has a price: 14 h × 366 d / 7 × 8400 = 6,148,800; no execution budget, W unpriced.
    expect(a2024.costs.totalCents).toBe(6_148_800);
    // No execution budget: the line is unknown (shown as missing), not a recorded zero.
    expect(a2024.costs.lines.find((l) => l.key === 'execution_budget')?.unknown).toBe(true);
    expect(a2024.complete).toBe(false);
    const city2024 = column(bc, 2024, null);
    // A trajectory counts in every year it ran: A's first (November 2024 to March 2025, 2
    // residents) in both years, the one that ended on 31 December 2024 (1 resident) in 2024 only.
    // B's started in 2025 and its registration came in 2025: nothing in 2024.
    expect(a2024.reach.trajectories).toBe(2);
    expect(a2024.reach.residentsReached).toBe(3);
    expect(column(bc, 2025, teamA).reach.trajectories).toBe(4);
    expect(column(bc, 2024, teamB).reach.trajectories).toBe(0);
    expect(column(bc, 2024, teamB).reach.residentsReached).toBe(0);
    expect(city2024.reach.residentsReached).toBe(3);
    expect(column(bc, 2025, null).reach.residentsReached).toBe(11);
    expect(city2024.costs.lines.find((l) => l.key === 'execution_budget')?.unknown).toBe(true);
    expect(
      column(bc, 2025, null).costs.lines.find((l) => l.key === 'execution_budget')?.unknown,
    ).toBe(false);
    expect(column(bc, 2025, teamB).complete).toBe(true);
    expect(column(bc, 2025, teamA).complete).toBe(false); // the unpriced Wmo referral
    expect(a2024.missing.map((x) => x.en)).toEqual(
      expect.arrayContaining([
        'No execution budget for 2024',
        expect.stringContaining(
          'Welzijn W: no hourly price for 366 days from 01/01/2024 to 31/12/2024',
        ),
      ]),
    );
  });

  it('no resident, household or case id is in the drill-down', async () => {
    const text = JSON.stringify(await get(gemeente, '?fromYear=2025&toYear=2025'));
    const ids = await sql<{ id: string }>`
      select id from residents where municipality_id = ${m}
      union all select id from households where municipality_id = ${m}
      union all select id from trajectories where municipality_id = ${m}`.execute(env.owner);
    for (const { id } of ids.rows) expect(text).not.toContain(id);
    expect(text).not.toContain('Inwoner 0');
  });
});

describe('changing prices and assumptions', () => {
  it('refuses bad cents, a validTo before validFrom, unknown fields and overlaps, changing nothing', async () => {
    const before = await sql<{
      n: number;
    }>`select count(*)::int as n from prices where municipality_id = ${m}`.execute(env.owner);
    const base = {
      kind: 'organisation_hour',
      organisationId: orgW,
      amountCents: 8000,
      validFrom: '2026-01-01',
      sourceNote: 'Test',
    };
    const cases: [Record<string, unknown>, string][] = [
      [{ ...base, amountCents: 12.5 }, 'amountCents'],
      [{ ...base, amountCents: -100 }, 'amountCents'],
      [{ ...base, amountCents: '8000' }, 'amountCents'],
      [{ ...base, validTo: '2025-12-31' }, 'validTo'],
      [{ ...base, colour: 'red' }, 'colour'],
      [{ ...base, kind: 'provision' }, 'provision'],
      [{ ...base, organisationId: newId() }, 'organisationId'],
      // Overlaps W's open-ended price from 1 July 2025.
      [{ ...base, validFrom: '2025-12-01', validTo: '2026-02-01' }, 'validFrom'],
    ];
    for (const [body, field] of cases) {
      const response = await call(env.app, gemeente, 'POST', '/api/v1/prices', body);
      expect(response.statusCode, JSON.stringify(body)).toBe(400);
      expect(response.json<Problem>().invalidParams?.map((p) => p.name)).toContain(field);
    }
    const after = await sql<{
      n: number;
    }>`select count(*)::int as n from prices where municipality_id = ${m}`.execute(env.owner);
    expect(after.rows[0]?.n).toBe(before.rows[0]?.n);
    // Moving the first W price's end into the second's period overlaps too.
    const overlap = await call(env.app, gemeente, 'PATCH', `/api/v1/prices/${priceW1.id}`, {
      version: priceW1.version,
      validTo: '2025-07-15',
    });
    expect(overlap.statusCode).toBe(400);
    expect(overlap.json<Problem>().invalidParams?.[0]?.name).toBe('validFrom');
    const assumption = await call(env.app, gemeente, 'POST', '/api/v1/business-case-assumptions', {
      basis: 'closed_trajectories',
      priceKind: 'benefit',
      shareLowPercent: 40,
      shareHighPercent: 20,
      monthsLow: 6,
      monthsHigh: 3,
    });
    expect(assumption.statusCode).toBe(400);
    expect(assumption.json<Problem>().invalidParams?.map((p) => p.name)).toEqual([
      'shareHighPercent',
      'monthsHigh',
    ]);
  });

  it('a change moves the figures; a stale version is answered 409', async () => {
    const list = await call(env.app, gemeente, 'GET', '/api/v1/business-case-assumptions');
    const current = list
      .json<{ items: { id: string; version: number }[] }>()
      .items.find((x) => x.id === assumptionIndividual);
    const changed = await call(
      env.app,
      gemeente,
      'PATCH',
      `/api/v1/business-case-assumptions/${assumptionIndividual}`,
      { version: current?.version, shareLowPercent: 40 },
    );
    expect(changed.statusCode, changed.body).toBe(200);
    expect(changed.json<{ sentence: { nl: string } }>().sentence.nl).toContain('40–50%');
    const stale = await call(
      env.app,
      gemeente,
      'PATCH',
      `/api/v1/business-case-assumptions/${assumptionIndividual}`,
      { version: current?.version, shareLowPercent: 10 },
    );
    expect(stale.statusCode).toBe(409);
    // Low at 40% × 9/12: 900,000 × 0.3 = 270,000 + 960,000 × 0.3 = 288,000 = 558,000.
    const a = column(await get(gemeente, '?fromYear=2025&toYear=2025'), 2025, teamA);
    expect(a.savings.avoided.find((x) => x.assumptionId === assumptionIndividual)?.lowCents).toBe(
      558_000,
    );
    // A price: EUR 77 → 84 from 1 July: W in A is 14 × 184 / 7 × 8400 = 3,091,200 (was 2,833,600).
    const prices = await call(env.app, gemeente, 'GET', '/api/v1/prices');
    const w2 = prices
      .json<{
        items: { id: string; version: number; amountCents: number; organisationId: string }[];
      }>()
      .items.find((p) => p.organisationId === orgW && p.amountCents === 7700);
    const moved = await call(env.app, admin, 'PATCH', `/api/v1/prices/${w2?.id}`, {
      version: w2?.version,
      amountCents: 8400,
    });
    expect(moved.statusCode, moved.body).toBe(200);
    const stalePrice = await call(env.app, gemeente, 'PATCH', `/api/v1/prices/${w2?.id}`, {
      version: w2?.version,
      amountCents: 9000,
    });
    expect(stalePrice.statusCode).toBe(409);
    const after = column(await get(gemeente, '?fromYear=2025&toYear=2025'), 2025, teamA);
    expect(cost(after, 'seconded_hours')).toBe(11_499_600 - 2_833_600 + 3_091_200);
  });
});

describe('who may see it', () => {
  it('a team lead sees their own team only, without the city-wide column; a worker nothing', async () => {
    const own = await get(lead, '?fromYear=2025&toYear=2025');
    expect(own.cityWide).toBe(false);
    expect(own.columns.map((c) => c.teamId)).toEqual([teamA]);
    expect(
      (await call(env.app, lead, 'GET', `/api/v1/business-case?teamId=${teamB}`)).statusCode,
    ).toBe(404);
    expect((await call(env.app, worker, 'GET', '/api/v1/business-case')).statusCode).toBe(403);
    expect((await call(env.app, worker, 'GET', '/api/v1/prices')).statusCode).toBe(403);
    expect((await call(env.app, admin, 'GET', '/api/v1/business-case')).statusCode).toBe(403);
    const leadWrites = await call(env.app, lead, 'POST', '/api/v1/prices', {
      kind: 'benefit',
      amountCents: 1,
      validFrom: '2030-01-01',
      sourceNote: 'x',
    });
    expect(leadWrites.statusCode).toBe(403);
  });

  it('is audited, and exports as a spreadsheet', async () => {
    const xlsx = await call(
      env.app,
      gemeente,
      'GET',
      '/api/v1/business-case.xlsx?fromYear=2025&toYear=2025',
    );
    expect(xlsx.statusCode).toBe(200);
    expect(xlsx.headers['content-type']).toContain('spreadsheetml');
    const audits = await sql<{ action: string; n: number }>`
      select action, count(*)::int as n from audit_events where municipality_id = ${m}
        and action like 'business_case.%' group by action order by action`.execute(env.owner);
    expect(audits.rows.map((r) => r.action)).toEqual([
      'business_case.export',
      'business_case.read',
    ]);
  });
});
