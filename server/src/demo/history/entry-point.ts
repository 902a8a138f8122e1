// The entry-point module of the synthetic city: registrations over the years of history with
// their households and residents, first contact, triage (advice, referral, trajectory), the
// trajectories that triage opens, referrals, and partner signals with their outreach outcome.
// Every resident lives at an invented address in a buurt of its team's working area.
import { FIGURES, type CityPlan } from './plan.js';
import type { Random } from './random.js';
import { inScope, insertRows, type Column, type Value, type Target } from './sql.js';
import type { Organisation, Team, Worker } from './organisation.js';
import { FAMILY_NAMES, GIVEN_NAMES, LIFE_DOMAINS, QUESTIONS } from './words.js';

const DAY = 86_400_000;

export interface KnownAddress {
  householdId: string;
  teamId: string;
  postcode: string;
  houseNumber: number;
  houseLetter: string | null;
  familyName: string;
}

/** A generated trajectory, for the modules that hang plans, contacts and measurements on it. */
export interface GeneratedTrajectory {
  id: string;
  teamId: string;
  householdId: string;
  /** The household's first member: the resident the registration was about. */
  residentId: string;
  coordinatorId: string;
  status: 'open' | 'follow_up' | 'aftercare' | 'closed';
  scaleLevel: 'team' | 'specialist_task';
  openedAt: number;
  /** Null while open (or following up). */
  closedAt: number | null;
  /** Null while open: a closure is complete or none (check trajectories_closure_complete). */
  outcome: keyof typeof OUTCOMES | null;
}

/** How trajectories end (assumption): shares of closures by outcome. */
export const OUTCOMES = {
  goals_achieved: 45,
  partly_achieved: 25,
  not_achieved: 8,
  moved_away: 7,
  stopped_by_resident: 10,
  handed_over: 5,
} as const;

export interface EntryPointResult {
  /** Household ids per team id, for the "open a household" scenario. */
  householdsByTeam: Map<string, string[]>;
  /** Every trajectory, in order of team and opening. */
  trajectories: GeneratedTrajectory[];
  /** A sample of known addresses, for signal lists that hit known households. */
  knownAddresses: KnownAddress[];
  counts: Record<string, number>;
}

interface Household {
  id: string;
  createdAt: number;
  mainResidentId: string;
  familyName: string;
  postcode: string;
  houseNumber: number;
  houseLetter: string | null;
  neighbourhoodCode: string;
  /** Until when it has an open trajectory or an untriaged registration (ms; Infinity = still). */
  busyUntil: number;
}

const isWeekend = (ms: number) => {
  const day = new Date(ms).getUTCDay();
  return day === 0 || day === 6;
};

/** `days` working days after `from`, at a time within working hours (08:00-16:00 UTC). */
function addWorkingDays(rng: Random, from: number, days: number): number {
  const whole = Math.floor(days);
  if (whole === 0) return from + (days % 1) * 8 * 3_600_000;
  let at = Math.floor(from / DAY) * DAY;
  for (let left = whole; left > 0;) {
    at += DAY;
    if (!isWeekend(at)) left--;
  }
  return at + 8 * 3_600_000 + rng.next() * 8 * 3_600_000;
}

/** A moment in [start, end): mostly on working days during office hours. */
function receivedAt(rng: Random, start: number, end: number): number {
  for (;;) {
    const day = start + Math.floor(rng.next() * ((end - start) / DAY)) * DAY;
    if (isWeekend(day) && !rng.chance(0.15)) continue;
    const hour = rng.chance(0.9) ? 7 + rng.next() * 10 : rng.next() * 24;
    const at = Math.floor(day / DAY) * DAY + hour * 3_600_000;
    if (at >= start && at < end) return at;
  }
}

const date = (ms: number) => new Date(ms);
const isoDay = (ms: number) => new Date(ms).toISOString().slice(0, 10);

