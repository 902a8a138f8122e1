// The public report against the two ways to undo it across queries: one buurt against the whole
// city, and one period against another. Registrations in March 2026 in three buurten: A 40,
// B 12 and X 2 (54 in all), and none in a fourth, Z. Trajectories closed in March: A 22 (15
// without specialist care), B 13 (7) and X 2 (1).
import { beforeAll, describe, expect, it } from 'vitest';
import { call, createTestEnv, login, type Session, type TestEnv } from '../../../test/harness.js';
import { createMunicipality, createStaffMember } from '../../../test/factories.js';
import { inTenant } from '../../platform/db.js';
import { newId } from '../../platform/ids.js';
import { todayInAmsterdam } from '../../platform/dates.js';

type Value = number | '<5' | 'x';
interface Shown {
  filters: { from: string; to: string; suppressed: boolean };
  sections: {
    tables: { key: string; rows: { key: string; value: Value }[]; total: Value }[];
    figures: { key: string; value: Value | null; basedOn: Value; unit: string }[];
  }[];
}
interface Problem {
  invalidParams?: { name: string; reason: string; reasonNl: string }[];
}

let env: TestEnv;
let partner: Session;
let gemeente: Session;
const A = 'BU03920101';
const B = 'BU03920102';
const X = 'BU03920103';
const Z = 'BU03920104';
const MARCH = 'from=2026-03-01&to=2026-03-31';

const table = (m: Shown, key: string) =>
  m.sections.flatMap((s) => s.tables).find((t) => t.key === key);
const row = (m: Shown, key: string, rowKey: string) =>
  table(m, key)?.rows.find((r) => r.key === rowKey)?.value;

beforeAll(async () => {
  env = await createTestEnv();
  const city = await createMunicipality(env.owner);
  const m = city.municipalityId;
  const worker = await createStaffMember(env.owner, m, { teamIds: [city.teamId] });
  const municipalityAccount = await createStaffMember(env.owner, m, { role: 'municipality' });
  const partnerAccount = await createStaffMember(env.owner, m, { role: 'partner' });
  await inTenant(env.owner, { municipalityId: m, teamIds: [city.teamId] }, async (trx) => {
    await trx
      .insertInto('neighbourhoods')
      .values(
        [B, X, Z].map((code) => ({
          municipality_id: m,
          code,
          name: `Buurt ${code.slice(-1)}`,
          district_code: 'WK039201',
        })),
      )
      .execute();
    for (const [code, count] of [
      [A, 40],
      [B, 12],
      [X, 2],
    ] as const) {
      const household = newId();
      await trx
        .insertInto('households')
        .values({
          municipality_id: m,
          id: household,
          team_id: city.teamId,
          postcode: '2011AB',
          house_number: 1,
          house_letter: null,
          house_number_addition: null,
          street: null,
          city: null,
          neighbourhood_code: code,
        })
        .execute();
      await trx
        .insertInto('registrations')
        .values(
          Array.from({ length: count }, (_, i) => ({
            municipality_id: m,
            id: newId(),
            team_id: city.teamId,
            household_id: household,
            resident_id: null,
            source: 'self' as const,
            // One a day from 2 March (days 2-28 in one month, never across its end).
            received_at: `2026-03-${String(2 + (i % 27)).padStart(2, '0')}T10:00:00+01:00`,
            question: 'x',
            life_domains: [],
            status: 'new' as const,
            first_contact_at: null,
            first_contact_kind: null,
            triage_outcome: null,
            trajectory_id: null,
            created_by: worker.id,
          })),
        )
        .execute();
    }
  });
  await inTenant(env.owner, { municipalityId: m, teamIds: [city.teamId] }, async (trx) => {
    for (const [code, closed, withoutSpecialistCare] of [
      [A, 22, 15],
      [B, 13, 7],
      [X, 2, 1],
    ] as const)
      for (let i = 0; i < closed; i++) {
        const household = newId();
        await trx
          .insertInto('households')
          .values({
            municipality_id: m,
            id: household,
            team_id: city.teamId,
            postcode: '2011AB',
            house_number: 2,
            house_letter: null,
            house_number_addition: null,
            street: null,
            city: null,
            neighbourhood_code: code,
          })
          .execute();
        await trx
          .insertInto('trajectories')
          .values({
            municipality_id: m,
            id: newId(),
            household_id: household,
            team_id: city.teamId,
            coordinator_id: worker.id,
            opened_at: '2025-06-01T10:00:00+02:00',
            registration_id: null,
            status: 'closed',
            closed_at: new Date(`2026-03-${String(2 + i).padStart(2, '0')}T10:00:00+01:00`),
            outcome: 'goals_achieved',
            handled_without_specialist_care: i < withoutSpecialistCare,
            no_closing_measurement_reason: 'Geen meting',
          })
          .execute();
      }
  });
  partner = await login(env.app, partnerAccount.email, partnerAccount.password);
  gemeente = await login(env.app, municipalityAccount.email, municipalityAccount.password);
});

