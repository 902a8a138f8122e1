// Signals are kept per sender (migration 20261125T0200): two housing corporations may number a
// case the same, and neither's line is lost as the other's duplicate. An import that matches known
// households is in each member's access log.
import { beforeAll, describe, expect, it } from 'vitest';
import { sql, type Kysely } from 'kysely';
import type { LightMyRequestResponse } from 'fastify';
import { call, createDemoEnv, login, type Session, type TestEnv } from '../../../test/harness.js';
import { createMunicipality, createStaffMember } from '../../../test/factories.js';
import { newId } from '../../platform/ids.js';
import { up } from '../../db/migrations/20261125T0200-signals-by-sender.js';

interface ImportResult {
  importId: string;
  lines: number;
  imported: number;
  matchedHouseholds?: number;
  duplicates: number;
}
interface Signal {
  id: string;
  reference: string;
  organisationId: string | null;
  organisationName: string | null;
  address: { postcode: string; houseNumber: number };
}
interface Problem {
  status: number;
  detail?: string;
  detailNl?: string;
  invalidParams?: { name: string; reason: string; reasonNl: string }[];
}

const HEADER =
  'kind,reference,receivedAt,postcode,houseNumber,houseLetter,houseNumberAddition,familyName,amountCents,note';

let env: TestEnv;
let m: string;
let worker: Session;
let noordwestId: string;
/** Two housing corporations, each with a partner account. */
let corporationA: string;
let corporationB: string;
let partnerA: Session;
let partnerAId: string;
let partnerB: Session;

function importCsv(
  session: Session,
  lines: string[],
  query: Record<string, string> = {},
): Promise<LightMyRequestResponse> {
  const search = new URLSearchParams({ teamId: noordwestId, ...query }).toString();
  return env.app.inject({
    method: 'POST',
    url: `/api/v1/signals/imports?${search}`,
    headers: {
      cookie: session.cookie,
      'x-csrf-token': session.csrfToken,
      'content-type': 'text/csv',
    },
    payload: [HEADER, ...lines].join('\n'),
  });
}

async function addOrganisation(municipalityId: string, name: string): Promise<string> {
  const id = newId();
  await sql`insert into organisations (municipality_id, id, name, contact_name, contact_email)
    values (${municipalityId}::uuid, ${id}::uuid, ${name}, 'Contactpersoon', 'contact@corporatie.demo')`.execute(
    env.owner,
  );
  return id;
}

async function openSignals(): Promise<Signal[]> {
  const response = await call(env.app, worker, 'GET', '/api/v1/signals?status=open&limit=1000');
  expect(response.statusCode).toBe(200);
  return response.json<{ items: Signal[] }>().items;
}

beforeAll(async () => {
  env = await createDemoEnv();
  worker = await login(env.app, 'worker@maastricht.demo');
  m = worker.user.municipalityId;
  noordwestId = worker.user.teamIds[0] ?? '';
  corporationA = await addOrganisation(m, 'Woonstichting Jekerdal');
  corporationB = await addOrganisation(m, 'Woonstichting Geuldal');
  const a = await createStaffMember(env.owner, m, {
    role: 'partner',
    email: 'huurincasso@jekerdal.demo',
    organisationId: corporationA,
  });
  partnerAId = a.id;
  partnerA = await login(env.app, a.email, a.password);
  const b = await createStaffMember(env.owner, m, {
    role: 'partner',
    email: 'huurincasso@geuldal.demo',
    organisationId: corporationB,
  });
  partnerB = await login(env.app, b.email, b.password);
});

describe("the demo's signals", () => {
  it('each record the partner organisation that sent them, and so do their imports', async () => {
    const { rows } = await sql<{ n: number }>`
      select (select count(*)::int from signals where organisation_id is null)
        + (select count(*)::int from signal_imports where organisation_id is null) as n`.execute(
      env.owner,
    );
    expect(rows[0]?.n).toBe(0);
  });
});

