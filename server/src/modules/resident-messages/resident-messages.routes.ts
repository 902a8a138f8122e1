import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Db } from '../../platform/db.js';
import type { Config } from '../../config.js';
import { access, contextOf } from '../../platform/access.js';
import { IdParams, problemResponses } from '../../platform/http-schemas.js';
import {
  MarkedRead,
  ResidentMessageList,
  ResidentMessageParams,
  ResidentMessageQuery,
} from './resident-messages.schemas.js';
import * as service from './resident-messages.service.js';

const CASEWORKERS = access.roles('worker', 'team_lead');

export function residentMessageRoutes(db: Db, config: Config) {
  return async function (app: FastifyInstance): Promise<void> {
    const r = app.withTypeProvider<ZodTypeProvider>();
    const tags = ['trajectories'];
    const ctx = (request: Parameters<typeof contextOf>[0]) => contextOf(request, db, config);

    r.get(
      '/api/v1/trajectories/:id/resident-messages',
      {
        config: { access: CASEWORKERS },
        schema: {
          tags,
          summary: "What the household's residents sent from the portal, newest first",
          description:
            'A page of messages, newest first (then by id), with `nextCursor` for the older ones and `unreadCount`, the unread messages over every page. Each page read is audited for the residents whose messages it shows. A cursor not given by this list is a 400 naming `query.cursor`.',
          params: IdParams,
          querystring: ResidentMessageQuery,
          response: { 200: ResidentMessageList, ...problemResponses },
        },
      },
      (request) => service.listResidentMessages(ctx(request), request.params.id, request.query),
    );

    r.post(
      '/api/v1/trajectories/:id/resident-messages/:messageId/read',
      {
        config: { access: CASEWORKERS },
        schema: {
          tags,
          summary: 'Mark a message of a resident read (again: it keeps the first moment)',
          params: ResidentMessageParams,
          response: { 200: MarkedRead, ...problemResponses },
        },
      },
      (request) =>
        service.markResidentMessageRead(ctx(request), request.params.id, request.params.messageId),
    );
  };
}
