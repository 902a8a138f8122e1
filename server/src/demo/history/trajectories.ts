// The trajectories module of the synthetic city: for every generated trajectory its coordinator,
// status and scale history, a krachtplan with one to three versions (whole JSON snapshots, with the
// changes between them, as the plans service stores them) and the current version's typed actions
// and network, the contact journal, case conferences for about one in ten, and the closure fields
// (outcome, reason, handled without specialist care, aftercare).
import { amsterdamDate } from '../../platform/dates.js';
import { diffPlans } from '../../modules/plans/plan-diff.js';
import type { StoredPlan } from '../../modules/plans/plans.schemas.js';
import type { GeneratedTrajectory, OUTCOMES } from './entry-point.js';
import type { Organisation, Team } from './organisation.js';
import type { Random } from './random.js';
import { inScope, insertRows, updateRows, type Column, type Value, type Target } from './sql.js';
import { FAMILY_NAMES, GIVEN_NAMES, LIFE_DOMAINS } from './words.js';

const DAY = 86_400_000;
const isoDay = (ms: number) => new Date(ms).toISOString().slice(0, 10);

const EVENT_COLUMNS: Column[] = [
  { name: 'municipality_id', type: 'uuid' },
  { name: 'id', type: 'uuid' },
  { name: 'team_id', type: 'uuid' },
  { name: 'trajectory_id', type: 'uuid' },
  { name: 'kind', type: 'text' },
  { name: 'from_value', type: 'text' },
  { name: 'to_value', type: 'text' },
  { name: 'note', type: 'text' },
  { name: 'at', type: 'timestamptz' },
  { name: 'by_staff_id', type: 'uuid' },
];
const VERSION_COLUMNS: Column[] = [
  { name: 'municipality_id', type: 'uuid' },
  { name: 'team_id', type: 'uuid' },
  { name: 'trajectory_id', type: 'uuid' },
  { name: 'version', type: 'integer' },
  { name: 'plan', type: 'jsonb' },
  { name: 'changes', type: 'jsonb' },
  { name: 'saved_at', type: 'timestamptz' },
  { name: 'saved_by', type: 'uuid' },
  { name: 'agreed_on', type: 'date' },
  { name: 'agreement_method', type: 'text' },
  { name: 'agreement_recorded_by', type: 'uuid' },
];
const ACTION_COLUMNS: Column[] = [
  { name: 'municipality_id', type: 'uuid' },
  { name: 'id', type: 'uuid' },
  { name: 'team_id', type: 'uuid' },
  { name: 'trajectory_id', type: 'uuid' },
  { name: 'position', type: 'integer' },
  { name: 'description', type: 'text' },
  { name: 'owner_type', type: 'text' },
  { name: 'owner_name', type: 'text' },
  { name: 'domain', type: 'text' },
  { name: 'due_date', type: 'date' },
  { name: 'status', type: 'text' },
];
const NETWORK_COLUMNS: Column[] = [
  { name: 'municipality_id', type: 'uuid' },
  { name: 'id', type: 'uuid' },
  { name: 'team_id', type: 'uuid' },
  { name: 'trajectory_id', type: 'uuid' },
  { name: 'position', type: 'integer' },
  { name: 'name', type: 'text' },
  { name: 'relation', type: 'text' },
  { name: 'closeness', type: 'integer' },
  { name: 'role_in_plan', type: 'text' },
];
const CONTACT_COLUMNS: Column[] = [
  { name: 'municipality_id', type: 'uuid' },
  { name: 'id', type: 'uuid' },
  { name: 'team_id', type: 'uuid' },
  { name: 'trajectory_id', type: 'uuid' },
  { name: 'at', type: 'timestamptz' },
  { name: 'kind', type: 'text' },
  { name: 'note', type: 'text' },
  { name: 'minutes', type: 'integer' },
  { name: 'created_by', type: 'uuid' },
  { name: 'created_at', type: 'timestamptz' },
];
const CONFERENCE_COLUMNS: Column[] = [
  { name: 'municipality_id', type: 'uuid' },
  { name: 'id', type: 'uuid' },
  { name: 'team_id', type: 'uuid' },
  { name: 'trajectory_id', type: 'uuid' },
  { name: 'held_on', type: 'date' },
  { name: 'participants', type: 'jsonb' },
  { name: 'resident_present', type: 'boolean' },
  { name: 'question', type: 'text' },
  { name: 'advice', type: 'text' },
  { name: 'decisions', type: 'text' },
  { name: 'created_by', type: 'uuid' },
  { name: 'created_at', type: 'timestamptz' },
];
/** The trajectory's own columns this module fills in (matched on id). */
const CLOSURE_COLUMNS: Column[] = [
  { name: 'id', type: 'uuid' },
  { name: 'plan_version', type: 'integer' },
  { name: 'next_follow_up_on', type: 'date' },
  { name: 'closed_at', type: 'timestamptz' },
  { name: 'outcome', type: 'text' },
  { name: 'close_reason', type: 'text' },
  { name: 'handled_without_specialist_care', type: 'boolean' },
  { name: 'aftercare_until', type: 'date' },
];

