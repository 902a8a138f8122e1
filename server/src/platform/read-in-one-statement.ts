// A read in one statement (docs/adr/0005-hot-reads-in-one-statement.md): the session check, the
// role check, the caller's scope, the read and its audit rows in one SQL function, in one message
// to PostgreSQL, for the reads a worker makes most. Every other request keeps the session check of
// access.ts and the transaction of its service (three messages and more).
//
// The function answers {caller, <what was read>} as JSON (see open_read in the migration
// 20261124T1000): no caller means no live session (401); a caller who is not allowed is refused
// (403); a caller without the rest asked for something outside their scope or that does not exist
// (404). The caller becomes the request's actor either way, so that a refusal is audited with who
// was refused (refused-access.ts), as for every other route.
import { sql } from 'kysely';
import type { ActorRole } from '../db/schema.js';
import { glassGrantsOf, type Actor } from './context.js';
import type { Db } from './db.js';
import { AppError, notFound } from './errors.js';

/** What a route hands its service for a read in one statement: no actor yet, the session to check. */
export interface ReadContext {
  db: Db;
  requestId: string;
  session: {
    /** The hash of the session cookie's token, as the sessions table keeps it. */
    tokenHash: string;
    /** The session's time limits, as auth_request takes them (access.ts, sessionLimits). */
    idleSeconds: number;
    absoluteSeconds: number;
    /** The route's roles (its access rule). */
    roles: readonly ActorRole[];
  };
  /** Makes the checked caller the request's actor (for the refusal audit and the logs). */
  identify(actor: Actor): void;
}

/** The caller as open_read builds it: the actor, with its grants as two arrays, and the role check. */
type CallerJson = Omit<Actor, 'glassGrants'> & {
  glassHouseholdIds: string[];
  glassTeamIds: string[];
  allowed: boolean;
};

/** The reads that exist as SQL functions (named here so that no other text reaches the query). */
type ReadFunction = 'read_household' | 'read_trajectory' | 'read_plan' | 'read_assessments';

/**
 * Calls `fn` with the session's arguments and `args` (as parameters) and answers its `key`, or
 * throws the refusal the caller gets. A missing `key` is a 404.
 */
export async function readInOneStatement<T>(
  ctx: ReadContext,
  fn: ReadFunction,
  key: string,
  args: readonly unknown[],
): Promise<T> {
  return (await readPartsInOneStatement<Record<string, unknown>>(ctx, fn, key, args))[key] as T;
}

/**
 * As readInOneStatement, for a function that answers more than one part (read_assessments: the
 * rows and the trajectory's moments): answers every part but the caller. A missing `key` is a 404.
 */
export async function readPartsInOneStatement<T extends Record<string, unknown>>(
  ctx: ReadContext,
  fn: ReadFunction,
  key: keyof T & string,
  args: readonly unknown[],
): Promise<T> {
  const values = [
    ctx.session.tokenHash,
    ctx.session.idleSeconds,
    ctx.session.absoluteSeconds,
    ctx.session.roles,
    ctx.requestId,
    ...args,
  ];
  const { rows } = await sql<{ result: Record<string, unknown> & { caller: CallerJson | null } }>`
    select ${sql.raw(fn)}(${sql.join(values.map((value) => sql.val(value)))}) as result
  `.execute(ctx.db);
  const result = rows[0]?.result;
  const caller = result?.caller;
  if (!caller) throw new AppError('unauthenticated');
  ctx.identify(actorOf(caller));
  if (!caller.allowed) throw new AppError('forbidden');
  const found = result[key];
  if (found === undefined || found === null) throw notFound();
  const parts: Record<string, unknown> = { ...result };
  delete parts.caller;
  return parts as T;
}

function actorOf(caller: CallerJson): Actor {
  return {
    staffId: caller.staffId,
    municipalityId: caller.municipalityId,
    name: caller.name,
    role: caller.role,
    teamIds: caller.teamIds,
    csrfToken: caller.csrfToken,
    householdId: caller.householdId,
    glassGrants: glassGrantsOf(caller.glassHouseholdIds, caller.glassTeamIds),
  };
}
