// The organisation module of the synthetic city: the municipality with its real CBS wijken and
// buurten, teams with working areas (contiguous runs of buurten), partner organisations, staff
// (one account per worker, all sharing one argon2 hash), invented postcodes per buurt and the
// postcode-to-buurt table an administrator would load.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseCsvRecords } from '../../platform/csv.js';
import { hashPassword } from '../../platform/passwords.js';
import { BENCH_PASSWORD, type CityPlan } from './plan.js';
import type { Random } from './random.js';
import { inScope, insertRows, type Value, type Target } from './sql.js';
import { STREET_KINDS, STREET_PARTS } from './words.js';

const referenceDir = path.join(
  path.dirname(fileURLToPath(import.meta.url)),
  '..',
  '..',
  'db',
  'reference',
);

export interface Address {
  postcode: string;
  street: string;
}

export interface Buurt {
  code: string;
  name: string;
  districtCode: string;
  /** Invented six-character postcodes that lie in this buurt (house numbers 1-120). */
  postcodes: Address[];
}

export interface Worker {
  id: string;
  email: string;
  hoursPerWeek: number;
  /**
   * A short caseload: at most this many trajectories still open on the anchor day, each opened
   * at least OLDER_OPEN_DAYS before it; the rest of this worker's trajectories are closed ones
   * (see entry-point.ts). Unset: no limit.
   */
  openCaseload?: number;
}

export interface Team {
  id: string;
  /** t1, t2, ...: used in e-mail addresses. */
  key: string;
  name: string;
  buurten: Buurt[];
  fte: number;
  workers: Worker[];
  lead: Worker;
}

export interface Organisation {
  municipalityId: string;
  teams: Team[];
  buurten: Buurt[];
  staff: number;
  /** The municipality's account (decides werkbudget requests above the team lead's mandate). */
  municipalityStaffId: string;
  /**
   * The partner organisations that send the signal lists (a signal's duplicate key includes its
   * sender): of rent arrears (a housing corporation in the bench city) and of the other kinds
   * (the municipality: Werk & Inkomen, its meldpunt).
   */
  signalSenders: { rentArrears: string; otherKinds: string };
}

/** Letter pairs of Dutch postcodes: SA, SD and SS are not used. */
const LETTER_PAIRS = (() => {
  const pairs: string[] = [];
  for (let a = 0; a < 26; a++)
    for (let b = 0; b < 26; b++) {
      const pair = String.fromCharCode(65 + a, 65 + b);
      if (pair !== 'SA' && pair !== 'SD' && pair !== 'SS') pairs.push(pair);
    }
  return pairs;
})();

async function readReference(file: string) {
  return parseCsvRecords(await readFile(path.join(referenceDir, file), 'utf8'));
}

const shortWijkName = (name: string) => name.replace(/^Wijk \d+\s+/, '');

/** Splits `items` into `parts` contiguous runs of (nearly) equal length. */
function partition<T>(items: readonly T[], parts: number): T[][] {
  const runs: T[][] = [];
  for (let i = 0; i < parts; i++) {
    runs.push(
      items.slice(
        Math.floor((i * items.length) / parts),
        Math.floor(((i + 1) * items.length) / parts),
      ),
    );
  }
  return runs;
}

