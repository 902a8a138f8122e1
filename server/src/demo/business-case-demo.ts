// Demo data for the business case (issue 11). All amounts are DEMO VALUES, plausible for a Dutch
// municipality but not Maastricht's real tariffs: Wmo individual support around EUR 8,000-9,000 a
// year, specialist youth care higher, the social assistance norm for a single adult around
// EUR 1,300 a month. Inhabitants per buurt are invented round figures of a plausible size;
// Limmel has none on purpose, so the screen shows how a missing number is reported. Thuiszorg
// De Mergel has no hourly price on purpose, for the same reason.
import { sql } from 'kysely';
import type { Trx } from '../platform/db.js';
import { newId } from '../platform/ids.js';
import type { ProvisionCategory } from '../db/schema.js';

const currentYear = () =>
  Number(
    new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Amsterdam', year: 'numeric' }).format(
      new Date(),
    ),
  );
const daysAgo = (days: number) => new Date(Date.now() - days * 86_400_000);

const DEMO = 'Demowaarde, geen echt tarief';

const PROVISION_PRICES: [ProvisionCategory, number, string, string | null, string][] = [
  [
    'individual_support',
    840_000,
    '2024-01-01',
    '2025-06-30',
    `${DEMO}: Wmo-begeleiding individueel, 2 uur per week`,
  ],
  [
    'individual_support',
    882_000,
    '2025-07-01',
    null,
    `${DEMO}: Wmo-begeleiding, geïndexeerd per 1 juli 2025`,
  ],
  ['day_activities', 720_000, '2024-01-01', null, `${DEMO}: dagbesteding, 2 dagdelen per week`],
  [
    'supported_housing',
    3_800_000,
    '2024-01-01',
    null,
    `${DEMO}: beschermd wonen, gemiddeld per jaar`,
  ],
  [
    'household_help',
    360_000,
    '2024-01-01',
    null,
    `${DEMO}: hulp bij het huishouden, 3 uur per week`,
  ],
  [
    'specialist_youth_care',
    1_800_000,
    '2024-01-01',
    null,
    `${DEMO}: specialistische jeugdhulp, gemiddeld traject`,
  ],
  [
    'specialist_care',
    1_200_000,
    '2024-01-01',
    null,
    `${DEMO}: tweedelijns GGZ/verslavingszorg, gemiddeld`,
  ],
  [
    'wmo_provision',
    480_000,
    '2024-01-01',
    null,
    `${DEMO}: Wmo-voorziening (vervoer, hulpmiddel), gemiddeld per jaar`,
  ],
];

/** Hourly prices per organisation (by name); Thuiszorg De Mergel is left out on purpose. */
const HOURLY: [string, number, string, string | null, boolean, string][] = [
  ['Welzijn Maasland', 7200, '2024-01-01', '2025-06-30', false, `${DEMO}: subsidiebeschikking`],
  ['Welzijn Maasland', 7550, '2025-07-01', null, false, `${DEMO}: indexatie per 1 juli 2025`],
  ['GGZ Heuvelland', 9800, '2024-01-01', null, false, `${DEMO}: detacheringsovereenkomst`],
  ['Schuldhulp Zuid', 8500, '2024-01-01', null, false, `${DEMO}: detacheringsovereenkomst`],
  [
    'Gemeente Maastricht',
    6800,
    '2024-01-01',
    null,
    true,
    `${DEMO}: urenvergoeding SZ, al in de uitvoeringsbegroting`,
  ],
];

/** Invented inhabitants (CBS year 2024) of the demo teams' buurten; Limmel left out on purpose. */
const INHABITANTS: [string, number][] = [
  ['BU09350200', 3120], // Brusselsepoort
  ['BU09350204', 2480], // Malpertuis
  ['BU09350205', 2950], // Caberg
  ['BU09350206', 1890], // Oud-Caberg
  ['BU09350207', 4610], // Malberg
  ['BU09350400', 3740], // Wyckerpoort
  ['BU09350401', 2210], // Heugemerveld
  ['BU09350402', 3380], // Wittevrouwenveld
  ['BU09350403', 1530], // Nazareth
];

const FAMILY_NAMES = [
  'Bessems',
  'Dautzenberg',
  'Huveneers',
  'Lardinois',
  'Ortmans',
  'Pluymaekers',
  'Schreurs',
  'Vroemen',
  'Moonen',
  'Ackermans',
  'Bormans',
  'Nijsten',
  'Debije',
  'Heijnen',
  'Kicken',
  'Meijers',
  'Notermans',
  'Rompen',
  'Stassen',
  'Thewissen',
];

