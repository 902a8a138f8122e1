// The business case: what the teams cost against what they save, per year, per team and
// city-wide. Costs come from records (the execution budget's realisation, seconded hours at the
// partner's hourly price); savings are an estimate (werkbudget returns as recorded, and avoided
// costs from the municipality's assumptions, low and high). Every total carries its parts
// (which price times which count), aggregated: no resident, household or case id leaves here.
import { sql } from 'kysely';
import type { ServiceContext } from '../../platform/context.js';
import { inTenant, setScope, type Trx } from '../../platform/db.js';
import { invalidField, notFound } from '../../platform/errors.js';
import { audit } from '../../platform/audit.js';
import { addDays, readableDay, todayInAmsterdam } from '../../platform/dates.js';
import type { ProvisionCategory } from '../../db/schema.js';
import { teams as teamRepository } from '../organisation/organisation.repository.js';
import type { BusinessCase, Column } from './business-case.schemas.js';
import { loadAssumptions, loadPrices, type Assumption, type Price } from './price-list.service.js';
import { allocate, decimal, earlierDay, euro, priceOn, splitByPrice } from './pricing.js';
import { BENEFIT_LABEL, PROVISION_LABELS, type Label } from './labels.js';
import { averageTeamHours, teamHoursOverTime, type StaffPeriod } from './staff-hours.js';

type Part = Column['costs']['lines'][number]['parts'][number];
type Line = Column['costs']['lines'][number];

/**
 * Referrals that go to a priced provision or to specialist care. Volunteers, collective offers
 * and warm referrals within the neighbourhood are the cheap road the teams are meant to take:
 * they are not priced.
 */
export const REFERRAL_PRICING: Record<string, ProvisionCategory> = {
  wmo_advice: 'wmo_provision',
  specialist: 'specialist_care',
  specialist_task: 'specialist_care',
  handover: 'specialist_care',
};

const ZERO_TEAMS = ['00000000-0000-0000-0000-000000000000'];

interface Team {
  id: string;
  name: string;
  neighbourhoodCodes: string[];
}

interface YearFacts {
  year: number;
  start: string;
  through: string;
  trajectories: Map<string, number>;
  residents: Map<string | null, number>;
  closures: { teamId: string; day: string; withoutSpecialistCare: boolean; n: number }[];
  referrals: { teamId: string; kind: string; day: string; n: number }[];
  returns: Map<string, { monthlyCents: number; months: number }[]>;
  execution: { realisedCents: number; lines: number; unrealised: number } | null;
}

const L = (nl: string, en: string): Label => ({ nl, en });
const line = (
  key: string,
  label: Label,
  parts: Part[],
  estimate: boolean,
  unknown = false,
): Line => ({
  key,
  label,
  cents: parts.reduce((s, p) => s + p.cents, 0),
  estimate,
  unknown,
  parts,
});
const perUnit = (cents: number, n: number | null) => (n ? Math.round(cents / n) : null);

/**
 * The counts behind every column, for all years at once: one pass over each table for the whole
 * range, split into years here (the business case over five years of a large city made five
 * passes of each, 3.1 s; bench/README.md, session 7). A year runs from 1 January to 31 December,
 * or to today for the current year.
 */
