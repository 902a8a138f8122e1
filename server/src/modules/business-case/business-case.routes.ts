import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Db } from '../../platform/db.js';
import type { Config } from '../../config.js';
import { access, contextOf } from '../../platform/access.js';
import { acceptCsv } from '../../platform/csv-body.js';
import { IdParams, listOf, problemResponses } from '../../platform/http-schemas.js';
import {
  AssumptionSchema,
  BusinessCaseQuery,
  BusinessCaseSchema,
  CreateAssumptionBody,
  CreatePriceBody,
  InhabitantsImportResult,
  InhabitantsSummarySchema,
  PriceSchema,
  UpdateAssumptionBody,
  UpdatePriceBody,
} from './business-case.schemas.js';
import * as priceList from './price-list.service.js';
import { importInhabitants, inhabitantsSummary } from './inhabitants.service.js';
import { buildBusinessCase } from './business-case.service.js';
import { businessCaseXlsx } from './business-case.export.js';

/** The municipality keeps the price list and the assumptions; the admin may too. */
const PRICE_KEEPERS = access.roles('municipality', 'admin');
/** Who may read prices and assumptions: also the team lead, whose team's figures rest on them. */
const PRICE_READERS = access.roles('municipality', 'admin', 'team_lead');
/** The business case itself: the municipality for all teams, a team lead for their own team. */
const BUSINESS_CASE = access.roles('municipality', 'team_lead');

export function businessCaseRoutes(db: Db, config: Config) {
  return async function (app: FastifyInstance): Promise<void> {
    acceptCsv(app);
    const r = app.withTypeProvider<ZodTypeProvider>();
    const tags = ['business-case'];
    const ctx = (request: Parameters<typeof contextOf>[0]) => contextOf(request, db, config);

    r.get(
      '/api/v1/prices',
      {
        config: { access: PRICE_READERS },
        schema: {
          tags,
          summary: 'The price list: provisions (a year), the benefit (a month), partner hours',
          response: { 200: listOf(PriceSchema), ...problemResponses },
        },
      },
      (request) => priceList.listPrices(ctx(request)),
    );
    r.post(
      '/api/v1/prices',
      {
        config: { access: PRICE_KEEPERS },
        schema: {
          tags,
          summary: 'Add a price with its source and validity (no overlap with the same item)',
          body: CreatePriceBody,
          response: { 201: PriceSchema, ...problemResponses },
        },
      },
      async (request, reply) =>
        reply.status(201).send(await priceList.createPrice(ctx(request), request.body)),
    );
    r.patch(
      '/api/v1/prices/:id',
      {
        config: { access: PRICE_KEEPERS },
        schema: {
          tags,
          summary: 'Change a price (with its version): amount, validity, source',
          params: IdParams,
          body: UpdatePriceBody,
          response: { 200: PriceSchema, ...problemResponses },
        },
      },
      (request) => priceList.updatePrice(ctx(request), request.params.id, request.body),
    );
    r.get(
      '/api/v1/business-case-assumptions',
      {
        config: { access: PRICE_READERS },
        schema: {
          tags,
          summary: 'The assumptions behind the estimated avoided costs (low and high)',
          response: { 200: listOf(AssumptionSchema), ...problemResponses },
        },
      },
      (request) => priceList.listAssumptions(ctx(request)),
    );
    r.post(
      '/api/v1/business-case-assumptions',
      {
        config: { access: PRICE_KEEPERS },
        schema: {
          tags,
          summary: 'Add an assumption',
          body: CreateAssumptionBody,
          response: { 201: AssumptionSchema, ...problemResponses },
        },
      },
      async (request, reply) =>
        reply.status(201).send(await priceList.createAssumption(ctx(request), request.body)),
    );
    r.patch(
      '/api/v1/business-case-assumptions/:id',
      {
        config: { access: PRICE_KEEPERS },
        schema: {
          tags,
          summary: 'Change an assumption (with its version)',
          params: IdParams,
          body: UpdateAssumptionBody,
          response: { 200: AssumptionSchema, ...problemResponses },
        },
      },
      (request) => priceList.updateAssumption(ctx(request), request.params.id, request.body),
    );
    r.post(
      '/api/v1/neighbourhood-inhabitants/imports',
      {
        config: { access: access.roles('admin') },
        schema: {
          tags,
          summary: 'Load inhabitants per buurt (text/csv, CBS "Kerncijfers wijken en buurten")',
          description:
            'Columns (comma or semicolon): buurtcode (or WijkenEnBuurten/Codering_3), jaar (or Perioden, e.g. 2024JJ00), aantal_inwoners (or AantalInwoners_5). Gemeente and wijk lines are skipped; bad lines are rejected with line and field; a year loaded again is replaced.',
          consumes: ['text/csv'],
          body: z.string().min(1),
          response: { 201: InhabitantsImportResult, ...problemResponses },
        },
      },
      async (request, reply) =>
        reply.status(201).send(await importInhabitants(ctx(request), request.body)),
    );
    r.get(
      '/api/v1/neighbourhood-inhabitants',
      {
        config: { access: PRICE_READERS },
        schema: {
          tags,
          summary: 'Inhabitants per buurt and year as loaded',
          response: { 200: InhabitantsSummarySchema, ...problemResponses },
        },
      },
      (request) => inhabitantsSummary(ctx(request)),
    );
    r.get(
      '/api/v1/business-case',
      {
        config: { access: BUSINESS_CASE },
        schema: {
          tags,
          summary:
            'Costs against estimated savings (low/high) per year, per team and city-wide, with every total broken down into its parts',
          querystring: BusinessCaseQuery,
          response: { 200: BusinessCaseSchema, ...problemResponses },
        },
      },
      (request) => buildBusinessCase(ctx(request), request.query),
    );
    r.get(
      '/api/v1/business-case.xlsx',
      {
        config: { access: BUSINESS_CASE },
        schema: {
          tags,
          summary: 'The business case as a spreadsheet, with the assumptions and the method',
          querystring: BusinessCaseQuery,
          produces: ['application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'],
        },
      },
      async (request, reply) => {
        const bc = await buildBusinessCase(ctx(request), request.query, { export: true });
        return reply
          .type('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
          .header(
            'content-disposition',
            `attachment; filename="business-case-${bc.years[0]}-${bc.years.at(-1)}.xlsx"`,
          )
          .send(await businessCaseXlsx(bc));
      },
    );
  };
}
