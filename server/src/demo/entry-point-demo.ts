// Demo records for the entry point, relative to today, so that the team's home page shows a
// team in the middle of its work: a short waiting list, questions awaiting triage, trajectories
// opened, advice given, and partner signals to follow up. All people are invented.
import { setScope, type Trx } from '../platform/db.js';
import { newId } from '../platform/ids.js';
import type { RegistrationSource, SignalKind, TriageOutcome } from '../db/schema.js';

const hoursAgo = (hours: number) => new Date(Date.now() - hours * 3_600_000);

/** The partner organisation that sends the demo's signal lists (see seed.ts). */
export const DEMO_SIGNAL_SENDER = 'Gemeente Maastricht';

interface DemoPerson {
  given: string;
  family: string;
  born: string;
}

interface DemoCase {
  team: 'noordwest' | 'oost';
  buurt: string;
  address: { postcode: string; number: number; street: string; letter?: string };
  people: DemoPerson[];
  source: RegistrationSource;
  receivedHoursAgo: number;
  question: string;
  domains: string[];
  firstContactHoursAgo?: number;
  triage?: { outcome: TriageOutcome; referredTo?: string; reason?: string; by: string };
  coordinator?: string;
}

const CASES: DemoCase[] = [
  {
    team: 'noordwest',
    buurt: 'BU09350205',
    address: { postcode: '6216AB', number: 12, street: 'Caberglaan' },
    people: [
      { given: 'Jolanda', family: 'Brouwers', born: '1971-04-12' },
      { given: 'Kevin', family: 'Brouwers', born: '2004-09-30' },
    ],
    source: 'housing_corporation',
    receivedHoursAgo: 24 * 40,
    firstContactHoursAgo: 24 * 38,
    question:
      'Ik heb een huurachterstand en durf de post niet meer open te maken. Mijn zoon zit thuis sinds hij van school is.',
    domains: ['finances', 'housing', 'work_and_education'],
    triage: { outcome: 'multiple_problems', by: 'worker@maastricht.demo' },
    coordinator: 'worker@maastricht.demo',
  },
  {
    team: 'noordwest',
    buurt: 'BU09350204',
    address: { postcode: '6216CK', number: 41, street: 'Malpertuisplein' },
    people: [
      { given: 'Ricardo', family: 'Pinas', born: '1983-02-01' },
      { given: 'Naomi', family: 'Pinas', born: '1986-07-19' },
      { given: 'Jayden', family: 'Pinas', born: '2015-03-03' },
    ],
    source: 'school',
    receivedHoursAgo: 24 * 75,
    firstContactHoursAgo: 24 * 73,
    question:
      'School maakt zich zorgen over Jayden; thuis is veel spanning, vader is zijn werk kwijt.',
    domains: ['parenting', 'domestic_relations', 'finances'],
    triage: { outcome: 'multiple_problems', by: 'm.bouzid@maastricht.demo' },
    coordinator: 'm.bouzid@maastricht.demo',
  },
  {
    team: 'noordwest',
    buurt: 'BU09350206',
    address: { postcode: '6216GN', number: 8, street: 'Oude Molenweg' },
    people: [{ given: 'Maria', family: 'Hendrikx', born: '1944-11-02' }],
    source: 'network',
    receivedHoursAgo: 24 * 12,
    firstContactHoursAgo: 24 * 11,
    question:
      'Mijn moeder komt de deur niet meer uit sinds mijn vader overleed. Ze wil graag iemand om mee te praten.',
    domains: ['social_network', 'participation'],
    triage: {
      outcome: 'single_problem',
      referredTo: 'Vrijwilligerscentrale: maatje voor wekelijks bezoek',
      reason: 'volunteer',
      by: 'l.smeets@maastricht.demo',
    },
  },
  {
    team: 'noordwest',
    buurt: 'BU09350200',
    address: { postcode: '6217AE', number: 23, street: 'Brusselseweg', letter: 'B' },
    people: [
      { given: 'Youssef', family: 'El Amrani', born: '1979-05-22' },
      { given: 'Latifa', family: 'El Amrani', born: '1981-01-15' },
    ],
    source: 'work_and_income',
    receivedHoursAgo: 52,
    firstContactHoursAgo: 20,
    question:
      'Uitkering is stopgezet na een gemiste afspraak; gezin met drie kinderen, energie dreigt te worden afgesloten.',
    domains: ['finances', 'housing', 'parenting'],
  },
  {
    team: 'noordwest',
    buurt: 'BU09350204',
    address: { postcode: '6216CB', number: 5, street: 'Pastoor Moorsstraat' },
    people: [{ given: 'Harrie', family: 'Ramakers', born: '1958-08-30' }],
    source: 'housing_corporation',
    receivedHoursAgo: 26,
    question:
      'Corporatie meldt vervuiling van de woning en klachten van buren; meneer reageert niet op brieven.',
    domains: ['housing', 'self_care', 'mental_health'],
  },
  {
    team: 'noordwest',
    buurt: 'BU09350207',
    address: { postcode: '6215EV', number: 102, street: 'Malbergsingel' },
    people: [{ given: 'Sandra', family: 'Bastiaens', born: '1990-12-09' }],
    source: 'self',
    receivedHoursAgo: 3,
    question:
      'Ik ben net gescheiden en weet niet hoe ik alles moet regelen: toeslagen, huur, de kinderen.',
    domains: ['finances', 'domestic_relations'],
  },
  {
    team: 'oost',
    buurt: 'BU09350400',
    address: { postcode: '6222BT', number: 17, street: 'Balijeweg' },
    people: [{ given: 'Fenna', family: 'Dorren', born: '1968-06-06' }],
    source: 'gp',
    receivedHoursAgo: 30,
    question:
      'Huisarts: mevrouw is somber, zit veel alleen thuis en heeft schulden bij de zorgverzekeraar.',
    domains: ['mental_health', 'finances', 'social_network'],
  },
  {
    team: 'oost',
    buurt: 'BU09350402',
    address: { postcode: '6224GR', number: 9, street: 'Edisonstraat' },
    people: [{ given: 'Tarik', family: 'Öztürk', born: '1975-10-10' }],
    source: 'police',
    receivedHoursAgo: 24 * 20,
    firstContactHoursAgo: 24 * 19,
    question: 'Wijkagent: meneer is verward en dreigt zijn woning kwijt te raken.',
    domains: ['mental_health', 'housing'],
    triage: { outcome: 'multiple_problems', by: 'worker2@maastricht.demo' },
    coordinator: 'worker2@maastricht.demo',
  },
];