describe('the public report', () => {
  it('gives nothing exact away when one buurt is set against the whole city', async () => {
    const cityWide = (
      await call(env.app, partner, 'GET', `/api/v1/reports/public?${MARCH}`)
    ).json<Shown>();
    // X (2) is below 5, and so are Z and the registrations without an address (none): two or
    // more hidden, so B need not be hidden to protect X. Rounding does that (below).
    expect(row(cityWide, 'registrations_by_neighbourhood', A)).toBe(40);
    expect(row(cityWide, 'registrations_by_neighbourhood', B)).toBe(10);
    expect(row(cityWide, 'registrations_by_neighbourhood', X)).toBe('<5');
    // 54 is published as 55.
    expect(table(cityWide, 'registrations_by_neighbourhood')?.total).toBe(55);

    const onlyB = (
      await call(env.app, partner, 'GET', `/api/v1/reports/public?${MARCH}&neighbourhoodCode=${B}`)
    ).json<Shown>();
    // B's 12 registrations are published as 10, in every table that counts them.
    expect(table(onlyB, 'registrations_by_source')?.total).toBe(10);
    expect(row(onlyB, 'registrations_by_source', 'self')).toBe(10);
    expect(table(onlyB, 'registrations_by_neighbourhood')?.total).toBe(10);
    expect(JSON.stringify(onlyB)).not.toMatch(/"(value|total|basedOn)":12[,}]/);

    // The city minus A minus B: each published count n stands for n-2 to n+2, so X could be
    // anything from 55-2 - (40+2) - (10+2) = -1 to 55+2 - (40-2) - (10-2) = 11, never just 2.
    const spread = (n: Value | undefined) => {
      if (typeof n !== 'number') throw new Error(`not shown: ${String(n)}`);
      return [n - 2, n + 2] as const;
    };
    const [totalLow, totalHigh] = spread(table(cityWide, 'registrations_by_neighbourhood')?.total);
    const [aLow, aHigh] = spread(row(cityWide, 'registrations_by_neighbourhood', A));
    const [bLow, bHigh] = spread(table(onlyB, 'registrations_by_source')?.total);
    const xLow = Math.max(0, totalLow - aHigh - bHigh);
    const xHigh = totalHigh - aLow - bLow;
    expect(xHigh - xLow).toBeGreaterThanOrEqual(4);
  });

  it('shows a buurt, life domain or referral kind with none as "<5", like one with 1-4', async () => {
    const cityWide = (
      await call(env.app, partner, 'GET', `/api/v1/reports/public?${MARCH}`)
    ).json<Shown>();
    // Z had no registrations, X two: a missing row for Z would tell them apart.
    expect(row(cityWide, 'registrations_by_neighbourhood', Z)).toBe('<5');
    expect(row(cityWide, 'registrations_by_neighbourhood', 'unknown')).toBe('<5');
    // Every buurt of the municipality has its row (by name: Buurt 2, 3, 4, Testbuurt), and so has
    // every life domain and every referral kind (none were recorded in March).
    expect(table(cityWide, 'registrations_by_neighbourhood')?.rows.map((r) => r.key)).toEqual([
      B,
      X,
      Z,
      A,
      'unknown',
    ]);
    const domains = table(cityWide, 'registrations_by_life_domain')?.rows ?? [];
    expect(domains.map((r) => r.key)).toContain('finances');
    expect(domains).toHaveLength(14);
    expect(domains.every((r) => r.value === '<5')).toBe(true);
    const referrals = table(cityWide, 'referrals_by_kind')?.rows ?? [];
    expect(referrals).toHaveLength(8);
    expect(referrals.every((r) => r.value === '<5')).toBe(true);
    // One buurt's report has that buurt's row only.
    const onlyZ = (
      await call(env.app, partner, 'GET', `/api/v1/reports/public?${MARCH}&neighbourhoodCode=${Z}`)
    ).json<Shown>();
    expect(table(onlyZ, 'registrations_by_neighbourhood')?.rows).toEqual([
      { key: Z, label: { nl: 'Buurt 4', en: 'Buurt 4' }, value: '<5' },
    ]);
  });

  it('publishes a share no more exact than its rounded count and base', async () => {
    const share = async (query: string) => {
      const response = await call(
        env.app,
        partner,
        'GET',
        `/api/v1/reports/public?${MARCH}${query}`,
      );
      expect(response.statusCode).toBe(200);
      const found = response
        .json<Shown>()
        .sections.flatMap((s) => s.figures)
        .find((f) => f.key === 'without_specialist_care');
      if (typeof found?.value !== 'number' || typeof found.basedOn !== 'number')
        throw new Error(`not shown: ${JSON.stringify(found)}`);
      return { value: found.value, basedOn: found.basedOn };
    };
    // Closed in March, without specialist care of all closed: the city 23 of 37, A 15 of 22,
    // B 7 of 13; X (1 of 2) is hidden.
    const cityWide = await share('');
    const inA = await share(`&neighbourhoodCode=${A}`);
    const inB = await share(`&neighbourhoodCode=${B}`);
    // Each is a rounded count of its rounded base: 25 of 35, 15 of 20 and 5 of 15. An exact share
    // (0.622, 0.682, 0.538) gives exactly one count and base within the rounded base's range,
    // and the city minus A minus B then gives X's 2 closed, 1 without specialist care.
    expect(cityWide).toEqual({ value: 0.714, basedOn: 35 });
    expect(inA).toEqual({ value: 0.75, basedOn: 20 });
    expect(inB).toEqual({ value: 0.333, basedOn: 15 });
    for (const { value, basedOn } of [cityWide, inA, inB]) {
      const count = Math.round(value * basedOn);
      expect(count % 5).toBe(0);
    }
    // The CSV says the same.
    const csv = await call(env.app, partner, 'GET', `/api/v1/reports/public.csv?${MARCH}`);
    expect(csv.body).toContain('Kerncijfers,Afgesloten zonder specialistische zorg,0.714,share');
  });

  it('is given for a whole month, quarter or year that is over, and refuses any other period', async () => {
    const get = (query: string, path = '/api/v1/reports/public') =>
      call(env.app, partner, 'GET', `${path}?${query}`);
    const refused = async (query: string, path?: string) => {
      const response = await get(query, path);
      expect(response.statusCode).toBe(400);
      const problem = response.json<Problem>();
      expect(problem.invalidParams?.[0]?.reasonNl).toBeTruthy();
      return problem.invalidParams?.map((p) => p.name);
    };
    // 30 March against 31 March would give 31 March's registrations.
    expect(await refused('from=2026-03-01&to=2026-03-30')).toEqual(['to']);
    expect(await refused('from=2026-03-02&to=2026-03-31')).toEqual(['from']);
    expect(await refused('from=2026-02-01&to=2026-03-31')).toEqual(['to']);
    expect(await refused('from=2026-03-01&to=2026-03-30', '/api/v1/reports/public.csv')).toEqual([
      'to',
    ]);
    // The month that holds today is not over: day by day it would give each day's counts.
    const month = todayInAmsterdam().slice(0, 7);
    const [y = 0, mo = 1] = month.split('-').map(Number);
    const lastDay = new Date(Date.UTC(y, mo, 0)).toISOString().slice(0, 10);
    expect(await refused(`from=${month}-01&to=${lastDay}`)).toEqual(['to']);

    expect((await get(MARCH)).statusCode).toBe(200);
    expect((await get('from=2026-01-01&to=2026-03-31')).statusCode).toBe(200);
    expect((await get('from=2025-01-01&to=2025-12-31')).statusCode).toBe(200);
    // Without a period: the last month that is over.
    const last = (await get('')).json<Shown>();
    expect(last.filters.to < todayInAmsterdam()).toBe(true);
    expect(last.filters.from).toBe(`${last.filters.to.slice(0, 7)}-01`);

    // The municipality's own monitor keeps any period and exact counts.
    const internal = await call(
      env.app,
      gemeente,
      'GET',
      `/api/v1/reports/monitor?from=2026-03-01&to=2026-03-30&neighbourhoodCode=${B}`,
    );
    expect(internal.statusCode).toBe(200);
    expect(table(internal.json<Shown>(), 'registrations_by_source')?.total).toBe(12);
  });
});
