// What a review of the households module found, each fixed and held here: the same person added
// twice when a BSN came with them, an erased household changed again, a BSN typed into the search
// (found nothing, kept in clear in the audit trail), `address: null` dropping the buurt unasked,
// a version beyond the integer range (500), a race on one BSN answered without naming `bsn`, and
// an impossible birth date in the search answered without naming `query.q`.
import { beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import {
  auditPerResident,
  call,
  createDemoEnv,
  lastAuditOf,
  login,
  type Session,
  type TestEnv,
} from '../../../test/harness.js';
import { sideBySide } from '../../../test/side-by-side.js';
import { Version } from '../../platform/http-schemas.js';
import { eraseHousehold } from '../privacy/retention.service.js';

interface Member {
  id: string;
  givenName: string;
  familyName: string;
  birthDate: string | null;
  bsnMasked: string | null;
}
interface Household {
  id: string;
  teamId: string;
  neighbourhoodCode: string | null;
  members: Member[];
  version: number;
}
interface Problem {
  status: number;
  detail: string;
  detailNl: string;
  invalidParams?: { name: string; reason: string; reasonNl: string }[];
}

let env: TestEnv;
let worker: Session;
/** Households a test has used: each test takes its own, so none sees another's changes. */
const used: string[] = [];

async function read(id: string): Promise<Household> {
  const response = await call(env.app, worker, 'GET', `/api/v1/households/${id}`);
  expect(response.statusCode, response.body).toBe(200);
  return response.json<Household>();
}

/**
 * A household of the worker's team, not erased, with a member, that no other test here used;
 * `withBirthDate`: a member's birth date is known; `withBuurt`: the household has a buurt.
 */
async function freshHousehold(
  options: { withBirthDate?: boolean; withBuurt?: boolean } = {},
): Promise<Household> {
  const withBirthDate = options.withBirthDate === true;
  const withBuurt = options.withBuurt === true;
  const { rows } = await sql<{ id: string }>`
    select h.id::text as id from households h
    where h.team_id = any(${worker.user.teamIds}::uuid[]) and h.erased_at is null
      and (h.neighbourhood_code is not null or not ${withBuurt})
      and exists (select 1 from residents r where r.household_id = h.id
                  and (r.birth_date is not null or not ${withBirthDate}))
      and not (h.id = any(${used}::uuid[]))
    order by h.created_at limit 1`.execute(env.owner);
  const id = rows[0]?.id;
  if (!id) throw new Error('no household left for this test');
  used.push(id);
  return read(id);
}

/** A buurt of the worker's team's area. */
async function teamBuurt(): Promise<string> {
  const { rows } = await sql<{ code: string }>`
    select neighbourhood_code as code from team_neighbourhoods
    where team_id = any(${worker.user.teamIds}::uuid[])
    order by neighbourhood_code limit 1`.execute(env.owner);
  return rows[0]?.code ?? '';
}

/** The household's row and members as stored, to show that a refusal changed nothing. */
async function stored(id: string) {
  const household = await sql`select * from households where id = ${id}::uuid`.execute(env.owner);
  const members = await sql`select * from residents where household_id = ${id}::uuid
    order by id`.execute(env.owner);
  return { household: household.rows, members: members.rows };
}

async function auditRowsHolding(text: string): Promise<number> {
  const { rows } = await sql<{ n: number }>`
    select count(*)::int as n from ${auditPerResident} as audit_events
    where reason like ${`%${text}%`}`.execute(env.owner);
  return rows[0]?.n ?? 0;
}

async function searchAudits(): Promise<number> {
  const { rows } = await sql<{ n: number }>`
    select count(*)::int as n from audit_events where action = 'household.search'`.execute(
    env.owner,
  );
  return rows[0]?.n ?? 0;
}

function firstParam(body: string) {
  return (JSON.parse(body) as Problem).invalidParams?.[0];
}

beforeAll(async () => {
  env = await createDemoEnv();
  worker = await login(env.app, 'worker@maastricht.demo');
});

describe('a new member with a BSN', () => {
  it('is still checked for the same name and birth date (409 naming confirmedNew), changing nothing', async () => {
    const known = await freshHousehold({ withBirthDate: true });
    const person = known.members.find((m) => m.birthDate !== null) as Member;
    const other = await freshHousehold();
    const was = await stored(other.id);
    const body = {
      version: other.version,
      givenName: person.givenName,
      familyName: person.familyName,
      birthDate: person.birthDate,
      // A BSN nobody has yet: it may be the one the recorded person's file lacks.
      bsn: '200000007',
    };
    const refused = await call(
      env.app,
      worker,
      'POST',
      `/api/v1/households/${other.id}/members`,
      body,
    );
    expect(refused.statusCode, refused.body).toBe(409);
    expect(firstParam(refused.body)?.name).toBe('confirmedNew');
    expect(firstParam(refused.body)?.reasonNl).toMatch(/naam en geboortedatum/);
    expect(await stored(other.id)).toEqual(was);

    const confirmed = await call(
      env.app,
      worker,
      'POST',
      `/api/v1/households/${other.id}/members`,
      {
        ...body,
        confirmedNew: true,
      },
    );
    expect(confirmed.statusCode, confirmed.body).toBe(201);
  });

  it('names bsn, not confirmedNew, when the BSN itself is recorded already', async () => {
    const household = await freshHousehold({ withBirthDate: true });
    const person = household.members.find((m) => m.birthDate !== null) as Member;
    const given = await call(
      env.app,
      worker,
      'PATCH',
      `/api/v1/households/${household.id}/members/${person.id}`,
      { version: household.version, bsn: '200000019' },
    );
    expect(given.statusCode, given.body).toBe(200);
    const other = await freshHousehold();
    const twice = await call(env.app, worker, 'POST', `/api/v1/households/${other.id}/members`, {
      version: other.version,
      givenName: person.givenName,
      familyName: person.familyName,
      birthDate: person.birthDate,
      bsn: '200000019',
    });
    expect(twice.statusCode).toBe(409);
    expect(firstParam(twice.body)?.name).toBe('bsn');
  });
});

/** Erases the household as the retention job or an erasure request does (privacy module). */
async function erase(householdId: string) {
  await env.owner.transaction().execute(async (trx) => {
    await sql`select set_config('app.municipality_id', ${worker.user.municipalityId}, true)`.execute(
      trx,
    );
    await eraseHousehold(trx, worker.user.municipalityId, householdId);
  });
}

describe('an erased household', () => {
  it('refuses every change with a 409 in Dutch and English, and stays as erased', async () => {
    const household = await freshHousehold();
    await erase(household.id);
    const erased = await read(household.id);
    const was = await stored(household.id);
    const { version } = erased;
    const attempts = [
      await call(env.app, worker, 'PATCH', `/api/v1/households/${household.id}`, {
        version,
        address: { postcode: '6216AB', houseNumber: 1 },
        neighbourhoodCode: await teamBuurt(),
      }),
      await call(env.app, worker, 'POST', `/api/v1/households/${household.id}/members`, {
        version,
        givenName: 'Nieuw',
        familyName: 'Persoon',
        bsn: '200000020',
      }),
      await call(
        env.app,
        worker,
        'PATCH',
        `/api/v1/households/${household.id}/members/${erased.members[0]?.id ?? ''}`,
        { version, givenName: 'Herstelde' },
      ),
      // A stale version too: reading the household again would not help, so it says erased.
      await call(env.app, worker, 'PATCH', `/api/v1/households/${household.id}`, {
        version: version - 1,
        address: null,
        neighbourhoodCode: await teamBuurt(),
      }),
    ];
    expect(attempts.map((r) => r.statusCode)).toEqual([409, 409, 409, 409]);
    for (const attempt of attempts) {
      const problem = attempt.json<Problem>();
      expect(problem.detail).toMatch(/erased/);
      expect(problem.detailNl).toMatch(/gewist/);
    }
    expect(await stored(household.id)).toEqual(was);
  });

  it('takes no new registration either: 409 naming householdId, nothing stored', async () => {
    const household = await freshHousehold();
    await erase(household.id);
    const was = await stored(household.id);
    const count = async () =>
      (
        await sql<{ n: number }>`select count(*)::int as n from registrations
          where household_id = ${household.id}::uuid`.execute(env.owner)
      ).rows[0]?.n ?? 0;
    const registrationsBefore = await count();
    const attempts = [
      {},
      { resident: { givenName: 'Terug', familyName: 'Gekomen', birthDate: '1990-01-01' } },
    ].map((extra) =>
      call(env.app, worker, 'POST', '/api/v1/registrations', {
        teamId: household.teamId,
        source: 'self',
        receivedAt: new Date().toISOString(),
        question: 'Ik kan mijn huur niet meer betalen.',
        lifeDomains: ['finances'],
        householdId: household.id,
        ...extra,
      }),
    );
    for (const response of await Promise.all(attempts)) {
      expect(response.statusCode, response.body).toBe(409);
      const param = firstParam(response.body);
      expect(param?.name).toBe('householdId');
      expect(param?.reasonNl).toMatch(/gewist/);
    }
    expect(await count()).toBe(registrationsBefore);
    expect(await stored(household.id)).toEqual(was);
  });
});

describe('a BSN in the household search', () => {
  it('finds the household by the keyed hash and keeps the BSN only masked in the audit trail', async () => {
    const household = await freshHousehold();
    const member = household.members[0] as Member;
    const given = await call(
      env.app,
      worker,
      'PATCH',
      `/api/v1/households/${household.id}/members/${member.id}`,
      { version: household.version, bsn: '123456782' },
    );
    expect(given.statusCode, given.body).toBe(200);
    for (const q of ['123456782', '123 456 782', '123.456.782']) {
      const search = await call(
        env.app,
        worker,
        'GET',
        `/api/v1/households?q=${encodeURIComponent(q)}`,
      );
      expect(search.statusCode, search.body).toBe(200);
      const items = search.json<{ items: { id: string }[] }>().items;
      expect(
        items.map((h) => h.id),
        q,
      ).toEqual([household.id]);
      const audited = await lastAuditOf(env, 'household.search');
      expect(audited.residentIds).toEqual(household.members.map((m) => m.id).sort());
      expect(new Set(audited.reasons)).toEqual(new Set(['******782']));
    }
    expect(await auditRowsHolding('123456782')).toBe(0);
    expect(await auditRowsHolding('456')).toBe(0);
  });

  it('answers a number that fails the elfproef with 400 naming query.q, and audits nothing', async () => {
    const before = await searchAudits();
    const response = await call(env.app, worker, 'GET', '/api/v1/households?q=123456789');
    expect(response.statusCode).toBe(400);
    const param = firstParam(response.body);
    expect(param?.name).toBe('query.q');
    expect(param?.reason).toMatch(/elfproef/);
    expect(param?.reasonNl).toMatch(/elfproef/);
    expect(await searchAudits()).toBe(before);
    expect(await auditRowsHolding('123456789')).toBe(0);
  });
});

describe('an impossible birth date in the household search', () => {
  it('is a 400 naming query.q in Dutch and English, and audits nothing', async () => {
    const before = await searchAudits();
    for (const q of ['31-02-1980', '1980-02-30', '00-01-1980', '29-02-1981']) {
      const response = await call(env.app, worker, 'GET', `/api/v1/households?q=${q}`);
      expect(response.statusCode, q).toBe(400);
      const param = firstParam(response.body);
      expect(param?.name, q).toBe('query.q');
      expect(param?.reasonNl, q).toMatch(/geboortedatum/);
    }
    expect(await searchAudits()).toBe(before);
    // A day that exists still searches.
    expect((await call(env.app, worker, 'GET', '/api/v1/households?q=29-02-1980')).statusCode).toBe(
      200,
    );
  });
});

describe('a household without an address', () => {
  it('needs its buurt named: address null alone is a 400 naming neighbourhoodCode, changing nothing', async () => {
    const household = await freshHousehold({ withBuurt: true });
    expect(household.neighbourhoodCode).not.toBeNull();
    const was = await stored(household.id);
    const response = await call(env.app, worker, 'PATCH', `/api/v1/households/${household.id}`, {
      version: household.version,
      address: null,
    });
    expect(response.statusCode, response.body).toBe(400);
    const param = firstParam(response.body);
    expect(param?.name).toBe('neighbourhoodCode');
    expect(param?.reasonNl).toMatch(/zonder adres/);
    expect(await stored(household.id)).toEqual(was);

    const buurt = await teamBuurt();
    const chosen = await call(env.app, worker, 'PATCH', `/api/v1/households/${household.id}`, {
      version: household.version,
      address: null,
      neighbourhoodCode: buurt,
    });
    expect(chosen.statusCode, chosen.body).toBe(200);
    expect(chosen.json<Household>().neighbourhoodCode).toBe(buurt);
  });
});

describe('a version beyond the integer range', () => {
  it('is a 400 naming version on every household route, changing nothing', async () => {
    const household = await freshHousehold();
    const was = await stored(household.id);
    const version = 3_000_000_000;
    const attempts = [
      await call(env.app, worker, 'PATCH', `/api/v1/households/${household.id}`, {
        version,
        address: null,
        neighbourhoodCode: await teamBuurt(),
      }),
      await call(env.app, worker, 'POST', `/api/v1/households/${household.id}/members`, {
        version,
        givenName: 'Groot',
        familyName: 'Getal',
      }),
      await call(
        env.app,
        worker,
        'PATCH',
        `/api/v1/households/${household.id}/members/${household.members[0]?.id ?? ''}`,
        { version, givenName: 'Groot' },
      ),
    ];
    expect(attempts.map((r) => r.statusCode)).toEqual([400, 400, 400]);
    for (const attempt of attempts) expect(firstParam(attempt.body)?.name).toBe('version');
    expect(await stored(household.id)).toEqual(was);
  });

  it('is refused by the shared version schema too (every other route that takes a version)', () => {
    expect(Version.safeParse(2_147_483_647).success).toBe(true);
    expect(Version.safeParse(3_000_000_000).success).toBe(false);
  });
});

describe('one BSN given at the same moment to two households', () => {
  it('lets one through and answers the other 409 naming bsn', async () => {
    const pair = [(await freshHousehold()).id, (await freshHousehold()).id];
    // Several rounds with the same two households, read again each time (a round raises their
    // versions): a race may go either way, and each way must name bsn.
    for (const bsn of ['200000032', '200000044', '200000056']) {
      const a = await read(pair[0] ?? '');
      const b = await read(pair[1] ?? '');
      const add = (household: Household) => () =>
        call(env.app, worker, 'POST', `/api/v1/households/${household.id}/members`, {
          version: household.version,
          givenName: `Twee${household.id.slice(0, 4)}`,
          familyName: 'Keer',
          bsn,
        });
      const results = await sideBySide(
        env.owner,
        sql`select 1 from households where id in (${a.id}::uuid, ${b.id}::uuid) for update`,
        [add(a), add(b)],
      );
      expect(results.map((r) => r.statusCode).sort(), bsn).toEqual([201, 409]);
      const refused = results.find((r) => r.statusCode === 409);
      expect(firstParam(refused?.body ?? '{}')?.name, bsn).toBe('bsn');
    }
  });

  it('answers a correction racing a new member for the same BSN the same way', async () => {
    const a = await freshHousehold();
    const b = await freshHousehold();
    const bsn = '200000068';
    const results = await sideBySide(
      env.owner,
      sql`select 1 from households where id in (${a.id}::uuid, ${b.id}::uuid) for update`,
      [
        () =>
          call(
            env.app,
            worker,
            'PATCH',
            `/api/v1/households/${a.id}/members/${a.members[0]?.id ?? ''}`,
            {
              version: a.version,
              bsn,
            },
          ),
        () =>
          call(env.app, worker, 'POST', `/api/v1/households/${b.id}/members`, {
            version: b.version,
            givenName: 'Gelijk',
            familyName: 'Tijdig',
            bsn,
          }),
      ],
    );
    const refused = results.find((r) => r.statusCode === 409);
    expect(results.filter((r) => r.statusCode < 300)).toHaveLength(1);
    expect(firstParam(refused?.body ?? '{}')?.name).toBe('bsn');
  });
});
