// Deny by default: every API route declares who may call it, and the server refuses to start
// when one does not (CONVENTIONS.md, habit 4). Authentication and CSRF are checked here, before
// the body is even parsed, so that an outsider learns nothing from validation errors.
import { createHash, timingSafeEqual } from 'node:crypto';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { sql } from 'kysely';
import type { ActorRole } from '../db/schema.js';
import type { Config } from '../config.js';
import type { Db } from './db.js';
import type { Actor, ServiceContext } from './context.js';
import { AppError } from './errors.js';

export type AccessRule = { kind: 'public' } | { kind: 'roles'; roles: readonly ActorRole[] };

export const access = {
  /** No session needed (health, sign-in, the API description). */
  public: (): AccessRule => ({ kind: 'public' }),
  /** A signed-in user with one of these roles. */
  roles: (...roles: ActorRole[]): AccessRule => ({ kind: 'roles', roles }),
};

declare module 'fastify' {
  interface FastifyContextConfig {
    access?: AccessRule;
  }
  interface FastifyRequest {
    actor: Actor | null;
  }
}

export const SESSION_COOKIE = 'sk_session';

export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

function sameToken(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
}

export async function findSessionActor(
  db: Db,
  config: Config,
  token: string,
): Promise<Actor | null> {
  const { rows } = await sql<{
    staff_id: string;
    municipality_id: string;
    name: string;
    role: ActorRole;
    team_ids: string[];
    csrf_token: string;
    household_id: string | null;
    glass_household_ids: string[];
    glass_team_ids: string[];
  }>`select * from auth_session(${hashToken(token)}, ${config.SESSION_IDLE_MINUTES * 60}, ${
    config.SESSION_ABSOLUTE_HOURS * 3600
  })`.execute(db);
  const row = rows[0];
  if (!row) return null;
  return {
    staffId: row.staff_id,
    municipalityId: row.municipality_id,
    name: row.name,
    role: row.role,
    teamIds: row.team_ids,
    csrfToken: row.csrf_token,
    householdId: row.household_id,
    // Break-the-glass grants come with the session (one statement instead of a transaction).
    glassGrants: row.glass_household_ids.map((householdId, i) => ({
      householdId,
      teamId: row.glass_team_ids[i] ?? '',
    })),
  };
}

export function registerAccessControl(app: FastifyInstance, db: Db, config: Config): void {
  app.decorateRequest('actor', null);

  app.addHook('onRoute', (route) => {
    const isApi = route.url.startsWith('/api/');
    // The Swagger UI plugin serves its own static files; everything else under /api is ours.
    const isDocsAsset = route.url.startsWith('/api/docs');
    if (isApi && !isDocsAsset && !route.config?.access) {
      throw new Error(`Route ${route.method.toString()} ${route.url} declares no access rule`);
    }
  });

  app.addHook('onRequest', async (request: FastifyRequest) => {
    const rule = request.routeOptions.config?.access;
    if (!rule || rule.kind === 'public') return;
    const token = request.cookies[SESSION_COOKIE];
    const actor = token ? await findSessionActor(db, config, token) : null;
    if (!actor) throw new AppError('unauthenticated');
    if (!SAFE_METHODS.has(request.method)) {
      const sent = request.headers['x-csrf-token'];
      if (typeof sent !== 'string' || !sameToken(sent, actor.csrfToken)) {
        throw new AppError('csrf_failed');
      }
    }
    // Known before the role check, so that a refusal is audited with who was refused.
    request.actor = actor;
    if (!rule.roles.includes(actor.role)) throw new AppError('forbidden');
  });
}

/** The service context of a route that requires a signed-in user. */
export function contextOf(request: FastifyRequest, db: Db, config: Config): ServiceContext {
  if (!request.actor) throw new AppError('unauthenticated');
  return { db, config, actor: request.actor, requestId: request.id };
}