/** Who acts in the plans (assumption, "own strength and network first"). */
const OWNER_MIX = {
  resident: 30,
  network: 20,
  volunteer: 10,
  collective: 10,
  team: 25,
  specialist: 5,
} as const;
type OwnerType = keyof typeof OWNER_MIX;

const ACTIONS: Record<OwnerType, readonly (readonly [string, string])[]> = {
  resident: [
    ['Zelf de post openen en sorteren', 'finances'],
    ['Betalingsregeling aanvragen', 'finances'],
    ['Twee keer per week wandelen', 'physical_health'],
    ['Aanmelden bij de huisarts', 'physical_health'],
    ['Solliciteren op twee vacatures', 'work_and_education'],
    ['Weekplanning maken', 'daytime_activities'],
  ],
  network: [
    ['Samen de post doornemen', 'finances'],
    ['Boodschappen doen als het niet lukt', 'daily_activities'],
    ['Meegaan naar het gesprek met de corporatie', 'housing'],
    ['Elke zondag samen eten', 'social_network'],
  ],
  volunteer: [
    ['Maatje helpt met de thuisadministratie', 'finances'],
    ['Taalmaatje een uur per week', 'participation'],
    ['Samen naar de fietsenwerkplaats', 'work_and_education'],
  ],
  collective: [
    ['Inloopspreekuur geldzaken bezoeken', 'finances'],
    ['Koffieochtend in het buurthuis', 'social_network'],
    ['Lotgenotengroep mantelzorgers', 'mental_health'],
  ],
  team: [
    ['Schuldenoverzicht maken', 'finances'],
    ['Gesprek met school en ouders plannen', 'parenting'],
    ['Toeslagen controleren en aanvragen', 'finances'],
    ['Woonsituatie bespreken met de corporatie', 'housing'],
  ],
  specialist: [
    ['Aanmelding schuldhulpverlening', 'finances'],
    ['Intake GGZ-behandeling', 'mental_health'],
    ['Gesprek verslavingszorg', 'substance_use'],
  ],
};
const OWNER_NAMES: Record<OwnerType, readonly string[]> = {
  resident: ['Bewoner', 'Moeder', 'Vader', 'Oudste zoon'],
  network: ['Zus', 'Buurvrouw', 'Vriend', 'Broer', 'Tante'],
  volunteer: ['Maatje Vrijwilligerscentrale', 'Taalmaatje', 'Thuisadministratie-vrijwilliger'],
  collective: ['Buurthuis', 'Inloopspreekuur', 'Bibliotheek'],
  team: ['Regisseur', 'Collega buurtteam'],
  specialist: ['Schuldhulpverlening', 'GGZ', 'Verslavingszorg'],
};
const ANSWERS = {
  own_strength: ['Ik houd het huis op orde.', 'Ik kan goed koken.', 'Ik kom afspraken na.'],
  network: ['Mijn zus komt elke week.', 'De buren willen helpen.', 'Een vriend van de sportclub.'],
  volunteer: ['Een maatje voor de administratie.', 'Een taalmaatje.'],
  collective: ['Het inloopspreekuur in het buurthuis.', 'De koffieochtend op dinsdag.'],
  team: ['Samen een overzicht van de schulden maken.', 'Meedenken over de woning.'],
  specialist: ['Schuldhulp als het overzicht er is.', 'Alleen als het niet anders kan.'],
  become_active: ['Weer gaan sporten.', 'Vrijwilligerswerk bij de voedselbank.'],
  contribute: ['Helpen bij de koffieochtend.', 'Boodschappen doen voor de buurman.'],
} as const;
const NETWORK_RELATIONS = {
  family: 35,
  friend: 20,
  neighbour: 15,
  volunteer: 10,
  informal_carer: 8,
  professional: 10,
  other: 2,
} as const;
const CONTACT_KINDS = {
  home_visit: 30,
  phone: 35,
  office: 12,
  video: 5,
  message: 15,
  other: 3,
} as const;
const MINUTES: Record<keyof typeof CONTACT_KINDS, [number, number]> = {
  home_visit: [45, 120],
  phone: [5, 30],
  office: [30, 60],
  video: [20, 45],
  message: [2, 10],
  other: [10, 60],
};
const NOTES = [
  'Keukentafelgesprek; de vragen van het krachtplan doorgelopen.',
  'Krachtplan besproken; afspraken staan.',
  'Gebeld: afspraak verzet naar volgende week.',
  'Post samen doorgenomen; twee aanmaningen, regeling aangevraagd.',
  'Corporatie gebeld over de huurachterstand; regeling mogelijk.',
  'Zus was erbij; zij neemt de boodschappen over.',
  'Op het spreekuur: gaat beter, slaapt weer.',
  'Niet thuis bij het huisbezoek; kaartje achtergelaten.',
  'Bericht gestuurd met de afspraken van vandaag.',
  'Samen naar de intake bij de schuldhulp.',
  'Evaluatie van het plan: twee acties afgerond.',
  'Contact met school over het verzuim.',
  'Gesprek over de nazorg en wie ze kunnen bellen.',
  'Aanvraag toeslagen samen ingevuld.',
] as const;
const CLOSE_REASONS: Record<keyof typeof OUTCOMES, string> = {
  goals_achieved: 'Doelen bereikt; het netwerk pakt het verder op.',
  partly_achieved: 'Financiën op orde, werk nog niet; bewoner redt zich.',
  not_achieved: 'Geen voortgang; afgesproken opnieuw te melden als het nodig is.',
  moved_away: 'Verhuisd naar een andere gemeente; warme overdracht gedaan.',
  stopped_by_resident: 'Bewoner wil geen ondersteuning meer.',
  handed_over: 'Overgedragen aan specialistische zorg.',
};
const CONFERENCE_QUESTIONS = [
  'Kan het team dit zelf, of is specialistische hulp nodig?',
  'Hoe houden we de regie bij meerdere betrokken organisaties?',
  'Is er een veiligheidsrisico voor de kinderen?',
  'Welke inzet uit het werkbudget is verantwoord?',
] as const;

