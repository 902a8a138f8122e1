import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Db } from '../../platform/db.js';
import type { Config } from '../../config.js';
import { access, contextOf } from '../../platform/access.js';
import { IdParams, problemResponses, whole, wholeListOf } from '../../platform/http-schemas.js';
import {
  ApproveBody,
  CorrectionBody,
  CreateRequestBody,
  EvaluationSchema,
  ExecutionBudgetBody,
  ExecutionBudgetSchema,
  PayBody,
  RejectBody,
  RequestQuery,
  RequestSchema,
  ReturnBody,
  SummarySchema,
  WorkBudgetBody,
  WorkBudgetSchema,
  YearParams,
} from './budget.schemas.js';
import * as service from './budget.service.js';
import {
  getExecutionBudget,
  listExecutionBudgetYears,
  putExecutionBudget,
} from './execution-budget.service.js';
import { evaluationXlsx } from './evaluation.export.js';

const MUNICIPALITY = access.roles('municipality');
const CASEWORKERS = access.roles('worker', 'team_lead');
const BUDGET_USERS = access.roles('worker', 'team_lead', 'municipality');

export function budgetRoutes(db: Db, config: Config) {
  return async function (app: FastifyInstance): Promise<void> {
    const r = app.withTypeProvider<ZodTypeProvider>();
    const tags = ['werkbudget'];
    const ctx = (request: Parameters<typeof contextOf>[0]) => contextOf(request, db, config);

    r.get(
      '/api/v1/work-budgets/:year',
      {
        config: { access: BUDGET_USERS },
        schema: {
          tags,
          summary: "The year's werkbudget, top-ups, allocations and mandate",
          params: YearParams,
          response: { 200: WorkBudgetSchema, ...problemResponses },
        },
      },
      (request) => service.getWorkBudget(ctx(request), request.params.year),
    );
    r.put(
      '/api/v1/work-budgets/:year',
      {
        config: { access: MUNICIPALITY },
        schema: {
          tags,
          summary:
            'Set the werkbudget (municipality); allocations with teamId null are the city-wide pot',
          description:
            '`version` is the werkbudget as read (GET `version`), or 0 for a year without one. Someone else having set it since is a 409 (`version_conflict`) carrying `currentVersion`, and nothing changes; 0 for a year that has a werkbudget is such a 409, another version for a year without one a 400 naming `version`. Figures below what is already committed are a 409 (`conflict`).',
          params: YearParams,
          body: WorkBudgetBody,
          response: { 200: WorkBudgetSchema, ...problemResponses },
        },
      },
      (request) => service.putWorkBudget(ctx(request), request.params.year, request.body),
    );
    r.get(
      '/api/v1/work-budgets/:year/summary',
      {
        config: { access: BUDGET_USERS },
        schema: {
          tags,
          summary: 'Allocated, committed, paid and remaining, city-wide and per team',
          params: YearParams,
          response: { 200: SummarySchema, ...problemResponses },
        },
      },
      (request) => service.workBudgetSummary(ctx(request), request.params.year),
    );
    r.get(
      '/api/v1/work-budgets/:year/evaluation',
      {
        config: { access: BUDGET_USERS },
        schema: {
          tags,
          summary:
            'Year-end evaluation: uses, amounts per category and team, returns, anonymised cases',
          params: YearParams,
          response: { 200: EvaluationSchema, ...problemResponses },
        },
      },
      (request) => service.evaluateYear(ctx(request), request.params.year),
    );
    r.post(
      '/api/v1/work-budget-requests',
      {
        config: { access: CASEWORKERS },
        schema: {
          tags,
          summary: 'Ask for werkbudget from a trajectory; approved at once within the mandate',
          description:
            "Answers 409 with `remainingCents` when the amount is more than is left. `status` is `approved` within the requester's mandate, else `requested` for the team lead or the municipality. A trajectory of another team, read by breaking the glass, is read-only: 403, and nothing is asked.",
          body: CreateRequestBody,
          response: {
            201: z.object({
              id: z.uuid(),
              status: z.enum(['approved', 'requested']),
              approvalLevel: z.enum(['worker', 'team_lead', 'municipality']),
            }),
            ...problemResponses,
          },
        },
      },
      async (request, reply) =>
        reply.status(201).send(await service.createRequest(ctx(request), request.body)),
    );
    r.get(
      '/api/v1/work-budget-requests',
      {
        config: { access: BUDGET_USERS },
        schema: {
          tags,
          summary: 'Requests (toDecide=true: the ones this caller decides now)',
          querystring: RequestQuery,
          response: { 200: wholeListOf(RequestSchema), ...problemResponses },
        },
      },
      async (request) => whole(await service.listRequests(ctx(request), request.query)),
    );
    r.get(
      '/api/v1/work-budget-requests/returns-due',
      {
        config: { access: CASEWORKERS },
        schema: {
          tags,
          summary: 'Paid three months ago or more, and the return is still missing',
          response: { 200: wholeListOf(RequestSchema), ...problemResponses },
        },
      },
      async (request) => whole(await service.returnsDue(ctx(request))),
    );
    r.post(
      '/api/v1/work-budget-requests/:id/approve',
      {
        config: { access: BUDGET_USERS },
        schema: {
          tags,
          summary: 'Approve (by mandate); 409 if it would overdraw',
          description:
            "Decided by a worker or team lead of the request's team, within their mandate, or by the municipality: a request of another team, read by breaking the glass, is a 403.",
          params: IdParams,
          body: ApproveBody,
          response: { 200: RequestSchema, ...problemResponses },
        },
      },
      (request) => service.approveRequest(ctx(request), request.params.id, request.body.note),
    );
    r.post(
      '/api/v1/work-budget-requests/:id/reject',
      {
        config: { access: BUDGET_USERS },
        schema: {
          tags,
          summary: 'Reject with a reason',
          description:
            'As approve: a request of another team, read by breaking the glass, is a 403.',
          params: IdParams,
          body: RejectBody,
          response: { 200: RequestSchema, ...problemResponses },
        },
      },
      (request) => service.rejectRequest(ctx(request), request.params.id, request.body.reason),
    );
    r.post(
      '/api/v1/work-budget-requests/:id/pay',
      {
        config: { access: BUDGET_USERS },
        schema: {
          tags,
          summary: 'Register the payment (once)',
          description:
            'Answers 409 when the request is not approved, or was paid by someone else in the meantime (naming `status`; no audit row). A request of another team, read by breaking the glass, is a 403 (the municipality pays for every team).',
          params: IdParams,
          body: PayBody,
          response: { 200: RequestSchema, ...problemResponses },
        },
      },
      (request) => service.payRequest(ctx(request), request.params.id, request.body),
    );
    r.post(
      '/api/v1/work-budget-requests/:id/correction',
      {
        config: { access: BUDGET_USERS },
        schema: {
          tags,
          summary: 'Correct a paid request with a visible counter-entry',
          description:
            "Negative (money back) at most down to a net amount of 0: the payment plus all its corrections (else 400 naming `amountCents`). Positive counts as asking for the new net amount: 403 without the caller's mandate for it (the municipality's covers every amount), 409 with `remainingCents` when it does not fit in what is left. A request of another team, read by breaking the glass, is a 403.",
          params: IdParams,
          body: CorrectionBody,
          response: { 201: RequestSchema, ...problemResponses },
        },
      },
      async (request, reply) =>
        reply
          .status(201)
          .send(await service.correctPayment(ctx(request), request.params.id, request.body)),
    );
    r.post(
      '/api/v1/work-budget-requests/:id/return',
      {
        config: { access: CASEWORKERS },
        schema: {
          tags,
          summary: 'Record the social and financial return',
          description:
            "The first return of a request is recorded without `version` (or with 0); replacing it sends the return's `version` as read (`return.version`). A return recorded or replaced by someone else since is a 409 (`version_conflict`) carrying `currentVersion`, and nothing changes; a `version` for a request without a return is a 400 naming `version`. A request of another team, read by breaking the glass, is a 403.",
          params: IdParams,
          body: ReturnBody,
          response: { 200: RequestSchema, ...problemResponses },
        },
      },
      (request) => service.recordReturn(ctx(request), request.params.id, request.body),
    );
    r.get(
      '/api/v1/execution-budgets',
      {
        config: { access: access.roles('municipality', 'team_lead') },
        schema: {
          tags: ['budget'],
          summary: 'The years that have an execution budget, newest first',
          response: { 200: z.object({ years: z.array(z.number().int()) }), ...problemResponses },
        },
      },
      async (request) => ({ years: await listExecutionBudgetYears(ctx(request)) }),
    );
    r.get(
      '/api/v1/work-budgets/:year/evaluation.xlsx',
      {
        config: { access: BUDGET_USERS },
        schema: {
          tags,
          summary: 'The year-end evaluation as a spreadsheet',
          params: YearParams,
          produces: ['application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'],
        },
      },
      async (request, reply) => {
        const evaluation = await service.evaluateYear(ctx(request), request.params.year);
        return reply
          .type('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
          .header(
            'content-disposition',
            `attachment; filename="werkbudget-evaluatie-${request.params.year}.xlsx"`,
          )
          .send(await evaluationXlsx(evaluation));
      },
    );
    r.get(
      '/api/v1/execution-budgets/:year',
      {
        config: { access: access.roles('municipality', 'team_lead') },
        schema: {
          tags: ['budget'],
          summary: 'The execution budget: costs, coverage, balance, realisation',
          params: YearParams,
          response: { 200: ExecutionBudgetSchema, ...problemResponses },
        },
      },
      (request) => getExecutionBudget(ctx(request), request.params.year),
    );
    r.put(
      '/api/v1/execution-budgets/:year',
      {
        config: { access: MUNICIPALITY },
        schema: {
          tags: ['budget'],
          summary: 'Set the execution budget (municipality)',
          params: YearParams,
          body: ExecutionBudgetBody,
          response: { 200: ExecutionBudgetSchema, ...problemResponses },
        },
      },
      (request) => putExecutionBudget(ctx(request), request.params.year, request.body),
    );
  };
}
