// Sign-in through a municipality's identity provider, against a real OpenID Connect provider
// (the `oidc-provider` package) on a local port, with real HTTP at the provider.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import type { LightMyRequestResponse } from 'fastify';
import { createDemoEnv, login, call, type Session, type TestEnv } from '../../../test/harness.js';
import {
  signInAtProvider,
  startTestProvider,
  type TestProvider,
} from '../../../test/oidc-test-provider.js';

const PUBLIC_URL = 'http://samenkracht.test:8080';
const CALLBACK = `${PUBLIC_URL}/api/v1/auth/oidc/callback`;

let env: TestEnv;
let provider: TestProvider;
let admin: Session;
let municipalityId: string;
let version = 0;

beforeAll(async () => {
  env = await createDemoEnv({ PUBLIC_URL });
  provider = await startTestProvider(CALLBACK, {
    'idp-sanne': { email: 'Worker@Maastricht.demo' },
    'idp-bart': { email: 'admin@maastricht.demo' },
    'idp-onbekend': { email: 'onbekend@maastricht.demo' },
    'idp-elders': { email: 'worker2@elders.example' },
    'idp-unverified': { email: 'teamlead@maastricht.demo', emailVerified: false },
    'idp-unsaid': { email: 'teamlead@maastricht.demo', emailVerified: null },
    'fatima-subject-0042': { email: 'iemand.anders@maastricht.demo' },
  });
  admin = await login(env.app, 'admin@maastricht.demo');
  municipalityId = admin.user.municipalityId;
});
afterAll(async () => {
  await provider?.close();
});

async function configure(overrides: {
  issuer?: string;
  matchClaim?: 'email' | 'sub';
  enabled?: boolean;
}) {
  const response = await call(env.app, admin, 'PUT', '/api/v1/admin/sign-in', {
    version,
    totpExtraRoles: [],
    oidc: {
      enabled: overrides.enabled ?? true,
      displayName: 'Gemeente Maastricht (test-IdP)',
      issuer: overrides.issuer ?? provider.issuer,
      clientId: provider.clientId,
      clientSecret: provider.clientSecret,
      emailDomain: 'maastricht.demo',
      matchClaim: overrides.matchClaim ?? 'email',
    },
  });
  expect(response.statusCode, response.body).toBe(200);
  version = response.json<{ version: number }>().version;
}

async function start(
  returnTo?: string,
): Promise<{ authorizationUrl: string; stateCookie: string }> {
  const query = returnTo === undefined ? '' : `?returnTo=${encodeURIComponent(returnTo)}`;
  const response = await env.app.inject({
    method: 'GET',
    url: `/api/v1/auth/oidc/${municipalityId}/start${query}`,
  });
  expect(response.statusCode, response.body).toBe(302);
  const cookie = response.cookies.find((c) => c.name === 'sk_oidc');
  expect(cookie?.sameSite).toBe('Lax');
  expect(cookie?.httpOnly).toBe(true);
  return { authorizationUrl: String(response.headers.location), stateCookie: cookie?.value ?? '' };
}

function callback(returnUrl: string, stateCookie: string): Promise<LightMyRequestResponse> {
  const url = new URL(returnUrl);
  return env.app.inject({
    method: 'GET',
    url: `${url.pathname}${url.search}`,
    headers: { cookie: `sk_oidc=${stateCookie}` },
  });
}

async function signInAs(accountId: string): Promise<LightMyRequestResponse> {
  const { authorizationUrl, stateCookie } = await start();
  const returnUrl = await signInAtProvider(authorizationUrl, accountId, CALLBACK);
  return callback(returnUrl, stateCookie);
}

async function me(response: LightMyRequestResponse) {
  const session = response.cookies.find((c) => c.name === 'sk_session');
  if (!session) return null;
  const answer = await env.app.inject({
    method: 'GET',
    url: '/api/v1/auth/me',
    headers: { cookie: `sk_session=${session.value}` },
  });
  return answer.json<{ user: { name: string; role: string } }>().user;
}

