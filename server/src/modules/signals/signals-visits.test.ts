// One outreach visit answers every open signal at an address: its outcome is saved once (a second
// outcome saved at the same time is a 409, not a success that is thrown away), and it leads to at
// most one registration, whichever of the address's signals it is made from.
import { beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import type { LightMyRequestResponse } from 'fastify';
import { sideBySide as runSideBySide } from '../../../test/side-by-side.js';
import { call, createDemoEnv, login, type Session, type TestEnv } from '../../../test/harness.js';
import { createStaffMember } from '../../../test/factories.js';
import { newId } from '../../platform/ids.js';

interface Signal {
  id: string;
  reference: string;
  status: string;
  registrationId: string | null;
}
interface Problem {
  status: number;
  detail?: string;
  detailNl?: string;
}

const HEADER =
  'kind,reference,receivedAt,postcode,houseNumber,houseLetter,houseNumberAddition,familyName,amountCents,note';

let env: TestEnv;
let worker: Session;
let colleague: Session;
let noordwestId: string;
const signalIds = new Map<string, string>();

beforeAll(async () => {
  env = await createDemoEnv();
  worker = await login(env.app, 'worker@maastricht.demo');
  colleague = await login(env.app, 'teamlead@maastricht.demo');
  noordwestId = worker.user.teamIds[0] ?? '';
  const m = worker.user.municipalityId;
  const corporation = newId();
  await sql`insert into organisations (municipality_id, id, name, contact_name, contact_email)
    values (${m}::uuid, ${corporation}::uuid, 'Woonstichting Jekerdal', 'Mieke Huntjens',
      'm.huntjens@jekerdal.demo')`.execute(env.owner);
  const account = await createStaffMember(env.owner, m, {
    role: 'partner',
    organisationId: corporation,
  });
  const partner = await login(env.app, account.email, account.password);
  // Two signals at each of three addresses, none of a known household; one signal at a fourth.
  const lines = [
    'rent_arrears,V-1,2026-11-02,6202 XA,1,,,Hendriks,84500,',
    'energy_debt,V-2,2026-11-03,6202 XA,1,,,,12000,',
    'rent_arrears,C-1,2026-11-02,6202 XC,3,,,Pinckers,84500,',
    'energy_debt,C-2,2026-11-03,6202 XC,3,,,,12000,',
    'rent_arrears,R-1,2026-11-02,6202 XB,2,,,,30000,',
  ];
  const imported = await env.app.inject({
    method: 'POST',
    url: `/api/v1/signals/imports?teamId=${noordwestId}`,
    headers: {
      cookie: partner.cookie,
      'x-csrf-token': partner.csrfToken,
      'content-type': 'text/csv',
    },
    payload: [HEADER, ...lines].join('\n'),
  });
  expect(imported.statusCode).toBe(201);
  expect(imported.json<{ imported: number }>().imported).toBe(lines.length);
  const { rows } = await sql<{ id: string; reference: string }>`
    select id::text as id, reference from signals where reference = any(${['V-1', 'V-2', 'C-1', 'C-2', 'R-1']})`.execute(
    env.owner,
  );
  for (const row of rows) signalIds.set(row.reference, row.id);
});

const idOf = (reference: string) => signalIds.get(reference) ?? '';

const visit = (session: Session, reference: string, outcome: string) =>
  call(env.app, session, 'POST', `/api/v1/signals/${idOf(reference)}/outreach`, {
    at: new Date(Date.now() - 3_600_000).toISOString(),
    outcome,
  });

const register = (session: Session, reference: string, givenName: string) =>
  call(env.app, session, 'POST', `/api/v1/signals/${idOf(reference)}/registration`, {
    question: 'Huurachterstand; wil hulp bij een betalingsregeling',
    lifeDomains: ['finances'],
    resident: { givenName, familyName: 'Hendriks', neighbourhoodCode: 'BU09350204' },
  });

async function signalsOf(references: string[]): Promise<Signal[]> {
  const response = await call(env.app, worker, 'GET', '/api/v1/signals?limit=1000');
  return response
    .json<{ items: Signal[] }>()
    .items.filter((s) => references.includes(s.reference))
    .sort((a, b) => a.reference.localeCompare(b.reference));
}

/** `requests` at once, side by side on the row locks of `references` (test/side-by-side.ts). */
const sideBySide = (references: string[], requests: (() => Promise<LightMyRequestResponse>)[]) =>
  runSideBySide(
    env.owner,
    sql`select id from signals where id = any(${references.map(idOf)}::uuid[]) order by id for update`,
    requests,
  );

describe('a visit that reached a household with support started', () => {
  it('becomes one registration, whichever of the address’s signals it is made from', async () => {
    const answered = await visit(worker, 'V-1', 'reached_support_started');
    expect(answered.statusCode).toBe(200);
    expect(answered.json<{ updatedSignalIds: string[] }>().updatedSignalIds.sort()).toEqual(
      [idOf('V-1'), idOf('V-2')].sort(),
    );

    const first = await register(worker, 'V-1', 'Anja');
    expect(first.statusCode).toBe(201);
    const registrationId = first.json<{ id: string }>().id;

    // The same household from the other signal of that visit: not a second registration on the
    // waiting list.
    const second = await register(colleague, 'V-2', 'Anja');
    expect(second.statusCode).toBe(409);
    expect(second.json<Problem>().detailNl).toContain('al tot een aanmelding geleid');
    expect(second.json<Problem>().detail).toContain('already led to a registration');

    // Both signals carry the registration, so the outreach list offers no second 'Aanmelden'.
    expect((await signalsOf(['V-1', 'V-2'])).map((s) => s.registrationId)).toEqual([
      registrationId,
      registrationId,
    ]);
    const { rows } = await sql<{ n: number }>`
      select count(*)::int as n from registrations
      where signal_id = any(${[idOf('V-1'), idOf('V-2')]}::uuid[])`.execute(env.owner);
    expect(rows[0]?.n).toBe(1);
  });

  it('makes one registration when two people register it at the same moment', async () => {
    expect((await visit(worker, 'C-1', 'reached_support_started')).statusCode).toBe(200);
    const answers = await sideBySide(
      ['C-1', 'C-2'],
      [() => register(worker, 'C-1', 'Bram'), () => register(colleague, 'C-2', 'Bram')],
    );
    expect(answers.map((a) => a.statusCode).sort()).toEqual([201, 409]);
    const created = answers.find((a) => a.statusCode === 201)?.json<{ id: string }>().id;
    expect((await signalsOf(['C-1', 'C-2'])).map((s) => s.registrationId)).toEqual([
      created,
      created,
    ]);
    const { rows } = await sql<{ n: number }>`
      select count(*)::int as n from registrations
      where signal_id = any(${[idOf('C-1'), idOf('C-2')]}::uuid[])`.execute(env.owner);
    expect(rows[0]?.n).toBe(1);
  });
});

describe('two outcomes of one visit saved at the same moment', () => {
  it('keeps the first: the second answers 409 and is not audited', async () => {
    const answers = await sideBySide(
      ['R-1'],
      [() => visit(worker, 'R-1', 'not_reached'), () => visit(colleague, 'R-1', 'refused')],
    );
    expect(answers.map((a) => a.statusCode).sort()).toEqual([200, 409]);
    const kept = answers.find((a) => a.statusCode === 200)?.json<{ status: string }>().status;
    const refused = answers.find((a) => a.statusCode === 409);
    expect(refused?.json<Problem>().detailNl).toContain('al vastgelegd');
    const [signal] = await signalsOf(['R-1']);
    expect(signal?.status).toBe(kept);
    const { rows } = await sql<{ n: number }>`
      select count(*)::int as n from audit_events
      where action = 'signal.outreach' and object_id = ${idOf('R-1')}`.execute(env.owner);
    expect(rows[0]?.n).toBe(1);
  });
});
