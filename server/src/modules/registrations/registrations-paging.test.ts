// The registrations pages by keyset: every registration once, in the list's order, across pages
// (the waiting and triage lists oldest first, the others newest first); a bad cursor is a 400 naming the field
// and changes nothing; a cursor opens no other team's registrations; the waiting list's first page
// is still one statement, with its status as a literal, audited for the residents it shows.
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
import { buildApp } from '../../app.js';
import { createDb, inTenant, type ExecutedQuery } from '../../platform/db.js';
import { newId } from '../../platform/ids.js';

interface Registration {
  id: string;
  teamId: string;
  status: string;
  residentId: string | null;
}
interface Page {
  items: Registration[];
  nextCursor: string | null;
}
interface Problem {
  status: number;
  invalidParams?: { name: string; reason: string; reasonNl: string }[];
}

let env: TestEnv;
/** A worker of team A of a municipality of its own: that team's lists hold exactly the rows below. */
let workerA: Session;
/** A worker of team B of the same municipality. */
let workerB: Session;
/** A worker of the demo municipality (Maastricht). */
let maastricht: Session;
let teamA: string;
let teamB: string;
let municipalityId: string;

// received_at with microseconds (a cursor that kept only milliseconds would show N1 again after
// N1, or skip N2), and a tie (N3, N4: the id decides). Each waiting one has a resident.
const WAITING = {
  N1: '2025-03-01T08:00:00.000001Z',
  N2: '2025-03-01T08:00:00.000002Z',
  N3: '2025-03-02T09:30:00.5Z',
  N4: '2025-03-02T09:30:00.5Z',
  N5: '2025-03-03T12:00:00.999999Z',
  N6: '2025-03-04T07:15:00.25Z',
  N7: '2025-03-05T10:00:00Z',
};
// Contacted, anonymous, with a tie (C2, C3).
const CONTACTED = {
  C1: '2025-02-10T10:00:00.000003Z',
  C2: '2025-02-11T10:00:00.123456Z',
  C3: '2025-02-11T10:00:00.123456Z',
};
/** name -> id, filled in by beforeAll. */
const ids = new Map<string, string>();
/** name -> resident id (waiting ones only). */
const residentOf = new Map<string, string>();

/** The names in the order the list must give: time ascending or descending, then id ascending. */
function expectedOrder(rows: Record<string, string>, newestFirst: boolean): string[] {
  return Object.keys(rows).sort((a, b) => {
    const at = (rows[a] ?? '').localeCompare(rows[b] ?? '');
    if (at !== 0) return newestFirst ? -at : at;
    return (ids.get(a) ?? '').localeCompare(ids.get(b) ?? '');
  });
}

async function page(session: Session, query: string): Promise<Page> {
  const response = await call(env.app, session, 'GET', `/api/v1/registrations?${query}`);
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
const names = (pages: Page[]) => pages.flatMap((p) => p.items.map((r) => nameOf(r.id)));

const auditCount = async () =>
  (
    await sql<{ n: number }>`select count(*)::int as n from ${auditPerResident} as audit_events
      where action = 'registration.list'`.execute(env.owner)
  ).rows[0]?.n ?? 0;

/** The resident ids of the last registration.list request's audit rows. */
async function lastListAudit(): Promise<(string | null)[]> {
  const { rows } = await sql<{ resident_id: string | null }>`
    select resident_id::text as resident_id from ${auditPerResident} as audit_events
    where action = 'registration.list'
      and request_id = (select request_id from ${auditPerResident} as audit_events where action = 'registration.list'
                        order by at desc, id desc limit 1)`.execute(env.owner);
  return rows.map((r) => r.resident_id);
}

beforeAll(async () => {
  env = await createDemoEnv();
  maastricht = await login(env.app, 'worker@maastricht.demo');
  const town = await createMunicipality(env.owner, { code: 'GM0392', name: 'Haarlem' });
  municipalityId = town.municipalityId;
  teamA = town.teamId;
  teamB = newId();
  const creator = await createStaffMember(env.owner, municipalityId, { teamIds: [teamA] });
  const creatorId = creator.id;
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
    const registration = (
      name: string,
      teamId: string,
      receivedAt: string,
      extra: { status?: 'new' | 'contacted'; household?: string; resident?: string } = {},
    ) => {
      const id = newId();
      ids.set(name, id);
      return {
        municipality_id: municipalityId,
        id,
        team_id: teamId,
        household_id: extra.household ?? null,
        resident_id: extra.resident ?? null,
        source: 'self' as const,
        received_at: receivedAt,
        question: `Vraag ${name}`,
        life_domains: ['finances'],
        status: extra.status ?? 'new',
        ...(extra.status === 'contacted'
          ? {
              first_contact_at: new Date(Date.parse(receivedAt) + 3_600_000),
              first_contact_kind: 'phone' as const,
            }
          : {}),
        created_by: creatorId,
      };
    };
    // Written out of order: the list orders them, not the insert.
    const rows = [];
    for (const name of ['N5', 'N3', 'N7', 'N1', 'N4', 'N6', 'N2'] as const) {
      const household = newId();
      const resident = newId();
      residentOf.set(name, resident);
      await trx
        .insertInto('households')
        .values({ municipality_id: municipalityId, id: household, team_id: teamA })
        .execute();
      await trx
        .insertInto('residents')
        .values({
          municipality_id: municipalityId,
          id: resident,
          household_id: household,
          given_name: 'Bewoner',
          family_name: name,
        })
        .execute();
      rows.push(registration(name, teamA, WAITING[name], { household, resident }));
    }
    for (const name of ['C3', 'C1', 'C2'] as const) {
      rows.push(registration(name, teamA, CONTACTED[name], { status: 'contacted' }));
    }
    // Team B's own waiting registration, older than all of A's.
    rows.push(registration('B1', teamB, '2025-01-01T00:00:00Z'));
    await trx.insertInto('registrations').values(rows).execute();
  });
  workerA = await login(env.app, creator.email, creator.password);
  const b = await createStaffMember(env.owner, municipalityId, { teamIds: [teamB] });
  workerB = await login(env.app, b.email, b.password);
});

