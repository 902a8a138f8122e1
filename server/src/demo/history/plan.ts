// The three benchmark cities and the figures that shape them. Published figures (see
// ../shared/data/README.md, "Figures to make synthetic data realistic") are marked "published";
// the rest are assumptions, kept here in one place so that they can be argued with and changed.

export type CitySize = 'small' | 'medium' | 'large';

export interface CityPlan {
  /** One of the benchmark cities, or the demo municipality's history (server/src/demo). */
  size: CitySize | 'demo';
  municipalityCode: string;
  name: string;
  /** Used in generated e-mail addresses: w<n>.t<team>@<slug>.bench */
  slug: string;
  teams: number;
  /** Full-time equivalents over all teams (36 hours a week each). */
  totalFte: number;
  /** Years of history before the anchor day. */
  years: number;
  /** Real four-digit postcode range of the municipality (letters are invented). */
  postcode4: [number, number];
  /**
   * Share of signals older than a month whose outreach visit was recorded (default 0.97: a few
   * stay open for good). The demo uses 1, so that its outreach list holds the recent ones only.
   */
  olderSignalsHandled?: number;
}

export const PLANS: Record<CitySize, CityPlan> = {
  // One team of about six fte covering Maastricht: a few hundred households in a year.
  small: {
    size: 'small',
    municipalityCode: 'GM0935',
    name: 'Maastricht',
    slug: 'maastricht',
    teams: 1,
    totalFte: 6,
    years: 1,
    postcode4: [6211, 6229],
  },
  // Haarlem: 8 teams with 55 fte in total (published), three years of history (assumption).
  medium: {
    size: 'medium',
    municipalityCode: 'GM0392',
    name: 'Haarlem',
    slug: 'haarlem',
    teams: 8,
    totalFte: 55,
    years: 3,
    postcode4: [2011, 2037],
  },
  // Utrecht: 18 buurtteams (published), five years at about 16,000 clients a year (published).
  large: {
    size: 'large',
    municipalityCode: 'GM0344',
    name: 'Utrecht',
    slug: 'utrecht',
    teams: 18,
    totalFte: 250,
    years: 5,
    postcode4: [3511, 3585],
  },
};

export const FIGURES = {
  /**
   * New clients (trajectories) per fte per year. Assumption: Utrecht's published 16,000 clients a
   * year over an assumed 250 fte; the same rate sizes Haarlem (55 fte) and the small city.
   */
  clientsPerFteYear: 64,
  /** Average waiting time to first contact, working days (published: 4.3-5.5). */
  meanWorkingDaysToFirstContact: 5,
  /** Share of trajectories handled by the team itself (published: about 85%); the rest specialist. */
  handledByTeam: 0.85,
  /** Share of trajectories closed within a year (published for youth teams: 85%). */
  closedWithinYear: 0.85,
  /** Information-and-advice contacts among all registrations (assumption). */
  adviceOnlyShare: 0.25,
  /** Triage outcome of the other registrations (assumption). */
  triageMix: {
    multiple_problems: 0.7,
    single_problem: 0.18,
    youth_family: 0.07,
    out_of_scope: 0.05,
  },
  /** Where registrations come from (assumption). */
  sources: {
    self: 30,
    network: 15,
    gp: 12,
    housing_corporation: 10,
    police: 5,
    work_and_income: 8,
    school: 8,
    outreach: 7,
    other: 5,
  },
  /** Share of registrations that concern a household the team has helped before (assumption). */
  returningHousehold: 0.1,
  /** Household sizes of clients, 1..5 persons (assumption: many single-person households). */
  householdSize: { 1: 45, 2: 25, 3: 12, 4: 12, 5: 6 },
  /** Partner signals per client (the 100,000 signals against 80,000 trajectories). */
  signalsPerClient: 1.25,
  /** Signal kinds (assumption: debts dominate, early-warning agreements with landlords first). */
  signalKinds: {
    rent_arrears: 35,
    energy_debt: 22,
    water_debt: 10,
    health_insurance_debt: 23,
    confused_behaviour: 6,
    gp_signal: 4,
  },
  /** Share of signals at the address of a household the team already knows (assumption). */
  signalAtKnownHousehold: 0.35,
  /** Outreach outcomes of handled signals (assumption). */
  outreachOutcomes: {
    reached_support_started: 25,
    reached_no_help_needed: 22,
    not_reached: 38,
    refused: 15,
  },
} as const;

/** The password of every generated account (one argon2 hash is computed and shared). */
export const BENCH_PASSWORD = 'bench-city-password';
