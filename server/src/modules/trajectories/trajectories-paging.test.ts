// The trajectories list ("Mijn trajecten", the team's list) pages by keyset: every trajectory
// once, newest opened first, across pages and with every filter; the last page has no cursor; a
// bad cursor is a 400 naming the field and changes nothing; a cursor opens no other team's list.
import { beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { call, createDemoEnv, login, type Session, type TestEnv } from '../../../test/harness.js';
import { createMunicipality, createStaffMember } from '../../../test/factories.js';
import { seal } from '../../platform/secret-box.js';

interface Trajectory {
  id: string;
  teamId: string;
  coordinatorId: string;
  status: string;
  openedAt: string;
}
interface Page {
  items: Trajectory[];
  nextCursor: string | null;
}
interface Problem {
  status: number;
  invalidParams?: { name: string; reason: string; reasonNl: string }[];
}

let env: TestEnv;
/** Workers of a team of its own municipality, whose list holds exactly the seven below. */
let anna: Session;
let bram: Session;
let lead: Session;
let haarlemTeamId: string;
/** A worker of the demo municipality (Maastricht). */
let maastricht: Session;

/** Fixed ids, so that the order among equal opening times is known (uuid order = text order). */
const uuid = (n: number) => `00000000-0000-7000-8000-${n.toString(16).padStart(12, '0')}`;

// Seven trajectories, inserted out of order. The list orders by opened_at, newest first, and by
// id where two opened at the same time (T4 before T3: its id is smaller). T2 opened one
// microsecond after T1: a cursor that kept milliseconds only would skip T1.
//   name  id  coordinator  status      opened_at
const ROWS = [
  ['T5', 50, 'anna', 'open', '2025-01-15 09:00:00+01'],
  ['T3', 40, 'bram', 'open', '2025-02-01 12:00:00+01'],
  ['T7', 70, 'anna', 'follow_up', '2024-12-31 16:30:00+01'],
  ['T1', 10, 'anna', 'open', '2025-03-01 10:00:00.000001+01'],
  ['T6', 60, 'bram', 'closed', '2025-01-10 08:00:00+01'],
  ['T4', 30, 'anna', 'aftercare', '2025-02-01 12:00:00+01'],
  ['T2', 20, 'anna', 'closed', '2025-03-01 10:00:00.000002+01'],
] as const;
const ORDER = ['T2', 'T1', 'T4', 'T3', 'T5', 'T6', 'T7'];
const nameOf = new Map<string, string>(ROWS.map(([name, n]) => [uuid(n), name]));

async function page(session: Session, query: string): Promise<Page> {
  const response = await call(env.app, session, 'GET', `/api/v1/trajectories?${query}`);
  expect(response.statusCode, response.body).toBe(200);
  return response.json<Page>();
}

/** Follows nextCursor to the end; returns every page. */
async function walk(session: Session, query: string): Promise<Page[]> {
  const pages = [await page(session, query)];
  while (pages.at(-1)?.nextCursor && pages.length < 20) {
    const cursor = pages.at(-1)?.nextCursor ?? '';
    pages.push(await page(session, `${query}&cursor=${encodeURIComponent(cursor)}`));
  }
  return pages;
}

const names = (pages: Page[]) =>
  pages.flatMap((p) => p.items.map((t) => nameOf.get(t.id) ?? `other ${t.id}`));

/** How many list requests were audited (a request writes a row per resident it showed). */
async function listAudits(): Promise<number> {
  const { rows } = await sql<{ n: number }>`
    select count(distinct request_id)::int as n from audit_events
    where action = 'trajectory.list'`.execute(env.owner);
  return rows[0]?.n ?? 0;
}

beforeAll(async () => {
  env = await createDemoEnv();
  maastricht = await login(env.app, 'worker2@maastricht.demo');
  const town = await createMunicipality(env.owner, { code: 'GM0392', name: 'Haarlem' });
  haarlemTeamId = town.teamId;
  const staff = {
    anna: await createStaffMember(env.owner, town.municipalityId, {
      teamIds: [town.teamId],
      name: 'Anna',
    }),
    bram: await createStaffMember(env.owner, town.municipalityId, {
      teamIds: [town.teamId],
      name: 'Bram',
    }),
  };
  const teamLead = await createStaffMember(env.owner, town.municipalityId, {
    teamIds: [town.teamId],
    role: 'team_lead',
    name: 'Lotte',
  });
  anna = await login(env.app, staff.anna.email, staff.anna.password);
  bram = await login(env.app, staff.bram.email, staff.bram.password);
  lead = await login(env.app, teamLead.email, teamLead.password);
  // Straight into the tables (as the owner): one household per trajectory, since a household has
  // one active trajectory at a time.
  for (const [, n, coordinator, status, openedAt] of ROWS) {
    await sql`insert into households (municipality_id, id, team_id)
      values (${town.municipalityId}, ${uuid(1000 + n)}, ${town.teamId})`.execute(env.owner);
    await sql`insert into trajectories
        (municipality_id, id, household_id, team_id, coordinator_id, status, opened_at, closed_at, outcome)
      values (${town.municipalityId}, ${uuid(n)}, ${uuid(1000 + n)}, ${town.teamId},
        ${staff[coordinator].id}, ${status}, ${openedAt}::timestamptz,
        case when ${status} in ('closed', 'aftercare') then now() end,
        case when ${status} in ('closed', 'aftercare') then 'goals_achieved' end)`.execute(
      env.owner,
    );
  }
});

describe('paging the trajectories list', () => {
  it('walks seven trajectories in pages of two: 2 + 2 + 2 + 1, each once, newest first', async () => {
    const pages = await walk(lead, 'limit=2');
    expect(pages.map((p) => p.items.length)).toEqual([2, 2, 2, 1]);
    expect(names(pages)).toEqual(ORDER);
    expect(pages.slice(0, 3).every((p) => typeof p.nextCursor === 'string')).toBe(true);
    expect(pages[3]?.nextCursor).toBeNull();
    // In pages of one: the microsecond between T2 and T1 and the tie of T4 and T3 hold.
    expect(names(await walk(lead, 'limit=1'))).toEqual(ORDER);
    // The same list in one page, as before paging: the same order, no cursor.
    const whole = await page(lead, 'limit=200');
    expect(names([whole])).toEqual(ORDER);
    expect(whole.nextCursor).toBeNull();
  });

  it('answers no cursor when the page ends exactly at the last trajectory (limit 7 of 7)', async () => {
    const exact = await page(lead, 'limit=7');
    expect(exact.items).toHaveLength(7);
    expect(exact.nextCursor).toBeNull();
    // limit 6 of 7: a cursor, and the next page holds the one left, T7.
    const six = await page(lead, 'limit=6');
    expect(six.nextCursor).not.toBeNull();
    const rest = await page(lead, `limit=6&cursor=${encodeURIComponent(six.nextCursor ?? '')}`);
    expect(names([rest])).toEqual(['T7']);
    expect(rest.nextCursor).toBeNull();
  });

  it('keeps the filters with the cursor: status, active, coordinator, team', async () => {
    const annaId = anna.user.id;
    // "Mijn trajecten" as the page asks for it: the coordinator's own, active ones.
    const mine = await walk(anna, `coordinatorId=${annaId}&status=active&limit=2`);
    expect(mine.map((p) => p.items.length)).toEqual([2, 2]);
    expect(names(mine)).toEqual(['T1', 'T4', 'T5', 'T7']);
    expect(mine.at(-1)?.nextCursor).toBeNull();
    const active = await walk(bram, 'status=active&limit=1');
    expect(names(active)).toEqual(['T1', 'T4', 'T3', 'T5', 'T7']);
    expect(active.flatMap((p) => p.items).every((t) => t.status !== 'closed')).toBe(true);
    const closed = await walk(lead, 'status=closed&limit=1');
    expect(names(closed)).toEqual(['T2', 'T6']);
    expect(closed.map((p) => p.nextCursor === null)).toEqual([false, true]);
    const annaAll = await walk(lead, `coordinatorId=${annaId}&limit=3`);
    expect(names(annaAll)).toEqual(['T2', 'T1', 'T4', 'T5', 'T7']);
    expect(annaAll.flatMap((p) => p.items).every((t) => t.coordinatorId === annaId)).toBe(true);
    const byTeam = await walk(lead, `teamId=${haarlemTeamId}&limit=3`);
    expect(byTeam.map((p) => p.items.length)).toEqual([3, 3, 1]);
    expect(names(byTeam)).toEqual(ORDER);
  });

  it("writes the list's audit row once per page, as before", async () => {
    const before = await listAudits();
    await walk(lead, 'limit=3');
    expect(await listAudits()).toBe(before + 3);
  });

  it('answers 400 naming query.cursor, in Dutch and English, for a cursor it did not give, and changes nothing', async () => {
    const first = await page(lead, 'limit=2');
    const cursor = first.nextCursor ?? '';
    expect(cursor).not.toBe('');
    // One character of the sealed text changed: not a cursor this server gave.
    const parts = cursor.split('.');
    const body = parts[3] ?? '';
    parts[3] = (body[0] === 'A' ? 'B' : 'A') + body.slice(1);
    const changed = parts.join('.');
    const notJson = Buffer.from('niet-json').toString('base64url');
    const unsealed = Buffer.from(
      JSON.stringify(['trajectories.newest-first', '2025-03-01 10:00:00+01', uuid(20)]),
    ).toString('base64url');
    const key = env.config.secretKey;
    // Sealed with the right key, but not this list's keys: the signals list's shape, and an
    // attempt to put SQL in the time.
    const signalsCursor = seal(
      key,
      'list-cursor',
      Buffer.from(JSON.stringify(['1011AB', 5, '2025-01-10 00:00:00+01', uuid(20)])),
    );
    const injected = seal(
      key,
      'list-cursor',
      Buffer.from(
        JSON.stringify([
          'trajectories.newest-first',
          "2025-01-10'; drop table trajectories; --",
          uuid(20),
        ]),
      ),
    );
    const before = await listAudits();
    for (const bad of ['%%%', notJson, unsealed, changed, signalsCursor, injected, '']) {
      const response = await call(
        env.app,
        lead,
        'GET',
        `/api/v1/trajectories?limit=2&cursor=${encodeURIComponent(bad)}`,
      );
      expect(response.statusCode, bad).toBe(400);
      const problem = response.json<Problem>();
      expect(problem.invalidParams?.map((p) => p.name)).toEqual(['query.cursor']);
      expect(problem.invalidParams?.[0]?.reason).toMatch(/cursor/);
      expect(problem.invalidParams?.[0]?.reasonNl).toMatch(/cursor/);
    }
    // Nothing was read or recorded for them; the list itself is as it was.
    expect(await listAudits()).toBe(before);
    expect(names(await walk(lead, 'limit=4'))).toEqual(ORDER);
  });

  it("opens no other team's trajectories with that team's cursor: the list stays the caller's own", async () => {
    const haarlemIds = new Set(nameOf.keys());
    const first = await page(lead, 'limit=1');
    const cursor = encodeURIComponent(first.nextCursor ?? '');
    expect(cursor).not.toBe('');
    // Another municipality's worker, with and without that cursor: only their own team's.
    for (const query of ['limit=50', `limit=50&cursor=${cursor}`]) {
      const seen = (await walk(maastricht, query)).flatMap((p) => p.items);
      expect(seen.every((t) => maastricht.user.teamIds.includes(t.teamId))).toBe(true);
      expect(seen.filter((t) => haarlemIds.has(t.id))).toEqual([]);
    }
    // Asking for the other team by id as well: an empty page, not its trajectories.
    const named = await page(maastricht, `teamId=${haarlemTeamId}&limit=2&cursor=${cursor}`);
    expect(named).toEqual({ items: [], nextCursor: null });
  });
});
