// The privacy officer's tools (an admin with the privacy duty) and the worker's break the glass.
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Db } from '../../platform/db.js';
import type { Config } from '../../config.js';
import { access, contextOf } from '../../platform/access.js';
import { IdParams, problemResponses, whole, wholeListOf } from '../../platform/http-schemas.js';
import {
  ActiveGrant,
  AlertQuery,
  AuditPage,
  AuditQuery,
  BreakGlassBody,
  BreakGlassGrant,
  PrivacyAlertSchema,
  ReviewBody,
  ReviewResult,
  RetentionFile,
  ErasureCase,
  ErasureQuery,
  ErasureRequestBody,
  ErasureResidentCandidate,
  ErasureResidentQuery,
  EraseBody,
  RefuseBody,
  ErasureDecision,
  PrivacySettingsBody,
  PrivacySettingsSchema,
} from './privacy.schemas.js';
import { getPrivacySettings, updatePrivacySettings } from './settings.service.js';
import * as retention from './retention.service.js';
import { exportResident, listAudit, requirePrivacyDuty } from './privacy.service.js';
import { inTenant } from '../../platform/db.js';
import { breakGlass, myGlassGrants } from './break-glass.service.js';
import { listAlerts, reviewAlert } from './alerts.service.js';
import { renderExportHtml } from './export.html.js';

/** The admin with the privacy duty; the service checks the duty (privacy_duties). */
const PRIVACY_OFFICER = access.roles('admin');
const CASE_WORKERS = access.roles('worker', 'team_lead');

