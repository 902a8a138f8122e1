// The municipality's postcode-to-buurt table, loaded by the admin from a CSV, so that a
// household's buurt follows from its address instead of being picked by hand.
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Db } from '../../platform/db.js';
import type { Config } from '../../config.js';
import type { ServiceContext } from '../../platform/context.js';
import { inTenant } from '../../platform/db.js';
import { access, contextOf } from '../../platform/access.js';
import { acceptCsv } from '../../platform/csv-body.js';
import { parseCsv } from '../../platform/csv.js';
import { audit } from '../../platform/audit.js';
import { invalidField } from '../../platform/errors.js';
import { problemResponses } from '../../platform/http-schemas.js';
import { normalisePostcode } from '../households/identifiers.js';
import { neighbourhoods } from './organisation.repository.js';

const REQUIRED = ['postcode', 'neighbourhoodCode'] as const;

const Summary = z.object({
  rows: z.number().int(),
  postcodes: z.number().int(),
  neighbourhoods: z.number().int(),
});
const ImportResult = z.object({
  rows: z.number().int(),
  rejected: z.array(z.object({ line: z.number().int(), reason: z.string(), reasonNl: z.string() })),
});

/** Replaces the whole table: a new CSV is the new truth (addresses move between buurten rarely, but whole). */
export async function importPostcodeTable(ctx: ServiceContext, csv: string) {
  const [header, ...rows] = parseCsv(csv.replace(/^\uFEFF/, ''));
  const columns = (header ?? []).map((c) => c.trim());
  const missing = REQUIRED.filter((c) => !columns.includes(c));
  if (missing.length > 0) {
    throw invalidField(
      '(body).header',
      `misses the column(s): ${missing.join(', ')}`,
      `mist de kolom(men): ${missing.join(', ')}`,
    );
  }
  const col = (row: string[], name: string) => (row[columns.indexOf(name)] ?? '').trim();
  const { municipalityId } = ctx.actor;
  return inTenant(ctx.db, { municipalityId, teamIds: [] }, async (trx) => {
    const known = new Set(
      (await neighbourhoods.listWithDistricts(trx, municipalityId)).map((n) => n.code),
    );
    const good: {
      municipality_id: string;
      postcode: string;
      house_number_from: number;
      house_number_to: number;
      neighbourhood_code: string;
    }[] = [];
    const rejected: { line: number; reason: string; reasonNl: string }[] = [];
    const seen = new Set<string>();
    rows.forEach((row, i) => {
      const line = i + 2;
      const postcode = normalisePostcode(col(row, 'postcode'));
      const code = col(row, 'neighbourhoodCode');
      const from = col(row, 'houseNumberFrom') ? Number(col(row, 'houseNumberFrom')) : 1;
      const to = col(row, 'houseNumberTo') ? Number(col(row, 'houseNumberTo')) : 99999;
      if (!postcode)
        rejected.push({
          line,
          reason: 'postcode: is not a Dutch postcode',
          reasonNl: 'postcode: is geen Nederlandse postcode',
        });
      else if (!known.has(code))
        rejected.push({
          line,
          reason: `neighbourhoodCode: ${code} is not a buurt of this municipality`,
          reasonNl: `neighbourhoodCode: ${code} is geen buurt van deze gemeente`,
        });
      else if (!Number.isInteger(from) || !Number.isInteger(to) || from < 1 || to < from)
        rejected.push({
          line,
          reason: 'houseNumberFrom/To: not a valid range',
          reasonNl: 'houseNumberFrom/To: geen geldig bereik',
        });
      else if (seen.has(`${postcode}|${from}`))
        rejected.push({
          line,
          reason: 'postcode: appears twice with the same start number',
          reasonNl: 'postcode: komt twee keer voor met hetzelfde beginnummer',
        });
      else {
        seen.add(`${postcode}|${from}`);
        good.push({
          municipality_id: municipalityId,
          postcode,
          house_number_from: from,
          house_number_to: to,
          neighbourhood_code: code,
        });
      }
    });
    await trx
      .deleteFrom('postcode_neighbourhoods')
      .where('municipality_id', '=', municipalityId)
      .execute();
    for (let i = 0; i < good.length; i += 2000) {
      await trx
        .insertInto('postcode_neighbourhoods')
        .values(good.slice(i, i + 2000))
        .execute();
    }
    await audit(trx, ctx, {
      action: 'postcode_table.import',
      objectType: 'postcode_table',
      reason: `${good.length} rows`,
    });
    return { rows: good.length, rejected };
  });
}

export function postcodeTableSummary(ctx: ServiceContext) {
  const { municipalityId } = ctx.actor;
  return inTenant(ctx.db, { municipalityId, teamIds: [] }, async (trx) => {
    const row = await trx
      .selectFrom('postcode_neighbourhoods')
      .select((eb) => [
        eb.fn.countAll<number>().as('rows'),
        eb.fn.count<number>('postcode').distinct().as('postcodes'),
        eb.fn.count<number>('neighbourhood_code').distinct().as('neighbourhoods'),
      ])
      .where('municipality_id', '=', municipalityId)
      .executeTakeFirstOrThrow();
    return row;
  });
}

export function postcodeTableRoutes(db: Db, config: Config) {
  return async function (app: FastifyInstance): Promise<void> {
    acceptCsv(app);
    const r = app.withTypeProvider<ZodTypeProvider>();
    r.post(
      '/api/v1/postcode-neighbourhoods/imports',
      {
        config: { access: access.roles('admin') },
        schema: {
          tags: ['organisation'],
          summary: 'Load the postcode-to-buurt table (text/csv, replaces the current one)',
          description:
            'Header: postcode,neighbourhoodCode and optionally houseNumberFrom,houseNumberTo (for postcodes split over buurten). Bad lines are rejected with their line number; the good ones replace the table.',
          consumes: ['text/csv'],
          body: z.string().min(1),
          response: { 201: ImportResult, ...problemResponses },
        },
      },
      async (request, reply) =>
        reply
          .status(201)
          .send(await importPostcodeTable(contextOf(request, db, config), request.body)),
    );
    r.get(
      '/api/v1/postcode-neighbourhoods/summary',
      {
        config: { access: access.roles('admin', 'worker', 'team_lead') },
        schema: {
          tags: ['organisation'],
          summary: 'Size of the loaded postcode-to-buurt table',
          response: { 200: Summary, ...problemResponses },
        },
      },
      (request) => postcodeTableSummary(contextOf(request, db, config)),
    );
  };
}
