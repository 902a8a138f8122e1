// Sign-in through the municipality's own identity provider (OpenID Connect, authorization code
// flow with PKCE, state and nonce), with the certified `openid-client` library doing discovery,
// the code exchange and the ID token checks (signature, issuer, audience, nonce, expiry). What is
// ours: which staff account an ID token means, and that the result is a normal Samenkracht session.
//
// The IdP is the second factor here: staff who sign in this way are not asked for a TOTP code.
// A municipality that connects its IdP must have multi-factor authentication there (ADR 0004).
import * as client from 'openid-client';
import { sql } from 'kysely';
import type { AnonymousContext } from '../../platform/context.js';
import { inTenant } from '../../platform/db.js';
import { writeAudit } from '../../platform/audit.js';
import { open, seal } from '../../platform/secret-box.js';
import { loadSignInSettings, type SignInSettings } from './sign-in-settings.service.js';
import { openStaffSession } from './auth.service.js';
import { AppReturnPath } from './auth.schemas.js';

export const OIDC_STATE_COOKIE = 'sk_oidc';
export const OIDC_STATE_MINUTES = 10;
export const CALLBACK_PATH = '/api/v1/auth/oidc/callback';

/** Why a sign-in through the identity provider did not work (shown on the sign-in screen). */
export type OidcFailureReason = 'oidc_unavailable' | 'oidc_failed' | 'oidc_unknown_user';

export class OidcFailure extends Error {
  constructor(
    readonly reason: OidcFailureReason,
    readonly detail: string,
  ) {
    super(`${reason}: ${detail}`);
  }
}

interface FlowState {
  municipalityId: string;
  state: string;
  nonce: string;
  codeVerifier: string;
  expiresAt: number;
  /** The app's page to go to afterwards (an AppReturnPath; absent in older cookies: "/"). */
  returnTo?: string;
}

/** The library's message and its cause ("invalid response encountered: unexpected state"). */
function describe(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  return error.cause instanceof Error ? `${error.message}: ${error.cause.message}` : error.message;
}

const LOOPBACK = new Set(['localhost', '127.0.0.1', '[::1]']);

/** Discovery and the client settings. Plain http only for a provider on this machine (tests). */
async function clientConfiguration(
  secretKey: string,
  settings: SignInSettings,
): Promise<client.Configuration> {
  const issuer = new URL(settings.oidc.issuer);
  const secret = open(secretKey, 'oidc-client-secret', settings.oidc.clientSecretSealed).toString();
  const insecureAllowed = issuer.protocol === 'http:' && LOOPBACK.has(issuer.hostname);
  return client.discovery(
    issuer,
    settings.oidc.clientId,
    undefined,
    client.ClientSecretBasic(secret),
    insecureAllowed ? { execute: [client.allowInsecureRequests], timeout: 10 } : { timeout: 10 },
  );
}

export async function listIdentityProviders(ctx: AnonymousContext) {
  const { rows } = await sql<{ municipality_id: string; display_name: string }>`
    select * from auth_identity_providers()`.execute(ctx.db);
  return {
    items: rows.map((r) => ({
      municipalityId: r.municipality_id,
      displayName: r.display_name,
      startUrl: `/api/v1/auth/oidc/${r.municipality_id}/start`,
    })),
    nextCursor: null,
  };
}

/**
 * The address to send the browser to, and the sealed flow state for the cookie. `returnTo` (an
 * AppReturnPath, checked by the route) travels sealed in the cookie, so the return cannot be
 * changed on the way.
 */
export async function startOidcSignIn(
  ctx: AnonymousContext,
  municipalityId: string,
  returnTo = '/',
): Promise<{ authorizationUrl: string; stateCookie: string }> {
  const settings = await inTenant(ctx.db, { municipalityId, teamIds: [] }, (trx) =>
    loadSignInSettings(trx, municipalityId),
  );
  if (!settings.oidc.enabled) throw new OidcFailure('oidc_unavailable', 'not configured');
  let configuration: client.Configuration;
  try {
    configuration = await clientConfiguration(ctx.config.secretKey, settings);
  } catch (error) {
    throw new OidcFailure('oidc_unavailable', describe(error));
  }
  const flow: FlowState = {
    municipalityId,
    state: client.randomState(),
    nonce: client.randomNonce(),
    codeVerifier: client.randomPKCECodeVerifier(),
    expiresAt: Date.now() + OIDC_STATE_MINUTES * 60_000,
    returnTo,
  };
  const url = client.buildAuthorizationUrl(configuration, {
    redirect_uri: `${ctx.config.publicUrl}${CALLBACK_PATH}`,
    scope: 'openid email profile',
    code_challenge: await client.calculatePKCECodeChallenge(flow.codeVerifier),
    code_challenge_method: 'S256',
    state: flow.state,
    nonce: flow.nonce,
  });
  return {
    authorizationUrl: url.href,
    stateCookie: seal(ctx.config.secretKey, 'oidc-state', Buffer.from(JSON.stringify(flow))),
  };
}

