import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Db } from '../../platform/db.js';
import type { Config } from '../../config.js';
import { access, contextOf, SESSION_COOKIE } from '../../platform/access.js';
import {
  IdParams,
  ProblemSchema,
  problemResponses,
  whole,
  wholeListOf,
} from '../../platform/http-schemas.js';
import { PlanSchema } from '../plans/plans.schemas.js';
import { TrajectoryAssessments } from '../assessments/assessments.schemas.js';
import {
  AccessLogEntry,
  AccessLogQuery,
  ActionUpdateBody,
  ActivateBody,
  AgreeBody,
  InvitationBody,
  InvitationSchema,
  PortalOverview,
  PortalSession,
  ResidentLoginBody,
  WishBody,
} from './portal.schemas.js';
import * as portal from './portal.service.js';
import {
  CodeBody,
  EnrolmentSchema,
  RecoveryCodes,
  SecondFactorChallenge,
  SecondFactorStatus,
} from '../auth/auth.schemas.js';
import { CHALLENGE_COOKIE, CHALLENGE_MINUTES } from '../auth/sign-in-challenges.js';

const RESIDENT = access.roles('resident');

export function portalRoutes(db: Db, config: Config) {
  return async function (app: FastifyInstance): Promise<void> {
    const r = app.withTypeProvider<ZodTypeProvider>();
    const tags = ['resident portal'];
    const ctx = (request: Parameters<typeof contextOf>[0]) => contextOf(request, db, config);
    const cookie = {
      httpOnly: true,
      sameSite: 'strict' as const,
      secure: config.cookieSecure,
      path: '/',
      maxAge: config.SESSION_ABSOLUTE_HOURS * 3600,
    };

    r.post(
      '/api/v1/portal/invitations',
      {
        config: { access: access.roles('worker', 'team_lead') },
        schema: {
          tags,
          summary: 'Invite a household member to the portal: a one-time code valid for seven days',
          body: InvitationBody,
          response: { 201: InvitationSchema, ...problemResponses },
        },
      },
      async (request, reply) =>
        reply.status(201).send(await portal.inviteResident(ctx(request), request.body.residentId)),
    );

    r.post(
      '/api/v1/portal/residents/:id/second-factor/reset',
      {
        config: { access: access.roles('worker', 'team_lead') },
        schema: {
          tags,
          summary:
            "Turn a resident's extra sign-in code off when they lost it (the household's own team; audited)",
          params: IdParams,
          // Nothing but the id: a stray parameter is a mistake, not a reason to change anything.
          querystring: z.strictObject({}),
          response: { 200: z.object({ wasOn: z.boolean() }), ...problemResponses },
        },
      },
      async (request) => portal.resetResidentSecondFactor(ctx(request), request.params.id),
    );

    r.post(
      '/api/v1/portal/residents/:id/account/deactivation',
      {
        config: { access: access.roles('worker', 'team_lead') },
        schema: {
          tags,
          summary:
            "Turn a resident's portal account off, e.g. when they forgot their password (the household's own team; audited)",
          description:
            'Ends their sessions and voids unused invitation codes. A new invitation then opens the account again as at a first activation: a new login and password, without the extra sign-in code of before.',
          params: IdParams,
          querystring: z.strictObject({}),
          response: { 200: z.object({ wasActive: z.boolean() }), ...problemResponses },
        },
      },
      async (request) => portal.deactivateResidentAccount(ctx(request), request.params.id),
    );

    r.post(
      '/api/v1/portal/activate',
      {
        config: { access: access.public() },
        schema: {
          tags,
          summary: 'Redeem an invitation: choose a login name and password; signs in',
          description:
            'A wrong code and a login name in use (409 naming loginName) count as failed attempts, per code and per client address, as failed sign-ins do: 429 past the limit. A code that found 5 login names in use is spent (the fifth answer also names code); the resident asks the team for a new one.',
          body: ActivateBody,
          response: {
            200: PortalSession,
            400: ProblemSchema,
            409: ProblemSchema,
            429: ProblemSchema,
          },
        },
      },
      async (request, reply) => {
        const { session, token } = await portal.activateInvitation(
          { db, config, requestId: request.id, clientAddress: request.ip },
          request.body,
        );
        reply.setCookie(SESSION_COOKIE, token, cookie);
        return session;
      },
    );

    const challengeCookie = {
      httpOnly: true,
      sameSite: 'strict' as const,
      secure: config.cookieSecure,
      path: '/',
      maxAge: CHALLENGE_MINUTES * 60,
    };

    r.post(
      '/api/v1/portal/login',
      {
        config: { access: access.public() },
        schema: {
          tags,
          summary: 'Resident sign-in',
          description:
            'A resident who set up a second factor gets 202 `{ secondFactor: "verify" }` and sends the code to /portal/login/code. Failed attempts are counted per login name and per client address (the address count is shared with staff sign-in): 429 past the limit.',
          body: ResidentLoginBody,
          response: {
            200: PortalSession,
            202: SecondFactorChallenge,
            400: ProblemSchema,
            401: ProblemSchema,
            429: ProblemSchema,
          },
        },
      },
      async (request, reply) => {
        const outcome = await portal.residentLogIn(
          { db, config, requestId: request.id, clientAddress: request.ip },
          request.body,
        );
        if (outcome.kind === 'challenge') {
          reply.setCookie(CHALLENGE_COOKIE, outcome.token, challengeCookie);
          return reply.status(202).send({ secondFactor: outcome.stage });
        }
        reply.setCookie(SESSION_COOKIE, outcome.token, cookie);
        return outcome.session;
      },
    );

    r.post(
      '/api/v1/portal/login/code',
      {
        config: { access: access.public() },
        schema: {
          tags,
          summary: "Resident sign-in, second step: the code from the resident's app",
          body: CodeBody,
          response: {
            200: PortalSession,
            400: ProblemSchema,
            401: ProblemSchema,
            429: ProblemSchema,
          },
        },
      },
      async (request, reply) => {
        const { session, token } = await portal.residentLogInCode(
          { db, config, requestId: request.id, clientAddress: request.ip },
          request.cookies[CHALLENGE_COOKIE],
          request.body.code,
        );
        reply.clearCookie(CHALLENGE_COOKIE, { ...challengeCookie, maxAge: undefined });
        reply.setCookie(SESSION_COOKIE, token, cookie);
        return session;
      },
    );

    r.get(
      '/api/v1/portal/second-factor',
      {
        config: { access: RESIDENT },
        schema: {
          tags,
          summary: 'Whether I use a second factor (optional for residents)',
          response: { 200: SecondFactorStatus, ...problemResponses },
        },
      },
      (request) => portal.residentSecondFactorStatus(ctx(request)),
    );
    r.post(
      '/api/v1/portal/second-factor/enrolment',
      {
        config: { access: RESIDENT },
        schema: {
          tags,
          summary: 'Set up a second factor: a new TOTP secret (409 when I have one)',
          response: { 200: EnrolmentSchema, ...problemResponses },
        },
      },
      (request) => portal.startResidentEnrolment(ctx(request)),
    );
    r.post(
      '/api/v1/portal/second-factor/enrolment/confirm',
      {
        config: { access: RESIDENT },
        schema: {
          tags,
          summary: 'Confirm my second factor with its first code; returns recovery codes',
          body: CodeBody,
          response: { 200: RecoveryCodes, ...problemResponses, 429: ProblemSchema },
        },
      },
      (request) => portal.confirmResidentEnrolment(ctx(request), request.body.code),
    );
    r.post(
      '/api/v1/portal/second-factor/removal',
      {
        config: { access: RESIDENT },
        schema: {
          tags,
          summary: 'Turn my second factor off again (needs a current code)',
          body: CodeBody,
          response: { 204: z.null(), ...problemResponses, 429: ProblemSchema },
        },
      },
      async (request, reply) => {
        await portal.removeResidentSecondFactor(ctx(request), request.body.code);
        return reply.status(204).send(null);
      },
    );

    r.get(
      '/api/v1/portal/me',
      {
        config: { access: RESIDENT },
        schema: {
          tags,
          summary: 'My household, my trajectory and my coordinator',
          response: { 200: PortalOverview, ...problemResponses },
        },
      },
      (request) => portal.portalOverview(ctx(request)),
    );
    r.get(
      '/api/v1/portal/plan',
      {
        config: { access: RESIDENT },
        schema: {
          tags,
          summary: 'My plan (everything in the shared plan) and its versions',
          response: {
            200: z.object({
              plan: PlanSchema.nullable(),
              versions: z.array(
                z.object({
                  version: z.number().int(),
                  savedAt: z.string(),
                  agreedOn: z.string().nullable(),
                  // The version the agreement was given to: earlier than `version` when only
                  // progress was made since (actions ticked off), which keeps the agreement.
                  agreedVersion: z.number().int().nullable(),
                }),
              ),
            }),
            ...problemResponses,
          },
        },
      },
      (request) => portal.portalPlan(ctx(request)),
    );
    r.post(
      '/api/v1/portal/plan/agreement',
      {
        config: { access: RESIDENT },
        schema: {
          tags,
          summary: 'I agree to this version of my plan',
          description:
            'Only the current version, and once: an older version, or one that already has an agreement (its own, or one kept because only actions were ticked off since), answers 409 naming `version` and changes nothing.',
          body: AgreeBody,
          response: {
            200: z.object({ version: z.number().int(), agreedOn: z.string() }),
            ...problemResponses,
          },
        },
      },
      (request) => portal.portalAgree(ctx(request), request.body.version),
    );
    r.post(
      '/api/v1/portal/plan/wishes',
      {
        config: { access: RESIDENT },
        schema: {
          tags,
          summary: 'What I want changed in my plan',
          body: WishBody,
          response: { 201: z.object({ id: z.uuid() }), ...problemResponses },
        },
      },
      async (request, reply) =>
        reply.status(201).send(await portal.portalWish(ctx(request), request.body.text)),
    );
    r.post(
      '/api/v1/portal/actions/:id',
      {
        config: { access: RESIDENT },
        schema: {
          tags,
          summary: 'Tick off (or reopen) one of my own actions, or comment on an action',
          params: IdParams,
          body: ActionUpdateBody,
          response: {
            200: z.object({
              actionId: z.uuid(),
              status: z.string(),
              planVersion: z.number().int(),
            }),
            ...problemResponses,
          },
        },
      },
      (request) => portal.portalUpdateAction(ctx(request), request.params.id, request.body),
    );
    r.get(
      '/api/v1/portal/measurements',
      {
        config: { access: RESIDENT },
        schema: {
          tags,
          summary: 'My measurements over time',
          response: { 200: TrajectoryAssessments, ...problemResponses },
        },
      },
      (request) => portal.portalMeasurements(ctx(request)),
    );
    r.get(
      '/api/v1/portal/access-log',
      {
        config: { access: RESIDENT },
        schema: {
          tags,
          summary: 'Who looked at or changed my file, when, in which role and why',
          querystring: AccessLogQuery,
          response: { 200: wholeListOf(AccessLogEntry), ...problemResponses },
        },
      },
      async (request) => whole(await portal.portalAccessLog(ctx(request), request.query)),
    );
  };
}