const HOUSEHOLD_COLUMNS: Column[] = [
  { name: 'municipality_id', type: 'uuid' },
  { name: 'id', type: 'uuid' },
  { name: 'team_id', type: 'uuid' },
  { name: 'postcode', type: 'text' },
  { name: 'house_number', type: 'integer' },
  { name: 'house_letter', type: 'text' },
  { name: 'street', type: 'text' },
  { name: 'city', type: 'text' },
  { name: 'neighbourhood_code', type: 'text' },
  { name: 'created_at', type: 'timestamptz' },
  { name: 'updated_at', type: 'timestamptz' },
];
const RESIDENT_COLUMNS: Column[] = [
  { name: 'municipality_id', type: 'uuid' },
  { name: 'id', type: 'uuid' },
  { name: 'household_id', type: 'uuid' },
  { name: 'given_name', type: 'text' },
  { name: 'family_name', type: 'text' },
  { name: 'birth_date', type: 'date' },
  { name: 'phone', type: 'text' },
  { name: 'created_at', type: 'timestamptz' },
  { name: 'updated_at', type: 'timestamptz' },
];
const TRAJECTORY_COLUMNS: Column[] = [
  { name: 'municipality_id', type: 'uuid' },
  { name: 'id', type: 'uuid' },
  { name: 'household_id', type: 'uuid' },
  { name: 'team_id', type: 'uuid' },
  { name: 'coordinator_id', type: 'uuid' },
  { name: 'status', type: 'text' },
  { name: 'scale_level', type: 'text' },
  { name: 'opened_at', type: 'timestamptz' },
  { name: 'closed_at', type: 'timestamptz' },
  { name: 'outcome', type: 'text' },
  { name: 'registration_id', type: 'uuid' },
  { name: 'created_at', type: 'timestamptz' },
  { name: 'updated_at', type: 'timestamptz' },
];
const REGISTRATION_COLUMNS: Column[] = [
  { name: 'municipality_id', type: 'uuid' },
  { name: 'id', type: 'uuid' },
  { name: 'team_id', type: 'uuid' },
  { name: 'household_id', type: 'uuid' },
  { name: 'resident_id', type: 'uuid' },
  { name: 'source', type: 'text' },
  { name: 'received_at', type: 'timestamptz' },
  { name: 'question', type: 'text' },
  { name: 'life_domains', type: 'text[]' },
  { name: 'status', type: 'text' },
  { name: 'first_contact_at', type: 'timestamptz' },
  { name: 'first_contact_kind', type: 'text' },
  { name: 'triage_outcome', type: 'text' },
  { name: 'triage_reason', type: 'text' },
  { name: 'referred_to', type: 'text' },
  { name: 'triaged_at', type: 'timestamptz' },
  { name: 'triaged_by', type: 'uuid' },
  { name: 'trajectory_id', type: 'uuid' },
  { name: 'created_by', type: 'uuid' },
  { name: 'created_at', type: 'timestamptz' },
  { name: 'updated_at', type: 'timestamptz' },
];
const REFERRAL_COLUMNS: Column[] = [
  { name: 'municipality_id', type: 'uuid' },
  { name: 'id', type: 'uuid' },
  { name: 'team_id', type: 'uuid' },
  { name: 'registration_id', type: 'uuid' },
  { name: 'household_id', type: 'uuid' },
  { name: 'kind', type: 'text' },
  { name: 'referred_to', type: 'text' },
  { name: 'created_by', type: 'uuid' },
  { name: 'created_at', type: 'timestamptz' },
];
const SIGNAL_IMPORT_COLUMNS: Column[] = [
  { name: 'municipality_id', type: 'uuid' },
  { name: 'id', type: 'uuid' },
  { name: 'team_id', type: 'uuid' },
  { name: 'imported_by', type: 'uuid' },
  { name: 'organisation_id', type: 'uuid' },
  { name: 'file_sha256', type: 'text' },
  { name: 'lines', type: 'integer' },
  { name: 'imported', type: 'integer' },
  { name: 'duplicates', type: 'integer' },
  { name: 'rejected', type: 'integer' },
  { name: 'created_at', type: 'timestamptz' },
];
const SIGNAL_COLUMNS: Column[] = [
  { name: 'municipality_id', type: 'uuid' },
  { name: 'id', type: 'uuid' },
  { name: 'team_id', type: 'uuid' },
  { name: 'import_id', type: 'uuid' },
  { name: 'organisation_id', type: 'uuid' },
  { name: 'kind', type: 'text' },
  { name: 'reference', type: 'text' },
  { name: 'received_at', type: 'timestamptz' },
  { name: 'postcode', type: 'text' },
  { name: 'house_number', type: 'integer' },
  { name: 'house_letter', type: 'text' },
  { name: 'family_name', type: 'text' },
  { name: 'amount_cents', type: 'bigint' },
  { name: 'household_id', type: 'uuid' },
  { name: 'neighbourhood_code', type: 'text' },
  { name: 'status', type: 'text' },
  { name: 'outreach_at', type: 'timestamptz' },
  { name: 'outreach_by', type: 'uuid' },
  { name: 'created_at', type: 'timestamptz' },
];