describe('paging the registrations', () => {
  it('walks the waiting list in pages of three: 3 + 3 + 1, each once, oldest first', async () => {
    const order = expectedOrder(WAITING, false);
    const pages = await walk(workerA, 'status=new&limit=3');
    expect(pages.map((p) => p.items.length)).toEqual([3, 3, 1]);
    expect(names(pages)).toEqual(order);
    expect(pages[0]?.nextCursor).toEqual(expect.any(String));
    expect(pages[1]?.nextCursor).toEqual(expect.any(String));
    expect(pages[2]?.nextCursor).toBeNull();
    expect(pages.flatMap((p) => p.items).every((r) => r.status === 'new')).toBe(true);
    // Page by page of one as well: the microseconds and the tie are each crossed by a cursor.
    expect(names(await walk(workerA, 'status=new&limit=1'))).toEqual(order);
    // The whole list in one page, as before paging: the same order, and no cursor.
    const whole = await page(workerA, 'status=new');
    expect(whole.items.map((r) => nameOf(r.id))).toEqual(order);
    expect(whole.nextCursor).toBeNull();
  });

  it('answers no cursor when the page ends exactly at the last registration (limit 7 of 7)', async () => {
    const exact = await page(workerA, 'status=new&limit=7');
    expect(exact.items).toHaveLength(7);
    expect(exact.nextCursor).toBeNull();
    const six = await page(workerA, 'status=new&limit=6');
    expect(six.nextCursor).not.toBeNull();
    const rest = await page(
      workerA,
      `status=new&limit=6&cursor=${encodeURIComponent(six.nextCursor ?? '')}`,
    );
    expect(rest.items.map((r) => nameOf(r.id))).toEqual(expectedOrder(WAITING, false).slice(6));
    expect(rest.nextCursor).toBeNull();
  });

  it('walks the triage list oldest first, and all registrations newest first, with the same filters', async () => {
    // Waiting for triage: who has waited longest comes first, and a later page goes below.
    const contacted = await walk(workerA, 'status=contacted&limit=2');
    expect(contacted.map((p) => p.items.length)).toEqual([2, 1]);
    expect(names(contacted)).toEqual(expectedOrder(CONTACTED, false));
    expect(contacted.at(-1)?.nextCursor).toBeNull();
    const all = await walk(workerA, 'limit=4');
    expect(all.map((p) => p.items.length)).toEqual([4, 4, 2]);
    expect(names(all)).toEqual(expectedOrder({ ...WAITING, ...CONTACTED }, true));
    expect(all.at(-1)?.nextCursor).toBeNull();
    // With the team filter the same cursor continues the same list.
    expect(names(await walk(workerA, `teamId=${teamA}&status=new&limit=2`))).toEqual(
      expectedOrder(WAITING, false),
    );
  });

  it('audits each page for the residents it shows, not the one read to know more follow', async () => {
    const first = await page(workerA, 'status=new&limit=3');
    const shown = first.items.map((r) => r.residentId).sort();
    expect(shown).toEqual(
      expectedOrder(WAITING, false)
        .slice(0, 3)
        .map((name) => residentOf.get(name))
        .sort(),
    );
    expect((await lastListAudit()).sort()).toEqual(shown);
    const second = await page(
      workerA,
      `status=new&limit=3&cursor=${encodeURIComponent(first.nextCursor ?? '')}`,
    );
    expect((await lastListAudit()).sort()).toEqual(second.items.map((r) => r.residentId).sort());
  });

  it('answers 400 naming query.cursor, in Dutch and English, for a cursor it did not give, and changes nothing', async () => {
    const real = (await page(workerA, 'status=new&limit=2')).nextCursor ?? '';
    expect(real).not.toBe('');
    const parts = real.split('.');
    const body = parts[3] ?? '';
    parts[3] = (body[0] === 'A' ? 'B' : 'A') + body.slice(1);
    const changed = parts.join('.');
    const plain = Buffer.from(JSON.stringify(['2025-03-01 08:00:00+00', ids.get('N1')])).toString(
      'base64url',
    );
    // The waiting list's cursor does not continue the other lists, nor the households'; the
    // triage list's (oldest first too) does not continue the waiting list.
    const triage = (await page(workerA, 'status=contacted&limit=1')).nextCursor;
    expect(triage).toEqual(expect.any(String));
    const household = (
      await call(env.app, workerA, 'GET', '/api/v1/households?limit=1')
    ).json<Page>().nextCursor;
    expect(household).toEqual(expect.any(String));
    const cases: [string, string][] = [
      ['status=new', changed],
      ['status=new', plain],
      ['status=new', '%%%'],
      ['status=new', ''],
      ['status=contacted', real],
      ['status=new', triage ?? ''],
      ['', real],
      ['status=new', household ?? ''],
    ];
    const audited = await auditCount();
    for (const [filter, cursor] of cases) {
      const response = await call(
        env.app,
        workerA,
        'GET',
        `/api/v1/registrations?${filter}&limit=2&cursor=${encodeURIComponent(cursor)}`,
      );
      expect(response.statusCode, `${filter} ${cursor}`).toBe(400);
      const problem = response.json<Problem>();
      expect(problem.invalidParams?.map((p) => p.name)).toEqual(['query.cursor']);
      expect(problem.invalidParams?.[0]?.reason).toMatch(/cursor/);
      expect(problem.invalidParams?.[0]?.reasonNl).toMatch(/cursor/);
    }
    // Nothing was read: no audit row for any of them.
    expect(await auditCount()).toBe(audited);
  });

  it("opens no other team's registrations with a cursor: the list stays the caller's own", async () => {
    const cursor = (await page(workerA, 'status=new&limit=1')).nextCursor ?? '';
    expect(cursor).not.toBe('');
    const mine = new Set(ids.values());
    mine.delete(ids.get('B1') ?? '');
    // Team B of the same municipality: its own list only, from the start and with A's cursor.
    const b = await walk(workerB, 'status=new&limit=1');
    expect(names(b)).toEqual(['B1']);
    const withCursor = await walk(
      workerB,
      `status=new&limit=1&cursor=${encodeURIComponent(cursor)}`,
    );
    expect(withCursor.flatMap((p) => p.items).filter((r) => mine.has(r.id))).toEqual([]);
    // Naming team A: an empty page, not its registrations.
    expect(
      await page(
        workerB,
        `teamId=${teamA}&status=new&limit=1&cursor=${encodeURIComponent(cursor)}`,
      ),
    ).toEqual({ items: [], nextCursor: null });
    // Another municipality's worker with that cursor: only its own team's, none of these.
    const other = await walk(
      maastricht,
      `status=new&limit=50&cursor=${encodeURIComponent(cursor)}`,
    );
    const seen = other.flatMap((p) => p.items);
    expect(seen.every((r) => r.teamId === maastricht.user.teamIds[0])).toBe(true);
    expect(seen.filter((r) => mine.has(r.id))).toEqual([]);
  });
});

