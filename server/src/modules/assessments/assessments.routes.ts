import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Db } from '../../platform/db.js';
import type { Config } from '../../config.js';
import { access, contextOf, readContextOf } from '../../platform/access.js';
import { IdParams, problemResponses, whole, wholeListOf } from '../../platform/http-schemas.js';
import {
  AssessmentBody,
  AssessmentSchema,
  DueItem,
  InstrumentKey,
  InstrumentSchema,
  InstrumentSettingsBody,
  InstrumentSettingsSchema,
  InstrumentTextsBody,
  TeamTrajectoryAssessments,
  ZrmReportQuery,
  ZrmReportSchema,
} from './assessments.schemas.js';
import * as service from './assessments.service.js';

const CASEWORKERS = access.roles('worker', 'team_lead');
/** The same roles, checked by a read in one statement together with the session (ADR 0005). */
const CASEWORKERS_IN_ONE_STATEMENT = access.rolesCheckedByRead('worker', 'team_lead');
const READERS = access.roles('worker', 'team_lead', 'municipality', 'admin');

export function assessmentRoutes(db: Db, config: Config) {
  return async function (app: FastifyInstance): Promise<void> {
    const r = app.withTypeProvider<ZodTypeProvider>();
    const tags = ['measurements'];
    const ctx = (request: Parameters<typeof contextOf>[0]) => contextOf(request, db, config);

    r.get(
      '/api/v1/instruments',
      {
        config: { access: READERS },
        schema: {
          tags,
          summary:
            'ZRM 2013 (11 domains), ZRM 2017 (13), Positieve Gezondheid (6); which are in use; loaded level texts',
          response: { 200: wholeListOf(InstrumentSchema), ...problemResponses },
        },
      },
      async (request) => whole(await service.listInstruments(ctx(request))),
    );

    r.get(
      '/api/v1/instrument-settings',
      {
        config: { access: READERS },
        schema: {
          tags,
          summary: "The municipality's ZRM version and whether Positieve Gezondheid is used",
          response: { 200: InstrumentSettingsSchema, ...problemResponses },
        },
      },
      (request) => service.getInstrumentSettings(ctx(request)),
    );

    r.put(
      '/api/v1/instrument-settings',
      {
        config: { access: access.roles('admin') },
        schema: {
          tags,
          summary:
            'Choose the ZRM version (earlier measurements stay readable and comparable on shared domains)',
          body: InstrumentSettingsBody,
          response: { 200: InstrumentSettingsSchema, ...problemResponses },
        },
      },
      (request) => service.updateInstrumentSettings(ctx(request), request.body),
    );

    r.put(
      '/api/v1/instruments/:key/texts',
      {
        config: { access: access.roles('admin') },
        schema: {
          tags,
          summary: 'Load the licensed level texts of an instrument (instrument definition file)',
          params: z.strictObject({ key: InstrumentKey }),
          body: InstrumentTextsBody,
          response: {
            200: z.object({ instrument: InstrumentKey, domains: z.number().int() }),
            ...problemResponses,
          },
        },
      },
      (request) =>
        service.loadInstrumentTexts(ctx(request), request.params.key, request.body.levels),
    );

    r.post(
      '/api/v1/trajectories/:id/assessments',
      {
        config: { access: CASEWORKERS },
        schema: {
          tags,
          summary:
            'Record a measurement: ZRM whole numbers 1-5 or null (not discussed); Positieve Gezondheid 0-10',
          params: IdParams,
          body: AssessmentBody,
          response: { 201: AssessmentSchema, ...problemResponses },
        },
      },
      async (request, reply) =>
        reply
          .status(201)
          .send(await service.recordAssessment(ctx(request), request.params.id, request.body)),
    );

    r.get(
      '/api/v1/trajectories/:id/assessments',
      {
        config: { access: CASEWORKERS_IN_ONE_STATEMENT },
        schema: {
          tags,
          summary:
            "The household's measurements and the change per domain, with the three-month day and the registered resident",
          params: IdParams,
          response: { 200: TeamTrajectoryAssessments, ...problemResponses },
        },
      },
      (request) =>
        service.openTrajectoryAssessments(readContextOf(request, db, config), request.params.id),
    );

    r.get(
      '/api/v1/assessments/due',
      {
        config: { access: CASEWORKERS },
        schema: {
          tags,
          summary:
            "The caller's due measurements: start missing, three months passed, closure missing",
          response: { 200: wholeListOf(DueItem), ...problemResponses },
        },
      },
      async (request) => whole(await service.dueAssessments(ctx(request))),
    );

    r.get(
      '/api/v1/reports/zrm',
      {
        config: { access: access.roles('worker', 'team_lead', 'municipality') },
        schema: {
          tags: ['reports'],
          summary:
            'ZRM progress per domain (aggregated, no persons): improved/stable/declined, mean change, Wilcoxon signed-rank test, completeness',
          querystring: ZrmReportQuery,
          response: { 200: ZrmReportSchema, ...problemResponses },
        },
      },
      (request) => service.zrmReport(ctx(request), request.query),
    );
  };
}
