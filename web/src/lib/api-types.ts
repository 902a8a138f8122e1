// Domain types for the web app, derived from the API schema (./api-schema.d.ts), so that they
// follow the generated OpenAPI types when the schema file is regenerated.
import type { paths } from './api-schema';

type JsonOf<R> = R extends { content: { 'application/json': infer T } } ? T : never;
type RequestJson<R> = R extends { content: { 'application/json': infer T } } ? T : never;

export type Session = JsonOf<paths['/api/v1/auth/me']['get']['responses'][200]>;
export type SessionUser = Session['user'];
export type Role = SessionUser['role'];
export type Neighbourhood = JsonOf<
  paths['/api/v1/neighbourhoods']['get']['responses'][200]
>['items'][number];
export type Team = JsonOf<paths['/api/v1/teams/{id}']['get']['responses'][200]>;
export type TeamType = Team['type'];
export type TeamCreate = RequestJson<paths['/api/v1/teams']['post']['requestBody']>;
export type TeamPatch = RequestJson<paths['/api/v1/teams/{id}']['patch']['requestBody']>;
export type Composition = JsonOf<paths['/api/v1/teams/{id}/composition']['get']['responses'][200]>;
export type Organisation = JsonOf<
  paths['/api/v1/organisations']['get']['responses'][200]
>['items'][number];
export type OrganisationCreate = RequestJson<paths['/api/v1/organisations']['post']['requestBody']>;
export type Staff = JsonOf<paths['/api/v1/staff']['get']['responses'][200]>['items'][number];
export type StaffRole = Staff['role'];
export type StaffCreate = RequestJson<paths['/api/v1/staff']['post']['requestBody']>;
export type StaffPatch = RequestJson<paths['/api/v1/staff/{id}']['patch']['requestBody']>;
export type StaffPeriod = JsonOf<
  paths['/api/v1/staff/{id}/periods']['get']['responses'][200]
>['items'][number];
export type StaffPeriodCorrection = RequestJson<
  paths['/api/v1/staff/{id}/periods/{validFrom}']['patch']['requestBody']
>;
export type StaffPeriodSplit = RequestJson<
  paths['/api/v1/staff/{id}/periods/{validFrom}/split']['post']['requestBody']
>;

export interface InvalidParam {
  name: string;
  reason: string;
  reasonNl: string;
}

/** An application/problem+json body (API.md). */
export interface Problem {
  type?: string;
  title?: string;
  status?: number;
  detail?: string;
  code?: string;
  titleNl?: string;
  detailNl?: string;
  invalidParams?: InvalidParam[];
}

export const TEAM_TYPES = [
  'social',
  'youth_family',
  'integral',
] as const satisfies readonly TeamType[];
export const STAFF_ROLES = [
  'worker',
  'team_lead',
  'municipality',
  'admin',
] as const satisfies readonly StaffRole[];

// The entry point: registrations, households, signals.
export type Registration = JsonOf<paths['/api/v1/registrations/{id}']['get']['responses'][200]>;
export type RegistrationStatus = Registration['status'];
export type RegistrationSource = Registration['source'];
export type RegistrationCreate = RequestJson<paths['/api/v1/registrations']['post']['requestBody']>;
export type RegistrationCreated = JsonOf<paths['/api/v1/registrations']['post']['responses'][201]>;
export type ResidentCreate = NonNullable<RegistrationCreate['resident']>;
export type ContactKind = NonNullable<Registration['firstContactKind']>;
export type TriageOutcome = NonNullable<Registration['triageOutcome']>;
export type TriageInput = RequestJson<
  paths['/api/v1/registrations/{id}/triage']['post']['requestBody']
>;
export type SingleProblemRoute = NonNullable<TriageInput['route']>;
export type OutOfScopeReason = NonNullable<TriageInput['outOfScopeReason']>;
export type LifeDomain = RegistrationCreate['lifeDomains'] extends (infer D)[] | undefined
  ? D
  : never;
export type MatchRequest = RequestJson<paths['/api/v1/residents/matches']['post']['requestBody']>;
export type ResidentMatch = JsonOf<
  paths['/api/v1/residents/matches']['post']['responses'][200]