export function privacyRoutes(db: Db, config: Config) {
  return async function (app: FastifyInstance): Promise<void> {
    const r = app.withTypeProvider<ZodTypeProvider>();
    const tags = ['privacy'];
    const ctx = (request: Parameters<typeof contextOf>[0]) => contextOf(request, db, config);

    r.get(
      '/api/v1/audit',
      {
        config: { access: PRIVACY_OFFICER },
        schema: {
          tags,
          summary:
            'The audit log for the privacy officer, filtered by resident, staff member, action and period (Amsterdam days), newest first, paged',
          querystring: AuditQuery,
          response: { 200: AuditPage, ...problemResponses },
        },
      },
      (request) => listAudit(ctx(request), request.query),
    );

    r.get(
      '/api/v1/residents/:id/export',
      {
        config: { access: access.roles('admin', 'worker', 'team_lead') },
        schema: {
          tags,
          summary:
            'Right of access: everything held about one resident, as JSON (privacy officer, or a worker of the own team)',
          params: IdParams,
          response: {
            200: z.object({
              generatedAt: z.string(),
              residentId: z.uuid(),
              tables: z.record(z.string(), z.array(z.unknown())),
            }),
            ...problemResponses,
          },
        },
      },
      (request) => exportResident(ctx(request), request.params.id),
    );
    r.get(
      '/api/v1/residents/:id/export.html',
      {
        config: { access: access.roles('admin', 'worker', 'team_lead') },
        schema: {
          tags,
          summary:
            'Right of access as a readable document in Dutch (HTML, printable to PDF from the browser)',
          params: IdParams,
          produces: ['text/html'],
          response: { 200: z.string(), ...problemResponses },
        },
      },
      async (request, reply) => {
        const exported = await exportResident(ctx(request), request.params.id, 'html');
        const person = exported.tables.residents?.[0] as
          { given_name?: string; family_name?: string } | undefined;
        const name = [person?.given_name, person?.family_name].filter(Boolean).join(' ');
        return reply
          .type('text/html; charset=utf-8')
          .header('cache-control', 'no-store')
          .send(renderExportHtml(exported, { name: name || 'u' }));
      },
    );

    r.post(
      '/api/v1/break-glass',
      {
        config: { access: CASE_WORKERS },
        schema: {
          tags,
          summary:
            'Break the glass: read access to a household outside your teams until the end of the day, with a reason (audited and reviewed)',
          body: BreakGlassBody,
          response: { 201: BreakGlassGrant, ...problemResponses },
        },
      },
      async (request, reply) =>
        reply.status(201).send(await breakGlass(ctx(request), request.body)),
    );
    r.get(
      '/api/v1/break-glass',
      {
        config: { access: CASE_WORKERS },
        schema: {
          tags,
          summary: 'My break-the-glass grants that are still running',
          response: { 200: wholeListOf(ActiveGrant), ...problemResponses },
        },
      },
      async (request) => whole(await myGlassGrants(ctx(request))),
    );

    r.get(
      '/api/v1/privacy/alerts',
      {
        config: { access: PRIVACY_OFFICER },
        schema: {
          tags,
          summary:
            'Unusual access, computed from the audit trail: many households outside current work, outside office hours, break the glass',
          querystring: AlertQuery,
          response: {
            200: z.object({
              items: z.array(PrivacyAlertSchema),
              nextCursor: z.string().nullable(),
            }),
            ...problemResponses,
          },
        },
      },
      async (request) => ({
        items: await listAlerts(ctx(request), request.query),
        nextCursor: null,
      }),
    );
    r.post(
      '/api/v1/privacy/alerts/review',
      {
        config: { access: PRIVACY_OFFICER },
        schema: {
          tags,
          summary: 'Mark an alert reviewed, with a note (audited)',
          body: ReviewBody,
          response: { 201: ReviewResult, ...problemResponses },
        },
      },
      async (request, reply) =>
        reply.status(201).send(await reviewAlert(ctx(request), request.body)),
    );
    r.get(
      '/api/v1/privacy/settings',
      {
        config: { access: PRIVACY_OFFICER },
        schema: {
          tags,
          summary:
            'Privacy settings of my municipality: office hours and threshold for alerts, retention periods (defaults, version 0, until saved)',
          response: { 200: PrivacySettingsSchema, ...problemResponses },
        },
      },
      (request) => getPrivacySettings(ctx(request)),
    );
    r.put(
      '/api/v1/privacy/settings',
      {
        config: { access: PRIVACY_OFFICER },
        schema: {
          tags,
          summary: 'Change the privacy settings (409 on a stale version; audited)',
          body: PrivacySettingsBody,
          response: { 200: PrivacySettingsSchema, ...problemResponses },
        },
      },
      (request) => updatePrivacySettings(ctx(request), request.body),
    );

    r.get(
      '/api/v1/privacy/retention',
      {
        config: { access: PRIVACY_OFFICER },
        schema: {
          tags,
          summary:
            'Files (households) past their retention period after closure: 15 years Wmo, 20 years youth, per municipality',
          response: { 200: wholeListOf(RetentionFile), ...problemResponses },
        },
      },
      async (request) => whole(await retention.listPastRetention(ctx(request))),
    );
    r.post(
      '/api/v1/privacy/retention/run',
      {
        config: { access: PRIVACY_OFFICER },
        schema: {
          tags,
          summary:
            'Run the daily retention job now for this municipality: files past retention become erasure cases',
          response: { 200: z.object({ proposed: z.number().int() }), ...problemResponses },
        },
      },
      async (request) => {
        const c = ctx(request);
        await inTenant(db, { municipalityId: c.actor.municipalityId, teamIds: [] }, (trx) =>
          requirePrivacyDuty(trx, c.actor),
        );
        return { proposed: await retention.proposeErasures(db, c.actor.municipalityId) };
      },
    );
    r.get(
      '/api/v1/privacy/erasures',
      {
        config: { access: PRIVACY_OFFICER },
        schema: {
          tags,
          summary: 'Erasure cases: files past retention and erasure requests (AVG art. 17)',
          querystring: ErasureQuery,
          response: {
            200: z.object({ items: z.array(ErasureCase), nextCursor: z.string().nullable() }),
            ...problemResponses,
          },
        },
      },
      async (request) => ({
        items: await retention.listErasures(ctx(request), request.query.status),
        nextCursor: null,
      }),
    );
    r.get(
      '/api/v1/privacy/erasures/residents',
      {
        config: { access: PRIVACY_OFFICER },
        schema: {
          tags,
          summary:
            'Find the resident an erasure request is about: family name (its start) and birth date, every team (privacy officer; audited per resident shown)',
          querystring: ErasureResidentQuery,
          response: {
            200: z.object({
              items: z.array(ErasureResidentCandidate),
              /** More residents match than are shown: a birth date or more letters narrow it. */
              more: z.boolean(),
              nextCursor: z.null(),
            }),
            ...problemResponses,
          },
        },
      },
      async (request) => ({
        ...(await retention.findResidentsForErasure(ctx(request), request.query)),
        nextCursor: null,
      }),
    );
    r.post(
      '/api/v1/privacy/erasures',
      {
        config: { access: PRIVACY_OFFICER },
        schema: {
          tags,
          summary:
            "Record a resident's erasure request (AVG art. 17), with the legal exceptions that apply",
          body: ErasureRequestBody,
          response: { 201: z.object({ id: z.uuid() }), ...problemResponses },
        },
      },
      async (request, reply) =>
        reply.status(201).send(await retention.requestErasure(ctx(request), request.body)),
    );
    r.post(
      '/api/v1/privacy/erasures/:id/erase',
      {
        config: { access: PRIVACY_OFFICER },
        schema: {
          tags,
          summary:
            'Confirm: erase the person data of the household (the audit trail and anonymous figures stay)',
          params: IdParams,
          body: EraseBody,
          response: { 200: ErasureDecision, ...problemResponses },
        },
      },
      (request) => retention.confirmErasure(ctx(request), request.params.id, request.body),
    );
    r.post(
      '/api/v1/privacy/erasures/:id/refuse',
      {
        config: { access: PRIVACY_OFFICER },
        schema: {
          tags,
          summary: 'Refuse an erasure, with the reason (e.g. a legal retention obligation)',
          params: IdParams,
          body: RefuseBody,
          response: { 200: ErasureDecision, ...problemResponses },
        },
      },
      (request) => retention.refuseErasure(ctx(request), request.params.id, request.body),
    );
  };
}