const REFERRED_TO = {
  volunteer: ['Vrijwilligerscentrale: maatje', 'Taalmaatje', 'Thuisadministratie (vrijwilliger)'],
  collective: ['Inloopspreekuur geldzaken', 'Koffieochtend in de buurt', 'Lotgenotengroep'],
  specialist: ['Schuldhulpverlening', 'GGZ-behandeling', 'Verslavingszorg'],
} as const;
const OUT_OF_SCOPE = [
  'medical_treatment',
  'personal_care_household_help',
  'acute_crisis_care',
  'debt_settlement_budget_management',
] as const;
const SIGNAL_PREFIX = {
  rent_arrears: 'HUUR',
  energy_debt: 'ENR',
  water_debt: 'WTR',
  health_insurance_debt: 'ZVW',
  confused_behaviour: 'POL',
  gp_signal: 'HA',
} as const;
const MEAN_AMOUNT_EUR = {
  rent_arrears: 1400,
  energy_debt: 600,
  water_debt: 200,
  health_insurance_debt: 900,
} as const;

/** Mean trajectory length so that FIGURES.closedWithinYear of them end within 365 days. */
const MEAN_TRAJECTORY_DAYS = 365 / Math.log(1 / (1 - FIGURES.closedWithinYear));

function pickWorker(rng: Random, team: Team): Worker {
  return rng.pick(team.workers);
}

/** Days before the anchor day that an open trajectory of a worker with a short caseload began. */
export const OLDER_OPEN_DAYS = 60;

/**
 * The coordinator of a trajectory: any worker of the team, except that a worker with an
 * `openCaseload` (the demo's own logins, who keep a short, readable list) gets only a few of the
 * trajectories still open on the anchor day, older ones; another open one goes to a colleague.
 */
function pickCoordinator(
  rng: Random,
  team: Team,
  closed: boolean,
  openedAt: number,
  anchor: number,
  openCount: Map<string, number>,
): Worker {
  const worker = pickWorker(rng, team);
  if (closed || worker.openCaseload === undefined) return worker;
  const used = openCount.get(worker.id) ?? 0;
  if (used < worker.openCaseload && anchor - openedAt >= OLDER_OPEN_DAYS * DAY) {
    openCount.set(worker.id, used + 1);
    return worker;
  }
  const others = team.workers.filter((w) => w.openCaseload === undefined);
  return others.length > 0 ? rng.pick(others) : worker;
}

function lifeDomains(rng: Random): string[] {
  const n = rng.int(1, 4);
  const chosen = new Set<string>();
  while (chosen.size < n) chosen.add(rng.pick(LIFE_DOMAINS));
  return [...chosen];
}

function birthDate(rng: Random, anchor: number, minAge: number, maxAge: number): string {
  return isoDay(anchor - (minAge + rng.next() * (maxAge - minAge)) * 365.25 * DAY);
}

interface TeamRows {
  households: Value[][];
  residents: Value[][];
  trajectories: Value[][];
  registrations: Value[][];
  referrals: Value[][];
  signalImports: Value[][];
  signals: Value[][];
}

