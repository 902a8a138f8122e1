import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Db } from '../../platform/db.js';
import type { Config } from '../../config.js';
import { access, contextOf, SESSION_COOKIE } from '../../platform/access.js';
import { ProblemSchema, problemResponses } from '../../platform/http-schemas.js';
import { LoginBody, SessionResponse } from './auth.schemas.js';
import { currentSession, logIn, logOut } from './auth.service.js';

const ALL_ROLES = [
  'worker',
  'team_lead',
  'municipality',
  'admin',
  'partner',
  'volunteer',
  'resident',
] as const;

export function authRoutes(db: Db, config: Config) {
  return async function (app: FastifyInstance): Promise<void> {
    const r = app.withTypeProvider<ZodTypeProvider>();
    const cookieOptions = {
      httpOnly: true,
      sameSite: 'strict' as const,
      secure: config.cookieSecure,
      path: '/',
    };

    r.post(
      '/api/v1/auth/login',
      {
        config: { access: access.public() },
        schema: {
          tags: ['auth'],
          summary: 'Sign in with e-mail and password',
          description:
            'Sets the HttpOnly session cookie and returns the CSRF token that every state-changing request must send as `x-csrf-token`. 401 for wrong credentials (the same whether the account exists or not); 429 after repeated failures.',
          body: LoginBody,
          response: {
            200: SessionResponse,
            400: ProblemSchema,
            401: ProblemSchema,
            429: ProblemSchema,
          },
        },
      },
      async (request, reply) => {
        const { session, token } = await logIn(
          { db, config, requestId: request.id, clientAddress: request.ip },
          request.body,
        );
        reply.setCookie(SESSION_COOKIE, token, {
          ...cookieOptions,
          maxAge: config.SESSION_ABSOLUTE_HOURS * 3600,
        });
        return session;
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
