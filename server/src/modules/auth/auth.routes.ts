import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Db } from '../../platform/db.js';
import type { Config } from '../../config.js';
import { access, contextOf, SESSION_COOKIE } from '../../platform/access.js';
import { IdParams, ProblemSchema, problemResponses } from '../../platform/http-schemas.js';
import {
  CodeBody,
  PasswordChangeBody,
  EnrolmentSchema,
  IdentityProviderList,
  MunicipalityParams,
  LoginBody,
  OidcStartQuery,
  RecoveryCodes,
  SecondFactorChallenge,
  SecondFactorStatus,
  SessionResponse,
  SessionWithRecoveryCodes,
} from './auth.schemas.js';
import {
  completeWithCode,
  confirmChallengeEnrolment,
  changeOwnPassword,
  confirmOwnEnrolment,
  currentSession,
  listStaffSecondFactors,
  logIn,
  logOut,
  resetStaffSecondFactor,
  secondFactorStatus,
  startChallengeEnrolment,
  startOwnEnrolment,
} from './auth.service.js';
import { CHALLENGE_COOKIE, CHALLENGE_MINUTES } from './sign-in-challenges.js';
import {
  finishOidcSignIn,
  listIdentityProviders,
  OIDC_STATE_COOKIE,
  OIDC_STATE_MINUTES,
  OidcFailure,
  startOidcSignIn,
} from './oidc.service.js';
import {
  SignInSettingsBody,
  SignInSettingsSchema,
  StaffSecondFactorList,
} from './sign-in-settings.schemas.js';
import { getSignInSettings, updateSignInSettings } from './sign-in-settings.service.js';

const ALL_ROLES = [
  'worker',
  'team_lead',
  'municipality',
  'admin',
  'partner',
  'volunteer',
  'resident',
] as const;
const STAFF_ROLES = ALL_ROLES.filter((role) => role !== 'resident');

