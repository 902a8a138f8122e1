// The contact journal pages by keyset: a trajectory of years has more contacts than one page, and
// every one of them is reachable, once, newest first; the last page has no cursor; a bad cursor is
// a 400 naming the field and records nothing; every page is audited, naming the household.
import { beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import {
  call,
  createDemoEnv,
  lastAuditOf,
  login,
  type Session,
  type TestEnv,
} from '../../../test/harness.js';
import { openTrajectory } from '../../../test/cases.js';
import { seal } from '../../platform/secret-box.js';

interface Page {
  items: { id: string; at: string; note: string }[];
  nextCursor: string | null;
}
interface Problem {
  invalidParams?: { name: string; reason: string; reasonNl: string }[];
}

let env: TestEnv;
let worker: Session;
let trajectoryId: string;
let householdId: string;
/** The 103 contacts' ids in the journal's order: newest first, then by id. */
let expected: string[];

const path = () => `/api/v1/trajectories/${trajectoryId}/contacts`;

async function page(query: string): Promise<Page> {
  const response = await call(env.app, worker, 'GET', `${path()}?${query}`);
  expect(response.statusCode, response.body).toBe(200);
  return response.json<Page>();
}

/** Follows nextCursor to the end; returns every page. */
async function walk(query: string): Promise<Page[]> {
  const pages = [await page(query)];
  while (pages.at(-1)?.nextCursor && pages.length < 40) {
    const cursor = encodeURIComponent(pages.at(-1)?.nextCursor ?? '');
    pages.push(await page(`${query}${query ? '&' : ''}cursor=${cursor}`));
  }
  return pages;
}

/** How many journal reads were audited (a read writes a row per member of the household). */
async function journalReads(): Promise<number> {
  const { rows } = await sql<{ n: number }>`
    select count(distinct request_id)::int as n from audit_events
    where action = 'contact.list' and object_id = ${trajectoryId}`.execute(env.owner);
  return rows[0]?.n ?? 0;
}

beforeAll(async () => {
  env = await createDemoEnv();
  worker = await login(env.app, 'worker@maastricht.demo');
  ({ trajectoryId, householdId } = await openTrajectory(env.app, worker, {
    givenName: 'Jaap',
    familyName: 'Journaal',
  }));
  // 103 contacts straight into the table, six a day: two at a time share their moment (the id
  // orders them then), the others a microsecond apart, which a cursor keeping milliseconds only
  // would lose.
  await sql`insert into contacts
      (municipality_id, id, team_id, trajectory_id, at, kind, note, minutes, created_by)
    select t.municipality_id, gen_random_uuid(), t.team_id, t.id,
      timestamptz '2026-01-01 09:00:00+01' + (i / 6) * interval '1 day'
        + (i % 3) * interval '1 microsecond',
      'phone', 'contact ' || i, 10, t.coordinator_id
    from trajectories t, generate_series(1, 103) as i
    where t.id = ${trajectoryId}::uuid`.execute(env.owner);
  const { rows } = await sql<{ id: string }>`
    select id::text as id from contacts where trajectory_id = ${trajectoryId}::uuid
    order by at desc, id`.execute(env.owner);
  expected = rows.map((r) => r.id);
  const ties = await sql<{ n: number }>`
    select count(*)::int as n from (select at from contacts
      where trajectory_id = ${trajectoryId}::uuid group by at having count(*) > 1) shared`.execute(
    env.owner,
  );
  if ((ties.rows[0]?.n ?? 0) < 30)
    throw new Error('the journal should have contacts sharing a moment');
});

describe('paging the contact journal', () => {
  it('walks 103 contacts in pages of 100 + 3, each once, newest first, the last page without cursor', async () => {
    expect(expected).toHaveLength(103);
    const before = await journalReads();
    const pages = await walk('');
    expect(pages.map((p) => p.items.length)).toEqual([100, 3]);
    expect(typeof pages[0]?.nextCursor).toBe('string');
    expect(pages[1]?.nextCursor).toBeNull();
    const ids = pages.flatMap((p) => p.items.map((c) => c.id));
    expect(ids).toEqual(expected);
    expect(new Set(ids).size).toBe(103);
    // One audited read per page, each naming every member of the household.
    expect(await journalReads()).toBe(before + 2);
    const members = await sql<{ id: string }>`
      select id::text as id from residents where household_id = ${householdId}::uuid`.execute(
      env.owner,
    );
    expect(members.rows.length).toBeGreaterThan(0);
    expect((await lastAuditOf(env, 'contact.list')).residentIds).toEqual(
      members.rows.map((r) => r.id).sort(),
    );
  });

  it('keeps contacts of the same moment apart across page boundaries (pages of 7)', async () => {
    const pages = await walk('limit=7');
    expect(pages.map((p) => p.items.length)).toEqual([...Array<number>(14).fill(7), 5]);
    expect(pages.flatMap((p) => p.items.map((c) => c.id))).toEqual(expected);
    // A page that ends exactly at the last contact has no cursor.
    const whole = await page('limit=103');
    expect(whole.items).toHaveLength(103);
    expect(whole.nextCursor).toBeNull();
  });

  it('answers 400 naming query.cursor, in Dutch and English, for a cursor it did not give, and records nothing', async () => {
    const first = await page('limit=2');
    const cursor = first.nextCursor ?? '';
    expect(cursor).not.toBe('');
    const parts = cursor.split('.');
    const body = parts[3] ?? '';
    parts[3] = (body[0] === 'A' ? 'B' : 'A') + body.slice(1);
    const changed = parts.join('.');
    // Sealed with the server's key, but for the trajectories list: not a place in this one.
    const otherList = seal(
      env.config.secretKey,
      'list-cursor',
      Buffer.from(
        JSON.stringify([
          'trajectories.newest-first',
          '2026-01-10 09:00:00+01',
          '00000000-0000-7000-8000-000000000001',
        ]),
      ),
    );
    const before = await journalReads();
    for (const bad of ['%%%', changed, otherList, '']) {
      const response = await call(
        env.app,
        worker,
        'GET',
        `${path()}?limit=2&cursor=${encodeURIComponent(bad)}`,
      );
      expect(response.statusCode, bad).toBe(400);
      const problem = response.json<Problem>();
      expect(problem.invalidParams?.map((p) => p.name)).toEqual(['query.cursor']);
      expect(problem.invalidParams?.[0]?.reason).toMatch(/cursor/);
      expect(problem.invalidParams?.[0]?.reasonNl).toMatch(/cursor/);
    }
    expect(await journalReads()).toBe(before);
  });
});
