// Loads a municipality's CBS districts (wijken) and neighbourhoods (buurten) from the reference
// files shipped in db/reference (CBS / PDOK, Wijk- en buurtkaart 2024, CC BY 4.0).
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseCsvRecords } from '../platform/csv.js';
import type { Trx } from '../platform/db.js';

const referenceDir = path.join(
  path.dirname(fileURLToPath(import.meta.url)),
  '..',
  'db',
  'reference',
);

export async function loadCbsAreas(trx: Trx, municipalityId: string, gemeentecode: string) {
  const wijken = parseCsvRecords(
    await readFile(path.join(referenceDir, 'cbs-wijken-2024.csv'), 'utf8'),
  );
  const buurten = parseCsvRecords(
    await readFile(path.join(referenceDir, 'cbs-buurten-2024.csv'), 'utf8'),
  );
  const districts = wijken
    .filter((w) => w.gemeentecode === gemeentecode)
    .map((w) => ({
      municipality_id: municipalityId,
      code: w.wijkcode ?? '',
      name: w.wijknaam ?? '',
    }));
  const neighbourhoods = buurten
    .filter((b) => b.gemeentecode === gemeentecode)
    .map((b) => ({
      municipality_id: municipalityId,
      code: b.buurtcode ?? '',
      name: b.buurtnaam ?? '',
      district_code: b.wijkcode ?? '',
    }));
  if (districts.length === 0) throw new Error(`No CBS districts for ${gemeentecode}`);
  await trx.insertInto('districts').values(districts).execute();
  await trx.insertInto('neighbourhoods').values(neighbourhoods).execute();
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