async function factsOfYears(
  trx: Trx,
  municipalityId: string,
  teamIds: string[],
  fromYear: number,
  toYear: number,
  today: string,
): Promise<Map<number, YearFacts>> {
  const first = `${fromYear}-01-01`;
  const through = earlierDay(`${toYear}-12-31`, today);
  const ids = teamIds.length > 0 ? teamIds : ZERO_TEAMS;
  const day = (column: string) => sql`(${sql.ref(column)} at time zone 'Europe/Amsterdam')::date`;
  const yearOf = (column: string) => sql`extract(year from ${day(column)})::int`;
  // A trajectory counts in every year it ran in: from the year it opened (not after today) to the
  // year it closed, or to the last year asked for while it is still open.
  const trajectoryYears = sql`
    select t.team_id, t.household_id, y.year
    from trajectories t
    cross join lateral generate_series(greatest(${fromYear}::int, ${yearOf('t.opened_at')}),
      least(${toYear}::int, coalesce(${yearOf('t.closed_at')}, ${toYear}::int))) as y(year)
    where t.municipality_id = ${municipalityId}::uuid and t.team_id = any(${ids}::uuid[])
      and ${day('t.opened_at')} <= ${through}::date
      and (t.closed_at is null or ${day('t.closed_at')} >= ${first}::date)`;
  // Trajectories per team, and reached: everyone in a household that had a trajectory running or
  // a registration received in the year, one row per team and one for all teams together (a
  // household may change teams). One statement, so that the trajectories are read once.
  const counts = await sql<{
    kind: 'trajectories' | 'residents';
    year: number;
    team_id: string | null;
    n: number;
  }>`
    with running as materialized (${trajectoryYears}),
    reached as (
      select team_id, household_id, year from running
      union
      select g.team_id, g.household_id, ${yearOf('g.received_at')} as year from registrations g
      where g.municipality_id = ${municipalityId}::uuid and g.team_id = any(${ids}::uuid[])
        and g.household_id is not null
        and ${day('g.received_at')} between ${first}::date and ${through}::date
    )
    select 'trajectories' as kind, year, team_id, count(*)::int as n from running group by 2, 3
    union all
    select 'residents', x.year, x.team_id, count(distinct r.id)::int from reached x
    join residents r on r.municipality_id = ${municipalityId}::uuid and r.household_id = x.household_id
    group by grouping sets ((x.year, x.team_id), (x.year))`.execute(trx);
  const trajectories = counts.rows.filter((r) => r.kind === 'trajectories');
  const residents = counts.rows.filter((r) => r.kind === 'residents');
  const closures = await sql<{
    team_id: string;
    day: string;
    without: boolean;
    n: number;
  }>`
    select t.team_id, ${day('t.closed_at')}::text as day,
      coalesce(t.handled_without_specialist_care, false) as without, count(*)::int as n
    from trajectories t
    where t.municipality_id = ${municipalityId}::uuid and t.team_id = any(${ids}::uuid[])
      and t.closed_at is not null
      and ${day('t.closed_at')} between ${first}::date and ${through}::date
    group by 1, 2, 3`.execute(trx);
  const referrals = await sql<{ team_id: string; kind: string; day: string; n: number }>`
    select f.team_id, f.kind, ${day('f.created_at')}::text as day, count(*)::int as n
    from referrals f
    where f.municipality_id = ${municipalityId}::uuid and f.team_id = any(${ids}::uuid[])
      and f.kind = any(${Object.keys(REFERRAL_PRICING)}::text[])
      and ${day('f.created_at')} between ${first}::date and ${through}::date
    group by 1, 2, 3`.execute(trx);
  const returns = await sql<{
    year: number;
    team_id: string;
    monthly_cents: number;
    months: number;
  }>`
    select r.year, r.team_id, x.monthly_cents, x.months
    from work_budget_requests r
    join work_budget_returns x on x.municipality_id = r.municipality_id and x.request_id = r.id
    where r.municipality_id = ${municipalityId}::uuid and r.team_id = any(${ids}::uuid[])
      and r.year between ${fromYear} and ${toYear} and r.status = 'paid'
      and x.monthly_cents is not null and x.months is not null
    order by x.monthly_cents * x.months desc`.execute(trx);
  // A year has an execution budget when its head row exists, even with no cost lines yet.
  const execution = await sql<{
    year: number;
    realised: number;
    lines: number;
    unrealised: number;
  }>`
    select b.year, coalesce(sum(l.realised_cents), 0)::bigint as realised, count(l.year)::int as lines,
      count(l.year) filter (where l.realised_cents is null)::int as unrealised
    from execution_budgets b
    left join execution_budget_lines l on l.municipality_id = b.municipality_id and l.year = b.year
      and l.side = 'cost'
    where b.municipality_id = ${municipalityId}::uuid and b.year between ${fromYear} and ${toYear}
    group by b.year`.execute(trx);

  const facts = new Map<number, YearFacts>();
  for (let year = fromYear; year <= toYear; year++) {
    const ofYear = <T extends { day: string }>(rows: T[]) =>
      rows.filter((r) => Number(r.day.slice(0, 4)) === year);
    const returnsByTeam = new Map<string, { monthlyCents: number; months: number }[]>();
    for (const r of returns.rows.filter((r) => r.year === year)) {
      const list = returnsByTeam.get(r.team_id) ?? [];
      list.push({ monthlyCents: r.monthly_cents, months: r.months });
      returnsByTeam.set(r.team_id, list);
    }
    const budget = execution.rows.find((r) => r.year === year);
    facts.set(year, {
      year,
      start: `${year}-01-01`,
      through: earlierDay(`${year}-12-31`, today),
      trajectories: new Map(
        trajectories.filter((r) => r.year === year).map((r) => [r.team_id ?? '', r.n]),
      ),
      residents: new Map(residents.filter((r) => r.year === year).map((r) => [r.team_id, r.n])),
      closures: ofYear(closures.rows).map((r) => ({
        teamId: r.team_id,
        day: r.day,
        withoutSpecialistCare: r.without,
        n: r.n,
      })),
      referrals: ofYear(referrals.rows).map((r) => ({
        teamId: r.team_id,
        kind: r.kind,
        day: r.day,
        n: r.n,
      })),
      returns: returnsByTeam,
      execution: budget
        ? {
            realisedCents: Number(budget.realised),
            lines: budget.lines,
            unrealised: budget.unrealised,
          }
        : null,
    });
  }
  return facts;
}

