// The synthetic city: a seeded, deterministic generator that writes straight into PostgreSQL as
// the owner role, module by module. The modules live in server/src/demo/history/ (the demo seed
// uses them too, for the demo municipality's history); this file builds a whole city from them.
// Invented people only; the buurten are the real CBS buurten of the municipality.
//
// Run alone (into an existing, migrated database):
//   npx tsx bench/city/generate.ts --size small --database-url postgres://...
import pg from 'pg';
import {
  BENCH_PASSWORD,
  FIGURES,
  PLANS,
  type CitySize,
} from '../../server/src/demo/history/plan.js';
import { Random, seedOf } from '../../server/src/demo/history/random.js';
import {
  generateOrganisation,
  type Buurt,
  type Team,
} from '../../server/src/demo/history/organisation.js';
import {
  generateEntryPoint,
  type KnownAddress,
} from '../../server/src/demo/history/entry-point.js';
import { generateTrajectories } from '../../server/src/demo/history/trajectories.js';
import { generateMeasurements } from '../../server/src/demo/history/measurements.js';
import { generateBudget } from '../../server/src/demo/history/budget.js';
import { poolTarget } from '../../server/src/demo/history/sql.js';
import { generateAuditTrail } from './audit-trail.js';
import { generateStaffHistory } from './staff-history.js';

const DAY = 86_400_000;

export interface GeneratedCity {
  size: CitySize;
  seed: string;
  anchor: string;
  municipalityId: string;
  municipalityName: string;
  password: string;
  teams: Team[];
  buurten: Buurt[];
  householdsByTeam: Map<string, string[]>;
  /** Trajectory ids per team id (all statuses), for "open a trajectory". */
  trajectoriesByTeam: Map<string, string[]>;
  /** Trajectory ids per team id that are not closed, for "save a contact". */
  openTrajectoriesByTeam: Map<string, string[]>;
  knownAddresses: KnownAddress[];
  /**
   * The partner organisation in whose name the signal import scenario sends its lists (the
   * housing corporation): a worker's import names its sender (`organisationId`).
   */
  signalSenderId: string;
  /** Rows written per table by the generator. */
  generated: Record<string, number>;
  /** Milliseconds per module and in total. */
  timings: Record<string, number>;
}

export interface GenerateOptions {
  size: CitySize;
  seed?: string;
  /** The day the history runs up to (YYYY-MM-DD, UTC midnight); default today. */
  anchor?: string;
}

export async function generateCity(
  ownerUrl: string,
  options: GenerateOptions,
): Promise<GeneratedCity> {
  const plan = PLANS[options.size];
  const seed = options.seed ?? 'samenkracht';
  const anchorDay = options.anchor ?? new Date().toISOString().slice(0, 10);
  // The history runs up to midnight (UTC) of the anchor day: the same seed and day give the same
  // city, and what is waiting or open at midnight is still waiting or open when the run starts.
  const anchor = new Date(`${anchorDay}T00:00:00Z`);
  const start = new Date(Math.floor(anchor.getTime() / DAY - plan.years * 365) * DAY);
  const rng = new Random(seedOf(`${seed}:${plan.size}`));
  const pool = new pg.Pool({ connectionString: ownerUrl, max: 2 });
  pool.on('error', () => undefined);
  const target = poolTarget(pool);
  const timings: Record<string, number> = {};
  const time = async <T>(label: string, work: () => Promise<T>): Promise<T> => {
    const began = performance.now();
    const result = await work();
    timings[label] = Math.round(performance.now() - began);
    return result;
  };
  try {
    const began = performance.now();
    const expectedAddresses =
      plan.totalFte * FIGURES.clientsPerFteYear * plan.years * (1.3 + FIGURES.signalsPerClient);
    const org = await time('organisation', () =>
      generateOrganisation(target, rng.fork('organisation'), plan, start, expectedAddresses),
    );
    const entry = await time('entryPoint', () =>
      generateEntryPoint(target, rng.fork('entry-point'), plan, org, start, anchor),
    );
    const trajectoryCounts = await time('trajectories', () =>
      generateTrajectories(target, rng.fork('trajectories'), org, entry.trajectories, anchor),
    );
    const measurementCounts = await time('measurements', () =>
      generateMeasurements(target, rng.fork('measurements'), org, entry.trajectories, anchor),
    );
    const budgetCounts = await time('budget', () =>
      generateBudget(target, rng.fork('budget'), plan, org, entry.trajectories, start, anchor),
    );
    const auditCounts = await time('auditTrail', () =>
      generateAuditTrail(target, rng.fork('audit-trail'), org, entry.trajectories, anchor),
    );
    const staffHistoryCounts = await time('staffHistory', () =>
      generateStaffHistory(target, rng.fork('staff-history'), org, start, anchor),
    );
    timings.total = Math.round(performance.now() - began);
    const trajectoriesByTeam = new Map<string, string[]>();
    const openTrajectoriesByTeam = new Map<string, string[]>();
    for (const t of entry.trajectories) {
      const list = trajectoriesByTeam.get(t.teamId) ?? [];
      list.push(t.id);
      trajectoriesByTeam.set(t.teamId, list);
      if (t.status !== 'closed') {
        const open = openTrajectoriesByTeam.get(t.teamId) ?? [];
        open.push(t.id);
        openTrajectoriesByTeam.set(t.teamId, open);
      }
    }
    return {
      size: options.size,
      seed,
      anchor: anchor.toISOString(),
      municipalityId: org.municipalityId,
      municipalityName: plan.name,
      password: BENCH_PASSWORD,
      teams: org.teams,
      buurten: org.buurten,
      householdsByTeam: entry.householdsByTeam,
      trajectoriesByTeam,
      openTrajectoriesByTeam,
      knownAddresses: entry.knownAddresses,
      signalSenderId: org.signalSenders.rentArrears,
      generated: {
        staff: org.staff,
        teams: org.teams.length,
        neighbourhoods: org.buurten.length,
        postcode_neighbourhoods: org.buurten.reduce((n, b) => n + b.postcodes.length, 0),
        ...entry.counts,
        ...trajectoryCounts,
        ...measurementCounts,
        ...budgetCounts,
        ...auditCounts,
        ...staffHistoryCounts,
      },
      timings,
    };
  } finally {
    await pool.end();
  }
}

function argument(name: string): string | undefined {
  const index = process.argv.indexOf(`--${name}`);
  return index >= 0 ? process.argv[index + 1] : undefined;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const url = argument('database-url') ?? process.env.DATABASE_URL;
  const size = (argument('size') ?? 'small') as CitySize;
  if (!url || !(size in PLANS)) {
    process.stderr.write(
      'usage: tsx bench/city/generate.ts --size small|medium|large --database-url URL [--seed S] [--anchor YYYY-MM-DD]\n',
    );
    process.exit(2);
  }
  generateCity(url, { size, seed: argument('seed'), anchor: argument('anchor') })
    .then((city) => {
      process.stdout.write(
        `${JSON.stringify({ generated: city.generated, timings: city.timings }, null, 2)}\n`,
      );
    })
    .catch((error: unknown) => {
      process.stderr.write(
        `${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
      );
      process.exit(1);
    });
}