function generateTeam(
  rng: Random,
  plan: CityPlan,
  org: Organisation,
  team: Team,
  start: number,
  anchor: number,
  known: KnownAddress[],
): { rows: TeamRows; householdIds: string[]; trajectories: GeneratedTrajectory[] } {
  const m = org.municipalityId;
  const rows: TeamRows = {
    households: [],
    residents: [],
    trajectories: [],
    registrations: [],
    referrals: [],
    signalImports: [],
    signals: [],
  };
  const households: Household[] = [];
  const trajectories: GeneratedTrajectory[] = [];
  const openCount = new Map<string, number>();
  const clientsPerYear = team.fte * FIGURES.clientsPerFteYear;
  const multipleShare = FIGURES.triageMix.multiple_problems;
  const registrationCount = Math.round(
    (clientsPerYear * plan.years) / ((1 - FIGURES.adviceOnlyShare) * multipleShare),
  );
  const times = Array.from({ length: registrationCount }, () => receivedAt(rng, start, anchor));
  times.sort((a, b) => a - b);

  const newHousehold = (at: number): Household => {
    const buurt = rng.pick(team.buurten);
    const address = rng.pick(buurt.postcodes);
    const familyName = rng.pick(FAMILY_NAMES);
    const household: Household = {
      id: rng.uuidv7(at),
      createdAt: at,
      mainResidentId: '',
      familyName,
      postcode: address.postcode,
      houseNumber: rng.int(1, 120),
      houseLetter: rng.chance(0.05) ? rng.pick(['A', 'B', 'C', 'D']) : null,
      neighbourhoodCode: buurt.code,
      busyUntil: 0,
    };
    rows.households.push([
      m,
      household.id,
      team.id,
      household.postcode,
      household.houseNumber,
      household.houseLetter,
      address.street,
      plan.name,
      buurt.code,
      date(at),
      date(at),
    ]);
    const size = Number(rng.weighted(FIGURES.householdSize));
    const adultAge = 18 + rng.exponential(22);
    for (let i = 0; i < size; i++) {
      const id = rng.uuidv7(at);
      if (i === 0) household.mainResidentId = id;
      const born =
        i === 0
          ? birthDate(rng, at, Math.min(adultAge, 95), Math.min(adultAge, 95) + 1)
          : i === 1 && size > 1 && rng.chance(0.6)
            ? birthDate(rng, at, Math.max(18, adultAge - 5), Math.min(95, adultAge + 5))
            : birthDate(rng, at, 0, 18);
      rows.residents.push([
        m,
        id,
        household.id,
        rng.pick(GIVEN_NAMES),
        i === 0 || rng.chance(0.8) ? familyName : rng.pick(FAMILY_NAMES),
        born,
        rng.chance(0.6) ? `06${String(rng.int(0, 99_999_999)).padStart(8, '0')}` : null,
        date(at),
        date(at),
      ]);
    }
    households.push(household);
    if (known.length < 50_000 && rng.chance(0.5)) {
      known.push({
        householdId: household.id,
        teamId: team.id,
        postcode: household.postcode,
        houseNumber: household.houseNumber,
        houseLetter: household.houseLetter,
        familyName,
      });
    }
    return household;
  };

  for (const at of times) {
    const id = rng.uuidv7(at);
    const createdBy = pickWorker(rng, team).id;
    const source = rng.weighted(FIGURES.sources);
    const question = rng.pick(QUESTIONS);
    if (rng.chance(FIGURES.adviceOnlyShare)) {
      // Information and advice: anonymous, first contact and triage at once.
      rows.registrations.push([
        m,
        id,
        team.id,
        null,
        null,
        source,
        date(at),
        question,
        lifeDomains(rng),
        'triaged',
        date(at),
        rng.pick(['phone', 'office', 'office', 'other']),
        'advice_only',
        null,
        null,
        date(at),
        createdBy,
        null,
        createdBy,
        date(at),
        date(at),
      ]);
      continue;
    }
    let household: Household | undefined;
    if (households.length > 0 && rng.chance(FIGURES.returningHousehold)) {
      const candidate = rng.pick(households);
      if (candidate.busyUntil <= at) household = candidate;
    }
    household ??= newHousehold(at);

    const firstContact = addWorkingDays(
      rng,
      at,
      rng.exponential(FIGURES.meanWorkingDaysToFirstContact),
    );
    const triagedAt = addWorkingDays(rng, firstContact, rng.exponential(2));
    const contacted = firstContact < anchor;
    const triaged = triagedAt < anchor;
    const outcome = triaged ? rng.weighted(FIGURES.triageMix) : null;
    const triagedBy = triaged ? pickWorker(rng, team).id : null;
    let trajectoryId: string | null = null;
    let reason: string | null = null;
    let referredTo: string | null = null;
    household.busyUntil = triaged ? Math.max(household.busyUntil, triagedAt) : Infinity;

    if (outcome === 'multiple_problems') {
      trajectoryId = rng.uuidv7(triagedAt);
      const closedAt = triagedAt + rng.exponential(MEAN_TRAJECTORY_DAYS) * DAY;
      const closed = closedAt < anchor;
      const status = closed ? 'closed' : rng.weighted({ open: 70, follow_up: 15, aftercare: 15 });
      // Aftercare: closed recently, with aftercare until a day after the anchor. The row is
      // inserted with its closing day and outcome, as the app closes one (all three at once).
      const closedOn = closed
        ? closedAt
        : status === 'aftercare'
          ? Math.max(triagedAt + 0.5 * (anchor - triagedAt), anchor - rng.int(1, 60) * DAY)
          : null;
      const trajectoryOutcome = closedOn === null ? null : rng.weighted(OUTCOMES);
      household.busyUntil = closed ? closedAt : Infinity;
      const coordinatorId = pickCoordinator(rng, team, closed, triagedAt, anchor, openCount).id;
      const scaleLevel = rng.chance(FIGURES.handledByTeam) ? 'team' : 'specialist_task';
      trajectories.push({
        id: trajectoryId,
        teamId: team.id,
        householdId: household.id,
        residentId: household.mainResidentId,
        coordinatorId,
        status,
        scaleLevel,
        openedAt: triagedAt,
        closedAt: closedOn,
        outcome: trajectoryOutcome,
      });
      rows.trajectories.push([
        m,
        trajectoryId,
        household.id,
        team.id,
        coordinatorId,
        status,
        scaleLevel,
        date(triagedAt),
        closedOn === null ? null : date(closedOn),
        trajectoryOutcome,
        id,
        date(triagedAt),
        date(closedOn ?? triagedAt),
      ]);
    } else if (outcome !== null) {
      let kind: string;
      if (outcome === 'single_problem') {
        const route = rng.weighted({ volunteer: 40, collective: 25, specialist: 35 });
        kind = route;
        reason = route;
        referredTo = rng.pick(REFERRED_TO[route]);
      } else if (outcome === 'youth_family') {
        kind = 'youth_family_team';
        referredTo = 'Jeugd- en gezinsteam';
      } else {
        kind = 'warm_referral';
        reason = rng.pick(OUT_OF_SCOPE);
        referredTo = 'Warme overdracht aan de juiste organisatie';
      }
      rows.referrals.push([
        m,
        rng.uuidv7(triagedAt),
        team.id,
        id,
        household.id,
        kind,
        referredTo,
        triagedBy,
        date(triagedAt),
      ]);
    }
    const updated = triaged ? triagedAt : contacted ? firstContact : at;
    rows.registrations.push([
      m,
      id,
      team.id,
      household.id,
      household.mainResidentId,
      source,
      date(at),
      question,
      lifeDomains(rng),
      triaged ? 'triaged' : contacted ? 'contacted' : 'new',
      contacted ? date(firstContact) : null,
      contacted ? rng.pick(['home_visit', 'home_visit', 'phone', 'office']) : null,
      outcome,
      reason,
      referredTo,
      triaged ? date(triagedAt) : null,
      triagedBy,
      trajectoryId,
      createdBy,
      date(at),
      date(updated),
    ]);
  }

  // Partner signals for the team's area, imported month by month, one list per sender (see
  // Organisation.signalSenders).
  const signalCount = Math.round(clientsPerYear * plan.years * FIGURES.signalsPerClient);
  const signalTimes = Array.from({ length: signalCount }, () => receivedAt(rng, start, anchor));
  signalTimes.sort((a, b) => a - b);
  const senderOf = (kind: keyof typeof SIGNAL_PREFIX) =>
    kind === 'rent_arrears' ? org.signalSenders.rentArrears : org.signalSenders.otherKinds;
  const imports = new Map<
    string,
    { id: string; organisationId: string; lines: number; at: number }
  >();
  let householdsBefore = 0;
  signalTimes.forEach((at, n) => {
    while (
      householdsBefore < households.length &&
      (households[householdsBefore]?.createdAt ?? 0) <= at
    )
      householdsBefore++;
    const kind = rng.weighted(FIGURES.signalKinds);
    const organisationId = senderOf(kind);
    const month = `${isoDay(at).slice(0, 7)}|${organisationId}`;
    let batch = imports.get(month);
    if (!batch) {
      batch = { id: rng.uuidv7(at), organisationId, lines: 0, at };
      imports.set(month, batch);
    }
    batch.lines++;
    const household =
      householdsBefore > 0 && rng.chance(FIGURES.signalAtKnownHousehold)
        ? households[rng.int(0, householdsBefore - 1)]
        : undefined;
    const buurt = rng.pick(team.buurten);
    const address = household
      ? {
          postcode: household.postcode,
          number: household.houseNumber,
          letter: household.houseLetter,
        }
      : { postcode: rng.pick(buurt.postcodes).postcode, number: rng.int(1, 120), letter: null };
    const neighbourhood = household ? household.neighbourhoodCode : buurt.code;
    const recent = anchor - at < 30 * DAY;
    const outreachAt = at + rng.exponential(12) * DAY;
    const handled =
      outreachAt < anchor &&
      (recent ? rng.chance(0.3) : rng.chance(plan.olderSignalsHandled ?? 0.97));
    const mean =
      kind in MEAN_AMOUNT_EUR ? MEAN_AMOUNT_EUR[kind as keyof typeof MEAN_AMOUNT_EUR] : 0;
    rows.signals.push([
      m,
      rng.uuidv7(at),
      team.id,
      batch.id,
      organisationId,
      kind,
      `${SIGNAL_PREFIX[kind]}-${team.key}-${n + 1}`,
      date(at),
      address.postcode,
      address.number,
      address.letter,
      household ? household.familyName : rng.chance(0.5) ? rng.pick(FAMILY_NAMES) : null,
      mean > 0 ? Math.round((50 + rng.exponential(mean)) * 100) : null,
      household?.id ?? null,
      neighbourhood,
      handled ? rng.weighted(FIGURES.outreachOutcomes) : 'open',
      handled ? date(outreachAt) : null,
      handled ? pickWorker(rng, team).id : null,
      date(at),
    ]);
  });
  for (const batch of imports.values()) {
    rows.signalImports.push([
      m,
      batch.id,
      team.id,
      team.lead.id,
      batch.organisationId,
      rng.uuidv7(batch.at).replace(/-/g, '').padEnd(64, '0'),
      batch.lines,
      batch.lines,
      0,
      0,
      date(batch.at),
    ]);
  }
  return { rows, householdIds: households.map((h) => h.id), trajectories };
}