describe('signing in through the municipality identity provider', () => {
  it('lists no provider before one is configured', async () => {
    const list = await env.app.inject({ method: 'GET', url: '/api/v1/auth/identity-providers' });
    expect(list.json()).toEqual({ items: [], nextCursor: null });
  });

  it('runs the whole code flow with PKCE and gives a normal session', async () => {
    await configure({});
    const list = await env.app.inject({ method: 'GET', url: '/api/v1/auth/identity-providers' });
    expect(list.json()).toEqual({
      items: [
        {
          municipalityId,
          displayName: 'Gemeente Maastricht (test-IdP)',
          startUrl: `/api/v1/auth/oidc/${municipalityId}/start`,
        },
      ],
      nextCursor: null,
    });
    const { authorizationUrl, stateCookie } = await start();
    const sent = new URL(authorizationUrl);
    expect(sent.origin).toBe(provider.issuer);
    expect(sent.searchParams.get('code_challenge_method')).toBe('S256');
    expect(sent.searchParams.get('redirect_uri')).toBe(CALLBACK);
    expect(sent.searchParams.get('state')).toBeTruthy();
    expect(sent.searchParams.get('nonce')).toBeTruthy();

    const returnUrl = await signInAtProvider(authorizationUrl, 'idp-sanne', CALLBACK);
    expect(new URL(returnUrl).searchParams.get('code')).toBeTruthy();
    const back = await callback(returnUrl, stateCookie);
    expect(back.statusCode).toBe(303);
    expect(back.headers.location).toBe('/');
    // The e-mail claim's case does not matter: Worker@Maastricht.demo is Sanne Jacobs.
    expect(await me(back)).toMatchObject({ name: 'Sanne Jacobs', role: 'worker' });
    const audited = await sql<{ n: number }>`
      select count(*)::int as n from audit_events
      where action = 'auth.oidc_login' and result = 'success'`.execute(env.owner);
    expect(audited.rows[0]?.n).toBe(1);
  });

  it('does not ask an admin for the TOTP code: the identity provider is the second factor', async () => {
    const back = await signInAs('idp-bart');
    expect(back.headers.location).toBe('/');
    expect(await me(back)).toMatchObject({ role: 'admin' });
  });

  it('goes on to the page of the app that the start named (a sign-in in its own window)', async () => {
    const { authorizationUrl, stateCookie } = await start('/inloggen/klaar?venster=1');
    const returnUrl = await signInAtProvider(authorizationUrl, 'idp-sanne', CALLBACK);
    const back = await callback(returnUrl, stateCookie);
    expect(back.statusCode).toBe(303);
    expect(back.headers.location).toBe('/inloggen/klaar?venster=1');
    expect(await me(back)).toMatchObject({ name: 'Sanne Jacobs' });
  });

  it('refuses a return address that is not a path of this app, naming the field', async () => {
    const offSite = [
      'https://evil.example/',
      '//evil.example/',
      '/\\evil.example/',
      // The URL parser drops a tab or line break: "/<tab>/evil.example" would be "//evil.example".
      '/\t/evil.example',
      '/\n/evil.example',
      'javascript:alert(1)',
      'inloggen/klaar',
      '',
    ];
    for (const returnTo of offSite) {
      const response = await env.app.inject({
        method: 'GET',
        url: `/api/v1/auth/oidc/${municipalityId}/start?returnTo=${encodeURIComponent(returnTo)}`,
      });
      expect(response.statusCode, returnTo).toBe(400);
      expect(response.headers.location, returnTo).toBeUndefined();
      expect(response.cookies.find((c) => c.name === 'sk_oidc')).toBeUndefined();
      const problem = response.json<{ invalidParams: { name: string; reasonNl: string }[] }>();
      expect(problem.invalidParams, returnTo).toEqual([
        expect.objectContaining({
          name: 'querystring.returnTo',
          reasonNl: 'moet een pad in deze app zijn (beginnend met één /)',
        }),
      ]);
    }
  });

  it('refuses a return whose state belongs to another sign-in', async () => {
    const first = await start();
    const second = await start();
    const returnUrl = await signInAtProvider(first.authorizationUrl, 'idp-sanne', CALLBACK);
    const back = await callback(returnUrl, second.stateCookie);
    expect(back.statusCode).toBe(303);
    expect(back.headers.location).toBe('/inloggen?fout=oidc_failed');
    expect(back.cookies.find((c) => c.name === 'sk_session')).toBeUndefined();
    const { rows } = await sql<{ reason: string }>`
      select reason from audit_events where action = 'auth.oidc_login' and result = 'failure'
      order by at desc limit 1`.execute(env.owner);
    expect(rows[0]?.reason).toMatch(/state/i);
  });

  it('refuses a return without the flow cookie', async () => {
    const { authorizationUrl } = await start();
    const returnUrl = await signInAtProvider(authorizationUrl, 'idp-sanne', CALLBACK);
    const url = new URL(returnUrl);
    const back = await env.app.inject({ method: 'GET', url: `${url.pathname}${url.search}` });
    expect(back.headers.location).toBe('/inloggen?fout=oidc_failed');
  });

  it('refuses a person without a staff account, outside the domain, or with an address not verified', async () => {
    // idp-unsaid: the provider does not say the address is verified (no email_verified claim).
    for (const accountId of ['idp-onbekend', 'idp-elders', 'idp-unverified', 'idp-unsaid']) {
      const back = await signInAs(accountId);
      expect(back.headers.location, accountId).toBe('/inloggen?fout=oidc_unknown_user');
      expect(back.cookies.find((c) => c.name === 'sk_session')).toBeUndefined();
    }
    const failures = await sql<{ n: number }>`
      select count(*)::int as n from audit_events
      where action = 'auth.oidc_login' and result = 'failure' and actor_id is null`.execute(
      env.owner,
    );
    expect(failures.rows[0]?.n).toBeGreaterThanOrEqual(4);
  });

  it('matches on the subject when configured so, and then ignores the e-mail claim', async () => {
    await configure({ matchClaim: 'sub' });
    await sql`update staff set oidc_subject = 'fatima-subject-0042'
      where email = 'worker2@maastricht.demo'`.execute(env.owner);
    const back = await signInAs('fatima-subject-0042');
    expect(await me(back)).toMatchObject({ name: 'Fatima El Idrissi' });
    const byEmail = await signInAs('idp-sanne');
    expect(byEmail.headers.location).toBe('/inloggen?fout=oidc_unknown_user');
  });

  it('refuses a provider whose discovery names another issuer', async () => {
    // Same server, but configured under a name it does not answer to.
    await configure({ issuer: provider.issuer.replace('127.0.0.1', 'localhost') });
    const response = await env.app.inject({
      method: 'GET',
      url: `/api/v1/auth/oidc/${municipalityId}/start`,
    });
    expect(response.statusCode).toBe(303);
    expect(response.headers.location).toBe('/inloggen?fout=oidc_unavailable');
  });

  it('never returns the client secret, and stores it encrypted', async () => {
    const settings = await call(env.app, admin, 'GET', '/api/v1/admin/sign-in');
    expect(settings.body).not.toContain(provider.clientSecret);
    expect(settings.json<{ oidc: { clientSecretSet: boolean } }>().oidc.clientSecretSet).toBe(true);
    const { rows } = await sql<{ s: string }>`
      select oidc_client_secret_encrypted as s from sign_in_settings`.execute(env.owner);
    expect(rows[0]?.s.startsWith('v1.')).toBe(true);
    expect(rows[0]?.s).not.toContain(provider.clientSecret);
  });

  it('offers nothing once disabled', async () => {
    await configure({ enabled: false });
    const response = await env.app.inject({
      method: 'GET',
      url: `/api/v1/auth/oidc/${municipalityId}/start`,
    });
    expect(response.headers.location).toBe('/inloggen?fout=oidc_unavailable');
  });
});
