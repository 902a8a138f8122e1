// Deny by default: every API route declares who may call it, and the server refuses to start
// when one does not (CONVENTIONS.md, habit 4). Authentication and CSRF are checked here, before
// the body is even parsed, so that an outsider learns nothing from validation errors. The reads
// in one statement (access.rolesCheckedByRead, ADR 0005) are the exception: a GET without a body,
// whose path and query are validated before its read checks the session. A caller with a cookie
// that is no session can learn there that an id is not a UUID, which openapi.json says anyway.
import { createHash, timingSafeEqual } from 'node:crypto';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import pg from 'pg';
import type { ActorRole } from '../db/schema.js';
import type { Config } from '../config.js';
import { poolSizeOf, runSessionCheck, TENANT_SETTINGS, type Db, type TenantSetting } from './db.js';
import {
  finishRequestTransaction,
  runInRequestTransaction,
  type RequestTransaction,
} from './request-transaction.js';
import { glassGrantsOf, type Actor, type ServiceContext } from './context.js';
import { AppError } from './errors.js';
import type { ReadContext } from './read-in-one-statement.js';

export type AccessRule =
  | { kind: 'public' }
  | {
      kind: 'roles';
      roles: readonly ActorRole[];
      /** 'read': the read checks the session itself, in one statement (read-in-one-statement.ts). */
      sessionCheck?: 'read';
    };

export const access = {
  /** No session needed (health, sign-in, the API description). */
  public: (): AccessRule => ({ kind: 'public' }),
  /** A signed-in user with one of these roles. */
  roles: (...roles: ActorRole[]): AccessRule => ({ kind: 'roles', roles }),
  /**
   * A signed-in user with one of these roles, checked by the service's read itself, in the same
   * statement (readInOneStatement): only for a GET whose service reads that way.
   */
  rolesCheckedByRead: (...roles: ActorRole[]): AccessRule => ({
    kind: 'roles',
    roles,
    sessionCheck: 'read',
  }),
};

