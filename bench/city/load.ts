// Reads a city that an earlier `bench/run.ts --keep` generated back from its database, in the
// shape `generateCity` returns, so that `bench/run.ts --reuse <dataDir>` can run the scenarios
// again without the generation (13 minutes for the large city). Only what the scenarios use is
// read: teams with their workers, buurten with postcodes, the ids the scenarios open and the
// addresses the signal import aims at.
import pg from 'pg';
import { BENCH_PASSWORD, PLANS, type CitySize } from '../../server/src/demo/history/plan.js';
import type { Buurt, Team, Worker } from '../../server/src/demo/history/organisation.js';
import type { KnownAddress } from '../../server/src/demo/history/entry-point.js';
import type { GeneratedCity } from './generate.js';

/** Rows counted per table, like the generator's `generated` (the scenarios add to some). */
const COUNTED_TABLES = [
  'teams',
  'staff',
  'households',
  'residents',
  'registrations',
  'trajectories',
  'signals',
  'contacts',
  'assessments',
  'assessment_scores',
  'staff_periods',
  'audit_events',
] as const;

/** The number in an e-mail address like `w12.t3@utrecht.bench`, for the workers' order. */
const workerNumber = (email: string) => Number(/^w(\d+)\./.exec(email)?.[1] ?? 0);

function groupBy<T>(rows: T[], key: (row: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const row of rows) {
    const k = key(row);
    const list = groups.get(k);
    if (list) list.push(row);
    else groups.set(k, [row]);
  }
  return groups;
}