/**
 * The staff's history (staff_periods, kept by the database on every change): the stretches whose
 * hours count (workers and team leads while active, with their teams, hours and organisation of
 * the time), and the first day of anyone's history: before it, nobody's hours are known.
 */
async function staffHistory(
  trx: Trx,
  municipalityId: string,
): Promise<{ counted: StaffPeriod[]; knownFrom: string | null }> {
  const rows = await trx
    .selectFrom('staff_periods')
    .select([
      'organisation_id',
      'team_ids',
      'hours_per_week',
      'valid_from',
      'valid_until',
      'role',
      'active',
    ])
    .where('municipality_id', '=', municipalityId)
    .execute();
  const knownFrom = rows.reduce<string | null>(
    (first, r) => (first === null || r.valid_from < first ? r.valid_from : first),
    null,
  );
  const counted = rows
    .filter(
      (r) => r.active && (r.role === 'worker' || r.role === 'team_lead') && r.hours_per_week > 0,
    )
    .map((r) => ({
      organisationId: r.organisation_id,
      teamIds: r.team_ids,
      hoursPerWeek: r.hours_per_week,
      from: r.valid_from,
      until: r.valid_until,
    }));
  return { counted, knownFrom };
}

interface Context {
  prices: Price[];
  assumptions: Assumption[];
  organisationNames: Map<string, string>;
  staff: StaffPeriod[];
  staffKnownFrom: string | null;
  allTeams: Team[];
  inhabitants: { code: string; year: number; n: number }[];
  areaNames: Map<string, string>;
}

const pricesOf = (c: Context, kind: Price['kind'], subject: string | null) =>
  c.prices.filter(
    (p) =>
      p.kind === kind &&
      (kind === 'provision'
        ? p.provision === subject
        : kind === 'organisation_hour'
          ? p.organisationId === subject
          : true),
  );