export function authRoutes(db: Db, config: Config) {
  return async function (app: FastifyInstance): Promise<void> {
    const r = app.withTypeProvider<ZodTypeProvider>();
    const cookieOptions = {
      httpOnly: true,
      sameSite: 'strict' as const,
      secure: config.cookieSecure,
      path: '/',
    };

    const anonymous = (request: { id: string; ip: string }) => ({
      db,
      config,
      requestId: request.id,
      clientAddress: request.ip,
    });
    const challengeCookie = { ...cookieOptions, maxAge: CHALLENGE_MINUTES * 60 };

    r.post(
      '/api/v1/auth/login',
      {
        config: { access: access.public() },
        schema: {
          tags: ['auth'],
          summary: 'Sign in with e-mail and password',
          description:
            'Sets the HttpOnly session cookie and returns the CSRF token that every state-changing request must send as `x-csrf-token`. 401 for wrong credentials (the same whether the account exists or not); 429 after repeated failures. ' +
            'When the account has a second factor, or its role requires one, the answer is 202 with `secondFactor`: `verify` (send the code to /auth/login/code) or `enrol` (set one up through /auth/login/enrolment first). No session exists until then; an HttpOnly challenge cookie carries the sign-in for ten minutes.',
          body: LoginBody,
          response: {
            200: SessionResponse,
            202: SecondFactorChallenge,
            400: ProblemSchema,
            401: ProblemSchema,
            429: ProblemSchema,
          },
        },
      },
      async (request, reply) => {
        const outcome = await logIn(anonymous(request), request.body);
        if (outcome.kind === 'challenge') {
          reply.setCookie(CHALLENGE_COOKIE, outcome.token, challengeCookie);
          return reply.status(202).send({ secondFactor: outcome.stage });
        }
        reply.setCookie(SESSION_COOKIE, outcome.token, {
          ...cookieOptions,
          maxAge: config.SESSION_ABSOLUTE_HOURS * 3600,
        });
        return outcome.session;
      },
    );

    r.post(
      '/api/v1/auth/login/code',
      {
        config: { access: access.public() },
        schema: {
          tags: ['auth'],
          summary: 'Second step of signing in: the TOTP code (or a recovery code)',
          description:
            'Needs the challenge cookie of a login that answered 202 `verify`. A code is accepted once; wrong codes are throttled like wrong passwords (429).',
          body: CodeBody,
          response: {
            200: SessionResponse,
            400: ProblemSchema,
            401: ProblemSchema,
            429: ProblemSchema,
          },
        },
      },
      async (request, reply) => {
        const { session, token } = await completeWithCode(
          anonymous(request),
          request.cookies[CHALLENGE_COOKIE],
          request.body.code,
        );
        reply.clearCookie(CHALLENGE_COOKIE, cookieOptions);
        reply.setCookie(SESSION_COOKIE, token, {
          ...cookieOptions,
          maxAge: config.SESSION_ABSOLUTE_HOURS * 3600,
        });
        return session;
      },
    );

    r.post(
      '/api/v1/auth/login/enrolment',
      {
        config: { access: access.public() },
        schema: {
          tags: ['auth'],
          summary: 'Set up the second factor during sign-in: a new TOTP secret',
          description:
            'Needs the challenge cookie of a login that answered 202 `enrol`. Each call makes a new secret; the secret is shown only here.',
          response: { 200: EnrolmentSchema, 401: ProblemSchema, 409: ProblemSchema },
        },
      },
      (request) => startChallengeEnrolment(anonymous(request), request.cookies[CHALLENGE_COOKIE]),
    );

    r.post(
      '/api/v1/auth/login/enrolment/confirm',
      {
        config: { access: access.public() },
        schema: {
          tags: ['auth'],
          summary: 'Confirm the new second factor with its first code; signs in',
          description: 'Returns the session and eight one-time recovery codes (shown only now).',
          body: CodeBody,
          response: {
            200: SessionWithRecoveryCodes,
            400: ProblemSchema,
            401: ProblemSchema,
            429: ProblemSchema,
          },
        },
      },
      async (request, reply) => {
        const { session, token } = await confirmChallengeEnrolment(
          anonymous(request),
          request.cookies[CHALLENGE_COOKIE],
          request.body.code,
        );
        reply.clearCookie(CHALLENGE_COOKIE, cookieOptions);
        reply.setCookie(SESSION_COOKIE, token, {
          ...cookieOptions,
          maxAge: config.SESSION_ABSOLUTE_HOURS * 3600,
        });
        return session;
      },
    );

    r.post(
      '/api/v1/auth/password',
      {
        config: { access: access.roles(...STAFF_ROLES) },
        schema: {
          tags: ['auth'],
          summary:
            'Change my own password (the current one first); my other sessions end, this one stays',
          body: PasswordChangeBody,
          response: { 204: z.null(), ...problemResponses, 429: ProblemSchema },
        },
      },
      async (request, reply) => {
        await changeOwnPassword(
          contextOf(request, db, config),
          request.body,
          request.cookies[SESSION_COOKIE] ?? '',
        );
        return reply.status(204).send(null);
      },
    );

    r.get(
      '/api/v1/auth/second-factor',
      {
        config: { access: access.roles(...STAFF_ROLES) },
        schema: {
          tags: ['auth'],
          summary: 'Whether I have a second factor, and whether my role requires one',
          response: { 200: SecondFactorStatus, ...problemResponses },
        },
      },
      (request) => secondFactorStatus(contextOf(request, db, config)),
    );

    r.post(
      '/api/v1/auth/second-factor/enrolment',
      {
        config: { access: access.roles(...STAFF_ROLES) },
        schema: {
          tags: ['auth'],
          summary: 'Set up a second factor for myself: a new TOTP secret (409 when I have one)',
          // No parameters at all: a stray one is refused rather than starting an enrolment.
          querystring: z.strictObject({}),
          response: { 200: EnrolmentSchema, ...problemResponses },
        },
      },
      (request) => startOwnEnrolment(contextOf(request, db, config)),
    );

    r.post(
      '/api/v1/auth/second-factor/enrolment/confirm',
      {
        config: { access: access.roles(...STAFF_ROLES) },
        schema: {
          tags: ['auth'],
          summary: 'Confirm my new second factor with its first code; returns recovery codes',
          body: CodeBody,
          response: { 200: RecoveryCodes, ...problemResponses, 429: ProblemSchema },
        },
      },
      (request) => confirmOwnEnrolment(contextOf(request, db, config), request.body.code),
    );

    r.get(
      '/api/v1/admin/sign-in',
      {
        config: { access: access.roles('admin') },
        schema: {
          tags: ['auth'],
          summary: 'Sign-in settings of my municipality: required second factor, identity provider',
          response: { 200: SignInSettingsSchema, ...problemResponses },
        },
      },
      (request) => getSignInSettings(contextOf(request, db, config)),
    );

    r.put(
      '/api/v1/admin/sign-in',
      {
        config: { access: access.roles('admin') },
        schema: {
          tags: ['auth'],
          summary: 'Change the sign-in settings (409 on a stale version)',
          body: SignInSettingsBody,
          response: { 200: SignInSettingsSchema, ...problemResponses },
        },
      },
      (request) => updateSignInSettings(contextOf(request, db, config), request.body),
    );

    r.get(
      '/api/v1/admin/sign-in/staff',
      {
        config: { access: access.roles('admin') },
        schema: {
          tags: ['auth'],
          summary: 'Staff with their second-factor state',
          response: { 200: StaffSecondFactorList, ...problemResponses },
        },
      },
      (request) => listStaffSecondFactors(contextOf(request, db, config)),
    );

    r.post(
      '/api/v1/admin/sign-in/staff/:id/reset-second-factor',
      {
        config: { access: access.roles('admin') },
        schema: {
          tags: ['auth'],
          summary: "Reset a staff member's second factor: it is removed and their sessions end",
          params: IdParams,
          response: { 204: z.null(), ...problemResponses },
        },
      },
      async (request, reply) => {
        await resetStaffSecondFactor(contextOf(request, db, config), request.params.id);
        return reply.status(204).send(null);
      },
    );

    // The flow state must come back with the provider's cross-site redirect: SameSite=Lax, and
    // only on the callback's path. The session cookie itself stays Strict.
    const oidcCookie = {
      httpOnly: true,
      sameSite: 'lax' as const,
      secure: config.cookieSecure,
      path: '/api/v1/auth/oidc',
    };
    const toSignInScreen = (reason: string) => `/inloggen?fout=${encodeURIComponent(reason)}`;

    r.get(
      '/api/v1/auth/identity-providers',
      {
        config: { access: access.public() },
        schema: {
          tags: ['auth'],
          summary: "Municipalities' own identity providers to sign in with (OpenID Connect)",
          response: { 200: IdentityProviderList },
        },
      },
      (request) => listIdentityProviders(anonymous(request)),
    );

    r.get(
      '/api/v1/auth/oidc/:municipalityId/start',
      {
        config: { access: access.public() },
        schema: {
          tags: ['auth'],
          summary: "Start signing in at the municipality's identity provider (redirects there)",
          description:
            'Authorization code flow with PKCE, state and nonce. On a provider that cannot be reached the browser is sent back to /inloggen?fout=oidc_unavailable. returnTo: the path of this app to go to after signing in (default /); only a path on this origin is accepted.',
          params: MunicipalityParams,
          querystring: OidcStartQuery,
          response: { 302: z.null(), 303: z.null(), 400: ProblemSchema },
        },
      },
      async (request, reply) => {
        try {
          const { authorizationUrl, stateCookie } = await startOidcSignIn(
            anonymous(request),
            request.params.municipalityId,
            request.query.returnTo,
          );
          reply.setCookie(OIDC_STATE_COOKIE, stateCookie, {
            ...oidcCookie,
            maxAge: OIDC_STATE_MINUTES * 60,
          });
          return reply.redirect(authorizationUrl, 302);
        } catch (error) {
          if (!(error instanceof OidcFailure)) throw error;
          request.log.warn({ reason: error.reason, detail: error.detail }, 'oidc start failed');
          return reply.redirect(toSignInScreen(error.reason), 303);
        }
      },
    );

    r.get(
      '/api/v1/auth/oidc/callback',
      {
        config: { access: access.public() },
        schema: {
          tags: ['auth'],
          summary: 'Return from the identity provider: signs in and redirects to the app',
          description:
            'Checks state, nonce, PKCE, the ID token (signature, issuer, audience) and maps it to an existing staff account by e-mail (within the allowed domain) or subject. Success: session cookie and a redirect to the returnTo given at the start (default /). Failure: a redirect to /inloggen?fout=<reason>.',
          querystring: z.looseObject({}),
          response: { 303: z.null() },
        },
      },
      async (request, reply) => {
        reply.clearCookie(OIDC_STATE_COOKIE, oidcCookie);
        try {
          const { token, returnTo } = await finishOidcSignIn(
            anonymous(request),
            request.url,
            request.cookies[OIDC_STATE_COOKIE],
          );
          reply.setCookie(SESSION_COOKIE, token, {
            ...cookieOptions,
            maxAge: config.SESSION_ABSOLUTE_HOURS * 3600,
          });
          return reply.redirect(returnTo, 303);
        } catch (error) {
          if (!(error instanceof OidcFailure)) throw error;
          request.log.warn({ reason: error.reason, detail: error.detail }, 'oidc sign-in failed');
          return reply.redirect(toSignInScreen(error.reason), 303);
        }
      },
    );

    r.post(
      '/api/v1/auth/logout',
      {
        config: { access: access.roles(...ALL_ROLES) },
        schema: {
          tags: ['auth'],
          summary: 'Sign out: the session is revoked on the server',
          response: { 204: z.null(), ...problemResponses },
        },
      },
      async (request, reply) => {
        await logOut(contextOf(request, db, config), request.cookies[SESSION_COOKIE] ?? '');
        reply.clearCookie(SESSION_COOKIE, cookieOptions);
        return reply.status(204).send(null);
      },
    );

    r.get(
      '/api/v1/auth/me',
      {
        config: { access: access.roles(...ALL_ROLES) },
        schema: {
          tags: ['auth'],
          summary: 'The signed-in user, and the CSRF token of this session',
          response: { 200: SessionResponse, 401: ProblemSchema },
        },
      },
      (request) => currentSession(contextOf(request, db, config)),
    );
  };
}