describe("the waiting list's statements", () => {
  it('reads the first page in one statement, with the status as a literal, and so the next', async () => {
    const recorded: ExecutedQuery[] = [];
    const db = createDb(env.appUrl, 2, { onQuery: (query) => recorded.push(query) });
    const app = await buildApp({ config: env.config, db, serveWeb: false });
    try {
      const account = await createStaffMember(env.owner, municipalityId, { teamIds: [teamA] });
      const session = await login(app, account.email, account.password);
      const selects = () => recorded.filter((q) => /^\s*select\b/i.test(q.sql));
      recorded.length = 0;
      const first = await call(app, session, 'GET', '/api/v1/registrations?status=new&limit=3');
      expect(first.statusCode).toBe(200);
      const firstPage = first.json<Page>();
      expect(firstPage.items).toHaveLength(3);
      expect(firstPage.nextCursor).toEqual(expect.any(String));
      // One select (limit + 1 rows: no count, no second query), then the audit rows.
      expect(selects()).toHaveLength(1);
      expect(recorded.map((q) => q.sql.trim().split(/\s+/).slice(0, 3).join(' '))).toEqual([
        'select "g"."id", "g"."team_id",',
        'insert into audit_events',
      ]);
      const [statement] = selects();
      expect(statement?.sql).toMatch(/"g"\."status" = 'new'/);
      expect(statement?.sql).not.toMatch(/count\(/i);
      expect(statement?.parameters).toContain(4);
      recorded.length = 0;
      const second = await call(
        app,
        session,
        'GET',
        `/api/v1/registrations?status=new&limit=3&cursor=${encodeURIComponent(firstPage.nextCursor ?? '')}`,
      );
      expect(second.statusCode).toBe(200);
      expect(selects()).toHaveLength(1);
      expect(selects()[0]?.sql).toMatch(/"g"\."status" = 'new'/);
    } finally {
      await app.close();
      await db.destroy();
    }
  });
});
