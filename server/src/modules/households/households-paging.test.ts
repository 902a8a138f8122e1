// The household search pages by keyset: every household once, newest first, across pages, with
// the search terms kept; each page is audited for the residents it shows, with the terms as the
// reason; a bad cursor is a 400 naming the field and changes nothing; a cursor opens no other
// team's households.
import { beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import {
  call,
  createDemoEnv,
  login,
  type Session,
  type TestEnv,
  auditPerResident,
} from '../../../test/harness.js';
import { createMunicipality, createStaffMember } from '../../../test/factories.js';
import { inTenant } from '../../platform/db.js';
import { newId } from '../../platform/ids.js';
import { seal } from '../../platform/secret-box.js';
import { sealTimeIdCursor } from '../../platform/list-cursor.js';

interface Household {
  id: string;
  teamId: string;
  members: { id: string; familyName: string }[];
}
interface Page {
  items: Household[];
  nextCursor: string | null;
}
interface Problem {
  status: number;
  invalidParams?: { name: string; reason: string; reasonNl: string }[];
}

let env: TestEnv;
/** A worker of team A of a municipality of its own: that team holds exactly the households below. */
let workerA: Session;
/** A worker of team B of the same municipality. */
let workerB: Session;
/** A worker of the demo municipality (Maastricht). */
let maastricht: Session;
let teamA: string;

// Team A's households: created at (with microseconds, and a tie: H3 and H4, where the id decides)
// and the family name of their members. Five Jansen, two Pietersen; H2 has two members.
const HOUSEHOLDS: Record<string, { at: string; family: string }> = {
  H1: { at: '2025-04-01T08:00:00.000001Z', family: 'Jansen' },
  H2: { at: '2025-04-01T08:00:00.000002Z', family: 'Jansen' },
  H3: { at: '2025-04-02T09:30:00.5Z', family: 'Pietersen' },
  H4: { at: '2025-04-02T09:30:00.5Z', family: 'Jansen' },
  H5: { at: '2025-04-03T12:00:00.999999Z', family: 'Jansen' },
  H6: { at: '2025-04-04T07:15:00.25Z', family: 'Pietersen' },
  H7: { at: '2025-04-05T10:00:00Z', family: 'Jansen' },
};
/** name -> id, filled in by beforeAll. */
const ids = new Map<string, string>();

/** The names in the search's order: created at descending, then id descending. */
function expectedOrder(family?: string): string[] {
  return Object.keys(HOUSEHOLDS)
    .filter((name) => !family || HOUSEHOLDS[name]?.family === family)
    .sort((a, b) => {
      const at = (HOUSEHOLDS[b]?.at ?? '').localeCompare(HOUSEHOLDS[a]?.at ?? '');
      return at !== 0 ? at : (ids.get(b) ?? '').localeCompare(ids.get(a) ?? '');
    });
}

async function page(session: Session, query: string): Promise<Page> {
  const response = await call(env.app, session, 'GET', `/api/v1/households?${query}`);
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

const nameOf = (id: string) => [...ids].find(([, value]) => value === id)?.[0] ?? id;
const names = (pages: Page[]) => pages.flatMap((p) => p.items.map((h) => nameOf(h.id)));

const auditCount = async () =>
  (
    await sql<{ n: number }>`select count(*)::int as n from ${auditPerResident} as audit_events
      where action = 'household.search'`.execute(env.owner)
  ).rows[0]?.n ?? 0;

/** The resident ids and reasons of the last household.search request's audit rows. */
async function lastSearchAudit() {
  const { rows } = await sql<{ resident_id: string | null; reason: string | null }>`
    select resident_id::text as resident_id, reason from ${auditPerResident} as audit_events
    where action = 'household.search'
      and request_id = (select request_id from ${auditPerResident} as audit_events where action = 'household.search'
                        order by at desc, id desc limit 1)`.execute(env.owner);
  return rows;
}

beforeAll(async () => {
  env = await createDemoEnv();
  maastricht = await login(env.app, 'worker@maastricht.demo');
  const town = await createMunicipality(env.owner, { code: 'GM0392', name: 'Haarlem' });
  const { municipalityId } = town;
  teamA = town.teamId;
  const teamB = newId();
  await inTenant(env.owner, { municipalityId, teamIds: [] }, async (trx) => {
    await trx
      .insertInto('teams')
      .values({
        municipality_id: municipalityId,
        id: teamB,
        name: 'Buurtteam B',
        type: 'social',
        working_area: 'Testbuurt',
      })
      .execute();
    const add = async (name: string, teamId: string, at: string, family: string, members = 1) => {
      const id = newId();
      ids.set(name, id);
      await trx
        .insertInto('households')
        .values({ municipality_id: municipalityId, id, team_id: teamId, created_at: at })
        .execute();
      for (let i = 0; i < members; i++) {
        await trx
          .insertInto('residents')
          .values({
            municipality_id: municipalityId,
            id: newId(),
            household_id: id,
            given_name: `${name}-${i}`,
            family_name: family,
          })
          .execute();
      }
    };
    // Written out of order: the search orders them, not the insert.
    for (const name of ['H5', 'H3', 'H7', 'H1', 'H4', 'H6', 'H2']) {
      const { at, family } = HOUSEHOLDS[name] ?? { at: '', family: '' };
      await add(name, teamA, at, family, name === 'H2' ? 2 : 1);
    }
    // Team B's own Jansen, newer than all of A's.
    await add('B1', teamB, '2025-05-01T00:00:00Z', 'Jansen');
  });
  const a = await createStaffMember(env.owner, municipalityId, { teamIds: [teamA] });
  workerA = await login(env.app, a.email, a.password);
  const b = await createStaffMember(env.owner, municipalityId, { teamIds: [teamB] });
  workerB = await login(env.app, b.email, b.password);
});

describe('paging the household search', () => {
  it('walks all households in pages of three: 3 + 3 + 1, each once, newest first', async () => {
    const pages = await walk(workerA, 'limit=3');
    expect(pages.map((p) => p.items.length)).toEqual([3, 3, 1]);
    expect(names(pages)).toEqual(expectedOrder());
    expect(pages[0]?.nextCursor).toEqual(expect.any(String));
    expect(pages[1]?.nextCursor).toEqual(expect.any(String));
    expect(pages[2]?.nextCursor).toBeNull();
    // Page by page of one: the microseconds and the tie are each crossed by a cursor.
    expect(names(await walk(workerA, 'limit=1'))).toEqual(expectedOrder());
    // The whole search in one page: the same order, and no cursor.
    const whole = await page(workerA, 'limit=50');
    expect(whole.items.map((h) => nameOf(h.id))).toEqual(expectedOrder());
    expect(whole.nextCursor).toBeNull();
    // Ending exactly at the last household: no cursor.
    expect((await page(workerA, 'limit=7')).nextCursor).toBeNull();
  });

  it('keeps the search terms with the cursor: five Jansen in pages of two, 2 + 2 + 1', async () => {
    const pages = await walk(workerA, 'q=Jansen&limit=2');
    expect(pages.map((p) => p.items.length)).toEqual([2, 2, 1]);
    expect(names(pages)).toEqual(expectedOrder('Jansen'));
    expect(
      pages.flatMap((p) => p.items.flatMap((h) => h.members.map((m) => m.familyName))),
    ).toEqual(expect.arrayContaining(['Jansen']));
    expect(
      pages.every((p) => p.items.every((h) => h.members.every((m) => m.familyName === 'Jansen'))),
    ).toBe(true);
    expect(pages.at(-1)?.nextCursor).toBeNull();
    // With the team filter the same cursor continues the same search.
    expect(names(await walk(workerA, `q=Jansen&teamId=${teamA}&limit=2`))).toEqual(
      expectedOrder('Jansen'),
    );
  });

  it('audits each page for every resident it shows, with the search terms as the reason', async () => {
    const first = await page(workerA, 'q=Jansen&limit=2');
    expect(first.nextCursor).toEqual(expect.any(String));
    const shown = (p: Page) => p.items.flatMap((h) => h.members.map((m) => m.id)).sort();
    let rows = await lastSearchAudit();
    expect(rows.map((r) => r.resident_id).sort()).toEqual(shown(first));
    expect(new Set(rows.map((r) => r.reason))).toEqual(new Set(['Jansen']));
    // The second page holds H2 (two members): two rows, not the third page's resident.
    const second = await page(
      workerA,
      `q=Jansen&limit=2&cursor=${encodeURIComponent(first.nextCursor ?? '')}`,
    );
    rows = await lastSearchAudit();
    expect(rows.map((r) => r.resident_id).sort()).toEqual(shown(second));
    expect(new Set(rows.map((r) => r.reason))).toEqual(new Set(['Jansen']));
  });

  it('answers 400 naming query.cursor, in Dutch and English, for a cursor it did not give, and changes nothing', async () => {
    const real = (await page(workerA, 'limit=2')).nextCursor ?? '';
    expect(real).not.toBe('');
    const parts = real.split('.');
    const body = parts[3] ?? '';
    parts[3] = (body[0] === 'A' ? 'B' : 'A') + body.slice(1);
    const plain = Buffer.from(
      JSON.stringify(['households.newest-first', '2025-04-01 08:00:00+00', ids.get('H1')]),
    ).toString('base64url');
    // Sealed with the server's key, but another list's: the registrations', or the signals' shape.
    const registrations = sealTimeIdCursor(env.config.secretKey, 'registrations.newest-first', {
      at: '2025-04-01 08:00:00+00',
      id: ids.get('H1') ?? '',
    });
    const signals = seal(
      env.config.secretKey,
      'list-cursor',
      Buffer.from(JSON.stringify(['1011AB', 5, '2025-04-01 08:00:00+00', ids.get('H1')])),
    );
    const cursors = [parts.join('.'), plain, '%%%', '', registrations, signals];
    const audited = await auditCount();
    for (const cursor of cursors) {
      const response = await call(
        env.app,
        workerA,
        'GET',
        `/api/v1/households?q=Jansen&limit=2&cursor=${encodeURIComponent(cursor)}`,
      );
      expect(response.statusCode, cursor).toBe(400);
      const problem = response.json<Problem>();
      expect(problem.invalidParams?.map((p) => p.name)).toEqual(['query.cursor']);
      expect(problem.invalidParams?.[0]?.reason).toMatch(/cursor/);
      expect(problem.invalidParams?.[0]?.reasonNl).toMatch(/cursor/);
    }
    // Nothing was searched: no audit row for any of them.
    expect(await auditCount()).toBe(audited);
  });

  it("opens no other team's households with a cursor: the search stays the caller's own", async () => {
    const cursor = (await page(workerA, 'q=Jansen&limit=1')).nextCursor ?? '';
    expect(cursor).not.toBe('');
    const mine = new Set([...ids].filter(([name]) => name !== 'B1').map(([, id]) => id));
    // Team B of the same municipality: its own Jansen only, from the start and with A's cursor
    // (B1 is newer than A's cursor, so from there nothing).
    expect(names(await walk(workerB, 'q=Jansen&limit=1'))).toEqual(['B1']);
    const withCursor = await walk(workerB, `q=Jansen&limit=1&cursor=${encodeURIComponent(cursor)}`);
    expect(withCursor.flatMap((p) => p.items).filter((h) => mine.has(h.id))).toEqual([]);
    expect(
      await page(workerB, `teamId=${teamA}&limit=1&cursor=${encodeURIComponent(cursor)}`),
    ).toEqual({ items: [], nextCursor: null });
    // Another municipality's worker with that cursor: only its own team's, none of these.
    const other = await walk(maastricht, `limit=200&cursor=${encodeURIComponent(cursor)}`);
    const seen = other.flatMap((p) => p.items);
    expect(seen.every((h) => h.teamId === maastricht.user.teamIds[0])).toBe(true);
    expect(seen.filter((h) => mine.has(h.id))).toEqual([]);
  });
});
