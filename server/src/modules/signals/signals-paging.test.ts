// The outreach list pages by keyset: every signal once, in address order, across pages; a bad
// cursor is a 400 naming the field; a cursor opens no other team's signals.
import { beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { call, createDemoEnv, login, type Session, type TestEnv } from '../../../test/harness.js';
import { createMunicipality, createStaffMember } from '../../../test/factories.js';
import { newId } from '../../platform/ids.js';

interface Signal {
  id: string;
  teamId: string;
  reference: string;
  status: string;
}
interface Page {
  items: Signal[];
  nextCursor: string | null;
}
interface Problem {
  status: number;
  invalidParams?: { name: string; reason: string; reasonNl: string }[];
}

const HEADER =
  'kind,reference,receivedAt,postcode,houseNumber,houseLetter,houseNumberAddition,familyName,amountCents,note';

let env: TestEnv;
/** A worker of a team of its own municipality: that team's list holds exactly the five below. */
let haarlem: Session;
let haarlemTeamId: string;
/** A worker of the demo municipality (Maastricht, team Oost). */
let maastricht: Session;

// Five signals, written out of order. The list orders by postcode, house number (a number: 5
// before 12), received at, and id where all else is equal (P-4 and P-5: same address, same day;
// the ids are UUIDv7 given in line order, so P-4 first).
//   1011 AB 5  2025-01-10  P-1
//   1011 AB 5  2025-01-12  P-2
//   1011 AB 12 2025-01-01  P-3
//   2011 CD 1  2025-01-05  P-4
//   2011 CD 1  2025-01-05  P-5
const LINES = [
  'rent_arrears,P-3,2025-01-01,1011 AB,12,,,Bakker,10000,',
  'energy_debt,P-2,2025-01-12,1011 AB,5,,,Visser,20000,',
  'rent_arrears,P-4,2025-01-05,2011 CD,1,,,Smit,30000,',
  'rent_arrears,P-1,2025-01-10,1011 AB,5,,,Visser,40000,',
  'water_debt,P-5,2025-01-05,2011 CD,1,,,Smit,5000,',
];
const ORDER = ['P-1', 'P-2', 'P-3', 'P-4', 'P-5'];

async function page(session: Session, query: string): Promise<Page> {
  const response = await call(env.app, session, 'GET', `/api/v1/signals?${query}`);
  expect(response.statusCode).toBe(200);
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

const references = (pages: Page[]) => pages.flatMap((p) => p.items.map((s) => s.reference));

beforeAll(async () => {
  env = await createDemoEnv();
  maastricht = await login(env.app, 'worker2@maastricht.demo');
  const town = await createMunicipality(env.owner, { code: 'GM0392', name: 'Haarlem' });
  haarlemTeamId = town.teamId;
  const account = await createStaffMember(env.owner, town.municipalityId, {
    teamIds: [town.teamId],
  });
  haarlem = await login(env.app, account.email, account.password);
  // The list's sender: a partner organisation of Haarlem.
  const sender = newId();
  await sql`insert into organisations (municipality_id, id, name, contact_name, contact_email)
    values (${town.municipalityId}::uuid, ${sender}::uuid, 'Woonstichting Spaarne',
      'Contactpersoon', 'contact@spaarne.test')`.execute(env.owner);
  const imported = await env.app.inject({
    method: 'POST',
    url: `/api/v1/signals/imports?organisationId=${sender}`,
    headers: {
      cookie: haarlem.cookie,
      'x-csrf-token': haarlem.csrfToken,
      'content-type': 'text/csv',
    },
    payload: [HEADER, ...LINES].join('\n'),
  });
  expect(imported.statusCode).toBe(201);
  expect(imported.json<{ imported: number }>().imported).toBe(5);
});

describe('paging the outreach list', () => {
  it('walks five signals in pages of two: 2 + 2 + 1, each once, in address order', async () => {
    const pages = await walk(haarlem, 'limit=2');
    expect(pages.map((p) => p.items.length)).toEqual([2, 2, 1]);
    expect(references(pages)).toEqual(ORDER);
    expect(pages[0]?.nextCursor).toEqual(expect.any(String));
    expect(pages[1]?.nextCursor).toEqual(expect.any(String));
    expect(pages[2]?.nextCursor).toBeNull();
    // The same list in one page, as before paging: the same order.
    const whole = await page(haarlem, 'limit=200');
    expect(whole.items.map((s) => s.reference)).toEqual(ORDER);
    expect(whole.nextCursor).toBeNull();
  });

  it('answers no cursor when the page ends exactly at the last signal (limit 5 of 5)', async () => {
    const exact = await page(haarlem, 'limit=5');
    expect(exact.items).toHaveLength(5);
    expect(exact.nextCursor).toBeNull();
    // limit 4 of 5: a cursor, and the next page holds the one left, P-5.
    const four = await page(haarlem, 'limit=4');
    expect(four.nextCursor).not.toBeNull();
    const rest = await page(haarlem, `limit=4&cursor=${four.nextCursor ?? ''}`);
    expect(rest.items.map((s) => s.reference)).toEqual(['P-5']);
    expect(rest.nextCursor).toBeNull();
  });

  it('keeps the filters with the cursor', async () => {
    // One visit at 1011 AB 5 answers both its open signals (P-1 and P-2).
    const first = (await page(haarlem, 'limit=1')).items[0];
    expect(first?.reference).toBe('P-1');
    const visit = await call(env.app, haarlem, 'POST', `/api/v1/signals/${first?.id}/outreach`, {
      at: new Date(Date.now() - 60_000).toISOString(),
      outcome: 'not_reached',
    });
    expect(visit.statusCode).toBe(200);
    // Open left: P-3, P-4, P-5 (5 - 2 = 3), in pages of two: 2 + 1.
    const open = await walk(haarlem, 'status=open&limit=2');
    expect(open.map((p) => p.items.length)).toEqual([2, 1]);
    expect(references(open)).toEqual(['P-3', 'P-4', 'P-5']);
    expect(open.flatMap((p) => p.items).every((s) => s.status === 'open')).toBe(true);
    // Not reached: P-1 and P-2, one page of one and then the other.
    const notReached = await walk(haarlem, 'status=not_reached&limit=1');
    expect(references(notReached)).toEqual(['P-1', 'P-2']);
    expect(notReached.at(-1)?.nextCursor).toBeNull();
    // With the team filter the same cursor continues the same list.
    const byTeam = await walk(haarlem, `teamId=${haarlemTeamId}&limit=2`);
    expect(references(byTeam)).toEqual(ORDER);
  });

  it('answers 400 naming query.cursor, in Dutch and English, for a cursor it did not give', async () => {
    const notJson = Buffer.from('niet-json').toString('base64url');
    const wrongShape = Buffer.from(JSON.stringify(['1011AB', 5])).toString('base64url');
    const injected = Buffer.from(
      JSON.stringify(['1011AB', 5, "2025-01-10'; drop table signals; --", 'x']),
    ).toString('base64url');
    for (const cursor of ['%%%', notJson, wrongShape, injected, '']) {
      const response = await call(
        env.app,
        haarlem,
        'GET',
        `/api/v1/signals?limit=2&cursor=${cursor}`,
      );
      expect(response.statusCode, cursor).toBe(400);
      const problem = response.json<Problem>();
      expect(problem.invalidParams?.map((p) => p.name)).toEqual(['query.cursor']);
      expect(problem.invalidParams?.[0]?.reason).toMatch(/cursor/);
      expect(problem.invalidParams?.[0]?.reasonNl).toMatch(/cursor/);
    }
  });

  it('shows no address in a cursor, and refuses one that was changed', async () => {
    const first = await page(haarlem, 'limit=2');
    const cursor = first.nextCursor ?? '';
    expect(cursor).not.toBe('');
    // However it is read (as it is, or each part base64url-decoded), no postcode or house number.
    const readings = [
      cursor,
      ...cursor.split('.').map((part) => Buffer.from(part, 'base64url').toString('latin1')),
    ];
    for (const text of readings) expect(text).not.toMatch(/1011\s?AB|2011\s?CD/);
    // One character of the sealed text changed: not a cursor this server gave.
    const parts = cursor.split('.');
    const body = parts[3] ?? '';
    parts[3] = (body[0] === 'A' ? 'B' : 'A') + body.slice(1);
    const changed = await call(
      env.app,
      haarlem,
      'GET',
      `/api/v1/signals?limit=2&cursor=${parts.join('.')}`,
    );
    expect(changed.statusCode).toBe(400);
    expect(changed.json<Problem>().invalidParams?.map((p) => p.name)).toEqual(['query.cursor']);
  });

  it("opens no other team's signals with that team's cursor: the list stays the caller's own", async () => {
    const haarlemIds = new Set(references(await walk(haarlem, 'limit=200')));
    const first = await page(haarlem, 'limit=1');
    const cursor = first.nextCursor ?? '';
    expect(cursor).not.toBe('');
    // Another municipality's worker with that cursor: only its own team's signals, none of these.
    const other = await walk(maastricht, `limit=2&cursor=${cursor}`);
    const seen = other.flatMap((p) => p.items);
    expect(seen.every((s) => s.teamId === maastricht.user.teamIds[0])).toBe(true);
    expect(seen.filter((s) => haarlemIds.has(s.reference))).toEqual([]);
    // Asking for the other team by id as well: an empty page, not its signals.
    const named = await page(maastricht, `teamId=${haarlemTeamId}&limit=2&cursor=${cursor}`);
    expect(named).toEqual({ items: [], nextCursor: null });
  });
});
