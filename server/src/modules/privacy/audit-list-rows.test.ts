// An audit event that names several residents is one row with their ids in `resident_ids`
// (migration 20261125T1700). Every reader of a resident's trail must still find it for each of
// them: the privacy officer's filter, the resident's own access log (without the other residents
// the list named), the right of access, the alerts' reads per resident, and the erasure of the
// trail's words.
import { beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { call, createDemoEnv, login, type Session, type TestEnv } from '../../../test/harness.js';
import { openTrajectory } from '../../../test/cases.js';
import { inTenant } from '../../platform/db.js';
import { todayInAmsterdam } from '../../platform/dates.js';
import { readsByHour } from './audit-reads.js';
import { namesResident } from '../../platform/audit.js';

let env: TestEnv;
let worker: Session;
let officer: Session;
const FAMILY = 'Lijstrijvers';
let first: { residentId: string; householdId: string };
let second: { residentId: string; householdId: string };
let searchRequest: string;

beforeAll(async () => {
  env = await createDemoEnv();
  worker = await login(env.app, 'worker@maastricht.demo');
  officer = await login(env.app, 'privacy@maastricht.demo');
  first = await openTrajectory(env.app, worker, { givenName: 'Eerste', familyName: FAMILY });
  second = await openTrajectory(env.app, worker, { givenName: 'Tweede', familyName: FAMILY });
  const search = await call(env.app, worker, 'GET', `/api/v1/households?q=${FAMILY}`);
  expect(search.statusCode, search.body).toBe(200);
  const { rows } = await sql<{ request_id: string }>`
    select request_id from audit_events where action = 'household.search'
    order by at desc, id desc limit 1`.execute(env.owner);
  searchRequest = rows[0]?.request_id ?? '';
});

describe('a search that showed two households', () => {
  it('is one audit row naming both residents, with the search terms as its reason', async () => {
    const { rows } = await sql<{
      resident_id: string | null;
      resident_ids: string[] | null;
      reason: string | null;
    }>`select resident_id, resident_ids, reason from audit_events
       where action = 'household.search' and request_id = ${searchRequest}`.execute(env.owner);
    expect(rows).toHaveLength(1);
    expect(rows[0]?.resident_id).toBeNull();
    expect(rows[0]?.resident_ids).toEqual(
      expect.arrayContaining([first.residentId, second.residentId]),
    );
    expect(rows[0]?.reason).toBe(FAMILY);
  });

  it("is in the privacy officer's trail of each of them, as about that resident", async () => {
    for (const resident of [first, second]) {
      const response = await call(
        env.app,
        officer,
        'GET',
        `/api/v1/audit?residentId=${resident.residentId}&action=household.search`,
      );
      expect(response.statusCode, response.body).toBe(200);
      const items = response.json<{
        items: { residentId: string | null; residentIds: string[]; reason: string | null }[];
      }>().items;
      const row = items.find((i) => i.reason === FAMILY);
      expect(row?.residentId).toBe(resident.residentId);
      expect(row?.residentIds).toEqual(
        expect.arrayContaining([first.residentId, second.residentId]),
      );
    }
  });

  it('is in the right of access of each of them', async () => {
    for (const resident of [first, second]) {
      const response = await call(
        env.app,
        officer,
        'GET',
        `/api/v1/residents/${resident.residentId}/export`,
      );
      expect(response.statusCode, response.body).toBe(200);
      const events = response.json<{ tables: { audit_events?: { action: string }[] } }>().tables
        .audit_events;
      expect(events?.some((e) => e.action === 'household.search')).toBe(true);
    }
  });

  it("is in the resident's own access log, without the other resident the search showed", async () => {
    const invitation = await call(env.app, worker, 'POST', '/api/v1/portal/invitations', {
      residentId: first.residentId,
    });
    expect(invitation.statusCode, invitation.body).toBe(201);
    const opened = await env.app.inject({
      method: 'POST',
      url: '/api/v1/portal/activate',
      payload: {
        code: invitation.json<{ code: string }>().code,
        loginName: 'eerste.lijstrijvers@example.demo',
        password: 'mijn-eigen-wachtwoord',
      },
    });
    expect(opened.statusCode, opened.body).toBe(200);
    const cookie = opened.cookies.find((c) => c.name === 'sk_session');
    const resident: Session = {
      cookie: `sk_session=${cookie?.value}`,
      csrfToken: opened.json<{ csrfToken: string }>().csrfToken,
      user: opened.json<{ user: Session['user'] }>().user,
    };
    const log = await call(env.app, resident, 'GET', '/api/v1/portal/access-log');
    expect(log.statusCode, log.body).toBe(200);
    expect(log.json<{ items: { action: string }[] }>().items.map((i) => i.action)).toContain(
      'household.search',
    );
    expect(log.body).not.toContain(second.residentId);
  });

  it("counts as a read of each of them in the privacy alerts' reads per resident", async () => {
    const today = todayInAmsterdam();
    const { rows } = await sql<{ resident_id: string; reads: number }>`
      select r.resident_id::text as resident_id, sum(r.reads)::int as reads
      from ${readsByHour(worker.user.municipalityId, today, today)} r
      where r.actor_id = ${worker.user.id}
        and r.resident_id in (${first.residentId}, ${second.residentId})
      group by r.resident_id`.execute(env.owner);
    expect(rows.map((r) => r.resident_id).sort()).toEqual(
      [first.residentId, second.residentId].sort(),
    );
    for (const row of rows) expect(row.reads).toBeGreaterThan(0);
  });

  it('is found through the indexes under row-level security, not by scanning the trail', async () => {
    // The array operators are not leakproof: under the policies they could not use the GIN index,
    // and a resident's trail read every row of the municipality (0.6-1.2 s on the bench city).
    // Sequential and plain index scans priced out: what is left is a bitmap over the municipality
    // (the resident only a filter, the old way) or over the resident's own entries.
    await sql`analyze audit_events`.execute(env.owner);
    const plan = await inTenant(
      env.db,
      { municipalityId: worker.user.municipalityId, teamIds: [] },
      async (trx) => {
        await sql`set local enable_seqscan = off`.execute(trx);
        await sql`set local enable_indexscan = off`.execute(trx);
        const { rows } = await sql<{ 'QUERY PLAN': string }>`
          explain select e.id from audit_events e
          where e.municipality_id = ${worker.user.municipalityId}
            and ${namesResident('e', first.residentId)}`.execute(trx);
        return rows.map((r) => r['QUERY PLAN']).join('\n');
      },
    );
    expect(plan).toMatch(/Index Cond: .*resident_id = /);
    expect(plan).toMatch(/Index Cond: .*\(id = ANY \(audit_list_rows_naming/);
  });

  it("loses its words when one of the households is erased, as that resident's single rows do", async () => {
    await sql`update households set erased_at = now() where id = ${first.householdId}`.execute(
      env.owner,
    );
    await inTenant(env.db, { municipalityId: worker.user.municipalityId, teamIds: [] }, (trx) =>
      sql`select erase_trail_texts(${first.householdId}::uuid)`.execute(trx),
    );
    const { rows } = await sql<{ reason: string | null }>`
      select reason from audit_events
      where action = 'household.search' and request_id = ${searchRequest}`.execute(env.owner);
    expect(rows.map((r) => r.reason)).toEqual(['Gewist']);
  });
});