interface TeamRows {
  events: Value[][];
  versions: Value[][];
  actions: Value[][];
  network: Value[][];
  contacts: Value[][];
  conferences: Value[][];
  closure: Value[][];
}

/** A moment in [from, to] on a working day during office hours, when there is room for one. */
function workingMoment(rng: Random, from: number, to: number): number {
  const span = Math.max(0, to - from);
  for (let i = 0; i < 4; i++) {
    const at = from + rng.next() * span;
    const day = Math.floor(at / DAY) * DAY;
    const weekday = new Date(day).getUTCDay();
    if (weekday === 0 || weekday === 6) continue;
    const office = day + (7 + rng.next() * 9) * 3_600_000;
    if (office >= from && office <= to) return office;
  }
  return from + rng.next() * span;
}

function planFor(
  rng: Random,
  t: GeneratedTrajectory,
  coordinatorName: string,
  ids: () => string,
): StoredPlan {
  const domainCount = rng.int(1, 3);
  const domains = new Set<string>();
  while (domains.size < domainCount) domains.add(rng.pick(LIFE_DOMAINS));
  const answers: StoredPlan['answers'] = {};
  for (const [question, options] of Object.entries(ANSWERS))
    if (rng.chance(0.7)) answers[question as keyof typeof ANSWERS] = rng.pick(options);
  const owners: OwnerType[] = Array.from({ length: rng.int(3, 7) }, () => rng.weighted(OWNER_MIX));
  if (t.scaleLevel === 'specialist_task' && !owners.includes('specialist'))
    owners.push('specialist');
  const actions = owners.map((ownerType) => {
    const [description, domain] = rng.pick(ACTIONS[ownerType]);
    return {
      id: ids(),
      description,
      ownerType,
      ownerName: ownerType === 'team' ? coordinatorName : rng.pick(OWNER_NAMES[ownerType]),
      domain,
      dueDate: rng.chance(0.85) ? isoDay(t.openedAt + rng.int(14, 120) * DAY) : null,
      status: 'open' as const,
    };
  });
  const network = Array.from({ length: rng.int(2, 5) }, () => {
    const relation = rng.weighted(NETWORK_RELATIONS);
    return {
      id: ids(),
      name:
        relation === 'professional'
          ? rng.pick(['Huisarts', 'Wijkverpleegkundige', 'Consulent Werk en Inkomen'])
          : `${rng.pick(GIVEN_NAMES)} ${rng.chance(0.5) ? rng.pick(FAMILY_NAMES) : ''}`.trim(),
      relation,
      closeness: rng.int(1, 3),
      roleInPlan: rng.chance(0.6)
        ? rng.pick(['Opent samen de post', 'Boodschappen', 'Vervoer'])
        : null,
    };
  });
  return {
    answers,
    domains: [...domains].map((domain) => ({
      domain,
      situation: 'Zorgen over de situatie op dit leefgebied.',
      strengths: 'Wil graag verandering en komt afspraken na.',
      goal: 'Binnen drie maanden een stap vooruit.',
    })),
    actions,
    agreements: rng.chance(0.7) ? ['Bewoner belt de regisseur als er een brief komt.'] : [],
    crisisPlan: rng.chance(0.25)
      ? {
          signs: 'Neemt de telefoon niet op en zegt afspraken af.',
          whatToDo: 'Netwerk gaat langs; regisseur plant binnen twee dagen een huisbezoek.',
          whoToCall: 'Zus, regisseur',
          agreedWithInformalCarer: rng.chance(0.5),
        }
      : null,
    network,
  };
}

