// Volunteer matching is on the residents' access logs: a search names the household searched for
// and the residents whose offers it shows; recording, listing and ending a match name the
// household's members; the volunteer's read of their tasks names the residents of each task. A
// volunteer taken out of the pool sees no task any more: their matches end, in every team.
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
import { createStaffMember } from '../../../test/factories.js';
import { openTrajectory } from '../../../test/cases.js';

let env: TestEnv;
let worker: Session;
let worker2: Session;
let lead: Session;
let volunteer: Session;
let volunteerId: string;
let volunteerStaffId: string;
/** A household of two in team Noordwest, with an open trajectory. */
let household: { trajectoryId: string; members: string[] };
/** A resident of another household of the team who offers to help others. */
let offering: { residentId: string; offerId: string };

interface AuditRow {
  id: string;
  actor_role: string;
  object_type: string;
  object_id: string | null;
  resident_id: string | null;
  reason: string | null;
}

/** The audit rows of `action` that `run` wrote (those that were not there before). */
async function auditRowsOf(action: string, run: () => Promise<unknown>): Promise<AuditRow[]> {
  const before = await sql<{ id: string }>`select id from ${auditPerResident} as audit_events
    where action = ${action}`.execute(env.owner);
  const known = new Set(before.rows.map((r) => r.id));
  await run();
  const after = await sql<AuditRow>`select id, actor_role, object_type, object_id, resident_id,
    reason from ${auditPerResident} as audit_events where action = ${action}`.execute(env.owner);
  return after.rows.filter((r) => !known.has(r.id));
}

const named = (rows: { resident_id: string | null }[]) =>
  rows.map((r) => r.resident_id ?? 'nobody').sort();

const membersOf = async (householdId: string) =>
  (
    await sql<{ id: string }>`select id from residents
      where household_id = ${householdId}::uuid`.execute(env.owner)
  ).rows
    .map((r) => r.id)
    .sort();

async function match(session: Session, trajectoryId: string, task: string) {
  const response = await call(
    env.app,
    session,
    'POST',
    `/api/v1/trajectories/${trajectoryId}/volunteer-matches`,
    { volunteerId, task, where: 'Bij de bewoners thuis, Pastoor Moonenstraat 3', when: 'Maandag' },
  );
  expect(response.statusCode, response.body).toBe(201);
  return response.json<{ id: string }>().id;
}

async function volunteerVersion(id: string) {
  const { rows } = await sql<{ version: number }>`select version from volunteers
    where id = ${id}::uuid`.execute(env.owner);
  return rows[0]?.version ?? 0;
}

beforeAll(async () => {
  env = await createDemoEnv();
  worker = await login(env.app, 'worker@maastricht.demo');
  worker2 = await login(env.app, 'worker2@maastricht.demo');
  lead = await login(env.app, 'teamlead@maastricht.demo');
  const account = await createStaffMember(env.owner, worker.user.municipalityId, {
    role: 'volunteer',
    email: 'joep@vrijwilligers.demo',
    name: 'Joep Vrijwilliger',
  });
  const created = await call(env.app, lead, 'POST', '/api/v1/volunteers', {
    name: 'Joep',
    staffId: account.id,
    skills: ['klussen'],
    vogCheckedOn: '2026-03-01',
  });
  expect(created.statusCode, created.body).toBe(201);
  volunteerId = created.json<{ id: string }>().id;
  volunteerStaffId = account.id;
  volunteer = await login(env.app, account.email, account.password);

  // A household of two: the second member joins the first's household.
  const first = await openTrajectory(env.app, worker, { givenName: 'Mies', familyName: 'Klusman' });
  const second = await call(env.app, worker, 'POST', '/api/v1/registrations', {
    teamId: worker.user.teamIds[0],
    source: 'self',
    receivedAt: new Date(Date.now() - 3_600_000).toISOString(),
    question: 'Meedoen met het gezin',
    householdId: first.householdId,
    resident: { givenName: 'Kees', familyName: 'Klusman', birthDate: '1950-04-05' },
    confirmedNew: true,
  });
  expect(second.statusCode, second.body).toBe(201);
  household = { trajectoryId: first.trajectoryId, members: await membersOf(first.householdId) };
  expect(household.members).toHaveLength(2);

  // Another household of the team, whose member offers odd jobs (wederkerigheid).
  const other = await openTrajectory(env.app, worker, { givenName: 'Rens', familyName: 'Helper' });
  const offer = await call(
    env.app,
    worker,
    'POST',
    `/api/v1/trajectories/${other.trajectoryId}/offers`,
    {
      residentId: other.residentId,
      skill: 'klussen',
    },
  );
  expect(offer.statusCode, offer.body).toBe(201);
  offering = { residentId: other.residentId, offerId: offer.json<{ id: string }>().id };
});

