// Inhabitants per CBS buurt, loaded by the admin from a CSV in the shape of CBS StatLine
// "Kerncijfers wijken en buurten": one line per area and year. Gemeente and wijk lines (GM..., WK...)
// are skipped; a buurt line that cannot be read is rejected with its line and field, the good
// ones are stored (a year loaded again replaces that year's number).
import type { ServiceContext } from '../../platform/context.js';
import { inTenant } from '../../platform/db.js';
import { parseCsv } from '../../platform/csv.js';
import { audit } from '../../platform/audit.js';
import { invalidField } from '../../platform/errors.js';
import { neighbourhoods } from '../organisation/organisation.repository.js';

/** Accepted column names, compared without case, spaces, hyphens and underscores. */
const COLUMNS = {
  code: ['buurtcode', 'wijkenenbuurten', 'codering', 'codering3', 'gwbcode', 'regiocode'],
  year: ['jaar', 'perioden', 'year'],
  inhabitants: ['aantalinwoners', 'aantalinwoners5', 'inwoners', 'inhabitants'],
} as const;

const squash = (name: string) => name.toLowerCase().replace(/[^a-z0-9]/g, '');

/** StatLine downloads use semicolons; the CBS open data CSV uses commas. */
function rowsOf(text: string): string[][] {
  const clean = text.replace(/^\uFEFF/, '');
  const firstLine = clean.split(/\r?\n/, 1)[0] ?? '';
  if (firstLine.includes(';') && !firstLine.includes(',')) {
    return clean
      .split(/\r?\n/)
      .filter((l) => l.trim() !== '')
      .map((l) => l.split(';').map((f) => f.trim().replace(/^"(.*)"$/, '$1')));
  }
  return parseCsv(clean);
}

export interface Rejection {
  line: number;
  field: string;
  reason: string;
  reasonNl: string;
}

export async function importInhabitants(ctx: ServiceContext, csv: string) {
  const [header, ...rows] = rowsOf(csv);
  const names = (header ?? []).map((c) => c.trim());
  const index = (options: readonly string[]) => names.findIndex((n) => options.includes(squash(n)));
  const at = {
    code: index(COLUMNS.code),
    year: index(COLUMNS.year),
    inhabitants: index(COLUMNS.inhabitants),
  };
  const missing = (Object.keys(at) as (keyof typeof at)[]).filter((k) => at[k] < 0);
  if (missing.length > 0) {
    const wanted = missing.map((k) => COLUMNS[k][0]).join(', ');
    throw invalidField(
      '(body).header',
      `misses the column(s): ${wanted}`,
      `mist de kolom(men): ${wanted}`,
    );
  }
  const field = (k: keyof typeof at) => names[at[k]] ?? k;
  const { municipalityId } = ctx.actor;
  return inTenant(ctx.db, { municipalityId, teamIds: [] }, async (trx) => {
    const known = new Set(
      (await neighbourhoods.listWithDistricts(trx, municipalityId)).map((n) => n.code),
    );
    const good = new Map<string, { code: string; year: number; inhabitants: number }>();
    const rejected: Rejection[] = [];
    let skipped = 0;
    rows.forEach((row, i) => {
      const line = i + 2;
      const cell = (k: keyof typeof at) => (row[at[k]] ?? '').trim();
      const code = cell('code').toUpperCase();
      const yearText = cell('year');
      const countText = cell('inhabitants').replace(/[\s.](?=\d{3}\b)/g, '');
      const reject = (k: keyof typeof at, reason: string, reasonNl: string) =>
        rejected.push({ line, field: field(k), reason, reasonNl });
      if (/^(GM|WK|NL)/.test(code)) {
        skipped++;
        return;
      }
      const year = /^\d{4}(JJ00)?$/.test(yearText) ? Number(yearText.slice(0, 4)) : NaN;
      if (!/^BU\d{8}$/.test(code))
        reject(
          'code',
          `"${code}" is not a buurtcode (BU + 8 digits)`,
          `"${code}" is geen buurtcode (BU + 8 cijfers)`,
        );
      else if (!known.has(code))
        reject(
          'code',
          `${code} is not a buurt of this municipality`,
          `${code} is geen buurt van deze gemeente`,
        );
      else if (!(year >= 2000 && year <= 2100))
        reject('year', `"${yearText}" is not a year`, `"${yearText}" is geen jaar`);
      else if (!/^\d+$/.test(countText))
        reject(
          'inhabitants',
          `"${cell('inhabitants')}" is not a whole number (CBS writes "." when a number is unknown or secret)`,
          `"${cell('inhabitants')}" is geen geheel getal (CBS schrijft "." als een aantal onbekend of geheim is)`,
        );
      else if (good.has(`${code}|${year}`))
        reject(
          'code',
          `${code} appears twice for ${year}`,
          `${code} komt twee keer voor in ${year}`,
        );
      else good.set(`${code}|${year}`, { code, year, inhabitants: Number(countText) });
    });
    for (const item of good.values()) {
      await trx
        .insertInto('neighbourhood_inhabitants')
        .values({
          municipality_id: municipalityId,
          neighbourhood_code: item.code,
          year: item.year,
          inhabitants: item.inhabitants,
        })
        .onConflict((oc) =>
          oc
            .columns(['municipality_id', 'neighbourhood_code', 'year'])
            .doUpdateSet({ inhabitants: item.inhabitants, imported_at: new Date() }),
        )
        .execute();
    }
    await audit(trx, ctx, {
      action: 'inhabitants.import',
      objectType: 'neighbourhood_inhabitants',
      reason: `${good.size} rows`,
    });
    return { rows: good.size, skipped, rejected };
  });
}

/** Every buurt of the municipality with the inhabitants loaded for it, per year. */
export function inhabitantsSummary(ctx: ServiceContext) {
  const { municipalityId } = ctx.actor;
  return inTenant(ctx.db, { municipalityId, teamIds: [] }, async (trx) => {
    const areas = await neighbourhoods.listWithDistricts(trx, municipalityId);
    const rows = await trx
      .selectFrom('neighbourhood_inhabitants')
      .select(['neighbourhood_code', 'year', 'inhabitants'])
      .where('municipality_id', '=', municipalityId)
      .execute();
    const byCode = new Map<string, Record<string, number>>();
    for (const r of rows) {
      const entry = byCode.get(r.neighbourhood_code) ?? {};
      entry[String(r.year)] = r.inhabitants;
      byCode.set(r.neighbourhood_code, entry);
    }
    return {
      items: areas.map((a) => ({ code: a.code, name: a.name, byYear: byCode.get(a.code) ?? {} })),
      years: [...new Set(rows.map((r) => r.year))].sort((a, b) => a - b),
    };
  });
}