function secondedHours(c: Context, f: YearFacts, team: Team, missing: Label[]): Part[] {
  const parts: Part[] = [];
  // Days before anyone's history began are unknown, not days without hours.
  if (c.staffKnownFrom === null || c.staffKnownFrom > f.start) {
    const known = c.staffKnownFrom;
    const last = known === null ? f.through : earlierDay(f.through, addDays(known, -1));
    missing.push(
      L(
        `Bezetting van ${readableDay(f.start).nl} t/m ${readableDay(last).nl} onbekend: de uren van medewerkers zijn pas vanaf ${known ? readableDay(known).nl : '(nog niemand)'} vastgelegd (niet meegeteld)`,
        `Staffing from ${readableDay(f.start).en} to ${readableDay(last).en} unknown: staff hours are recorded from ${known ? readableDay(known).en : '(nobody yet)'} only (not counted)`,
      ),
    );
  }
  for (const [organisationId, stretches] of teamHoursOverTime(
    c.staff,
    team.id,
    f.start,
    f.through,
  )) {
    if (organisationId === null) {
      for (const stretch of stretches) {
        const h = decimal(stretch.hoursPerWeek);
        missing.push(
          L(
            `${team.name}: ${h.nl} uur per week zonder organisatie van ${readableDay(stretch.from).nl} t/m ${readableDay(stretch.to).nl}, dus zonder uurprijs (niet meegeteld)`,
            `${team.name}: ${h.en} hours a week without an organisation from ${readableDay(stretch.from).en} to ${readableDay(stretch.to).en}, so without an hourly price (not counted)`,
          ),
        );
      }
      continue;
    }
    const name = c.organisationNames.get(organisationId) ?? '?';
    const prices = pricesOf(c, 'organisation_hour', organisationId);
    // Each stretch of equal hours, each of its days at the price valid that day.
    for (const stretch of stretches) {
      const hours = stretch.hoursPerWeek;
      const h = decimal(hours);
      const split = splitByPrice(prices, stretch.from, stretch.to);
      for (const s of split.segments) {
        const value = Math.round((hours * s.days * s.price.amountCents) / 7);
        const price = euro(s.price.amountCents);
        const inBudget = s.price.inExecutionBudget;
        parts.push({
          label: L(
            `${name} (${readableDay(s.from).nl} t/m ${readableDay(s.to).nl})`,
            `${name} (${readableDay(s.from).en} to ${readableDay(s.to).en})`,
          ),
          formula: L(
            `${h.nl} uur/week × ${s.days} dagen / 7 × ${price.nl} per uur = ${euro(value).nl}${inBudget ? ' (al betaald via de uitvoeringsbegroting: niet opnieuw geteld)' : ''}`,
            `${h.en} hours/week × ${s.days} days / 7 × ${price.en} per hour = ${euro(value).en}${inBudget ? ' (already paid through the execution budget: not counted again)' : ''}`,
          ),
          cents: inBudget ? 0 : value,
          estimate: false,
        });
      }
      if (split.uncoveredDays > 0) {
        missing.push(
          L(
            `${name}: geen uurprijs voor ${split.uncoveredDays} dagen van ${readableDay(stretch.from).nl} t/m ${readableDay(stretch.to).nl} (${h.nl} uur/week in ${team.name} niet meegeteld)`,
            `${name}: no hourly price for ${split.uncoveredDays} days from ${readableDay(stretch.from).en} to ${readableDay(stretch.to).en} (${h.en} hours/week in ${team.name} not counted)`,
          ),
        );
      }
    }
  }
  return parts;
}

function executionShare(c: Context, f: YearFacts, team: Team, missing: Label[]): Part[] {
  if (!f.execution) {
    missing.push(
      L(`Geen uitvoeringsbegroting voor ${f.year}`, `No execution budget for ${f.year}`),
    );
    return [];
  }
  if (f.execution.unrealised > 0) {
    missing.push(
      L(
        `Uitvoeringsbegroting ${f.year}: ${f.execution.unrealised} van ${f.execution.lines} kostenregels nog zonder realisatie (niet als nul geteld)`,
        `Execution budget ${f.year}: ${f.execution.unrealised} of ${f.execution.lines} cost lines without realisation yet (not counted as zero)`,
      ),
    );
  }
  // A team's weight is its hours a week on average over the year's days (its staff of the time).
  const weights = c.allTeams.map((t) => averageTeamHours(c.staff, t.id, f.start, f.through));
  const shares = allocate(f.execution.realisedCents, weights);
  const i = c.allTeams.findIndex((t) => t.id === team.id);
  const total = weights.reduce((s, w) => s + w, 0);
  const own = decimal(weights[i] ?? 0);
  const all = decimal(total);
  const realised = euro(f.execution.realisedCents);
  return [
    {
      label: L(
        `Aandeel in de gerealiseerde uitvoeringskosten ${f.year}`,
        `Share of the realised execution costs ${f.year}`,
      ),
      formula: L(
        `${realised.nl} × ${own.nl} / ${all.nl} uur per week, gemiddeld over het jaar (aandeel van het team in de uren van alle teams) = ${euro(shares[i] ?? 0).nl}`,
        `${realised.en} × ${own.en} / ${all.en} hours a week, averaged over the year (the team's share of all teams' hours) = ${euro(shares[i] ?? 0).en}`,
      ),
      cents: shares[i] ?? 0,
      estimate: false,
    },
  ];
}

