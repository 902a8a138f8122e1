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
}
