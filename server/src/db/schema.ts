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
/** Everyone who can hold a session: staff roles and the resident. */
export type ActorRole = StaffRole | 'resident';

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
  /** The subject at the municipality's OpenID Connect provider (when it matches on `sub`). */
  oidc_subject: Generated<string | null>;
  version: Generated<number>;
  created_at: CreatedAt;
  updated_at: Timestamp;
}

export interface StaffTeamsTable {
  municipality_id: string;
  staff_id: string;
  team_id: string;
}

/** A stretch of days with the same teams, hours, organisation, role and activity (read-only: a trigger keeps it). */
export interface StaffPeriodsTable {
  municipality_id: string;
  staff_id: string;
  /** A date, 'YYYY-MM-DD'. */
  valid_from: string;
  /** The first day it no longer held; null while it holds. */
  valid_until: string | null;
  organisation_id: string | null;
  role: StaffRole;
  /** numeric(4,1); parsed to a number (see platform/db.ts). */
  hours_per_week: number;
  team_ids: string[];
  active: boolean;
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
  /** None or one resident; null when the event names several (then in `resident_ids`). */
  resident_id: string | null;
  /** Two or more residents one event named, e.g. a list (migration 20261125T1700). */
  resident_ids: string[] | null;
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
  /** Person data erased (retention or an erasure request); the row stays for anonymous figures. */
  erased_at: Timestamp | null;
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
  /** The household's team, kept by triggers (migration 20261123T2000), for row-level security. */
  team_id: Generated<string | null>;
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
  next_follow_up_on: string | null;
  plan_version: Generated<number>;
  outcome: TrajectoryOutcome | null;
  close_reason: string | null;
  handled_without_specialist_care: boolean | null;
  aftercare_until: string | null;
  no_closing_measurement_reason: string | null;
  /** The current plan's actions per owner type, {owner_type: n}: kept by triggers on plan_actions. */
  plan_actions_by_owner: ColumnType<Partial<Record<ActionOwnerType, number>>, never, never>;
}

export type TrajectoryOutcome =
  | 'goals_achieved'
  | 'partly_achieved'
  | 'not_achieved'
  | 'moved_away'
  | 'stopped_by_resident'
  | 'handed_over';
export type ScaleLevel = 'informal' | 'team' | 'specialist_task' | 'handed_over';
/**
 * A history event's note written by the system (migration 20261125T0530):
 * aftercare_ended_by_new_registration, a relapse's triage ended the aftercare and opened a new
 * trajectory.
 */
export type TrajectoryNoteCode = 'aftercare_ended_by_new_registration';

export interface TrajectoryEventsTable {
  municipality_id: string;
  id: string;
  team_id: string;
  trajectory_id: string;
  kind: 'coordinator' | 'status' | 'scale_level' | 'follow_up';
  from_value: string | null;
  to_value: string | null;
  /** Words a worker wrote with the change. */
  note: string | null;
  /** Why the system made the change, as a code each screen says in its own language. */
  note_code: TrajectoryNoteCode | null;
  at: CreatedAt;
  by_staff_id: string;
}

export interface PlanVersionsTable {
  municipality_id: string;
  team_id: string;
  trajectory_id: string;
  version: number;
  plan: ColumnType<unknown, string, string>;
  changes: ColumnType<unknown, string, string>;
  saved_at: CreatedAt;
  saved_by: string;
  agreed_on: string | null;
  agreement_method: 'in_person' | 'signature' | 'portal' | 'verbal' | null;
  agreement_note: string | null;
  agreement_recorded_by: string | null;
  saved_by_resident: Generated<boolean>;
}

export type ActionOwnerType =
  'resident' | 'network' | 'volunteer' | 'collective' | 'team' | 'specialist';

export interface PlanActionsTable {
  municipality_id: string;
  id: string;
  team_id: string;
  trajectory_id: string;
  position: number;
  description: string;
  owner_type: ActionOwnerType;
  owner_name: string;
  domain: string | null;
  due_date: string | null;
  status: 'open' | 'done' | 'dropped';
}

export type NetworkRelation =
  'family' | 'friend' | 'neighbour' | 'volunteer' | 'informal_carer' | 'professional' | 'other';

export interface NetworkMembersTable {
  municipality_id: string;
  id: string;
  team_id: string;
  trajectory_id: string;
  position: number;
  name: string;
  relation: NetworkRelation;
  closeness: number;
  role_in_plan: string | null;
}