const ADVICE_ONLY = [
  {
    hoursAgo: 24 * 2,
    question: 'Waar kan ik hulp krijgen bij het aanvragen van huurtoeslag?',
    domains: ['finances'],
  },
  {
    hoursAgo: 24 * 6,
    question: 'Is er in Caberg een koffieochtend voor ouderen?',
    domains: ['social_network'],
  },
  {
    hoursAgo: 24 * 15,
    question: 'Vraag over de vergoeding van een scootmobiel via de Wmo.',
    domains: ['daily_activities'],
  },
];

const SIGNALS: {
  kind: SignalKind;
  ref: string;
  daysAgo: number;
  postcode: string;
  number: number;
  family: string | null;
  cents: number | null;
  note: string | null;
  status?: 'not_reached';
}[] = [
  {
    kind: 'rent_arrears',
    ref: 'MVS-2026-1101',
    daysAgo: 6,
    postcode: '6216CB',
    number: 5,
    family: 'Ramakers',
    cents: 148_000,
    note: 'Drie maanden achterstand',
  },
  {
    kind: 'energy_debt',
    ref: 'ENX-55810',
    daysAgo: 5,
    postcode: '6216CB',
    number: 5,
    family: null,
    cents: 32_500,
    note: null,
  },
  {
    kind: 'rent_arrears',
    ref: 'MVS-2026-1102',
    daysAgo: 6,
    postcode: '6216BX',
    number: 30,
    family: 'Vossen',
    cents: 84_200,
    note: 'Twee maanden achterstand',
  },
  {
    kind: 'energy_debt',
    ref: 'ENX-55811',
    daysAgo: 4,
    postcode: '6215AL',
    number: 3,
    family: 'Lemmens',
    cents: 51_000,
    note: 'Afsluiting aangekondigd',
  },
  {
    kind: 'confused_behaviour',
    ref: 'POL-2026-318',
    daysAgo: 2,
    postcode: '6217BG',
    number: 14,
    family: null,
    cents: null,
    note: 'Buren melden nachtelijk geschreeuw',
  },
  {
    kind: 'water_debt',
    ref: 'WML-9921',
    daysAgo: 20,
    postcode: '6216DA',
    number: 77,
    family: 'Coumans',
    cents: 18_900,
    note: null,
    status: 'not_reached',
  },
];