describe('the migration (20261125T0200) of a database with signals of before', () => {
  it("gives a partner account's imports its organisation, a worker's none, and keys on the sender", async () => {
    const undo = new Error('undo');
    const imports = {
      // By the partner account, today (a staff period covers the day) and long ago (none does:
      // the account's own organisation).
      partnerToday: newId(),
      partnerLongAgo: newId(),
      // By a worker on a partner's behalf: the worker's organisation is their employer.
      worker: newId(),
    };
    await expect(
      env.owner.transaction().execute(async (trx) => {
        // The tables as they were, in this transaction only (rolled back below).
        await sql`
          drop index signals_dedupe;
          alter table signals drop column organisation_id;
          alter table signal_imports drop column organisation_id;
          create unique index signals_dedupe on signals (municipality_id, kind, reference);
        `.execute(trx);
        const rows: [string, string, string][] = [
          [imports.partnerToday, partnerAId, new Date().toISOString()],
          [imports.partnerLongAgo, partnerAId, '2024-03-01T10:00:00Z'],
          [imports.worker, worker.user.id, new Date().toISOString()],
        ];
        for (const [id, by, at] of rows) {
          await sql`insert into signal_imports (municipality_id, id, team_id, imported_by,
              file_sha256, lines, imported, duplicates, rejected, created_at)
            values (${m}::uuid, ${id}::uuid, ${noordwestId}::uuid, ${by}::uuid, 'x', 1, 1, 0, 0,
              ${at}::timestamptz)`.execute(trx);
          await sql`insert into signals (municipality_id, id, team_id, import_id, kind, reference,
              received_at, postcode, house_number)
            values (${m}::uuid, ${newId()}::uuid, ${noordwestId}::uuid, ${id}::uuid, 'energy_debt',
              ${`BACKFILL-${id}`}, ${at}::timestamptz, '6201XF', 6)`.execute(trx);
        }

        await up(trx as unknown as Kysely<unknown>);

        for (const [table, column] of [
          ['signal_imports', 'id'],
          ['signals', 'import_id'],
        ] as const) {
          const { rows: found } = await sql<{ key: string; organisation_id: string | null }>`
            select ${sql.ref(column)}::text as key, organisation_id::text as organisation_id
            from ${sql.table(table)} where ${sql.ref(column)} = any(${Object.values(imports)}::uuid[])`.execute(
            trx,
          );
          expect(Object.fromEntries(found.map((r) => [r.key, r.organisation_id]))).toEqual({
            [imports.partnerToday]: corporationA,
            [imports.partnerLongAgo]: corporationA,
            [imports.worker]: null,
          });
        }
        const { rows: index } = await sql<{ indexdef: string }>`
          select indexdef from pg_indexes where indexname = 'signals_dedupe'`.execute(trx);
        expect(index[0]?.indexdef).toMatch(
          /\(municipality_id, organisation_id, kind, reference\) NULLS NOT DISTINCT/,
        );
        throw undo;
      }),
    ).rejects.toBe(undo);
  });
});

describe('two partners with the same reference', () => {
  it("stores the second corporation's case, and a list sent again by the first still adds nothing", async () => {
    const fromA = await importCsv(partnerA, [
      'rent_arrears,2025-001,2026-11-02,6201 XA,1,,,Brouns,84500,Twee maanden achterstand',
    ]);
    expect(fromA.statusCode).toBe(201);
    expect(fromA.json<ImportResult>()).toMatchObject({ imported: 1, duplicates: 0 });

    // Corporation B numbers its own case at another address 2025-001 as well.
    const fromB = await importCsv(partnerB, [
      'rent_arrears,2025-001,2026-11-03,6201 XB,2,,,Wetzels,61000,Ontruiming aangezegd',
    ]);
    expect(fromB.statusCode).toBe(201);
    expect(fromB.json<ImportResult>()).toMatchObject({ imported: 1, duplicates: 0 });

    // Both families are on the team's outreach list, each with its sender.
    const both = (await openSignals()).filter((s) => s.reference === '2025-001');
    expect(
      both.map((s) => [s.address.postcode, s.address.houseNumber, s.organisationName]),
    ).toEqual([
      ['6201 XA', 1, 'Woonstichting Jekerdal'],
      ['6201 XB', 2, 'Woonstichting Geuldal'],
    ]);
    expect(both.map((s) => s.organisationId)).toEqual([corporationA, corporationB]);

    // Corporation A sends its list again: still a duplicate, nothing added.
    const again = await importCsv(partnerA, [
      'rent_arrears,2025-001,2026-11-02,6201 XA,1,,,Brouns,84500,Twee maanden achterstand',
    ]);
    expect(again.json<ImportResult>()).toMatchObject({ imported: 0, duplicates: 1 });
    // So does a worker who imports B's list on B's behalf.
    const onBehalf = await importCsv(
      worker,
      ['rent_arrears,2025-001,2026-11-03,6201 XB,2,,,Wetzels,61000,'],
      { organisationId: corporationB },
    );
    expect(onBehalf.statusCode).toBe(201);
    expect(onBehalf.json<ImportResult>()).toMatchObject({ imported: 0, duplicates: 1 });
    expect((await openSignals()).filter((s) => s.reference === '2025-001')).toHaveLength(2);

    // Each import records its sender.
    const { rows } = await sql<{ organisation_id: string | null; imported: number }>`
      select organisation_id::text as organisation_id, imported from signal_imports
      where id in (${fromA.json<ImportResult>().importId}::uuid, ${fromB.json<ImportResult>().importId}::uuid,
        ${onBehalf.json<ImportResult>().importId}::uuid)
      order by created_at, id`.execute(env.owner);
    expect(rows).toEqual([
      { organisation_id: corporationA, imported: 1 },
      { organisation_id: corporationB, imported: 1 },
      { organisation_id: corporationB, imported: 0 },
    ]);
  });

  it('needs a worker to name the sending partner organisation of this municipality', async () => {
    const line = ['rent_arrears,NAMELESS-1,2026-11-02,6201 XE,5,,,,1000,'];
    const count = async () =>
      (
        await sql<{
          n: number;
        }>`select count(*)::int as n from signals where reference = 'NAMELESS-1'`.execute(env.owner)
      ).rows[0]?.n;
    const elsewhere = await createMunicipality(env.owner, { code: 'GM0392', name: 'Haarlem' });
    const foreign = await addOrganisation(elsewhere.municipalityId, 'Woonstichting Spaarne');
    const queries: Record<string, string>[] = [
      {},
      { organisationId: newId() },
      { organisationId: foreign },
    ];
    for (const query of queries) {
      const response = await importCsv(worker, line, query);
      expect(response.statusCode).toBe(400);
      expect(response.json<Problem>().invalidParams?.[0]?.name).toBe('query.organisationId');
    }
    // A partner sends its own lists only, and an account without an organisation none.
    const asOther = await importCsv(partnerA, line, { organisationId: corporationB });
    expect(asOther.statusCode).toBe(400);
    expect(asOther.json<Problem>().invalidParams?.[0]?.name).toBe('query.organisationId');
    const loose = await createStaffMember(env.owner, m, { role: 'partner' });
    const nobody = await importCsv(await login(env.app, loose.email, loose.password), line);
    expect(nobody.statusCode).toBe(403);
    expect(nobody.json<Problem>().detailNl).toContain('geen organisatie');
    expect(await count()).toBe(0);
    // Its own organisation, named, is fine.
    const named = await importCsv(partnerA, line, { organisationId: corporationA });
    expect(named.statusCode).toBe(201);
    expect(await count()).toBe(1);
  });
});