function avoidedCosts(c: Context, f: YearFacts, team: Team, missing: Label[]) {
  return c.assumptions
    .filter((a) => a.active)
    .map((a) => {
      const events = f.closures.filter(
        (e) =>
          e.teamId === team.id && (a.basis === 'closed_trajectories' || e.withoutSpecialistCare),
      );
      const prices = pricesOf(c, a.priceKind, a.provision);
      const what =
        a.priceKind === 'benefit'
          ? BENEFIT_LABEL
          : PROVISION_LABELS[a.provision ?? 'specialist_care'];
      const byPrice = new Map<Price, number>();
      let unpriced = 0;
      for (const e of events) {
        const price = priceOn(prices, e.day);
        if (price) byPrice.set(price, (byPrice.get(price) ?? 0) + e.n);
        else unpriced += e.n;
      }
      if (unpriced > 0) {
        missing.push(
          L(
            `${team.name}: ${unpriced} afsluiting(en) op een dag zonder prijs voor ${what.nl} (niet meegeteld)`,
            `${team.name}: ${unpriced} closure(s) on a day without a price for ${what.en} (not counted)`,
          ),
        );
      }
      const variant = (share: number, months: number): Part[] =>
        [...byPrice].map(([price, n]) => {
          const perYear = a.priceKind === 'provision';
          const cents = Math.round(
            (n * price.amountCents * share * months) / (100 * (perYear ? 12 : 1)),
          );
          const amount = euro(price.amountCents);
          return {
            label: L(
              `${n} × ${what.nl} (prijs geldig vanaf ${readableDay(price.validFrom).nl})`,
              `${n} × ${what.en} (price valid from ${readableDay(price.validFrom).en})`,
            ),
            formula: perYear
              ? L(
                  `${n} × ${amount.nl} per jaar × ${share}% × ${months}/12 = ${euro(cents).nl}`,
                  `${n} × ${amount.en} a year × ${share}% × ${months}/12 = ${euro(cents).en}`,
                )
              : L(
                  `${n} × ${amount.nl} per maand × ${share}% × ${months} maanden = ${euro(cents).nl}`,
                  `${n} × ${amount.en} a month × ${share}% × ${months} months = ${euro(cents).en}`,
                ),
            cents,
            estimate: true,
          };
        });
      const lowParts = variant(a.shareLowPercent, a.monthsLow);
      const highParts = variant(a.shareHighPercent, a.monthsHigh);
      return {
        assumptionId: a.id,
        sentence: a.sentence,
        basisCount: events.reduce((s, e) => s + e.n, 0),
        lowCents: lowParts.reduce((s, p) => s + p.cents, 0),
        highCents: highParts.reduce((s, p) => s + p.cents, 0),
        lowParts,
        highParts,
      };
    });
}