export async function seedEntryPoint(
  trx: Trx,
  municipalityId: string,
  teamIds: Map<string, string>,
  staffByEmail: Map<string, string>,
): Promise<void> {
  await setScope(trx, { municipalityId, teamIds: [...teamIds.values()] });
  const staff = (email: string) => staffByEmail.get(email) ?? '';
  for (const demo of CASES) {
    const teamId = teamIds.get(demo.team) ?? '';
    const householdId = newId();
    await trx
      .insertInto('households')
      .values({
        municipality_id: municipalityId,
        id: householdId,
        team_id: teamId,
        postcode: demo.address.postcode,
        house_number: demo.address.number,
        house_letter: demo.address.letter ?? null,
        house_number_addition: null,
        street: demo.address.street,
        city: 'Maastricht',
        neighbourhood_code: demo.buurt,
      })
      .execute();
    const residentIds = demo.people.map(() => newId());
    await trx
      .insertInto('residents')
      .values(
        demo.people.map((p, i) => ({
          municipality_id: municipalityId,
          id: residentIds[i] ?? '',
          household_id: householdId,
          given_name: p.given,
          family_name: p.family,
          birth_date: p.born,
          bsn_hash: null,
          bsn_masked: null,
          phone: null,
          email: null,
        })),
      )
      .execute();
    const registrationId = newId();
    let trajectoryId: string | null = null;
    if (demo.coordinator) {
      trajectoryId = newId();
      await trx
        .insertInto('trajectories')
        .values({
          municipality_id: municipalityId,
          id: trajectoryId,
          household_id: householdId,
          team_id: teamId,
          coordinator_id: staff(demo.coordinator),
          registration_id: registrationId,
          opened_at: hoursAgo((demo.firstContactHoursAgo ?? demo.receivedHoursAgo) - 24),
        })
        .execute();
    }
    const contacted = demo.firstContactHoursAgo !== undefined;
    await trx
      .insertInto('registrations')
      .values({
        municipality_id: municipalityId,
        id: registrationId,
        team_id: teamId,
        household_id: householdId,
        resident_id: residentIds[0] ?? null,
        source: demo.source,
        received_at: hoursAgo(demo.receivedHoursAgo),
        question: demo.question,
        life_domains: demo.domains,
        status: demo.triage ? 'triaged' : contacted ? 'contacted' : 'new',
        first_contact_at: contacted ? hoursAgo(demo.firstContactHoursAgo ?? 0) : null,
        first_contact_kind: contacted ? 'home_visit' : null,
        triage_outcome: demo.triage?.outcome ?? null,
        triage_reason: demo.triage?.reason ?? null,
        referred_to: demo.triage?.referredTo ?? null,
        triage_note: null,
        triaged_at: demo.triage ? hoursAgo((demo.firstContactHoursAgo ?? 0) - 24) : null,
        triaged_by: demo.triage ? staff(demo.triage.by) : null,
        trajectory_id: trajectoryId,
        created_by: staff(
          demo.team === 'oost' ? 'worker2@maastricht.demo' : 'worker@maastricht.demo',
        ),
      })
      .execute();
    if (demo.triage?.outcome === 'single_problem') {
      await trx
        .insertInto('referrals')
        .values({
          municipality_id: municipalityId,
          id: newId(),
          team_id: teamId,
          registration_id: registrationId,
          household_id: householdId,
          kind: 'volunteer',
          referred_to: demo.triage.referredTo ?? '',
          note: null,
          created_by: staff(demo.triage.by),
        })
        .execute();
    }
  }

  const noordwest = teamIds.get('noordwest') ?? '';
  for (const advice of ADVICE_ONLY) {
    const at = hoursAgo(advice.hoursAgo);
    await trx
      .insertInto('registrations')
      .values({
        municipality_id: municipalityId,
        id: newId(),
        team_id: noordwest,
        household_id: null,
        resident_id: null,
        source: 'self',
        received_at: at,
        question: advice.question,
        life_domains: advice.domains,
        status: 'triaged',
        first_contact_at: at,
        first_contact_kind: 'office',
        triage_outcome: 'advice_only',
        triaged_at: at,
        triaged_by: staff('worker@maastricht.demo'),
        created_by: staff('worker@maastricht.demo'),
      })
      .execute();
  }

  // The list's sender: the municipality, whose early-warning desk (vroegsignalering) receives the
  // payment arrears of the housing corporations, energy and water companies and passes them on
  // with its meldpunt's reports. A signal's duplicate key includes its sender.
  const { id: senderId } = await trx
    .selectFrom('organisations')
    .select('id')
    .where('municipality_id', '=', municipalityId)
    .where('name', '=', DEMO_SIGNAL_SENDER)
    .executeTakeFirstOrThrow();
  const importId = newId();
  const known = await trx
    .selectFrom('households')
    .select(['id', 'postcode', 'house_number', 'neighbourhood_code'])
    .where('municipality_id', '=', municipalityId)
    .execute();
  await trx
    .insertInto('signals')
    .values(
      SIGNALS.map((s) => {
        const household = known.find(
          (h) => h.postcode === s.postcode && h.house_number === s.number,
        );
        return {
          municipality_id: municipalityId,
          id: newId(),
          team_id: noordwest,
          import_id: importId,
          organisation_id: senderId,
          kind: s.kind,
          reference: s.ref,
          received_at: hoursAgo(s.daysAgo * 24),
          postcode: s.postcode,
          house_number: s.number,
          house_letter: null,
          house_number_addition: null,
          family_name: s.family,
          amount_cents: s.cents,
          note: s.note,
          household_id: household?.id ?? null,
          neighbourhood_code: household?.neighbourhood_code ?? 'BU09350205',
          status: s.status ?? 'open',
          outreach_at: s.status ? hoursAgo(24 * 15) : null,
          outreach_by: s.status ? staff('worker@maastricht.demo') : null,
        };
      }),
    )
    .execute();
  await trx
    .insertInto('signal_imports')
    .values({
      municipality_id: municipalityId,
      id: importId,
      team_id: noordwest,
      imported_by: staff('teamlead@maastricht.demo'),
      organisation_id: senderId,
      file_sha256: 'demo',
      lines: SIGNALS.length,
      imported: SIGNALS.length,
      duplicates: 0,
      rejected: 0,
    })
    .execute();
}
