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
