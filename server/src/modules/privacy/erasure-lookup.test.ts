// The privacy officer finds the resident an erasure request is about, in every team, by the start
// of the family name and the birth date; each resident shown is audited; others may not look.
import { beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { call, createDemoEnv, login, type Session, type TestEnv } from '../../../test/harness.js';
import { newId } from '../../platform/ids.js';

interface Candidate {
  id: string;
  householdId: string;
  givenName: string;
  familyName: string;
  birthDate: string | null;
  address: string | null;
  teamName: string;
}

let env: TestEnv;
let officer: Session;
let worker: Session;
let municipalityId: string;
const residentIds: Record<string, string> = {};

/** A household of `teamId` at Teststraat `number` with one member. */
async function resident(
  teamId: string,
  given: string,
  family: string,
  born: string,
  number: number,
) {
  const householdId = newId();
  const id = newId();
  await sql`insert into households (municipality_id, id, team_id, postcode, house_number, street, city)
            values (${municipalityId}, ${householdId}, ${teamId}, '6215AA', ${number}, 'Teststraat', 'Maastricht')`.execute(
    env.owner,
  );
  await sql`insert into residents (municipality_id, id, household_id, given_name, family_name, birth_date)
            values (${municipalityId}, ${id}, ${householdId}, ${given}, ${family}, ${born}::date)`.execute(
    env.owner,
  );
  residentIds[given] = id;
}

const lookup = (session: Session, query: string) =>
  call(env.app, session, 'GET', `/api/v1/privacy/erasures/residents?${query}`);

beforeAll(async () => {
  env = await createDemoEnv();
  officer = await login(env.app, 'privacy@maastricht.demo');
  worker = await login(env.app, 'worker@maastricht.demo');
  municipalityId = officer.user.municipalityId;
  const teams = (
    await sql<{ id: string; name: string }>`select id, name from teams
      where municipality_id = ${municipalityId}::uuid order by name`.execute(env.owner)
  ).rows;
  expect(teams.length).toBeGreaterThanOrEqual(2);
  // Namesakes in two teams, and one whose name only contains the search (not its start).
  await resident(teams[0]?.id ?? '', 'Anouk', 'Zwanenveld', '1984-03-02', 7);
  await resident(teams[1]?.id ?? '', 'Bram', 'Zwanenveld', '1990-11-30', 9);
  await resident(teams[1]?.id ?? '', 'Cor', 'van Zwanenveld', '1984-03-02', 11);
});

describe('finding the resident of an erasure request', () => {
  it('finds namesakes in every team by the start of the family name, with address and team', async () => {
    const found = await lookup(officer, 'familyName=zwanen');
    expect(found.statusCode).toBe(200);
    const items = found.json<{ items: Candidate[] }>().items;
    // "van Zwanenveld" does not start with "zwanen"; the two others, ordered by given name.
    expect(items.map((c) => c.givenName)).toEqual(['Anouk', 'Bram']);
    expect(items[0]).toMatchObject({
      id: residentIds.Anouk,
      familyName: 'Zwanenveld',
      birthDate: '1984-03-02',
      address: 'Teststraat 7',
    });
    expect(new Set(items.map((c) => c.teamName)).size).toBe(2);
    expect(found.json<{ more: boolean }>().more).toBe(false);
  });

  it('shows at most 20 and says when more residents match', async () => {
    const teamId = (
      await sql<{ id: string }>`select id from teams where municipality_id = ${municipalityId}::uuid
        order by name limit 1`.execute(env.owner)
    ).rows[0]?.id;
    // 21 members of the Veelvoud family: one more than a lookup shows.
    for (let i = 1; i <= 21; i++)
      await resident(teamId ?? '', `Lid${String(i).padStart(2, '0')}`, 'Veelvoud', '1970-01-01', i);
    const many = (await lookup(officer, 'familyName=Veelvoud')).json<{
      items: Candidate[];
      more: boolean;
    }>();
    expect(many.items).toHaveLength(20);
    expect(many.more).toBe(true);
    expect(many.items.at(-1)?.givenName).toBe('Lid20');
  });

  it('narrows by birth date, and audits each resident shown with the terms', async () => {
    const found = await lookup(officer, 'familyName=Zwanenveld&birthDate=1984-03-02');
    expect(found.json<{ items: Candidate[] }>().items.map((c) => c.givenName)).toEqual(['Anouk']);
    const audited = await sql<{ resident_id: string; reason: string; actor_id: string }>`
      select resident_id, reason, actor_id from audit_events
      where action = 'erasure.lookup' and reason = 'Zwanenveld, 1984-03-02'`.execute(env.owner);
    expect(audited.rows).toEqual([
      {
        resident_id: residentIds.Anouk,
        reason: 'Zwanenveld, 1984-03-02',
        actor_id: officer.user.id,
      },
    ]);
  });

  it('takes % and _ as letters, not wildcards, and audits nothing when nothing is found', async () => {
    const before = await sql<{
      n: number;
    }>`select count(*)::int as n from audit_events where action = 'erasure.lookup'`.execute(
      env.owner,
    );
    const found = await lookup(officer, `familyName=${encodeURIComponent('Zw%')}`);
    expect(found.json<{ items: Candidate[] }>().items).toEqual([]);
    const after = await sql<{
      n: number;
    }>`select count(*)::int as n from audit_events where action = 'erasure.lookup'`.execute(
      env.owner,
    );
    expect(after.rows[0]?.n).toBe(before.rows[0]?.n);
  });

  it('names the field of a too short name, and refuses anyone but the privacy officer', async () => {
    const short = await lookup(officer, 'familyName=Z');
    expect(short.statusCode).toBe(400);
    expect(short.json<{ invalidParams: { name: string }[] }>().invalidParams[0]?.name).toContain(
      'familyName',
    );
    expect((await lookup(worker, 'familyName=zwanen')).statusCode).toBe(403);
  });

  it('records the erasure request for the resident found', async () => {
    const created = await call(env.app, officer, 'POST', '/api/v1/privacy/erasures', {
      residentId: residentIds.Bram,
      note: 'Brief van 20 november: verzoek om wissen',
    });
    expect(created.statusCode).toBe(201);
  });
});
