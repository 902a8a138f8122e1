// Kysely's view of the tables (see db/migrations for the SQL that makes them).
import type { ColumnType, Generated } from 'kysely';

type CreatedAt = ColumnType<Date, Date | string | undefined, never>;
type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;

export interface MunicipalitiesTable {
  id: string;
  code: string;
  name: string;
  created_at: CreatedAt;
}

export interface DistrictsTable {
  municipality_id: string;
  code: string;
  name: string;
}

export interface NeighbourhoodsTable {
  municipality_id: string;
  code: string;
  name: string;
  district_code: string;
}

export interface TeamsTable {
  municipality_id: string;
  id: string;
  name: string;
  type: 'social' | 'youth_family' | 'integral';
  working_area: string;
  version: Generated<number>;
  created_at: CreatedAt;
  updated_at: Timestamp;
}

export interface TeamNeighbourhoodsTable {
  municipality_id: string;
  team_id: string;
  neighbourhood_code: string;
}

export interface OrganisationsTable {
  municipality_id: string;
  id: string;
  name: string;
  contact_name: string;
  contact_email: string;
  contact_phone: string;
  version: Generated<number>;
  created_at: CreatedAt;
  updated_at: Timestamp;
}

export type StaffRole = 'worker' | 'team_lead' | 'municipality' | 'admin' | 'partner' | 'volunteer';

export interface StaffTable {
  municipality_id: string;
  id: string;
  organisation_id: string | null;
  name: string;
  email: string;
  role: StaffRole;
  /** numeric(4,1); parsed to a number (see platform/db.ts). */
  hours_per_week: number;
  expertise: string[];
  active: Generated<boolean>;
  version: Generated<number>;
  created_at: CreatedAt;
  updated_at: Timestamp;
}

export interface StaffTeamsTable {
  municipality_id: string;
  staff_id: string;
  team_id: string;
}

export interface CredentialsTable {
  municipality_id: string;
  staff_id: string;
  password_hash: string;
  updated_at: Timestamp;
}

export interface SessionsTable {
  municipality_id: string;
  token_hash: string;
  staff_id: string;
  csrf_token: string;
  created_at: CreatedAt;
  last_seen_at: Timestamp;
  revoked_at: Date | null;
}

export interface LoginFailuresTable {
  key_hash: string;
  failed_at: CreatedAt;
}

export interface AuditEventsTable {
  municipality_id: string;
  id: string;
  at: CreatedAt;
  actor_id: string | null;
  actor_role: string;
  on_behalf_of: string | null;
  action: string;
  object_type: string;
  object_id: string | null;
  resident_id: string | null;
  reason: string | null;
  result: 'success' | 'denied' | 'not_found' | 'failure';
  request_id: string | null;
}

export interface PostcodeNeighbourhoodsTable {
  municipality_id: string;
  postcode: string;
  house_number_from: Generated<number>;
  house_number_to: Generated<number>;
  neighbourhood_code: string;
}

export interface HouseholdsTable {
  municipality_id: string;
  id: string;
  team_id: string;
  postcode: string | null;
  house_number: number | null;
  house_letter: string | null;
  house_number_addition: string | null;
  street: string | null;
  city: string | null;
  neighbourhood_code: string | null;
  version: Generated<number>;
  created_at: CreatedAt;
  updated_at: Timestamp;
}

export interface ResidentsTable {
  municipality_id: string;
  id: string;
  household_id: string;
  given_name: string;
  family_name: string;
  /** date, kept as the 'YYYY-MM-DD' text (see platform/db.ts). */
  birth_date: string | null;
  bsn_hash: string | null;
  bsn_masked: string | null;
  phone: string | null;
  email: string | null;
  version: Generated<number>;
  created_at: CreatedAt;
  updated_at: Timestamp;
}

export type TrajectoryStatus = 'open' | 'follow_up' | 'aftercare' | 'closed';