describe('volunteer matching in the access logs', () => {
  it('names the household searched for, and the residents whose offers the search shows', async () => {
    let ranked: { id: string; kind: string; name: string }[] = [];
    const searched = await auditRowsOf('volunteer.match', async () => {
      const response = await call(env.app, worker, 'POST', '/api/v1/volunteers/matches/search', {
        trajectoryId: household.trajectoryId,
        skills: ['klussen'],
        requiresVog: false,
      });
      expect(response.statusCode, response.body).toBe(200);
      ranked = response.json<{ items: typeof ranked }>().items;
    });
    expect(ranked.map((c) => c.name)).toEqual(expect.arrayContaining(['Joep', 'Rens (inwoner)']));
    expect(named(searched)).toEqual(household.members);
    expect(searched.every((r) => r.object_id === household.trajectoryId)).toBe(true);

    const shown = await auditRowsOf('volunteer.list', () =>
      call(env.app, worker, 'POST', '/api/v1/volunteers/matches/search', {
        trajectoryId: household.trajectoryId,
        skills: ['klussen'],
        requiresVog: false,
      }),
    );
    // The offering resident reads that their offer was shown, not for which household.
    expect(shown.map((r) => [r.resident_id, r.object_type, r.object_id])).toEqual([
      [offering.residentId, 'resident_offer', offering.offerId],
    ]);
  });

  it("names the household's members when a match is recorded, listed and ended", async () => {
    let matchId = '';
    const recorded = await auditRowsOf('volunteer_match.create', async () => {
      matchId = await match(worker, household.trajectoryId, 'De kraan repareren');
    });
    expect(named(recorded)).toEqual(household.members);
    expect(recorded.every((r) => r.object_id === matchId && r.reason === 'matched')).toBe(true);

    const listed = await auditRowsOf('volunteer_match.list', async () => {
      const response = await call(
        env.app,
        worker,
        'GET',
        `/api/v1/trajectories/${household.trajectoryId}/volunteer-matches`,
      );
      expect(response.statusCode).toBe(200);
      expect(response.json<{ items: { id: string }[] }>().items.map((m) => m.id)).toContain(
        matchId,
      );
    });
    expect(named(listed)).toEqual(household.members);
    expect(listed.every((r) => r.object_id === household.trajectoryId)).toBe(true);

    const ended = await auditRowsOf('volunteer_match.end', async () => {
      const response = await call(
        env.app,
        worker,
        'POST',
        `/api/v1/volunteer-matches/${matchId}/end`,
        {
          outcome: 'Kraan lekt niet meer',
        },
      );
      expect(response.statusCode, response.body).toBe(200);
    });
    expect(named(ended)).toEqual(household.members);
    expect(ended.every((r) => r.object_id === matchId && r.reason === 'ended')).toBe(true);
  });

  it('names the residents of each task when the volunteer reads their tasks, without showing their ids', async () => {
    const matchId = await match(worker, household.trajectoryId, 'De dakgoot schoonmaken');
    let body = '';
    const read = await auditRowsOf('volunteer.tasks', async () => {
      const response = await call(env.app, volunteer, 'GET', '/api/v1/volunteer/tasks');
      expect(response.statusCode).toBe(200);
      body = response.body;
      expect(response.json<{ items: { id: string }[] }>().items.map((t) => t.id)).toEqual([
        matchId,
      ]);
    });
    expect(named(read)).toEqual(household.members);
    expect(read.every((r) => r.actor_role === 'volunteer' && r.object_id === matchId)).toBe(true);
    for (const id of household.members) expect(body).not.toContain(id);
    await call(env.app, worker, 'POST', `/api/v1/volunteer-matches/${matchId}/end`, {
      outcome: 'Klaar',
    });
  });
});