export type JournalKind =
  'home_visit' | 'phone' | 'office' | 'video' | 'message' | 'case_conference' | 'other';

export interface ContactsTable {
  municipality_id: string;
  id: string;
  team_id: string;
  trajectory_id: string;
  at: Timestamp;
  kind: JournalKind;
  note: string;
  minutes: number | null;
  created_by: string;
  created_at: CreatedAt;
}

export interface CaseConferencesTable {
  municipality_id: string;
  id: string;
  team_id: string;
  trajectory_id: string;
  held_on: string;
  participants: ColumnType<unknown, string, string>;
  resident_present: boolean;
  question: string;
  advice: string;
  decisions: string;
  created_by: string;
  created_at: CreatedAt;
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
  /** The household's trajectory whose aftercare this registration's triage ended (a relapse). */
  ended_aftercare_trajectory_id: string | null;
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
  kind: ReferralKind;
  referred_to: string;
  note: string | null;
  created_by: string;
  created_at: CreatedAt;
  trajectory_id: string | null;
  organisation_id: string | null;
  status: Generated<'open' | 'answered' | 'closed'>;
  consent_given_on: string | null;
  consent_scope: Generated<string[]>;
  consent_recorded_by: string | null;
  shared: ColumnType<unknown, string | null, string | null> | null;
  answer: string | null;
  answered_at: Date | null;
  wmo_provision: 'transport' | 'wheelchair' | 'home_adaptation' | 'other' | null;
}

export type ReferralKind =
  | 'volunteer'
  | 'collective'
  | 'specialist'
  | 'youth_family_team'
  | 'warm_referral'
  | 'specialist_task'
  | 'handover'
  | 'wmo_advice';

