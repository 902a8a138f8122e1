// A municipality's CBS districts (wijken) and neighbourhoods (buurten) from the reference files
// shipped in db/reference (CBS / PDOK, Wijk- en buurtkaart 2024, CC BY 4.0). Used by the demo
// seed and by `npm run setup:municipality` for a real municipality.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseCsvRecords } from '../platform/csv.js';
import type { Trx } from '../platform/db.js';

const referenceDir = path.join(path.dirname(fileURLToPath(import.meta.url)), 'reference');

async function readReference(file: string) {
  return parseCsvRecords(await readFile(path.join(referenceDir, file), 'utf8'));
}

export interface ReferenceAreas {
  districts: { code: string; name: string }[];
  neighbourhoods: { code: string; name: string; districtCode: string }[];
}

/** The wijken and buurten of one municipality (`GM` + 4 digits); empty when none are shipped. */
export async function referenceAreasOf(gemeentecode: string): Promise<ReferenceAreas> {
  const [wijken, buurten] = await Promise.all([
    readReference('cbs-wijken-2024.csv'),
    readReference('cbs-buurten-2024.csv'),
  ]);
  return {
    districts: wijken
      .filter((w) => w.gemeentecode === gemeentecode)
      .map((w) => ({ code: w.wijkcode ?? '', name: w.wijknaam ?? '' })),
    neighbourhoods: buurten
      .filter((b) => b.gemeentecode === gemeentecode)
      .map((b) => ({
        code: b.buurtcode ?? '',
        name: b.buurtnaam ?? '',
        districtCode: b.wijkcode ?? '',
      })),
  };
}

/** The municipalities the reference files cover, code and CBS name, sorted by code. */
export async function referenceMunicipalities(): Promise<{ code: string; name: string }[]> {
  const names = new Map<string, string>();
  for (const b of await readReference('cbs-buurten-2024.csv')) {
    if (b.gemeentecode) names.set(b.gemeentecode, b.gemeentenaam ?? '');
  }
  return [...names]
    .map(([code, name]) => ({ code, name }))
    .sort((a, b) => a.code.localeCompare(b.code));
}

export async function loadCbsAreas(trx: Trx, municipalityId: string, gemeentecode: string) {
  const { districts, neighbourhoods } = await referenceAreasOf(gemeentecode);
  if (districts.length === 0) throw new Error(`No CBS districts for ${gemeentecode}`);
  await trx
    .insertInto('districts')
    .values(districts.map((d) => ({ municipality_id: municipalityId, ...d })))
    .execute();
  await trx
    .insertInto('neighbourhoods')
    .values(
      neighbourhoods.map(({ districtCode, ...n }) => ({
        municipality_id: municipalityId,
        ...n,
        district_code: districtCode,
      })),
    )
    .execute();
  return { districts: districts.length, neighbourhoods: neighbourhoods.length };
}

/** "Brusselse Poort" and "Brusselsepoort" are the same buurt: compare without spacing, hyphens or case. */
export function normaliseAreaName(name: string): string {
  return name
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[\s\-'.]/g, '');
}