describe('signals whose sender is not known (from before the sender was kept)', () => {
  it('are the same case at the same address, another sender’s at another address', async () => {
    // A signal imported before 20261125T0200 by a worker: its sender cannot be known.
    await sql`insert into signals (municipality_id, id, team_id, kind, reference, received_at,
        postcode, house_number, status)
      values (${m}::uuid, ${newId()}::uuid, ${noordwestId}::uuid, 'rent_arrears', 'OLD-7',
        '2026-10-01', '6201XC', 3, 'reached_no_help_needed')`.execute(env.owner);
    // The corporation that sent it sends the case again (its next monthly list): a duplicate, and
    // the household visited last month gets no second open signal.
    const resent = await importCsv(partnerA, ['rent_arrears,OLD-7,2026-11-01,6201 XC,3,,,,5000,']);
    expect(resent.json<ImportResult>()).toMatchObject({ imported: 0, duplicates: 1 });
    // Another corporation's case with that number, at another address, is imported.
    const other = await importCsv(partnerB, ['rent_arrears,OLD-7,2026-11-01,6201 XD,4,,,,7000,']);
    expect(other.json<ImportResult>()).toMatchObject({ imported: 1, duplicates: 0 });
    // Unknown senders stay unique among themselves, as before (nulls not distinct).
    await expect(
      sql`insert into signals (municipality_id, id, team_id, kind, reference, received_at,
          postcode, house_number)
        values (${m}::uuid, ${newId()}::uuid, ${noordwestId}::uuid, 'rent_arrears', 'OLD-7',
          '2026-10-02', '6201XZ', 9)`.execute(env.owner),
    ).rejects.toThrow(/signals_dedupe/);
  });
});

describe('the audit of an import that matches known households', () => {
  it("names each member of a matched household, so that it is in the member's access log", async () => {
    const created = await call(env.app, worker, 'POST', '/api/v1/registrations', {
      teamId: noordwestId,
      source: 'self',
      receivedAt: new Date(Date.now() - 86_400_000).toISOString(),
      question: 'Hulp bij de huur',
      resident: {
        givenName: 'Maria',
        familyName: 'Kurvers',
        address: { postcode: '6201 XG', houseNumber: 8 },
        neighbourhoodCode: 'BU09350205',
      },
    });
    expect(created.statusCode).toBe(201);
    const householdId = created.json<{ householdId: string }>().householdId;
    const members = (
      await sql<{ id: string }>`select id::text as id from residents
        where household_id = ${householdId}::uuid order by id`.execute(env.owner)
    ).rows.map((r) => r.id);
    expect(members.length).toBeGreaterThan(0);

    const response = await importCsv(partnerA, [
      'rent_arrears,KURVERS-1,2026-11-04,6201 XG,8,,,Kurvers,90000,',
      'rent_arrears,NOBODY-1,2026-11-04,6201 XH,9,,,,90000,',
    ]);
    expect(response.statusCode).toBe(201);
    const { importId } = response.json<ImportResult>();
    const audited = await sql<{ resident_id: string | null }>`
      select resident_id::text as resident_id from audit_events
      where action = 'signal.import' and object_id = ${importId}
      order by resident_id`.execute(env.owner);
    expect(audited.rows.map((r) => r.resident_id)).toEqual(members);
    // The access log the resident reads in the portal says so.
    const log = await sql<{ n: number }>`
      select count(*)::int as n from audit_events
      where action = 'signal.import' and resident_id = ${members[0]}::uuid`.execute(env.owner);
    expect(log.rows[0]?.n).toBe(1);
  });
});