declare module 'fastify' {
  interface FastifyContextConfig {
    access?: AccessRule;
  }
  interface FastifyRequest {
    actor: Actor | null;
    /** Opened by the session check; see request-transaction.ts. */
    requestTransaction: RequestTransaction | null;
    /** While a small body arrives: ends the held transaction if it takes too long. */
    bodyWait: { timer: NodeJS.Timeout; release: () => void } | null;
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

interface SessionRow {
  staff_id: string;
  municipality_id: string;
  name: string;
  role: ActorRole;
  team_ids: string[];
  csrf_token: string;
  household_id: string | null;
  glass_household_ids: string[];
  glass_team_ids: string[];
  due_for_touch: boolean;
}

/**
 * The caller's own tenant scope, as SQL over the session row `s`: what caseScopeOf gives a worker
 * (own teams, the households opened by breaking the glass) and the portal a resident (their
 * household). A service that needs another scope sets it; one that needs this one sets nothing.
 */
const OWN_SCOPE: Record<TenantSetting, string> = {
  'app.municipality_id': 's.municipality_id::text',
  'app.team_ids': "array_to_string(s.team_ids, ',')",
  'app.organisation_id': "''",
  'app.glass_household_ids': "array_to_string(s.glass_household_ids, ',')",
  'app.resident_household_id': "coalesce(s.household_id::text, '')",
};

/**
 * The session check as the first statement of the request's transaction: the session row, and the
 * caller's own scope set for the transaction (`set_config` returns what it set, read back as
 * scope_0..4). The token's hash is hex and the limits are whole numbers, quoted all the same.
 */
function sessionCheck(tokenHash: string, config: Config): string {
  const scope = TENANT_SETTINGS.map(
    (name, i) => `set_config(${pg.escapeLiteral(name)}, ${OWN_SCOPE[name]}, true) as scope_${i}`,
  ).join(', ');
  return `select s.*, ${scope} from auth_request(${sessionArguments(tokenHash, config)}) s`;
}

/** auth_request's and touch_session's arguments: the token's hash and the two time limits. */
function sessionArguments(tokenHash: string, config: Config): string {
  const { idleSeconds, absoluteSeconds } = sessionLimits(config);
  return `${pg.escapeLiteral(tokenHash)}, ${idleSeconds}, ${absoluteSeconds}`;
}

/** A session's two time limits in whole seconds, as the session functions take them. */
function sessionLimits(config: Config): { idleSeconds: number; absoluteSeconds: number } {
  return {
    idleSeconds: Math.trunc(config.SESSION_IDLE_MINUTES * 60),
    absoluteSeconds: Math.trunc(config.SESSION_ABSOLUTE_HOURS * 3600),
  };
}

/**
 * A request without a body reaches its handler at once, so its session check can open the
 * transaction the handler continues. So does one with a small body (a contact, a plan, a new
 * registration): it arrives with its headers, and the handler follows within a millisecond. A
 * larger body or one of unknown length may take a while to upload (a signal list), and must not
 * hold a connection meanwhile: its check runs on its own, as a single message.
 */
function uploadsFirst(request: FastifyRequest): boolean {
  if (request.headers['transfer-encoding'] !== undefined) return true;
  const length = request.headers['content-length'];
  return length !== undefined && !(Number(length) <= SMALL_BODY_BYTES);
}

/** What counts as a small body: a JSON form of any size a person types, with room to spare. */
export const SMALL_BODY_BYTES = 16 * 1024;

/**
 * How long a small body may take to arrive while its request holds a transaction. A client that
 * is slower (on purpose or not) has its transaction ended and the connection returned; its
 * handler then begins a transaction of its own, as for a large body.
 */
export const SMALL_BODY_WAIT_MS = 1000;

function actorOf(row: SessionRow): Actor {
  return {
    staffId: row.staff_id,
    municipalityId: row.municipality_id,
    name: row.name,
    role: row.role,
    teamIds: row.team_ids,
    csrfToken: row.csrf_token,
    householdId: row.household_id,
    // Break-the-glass grants come with the session (one statement instead of a transaction).
    glassGrants: glassGrantsOf(row.glass_household_ids, row.glass_team_ids),
  };
}

/**
 * Checks the session and opens the request's transaction with it (request-transaction.ts). A
 * refusal ends the transaction before it is reported, so that a refused request holds no
 * connection while its refusal is audited. Answers false when the client has gone meanwhile.
 */
async function authenticate(
  db: Db,
  config: Config,
  request: FastifyRequest,
  rule: Extract<AccessRule, { kind: 'roles' }>,
): Promise<boolean> {
  const token = request.cookies[SESSION_COOKIE];
  if (!token) throw new AppError('unauthenticated');
  const tokenHash = hashToken(token);
  if (uploadsFirst(request)) {
    // The touch checks the same limits itself, so it can go in the same message unconditionally.
    const check = `${sessionCheck(tokenHash, config)}; select touch_session(${sessionArguments(tokenHash, config)})`;
    const { rows } = await runSessionCheck(db, check, false);
    const row = rows[0] as SessionRow | undefined;
    if (!row) throw new AppError('unauthenticated');
    checkRequest(request, rule, actorOf(row));
    return true;
  }
  const transaction = await checkAndHold(db, config, request, rule, tokenHash);
  if (!transaction) return false;
  // Almost always a small body has arrived with its headers by now (complete), and the handler
  // follows at once. One still on its way may hold the connection for a while, but only within
  // the limit of bodyWaits; beyond it the transaction ends now and the handler begins its own.
  const waitsForBody = request.headers['content-length'] !== undefined && !request.raw.complete;
  if (waitsForBody && !bodyWaits.reserve(db)) {
    await finishRequestTransaction(transaction);
    return true;
  }
  request.requestTransaction = transaction;
  if (waitsForBody) {
    const timer = setTimeout(() => {
      endBodyWait(request);
      finishRequestTransaction(transaction).catch((error: unknown) =>
        request.log.warn({ err: error }, 'request transaction not committed'),
      );
    }, SMALL_BODY_WAIT_MS);
    request.bodyWait = { timer, release: () => bodyWaits.release(db) };
  }
  return true;
}

/**
 * The session check that opens the request's transaction, or null when there is none to hand
 * over (the client has gone). A refusal ends the transaction and is thrown.
 */
async function checkAndHold(
  db: Db,
  config: Config,
  request: FastifyRequest,
  rule: Extract<AccessRule, { kind: 'roles' }>,
  tokenHash: string,
): Promise<RequestTransaction | null> {
  const { rows, transaction } = await runSessionCheck(db, sessionCheck(tokenHash, config), true);
  const row = rows[0] as (SessionRow & Record<`scope_${number}`, string>) | undefined;
  if (!transaction) throw new Error('a held session check comes with its transaction');
  if (!row) {
    await finishRequestTransaction(transaction, 'rollback');
    throw new AppError('unauthenticated');
  }
  transaction.applied = TENANT_SETTINGS.map((name, i) => [name, row[`scope_${i}`] ?? ''] as const);
  // A session in use stays alive: touched at most every 15 s, with the request's commit.
  if (row.due_for_touch)
    transaction.withCommit.push(`select touch_session(${sessionArguments(tokenHash, config)})`);
  try {
    checkRequest(request, rule, actorOf(row));
  } catch (error) {
    await finishRequestTransaction(transaction);
    throw error;
  }
  if (request.raw.socket.destroyed) {
    // The client went away while its check waited for a connection. Its onRequestAbort has run
    // already and found no transaction, and nothing will take this one: end it now instead of
    // after the body wait. In the bench, 50 clients that left at once held a pool of 10 for 4 s.
    await finishRequestTransaction(transaction);
    return null;
  }
  return transaction;
}

/**
 * How many requests of a Db hold a connection while their small body is still on its way. At most
 * half the pool (at least one): clients on a slow line, or one that sends its headers and waits on
 * purpose, can then never take every connection.
 */
const bodyWaits = {
  waiting: new WeakMap<Db, number>(),
  limit: (db: Db) => Math.max(1, Math.floor(poolSizeOf(db) / 2)),
  reserve(db: Db): boolean {
    const waiting = this.waiting.get(db) ?? 0;
    if (waiting >= this.limit(db)) return false;
    this.waiting.set(db, waiting + 1);
    return true;
  },
  release(db: Db): void {
    this.waiting.set(db, Math.max(0, (this.waiting.get(db) ?? 0) - 1));
  },
};

/** The body arrived, or the wait is over: the request no longer counts as waiting for it. */
function endBodyWait(request: FastifyRequest): void {
  const wait = request.bodyWait;
  if (!wait) return;
  request.bodyWait = null;
  clearTimeout(wait.timer);
  wait.release();
}

/** CSRF for a state-changing request, then the route's roles. */
function checkRequest(
  request: FastifyRequest,
  rule: Extract<AccessRule, { kind: 'roles' }>,
  actor: Actor,
): void {
  if (!SAFE_METHODS.has(request.method)) {
    const sent = request.headers['x-csrf-token'];
    if (typeof sent !== 'string' || !sameToken(sent, actor.csrfToken)) {
      throw new AppError('csrf_failed');
    }
  }
  // Known before the role check, so that a refusal is audited with who was refused.
  request.actor = actor;
  if (!rule.roles.includes(actor.role)) throw new AppError('forbidden');
}

export function registerAccessControl(app: FastifyInstance, db: Db, config: Config): void {
  app.decorateRequest('actor', null);
  app.decorateRequest('requestTransaction', null);
  app.decorateRequest('bodyWait', null);

  app.addHook('onRoute', (route) => {
    const isApi = route.url.startsWith('/api/');
    // The Swagger UI plugin serves its own static files; everything else under /api is ours.
    const isDocsAsset = route.url.startsWith('/api/docs');
    const rule = route.config?.access;
    if (isApi && !isDocsAsset && !rule) {
      throw new Error(`Route ${route.method.toString()} ${route.url} declares no access rule`);
    }
    // Only a read (and the HEAD Fastify adds to it) may skip the check before the handler: a
    // change needs its CSRF check first.
    const isRead = route.method === 'GET' || route.method === 'HEAD';
    if (rule?.kind === 'roles' && rule.sessionCheck === 'read' && !isRead) {
      throw new Error(
        `Route ${route.method.toString()} ${route.url}: only a GET checks in its read`,
      );
    }
  });

  app.addHook('onRequest', (request, reply, done) => {
    const rule = request.routeOptions.config?.access;
    if (!rule || rule.kind === 'public') return done();
    // Without a cookie there is nothing to check, here or in the read.
    if (rule.sessionCheck === 'read')
      return done(request.cookies[SESSION_COOKIE] ? undefined : new AppError('unauthenticated'));
    authenticate(db, config, request, rule).then((clientStayed) => {
      // A read for a client that has gone is not done (nor audited): nobody would see it, and
      // under load the connection is better spent on those still waiting. A change still is:
      // its client may have sent it just before the line dropped.
      if (!clientStayed && SAFE_METHODS.has(request.method)) {
        request.log.info('client left before its read: not read');
        reply.hijack();
      }
      done();
    }, done);
  });

  // The request's transaction reaches the handler's inTenant through the async context, which
  // is set here, after the body is parsed: the parser's stream events run outside any context
  // set before.
  app.addHook('preHandler', (request, _reply, done) => {
    endBodyWait(request);
    const transaction = request.requestTransaction;
    if (transaction) runInRequestTransaction(transaction, done);
    else done();
  });

  // A request that never asked for a connection (or failed before it did) commits before its
  // answer leaves: an answer means its transaction is over (the session's touch included).
  const finish = async (request: FastifyRequest) => {
    endBodyWait(request);
    const transaction = request.requestTransaction;
    if (!transaction) return;
    await finishRequestTransaction(transaction).catch((error: unknown) =>
      request.log.warn({ err: error }, 'request transaction not committed'),
    );
  };
  app.addHook('onSend', async (request, _reply, payload) => {
    await finish(request);
    return payload;
  });
  // An answer that was never sent (the client went away): the connection comes back all the same.
  app.addHook('onRequestAbort', finish);
  app.addHook('onResponse', finish);
}

/** The context of a service that reads in one statement, session check included (access.rolesCheckedByRead). */
export function readContextOf(request: FastifyRequest, db: Db, config: Config): ReadContext {
  const rule = request.routeOptions.config?.access;
  // A route wired to the wrong rule is a bug to see at once, not a 401 for every caller.
  if (rule?.kind !== 'roles' || rule.sessionCheck !== 'read')
    throw new Error(
      `${request.routeOptions.url ?? 'route'}: readContextOf needs rolesCheckedByRead`,
    );
  const token = request.cookies[SESSION_COOKIE];
  if (!token) throw new AppError('unauthenticated');
  return {
    db,
    requestId: request.id,
    session: { tokenHash: hashToken(token), ...sessionLimits(config), roles: rule.roles },
    identify: (actor) => {
      request.actor = actor;
    },
  };
}

/** The service context of a route that requires a signed-in user. */
export function contextOf(request: FastifyRequest, db: Db, config: Config): ServiceContext {
  if (!request.actor) throw new AppError('unauthenticated');
  return { db, config, actor: request.actor, requestId: request.id };
}