>['items'][number];
export type Address = ResidentMatch['address'];
export type Household = JsonOf<paths['/api/v1/households/{id}']['get']['responses'][200]>;
export type HouseholdSummary = JsonOf<
  paths['/api/v1/households']['get']['responses'][200]
>['items'][number];
export type Signal = JsonOf<paths['/api/v1/signals']['get']['responses'][200]>['items'][number];
export type SignalKind = Signal['kind'];
export type SignalStatus = Signal['status'];
export type OutreachOutcome = Exclude<SignalStatus, 'open'>;
export type SignalImportResult = JsonOf<paths['/api/v1/signals/imports']['post']['responses'][201]>;

export const REGISTRATION_SOURCES = [
  'self',
  'network',
  'gp',
  'housing_corporation',
  'police',
  'work_and_income',
  'school',
  'outreach',
  'other',
] as const satisfies readonly RegistrationSource[];
export const LIFE_DOMAINS = [
  'finances',
  'work_and_education',
  'daytime_activities',
  'housing',
  'domestic_relations',
  'mental_health',
  'physical_health',
  'substance_use',
  'self_care',
  'daily_activities',
  'social_network',
  'participation',
  'justice',
  'parenting',
] as const satisfies readonly LifeDomain[];
export const CONTACT_KINDS = [
  'home_visit',
  'phone',
  'office',
  'other',
] as const satisfies readonly ContactKind[];
export const TRIAGE_OUTCOMES = [
  'advice_only',
  'single_problem',
  'multiple_problems',
  'youth_family',
  'out_of_scope',
] as const satisfies readonly TriageOutcome[];
export const SINGLE_PROBLEM_ROUTES = [
  'volunteer',
  'collective',
  'specialist',
] as const satisfies readonly SingleProblemRoute[];
export const OUT_OF_SCOPE_REASONS = [
  'medical_treatment',
  'personal_care_household_help',
  'acute_crisis_care',
  'care_avoiders_beyond_reach',
  'no_postcode',
  'residential_facility',
  'coercive_measures',
  'debt_settlement_budget_management',
  'specialist_job_placement',
  'residents_initiatives',
] as const satisfies readonly OutOfScopeReason[];
export const SIGNAL_KINDS = [
  'rent_arrears',
  'energy_debt',
  'water_debt',
  'health_insurance_debt',
  'confused_behaviour',
  'gp_signal',
] as const satisfies readonly SignalKind[];
export const OUTREACH_OUTCOMES = [
  'reached_support_started',
  'reached_no_help_needed',
  'not_reached',
  'refused',
] as const satisfies readonly OutreachOutcome[];

// Trajectories (1 gezin, 1 plan, 1 regisseur), the krachtplan and referrals.
export type Trajectory = JsonOf<
  paths['/api/v1/trajectories']['get']['responses'][200]
>['items'][number];
export type TrajectoryDetail = JsonOf<paths['/api/v1/trajectories/{id}']['get']['responses'][200]>;
export type TrajectoryEvent = TrajectoryDetail['events'][number];
export type TrajectoryStatus = Trajectory['status'];
export type ScaleLevel = Trajectory['scaleLevel'];
export type DueFlag = Trajectory['due'][number];
export type TrajectoryOutcome = NonNullable<Trajectory['outcome']>;
export type TrajectoryPatch = RequestJson<
  paths['/api/v1/trajectories/{id}']['patch']['requestBody']
>;
export type CloseInput = RequestJson<
  paths['/api/v1/trajectories/{id}/close']['post']['requestBody']
>;
export type JournalEntry = JsonOf<
  paths['/api/v1/trajectories/{id}/contacts']['get']['responses'][200]
>['items'][number];
export type JournalKind = JournalEntry['kind'];
export type JournalInput = RequestJson<
  paths['/api/v1/trajectories/{id}/contacts']['post']['requestBody']
>;
export type CaseConference = JsonOf<
  paths['/api/v1/trajectories/{id}/case-conferences']['get']['responses'][200]
>['items'][number];
export type CaseConferenceInput = RequestJson<
  paths['/api/v1/trajectories/{id}/case-conferences']['post']['requestBody']