/** The next version: some actions done or dropped, sometimes one added. */
function nextVersion(rng: Random, plan: StoredPlan, doneShare: number, ids: () => string) {
  const actions = plan.actions.map((a) =>
    a.status === 'open' && rng.chance(doneShare)
      ? { ...a, status: rng.chance(0.9) ? ('done' as const) : ('dropped' as const) }
      : a,
  );
  if (rng.chance(0.4)) {
    const ownerType = rng.weighted(OWNER_MIX);
    const [description, domain] = rng.pick(ACTIONS[ownerType]);
    actions.push({
      id: ids(),
      description,
      ownerType,
      ownerName: rng.pick(OWNER_NAMES[ownerType]),
      domain,
      dueDate: null,
      status: 'open',
    });
  }
  return { ...plan, actions };
}

function generateTeam(
  rng: Random,
  municipalityId: string,
  team: Team,
  list: readonly GeneratedTrajectory[],
  anchor: number,
): TeamRows {
  const m = municipalityId;
  const rows: TeamRows = {
    events: [],
    versions: [],
    actions: [],
    network: [],
    contacts: [],
    conferences: [],
    closure: [],
  };
  const names = new Map(team.workers.map((w, i) => [w.id, `Medewerker ${i + 1} ${team.name}`]));
  for (const t of list) {
    const end = t.closedAt ?? anchor;
    const lead = team.lead.id;

    // Coordinator history: the first coordinator at the opening; about one in eight changes hands.
    let previous: string | null = null;
    let changedAt = Infinity;
    if (team.workers.length > 1 && rng.chance(0.12) && end - t.openedAt > 14 * DAY) {
      do previous = rng.pick(team.workers).id;
      while (previous === t.coordinatorId);
      changedAt = t.openedAt + (0.2 + 0.6 * rng.next()) * (end - t.openedAt);
    }
    rows.events.push([
      m,
      rng.uuidv7(t.openedAt),
      team.id,
      t.id,
      'coordinator',
      null,
      previous ?? t.coordinatorId,
      null,
      new Date(t.openedAt),
      lead,
    ]);
    if (previous)
      rows.events.push([
        m,
        rng.uuidv7(changedAt),
        team.id,
        t.id,
        'coordinator',
        previous,
        t.coordinatorId,
        'Caseload verdeeld',
        new Date(changedAt),
        lead,
      ]);
    const coordinatorAt = (at: number) => (previous && at < changedAt ? previous : t.coordinatorId);
    if (t.scaleLevel === 'specialist_task') {
      const at = Math.min(end, t.openedAt + rng.exponential(30) * DAY);
      rows.events.push([
        m,
        rng.uuidv7(at),
        team.id,
        t.id,
        'scale_level',
        'team',
        'specialist_task',
        'Specialist vliegt in voor een taak',
        new Date(at),
        coordinatorAt(at),
      ]);
    }
    if (t.status !== 'open') {
      const at = t.status === 'follow_up' ? t.openedAt + rng.next() * (end - t.openedAt) : end;
      rows.events.push([
        m,
        rng.uuidv7(at),
        team.id,
        t.id,
        'status',
        'open',
        t.status,
        null,
        new Date(at),
        coordinatorAt(at),
      ]);
    }

    // The krachtplan: none yet for some that opened in the last two weeks; otherwise 1-3 versions.
    let planVersion = 0;
    if (!(anchor - t.openedAt < 14 * DAY && rng.chance(0.5))) {
      const count = Number(rng.weighted({ 1: 45, 2: 35, 3: 20 }));
      const ids = () => rng.uuidv7(t.openedAt);
      let before: StoredPlan | null = null;
      let plan = planFor(rng, t, names.get(t.coordinatorId) ?? 'Regisseur', ids);
      let at = Math.min(end, t.openedAt + (2 + rng.exponential(12)) * DAY);
      for (let v = 1; v <= count; v++) {
        if (v > 1) {
          at = Math.min(end, at + rng.exponential(45) * DAY);
          plan = nextVersion(rng, plan, t.closedAt !== null && v === count ? 0.8 : 0.4, ids);
        }
        const agreed = v === 1 ? rng.chance(0.85) : rng.chance(0.5);
        rows.versions.push([
          m,
          team.id,
          t.id,
          v,
          JSON.stringify(plan),
          JSON.stringify(diffPlans(before, plan)),
          new Date(at),
          coordinatorAt(at),
          // The resident agrees on the day it was saved or a few days later (not after the end),
          // as a calendar day in Amsterdam: the app refuses a date before the version's save day
          // there (plans.repository recordAgreement), which a UTC day can be late in the evening.
          agreed ? amsterdamDate(new Date(Math.min(end, at + rng.int(0, 3) * DAY))) : null,
          agreed ? rng.weighted({ in_person: 50, signature: 35, verbal: 15 }) : null,
          agreed ? coordinatorAt(at) : null,
        ]);
        before = plan;
      }
      planVersion = count;
      plan.actions.forEach((a, position) =>
        rows.actions.push([
          m,
          a.id,
          team.id,
          t.id,
          position,
          a.description,
          a.ownerType,
          a.ownerName,
          a.domain,
          a.dueDate,
          a.status,
        ]),
      );
      plan.network.forEach((n, position) =>
        rows.network.push([
          m,
          n.id,
          team.id,
          t.id,
          position,
          n.name,
          n.relation,
          n.closeness,
          n.roleInPlan,
        ]),
      );
    }

    // The journal: an intake, then about one contact a fortnight while the trajectory runs.
    const days = (end - t.openedAt) / DAY;
    const contacts = Math.min(120, 1 + Math.round((days / 14) * (0.4 + 1.2 * rng.next())));
    const times = Array.from({ length: contacts }, (_, i) =>
      i === 0
        ? t.openedAt + rng.next() * Math.min(end - t.openedAt, 3 * DAY)
        : workingMoment(rng, t.openedAt, end),
    ).sort((a, b) => a - b);
    for (const [i, at] of times.entries()) {
      const kind = i === 0 ? 'home_visit' : rng.weighted(CONTACT_KINDS);
      const [lo, hi] = MINUTES[kind];
      const by = rng.chance(0.9) ? coordinatorAt(at) : rng.pick(team.workers).id;
      rows.contacts.push([
        m,
        rng.uuidv7(at),
        team.id,
        t.id,
        new Date(at),
        kind,
        i === 0 ? NOTES[0] : rng.pick(NOTES),
        rng.int(lo, hi),
        by,
        new Date(at + 3_600_000 * rng.next()),
      ]);
    }

    // Case conferences for about one in ten (more when a specialist flies in).
    if (days > 14 && rng.chance(t.scaleLevel === 'specialist_task' ? 0.3 : 0.065)) {
      const held = t.openedAt + (14 + rng.next() * (days - 14)) * DAY;
      const by = coordinatorAt(held);
      rows.conferences.push([
        m,
        rng.uuidv7(held),
        team.id,
        t.id,
        isoDay(held),
        JSON.stringify([
          { name: names.get(by) ?? 'Regisseur', role: 'regisseur', external: false },
          { name: 'Gedragswetenschapper', role: 'consulent', external: false },
          {
            name: rng.pick(['GGZ', 'Schuldhulp', 'School', 'Corporatie']),
            role: 'partner',
            external: true,
          },
        ]),
        rng.chance(0.3),
        rng.pick(CONFERENCE_QUESTIONS),
        'Het team houdt de regie; de partner denkt mee.',
        'Evaluatie over zes weken.',
        by,
        new Date(held),
      ]);
      rows.contacts.push([
        m,
        rng.uuidv7(held),
        team.id,
        t.id,
        new Date(held),
        'case_conference',
        'Casuïstiekbespreking gehouden.',
        60,
        by,
        new Date(held),
      ]);
    }

    // The trajectory's own fields: plan version, next follow-up, closure.
    const closed = t.status === 'closed' || t.status === 'aftercare';
    const outcome = t.outcome;
    // About 85% handled without specialist care (published), mostly those the team kept.
    // Share of the team's own trajectories closed without specialist care (assumption), so that
    // with FIGURES.handledByTeam the whole comes to about 85%; a hand-over never is.
    const without = closed
      ? outcome !== 'handed_over' && rng.chance(t.scaleLevel === 'team' ? 0.985 : 0.45)
      : null;
    const aftercareUntil =
      t.status === 'aftercare' && t.closedAt ? isoDay(t.closedAt + 91 * DAY) : null;
    rows.closure.push([
      t.id,
      planVersion,
      closed ? aftercareUntil : isoDay(anchor + rng.int(-10, 30) * DAY),
      t.closedAt === null ? null : new Date(t.closedAt),
      outcome,
      outcome ? CLOSE_REASONS[outcome] : null,
      without,
      aftercareUntil,
    ]);
  }
  return rows;
}

