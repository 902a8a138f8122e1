import { beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import type { LightMyRequestResponse } from 'fastify';
import {
  call,
  createDemoEnv,
  lastAuditOf,
  login,
  type Session,
  type TestEnv,
  auditPerResident,
} from '../../../test/harness.js';
import { createStaffMember } from '../../../test/factories.js';
import { newId } from '../../platform/ids.js';
import { addDays, todayInAmsterdam } from '../../platform/dates.js';

interface ImportResult {
  lines: number;
  imported: number;
  matchedHouseholds: number;
  duplicates: number;
  rejected: { line: number; reason: string; reasonNl: string }[];
}
interface Signal {
  id: string;
  teamId: string;
  kind: string;
  householdId: string | null;
  status: string;
  address: { postcode: string; houseNumber: number };
  registrationId: string | null;
}

let env: TestEnv;
let worker: Session;
let worker2: Session;
let partner: Session;
let noordwestId: string;
let oostId: string;
let knownHouseholdId: string;
/** The housing corporation whose lists the team imports, and whose account posts its own. */
let corporationId: string;

const HEADER =
  'kind,reference,receivedAt,postcode,houseNumber,houseLetter,houseNumberAddition,familyName,amountCents,note';

/** A worker or team lead names the sender (the corporation unless told otherwise); a partner not. */
function importCsv(
  session: Session,
  csv: string,
  teamId?: string,
  organisationId: string | null = session === partner ? null : corporationId,
): Promise<LightMyRequestResponse> {
  const query = new URLSearchParams({
    ...(teamId ? { teamId } : {}),
    ...(organisationId ? { organisationId } : {}),
  }).toString();
  return env.app.inject({
    method: 'POST',
    url: `/api/v1/signals/imports${query ? `?${query}` : ''}`,
    headers: {
      cookie: session.cookie,
      'x-csrf-token': session.csrfToken,
      'content-type': 'text/csv',
    },
    payload: csv,
  });
}

beforeAll(async () => {
  env = await createDemoEnv();
  worker = await login(env.app, 'worker@maastricht.demo');
  worker2 = await login(env.app, 'worker2@maastricht.demo');
  noordwestId = worker.user.teamIds[0] ?? '';
  oostId = worker2.user.teamIds[0] ?? '';
  corporationId = newId();
  await sql`insert into organisations (municipality_id, id, name, contact_name, contact_email)
    values (${worker.user.municipalityId}::uuid, ${corporationId}::uuid, 'Woonstichting Jekerdal',
      'Mieke Huntjens', 'm.huntjens@jekerdal.demo')`.execute(env.owner);
  const account = await createStaffMember(env.owner, worker.user.municipalityId, {
    role: 'partner',
    email: 'woonpartner@partner.demo',
    organisationId: corporationId,
  });
  partner = await login(env.app, account.email, account.password);
  // A known household of Noordwest at Caberglaan 7.
  const created = await call(env.app, worker, 'POST', '/api/v1/registrations', {
    teamId: noordwestId,
    source: 'self',
    receivedAt: new Date(Date.now() - 86_400_000).toISOString(),
    question: 'Hulp bij formulieren',
    resident: {
      givenName: 'Els',
      familyName: 'Janssen',
      address: { postcode: '6216 AC', houseNumber: 7 },
      neighbourhoodCode: 'BU09350205',
    },
  });
  knownHouseholdId = created.json<{ householdId: string }>().householdId;
});

describe('importing a signal list', () => {
  const goodLines = [
    'rent_arrears,MVS-2026-001,2026-11-02,6216 AC,7,,,Janssen,84500,Twee maanden achterstand',
    'energy_debt,ENX-778,2026-11-03,6216AC,7,,,,12000,',
    'rent_arrears,MVS-2026-002,2026-11-02,6217 BD,15,A,,Peeters,61000,',
    'confused_behaviour,POL-55,2026-11-05T09:30:00+01:00,6218 CE,3,,2,,,"Buren maken zich zorgen, man loopt ""verward"" rond"',
  ];

  it('imports the good lines, matches the known household and reports each bad line with its number', async () => {
    const csv = [
      HEADER,
      ...goodLines,
      'rent_arrears,,2026-11-02,6216 AC,9,,,,100,',
      'parking_fine,X-1,2026-11-02,6216 AC,9,,,,100,',
      'rent_arrears,MVS-9,2026-11-02,0216 AC,9,,,,100,',
      'rent_arrears,MVS-10,2026-11-02,6216 AC,9,,,,12.50,',
    ].join('\n');
    const response = await importCsv(worker, csv);
    expect(response.statusCode).toBe(201);
    const result = response.json<ImportResult>();
    expect(result).toMatchObject({ lines: 8, imported: 4, matchedHouseholds: 1, duplicates: 0 });
    expect(result.rejected.map((r) => r.line)).toEqual([6, 7, 8, 9]);
    expect(result.rejected[0]?.reason).toContain('reference');
    expect(result.rejected[1]?.reasonNl).toContain('kind');
    expect(result.rejected[2]?.reason).toContain('postcode');
    expect(result.rejected[3]?.reasonNl).toContain('eurocenten');
  });

  it('imports nothing new when the same file comes again', async () => {
    const before = (
      await sql<{ n: number }>`select count(*)::int as n from signals`.execute(env.owner)
    ).rows[0]?.n;
    const result = (
      await importCsv(worker, [HEADER, ...goodLines].join('\n'))
    ).json<ImportResult>();
    expect(result).toMatchObject({ imported: 0, duplicates: 4 });
    const after = (
      await sql<{ n: number }>`select count(*)::int as n from signals`.execute(env.owner)
    ).rows[0]?.n;
    expect(after).toBe(before);
  });

  it('names missing columns in the header and imports nothing', async () => {
    const response = await importCsv(worker, 'kind,reference\nrent_arrears,A-1');
    expect(response.statusCode).toBe(400);
    expect(
      response.json<{ invalidParams: { name: string; reason: string }[] }>().invalidParams[0],
    ).toMatchObject({
      name: '(body).header',
    });
  });

  it('refuses a CSV body on routes that take JSON (415)', async () => {
    const response = await env.app.inject({
      method: 'POST',
      url: '/api/v1/registrations',
      headers: {
        cookie: worker.cookie,
        'x-csrf-token': worker.csrfToken,
        'content-type': 'text/csv',
      },
      payload: 'a,b',
    });
    expect(response.statusCode).toBe(415);
  });

  it('routes a line to the team whose household it matches, even when another team imports', async () => {
    const result = (
      await importCsv(
        worker2,
        [HEADER, 'water_debt,WML-31,2026-11-06,6216 AC,7,,,Janssen,4300,'].join('\n'),
      )
    ).json<ImportResult>();
    expect(result).toMatchObject({ imported: 1, matchedHouseholds: 1 });
    const { rows } = await sql<{
      team_id: string;
    }>`select team_id from signals where reference = 'WML-31'`.execute(env.owner);
    expect(rows[0]?.team_id).toBe(noordwestId);
    // ...and the importing team does not see it.
    const theirs = (await call(env.app, worker2, 'GET', '/api/v1/signals')).json<{
      items: Signal[];
    }>().items;
    expect(theirs.map((s) => s.kind)).not.toContain('water_debt');
  });

  it('lets a partner post a list for a team of its municipality, and read nothing back', async () => {
    const response = await importCsv(
      partner,
      [HEADER, 'rent_arrears,MVS-P-1,2026-11-07,6217 XY,1,,,,50000,'].join('\n'),
      oostId,
    );
    expect(response.statusCode).toBe(201);
    expect((await call(env.app, partner, 'GET', '/api/v1/signals')).statusCode).toBe(403);
    const withoutTeam = await importCsv(
      partner,
      [HEADER, 'rent_arrears,MVS-P-2,2026-11-07,6217 XY,1,,,,50000,'].join('\n'),
    );
    expect(withoutTeam.statusCode).toBe(400);
  });
});

describe('a signal list with lines the database or the calendar cannot take', () => {
  // Imported by the other team at addresses nobody lives at in the demo: the outreach list of
  // the first team below stays as it is.
  const line = (reference: string, receivedAt: string, note = '') =>
    `rent_arrears,${reference},${receivedAt},6229 ZZ,40,,,,100,${note}`;

  it('refuses a line with a NUL character, naming its line and column, and imports the rest', async () => {
    const response = await importCsv(
      worker2,
      [
        HEADER,
        line('NUL-1', '2026-11-02', 'hallo'),
        line('NUL-2', '2026-11-02', 'hallo\u0000daar'),
        `rent_arrears,NUL-3\u0000,2026-11-02,6229 ZZ,41,,,,100,`,
        line('NUL-4', '2026-11-02'),
      ].join('\n'),
    );
    expect(response.statusCode, response.body).toBe(201);
    const result = response.json<ImportResult>();
    expect(result).toMatchObject({ lines: 4, imported: 2 });
    expect(result.rejected).toEqual([
      {
        line: 3,
        reason: 'note: may not contain a NUL character',
        reasonNl: 'note: mag geen NUL-teken bevatten',
      },
      {
        line: 4,
        reason: 'reference: may not contain a NUL character',
        reasonNl: 'reference: mag geen NUL-teken bevatten',
      },
    ]);
  });

  it('refuses a day that does not exist instead of moving it, and a day in the future', async () => {
    const today = todayInAmsterdam();
    const response = await importCsv(
      worker2,
      [
        HEADER,
        line('DAG-1', '2026-02-30'),
        line('DAG-2', '2026-02-30T10:00:00Z'),
        line('DAG-3', '2026-13-01'),
        line('DAG-4', addDays(today, 2)),
        line('DAG-5', new Date(Date.now() + 2 * 86_400_000).toISOString()),
        line('DAG-6', addDays(today, 1)),
        line('DAG-7', '2024-02-29'),
      ].join('\n'),
    );
    expect(response.statusCode, response.body).toBe(201);
    const result = response.json<ImportResult>();
    expect(result.rejected.map((r) => r.line)).toEqual([2, 3, 4, 5, 6]);
    expect(result.rejected[0]).toEqual({
      line: 2,
      reason: 'receivedAt: is not a real date: 2026-02-30 does not exist',
      reasonNl: 'receivedAt: is geen bestaande datum: 2026-02-30 bestaat niet',
    });
    expect(result.rejected[1]?.reason).toContain('2026-02-30 does not exist');
    expect(result.rejected[2]?.reasonNl).toContain('receivedAt');
    expect(result.rejected[3]).toEqual({
      line: 5,
      reason: 'receivedAt: lies more than a day in the future',
      reasonNl: 'receivedAt: ligt meer dan een dag in de toekomst',
    });
    expect(result.rejected[4]?.reason).toBe('receivedAt: lies more than a day in the future');
    // Tomorrow (a partner a little ahead) and a leap day are taken, on the day they name.
    expect(result.imported).toBe(2);
    const { rows } = await sql<{ reference: string; day: string }>`
      select reference, to_char(received_at at time zone 'Europe/Amsterdam', 'YYYY-MM-DD') as day
        from signals where reference like 'DAG-%' order by reference`.execute(env.owner);
    expect(rows).toEqual([
      { reference: 'DAG-6', day: addDays(today, 1) },
      { reference: 'DAG-7', day: '2024-02-29' },
    ]);
  });
});

describe('the outreach list', () => {
  it('shows the team its open signals grouped by address, matched to the known household', async () => {
    const items = (await call(env.app, worker, 'GET', '/api/v1/signals?status=open')).json<{
      items: Signal[];
    }>().items;
    const atKnownAddress = items.filter(
      (s) => s.address.postcode === '6216 AC' && s.address.houseNumber === 7,
    );
    expect(atKnownAddress.map((s) => s.kind).sort()).toEqual([
      'energy_debt',
      'rent_arrears',
      'water_debt',
    ]);
    expect(atKnownAddress.every((s) => s.householdId === knownHouseholdId)).toBe(true);
    // A signal about a known household is about its members: the list's audit rows name them.
    const householdIds = [...new Set(items.flatMap((s) => (s.householdId ? [s.householdId] : [])))];
    const members = await sql<{ id: string }>`
      select id::text as id from residents where household_id = any(${householdIds}::uuid[])`.execute(
      env.owner,
    );
    expect(members.rows.length).toBeGreaterThan(0);
    expect((await lastAuditOf(env, 'signal.list')).residentIds).toEqual(
      members.rows.map((r) => r.id).sort(),
    );
    // Ordered by address: the signals of one household are next to each other.
    const keys = items.map((s) => `${s.address.postcode}-${s.address.houseNumber}`);
    expect(keys).toEqual([...keys].sort());
  });

  it('records one visit for every open signal at the address, once', async () => {
    const items = (await call(env.app, worker, 'GET', '/api/v1/signals?status=open')).json<{
      items: Signal[];
    }>().items;
    const signal = items.find(
      (s) => s.address.postcode === '6216 AC' && s.kind === 'rent_arrears',
    ) as Signal;
    const response = await call(env.app, worker, 'POST', `/api/v1/signals/${signal.id}/outreach`, {
      at: new Date().toISOString(),
      outcome: 'reached_support_started',
    });
    expect(response.statusCode).toBe(200);
    expect(response.json<{ updatedSignalIds: string[] }>().updatedSignalIds).toHaveLength(3);
    // The visit to a known household is in each member's access log.
    const audited = await sql<{ resident_id: string }>`
      select resident_id::text as resident_id from ${auditPerResident} as audit_events
      where action = 'signal.outreach' and object_id = ${signal.id}`.execute(env.owner);
    const members = await sql<{ id: string }>`
      select id::text as id from residents where household_id = ${knownHouseholdId}::uuid`.execute(
      env.owner,
    );
    expect(members.rows.length).toBeGreaterThan(0);
    expect(audited.rows.map((r) => r.resident_id).sort()).toEqual(
      members.rows.map((m) => m.id).sort(),
    );
    const again = await call(env.app, worker, 'POST', `/api/v1/signals/${signal.id}/outreach`, {
      at: new Date().toISOString(),
      outcome: 'refused',
    });
    expect(again.statusCode).toBe(409);
  });

  it('turns a reached household into a registration in one step, with the visit as first contact', async () => {
    const signal = (
      await call(env.app, worker, 'GET', '/api/v1/signals?status=reached_support_started')
    ).json<{ items: Signal[] }>().items[0] as Signal;
    const response = await call(
      env.app,
      worker,
      'POST',
      `/api/v1/signals/${signal.id}/registration`,
      {
        question: 'Huurachterstand en energieschuld; mevrouw wil hulp bij een betalingsregeling.',
        lifeDomains: ['finances', 'housing'],
      },
    );
    expect(response.statusCode).toBe(201);
    const created = response.json<{ id: string; householdId: string }>();
    expect(created.householdId).toBe(knownHouseholdId);
    const registration = await call(env.app, worker, 'GET', `/api/v1/registrations/${created.id}`);
    expect(registration.json()).toMatchObject({
      source: 'outreach',
      status: 'contacted',
      firstContactKind: 'home_visit',
    });
    const twice = await call(env.app, worker, 'POST', `/api/v1/signals/${signal.id}/registration`, {
      question: 'Nogmaals',
    });
    expect(twice.statusCode).toBe(409);
  });

  it('needs a resident for a signal that matched no household, and creates the household at the signal address', async () => {
    const open = (await call(env.app, worker, 'GET', '/api/v1/signals?status=open')).json<{
      items: Signal[];
    }>().items;
    const unmatched = open.find((s) => s.householdId === null) as Signal;
    await call(env.app, worker, 'POST', `/api/v1/signals/${unmatched.id}/outreach`, {
      at: new Date().toISOString(),
      outcome: 'reached_support_started',
    });
    const missing = await call(
      env.app,
      worker,
      'POST',
      `/api/v1/signals/${unmatched.id}/registration`,
      { question: 'Hulp gewenst' },
    );
    expect(missing.statusCode).toBe(400);
    expect(missing.json<{ invalidParams: { name: string }[] }>().invalidParams[0]?.name).toBe(
      'resident',
    );
    const response = await call(
      env.app,
      worker,
      'POST',
      `/api/v1/signals/${unmatched.id}/registration`,
      {
        question: 'Hulp gewenst',
        resident: { givenName: 'Bram', familyName: 'Peeters', neighbourhoodCode: 'BU09350204' },
      },
    );
    expect(response.statusCode).toBe(201);
    const household = await call(
      env.app,
      worker,
      'GET',
      `/api/v1/households/${response.json<{ householdId: string }>().householdId}`,
    );
    expect(household.json()).toMatchObject({
      address: { postcode: unmatched.address.postcode, houseNumber: unmatched.address.houseNumber },
    });
  });

  it("gives another team's worker 404 on outreach, and the signal stays open", async () => {
    const open = (await call(env.app, worker, 'GET', '/api/v1/signals?status=open')).json<{
      items: Signal[];
    }>().items;
    const target = open[0] as Signal;
    const response = await call(env.app, worker2, 'POST', `/api/v1/signals/${target.id}/outreach`, {
      at: new Date().toISOString(),
      outcome: 'refused',
    });
    expect(response.statusCode).toBe(404);
    const { rows } = await sql<{
      status: string;
    }>`select status from signals where id = ${target.id}::uuid`.execute(env.owner);
    expect(rows[0]?.status).toBe('open');
  });
});

// Last: it adds signals at the known address, which the tests above count.
describe("a partner's signal list", () => {
  it('tells a partner nothing of which lines matched a household the team knows', async () => {
    // 6216 AC 7 is a household the team knows; 6216 AC 99 is not.
    const answers = [];
    for (const [reference, houseNumber] of [
      ['MVS-P-3', 7],
      ['MVS-P-4', 99],
    ] as const) {
      const response = await importCsv(
        partner,
        [HEADER, `rent_arrears,${reference},2026-11-07,6216 AC,${houseNumber},,,,42000,`].join(
          '\n',
        ),
        noordwestId,
      );
      expect(response.statusCode).toBe(201);
      const { importId, ...rest } = response.json<ImportResult & { importId: string }>();
      expect(importId).toBeTruthy();
      answers.push(rest);
    }
    expect(answers[0]).toEqual(answers[1]);
    expect(answers[0]).not.toHaveProperty('matchedHouseholds');
    // The team still gets the signal matched to the household.
    const { rows } = await sql<{ household_id: string | null }>`
      select household_id::text as household_id from signals where reference = 'MVS-P-3'`.execute(
      env.owner,
    );
    expect(rows[0]?.household_id).toBe(knownHouseholdId);
  });
});
