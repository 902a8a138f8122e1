import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Db } from '../../platform/db.js';
import type { Config } from '../../config.js';
import { access, contextOf } from '../../platform/access.js';
import { IdParams, problemResponses, whole, wholeListOf } from '../../platform/http-schemas.js';
import {
  AnswerBody,
  CreateReferralBody,
  PartnerReferralSchema,
  ReferralSchema,
} from './referrals.schemas.js';
import * as service from './referrals.service.js';

const CASEWORKERS = access.roles('worker', 'team_lead');
const PARTNERS = access.roles('partner');

export function referralRoutes(db: Db, config: Config) {
  return async function (app: FastifyInstance): Promise<void> {
    const r = app.withTypeProvider<ZodTypeProvider>();
    const tags = ['referrals'];
    const ctx = (request: Parameters<typeof contextOf>[0]) => contextOf(request, db, config);

    r.post(
      '/api/v1/trajectories/:id/referrals',
      {
        config: { access: CASEWORKERS },
        schema: {
          tags,
          summary:
            'Refer: a specialist for a task, a hand-over, or Wmo advice to the back office, with consent for what is shared',
          description:
            'What is shared is taken from the consent scope (contact_details, question, plan, network) at this moment. Without consent nothing is shared and the receiving organisation sees nothing. A specialist task or hand-over moves the scale level.',
          params: IdParams,
          body: CreateReferralBody,
          response: { 201: ReferralSchema, ...problemResponses },
        },
      },
      async (request, reply) =>
        reply
          .status(201)
          .send(await service.createReferral(ctx(request), request.params.id, request.body)),
    );

    r.get(
      '/api/v1/trajectories/:id/referrals',
      {
        config: { access: CASEWORKERS },
        schema: {
          tags,
          summary: "The trajectory's referrals and their status",
          params: IdParams,
          response: { 200: wholeListOf(ReferralSchema), ...problemResponses },
        },
      },
      async (request) =>
        whole(await service.listTrajectoryReferrals(ctx(request), request.params.id)),
    );

    r.post(
      '/api/v1/referrals/:id/close',
      {
        config: { access: CASEWORKERS },
        schema: {
          tags,
          summary: 'Close a referral: the receiving partner no longer sees it',
          params: IdParams,
          response: { 200: ReferralSchema, ...problemResponses },
        },
      },
      (request) => service.closeReferral(ctx(request), request.params.id),
    );

    r.get(
      '/api/v1/referrals',
      {
        config: { access: PARTNERS },
        schema: {
          tags,
          summary: "A partner's inbox: open referrals to its organisation with consent",
          description:
            '`question` is filled only when the resident consented to sharing the question; otherwise it is null.',
          response: { 200: wholeListOf(ReferralSchema), ...problemResponses },
        },
      },
      async (request) => whole(await service.listPartnerReferrals(ctx(request))),
    );

    r.get(
      '/api/v1/referrals/:id',
      {
        config: { access: PARTNERS },
        schema: {
          tags,
          summary:
            'One referral with exactly what was shared with consent (404 once answered or closed)',
          description:
            '`question` is filled only when the resident consented to sharing the question (as in `shared.question`); otherwise it is null.',
          params: IdParams,
          response: { 200: PartnerReferralSchema, ...problemResponses },
        },
      },
      (request) => service.getPartnerReferral(ctx(request), request.params.id),
    );

    r.post(
      '/api/v1/referrals/:id/answer',
      {
        config: { access: PARTNERS },
        schema: {
          tags,
          summary: 'Answer a referral (the partner)',
          params: IdParams,
          body: AnswerBody,
          response: { 200: ReferralSchema, ...problemResponses },
        },
      },
      (request) => service.answerReferral(ctx(request), request.params.id, request.body.answer),
    );
  };
}