export async function generateTrajectories(
  target: Target,
  rng: Random,
  org: Organisation,
  all: readonly GeneratedTrajectory[],
  anchor: Date,
): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  const add = (table: string, n: number) => (counts[table] = (counts[table] ?? 0) + n);
  for (const team of org.teams) {
    const list = all.filter((t) => t.teamId === team.id);
    const rows = generateTeam(rng.fork(team.key), org.municipalityId, team, list, anchor.getTime());
    await inScope(target, { municipalityId: org.municipalityId, teamIds: [team.id] }, async (c) => {
      await updateRows(c, 'trajectories', org.municipalityId, CLOSURE_COLUMNS, rows.closure);
      await insertRows(c, 'trajectory_events', EVENT_COLUMNS, rows.events);
      await insertRows(c, 'plan_versions', VERSION_COLUMNS, rows.versions);
      await c.query('analyze plan_versions'); // see entry-point.ts: the foreign-key checks' plans
      await insertRows(c, 'plan_actions', ACTION_COLUMNS, rows.actions);
      await insertRows(c, 'network_members', NETWORK_COLUMNS, rows.network);
      await insertRows(c, 'contacts', CONTACT_COLUMNS, rows.contacts);
      await insertRows(c, 'case_conferences', CONFERENCE_COLUMNS, rows.conferences);
    });
    add('trajectory_events', rows.events.length);
    add('plan_versions', rows.versions.length);
    add('plan_actions', rows.actions.length);
    add('network_members', rows.network.length);
    add('contacts', rows.contacts.length);
    add('case_conferences', rows.conferences.length);
  }
  return counts;
}