export async function generateOrganisation(
  target: Target,
  rng: Random,
  plan: CityPlan,
  historyStart: Date,
  expectedAddresses: number,
): Promise<Organisation> {
  const municipalityId = rng.uuidv7(historyStart);
  const wijken = (await readReference('cbs-wijken-2024.csv')).filter(
    (w) => w.gemeentecode === plan.municipalityCode,
  );
  const buurtRecords = (await readReference('cbs-buurten-2024.csv'))
    .filter((b) => b.gemeentecode === plan.municipalityCode)
    .sort((a, b) => (a.buurtcode ?? '').localeCompare(b.buurtcode ?? ''));
  if (wijken.length === 0 || buurtRecords.length === 0)
    throw new Error(`no CBS areas for ${plan.municipalityCode}`);

  // Invented postcodes: each buurt gets its own six-character postcodes within the city's real
  // four-digit range, enough for the households and signal addresses expected there.
  const perBuurt = Math.max(8, Math.ceil(expectedAddresses / buurtRecords.length / 40));
  const [pcFrom, pcTo] = plan.postcode4;
  const nextLetters = new Map<number, number>();
  const buurten: Buurt[] = buurtRecords.map((b, index) => {
    const pc4 = pcFrom + (index % (pcTo - pcFrom + 1));
    const postcodes: Address[] = [];
    for (let i = 0; i < perBuurt; i++) {
      const used = nextLetters.get(pc4) ?? 0;
      nextLetters.set(pc4, used + 1);
      const letters = LETTER_PAIRS[used % LETTER_PAIRS.length] ?? 'AA';
      postcodes.push({
        postcode: `${pc4}${letters}`,
        street: `${rng.pick(STREET_PARTS)}${rng.pick(STREET_KINDS)}`,
      });
    }
    return {
      code: b.buurtcode ?? '',
      name: b.buurtnaam ?? '',
      districtCode: b.wijkcode ?? '',
      postcodes,
    };
  });

  const passwordHash = await hashPassword(BENCH_PASSWORD);
  const wijkName = new Map(wijken.map((w) => [w.wijkcode ?? '', shortWijkName(w.wijknaam ?? '')]));
  const usedNames = new Set<string>();
  const staffRows: Value[][] = [];
  const credentialRows: Value[][] = [];
  const staffTeamRows: Value[][] = [];
  const createdAt = historyStart;
  const organisations = ['Welzijn', 'GGZ', 'Schuldhulp', 'Thuiszorg', 'MEE'].map((kind) => ({
    id: rng.uuidv7(createdAt),
    name: `${kind} ${plan.name}`,
  }));
  const municipalityOrg = { id: rng.uuidv7(createdAt), name: `Gemeente ${plan.name}` };

  const addStaff = (
    email: string,
    name: string,
    role: string,
    hours: number,
    organisationId: string,
    teamIds: string[],
  ): Worker => {
    const id = rng.uuidv7(createdAt);
    staffRows.push([municipalityId, id, organisationId, name, email, role, hours, createdAt]);
    credentialRows.push([municipalityId, id, passwordHash]);
    for (const teamId of teamIds) staffTeamRows.push([municipalityId, id, teamId]);
    return { id, email, hoursPerWeek: hours };
  };
  const personName = (n: number, team: string) => `Medewerker ${n} ${team}`;

  const teams: Team[] = partition(buurten, plan.teams).map((run, i) => {
    const id = rng.uuidv7(createdAt);
    const key = `t${i + 1}`;
    let name = `Buurtteam ${wijkName.get(run[0]?.districtCode ?? '') ?? key}`;
    if (usedNames.has(name.toLowerCase())) name = `${name} ${i + 1}`;
    usedNames.add(name.toLowerCase());
    // Team sizes vary around the average (+-20%).
    const fte = (plan.totalFte / plan.teams) * (0.8 + 0.4 * rng.next());
    const workers: Worker[] = [];
    let hours = 0;
    while (hours < fte * 36) {
      const h = rng.pick([24, 28, 32, 32, 36, 36]);
      workers.push(
        addStaff(
          `w${workers.length + 1}.${key}@${plan.slug}.bench`,
          personName(workers.length + 1, name),
          'worker',
          h,
          rng.pick(organisations).id,
          [id],
        ),
      );
      hours += h;
    }
    const lead = addStaff(
      `lead.${key}@${plan.slug}.bench`,
      `Teamleider ${name}`,
      'team_lead',
      36,
      organisations[0]?.id ?? '',
      [id],
    );
    return { id, key, name, buurten: run, fte: hours / 36, workers, lead };
  });
  const municipalityStaff = addStaff(
    `gemeente@${plan.slug}.bench`,
    'Beleidsmedewerker',
    'municipality',
    36,
    municipalityOrg.id,
    [],
  );
  addStaff(
    `admin@${plan.slug}.bench`,
    'Functioneel beheerder',
    'admin',
    24,
    municipalityOrg.id,
    [],
  );

  // The housing corporation that sends the rent arrears lists; drawn after the staff, so that the
  // teams and staff stay what they were before signals recorded their sender.
  const housingOrg = { id: rng.uuidv7(createdAt), name: `Woonstichting ${plan.name}` };

  const scope = { municipalityId, teamIds: teams.map((t) => t.id) };
  await inScope(target, scope, async (client) => {
    await insertRows(
      client,
      'municipalities',
      [
        { name: 'id', type: 'uuid' },
        { name: 'code', type: 'text' },
        { name: 'name', type: 'text' },
      ],
      [[municipalityId, plan.municipalityCode, plan.name]],
    );
    await insertRows(
      client,
      'districts',
      [
        { name: 'municipality_id', type: 'uuid' },
        { name: 'code', type: 'text' },
        { name: 'name', type: 'text' },
      ],
      wijken.map((w) => [municipalityId, w.wijkcode ?? '', w.wijknaam ?? '']),
    );
    await insertRows(
      client,
      'neighbourhoods',
      [
        { name: 'municipality_id', type: 'uuid' },
        { name: 'code', type: 'text' },
        { name: 'name', type: 'text' },
        { name: 'district_code', type: 'text' },
      ],
      buurten.map((b) => [municipalityId, b.code, b.name, b.districtCode]),
    );
    await insertRows(
      client,
      'teams',
      [
        { name: 'municipality_id', type: 'uuid' },
        { name: 'id', type: 'uuid' },
        { name: 'name', type: 'text' },
        { name: 'type', type: 'text' },
        { name: 'working_area', type: 'text' },
        { name: 'created_at', type: 'timestamptz' },
      ],
      teams.map((t) => [
        municipalityId,
        t.id,
        t.name,
        'social',
        t.buurten.map((b) => b.name).join(', '),
        createdAt,
      ]),
    );
    await insertRows(
      client,
      'team_neighbourhoods',
      [
        { name: 'municipality_id', type: 'uuid' },
        { name: 'team_id', type: 'uuid' },
        { name: 'neighbourhood_code', type: 'text' },
      ],
      teams.flatMap((t) => t.buurten.map((b) => [municipalityId, t.id, b.code])),
    );
    await insertRows(
      client,
      'organisations',
      [
        { name: 'municipality_id', type: 'uuid' },
        { name: 'id', type: 'uuid' },
        { name: 'name', type: 'text' },
        { name: 'contact_name', type: 'text' },
        { name: 'contact_email', type: 'text' },
      ],
      [...organisations, municipalityOrg, housingOrg].map((o, i) => [
        municipalityId,
        o.id,
        o.name,
        `Contactpersoon ${i + 1}`,
        `contact${i + 1}@${plan.slug}.bench`,
      ]),
    );
    await insertRows(
      client,
      'staff',
      [
        { name: 'municipality_id', type: 'uuid' },
        { name: 'id', type: 'uuid' },
        { name: 'organisation_id', type: 'uuid' },
        { name: 'name', type: 'text' },
        { name: 'email', type: 'text' },
        { name: 'role', type: 'text' },
        { name: 'hours_per_week', type: 'numeric' },
        { name: 'created_at', type: 'timestamptz' },
      ],
      staffRows,
    );
    await insertRows(
      client,
      'credentials',
      [
        { name: 'municipality_id', type: 'uuid' },
        { name: 'staff_id', type: 'uuid' },
        { name: 'password_hash', type: 'text' },
      ],
      credentialRows,
    );
    await insertRows(
      client,
      'staff_teams',
      [
        { name: 'municipality_id', type: 'uuid' },
        { name: 'staff_id', type: 'uuid' },
        { name: 'team_id', type: 'uuid' },
      ],
      staffTeamRows,
    );
    // The postcode-to-buurt table, as an administrator loads it (whole postcodes).
    await insertRows(
      client,
      'postcode_neighbourhoods',
      [
        { name: 'municipality_id', type: 'uuid' },
        { name: 'postcode', type: 'text' },
        { name: 'neighbourhood_code', type: 'text' },
      ],
      buurten.flatMap((b) => b.postcodes.map((p) => [municipalityId, p.postcode, b.code])),
    );
  });
  return {
    municipalityId,
    teams,
    buurten,
    staff: staffRows.length,
    municipalityStaffId: municipalityStaff.id,
    signalSenders: { rentArrears: housingOrg.id, otherKinds: municipalityOrg.id },
  };
}
