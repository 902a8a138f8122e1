import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Db } from '../../platform/db.js';
import type { Config } from '../../config.js';
import { access, contextOf } from '../../platform/access.js';
import { acceptCsv } from '../../platform/csv-body.js';
import { IdParams, problemResponses } from '../../platform/http-schemas.js';
import {
  CsvBody,
  ImportQuery,
  ImportResult,
  OutreachBody,
  OutreachResult,
  SignalList,
  SignalQuery,
  SignalToRegistrationBody,
} from './signals.schemas.js';
import * as service from './signals.service.js';

const CASEWORKERS = access.roles('worker', 'team_lead');

export function signalRoutes(db: Db, config: Config) {
  return async function (app: FastifyInstance): Promise<void> {
    acceptCsv(app);
    const r = app.withTypeProvider<ZodTypeProvider>();
    const tags = ['signals'];

    r.post(
      '/api/v1/signals/imports',
      {
        config: { access: access.roles('worker', 'team_lead', 'partner') },
        schema: {
          tags,
          summary: "Import a partner's signal list (text/csv)",
          description:
            "Header: kind,reference,receivedAt,postcode,houseNumber,houseLetter,houseNumberAddition,familyName,amountCents,note. The list is recorded with the partner organisation that sent it: a partner account's own organisation, or `organisationId` (required for a worker or team lead who imports a list on a partner's behalf; a partner organisation of this municipality). Each line is matched to a known household by address (and name) and routed to the team of that household or of its buurt, else to the importing team. A (kind, reference) that the same organisation sent before is a duplicate: importing the same file twice adds nothing, and two organisations may use the same reference. Bad lines are rejected with their line number and reason; the good lines still count. Partners name the team with `teamId`.",
          querystring: ImportQuery,
          consumes: ['text/csv'],
          body: CsvBody,
          response: { 201: ImportResult, ...problemResponses },
        },
      },
      async (request, reply) => {
        const result = await service.importSignals(
          contextOf(request, db, config),
          request.body,
          request.query,
        );
        return reply.status(201).send(result);
      },
    );

    r.get(
      '/api/v1/signals',
      {
        config: { access: CASEWORKERS },
        schema: {
          tags,
          summary: "The team's signals (the outreach list), ordered by address",
          description:
            'Ordered by postcode, house number, received at and id. Pages by keyset: when more signals match than `limit`, `nextCursor` is set; send it back as `cursor` (with the same filters) for the next page. The last page answers `nextCursor: null`.',
          querystring: SignalQuery,
          response: { 200: SignalList, ...problemResponses },
        },
      },
      (request) => service.listSignals(contextOf(request, db, config), request.query),
    );

    r.post(
      '/api/v1/signals/:id/outreach',
      {
        config: { access: CASEWORKERS },
        schema: {
          tags,
          summary:
            'Record the outcome of the outreach visit (for every open signal at that address)',
          params: IdParams,
          body: OutreachBody,
          response: { 200: OutreachResult, ...problemResponses },
        },
      },
      (request) =>
        service.recordOutreach(contextOf(request, db, config), request.params.id, request.body),
    );

    r.post(
      '/api/v1/signals/:id/registration',
      {
        config: { access: CASEWORKERS },
        schema: {
          tags,
          summary: 'Turn a reached household into a registration in one step',
          params: IdParams,
          body: SignalToRegistrationBody,
          response: {
            201: z.object({
              id: z.uuid(),
              status: z.literal('contacted'),
              householdId: z.uuid(),
              residentId: z.uuid().nullable(),
              matchedExisting: z.boolean(),
            }),
            ...problemResponses,
          },
        },
      },
      async (request, reply) => {
        const created = await service.registerFromSignal(
          contextOf(request, db, config),
          request.params.id,
          request.body,
        );
        return reply.status(201).send(created);
      },
    );
  };
}