function referralsMade(c: Context, f: YearFacts, team: Team, missing: Label[]) {
  const groups = new Map<string, { category: ProvisionCategory; price: Price; n: number }>();
  let count = 0;
  let unpriced = 0;
  for (const r of f.referrals) {
    if (r.teamId !== team.id) continue;
    count += r.n;
    const category = REFERRAL_PRICING[r.kind];
    if (!category) continue;
    const price = priceOn(pricesOf(c, 'provision', category), r.day);
    if (!price) {
      unpriced += r.n;
      continue;
    }
    const key = `${category}|${price.id}`;
    const g = groups.get(key) ?? { category, price, n: 0 };
    g.n += r.n;
    groups.set(key, g);
  }
  if (unpriced > 0) {
    missing.push(
      L(
        `${team.name}: ${unpriced} verwijzing(en) op een dag zonder prijs (niet meegeteld)`,
        `${team.name}: ${unpriced} referral(s) on a day without a price (not counted)`,
      ),
    );
  }
  const parts: Part[] = [...groups.values()].map((g) => {
    const cents = g.n * g.price.amountCents;
    const what = PROVISION_LABELS[g.category];
    const amount = euro(g.price.amountCents);
    return {
      label: L(`${g.n} × ${what.nl}`, `${g.n} × ${what.en}`),
      formula: L(
        `${g.n} × ${amount.nl} (één jaar, prijs geldig vanaf ${readableDay(g.price.validFrom).nl}) = ${euro(cents).nl}`,
        `${g.n} × ${amount.en} (one year, price valid from ${readableDay(g.price.validFrom).en}) = ${euro(cents).en}`,
      ),
      cents,
      estimate: true,
    };
  });
  return {
    ...line(
      'referrals_made',
      L(
        'Verwijzingen naar maatwerk en specialistische zorg (wél gemaakt, geprijsd op één jaar; niet in de besparing)',
        'Referrals to individual provisions and specialist care (made, priced at one year; not in the savings)',
      ),
      parts,
      true,
    ),
    count,
  };
}

function inhabitantsOf(c: Context, year: number, codes: string[]) {
  let total = 0;
  const years = new Set<number>();
  const missing: { code: string; name: string }[] = [];
  for (const code of codes) {
    // CBS publishes with a delay: the latest loaded year not after this one.
    const found = c.inhabitants
      .filter((i) => i.code === code && i.year <= year)
      .sort((a, b) => b.year - a.year)[0];
    if (found) {
      total += found.n;
      years.add(found.year);
    } else missing.push({ code, name: c.areaNames.get(code) ?? code });
  }
  return {
    inhabitants: missing.length > 0 || codes.length === 0 ? null : total,
    inhabitantsYears: [...years].sort((a, b) => a - b),
    missingInhabitants: missing,
  };
}

function teamColumn(c: Context, f: YearFacts, team: Team): Column {
  const missing: Label[] = [];
  const costs = [
    line(
      'execution_budget',
      L('Uitvoeringskosten (gerealiseerd)', 'Execution costs (realised)'),
      executionShare(c, f, team, missing),
      false,
      f.execution === null,
    ),
    line(
      'seconded_hours',
      L('Gedetacheerde uren × uurprijs', 'Seconded hours × hourly price'),
      secondedHours(c, f, team, missing),
      false,
    ),
  ];
  const costCents = costs.reduce((s, l) => s + l.cents, 0);
  const returns = f.returns.get(team.id) ?? [];
  const workBudgetReturns = line(
    'work_budget_returns',
    L(
      'Financieel rendement werkbudget (zoals vastgelegd door het team)',
      'Financial return of the werkbudget (as recorded by the team)',
    ),
    returns.map((r) => {
      const cents = r.monthlyCents * r.months;
      return {
        label: L('Vastgelegd rendement', 'Recorded return'),
        formula: L(
          `${euro(r.monthlyCents).nl} per maand × ${r.months} maanden = ${euro(cents).nl}`,
          `${euro(r.monthlyCents).en} a month × ${r.months} months = ${euro(cents).en}`,
        ),
        cents,
        estimate: true,
      };
    }),
    true,
  );
  const avoided = avoidedCosts(c, f, team, missing);
  const lowCents = workBudgetReturns.cents + avoided.reduce((s, a) => s + a.lowCents, 0);
  const highCents = workBudgetReturns.cents + avoided.reduce((s, a) => s + a.highCents, 0);
  const trajectories = f.trajectories.get(team.id) ?? 0;
  const residentsReached = f.residents.get(team.id) ?? 0;
  const area = inhabitantsOf(c, f.year, team.neighbourhoodCodes);
  const closedOf = (pick: (e: YearFacts['closures'][number]) => boolean) =>
    f.closures.filter((e) => e.teamId === team.id && pick(e)).reduce((s, e) => s + e.n, 0);
  return {
    year: f.year,
    teamId: team.id,
    teamName: team.name,
    through: f.through,
    costs: { lines: costs, totalCents: costCents },
    reach: { trajectories, residentsReached, ...area },
    perTrajectoryCents: perUnit(costCents, trajectories),
    perResidentCents: perUnit(costCents, residentsReached),
    perInhabitantCents: perUnit(costCents, area.inhabitants),
    savings: {
      closedWithoutSpecialistCare: closedOf((e) => e.withoutSpecialistCare),
      closedTrajectories: closedOf(() => true),
      workBudgetReturns,
      avoided,
      lowCents,
      highCents,
    },
    referralsMade: referralsMade(c, f, team, missing),
    balanceLowCents: lowCents - costCents,
    balanceHighCents: highCents - costCents,
    missing,
    complete: missing.length === 0,
  };
}