export async function seedBusinessCase(
  trx: Trx,
  municipalityId: string,
  teamIds: Map<string, string>,
  staffByEmail: Map<string, string>,
) {
  const year = currentYear();
  const organisations = new Map(
    (
      await trx
        .selectFrom('organisations')
        .select(['id', 'name'])
        .where('municipality_id', '=', municipalityId)
        .execute()
    ).map((o) => [o.name, o.id]),
  );
  const prices = [
    ...PROVISION_PRICES.map(([provision, cents, from, to, note]) => ({
      kind: 'provision' as const,
      provision,
      organisation_id: null,
      amount_cents: cents,
      valid_from: from,
      valid_to: to,
      source_note: note,
      in_execution_budget: false,
    })),
    {
      kind: 'benefit' as const,
      provision: null,
      organisation_id: null,
      amount_cents: 131_000,
      valid_from: '2024-01-01',
      valid_to: `${year - 1}-12-31`,
      source_note: `${DEMO}: bijstandsnorm alleenstaande, afgerond`,
      in_execution_budget: false,
    },
    {
      kind: 'benefit' as const,
      provision: null,
      organisation_id: null,
      amount_cents: 135_000,
      valid_from: `${year}-01-01`,
      valid_to: null,
      source_note: `${DEMO}: bijstandsnorm alleenstaande per 1 januari, afgerond`,
      in_execution_budget: false,
    },
    ...HOURLY.flatMap(([name, cents, from, to, inBudget, note]) => {
      const id = organisations.get(name);
      return id
        ? [
            {
              kind: 'organisation_hour' as const,
              provision: null,
              organisation_id: id,
              amount_cents: cents,
              valid_from: from,
              valid_to: to,
              source_note: note,
              in_execution_budget: inBudget,
            },
          ]
        : [];
    }),
  ];
  await trx
    .insertInto('prices')
    .values(
      prices.map((p) => ({
        ...p,
        municipality_id: municipalityId,
        id: newId(),
        updated_at: new Date(),
      })),
    )
    .execute();

  const assumptions = [
    [
      'closed_without_specialist_care',
      'provision',
      'individual_support',
      30,
      50,
      6,
      9,
      'Inschatting beleidsafdeling (demo), naar ervaringen proeftuin',
    ],
    [
      'closed_without_specialist_care',
      'provision',
      'specialist_care',
      10,
      20,
      6,
      12,
      'Inschatting beleidsafdeling (demo)',
    ],
    [
      'closed_trajectories',
      'benefit',
      null,
      5,
      10,
      6,
      12,
      'Inschatting Sociale Zaken (demo): uitkering die stopt of niet start',
    ],
  ] as const;
  await trx
    .insertInto('business_case_assumptions')
    .values(
      assumptions.map(([basis, priceKind, provision, sl, sh, ml, mh, note]) => ({
        municipality_id: municipalityId,
        id: newId(),
        basis,
        price_kind: priceKind,
        provision,
        share_low_percent: sl,
        share_high_percent: sh,
        months_low: ml,
        months_high: mh,
        source_note: note,
        updated_at: new Date(),
      })),
    )
    .execute();

  await trx
    .insertInto('neighbourhood_inhabitants')
    .values(
      INHABITANTS.map(([code, n]) => ({
        municipality_id: municipalityId,
        neighbourhood_code: code,
        year: 2024,
        inhabitants: n,
      })),
    )
    .execute();

  // No execution budget for recent years here: the budget demo owns that table (and its browser
  // test expects 2018 to be the latest year), so the page shows "Geen uitvoeringsbegroting" as
  // missing, which is also what a municipality sees before it records one.

  // Trajectories closed last year and this year (invented households), so that the savings side
  // has something to count. [team, buurt, days before today it closed, without specialist care]
  const coordinator = {
    noordwest: staffByEmail.get('worker@maastricht.demo') ?? '',
    oost: staffByEmail.get('worker2@maastricht.demo') ?? '',
  };
  const closures: ['noordwest' | 'oost', string, number, boolean, number][] = [
    ['noordwest', 'BU09350205', 400, true, 2],
    ['noordwest', 'BU09350204', 380, true, 1],
    ['noordwest', 'BU09350207', 350, false, 3],
    ['noordwest', 'BU09350200', 330, true, 1],
    ['noordwest', 'BU09350206', 300, true, 4],
    ['noordwest', 'BU09350205', 120, true, 2],
    ['noordwest', 'BU09350207', 90, true, 1],
    ['noordwest', 'BU09350204', 60, false, 2],
    ['noordwest', 'BU09350200', 35, true, 3],
    ['oost', 'BU09350400', 390, true, 1],
    ['oost', 'BU09350402', 340, false, 2],
    ['oost', 'BU09350403', 310, true, 3],
    ['oost', 'BU09350404', 100, true, 1],
    ['oost', 'BU09350401', 45, true, 2],
  ];
  let name = 0;
  for (const [team, buurt, closedDaysAgo, without, residents] of closures) {
    const teamId = teamIds.get(team) ?? '';
    const householdId = newId();
    await trx
      .insertInto('households')
      .values({
        municipality_id: municipalityId,
        id: householdId,
        team_id: teamId,
        neighbourhood_code: buurt,
        city: 'Maastricht',
      })
      .execute();
    const familyName = FAMILY_NAMES[name++ % FAMILY_NAMES.length] ?? 'Demo';
    for (let i = 0; i < residents; i++) {
      await trx
        .insertInto('residents')
        .values({
          municipality_id: municipalityId,
          id: newId(),
          household_id: householdId,
          given_name: ['Anja', 'Pieter', 'Lotte', 'Sem'][i] ?? 'Demo',
          family_name: familyName,
        })
        .execute();
    }
    await trx
      .insertInto('trajectories')
      .values({
        municipality_id: municipalityId,
        id: newId(),
        household_id: householdId,
        team_id: teamId,
        coordinator_id: coordinator[team],
        status: 'closed',
        opened_at: daysAgo(closedDaysAgo + 150),
        closed_at: daysAgo(closedDaysAgo),
        outcome: without ? 'goals_achieved' : 'handed_over',
        handled_without_specialist_care: without,
        close_reason: without
          ? 'Doelen bereikt met netwerk en team'
          : 'Overgedragen aan specialistische zorg',
        // Closed as the app closes a file: without a closing ZRM, the worker says why.
        no_closing_measurement_reason: without
          ? 'Bewoner wilde geen afsluitend gesprek'
          : 'Overgedragen aan specialistische zorg',
      })
      .execute();
    if (!without) {
      await sql`insert into referrals (municipality_id, id, team_id, household_id, kind, referred_to, created_by, created_at)
        values (${municipalityId}, ${newId()}, ${teamId}, ${householdId}, 'handover', 'GGZ Heuvelland',
          ${coordinator[team]}, ${daysAgo(closedDaysAgo + 10)})`.execute(trx);
    }
  }
}