export interface SignalImportsTable {
  municipality_id: string;
  id: string;
  team_id: string;
  imported_by: string;
  /** The partner organisation that sent the list; null for an import of before 20261125T0200 whose sender is not known. */
  organisation_id: string | null;
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
  /** The partner organisation that sent it (part of the duplicate key); null: sent before 20261125T0200, not known. */
  organisation_id: string | null;
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

export interface MunicipalitySettingsTable {
  municipality_id: string;
  zrm_instrument: Generated<'zrm-2013' | 'zrm-2017'>;
  positive_health_enabled: Generated<boolean>;
  version: Generated<number>;
  updated_at: Timestamp;
}

export interface InstrumentTextsTable {
  municipality_id: string;
  instrument: string;
  definition: ColumnType<unknown, string, string>;
  loaded_at: Timestamp;
  loaded_by: string;
}

export type InstrumentKey = 'zrm-2013' | 'zrm-2017' | 'positive-health';
export type AssessmentMoment = 'start' | 'three_months' | 'closure' | 'interim';

export interface AssessmentsTable {
  municipality_id: string;
  id: string;
  team_id: string;
  trajectory_id: string;
  resident_id: string | null;
  instrument: InstrumentKey;
  moment: AssessmentMoment;
  taken_on: string;
  created_by: string;
  created_at: CreatedAt;
  /** The non-null scores as {domain: score}: a copy kept by a trigger on assessment_scores. */
  scores_by_domain: ColumnType<Record<string, number>, never, never>;
}

export interface AssessmentScoresTable {
  municipality_id: string;
  team_id: string;
  assessment_id: string;
  domain: string;
  score: number | null;
}

export interface WorkBudgetsTable {
  municipality_id: string;
  year: number;
  base_cents: number;
  mandate_worker_cents: Generated<number>;
  mandate_team_lead_cents: Generated<number>;
  version: Generated<number>;
  updated_at: Timestamp;
}

export interface WorkBudgetTopUpsTable {
  municipality_id: string;
  year: number;
  position: number;
  source: string;
  cents: number;
}

export interface WorkBudgetAllocationsTable {
  municipality_id: string;
  year: number;
  team_id: string | null;
  cents: number;
}

export type Vat = 'included' | 'excluded' | 'exempt';
export type WorkBudgetRequestStatus = 'requested' | 'approved' | 'rejected' | 'paid' | 'correction';
export type ApprovalLevel = 'worker' | 'team_lead' | 'municipality';

export interface WorkBudgetRequestsTable {
  municipality_id: string;
  id: string;
  team_id: string;
  trajectory_id: string | null;
  year: number;
  purpose: string;
  amount_cents: number;
  vat: Vat;
  vat_note: string | null;
  justification: string;
  alternatives_tried: string;
  plan_goal: string | null;
  status: WorkBudgetRequestStatus;
  approval_level: ApprovalLevel;
  requested_by: string;
  requested_at: Timestamp;
  decided_by: string | null;
  decided_at: Date | null;
  decision_note: string | null;
  paid_on: string | null;
  payee: string | null;
  payment_reference: string | null;
  paid_by: string | null;
  correction_of: string | null;
  version: Generated<number>;
}

export type ReturnCategory =
  'work' | 'health' | 'housing' | 'debts' | 'participation' | 'school' | 'other';

export interface WorkBudgetReturnsTable {
  municipality_id: string;
  request_id: string;
  team_id: string;
  social: string;
  category: ReturnCategory;
  financial_kind: string | null;
  monthly_cents: number | null;
  months: number | null;
  recorded_by: string;
  recorded_at: Timestamp;
  version: Generated<number>;
}

export interface ExecutionBudgetsTable {
  municipality_id: string;
  year: number;
  version: Generated<number>;
  updated_at: Timestamp;
}

export interface ExecutionBudgetLinesTable {
  municipality_id: string;
  year: number;
  side: 'cost' | 'coverage';
  position: number;
  label: string;
  cents: number;
  realised_cents: number | null;
  vat_note: string | null;
}

export interface ResidentInvitationsTable {
  municipality_id: string;
  id: string;
  team_id: string;
  resident_id: string;
  code_hash: string;
  created_by: string;
  created_at: CreatedAt;
  expires_at: Timestamp;
  used_at: Date | null;
  /** Login names this code found taken at activation; at a few it is spent (portal.service.ts). */
  taken_login_names: Generated<number>;
}

export interface ResidentAccountsTable {
  municipality_id: string;
  resident_id: string;
  team_id: string;
  login_name: string;
  password_hash: string;
  active: Generated<boolean>;
  created_at: CreatedAt;
}

export interface ResidentSessionsTable {
  municipality_id: string;
  token_hash: string;
  resident_id: string;
  csrf_token: string;
  created_at: CreatedAt;
  last_seen_at: Timestamp;
  revoked_at: Date | null;
}

export interface ResidentMessagesTable {
  municipality_id: string;
  id: string;
  team_id: string;
  trajectory_id: string;
  resident_id: string;
  kind: 'plan_wish' | 'action_comment' | 'action_done' | 'action_reopened';
  action_id: string | null;
  text: string;
  created_at: CreatedAt;
  read_at: Date | null;
}

export type SocialMapKind =
  | 'collective_provision'
  | 'neighbourhood_initiative'
  | 'volunteer_organisation'
  | 'day_activity'
  | 'partner_service';

export interface SocialMapEntriesTable {
  municipality_id: string;
  id: string;
  kind: SocialMapKind;
  name: string;
  offers: string;
  for_whom: string;
  neighbourhood_code: string | null;
  life_domains: string[];
  when_text: string;
  capacity: number | null;
  contact_name: string;
  contact_phone: string;
  contact_email: string;
  active: Generated<boolean>;
  version: Generated<number>;
  created_by: string;
  updated_at: Timestamp;
}

export interface VolunteersTable {
  municipality_id: string;
  id: string;
  staff_id: string | null;
  name: string;
  skills: string[];
  neighbourhood_codes: string[];
  availability: string[];
  vog_checked_on: string | null;
  agreements: string;
  active: Generated<boolean>;
  version: Generated<number>;
}

export interface VolunteerMatchesTable {
  municipality_id: string;
  id: string;
  team_id: string;
  trajectory_id: string;
  action_id: string | null;
  volunteer_id: string;
  status: Generated<'active' | 'ended'>;
  resident_first_name: string;
  task: string;
  where_text: string;
  when_text: string;
  follow_up_on: string | null;
  outcome: string | null;
  ended_at: Date | null;
  created_by: string;
  created_at: CreatedAt;
}

export interface ResidentOffersTable {
  municipality_id: string;
  id: string;
  team_id: string;
  resident_id: string;
  skill: string;
  availability: string[];
  note: string;
  active: Generated<boolean>;
  created_at: CreatedAt;
}

export type ProvisionCategory =
  | 'individual_support'
  | 'day_activities'
  | 'supported_housing'
  | 'household_help'
  | 'specialist_youth_care'
  | 'specialist_care'
  | 'wmo_provision';

export interface PricesTable {
  municipality_id: string;
  id: string;
  kind: 'provision' | 'benefit' | 'organisation_hour';
  provision: ProvisionCategory | null;
  organisation_id: string | null;
  amount_cents: number;
  valid_from: string;
  valid_to: string | null;
  source_note: string;
  in_execution_budget: Generated<boolean>;
  version: Generated<number>;
  created_at: CreatedAt;
  updated_at: Timestamp;
}

export interface BusinessCaseAssumptionsTable {
  municipality_id: string;
  id: string;
  basis: 'closed_without_specialist_care' | 'closed_trajectories';
  price_kind: 'provision' | 'benefit';
  provision: ProvisionCategory | null;
  share_low_percent: number;
  share_high_percent: number;
  months_low: number;
  months_high: number;
  source_note: Generated<string>;
  active: Generated<boolean>;
  version: Generated<number>;
  created_at: CreatedAt;
  updated_at: Timestamp;
}

export interface NeighbourhoodInhabitantsTable {
  municipality_id: string;
  neighbourhood_code: string;
  year: number;
  inhabitants: number;
  imported_at: Timestamp;
}

export type GroupKind = 'coffee_morning' | 'administration_class' | 'course' | 'activity' | 'other';

export interface GroupsTable {
  municipality_id: string;
  id: string;
  team_id: string;
  kind: GroupKind;
  name: string;
  description: string;
  life_domains: string[];
  neighbourhood_code: string | null;
  capacity: number;
  active: Generated<boolean>;
  version: Generated<number>;
  created_by: string;
  created_at: CreatedAt;
}

export interface GroupSessionsTable {
  municipality_id: string;
  id: string;
  team_id: string;
  group_id: string;
  starts_at: Date;
  ends_at: Date | null;
  place: string;
  created_at: CreatedAt;
}

export type ParticipantStatus = 'participant' | 'waiting' | 'left';

export interface GroupParticipantsTable {
  municipality_id: string;
  id: string;
  team_id: string;
  group_id: string;
  trajectory_id: string;
  resident_id: string;
  action_id: string | null;
  status: ParticipantStatus;
  waiting_since: Date | null;
  joined_at: Date | null;
  left_at: Date | null;
  created_by: string;
  created_at: CreatedAt;
}

export interface GroupAttendanceTable {
  municipality_id: string;
  team_id: string;
  session_id: string;
  participant_id: string;
  present: boolean;
  recorded_by: string;
  recorded_at: CreatedAt;
}

export type SharedItemKind = 'mobility_scooter' | 'wheelchair' | 'walker' | 'tools' | 'other';

export interface SharedItemsTable {
  municipality_id: string;
  id: string;
  team_id: string;
  kind: SharedItemKind;
  name: string;
  description: string;
  neighbourhood_code: string | null;
  active: Generated<boolean>;
  version: Generated<number>;
  created_at: CreatedAt;
}

export interface ItemLoansTable {
  municipality_id: string;
  id: string;
  team_id: string;
  item_id: string;
  trajectory_id: string;
  resident_id: string;
  from_date: string;
  until_date: string;
  returned_on: string | null;
  /** A loan cancelled before its first day (migration 20261125T1620). */
  cancelled_on: string | null;
  note: string;
  created_by: string;
  created_at: CreatedAt;
}

export interface SignInSettingsTable {
  municipality_id: string;
  totp_extra_roles: Generated<StaffRole[]>;
  oidc_enabled: Generated<boolean>;
  oidc_display_name: Generated<string>;
  oidc_issuer: Generated<string>;
  oidc_client_id: Generated<string>;
  oidc_client_secret_encrypted: Generated<string>;
  oidc_email_domain: Generated<string>;
  oidc_match_claim: Generated<'email' | 'sub'>;
  version: Generated<number>;
  updated_at: Timestamp;
}

/** The columns both second-factor tables share (staff and residents). */
interface SecondFactorColumns {
  municipality_id: string;
  secret_encrypted: string;
  confirmed_at: Date | null;
  /** bigint: parsed to a number (see platform/db.ts). */
  last_used_step: number | null;
  recovery_code_hashes: Generated<string[]>;
  created_at: CreatedAt;
}

export interface StaffSecondFactorsTable extends SecondFactorColumns {
  staff_id: string;
}

export interface ResidentSecondFactorsTable extends SecondFactorColumns {
  resident_id: string;
  team_id: string;
}

export interface SignInChallengesTable {
  municipality_id: string;
  token_hash: string;
  subject_kind: 'staff' | 'resident';
  subject_id: string;
  team_id: string | null;
  stage: 'verify' | 'enrol';
  created_at: CreatedAt;
  expires_at: Date;
  used_at: Date | null;
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
  staff_periods: StaffPeriodsTable;
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
  trajectory_events: TrajectoryEventsTable;
  plan_versions: PlanVersionsTable;
  plan_actions: PlanActionsTable;
  network_members: NetworkMembersTable;
  contacts: ContactsTable;
  case_conferences: CaseConferencesTable;
  municipality_settings: MunicipalitySettingsTable;
  instrument_texts: InstrumentTextsTable;
  assessments: AssessmentsTable;
  assessment_scores: AssessmentScoresTable;
  work_budgets: WorkBudgetsTable;
  work_budget_top_ups: WorkBudgetTopUpsTable;
  work_budget_allocations: WorkBudgetAllocationsTable;
  work_budget_requests: WorkBudgetRequestsTable;
  work_budget_returns: WorkBudgetReturnsTable;
  execution_budgets: ExecutionBudgetsTable;
  execution_budget_lines: ExecutionBudgetLinesTable;
  resident_invitations: ResidentInvitationsTable;
  resident_accounts: ResidentAccountsTable;
  resident_sessions: ResidentSessionsTable;
  resident_messages: ResidentMessagesTable;
  social_map_entries: SocialMapEntriesTable;
  volunteers: VolunteersTable;
  volunteer_matches: VolunteerMatchesTable;
  resident_offers: ResidentOffersTable;
  prices: PricesTable;
  business_case_assumptions: BusinessCaseAssumptionsTable;
  neighbourhood_inhabitants: NeighbourhoodInhabitantsTable;
  groups: GroupsTable;
  group_sessions: GroupSessionsTable;
  group_participants: GroupParticipantsTable;
  group_attendance: GroupAttendanceTable;
  shared_items: SharedItemsTable;
  item_loans: ItemLoansTable;
  privacy_duties: PrivacyDutiesTable;
  break_glass_grants: BreakGlassGrantsTable;
  privacy_alert_reviews: PrivacyAlertReviewsTable;
  privacy_settings: PrivacySettingsTable;
  erasure_cases: ErasureCasesTable;
  sign_in_settings: SignInSettingsTable;
  staff_second_factors: StaffSecondFactorsTable;
  resident_second_factors: ResidentSecondFactorsTable;
  sign_in_challenges: SignInChallengesTable;
}

export interface PrivacyDutiesTable {
  municipality_id: string;
  staff_id: string;
  created_at: CreatedAt;
}

export interface BreakGlassGrantsTable {
  municipality_id: string;
  id: string;
  staff_id: string;
  household_id: string;
  team_id: string;
  reason: string;
  created_at: CreatedAt;
  expires_at: Timestamp;
}

export interface PrivacyAlertReviewsTable {
  municipality_id: string;
  id: string;
  alert_key: string;
  note: string;
  reviewed_by: string;
  reviewed_at: CreatedAt;
}

export interface PrivacySettingsTable {
  municipality_id: string;
  office_hours_start: Generated<number>;
  office_hours_end: Generated<number>;
  many_households_threshold: Generated<number>;
  wmo_retention_years: Generated<number>;
  youth_retention_years: Generated<number>;
  version: Generated<number>;
  updated_at: Timestamp;
}

export interface ErasureCasesTable {
  municipality_id: string;
  id: string;
  household_id: string;
  resident_id: string | null;
  source: 'retention' | 'request';
  status: Generated<'open' | 'erased' | 'refused'>;
  youth: Generated<boolean>;
  closed_on: string | null;
  due_on: string | null;
  request_note: string | null;
  legal_exception: string | null;
  decided_by: string | null;
  decided_at: Timestamp | null;
  decision_note: string | null;
  created_by: string | null;
  created_at: CreatedAt;
  version: Generated<number>;
}
