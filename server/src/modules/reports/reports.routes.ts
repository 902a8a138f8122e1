import type { FastifyInstance, FastifyReply } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Db } from '../../platform/db.js';
import type { Config } from '../../config.js';
import { CalendarDay } from '../../platform/date-schemas.js';
import { access, contextOf } from '../../platform/access.js';
import { problemResponses } from '../../platform/http-schemas.js';
import { todayInAmsterdam } from '../trajectories/trajectories.service.js';
import { buildMonitor } from './monitor.service.js';
import {
  asIs,
  publicPeriod,
  publicVersion,
  toCsv,
  toXlsx,
  type ShownMonitor,
} from './monitor.export.js';

// A number, or in the public report "<5" (fewer than five) or, for a table's count only, "x"
// (hidden to protect a "<5").
const Shown = z.union([z.number(), z.literal('<5'), z.literal('x')]);
const ShownFigure = z.union([z.number(), z.literal('<5')]);
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
            value: ShownFigure.nullable(),
            basedOn: ShownFigure,
            unit: z.string(),
          }),
        ),
      }),
    ),
  })
  .meta({ id: 'Monitor' });

const MonitorQuery = z.strictObject({
  from: CalendarDay.optional(),
  to: CalendarDay.optional(),
  teamId: z.uuid().optional(),
  neighbourhoodCode: z
    .string()
    .regex(/^BU\d{8}$/)
    .optional(),
});

// Whole periods that are over only (publicPeriod): comparing periods a day apart, or one period
// day by day while it runs, would give one day's counts.
const PublicQuery = z.strictObject({
  from: CalendarDay.optional().meta({
    description:
      'The first day of a calendar month, quarter or year; with to. Without both: the last month that is over.',
  }),
  to: CalendarDay.optional().meta({
    description:
      'The last day of the month, quarter or year that begins on from, before today (Amsterdam); with from.',
  }),
  neighbourhoodCode: MonitorQuery.shape.neighbourhoodCode,
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
            summary: `The public report${format === 'json' ? '' : ` as ${format.toUpperCase()}`}: the same indicators for all teams, every count below 5 shown as "<5", the others rounded to multiples of 5`,
            description:
              'Only for a whole calendar month, quarter or year that is over (400 naming from or to otherwise). A count of 0-4, and a figure resting on fewer than 5 people (a median, a share whose counted or uncounted cases are fewer than 5), is "<5"; a count hidden only so that a "<5" cannot be worked out from the total is "x"; every other count, total and basedOn is rounded to a multiple of 5, sums of money to thousands of euros.',
            querystring: PublicQuery,
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
            {
              ...publicPeriod(request.query, todayInAmsterdam()),
              neighbourhoodCode: request.query.neighbourhoodCode,
            },
            { publicReport: true },
          );
          return send(reply, publicVersion(monitor), format, 'publieksrapportage');
        },
      );
    }
  };
}