>;
export type Plan = JsonOf<paths['/api/v1/trajectories/{id}/plan']['get']['responses'][200]>;
export type PlanInput = RequestJson<paths['/api/v1/trajectories/{id}/plan']['put']['requestBody']>;
export type PlanAction = Plan['actions'][number];
export type PlanNetworkMember = Plan['network'][number];
/** The eight kitchen-table questions (the schema types the answers as a string record). */
export type PlanQuestion =
  | 'own_strength'
  | 'network'
  | 'volunteer'
  | 'collective'
  | 'team'
  | 'specialist'
  | 'become_active'
  | 'contribute';
export type ActionOwnerType = PlanAction['ownerType'];
export type ActionStatus = PlanAction['status'];
export type NetworkRelation = PlanNetworkMember['relation'];
export type PlanVersionSummary = JsonOf<
  paths['/api/v1/trajectories/{id}/plan/versions']['get']['responses'][200]
>['items'][number];
export type PlanChange = PlanVersionSummary['changes'][number];
export type AgreementInput = RequestJson<
  paths['/api/v1/trajectories/{id}/plan/versions/{version}/agreement']['post']['requestBody']
>;
export type AgreementMethod = AgreementInput['method'];
export type Referral = JsonOf<
  paths['/api/v1/trajectories/{id}/referrals']['get']['responses'][200]
>['items'][number];
export type ReferralInput = RequestJson<
  paths['/api/v1/trajectories/{id}/referrals']['post']['requestBody']
>;
export type ReferralKind = ReferralInput['kind'];
export type ConsentScopeItem = NonNullable<ReferralInput['consent']>['scope'][number];
export type WmoProvision = NonNullable<ReferralInput['wmoProvision']>;

/** The extra members of a 409 on PUT /plan: what the other save changed since this edit began. */
export interface PlanConflict extends Problem {
  currentVersion?: number;
  savedBy?: string | null;
  savedAt?: string | null;
  changes?: PlanChange[];
}

export const TRAJECTORY_STATUSES = [
  'open',
  'follow_up',
  'aftercare',
  'closed',
] as const satisfies readonly TrajectoryStatus[];
export const SCALE_LEVELS = [
  'informal',
  'team',
  'specialist_task',
  'handed_over',
] as const satisfies readonly ScaleLevel[];
export const TRAJECTORY_OUTCOMES = [
  'goals_achieved',
  'partly_achieved',
  'not_achieved',
  'moved_away',
  'stopped_by_resident',
  'handed_over',
] as const satisfies readonly TrajectoryOutcome[];
export const JOURNAL_KINDS = [
  'home_visit',
  'phone',
  'office',
  'video',
  'message',
  'case_conference',
  'other',
] as const satisfies readonly JournalKind[];
export const PLAN_QUESTIONS = [
  'own_strength',
  'network',
  'volunteer',
  'collective',
  'team',
  'specialist',
  'become_active',
  'contribute',
] as const satisfies readonly PlanQuestion[];
export const ACTION_OWNER_TYPES = [
  'resident',
  'network',
  'volunteer',
  'collective',
  'team',
  'specialist',
] as const satisfies readonly ActionOwnerType[];
export const ACTION_STATUSES = [
  'open',
  'done',
  'dropped',
] as const satisfies readonly ActionStatus[];
export const NETWORK_RELATIONS = [
  'family',
  'friend',
  'neighbour',
  'volunteer',
  'informal_carer',
  'professional',
  'other',
] as const satisfies readonly NetworkRelation[];
export const AGREEMENT_METHODS = [
  'in_person',
  'signature',
  'portal',
  'verbal',
] as const satisfies readonly AgreementMethod[];
export const REFERRAL_KINDS = [
  'specialist_task',
  'handover',
  'wmo_advice',
] as const satisfies readonly ReferralKind[];
export const CONSENT_SCOPE_ITEMS = [
  'contact_details',
  'question',
  'plan',
  'network',
] as const satisfies readonly ConsentScopeItem[];
export const WMO_PROVISIONS = [
  'transport',
  'wheelchair',
  'home_adaptation',
  'other',
] as const satisfies readonly WmoProvision[];