function readFlow(secretKey: string, cookie: string | undefined): FlowState {
  if (!cookie) throw new OidcFailure('oidc_failed', 'no flow state');
  let flow: FlowState;
  try {
    flow = JSON.parse(open(secretKey, 'oidc-state', cookie).toString()) as FlowState;
  } catch {
    throw new OidcFailure('oidc_failed', 'flow state unreadable');
  }
  if (flow.expiresAt < Date.now()) throw new OidcFailure('oidc_failed', 'flow state expired');
  return flow;
}

/** Where to send the browser after signing in: the flow's own page of the app, or the start. */
function returnPathOf(flow: FlowState): string {
  // Checked again, though we sealed it ourselves: a redirect to another site must never happen.
  const checked = AppReturnPath.safeParse(flow.returnTo);
  return checked.success ? checked.data : '/';
}

/**
 * The return from the identity provider: checks everything, then opens a normal session. Gives
 * the session's token and the page of the app to go on to.
 */
export async function finishOidcSignIn(
  ctx: AnonymousContext,
  callbackPathAndQuery: string,
  stateCookie: string | undefined,
): Promise<{ token: string; returnTo: string }> {
  const flow = readFlow(ctx.config.secretKey, stateCookie);
  const scope = { municipalityId: flow.municipalityId, teamIds: [] };
  const settings = await inTenant(ctx.db, scope, (trx) =>
    loadSignInSettings(trx, flow.municipalityId),
  );
  if (!settings.oidc.enabled) throw new OidcFailure('oidc_unavailable', 'not configured');
  let claims: client.IDToken;
  try {
    const configuration = await clientConfiguration(ctx.config.secretKey, settings);
    const tokens = await client.authorizationCodeGrant(
      configuration,
      new URL(callbackPathAndQuery, ctx.config.publicUrl),
      {
        pkceCodeVerifier: flow.codeVerifier,
        expectedState: flow.state,
        expectedNonce: flow.nonce,
        idTokenExpected: true,
      },
      { redirect_uri: `${ctx.config.publicUrl}${CALLBACK_PATH}` },
    );
    const idClaims = tokens.claims();
    if (!idClaims) throw new Error('no ID token');
    claims = idClaims;
  } catch (error) {
    await auditFailure(ctx, flow.municipalityId, describe(error));
    throw new OidcFailure('oidc_failed', describe(error));
  }

  const opened = await inTenant(ctx.db, scope, async (trx) => {
    let query = trx
      .selectFrom('staff')
      .select('id')
      .where('municipality_id', '=', flow.municipalityId)
      .where('active', '=', true);
    if (settings.oidc.matchClaim === 'sub') {
      query = query.where('oidc_subject', '=', claims.sub);
    } else {
      const email = typeof claims.email === 'string' ? claims.email.toLowerCase() : '';
      const domain = settings.oidc.emailDomain;
      // Only an address the provider vouches for proves anything: not one it calls unverified,
      // nor one it says nothing about (such a provider is matched on the subject instead).
      if (!email || claims.email_verified !== true) return null;
      if (domain && !email.endsWith(`@${domain}`)) return null;
      query = query.where(sql<string>`lower(email)`, '=', email);
    }
    const staff = await query.executeTakeFirst();
    if (!staff) return null;
    return openStaffSession(trx, ctx.requestId, flow.municipalityId, staff.id, 'oidc');
  });
  if (!opened) {
    await auditFailure(ctx, flow.municipalityId, 'no matching staff account');
    throw new OidcFailure('oidc_unknown_user', 'no matching staff account');
  }
  return { token: opened.token, returnTo: returnPathOf(flow) };
}

async function auditFailure(ctx: AnonymousContext, municipalityId: string, why: string) {
  await inTenant(ctx.db, { municipalityId, teamIds: [] }, (trx) =>
    writeAudit(trx, { municipalityId, staffId: null, role: 'unknown' }, ctx.requestId, {
      action: 'auth.oidc_login',
      objectType: 'session',
      // The library's message (state mismatch, wrong issuer, ...) names no person.
      reason: why.slice(0, 200),
      result: 'failure',
    }),
  );
}
