import { beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { call, createDemoEnv, login, type Session, type TestEnv } from '../../../test/harness.js';
import { openTrajectory } from '../../../test/cases.js';

let env: TestEnv;
let worker: Session;
let worker2: Session;
let teamId: string;

type Participant = {
  id: string;
  residentId: string;
  name: string;
  status: 'participant' | 'waiting' | 'left';
  waitingPosition: number | null;
  actionId: string | null;
};
type Detail = {
  id: string;
  capacity: number;
  participants: Participant[];
  sessions: { id: string; present: number }[];
  attendance: { sessionId: string; participantId: string; present: boolean }[];
  version: number;
};

beforeAll(async () => {
  env = await createDemoEnv();
  worker = await login(env.app, 'worker@maastricht.demo');
  worker2 = await login(env.app, 'worker2@maastricht.demo');
  teamId = worker.user.teamIds[0] ?? '';
});

async function newGroup(name: string, capacity: number) {
  const response = await call(env.app, worker, 'POST', '/api/v1/groups', {
    teamId,
    kind: 'coffee_morning',
    name,
    lifeDomains: ['social_network'],
    neighbourhoodCode: 'BU09350205',
    capacity,
  });
  expect(response.statusCode, response.body).toBe(201);
  return response.json<{ id: string; version: number }>();
}
const detail = async (id: string, as = worker) =>
  (await call(env.app, as, 'GET', `/api/v1/groups/${id}`)).json<Detail>();
const signUp = (groupId: string, c: { trajectoryId: string; residentId: string }) =>
  call(env.app, worker, 'POST', `/api/v1/groups/${groupId}/participants`, {
    trajectoryId: c.trajectoryId,
    residentId: c.residentId,
  });
const statuses = (d: Detail): Record<string, [string, number | null]> =>
  Object.fromEntries(
    d.participants.map((p): [string, [string, number | null]] => [
      p.name.split(' ')[0] ?? '',
      [p.status, p.waitingPosition],
    ]),
  );

describe('groups', () => {
  it('refuses an invalid group with a 400 naming the field, and creates nothing', async () => {
    const before = (await call(env.app, worker, 'GET', '/api/v1/groups')).json<{
      items: unknown[];
    }>().items.length;
    const cases: [Record<string, unknown>, string][] = [
      [{ teamId, kind: 'coffee_morning', name: 'Nul plaatsen', capacity: 0 }, 'capacity'],
      [{ teamId, kind: 'bingo', name: 'Bingo', capacity: 10 }, 'kind'],
      [
        { teamId, kind: 'course', name: 'Buurt?', capacity: 5, neighbourhoodCode: 'BU99999999' },
        'neighbourhoodCode',
      ],
      [
        { teamId: worker2.user.teamIds[0], kind: 'course', name: 'Ander team', capacity: 5 },
        'teamId',
      ],
    ];
    for (const [body, field] of cases) {
      const response = await call(env.app, worker, 'POST', '/api/v1/groups', body);
      expect(response.statusCode, field).toBe(400);
      expect(
        response.json<{ invalidParams: { name: string }[] }>().invalidParams.map((p) => p.name),
      ).toContain(field);
    }
    const unknown = await call(env.app, worker, 'POST', '/api/v1/groups', {
      teamId,
      kind: 'course',
      name: 'Met extra veld',
      capacity: 5,
      secret: 'x',
    });
    expect(unknown.statusCode).toBe(400);
    expect(
      (await call(env.app, worker, 'GET', '/api/v1/groups')).json<{ items: unknown[] }>().items,
    ).toHaveLength(before);
  });

  it('gives places up to the capacity, then waiting places; a leaver hands the place to the first who waits', async () => {
    const group = await newGroup('Koffieochtend Caberg (test)', 2);
    const people = [];
    for (const givenName of ['Anna', 'Bram', 'Cor', 'Dina', 'Els'])
      people.push(await openTrajectory(env.app, worker, { givenName, familyName: 'Test' }));
    const [anna, bram, cor, dina, els] = people as [
      (typeof people)[number],
      (typeof people)[number],
      (typeof people)[number],
      (typeof people)[number],
      (typeof people)[number],
    ];
    const signed = [];
    for (const p of [anna, bram, cor, dina]) signed.push(await signUp(group.id, p));
    expect(signed.map((r) => r.statusCode)).toEqual([201, 201, 201, 201]);
    // Capacity 2: Anna and Bram take the places, Cor and Dina wait in the order they came.
    expect(statuses(await detail(group.id))).toEqual({
      Anna: ['participant', null],
      Bram: ['participant', null],
      Cor: ['waiting', 1],
      Dina: ['waiting', 2],
    });
    // The sign-up put the group in Anna's plan, as a collective action the participant points to.
    const annaP = signed[0]?.json<Participant>();
    const plan = (
      await call(env.app, worker, 'GET', `/api/v1/trajectories/${anna.trajectoryId}/plan`)
    ).json<{ actions: { id: string; ownerType: string; description: string }[] }>();
    expect(plan.actions).toEqual([
      expect.objectContaining({
        id: annaP?.actionId,
        ownerType: 'collective',
        description: 'Deelnemen aan Koffieochtend Caberg (test)',
      }),
    ]);
    // Twice in the same group: 409, nothing added.
    expect((await signUp(group.id, anna)).statusCode).toBe(409);

    const left = await call(
      env.app,
      worker,
      'POST',
      `/api/v1/group-participants/${annaP?.id}/leave`,
    );
    expect(left.statusCode).toBe(200);
    expect(left.json<{ promoted: Participant | null }>().promoted?.name).toBe('Cor Test');
    expect(statuses(await detail(group.id))).toEqual({
      Bram: ['participant', null],
      Cor: ['participant', null],
      Dina: ['waiting', 1],
      Anna: ['left', null],
    });
    // Leaving again: 409.
    expect(
      (await call(env.app, worker, 'POST', `/api/v1/group-participants/${annaP?.id}/leave`))
        .statusCode,
    ).toBe(409);

    // Someone leaving the waiting list frees no place and promotes nobody.
    const dinaId = (await detail(group.id)).participants.find((p) => p.name === 'Dina Test')?.id;
    const dinaLeft = await call(
      env.app,
      worker,
      'POST',
      `/api/v1/group-participants/${dinaId}/leave`,
    );
    expect(dinaLeft.json<{ promoted: unknown }>().promoted).toBeNull();

    // Lowering the capacity below the participants removes nobody; a newcomer waits.
    let version = (await detail(group.id)).version;
    const lower = await call(env.app, worker, 'PATCH', `/api/v1/groups/${group.id}`, {
      version,
      capacity: 1,
    });
    expect(lower.statusCode).toBe(200);
    expect((await signUp(group.id, els)).json<Participant>().status).toBe('waiting');
    // Bram leaves: 1 participant (Cor) for capacity 1, so Els still waits.
    const bramId = (await detail(group.id)).participants.find((p) => p.name === 'Bram Test')?.id;
    const bramLeft = await call(
      env.app,
      worker,
      'POST',
      `/api/v1/group-participants/${bramId}/leave`,
    );
    expect(bramLeft.json<{ promoted: unknown }>().promoted).toBeNull();
    expect(statuses(await detail(group.id))).toMatchObject({
      Cor: ['participant', null],
      Els: ['waiting', 1],
    });
    // A stale version: 409, capacity unchanged.
    expect(
      (await call(env.app, worker, 'PATCH', `/api/v1/groups/${group.id}`, { version, capacity: 5 }))
        .statusCode,
    ).toBe(409);
    expect((await detail(group.id)).capacity).toBe(1);
    // Raising the capacity gives the waiting list its places.
    version = (await detail(group.id)).version;
    await call(env.app, worker, 'PATCH', `/api/v1/groups/${group.id}`, { version, capacity: 3 });
    expect(statuses(await detail(group.id))).toMatchObject({
      Cor: ['participant', null],
      Els: ['participant', null],
    });
  });

  it('audits a place from the waiting list after a higher capacity as a sign-up of that resident', async () => {
    const group = await newGroup('Koffieochtend meer plaatsen (test)', 1);
    const people = [];
    for (const givenName of ['Olga', 'Piet', 'Roos'])
      people.push(await openTrajectory(env.app, worker, { givenName, familyName: 'Wachtlijst' }));
    for (const p of people) expect((await signUp(group.id, p)).statusCode).toBe(201);
    const piet = people[1];
    // Olga has the place, Piet and Roos wait. One more place: Piet gets it, Roos still waits.
    const version = (await detail(group.id)).version;
    const raised = await call(env.app, worker, 'PATCH', `/api/v1/groups/${group.id}`, {
      version,
      capacity: 2,
    });
    expect(raised.statusCode, raised.body).toBe(200);
    const { rows } = await sql<{
      action: string;
      resident_id: string | null;
      reason: string | null;
    }>`
      select action, resident_id, reason from audit_events
      where object_id = ${group.id} and action in ('group.sign_up', 'group.update')
        and request_id = (select request_id from audit_events
          where object_id = ${group.id} and action = 'group.update' order by at desc limit 1)
      order by action`.execute(env.owner);
    expect(rows).toEqual([
      {
        action: 'group.sign_up',
        resident_id: piet?.residentId,
        reason: 'place from the waiting list',
      },
      { action: 'group.update', resident_id: null, reason: '1 from the waiting list' },
    ]);
    const after = await detail(group.id);
    expect(statuses(after)).toMatchObject({ Piet: ['participant', null], Roos: ['waiting', 1] });
    // Olga leaves: Roos gets her place, audited the same way.
    const olga = after.participants.find((p) => p.name === 'Olga Wachtlijst')?.id;
    const left = await call(env.app, worker, 'POST', `/api/v1/group-participants/${olga}/leave`);
    expect(left.statusCode).toBe(200);
    const promoted = await sql<{ resident_id: string | null }>`
      select resident_id from audit_events
      where object_id = ${group.id} and action = 'group.sign_up'
        and reason = 'place from the waiting list' order by resident_id`.execute(env.owner);
    expect(promoted.rows.map((r) => r.resident_id).sort()).toEqual(
      [piet?.residentId, people[2]?.residentId].sort(),
    );
  });

  it('never gives more places than the capacity when people sign up at the same moment', async () => {
    const group = await newGroup('Administratieklas gelijktijdig (test)', 1);
    const people = [];
    for (const givenName of ['Fenna', 'Gijs', 'Hans', 'Ilse', 'Joop'])
      people.push(await openTrajectory(env.app, worker, { givenName, familyName: 'Tegelijk' }));
    const responses = await Promise.all(people.map((p) => signUp(group.id, p)));
    expect(responses.map((r) => r.statusCode)).toEqual([201, 201, 201, 201, 201]);
    const d = await detail(group.id);
    // 5 sign-ups for 1 place: 1 participant, 4 waiting with positions 1, 2, 3, 4. (Without the
    // row lock, two sign-ups both counted 0 taken places here and both got the one place.)
    expect(d.participants.filter((p) => p.status === 'participant')).toHaveLength(1);
    expect(
      d.participants.filter((p) => p.status === 'waiting').map((p) => p.waitingPosition),
    ).toEqual([1, 2, 3, 4]);
  });

  it('records attendance per session, for participants only', async () => {
    const group = await newGroup('Koffieochtend aanwezigheid (test)', 1);
    const kees = await openTrajectory(env.app, worker, {
      givenName: 'Kees',
      familyName: 'Aanwezig',
    });
    const lies = await openTrajectory(env.app, worker, {
      givenName: 'Lies',
      familyName: 'Wachtend',
    });
    const k = (await signUp(group.id, kees)).json<Participant>();
    const l = (await signUp(group.id, lies)).json<Participant>();
    const bad = await call(env.app, worker, 'POST', `/api/v1/groups/${group.id}/sessions`, {
      startsAt: '2026-12-01T10:00:00+01:00',
      endsAt: '2026-12-01T09:00:00+01:00',
      place: 'Buurthuis',
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json<{ invalidParams: { name: string }[] }>().invalidParams[0]?.name).toBe('endsAt');
    const withSession = await call(env.app, worker, 'POST', `/api/v1/groups/${group.id}/sessions`, {
      startsAt: '2026-12-01T10:00:00+01:00',
      endsAt: '2026-12-01T11:30:00+01:00',
      place: 'Buurthuis Caberg',
    });
    expect(withSession.statusCode).toBe(201);
    const sessionId = withSession.json<Detail>().sessions[0]?.id;
    // Lies waits for a place: she cannot be marked present; nothing is recorded.
    const waiting = await call(
      env.app,
      worker,
      'PUT',
      `/api/v1/group-sessions/${sessionId}/attendance`,
      {
        entries: [
          { participantId: k.id, present: true },
          { participantId: l.id, present: true },
        ],
      },
    );
    expect(waiting.statusCode).toBe(400);
    expect(waiting.json<{ invalidParams: { name: string }[] }>().invalidParams[0]?.name).toBe(
      'entries.1.participantId',
    );
    expect((await detail(group.id)).attendance).toEqual([]);
    const ok = await call(
      env.app,
      worker,
      'PUT',
      `/api/v1/group-sessions/${sessionId}/attendance`,
      {
        entries: [{ participantId: k.id, present: true }],
      },
    );
    expect(ok.statusCode).toBe(200);
    expect(ok.json<Detail>().sessions[0]?.present).toBe(1);
    expect(ok.json<Detail>().attendance).toEqual([
      { sessionId, participantId: k.id, present: true },
    ]);
  });

  it("compares a session's end with its start as instants, whatever their offsets", async () => {
    const group = await newGroup('Koffieochtend tijdzones (test)', 5);
    const session = (startsAt: string, endsAt: string) =>
      call(env.app, worker, 'POST', `/api/v1/groups/${group.id}/sessions`, {
        startsAt,
        endsAt,
        place: 'Buurthuis',
      });
    // 10:00+02:00 is 08:00Z; 11:00+05:00 is 06:00Z: the end is before the start. As text it
    // looked later, and the database's own check answered 500.
    const backwards = await session('2030-05-01T10:00:00+02:00', '2030-05-01T11:00:00+05:00');
    expect(backwards.statusCode, backwards.body).toBe(400);
    expect(backwards.json<{ invalidParams: { name: string }[] }>().invalidParams[0]?.name).toBe(
      'endsAt',
    );
    // 09:30Z is after 08:00Z: a valid session, which the text comparison refused.
    const valid = await session('2030-05-01T10:00:00+02:00', '2030-05-01T09:30:00Z');
    expect(valid.statusCode, valid.body).toBe(201);
    expect(valid.json<Detail>().sessions).toHaveLength(1);
  });

  it('gives no place from the waiting list while the group has stopped', async () => {
    const group = await newGroup('Cursus die stopt (test)', 1);
    const people = [];
    for (const givenName of ['Toos', 'Ugo', 'Vera'])
      people.push(await openTrajectory(env.app, worker, { givenName, familyName: 'Gestopt' }));
    const signed = [];
    for (const p of people) signed.push((await signUp(group.id, p)).json<Participant>());
    const toos = signed[0];
    expect(statuses(await detail(group.id))).toEqual({
      Toos: ['participant', null],
      Ugo: ['waiting', 1],
      Vera: ['waiting', 2],
    });
    const stop = await call(env.app, worker, 'PATCH', `/api/v1/groups/${group.id}`, {
      version: (await detail(group.id)).version,
      active: false,
    });
    expect(stop.statusCode, stop.body).toBe(200);
    // Toos leaves: the place goes to nobody, Ugo still waits.
    const left = await call(
      env.app,
      worker,
      'POST',
      `/api/v1/group-participants/${toos?.id}/leave`,
    );
    expect(left.statusCode).toBe(200);
    expect(left.json<{ promoted: unknown }>().promoted).toBeNull();
    // More places for the stopped group: still nobody gets one.
    const raised = await call(env.app, worker, 'PATCH', `/api/v1/groups/${group.id}`, {
      version: (await detail(group.id)).version,
      capacity: 3,
    });
    expect(raised.statusCode, raised.body).toBe(200);
    expect(statuses(await detail(group.id))).toMatchObject({
      Ugo: ['waiting', 1],
      Vera: ['waiting', 2],
    });
    const promotedWhileStopped = await sql<{ n: number }>`
      select count(*)::int as n from audit_events
      where object_id = ${group.id} and reason = 'place from the waiting list'`.execute(env.owner);
    expect(promotedWhileStopped.rows[0]?.n).toBe(0);
    // Started again: the waiting list gets the free places, first come first.
    const restarted = await call(env.app, worker, 'PATCH', `/api/v1/groups/${group.id}`, {
      version: (await detail(group.id)).version,
      active: true,
    });
    expect(restarted.statusCode, restarted.body).toBe(200);
    expect(statuses(await detail(group.id))).toMatchObject({
      Ugo: ['participant', null],
      Vera: ['participant', null],
    });
  });

  it('gives a closed trajectory no place, also with an action of its plan; in aftercare it may', async () => {
    const group = await newGroup('Koffieochtend na sluiting (test)', 5);
    const closeTrajectory = (trajectoryId: string, extra: object = {}) =>
      call(env.app, worker, 'POST', `/api/v1/trajectories/${trajectoryId}/close`, {
        closedAt: new Date().toISOString(),
        outcome: 'goals_achieved',
        handledWithoutSpecialistCare: true,
        reason: 'Doelen bereikt',
        noClosingMeasurementReason: 'Inwoner wilde geen meting meer',
        ...extra,
      });
    const closed = await openTrajectory(env.app, worker, { givenName: 'Wim', familyName: 'Dicht' });
    const plan = await call(
      env.app,
      worker,
      'PUT',
      `/api/v1/trajectories/${closed.trajectoryId}/plan`,
      {
        version: 0,
        actions: [
          { description: 'Naar de koffieochtend', ownerType: 'collective', ownerName: 'Koffie' },
        ],
      },
    );
    expect(plan.statusCode, plan.body).toBe(200);
    const actionId = plan.json<{ actions: { id: string }[] }>().actions[0]?.id;
    const close = await closeTrajectory(closed.trajectoryId);
    expect(close.json<{ status: string }>().status).toBe('closed');
    for (const body of [{}, { actionId }]) {
      const refused = await call(
        env.app,
        worker,
        'POST',
        `/api/v1/groups/${group.id}/participants`,
        {
          trajectoryId: closed.trajectoryId,
          residentId: closed.residentId,
          ...body,
        },
      );
      expect(refused.statusCode, refused.body).toBe(409);
      expect(refused.json<{ detail: string; detailNl: string }>()).toMatchObject({
        detail: 'This trajectory is closed.',
        detailNl: 'Dit traject is afgesloten.',
      });
    }
    expect((await detail(group.id)).participants).toEqual([]);
    // In aftercare the resident may still join (as a referral may still be made).
    const aftercare = await openTrajectory(env.app, worker, {
      givenName: 'Xandra',
      familyName: 'Nazorg',
    });
    const tomorrowish = new Date(Date.now() + 30 * 86_400_000).toISOString().slice(0, 10);
    const inAftercare = await closeTrajectory(aftercare.trajectoryId, {
      aftercareUntil: tomorrowish,
    });
    expect(inAftercare.json<{ status: string }>().status).toBe('aftercare');
    expect((await signUp(group.id, aftercare)).statusCode).toBe(201);
  });

  it("keeps a team's groups from another team: 404, unchanged, not listed", async () => {
    const group = await newGroup('Koffieochtend eigen team (test)', 5);
    const mine = await openTrajectory(env.app, worker, { givenName: 'Mien', familyName: 'Eigen' });
    await signUp(group.id, mine);
    const version = (await detail(group.id)).version;
    expect((await call(env.app, worker2, 'GET', `/api/v1/groups/${group.id}`)).statusCode).toBe(
      404,
    );
    expect(
      (
        await call(env.app, worker2, 'PATCH', `/api/v1/groups/${group.id}`, {
          version,
          capacity: 1,
        })
      ).statusCode,
    ).toBe(404);
    const theirs = await openTrajectory(
      env.app,
      worker2,
      { givenName: 'Noud', familyName: 'Ander', neighbourhoodCode: 'BU09350400' },
      worker2.user.teamIds[0],
    );
    expect(
      (
        await call(env.app, worker2, 'POST', `/api/v1/groups/${group.id}/participants`, {
          trajectoryId: theirs.trajectoryId,
          residentId: theirs.residentId,
        })
      ).statusCode,
    ).toBe(404);
    const participantId = (await detail(group.id)).participants[0]?.id;
    expect(
      (await call(env.app, worker2, 'POST', `/api/v1/group-participants/${participantId}/leave`))
        .statusCode,
    ).toBe(404);
    const listed = (await call(env.app, worker2, 'GET', '/api/v1/groups')).json<{
      items: { id: string }[];
    }>().items;
    expect(listed.map((g) => g.id)).not.toContain(group.id);
    // Nor can this team put another team's resident in its group.
    const foreign = await signUp(group.id, theirs);
    expect(foreign.statusCode).toBe(400);
    expect(foreign.json<{ invalidParams: { name: string }[] }>().invalidParams[0]?.name).toBe(
      'trajectoryId',
    );
    const after = await detail(group.id);
    expect(after.version).toBe(version);
    expect(after.capacity).toBe(5);
    expect(after.participants.map((p) => [p.name, p.status])).toEqual([
      ['Mien Eigen', 'participant'],
    ]);
  });
});
