import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Db } from '../../platform/db.js';
import type { Config } from '../../config.js';
import { access, contextOf } from '../../platform/access.js';
import { IdParams, problemResponses, whole, wholeListOf } from '../../platform/http-schemas.js';
import { ItemBody, ItemSchema, LoanBody, LoanSchema, ReturnBody } from './item-pool.schemas.js';
import * as service from './item-pool.service.js';

const CASEWORKERS = access.roles('worker', 'team_lead');

export function itemPoolRoutes(db: Db, config: Config) {
  return async function (app: FastifyInstance): Promise<void> {
    const r = app.withTypeProvider<ZodTypeProvider>();
    const tags = ['item pool'];
    const ctx = (request: Parameters<typeof contextOf>[0]) => contextOf(request, db, config);

    r.get(
      '/api/v1/shared-items',
      {
        config: { access: CASEWORKERS },
        schema: {
          tags,
          summary: "Your teams' shared items (the uitleenpool) with who has each one now",
          response: { 200: wholeListOf(ItemSchema), ...problemResponses },
        },
      },
      async (request) => whole(await service.listItems(ctx(request))),
    );
    r.post(
      '/api/v1/shared-items',
      {
        config: { access: CASEWORKERS },
        schema: {
          tags,
          summary: 'Add an item to the pool of your team',
          body: ItemBody,
          response: { 201: ItemSchema, ...problemResponses },
        },
      },
      async (request, reply) =>
        reply.status(201).send(await service.createItem(ctx(request), request.body)),
    );
    r.get(
      '/api/v1/shared-items/:id/loans',
      {
        config: { access: CASEWORKERS },
        schema: {
          tags,
          summary: "An item's loans, newest first",
          params: IdParams,
          response: { 200: wholeListOf(LoanSchema), ...problemResponses },
        },
      },
      async (request) => whole(await service.listLoans(ctx(request), request.params.id)),
    );
    r.post(
      '/api/v1/shared-items/:id/loans',
      {
        config: { access: CASEWORKERS },
        schema: {
          tags,
          summary: 'Lend the item to a household member of one of your trajectories',
          description:
            'Answers 409 when the item is lent out on any of the days (both days included; an overdue item that is not back blocks every later day).',
          params: IdParams,
          body: LoanBody,
          response: { 201: LoanSchema, ...problemResponses },
        },
      },
      async (request, reply) =>
        reply.status(201).send(await service.lend(ctx(request), request.params.id, request.body)),
    );
    r.post(
      '/api/v1/item-loans/:id/return',
      {
        config: { access: CASEWORKERS },
        schema: {
          tags,
          summary: 'Record that the item came back',
          params: IdParams,
          body: ReturnBody,
          response: { 200: LoanSchema, ...problemResponses },
        },
      },
      (request) => service.returnLoan(ctx(request), request.params.id, request.body.returnedOn),
    );
    r.post(
      '/api/v1/item-loans/:id/cancel',
      {
        config: { access: CASEWORKERS },
        schema: {
          tags,
          summary: 'Cancel a loan that has not started yet (a reservation no longer needed)',
          description:
            'From today the loan holds its item on no day. Answers 409 when the loan has started (record its return instead) or was already returned or cancelled.',
          params: IdParams,
          response: { 200: LoanSchema, ...problemResponses },
        },
      },
      (request) => service.cancelLoan(ctx(request), request.params.id),
    );
    r.get(
      '/api/v1/item-loans/overdue',
      {
        config: { access: CASEWORKERS },
        schema: {
          tags,
          summary: 'Loans past their end date and not returned',
          response: { 200: wholeListOf(LoanSchema), ...problemResponses },
        },
      },
      async (request) => whole(await service.listOverdue(ctx(request))),
    );
  };
}
