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
