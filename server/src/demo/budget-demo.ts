// Demo werkbudget for this year (after 001: EUR 50,000 plus a top-up from the youth poverty
// budget), a few requests at every stage, and the 2018 execution budget of the college note.
import { sql } from 'kysely';
import type { Trx } from '../platform/db.js';
import { newId } from '../platform/ids.js';

/** The demo's werkbudget of a year (after 001); the history's earlier years have the same shape. */
export const DEMO_WORK_BUDGET = {
  baseCents: 5_000_000,
  topUpSource: 'Armoedebudget jeugd',
  topUpCents: 1_000_000,
  /** Each of the two teams; the rest of base and top-up is the city-wide pot. */
  teamCents: 1_500_000,
  mandateWorkerCents: 25_000,
  mandateTeamLeadCents: 100_000,
} as const;

const daysAgo = (days: number) => new Date(Date.now() - days * 86_400_000);
const dateDaysAgo = (days: number) => daysAgo(days).toISOString().slice(0, 10);

export async function seedBudget(
  trx: Trx,
  municipalityId: string,
  teamIds: Map<string, string>,
  staffByEmail: Map<string, string>,
) {
  const year = Number(
    new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Amsterdam', year: 'numeric' }).format(
      new Date(),
    ),
  );
  const staff = (email: string) => staffByEmail.get(email) ?? '';
  const noordwest = teamIds.get('noordwest') ?? '';
  const oost = teamIds.get('oost') ?? '';
  await trx
    .insertInto('work_budgets')
    .values({
      municipality_id: municipalityId,
      year,
      base_cents: DEMO_WORK_BUDGET.baseCents,
      mandate_worker_cents: DEMO_WORK_BUDGET.mandateWorkerCents,
      mandate_team_lead_cents: DEMO_WORK_BUDGET.mandateTeamLeadCents,
    })
    .execute();
  await trx
    .insertInto('work_budget_top_ups')
    .values({
      municipality_id: municipalityId,
      year,
      position: 0,
      source: DEMO_WORK_BUDGET.topUpSource,
      cents: DEMO_WORK_BUDGET.topUpCents,
    })
    .execute();
  await trx
    .insertInto('work_budget_allocations')
    .values([
      {
        municipality_id: municipalityId,
        year,
        team_id: noordwest,
        cents: DEMO_WORK_BUDGET.teamCents,
      },
      { municipality_id: municipalityId, year, team_id: oost, cents: DEMO_WORK_BUDGET.teamCents },
      {
        municipality_id: municipalityId,
        year,
        team_id: null,
        cents:
          DEMO_WORK_BUDGET.baseCents + DEMO_WORK_BUDGET.topUpCents - 2 * DEMO_WORK_BUDGET.teamCents,
      },
    ])
    .execute();

  const { rows } = await sql<{ id: string; team_id: string; family_name: string }>`
    select t.id, t.team_id, min(r.family_name) as family_name from trajectories t
    join residents r on r.municipality_id = t.municipality_id and r.household_id = t.household_id
    where t.municipality_id = ${municipalityId}::uuid group by t.id, t.team_id`.execute(trx);
  const trajectory = (family: string) => rows.find((r) => r.family_name === family);
  const brouwers = trajectory('Brouwers');
  const pinas = trajectory('Pinas');
  const ozturk = trajectory('Öztürk');
  if (!brouwers || !pinas) return;

  const requests = [
    {
      t: brouwers,
      purpose: 'Fysiotherapie voor Kevin, zodat de knieoperatie en daarna werk mogelijk worden',
      cents: 49_000,
      vat: 'exempt' as const,
      justification:
        'Niet verzekerd voor fysiotherapie door schulden bij de zorgverzekeraar; geen regeling dekt dit.',
      alternatives:
        'Fonds Bijzondere Noden: wachttijd van drie maanden. Familie kan het niet betalen.',
      status: 'paid' as const,
      level: 'team_lead' as const,
      by: 'worker@maastricht.demo',
      decidedBy: 'teamlead@maastricht.demo',
      days: 60,
      paidDays: 55,
      payee: 'Fysiotherapie Caberg',
      ret: {
        social: 'Kevin is geopereerd en werkt sinds oktober bij een fietsenwerkplaats.',
        category: 'work' as const,
        kind: 'bijstandsuitkering stopt',
        monthly: 115_000,
        months: 12,
      },
    },
    {
      t: pinas,
      purpose: 'Tweedehands laptop voor Jayden voor schoolwerk',
      cents: 18_000,
      vat: 'included' as const,
      justification:
        'School vraagt huiswerk online; geen bijzondere bijstand mogelijk binnen de termijn.',
      alternatives: 'Stichting Leergeld: aanvraag loopt nog, school heeft geen leenlaptops meer.',
      status: 'paid' as const,
      level: 'worker' as const,
      by: 'm.bouzid@maastricht.demo',
      decidedBy: 'm.bouzid@maastricht.demo',
      days: 40,
      paidDays: 38,
      payee: 'Kringloop Maastricht',
      ret: {
        social: 'Jayden levert zijn huiswerk weer in; school meldt betere resultaten.',
        category: 'school' as const,
        kind: null,
        monthly: null,
        months: null,
      },
    },
    {
      t: brouwers,
      purpose: 'Overbrugging energierekening om afsluiting te voorkomen',
      cents: 35_000,
      vat: 'included' as const,
      justification: 'Afsluiting over vijf dagen; betalingsregeling start pas volgende maand.',
      alternatives: 'Energieleverancier wil geen uitstel geven; netwerk heeft al bijgedragen.',
      status: 'requested' as const,
      level: 'team_lead' as const,
      by: 'worker@maastricht.demo',
      decidedBy: null,
      days: 1,
      paidDays: null,
      payee: null,
      ret: null,
    },
    ...(ozturk
      ? [
          {
            t: ozturk,
            purpose: 'Verhuiskosten naar een passende woning (eenmalig)',
            cents: 140_000,
            vat: 'included' as const,
            justification:
              'Dreigende huisuitzetting; de corporatie biedt een kleinere woning aan als meneer binnen twee weken verhuist.',
            alternatives:
              'Geen recht op bijzondere bijstand voor verhuiskosten; netwerk is er niet.',
            status: 'requested' as const,
            level: 'municipality' as const,
            by: 'worker2@maastricht.demo',
            decidedBy: null,
            days: 2,
            paidDays: null,
            payee: null,
            ret: null,
          },
        ]
      : []),
  ];
  for (const r of requests) {
    const id = newId();
    await trx
      .insertInto('work_budget_requests')
      .values({
        municipality_id: municipalityId,
        id,
        team_id: r.t.team_id,
        trajectory_id: r.t.id,
        year,
        purpose: r.purpose,
        amount_cents: r.cents,
        vat: r.vat,
        vat_note: null,
        justification: r.justification,
        alternatives_tried: r.alternatives,
        plan_goal: null,
        status: r.status,
        approval_level: r.level,
        requested_by: staff(r.by),
        requested_at: daysAgo(r.days),
        decided_by: r.decidedBy ? staff(r.decidedBy) : null,
        decided_at: r.decidedBy ? daysAgo(r.days - 1) : null,
        decision_note: null,
        paid_on: r.paidDays ? dateDaysAgo(r.paidDays) : null,
        payee: r.payee,
        payment_reference: r.paidDays ? `WB-${year}-${id.slice(-4)}` : null,
        paid_by: r.paidDays ? staff('teamlead@maastricht.demo') : null,
        correction_of: null,
      })
      .execute();
    if (r.ret) {
      await trx
        .insertInto('work_budget_returns')
        .values({
          municipality_id: municipalityId,
          request_id: id,
          team_id: r.t.team_id,
          social: r.ret.social,
          category: r.ret.category,
          financial_kind: r.ret.kind,
          monthly_cents: r.ret.monthly,
          months: r.ret.months,
          recorded_by: staff(r.by),
        })
        .execute();
    }
  }

  // 001's 2018 tables (a plan, nothing realised), and last year for the two demo teams with its
  // realisation, so that the business case has a recorded cost side.
  await insertExecutionBudget(trx, municipalityId, 2018, {
    costs: [
      [
        'Uitvoeringskosten - urenvergoedingen extern',
        33_240_000,
        null,
        'Inclusief, btw is declarabel',
      ],
      ['Uitvoeringskosten - urenvergoedingen SZ WMO', 7_492_500, null, 'Interne geldstroom'],
      ['Uitvoeringskosten - urenvergoedingen SZ Jeugd', 3_746_300, null, 'Interne geldstroom'],
      ['Uitvoeringskosten - organisatiekosten', 3_000_000, null, 'Exclusief'],
      ['Werkbudget', 5_000_000, null, 'Inclusief tenzij het om een geleverde dienst gaat'],
    ],
    coverage: [
      ['Sociale teams klantbudget', 15_000_000, null],
      ['Sociale teams organisatiekosten', 5_333_300, null],
      ['Sociale teams organisatiekosten jeugd', 2_666_700, null],
      ['Innovatiebudget Wmo', 17_200_000, null],
      ['Innovatiebudget jeugd', 7_000_000, null],
      ['Sociale activering', 5_278_800, null],
    ],
  });
  // Invented figures for two teams of about ten fte (costs 964,000 = coverage 964,000).
  await insertExecutionBudget(trx, municipalityId, new Date().getFullYear() - 1, {
    costs: [
      [
        'Uitvoeringskosten - urenvergoedingen extern',
        61_200_000,
        59_835_000,
        'Inclusief, btw is declarabel',
      ],
      ['Uitvoeringskosten - urenvergoedingen SZ WMO', 13_800_000, 13_800_000, 'Interne geldstroom'],
      ['Uitvoeringskosten - urenvergoedingen SZ Jeugd', 6_900_000, 6_642_000, 'Interne geldstroom'],
      ['Uitvoeringskosten - organisatiekosten', 4_500_000, 4_781_000, 'Exclusief'],
      ['Werkbudget', 10_000_000, 3_860_000, 'Inclusief tenzij het om een geleverde dienst gaat'],
    ],
    coverage: [
      ['Sociale teams klantbudget', 30_000_000, 30_000_000],
      ['Sociale teams organisatiekosten', 10_600_000, 10_600_000],
      ['Sociale teams organisatiekosten jeugd', 5_300_000, 5_300_000],
      ['Innovatiebudget Wmo', 33_000_000, 33_000_000],
      ['Innovatiebudget jeugd', 12_500_000, 12_500_000],
      ['Sociale activering', 5_000_000, 5_000_000],
    ],
  });
}

async function insertExecutionBudget(
  trx: Trx,
  municipalityId: string,
  year: number,
  budget: {
    costs: [label: string, cents: number, realised: number | null, vatNote: string][];
    coverage: [source: string, cents: number, realised: number | null][];
  },
) {
  await trx
    .insertInto('execution_budgets')
    .values({ municipality_id: municipalityId, year })
    .execute();
  await trx
    .insertInto('execution_budget_lines')
    .values([
      ...budget.costs.map(([label, cents, realised, vatNote], position) => ({
        municipality_id: municipalityId,
        year,
        side: 'cost' as const,
        position,
        label,
        cents,
        realised_cents: realised,
        vat_note: vatNote,
      })),
      ...budget.coverage.map(([label, cents, realised], position) => ({
        municipality_id: municipalityId,
        year,
        side: 'coverage' as const,
        position,
        label,
        cents,
        realised_cents: realised,
        vat_note: null,
      })),
    ])
    .execute();
}