describe('a volunteer taken out of the pool', () => {
  it("sees no task any more: the matches end in every team, audited with each household's members", async () => {
    // Matches in both teams: the team lead of Noordwest can see only one of them.
    const noordwest = await match(worker, household.trajectoryId, 'Een lamp ophangen');
    const oost = await openTrajectory(
      env.app,
      worker2,
      { givenName: 'Door', familyName: 'Oosterling', neighbourhoodCode: 'BU09350400' },
      worker2.user.teamIds[0],
    );
    const oostMatch = await match(worker2, oost.trajectoryId, 'Een kast in elkaar zetten');
    expect(
      (await call(env.app, volunteer, 'GET', '/api/v1/volunteer/tasks'))
        .json<{ items: { id: string }[] }>()
        .items.map((t) => t.id)
        .sort(),
    ).toEqual([noordwest, oostMatch].sort());

    const ended = await auditRowsOf('volunteer_match.end', async () => {
      const response = await call(env.app, lead, 'PATCH', `/api/v1/volunteers/${volunteerId}`, {
        version: await volunteerVersion(volunteerId),
        active: false,
      });
      expect(response.statusCode, response.body).toBe(200);
      // The change sets what it names and keeps the rest (it used to wipe every field left out).
      expect(response.json()).toMatchObject({
        active: false,
        staffId: volunteerStaffId,
        skills: ['klussen'],
        vogCheckedOn: '2026-03-01',
      });
      // The team lead gets the volunteer back, nothing of the other team's match.
      expect(response.body).not.toContain(oostMatch);
    });

    expect((await call(env.app, volunteer, 'GET', '/api/v1/volunteer/tasks')).json()).toEqual({
      items: [],
      nextCursor: null,
    });
    // Each team sees its match ended, with the reason.
    for (const [session, trajectoryId, matchId] of [
      [worker, household.trajectoryId, noordwest],
      [worker2, oost.trajectoryId, oostMatch],
    ] as const) {
      const listed = (
        await call(
          env.app,
          session,
          'GET',
          `/api/v1/trajectories/${trajectoryId}/volunteer-matches`,
        )
      ).json<{ items: { id: string; status: string; outcome: string | null }[] }>().items;
      expect(listed.find((m) => m.id === matchId)).toMatchObject({
        status: 'ended',
        outcome: expect.stringContaining('niet meer actief') as unknown,
      });
    }
    const oostMembers = await membersOf(oost.householdId);
    expect(named(ended.filter((r) => r.object_id === noordwest))).toEqual(household.members);
    expect(named(ended.filter((r) => r.object_id === oostMatch))).toEqual(oostMembers);
    expect(
      ended.every(
        (r) => r.actor_role === 'team_lead' && r.reason === 'ended: the volunteer left the pool',
      ),
    ).toBe(true);
    // And a match of the inactive volunteer cannot be recorded again.
    const refused = await call(
      env.app,
      worker,
      'POST',
      `/api/v1/trajectories/${household.trajectoryId}/volunteer-matches`,
      { volunteerId, task: 'Nog een klus', where: 'Thuis', when: 'Dinsdag' },
    );
    expect(refused.statusCode).toBe(400);
  });

  it('hides a task from the volunteer even where a match was left active', async () => {
    // An inactive volunteer whose match is still active (as an inactive volunteer's matches were
    // left before): volunteer_tasks answers nothing for them.
    const account = await createStaffMember(env.owner, worker.user.municipalityId, {
      role: 'volunteer',
      email: 'lien@vrijwilligers.demo',
    });
    const lien = (
      await call(env.app, lead, 'POST', '/api/v1/volunteers', {
        name: 'Lien',
        staffId: account.id,
        skills: ['klussen'],
      })
    ).json<{ id: string }>().id;
    const response = await call(
      env.app,
      worker,
      'POST',
      `/api/v1/trajectories/${household.trajectoryId}/volunteer-matches`,
      { volunteerId: lien, task: 'Schilderen', where: 'Thuis', when: 'Woensdag' },
    );
    expect(response.statusCode, response.body).toBe(201);
    await sql`update volunteers set active = false where id = ${lien}::uuid`.execute(env.owner);
    const session = await login(env.app, account.email, account.password);
    expect((await call(env.app, session, 'GET', '/api/v1/volunteer/tasks')).json()).toEqual({
      items: [],
      nextCursor: null,
    });
  });
});

describe('recording a match for a task that needs a VOG', () => {
  it('refuses a volunteer without a valid VOG, naming volunteerId in Dutch and English', async () => {
    const add = async (name: string, vogCheckedOn: string | null) =>
      (
        await call(env.app, lead, 'POST', '/api/v1/volunteers', {
          name,
          skills: ['klussen'],
          vogCheckedOn,
        })
      ).json<{ id: string }>().id;
    const record = (id: string, requiresVog?: boolean) =>
      call(
        env.app,
        worker,
        'POST',
        `/api/v1/trajectories/${household.trajectoryId}/volunteer-matches`,
        {
          volunteerId: id,
          task: 'Helpen met de boodschappen',
          where: 'Thuis',
          when: 'Vrijdag',
          ...(requiresVog === undefined ? {} : { requiresVog }),
        },
      );
    for (const id of [await add('Oud', '2020-01-01'), await add('Zonder', null)]) {
      const refused = await record(id, true);
      expect(refused.statusCode, refused.body).toBe(400);
      const [param, ...more] = refused.json<{
        invalidParams: { name: string; reason: string; reasonNl: string }[];
      }>().invalidParams;
      expect(more).toEqual([]);
      expect(param).toMatchObject({
        name: 'volunteerId',
        reason: expect.stringContaining('VOG') as unknown,
        reasonNl: expect.stringContaining('geen geldige VOG') as unknown,
      });
      // Without a VOG asked for, the match is recorded (as before).
      expect((await record(id)).statusCode).toBe(201);
    }
    const valid = await add('Geldig', '2025-06-01');
    expect((await record(valid, true)).statusCode).toBe(201);
  });
});