/** City-wide: the sum of the team columns, each team one part, so totals stay traceable. */
function cityColumn(c: Context, f: YearFacts, columns: Column[]): Column {
  const byTeam = (pick: (col: Column) => number, estimate: boolean): Part[] =>
    columns.map((col) => ({
      label: L(col.teamName, col.teamName),
      formula: L(euro(pick(col)).nl, euro(pick(col)).en),
      cents: pick(col),
      estimate,
    }));
  const sumLine = (key: string, of: (col: Column) => Line, estimate: boolean): Line => {
    const first = columns[0] ? of(columns[0]) : null;
    return line(
      key,
      first?.label ?? L(key, key),
      byTeam((col) => of(col).cents, estimate),
      estimate,
      columns.some((col) => of(col).unknown),
    );
  };
  const lineOf = (key: string) => (col: Column) =>
    col.costs.lines.find((l) => l.key === key) ?? line(key, L(key, key), [], false);
  const costs = [
    sumLine('execution_budget', lineOf('execution_budget'), false),
    sumLine('seconded_hours', lineOf('seconded_hours'), false),
  ];
  const costCents = costs.reduce((s, l) => s + l.cents, 0);
  const avoided = c.assumptions
    .filter((a) => a.active)
    .map((a) => {
      const pick = (col: Column) => col.savings.avoided.find((x) => x.assumptionId === a.id);
      return {
        assumptionId: a.id,
        sentence: a.sentence,
        basisCount: columns.reduce((s, col) => s + (pick(col)?.basisCount ?? 0), 0),
        lowCents: columns.reduce((s, col) => s + (pick(col)?.lowCents ?? 0), 0),
        highCents: columns.reduce((s, col) => s + (pick(col)?.highCents ?? 0), 0),
        lowParts: byTeam((col) => pick(col)?.lowCents ?? 0, true),
        highParts: byTeam((col) => pick(col)?.highCents ?? 0, true),
      };
    });
  const workBudgetReturns = sumLine(
    'work_budget_returns',
    (col) => col.savings.workBudgetReturns,
    true,
  );
  const lowCents = workBudgetReturns.cents + avoided.reduce((s, a) => s + a.lowCents, 0);
  const highCents = workBudgetReturns.cents + avoided.reduce((s, a) => s + a.highCents, 0);
  const trajectories = columns.reduce((s, col) => s + col.reach.trajectories, 0);
  const residentsReached = f.residents.get(null) ?? 0;
  const codes = [...new Set(c.allTeams.flatMap((t) => t.neighbourhoodCodes))].sort();
  const area = inhabitantsOf(c, f.year, codes);
  const referrals = sumLine('referrals_made', (col) => col.referralsMade, true);
  // Each team reports the same missing execution budget; say it once.
  const missing = [
    ...new Map(columns.flatMap((col) => col.missing).map((m) => [m.nl, m])).values(),
  ];
  return {
    year: f.year,
    teamId: null,
    teamName: 'Alle teams',
    through: f.through,
    costs: { lines: costs, totalCents: costCents },
    reach: { trajectories, residentsReached, ...area },
    perTrajectoryCents: perUnit(costCents, trajectories),
    perResidentCents: perUnit(costCents, residentsReached),
    perInhabitantCents: perUnit(costCents, area.inhabitants),
    savings: {
      closedWithoutSpecialistCare: columns.reduce(
        (s, col) => s + col.savings.closedWithoutSpecialistCare,
        0,
      ),
      closedTrajectories: columns.reduce((s, col) => s + col.savings.closedTrajectories, 0),
      workBudgetReturns,
      avoided,
      lowCents,
      highCents,
    },
    referralsMade: {
      ...referrals,
      count: columns.reduce((s, col) => s + col.referralsMade.count, 0),
    },
    balanceLowCents: lowCents - costCents,
    balanceHighCents: highCents - costCents,
    missing,
    complete: missing.length === 0,
  };
}

