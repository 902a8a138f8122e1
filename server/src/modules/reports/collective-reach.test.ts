// Collective reach on a team of its own (Centrum), so the demo data of the other teams cannot
// touch the counts. Every expected value is worked out by hand in the comments.
import { beforeAll, describe, expect, it } from 'vitest';
import { call, createDemoEnv, login, type Session, type TestEnv } from '../../../test/harness.js';
import { createStaffMember } from '../../../test/factories.js';
import { openTrajectory } from '../../../test/cases.js';
import { inTenant } from '../../platform/db.js';
import { newId } from '../../platform/ids.js';
import { todayInAmsterdam } from '../../platform/dates.js';
import { collectiveReach } from './collective-reach.js';

let env: TestEnv;
let worker: Session;
let municipalityId: string;
let teamId: string;
const BINNENSTAD = 'BU09350000';
const JEKERKWARTIER = 'BU09350001';

const day = (offset: number) => {
  const d = new Date(`${todayInAmsterdam()}T12:00:00Z`);
  d.setUTCDate(d.getUTCDate() + offset);
  return d.toISOString().slice(0, 10);
};

beforeAll(async () => {
  env = await createDemoEnv();
  const lead = await login(env.app, 'teamlead@maastricht.demo');
  municipalityId = lead.user.municipalityId;
  teamId = newId();
  await inTenant(env.owner, { municipalityId, teamIds: [] }, async (trx) => {
    await trx
      .insertInto('teams')
      .values({
        municipality_id: municipalityId,
        id: teamId,
        name: 'Sociaal Team Centrum',
        type: 'social',
        working_area: 'Binnenstad en Jekerkwartier',
      })
      .execute();
    await trx
      .insertInto('team_neighbourhoods')
      .values(
        [BINNENSTAD, JEKERKWARTIER].map((code) => ({
          municipality_id: municipalityId,
          team_id: teamId,
          neighbourhood_code: code,
        })),
      )
      .execute();
  });
  const account = await createStaffMember(env.owner, municipalityId, { teamIds: [teamId] });
  worker = await login(env.app, account.email, account.password);

  // Five trajectories opened today: R1..R4 in Binnenstad, R5 in Jekerkwartier.
  const r: { trajectoryId: string; residentId: string }[] = [];
  for (const [i, buurt] of [
    BINNENSTAD,
    BINNENSTAD,
    BINNENSTAD,
    BINNENSTAD,
    JEKERKWARTIER,
  ].entries())
    r.push(
      await openTrajectory(
        env.app,
        worker,
        { givenName: `R${i + 1}`, familyName: 'Centrum', neighbourhoodCode: buurt },
        teamId,
      ),
    );
  const [r1, r2, r3, r4, r5] = r as [
    (typeof r)[0],
    (typeof r)[0],
    (typeof r)[0],
    (typeof r)[0],
    (typeof r)[0],
  ];
  const who = (x: (typeof r)[0]) => ({ trajectoryId: x.trajectoryId, residentId: x.residentId });
  const group = async (kind: string, name: string, capacity: number) =>
    (await call(env.app, worker, 'POST', '/api/v1/groups', { teamId, kind, name, capacity })).json<{
      id: string;
    }>().id;
  const signUp = async (groupId: string, x: (typeof r)[0]) =>
    (await call(env.app, worker, 'POST', `/api/v1/groups/${groupId}/participants`, who(x))).json<{
      id: string;
      status: string;
    }>();
  // Coffee morning, 2 places: R1 and R2 take part, R3 waits (a waiting place is no help yet).
  const coffee = await group('coffee_morning', 'Koffieochtend Centrum', 2);
  await signUp(coffee, r1);
  await signUp(coffee, r2);
  expect((await signUp(coffee, r3)).status).toBe('waiting');
  // Administration class: R1 again, and R4 who leaves today (took part during the period).
  const admin = await group('administration_class', 'Administratieklas Centrum', 5);
  await signUp(admin, r1);
  const r4p = await signUp(admin, r4);
  await call(env.app, worker, 'POST', `/api/v1/group-participants/${r4p.id}/leave`);
  // Scooter: R5 has it now; R1 only in ten days (outside the period).
  const scooter = (
    await call(env.app, worker, 'POST', '/api/v1/shared-items', {
      teamId,
      kind: 'mobility_scooter',
      name: 'Scootmobiel Centrum',
    })
  ).json<{ id: string }>().id;
  for (const [x, from, until] of [
    [r5, day(-3), day(3)],
    [r1, day(10), day(12)],
  ] as const)
    expect(
      (
        await call(env.app, worker, 'POST', `/api/v1/shared-items/${scooter}/loans`, {
          ...who(x),
          fromDate: from,
          untilDate: until,
        })
      ).statusCode,
    ).toBe(201);
  // Volunteers for R2 (running) and R3 (ended today: still helped in the period).
  const volunteer = (
    await call(env.app, lead, 'POST', '/api/v1/volunteers', {
      name: 'Vera Centrum',
      skills: ['boodschappen'],
    })
  ).json<{ id: string }>().id;
  for (const x of [r2, r3]) {
    const match = await call(
      env.app,
      worker,
      'POST',
      `/api/v1/trajectories/${x.trajectoryId}/volunteer-matches`,
      {
        volunteerId: volunteer,
        task: 'Samen boodschappen doen',
        where: 'Binnenstad',
        when: 'Donderdagmiddag',
      },
    );
    expect(match.statusCode).toBe(201);
    if (x === r3)
      await call(
        env.app,
        worker,
        'POST',
        `/api/v1/volunteer-matches/${match.json<{ id: string }>().id}/end`,
        {
          outcome: 'Gaat nu zelf met de buurvrouw',
        },
      );
  }
});

