// Residents carry their household's team (migration 20261123T2000) so that their row-level
// security compares a column. The column must follow the household, and what a team sees must
// stay what it saw when the policy looked the household up.
import { beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { call, createDemoEnv, login, type Session, type TestEnv } from '../../test/harness.js';

let env: TestEnv;
let worker: Session;
let worker2: Session;
let residentId: string;
let householdId: string;

const teamOf = async (id: string) =>
  (
    await sql<{
      team_id: string | null;
    }>`select team_id from residents where id = ${id}::uuid`.execute(env.owner)
  ).rows[0]?.team_id;

beforeAll(async () => {
  env = await createDemoEnv();
  worker = await login(env.app, 'worker@maastricht.demo');
  worker2 = await login(env.app, 'worker2@maastricht.demo');
  const created = await call(env.app, worker, 'POST', '/api/v1/registrations', {
    teamId: worker.user.teamIds[0],
    source: 'self',
    receivedAt: new Date(Date.now() - 3_600_000).toISOString(),
    question: 'Hulp bij de administratie',
    resident: { givenName: 'Teun', familyName: 'Verhuist', birthDate: '1975-05-05' },
  });
  expect(created.statusCode).toBe(201);
  residentId = created.json<{ residentId: string }>().residentId;
  householdId = created.json<{ householdId: string }>().householdId;
});

describe("a resident's team", () => {
  it("is the household's team when the resident is written through the app", async () => {
    expect(await teamOf(residentId)).toBe(worker.user.teamIds[0]);
  });

  it('follows the household to another team, and so does who may see the resident', async () => {
    const seen = async (session: Session) =>
      (await call(env.app, session, 'GET', `/api/v1/households/${householdId}`)).json<{
        members?: { id: string }[];
      }>().members ?? [];
    expect((await seen(worker)).map((m) => m.id)).toContain(residentId);
    expect((await seen(worker2)).map((m) => m.id)).not.toContain(residentId);

    const otherTeam = worker2.user.teamIds[0] ?? '';
    await sql`update households set team_id = ${otherTeam}::uuid where id = ${householdId}::uuid`.execute(
      env.owner,
    );
    expect(await teamOf(residentId)).toBe(otherTeam);
    expect((await seen(worker2)).map((m) => m.id)).toContain(residentId);
    expect((await seen(worker)).map((m) => m.id)).not.toContain(residentId);
  });
});