export interface BusinessCaseQuery {
  fromYear?: number | undefined;
  toYear?: number | undefined;
  teamId?: string | undefined;
}

export function buildBusinessCase(
  ctx: ServiceContext,
  query: BusinessCaseQuery,
  options: { export?: boolean } = {},
): Promise<BusinessCase> {
  const today = todayInAmsterdam();
  const toYear = query.toYear ?? Number(today.slice(0, 4));
  const fromYear = query.fromYear ?? toYear - 2;
  if (fromYear > toYear || toYear - fromYear >= 6) {
    throw invalidField(
      'fromYear',
      'must be at or before toYear, at most 6 years in all',
      'moet op of voor toYear liggen, hoogstens 6 jaar in totaal',
    );
  }
  const { municipalityId } = ctx.actor;
  // A report over years: planned for its actual dates (see TenantScope.customPlans).
  return inTenant(ctx.db, { municipalityId, teamIds: [], customPlans: true }, async (trx) => {
    const all = (await teamRepository.list(trx, municipalityId)).map((t) => ({
      id: t.id,
      name: t.name,
      neighbourhoodCodes: t.neighbourhood_codes,
    }));
    // The municipality sees every team; a team lead only their own.
    const allowed =
      ctx.actor.role === 'municipality' ? all : all.filter((t) => ctx.actor.teamIds.includes(t.id));
    const chosen = query.teamId ? allowed.filter((t) => t.id === query.teamId) : allowed;
    if (query.teamId && chosen.length === 0) throw notFound();
    const cityWide = ctx.actor.role === 'municipality' && !query.teamId;
    const areas = await trx
      .selectFrom('neighbourhoods')
      .select(['code', 'name'])
      .where('municipality_id', '=', municipalityId)
      .execute();
    const organisations = await trx
      .selectFrom('organisations')
      .select(['id', 'name'])
      .where('municipality_id', '=', municipalityId)
      .execute();
    const inhabitants = await trx
      .selectFrom('neighbourhood_inhabitants')
      .select(['neighbourhood_code as code', 'year', 'inhabitants as n'])
      .where('municipality_id', '=', municipalityId)
      .execute();
    const history = await staffHistory(trx, municipalityId);
    const c: Context = {
      prices: await loadPrices(trx, municipalityId),
      assumptions: await loadAssumptions(trx, municipalityId),
      organisationNames: new Map(organisations.map((o) => [o.id, o.name])),
      staff: history.counted,
      staffKnownFrom: history.knownFrom,
      allTeams: all,
      inhabitants,
      areaNames: new Map(areas.map((a) => [a.code, a.name])),
    };
    // Aggregation reads the chosen teams' case tables; nothing but counts leaves this function.
    const teamIds = chosen.map((t) => t.id);
    await setScope(trx, { municipalityId, teamIds });
    const columns: Column[] = [];
    const factsByYear = await factsOfYears(trx, municipalityId, teamIds, fromYear, toYear, today);
    for (let year = fromYear; year <= toYear; year++) {
      const facts = factsByYear.get(year)!;
      const perTeam = chosen.map((team) => teamColumn(c, facts, team));
      if (cityWide) columns.push(cityColumn(c, facts, perTeam));
      columns.push(...perTeam);
    }
    await audit(trx, ctx, {
      action: options.export ? 'business_case.export' : 'business_case.read',
      objectType: 'business_case',
      reason: `${fromYear}..${toYear}${query.teamId ? ` team ${query.teamId}` : ''}`,
    });
    return {
      years: Array.from({ length: toYear - fromYear + 1 }, (_, i) => fromYear + i),
      cityWide,
      columns,
      assumptions: c.assumptions,
    };
  });
}