export interface TrajectoriesTable {
  municipality_id: string;
  id: string;
  household_id: string;
  team_id: string;
  coordinator_id: string;
  status: Generated<TrajectoryStatus>;
  scale_level: Generated<'informal' | 'team' | 'specialist_task' | 'handed_over'>;
  opened_at: Timestamp;
  closed_at: Date | null;
  registration_id: string | null;
  version: Generated<number>;
  created_at: CreatedAt;
  updated_at: Timestamp;
}

export type RegistrationSource =
  | 'self'
  | 'network'
  | 'gp'
  | 'housing_corporation'
  | 'police'
  | 'work_and_income'
  | 'school'
  | 'outreach'
  | 'other';
export type RegistrationStatus = 'new' | 'contacted' | 'triaged';
export type ContactKind = 'home_visit' | 'phone' | 'office' | 'other';
export type TriageOutcome =
  'advice_only' | 'single_problem' | 'multiple_problems' | 'youth_family' | 'out_of_scope';

export interface RegistrationsTable {
  municipality_id: string;
  id: string;
  team_id: string;
  household_id: string | null;
  resident_id: string | null;
  source: RegistrationSource;
  received_at: Timestamp;
  question: string;
  life_domains: string[];
  status: Generated<RegistrationStatus>;
  first_contact_at: Date | null;
  first_contact_kind: ContactKind | null;
  triage_outcome: TriageOutcome | null;
  triage_note: string | null;
  triage_reason: string | null;
  referred_to: string | null;
  triaged_at: Date | null;
  triaged_by: string | null;
  trajectory_id: string | null;
  signal_id: string | null;
  created_by: string;
  version: Generated<number>;
  created_at: CreatedAt;
  updated_at: Timestamp;
}

export interface ReferralsTable {
  municipality_id: string;
  id: string;
  team_id: string;
  registration_id: string | null;
  household_id: string | null;
  kind: 'volunteer' | 'collective' | 'specialist' | 'youth_family_team' | 'warm_referral';
  referred_to: string;
  note: string | null;
  created_by: string;
  created_at: CreatedAt;
}

export interface SignalImportsTable {
  municipality_id: string;
  id: string;
  team_id: string;
  imported_by: string;
  file_sha256: string;
  lines: number;
  imported: number;
  duplicates: number;
  rejected: number;
  created_at: CreatedAt;
}

export type SignalKind =
  | 'rent_arrears'
  | 'energy_debt'
  | 'water_debt'
  | 'health_insurance_debt'
  | 'confused_behaviour'
  | 'gp_signal';
export type SignalStatus =
  'open' | 'reached_support_started' | 'reached_no_help_needed' | 'not_reached' | 'refused';

export interface SignalsTable {
  municipality_id: string;
  id: string;
  team_id: string;
  import_id: string | null;
  kind: SignalKind;
  reference: string;
  received_at: Timestamp;
  postcode: string;
  house_number: number;
  house_letter: string | null;
  house_number_addition: string | null;
  family_name: string | null;
  amount_cents: number | null;
  note: string | null;
  household_id: string | null;
  neighbourhood_code: string | null;
  status: Generated<SignalStatus>;
  outreach_at: Date | null;
  outreach_by: string | null;
  registration_id: string | null;
  version: Generated<number>;
  created_at: CreatedAt;
}

export interface Database {
  municipalities: MunicipalitiesTable;
  districts: DistrictsTable;
  neighbourhoods: NeighbourhoodsTable;
  teams: TeamsTable;
  team_neighbourhoods: TeamNeighbourhoodsTable;
  organisations: OrganisationsTable;
  staff: StaffTable;
  staff_teams: StaffTeamsTable;
  credentials: CredentialsTable;
  sessions: SessionsTable;
  login_failures: LoginFailuresTable;
  audit_events: AuditEventsTable;
  postcode_neighbourhoods: PostcodeNeighbourhoodsTable;
  households: HouseholdsTable;
  residents: ResidentsTable;
  trajectories: TrajectoriesTable;
  registrations: RegistrationsTable;
  referrals: ReferralsTable;
  signal_imports: SignalImportsTable;
  signals: SignalsTable;
}