export async function loadCity(
  ownerUrl: string,
  size: CitySize,
  seed: string,
): Promise<GeneratedCity> {
  const plan = PLANS[size];
  const client = new pg.Client({ connectionString: ownerUrl });
  await client.connect();
  try {
    const q = async <T extends pg.QueryResultRow>(text: string, values: unknown[] = []) =>
      (await client.query<T>(text, values)).rows;
    const [municipality] = await q<{ id: string; name: string }>(
      `select m.id, m.name from municipalities m
        where exists (select 1 from staff s where s.municipality_id = m.id and s.email = $1)`,
      [`gemeente@${plan.slug}.bench`],
    );
    if (!municipality) throw new Error(`no ${size} city (${plan.slug}) in this database`);
    const m = municipality.id;

    const postcodes = await q<{ code: string; postcode: string }>(
      `select neighbourhood_code as code, postcode from postcode_neighbourhoods
        where municipality_id = $1 order by postcode`,
      [m],
    );
    const postcodesByBuurt = groupBy(postcodes, (r) => r.code);
    const buurtRows = await q<{
      code: string;
      name: string;
      district_code: string;
      team_id: string;
    }>(
      `select n.code, n.name, n.district_code, ta.team_id
         from neighbourhoods n
         join team_neighbourhoods ta on ta.municipality_id = n.municipality_id and ta.neighbourhood_code = n.code
        where n.municipality_id = $1 order by n.code`,
      [m],
    );
    const buurten: Buurt[] = buurtRows.map((b) => ({
      code: b.code,
      name: b.name,
      districtCode: b.district_code,
      postcodes: (postcodesByBuurt.get(b.code) ?? []).map((p) => ({
        postcode: p.postcode,
        street: '',
      })),
    }));
    const buurtenByTeam = groupBy(
      buurtRows.map((b, i) => ({ teamId: b.team_id, buurt: buurten[i] as Buurt })),
      (r) => r.teamId,
    );

    const staff = await q<{
      id: string;
      email: string;
      role: string;
      hours: string;
      team_id: string;
    }>(
      `select s.id, s.email, s.role, s.hours_per_week::text as hours, st.team_id
         from staff s join staff_teams st on st.staff_id = s.id
        where s.municipality_id = $1 and s.role in ('worker', 'team_lead')`,
      [m],
    );
    const staffByTeam = groupBy(staff, (s) => s.team_id);
    const worker = (s: (typeof staff)[number]): Worker => ({
      id: s.id,
      email: s.email,
      hoursPerWeek: Number(s.hours),
    });
    const teamRows = await q<{ id: string; name: string }>(
      `select id, name from teams where municipality_id = $1 order by name`,
      [m],
    );
    const teams: Team[] = teamRows.map((t) => {
      const members = staffByTeam.get(t.id) ?? [];
      const workers = members
        .filter((s) => s.role === 'worker')
        .sort((a, b) => workerNumber(a.email) - workerNumber(b.email))
        .map(worker);
      const lead = members.find((s) => s.role === 'team_lead');
      const key = /\.(t\d+)@/.exec(workers[0]?.email ?? '')?.[1] ?? t.id;
      return {
        id: t.id,
        key,
        name: t.name,
        buurten: (buurtenByTeam.get(t.id) ?? []).map((r) => r.buurt),
        fte: workers.reduce((sum, w) => sum + w.hoursPerWeek, 0) / 36,
        workers,
        lead: lead ? worker(lead) : (workers[0] as Worker),
      };
    });

    const idsByTeam = async (text: string) => {
      const rows = await q<{ team_id: string; ids: string[] }>(text, [m]);
      return new Map(rows.map((r) => [r.team_id, r.ids]));
    };
    const householdsByTeam = await idsByTeam(
      `select team_id, array_agg(id order by id) as ids from households
        where municipality_id = $1 group by team_id`,
    );
    const trajectoriesByTeam = await idsByTeam(
      `select team_id, array_agg(id order by id) as ids from trajectories
        where municipality_id = $1 group by team_id`,
    );
    const openTrajectoriesByTeam = await idsByTeam(
      `select team_id, array_agg(id order by id) as ids from trajectories
        where municipality_id = $1 and status <> 'closed' group by team_id`,
    );
    // The generator keeps every household with an address; a sample of 20,000 aims the import
    // at known households just as well.
    const knownAddresses = (
      await q<{
        household_id: string;
        team_id: string;
        postcode: string;
        house_number: number;
        house_letter: string | null;
        family_name: string;
      }>(
        `select h.id as household_id, h.team_id, h.postcode, h.house_number, h.house_letter,
                (select r.family_name from residents r where r.household_id = h.id order by r.id limit 1) as family_name
           from households h
          where h.municipality_id = $1 and h.postcode is not null and h.house_number is not null
          order by h.id limit 20000`,
        [m],
      )
    ).map((r): KnownAddress => ({
      householdId: r.household_id,
      teamId: r.team_id,
      postcode: r.postcode,
      houseNumber: r.house_number,
      houseLetter: r.house_letter,
      familyName: r.family_name ?? '',
    }));

    // The housing corporation sends the scenario's lists; a city kept from before signals had a
    // sender has none, and any partner organisation will do there.
    const [sender] = await q<{ id: string }>(
      `select id from organisations where municipality_id = $1
        order by (name = $2) desc, id limit 1`,
      [m, `Woonstichting ${plan.name}`],
    );
    if (!sender) throw new Error(`no organisation in the ${size} city to send signal lists`);

    const generated: Record<string, number> = {};
    for (const table of COUNTED_TABLES) {
      const [row] = await q<{ n: string }>(
        `select count(*)::text as n from ${table} where municipality_id = $1`,
        [m],
      );
      generated[table] = Number(row?.n ?? 0);
    }
    const [anchorRow] = await q<{ anchor: string }>(
      // The history runs up to midnight of the anchor day: the day after the last opening.
      `select to_char((max(opened_at) at time zone 'UTC')::date + 1, 'YYYY-MM-DD') as anchor
         from trajectories where municipality_id = $1`,
      [m],
    );
    return {
      size,
      seed,
      anchor: new Date(
        `${anchorRow?.anchor ?? new Date().toISOString().slice(0, 10)}T00:00:00Z`,
      ).toISOString(),
      municipalityId: m,
      municipalityName: municipality.name,
      password: BENCH_PASSWORD,
      teams,
      buurten,
      householdsByTeam,
      trajectoriesByTeam,
      openTrajectoriesByTeam,
      knownAddresses,
      signalSenderId: sender.id,
      generated,
      timings: {},
    };
  } finally {
    await client.end();
  }
}