export async function generateEntryPoint(
  target: Target,
  rng: Random,
  plan: CityPlan,
  org: Organisation,
  start: Date,
  anchor: Date,
): Promise<EntryPointResult> {
  const householdsByTeam = new Map<string, string[]>();
  const knownAddresses: KnownAddress[] = [];
  const allTrajectories: GeneratedTrajectory[] = [];
  const counts: Record<string, number> = {};
  const add = (table: string, n: number) => (counts[table] = (counts[table] ?? 0) + n);
  for (const team of org.teams) {
    const { rows, householdIds, trajectories } = generateTeam(
      rng.fork(team.key),
      plan,
      org,
      team,
      start.getTime(),
      anchor.getTime(),
      knownAddresses,
    );
    householdsByTeam.set(team.id, householdIds);
    for (const t of trajectories) allTrajectories.push(t);
    // One transaction per team, scoped to that team as the app's own writes are.
    await inScope(target, { municipalityId: org.municipalityId, teamIds: [team.id] }, async (c) => {
      // Fresh statistics before the rows that refer to these: the foreign-key checks' plans are
      // cached per connection, and one made while a table was (nearly) empty scans it whole for
      // every checked row (measured: seconds for a few thousand registrations).
      await insertRows(c, 'households', HOUSEHOLD_COLUMNS, rows.households);
      await c.query('analyze households');
      await insertRows(c, 'residents', RESIDENT_COLUMNS, rows.residents);
      await insertRows(c, 'trajectories', TRAJECTORY_COLUMNS, rows.trajectories);
      await c.query('analyze residents, trajectories');
      await insertRows(c, 'registrations', REGISTRATION_COLUMNS, rows.registrations);
      await insertRows(c, 'referrals', REFERRAL_COLUMNS, rows.referrals);
      await insertRows(c, 'signal_imports', SIGNAL_IMPORT_COLUMNS, rows.signalImports);
      await insertRows(c, 'signals', SIGNAL_COLUMNS, rows.signals);
    });
    add('households', rows.households.length);
    add('residents', rows.residents.length);
    add('trajectories', rows.trajectories.length);
    add('registrations', rows.registrations.length);
    add('referrals', rows.referrals.length);
    add('signal_imports', rows.signalImports.length);
    add('signals', rows.signals.length);
  }
  return { householdsByTeam, trajectories: allTrajectories, knownAddresses, counts };
}
