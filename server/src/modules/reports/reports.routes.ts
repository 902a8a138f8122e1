import type { FastifyInstance, FastifyReply } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Db } from '../../platform/db.js';
import type { Config } from '../../config.js';
import { access, contextOf } from '../../platform/access.js';
import { problemResponses } from '../../platform/http-schemas.js';
import { todayInAmsterdam } from '../trajectories/trajectories.service.js';
import { buildMonitor } from './monitor.service.js';
import { asIs, publicVersion, toCsv, toXlsx, type ShownMonitor } from './monitor.export.js';

const Shown = z.union([z.number(), z.literal('<5')]);
const Label = z.object({ nl: z.string(), en: z.string() });
const MonitorSchema = z
  .object({
    filters: z.object({
      from: z.string(),
      to: z.string(),
      teamIds: z.array(z.uuid()),
      teamNames: z.array(z.string()),
      neighbourhoodCode: z.string().nullable(),
      suppressed: z.boolean(),
    }),
    sections: z.array(
      z.object({
        key: z.string(),
        title: Label,
        tables: z.array(
          z.object({
            key: z.string(),
            title: Label,
            rows: z.array(z.object({ key: z.string(), label: Label, value: Shown })),
            total: Shown,
          }),
        ),
        figures: z.array(
          z.object({
            key: z.string(),
            title: Label,
            value: Shown.nullable(),
            basedOn: Shown,
            unit: z.string(),
          }),
        ),
      }),
    ),
  })
  .meta({ id: 'Monitor' });

const MonitorQuery = z.strictObject({
  from: z.iso.date().optional(),
  to: z.iso.date().optional(),
  teamId: z.uuid().optional(),
  neighbourhoodCode: z
    .string()
    .regex(/^BU\d{8}$/)
    .optional(),
});

type Format = 'json' | 'csv' | 'xlsx';

async function send(reply: FastifyReply, monitor: ShownMonitor, format: Format, name: string) {
  if (format === 'csv') {
    return reply
      .type('text/csv; charset=utf-8')
      .header(
        'content-disposition',
        `attachment; filename="${name}-${monitor.filters.from}-${monitor.filters.to}.csv"`,
      )
      .send(toCsv(monitor));
  }
  if (format === 'xlsx') {
    return reply
      .type('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
      .header(
        'content-disposition',
        `attachment; filename="${name}-${monitor.filters.from}-${monitor.filters.to}.xlsx"`,
      )
      .send(await toXlsx(monitor));
  }
  return monitor;
}

export function reportRoutes(db: Db, config: Config) {
  return async function (app: FastifyInstance): Promise<void> {
    const r = app.withTypeProvider<ZodTypeProvider>();
    const tags = ['reports'];
    const period = (q: { from?: string | undefined; to?: string | undefined }) => {
      const to = q.to ?? todayInAmsterdam();
      return { from: q.from ?? `${to.slice(0, 4)}-01-01`, to };
    };

    for (const format of ['json', 'csv', 'xlsx'] as const) {
      const suffix = format === 'json' ? '' : `.${format}`;
      r.get(
        `/api/v1/reports/monitor${suffix}`,
        {
          config: { access: access.roles('municipality', 'team_lead') },
          schema: {
            tags,
            summary: `The monitor${format === 'json' ? '' : ` as ${format.toUpperCase()}`}: reach, who, speed, work, results (municipality: all teams; team lead: own team)`,
            querystring: MonitorQuery,
            ...(format === 'json'
              ? { response: { 200: MonitorSchema, ...problemResponses } }
              : {
                  produces: [
                    format === 'csv'
                      ? 'text/csv'
                      : 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
                  ],
                }),
          },
        },
        async (request, reply) => {
          const monitor = await buildMonitor(contextOf(request, db, config), {
            ...period(request.query),
            teamId: request.query.teamId,
            neighbourhoodCode: request.query.neighbourhoodCode,
          });
          return send(reply, asIs(monitor), format, 'monitor');
        },
      );
      r.get(
        `/api/v1/reports/public${suffix}`,
        {
          config: {
            access: access.roles('worker', 'team_lead', 'municipality', 'admin', 'partner'),
          },
          schema: {
            tags,
            summary: `The public report${format === 'json' ? '' : ` as ${format.toUpperCase()}`}: the same indicators for all teams, every count below 5 shown as "<5" (with secondary suppression)`,
            querystring: MonitorQuery.omit({ teamId: true }),
            ...(format === 'json'
              ? { response: { 200: MonitorSchema, ...problemResponses } }
              : {
                  produces: [
                    format === 'csv'
                      ? 'text/csv'
                      : 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
                  ],
                }),
          },
        },
        async (request, reply) => {
          const monitor = await buildMonitor(
            contextOf(request, db, config),
            { ...period(request.query), neighbourhoodCode: request.query.neighbourhoodCode },
            { publicReport: true },
          );
          return send(reply, publicVersion(monitor), format, 'publieksrapportage');
        },
      );
    }
  };
}
