// What a service needs to know about the caller. Built once per request by platform/access.ts.
import type { ActorRole } from '../db/schema.js';
import type { Db } from './db.js';
import type { Config } from '../config.js';

export interface Actor {
  staffId: string;
  municipalityId: string;
  name: string;
  role: ActorRole;
  teamIds: string[];
  csrfToken: string;
  /** For a resident: their household (and `staffId` holds their resident id). */
  householdId: string | null;
  /** Households opened read-only by breaking the glass (active grants, read with the session). */
  glassGrants?: readonly { householdId: string; teamId: string }[];
}

/**
 * The break-the-glass grants of a session, which PostgreSQL hands over as two arrays of the same
 * order (auth_request and open_read): household ids and their teams.
 */
export function glassGrantsOf(
  householdIds: readonly string[],
  teamIds: readonly string[],
): NonNullable<Actor['glassGrants']> {
  return householdIds.map((householdId, i) => ({ householdId, teamId: teamIds[i] ?? '' }));
}

export interface ServiceContext {
  db: Db;
  config: Config;
  actor: Actor;
  requestId: string;
}

/** Context for work that has no signed-in caller yet (sign-in itself). */
export interface AnonymousContext {
  db: Db;
  config: Config;
  requestId: string;
  clientAddress: string;
}