const reach = (buurt: string | null) =>
  inTenant(env.db, { municipalityId, teamIds: [teamId] }, (trx) =>
    collectiveReach(trx, { municipalityId, teamIds: [teamId], from: day(-30), to: day(0), buurt }),
  );
const figure = (s: Awaited<ReturnType<typeof reach>>, key: string) =>
  s.figures.find((f) => f.key === key)?.value;

describe('collective reach', () => {
  it('counts residents helped collectively, by volunteers, and questions answered collectively', async () => {
    const s = await reach(null);
    // Groups: R1, R2 (coffee), R1, R4 (class) = {R1, R2, R4}; loans in the period: {R5}.
    // Together 4 residents; R3 only waits and R1's scooter loan lies after the period.
    expect(figure(s, 'helped_collectively')).toBe(4);
    expect(figure(s, 'item_borrowers')).toBe(1);
    // Coffee morning: R1, R2 = 2; administration class: R1, R4 = 2; total distinct 3.
    expect(s.tables[0]?.rows.map((row) => [row.key, row.value])).toEqual([
      ['coffee_morning', 2],
      ['administration_class', 2],
      ['course', 0],
      ['activity', 0],
      ['other', 0],
    ]);
    expect(s.tables[0]?.total).toBe(3);
    // Matches active in the period: R2 (running) and R3 (ended today) = 2.
    expect(figure(s, 'helped_by_volunteers')).toBe(2);
    // Sign-ups put a collective action in the plans of R1, R2, R3 (also when waiting) and R4;
    // R5's loan adds none: 4 of the 5 trajectories opened, a share of 4 / 5 = 0.8.
    expect(figure(s, 'questions_answered_collectively')).toBe(4);
    expect(figure(s, 'questions_answered_collectively_share')).toBe(0.8);
  });

  it('narrows to one buurt', async () => {
    const s = await reach(JEKERKWARTIER);
    // Jekerkwartier has R5 only: the scooter (1 collectively), no group, no volunteer,
    // and 0 of 1 trajectory with a collective action.
    expect(figure(s, 'helped_collectively')).toBe(1);
    expect(s.tables[0]?.total).toBe(0);
    expect(figure(s, 'helped_by_volunteers')).toBe(0);
    expect(figure(s, 'questions_answered_collectively_share')).toBe(0);
  });

  it('is part of the monitor, and suppressed below 5 in the public report and its CSV', async () => {
    const gemeente = await login(env.app, 'gemeente@maastricht.demo');
    const query = `from=${day(-30)}&to=${day(0)}&teamId=${teamId}`;
    type Shown = { sections: { key: string; figures: { key: string; value: unknown }[] }[] };
    const monitor = (
      await call(env.app, gemeente, 'GET', `/api/v1/reports/monitor?${query}`)
    ).json<Shown>();
    const section = monitor.sections.find((s) => s.key === 'collective_reach');
    expect(section?.figures.find((f) => f.key === 'helped_collectively')?.value).toBe(4);
    // The public report covers only whole months, quarters or years that are over: R5
    // (Jekerkwartier) also had the scooter for a week three months ago, a month no other test
    // here looks at. It covers all teams; Jekerkwartier has this team's R5 only.
    const [year = 0, month = 1] = todayInAmsterdam().split('-').map(Number);
    const then = new Date(Date.UTC(year, month - 4, 1)).toISOString().slice(0, 7);
    const thenEnds = new Date(Date.UTC(year, month - 3, 0)).toISOString().slice(0, 10);
    await inTenant(env.owner, { municipalityId, teamIds: [teamId] }, async (trx) => {
      const loan = await trx
        .selectFrom('item_loans')
        .selectAll()
        .where('team_id', '=', teamId)
        .where('from_date', '=', day(-3))
        .executeTakeFirstOrThrow();
      await trx
        .insertInto('item_loans')
        .values({
          municipality_id: municipalityId,
          id: newId(),
          team_id: teamId,
          item_id: loan.item_id,
          trajectory_id: loan.trajectory_id,
          resident_id: loan.resident_id,
          from_date: `${then}-10`,
          until_date: `${then}-17`,
          returned_on: `${then}-17`,
          note: '',
          created_by: loan.created_by,
        })
        .execute();
    });
    const publicQuery = `from=${then}-01&to=${thenEnds}&neighbourhoodCode=${JEKERKWARTIER}`;
    const internal = (
      await call(env.app, gemeente, 'GET', `/api/v1/reports/monitor?${publicQuery}`)
    ).json<Shown>();
    expect(
      internal.sections
        .find((s) => s.key === 'collective_reach')
        ?.figures.find((f) => f.key === 'helped_collectively')?.value,
    ).toBe(1);
    const pub = (
      await call(env.app, gemeente, 'GET', `/api/v1/reports/public?${publicQuery}`)
    ).json<Shown>();
    const shown = pub.sections.find((s) => s.key === 'collective_reach');
    // 1 resident: below the threshold of 5, so "<5".
    expect(shown?.figures.find((f) => f.key === 'helped_collectively')?.value).toBe('<5');
    const csv = (await call(env.app, gemeente, 'GET', `/api/v1/reports/public.csv?${publicQuery}`))
      .body;
    expect(csv).toContain('Inwoners collectief geholpen (groep of uitleenpool),<5');
  });
});
