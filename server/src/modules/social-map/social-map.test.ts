import { beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { call, createDemoEnv, login, type Session, type TestEnv } from '../../../test/harness.js';
import { createStaffMember } from '../../../test/factories.js';

let env: TestEnv;
let worker: Session;
let teamlead: Session;
let worker2: Session;
let trajectoryId: string;

beforeAll(async () => {
  env = await createDemoEnv();
  worker = await login(env.app, 'worker@maastricht.demo');
  teamlead = await login(env.app, 'teamlead@maastricht.demo');
  worker2 = await login(env.app, 'worker2@maastricht.demo');
  const created = await call(env.app, worker, 'POST', '/api/v1/registrations', {
    teamId: worker.user.teamIds[0],
    source: 'self',
    receivedAt: new Date(Date.now() - 3_600_000).toISOString(),
    question: 'Eenzaam en de administratie loopt vast',
    resident: {
      givenName: 'Wilhelmina',
      familyName: 'Kusters',
      address: { postcode: '6216 AB', houseNumber: 77 },
      neighbourhoodCode: 'BU09350205',
    },
  });
  // Triage follows the first contact.
  await call(
    env.app,
    worker,
    'POST',
    `/api/v1/registrations/${created.json<{ id: string }>().id}/first-contact`,
    {
      at: new Date().toISOString(),
      kind: 'home_visit',
    },
  );
  const triage = await call(
    env.app,
    worker,
    'POST',
    `/api/v1/registrations/${created.json<{ id: string }>().id}/triage`,
    { outcome: 'multiple_problems' },
  );
  trajectoryId = triage.json<{ trajectoryId: string }>().trajectoryId;
});

describe('the social map', () => {
  it('is kept by the teams and searchable by life domain and buurt', async () => {
    const created = await call(env.app, worker, 'POST', '/api/v1/social-map', {
      kind: 'collective_provision',
      name: 'Thuisadministratie-uur De Kommel',
      offers: 'Hulp bij post, formulieren en toeslagen, zonder afspraak',
      forWhom: 'Iedereen uit Caberg en Malpertuis',
      neighbourhoodCode: 'BU09350205',
      lifeDomains: ['finances'],
      when: 'Dinsdag 9.30-11.30',
      capacity: 12,
      contact: {
        name: 'Buurthuis Caberg',
        phone: '043 000 0000',
        email: 'info@buurthuiscaberg.demo',
      },
    });
    expect(created.statusCode).toBe(201);
    await call(env.app, worker, 'POST', '/api/v1/social-map', {
      kind: 'day_activity',
      name: 'Wandelclub Oost',
      offers: 'Wekelijks wandelen',
      neighbourhoodCode: 'BU09350400',
      lifeDomains: ['social_network'],
    });
    const finances = (
      await call(
        env.app,
        worker2,
        'GET',
        '/api/v1/social-map?lifeDomain=finances&neighbourhoodCode=BU09350205',
      )
    ).json<{ items: { name: string }[] }>().items;
    expect(finances.map((e) => e.name)).toContain('Thuisadministratie-uur De Kommel');
    expect(finances.map((e) => e.name)).not.toContain('Wandelclub Oost');
    const search = (await call(env.app, worker, 'GET', '/api/v1/social-map?q=wandel')).json<{
      items: { name: string }[];
    }>().items;
    expect(search.map((e) => e.name)).toEqual(['Wandelclub Oost']);
  });

  it('changes only the fields a PATCH names', async () => {
    const created = await call(env.app, worker, 'POST', '/api/v1/social-map', {
      kind: 'neighbourhood_initiative',
      name: 'Buurtkamer Malpertuis',
      offers: 'Koffie en een praatje',
      forWhom: 'Iedereen',
      neighbourhoodCode: 'BU09350204',
      lifeDomains: ['social_network'],
      when: 'Vrijdagmiddag',
      capacity: 20,
      contact: { name: 'Ans', phone: '043 000 0001', email: 'ans@buurtkamer.demo' },
    });
    expect(created.statusCode, created.body).toBe(201);
    const entry = created.json<{ id: string; version: number }>();
    const changed = await call(env.app, worker, 'PATCH', `/api/v1/social-map/${entry.id}`, {
      version: entry.version,
      active: false,
    });
    expect(changed.statusCode, changed.body).toBe(200);
    expect(changed.json()).toMatchObject({
      active: false,
      forWhom: 'Iedereen',
      neighbourhoodCode: 'BU09350204',
      lifeDomains: ['social_network'],
      when: 'Vrijdagmiddag',
      capacity: 20,
      contact: { name: 'Ans', phone: '043 000 0001', email: 'ans@buurtkamer.demo' },
    });
  });

  it('answers a name already on the map (in other capitals) with a conflict naming the field', async () => {
    const entry = (name: string) => ({
      kind: 'neighbourhood_initiative',
      name,
      offers: 'Koffie en een praatje',
      neighbourhoodCode: 'BU09350204',
      lifeDomains: ['social_network'],
    });
    const first = await call(
      env.app,
      worker,
      'POST',
      '/api/v1/social-map',
      entry('Koffieochtend Wittevrouwenveld'),
    );
    expect(first.statusCode, first.body).toBe(201);
    const before = (await call(env.app, worker, 'GET', '/api/v1/social-map?q=koffieochtend')).json<{
      items: unknown[];
    }>().items.length;
    const again = await call(
      env.app,
      worker,
      'POST',
      '/api/v1/social-map',
      entry('koffieochtend WITTEVROUWENVELD'),
    );
    expect(again.statusCode).toBe(409);
    expect(again.json()).toMatchObject({
      code: 'conflict',
      invalidParams: [
        {
          name: 'name',
          reason: 'is already in use (capitals do not count)',
          reasonNl: 'is al in gebruik (hoofdletters tellen niet mee)',
        },
      ],
    });
    // A rename onto the taken name is refused the same way.
    const other = (
      await call(
        env.app,
        worker,
        'POST',
        '/api/v1/social-map',
        entry('Soepmiddag Wittevrouwenveld'),
      )
    ).json<{ id: string; version: number }>();
    const renamed = await call(env.app, worker, 'PATCH', `/api/v1/social-map/${other.id}`, {
      version: other.version,
      name: 'Koffieochtend wittevrouwenveld',
    });
    expect(renamed.statusCode).toBe(409);
    expect(renamed.json<{ invalidParams: { name: string }[] }>().invalidParams).toEqual([
      expect.objectContaining({ name: 'name' }),
    ]);
    const after = (await call(env.app, worker, 'GET', '/api/v1/social-map?q=koffieochtend')).json<{
      items: unknown[];
    }>().items.length;
    expect(after).toBe(before);
  });

  it('imports a CSV, skipping duplicates and naming bad lines', async () => {
    const csv = [
      'kind,name,offers,forWhom,neighbourhoodCode,lifeDomains,when,capacity,contactName,contactPhone,contactEmail',
      'day_activity,Kaartclub Malpertuis,Kaarten en een praatje,Ouderen,BU09350204,social_network|participation,Woensdag 10.00,20,Ans,,',
      'day_activity,Kaartclub Malpertuis,Dubbel,,,,,,,,',
      'bingo,Bingo,Bingo,,,,,,,,',
      'collective_provision,Scootmobielpool,Scootmobiel lenen,,BU99999999,,,,,,',
    ].join('\n');
    const response = await env.app.inject({
      method: 'POST',
      url: '/api/v1/social-map/imports',
      headers: {
        cookie: teamlead.cookie,
        'x-csrf-token': teamlead.csrfToken,
        'content-type': 'text/csv',
      },
      payload: csv,
    });
    expect(response.statusCode).toBe(201);
    expect(response.json()).toMatchObject({
      lines: 4,
      imported: 1,
      duplicates: 1,
      rejected: [{ line: 4 }, { line: 5 }],
    });
  });

  it("checks each line by the entry form's rules: a bad line is refused with its number, the rest imported", async () => {
    const long = 'N'.repeat(201);
    const csv = [
      'kind,name,offers,forWhom,neighbourhoodCode,lifeDomains,when,capacity,contactName,contactPhone,contactEmail',
      'day_activity,Koor Caberg,Samen zingen,,BU09350205,social_network|financien,,,,,',
      `day_activity,${long},Te lange naam,,,,,,,,`,
      'day_activity,Repair Café Malberg,Samen repareren,,,daily_activities,,,,,niet-een-adres',
      `day_activity,Schaakclub,${'o'.repeat(2001)},,,,,,,,`,
      'day_activity,Taalcafé,Nederlands oefenen,,,,,1.5,,,',
      'day_activity,Buurtmoestuin Malberg,Samen tuinieren,Iedereen,BU09350205,social_network|participation,Zaterdag,15,Ans,043 000 0000,tuin@buurt.demo',
    ].join('\n');
    const response = await env.app.inject({
      method: 'POST',
      url: '/api/v1/social-map/imports',
      headers: {
        cookie: teamlead.cookie,
        'x-csrf-token': teamlead.csrfToken,
        'content-type': 'text/csv',
      },
      payload: csv,
    });
    expect(response.statusCode, response.body).toBe(201);
    const result = response.json<{
      lines: number;
      imported: number;
      rejected: { line: number; reason: string; reasonNl: string }[];
    }>();
    expect(result).toMatchObject({ lines: 6, imported: 1, duplicates: 0 });
    expect(result.rejected.map((r) => [r.line, r.reason.split(':')[0]])).toEqual([
      [2, 'lifeDomains (financien)'],
      [3, 'name'],
      [4, 'contactEmail'],
      [5, 'offers'],
      [6, 'capacity'],
    ]);
    expect(result.rejected[1]).toMatchObject({
      reason: 'name: must be at most 200 characters',
      reasonNl: 'name: mag hoogstens 200 tekens lang zijn',
    });
    expect(result.rejected[0]?.reasonNl).toContain('moet een van deze waarden zijn: finances');
    const imported = (
      await call(env.app, worker, 'GET', '/api/v1/social-map?q=buurtmoestuin')
    ).json<{ items: { name: string; lifeDomains: string[] }[] }>().items;
    expect(imported).toEqual([
      expect.objectContaining({
        name: 'Buurtmoestuin Malberg',
        lifeDomains: ['social_network', 'participation'],
      }),
    ]);
    const { rows } = await sql<{ n: number }>`select count(*)::int as n from social_map_entries
      where name in ('Koor Caberg', 'Repair Café Malberg', 'Schaakclub', 'Taalcafé')`.execute(
      env.owner,
    );
    expect(rows[0]?.n).toBe(0);
  });

  it('refuses a line with a NUL character (the database cannot store it), naming the column, and imports the rest', async () => {
    const csv = [
      'kind,name,offers',
      'day_activity,Zangkoor\u0000 Caberg,Samen zingen',
      'day_activity,Breiclub Caberg,Samen\u0000 breien',
      'day_activity,Wandelclub Caberg,Samen wandelen',
    ].join('\n');
    const response = await env.app.inject({
      method: 'POST',
      url: '/api/v1/social-map/imports',
      headers: {
        cookie: teamlead.cookie,
        'x-csrf-token': teamlead.csrfToken,
        'content-type': 'text/csv',
      },
      payload: csv,
    });
    expect(response.statusCode, response.body).toBe(201);
    expect(response.json()).toMatchObject({
      lines: 3,
      imported: 1,
      rejected: [
        {
          line: 2,
          reason: 'name: may not contain a NUL character',
          reasonNl: 'name: mag geen NUL-teken bevatten',
        },
        { line: 3, reason: 'offers: may not contain a NUL character' },
      ],
    });
  });
});

describe('volunteers', () => {
  let anja: string;

  it('are matched to a plan request by skill, buurt and time, with a valid VOG', async () => {
    const add = (body: Record<string, unknown>) =>
      call(env.app, teamlead, 'POST', '/api/v1/volunteers', body);
    anja = (
      await add({
        name: 'Anja',
        skills: ['administratie', 'gezelschap'],
        neighbourhoodCodes: ['BU09350205'],
        availability: ['di-ochtend'],
        vogCheckedOn: '2026-01-15',
      })
    ).json<{ id: string }>().id;
    await add({
      name: 'Bert',
      skills: ['administratie'],
      neighbourhoodCodes: ['BU09350400'],
      availability: ['di-ochtend', 'do-ochtend'],
      vogCheckedOn: '2025-03-01',
    });
    await add({ name: 'Eef', skills: ['administratie', 'gezelschap'], vogCheckedOn: '2020-01-01' });
    expect(
      (await call(env.app, worker, 'POST', '/api/v1/volunteers', { name: 'X' })).statusCode,
    ).toBe(403);
    const ranked = (
      await call(env.app, worker, 'POST', '/api/v1/volunteers/matches/search', {
        trajectoryId,
        skills: ['administratie', 'gezelschap'],
        availability: ['di-ochtend', 'do-ochtend'],
      })
    ).json<{ items: { name: string; score: number }[] }>().items;
    // Anja: 2 skills (6) + Caberg (2) + 1 slot = 9; Bert: 1 skill (3) + 2 slots = 5; Eef's VOG is too old.
    // (The demo pool has volunteers too; Anja, Bert and Eef are this test's own.)
    expect(
      ranked.filter((c) => ['Anja', 'Bert', 'Eef'].includes(c.name)).map((c) => [c.name, c.score]),
    ).toEqual([
      ['Anja', 9],
      ['Bert', 5],
    ]);
  });

  it('shows the volunteer only their task: a first name, what, where and when', async () => {
    const account = await createStaffMember(env.owner, worker.user.municipalityId, {
      role: 'volunteer',
      email: 'anja@vrijwilligers.demo',
    });
    const { rows } = await sql<{
      version: number;
    }>`select version from volunteers where id = ${anja}::uuid`.execute(env.owner);
    await call(env.app, teamlead, 'PATCH', `/api/v1/volunteers/${anja}`, {
      version: rows[0]?.version ?? 1,
      staffId: account.id,
    });
    const match = await call(
      env.app,
      worker,
      'POST',
      `/api/v1/trajectories/${trajectoryId}/volunteer-matches`,
      {
        volunteerId: anja,
        task: 'Samen de post doornemen',
        where: 'Bij mevrouw thuis in Caberg',
        when: 'Dinsdagochtend, wekelijks',
        followUpOn: '2026-12-15',
      },
    );
    expect(match.statusCode).toBe(201);
    const volunteer = await login(env.app, account.email, account.password);
    const tasks = await call(env.app, volunteer, 'GET', '/api/v1/volunteer/tasks');
    expect(tasks.json()).toEqual({
      items: [
        {
          id: match.json<{ id: string }>().id,
          residentFirstName: 'Wilhelmina',
          task: 'Samen de post doornemen',
          where: 'Bij mevrouw thuis in Caberg',
          when: 'Dinsdagochtend, wekelijks',
        },
      ],
      nextCursor: null,
    });
    expect(tasks.body).not.toContain('Kusters');
    expect(
      (await call(env.app, volunteer, 'GET', `/api/v1/trajectories/${trajectoryId}`)).statusCode,
    ).toBe(403);
    expect((await call(env.app, volunteer, 'GET', '/api/v1/households')).statusCode).toBe(403);
    // Ended: the task disappears from the volunteer's list.
    await call(
      env.app,
      worker,
      'POST',
      `/api/v1/volunteer-matches/${match.json<{ id: string }>().id}/end`,
      { outcome: 'Post is op orde' },
    );
    expect((await call(env.app, volunteer, 'GET', '/api/v1/volunteer/tasks')).json()).toEqual({
      items: [],
      nextCursor: null,
    });
  });

  it("keeps another team's trajectory out of matching (404)", async () => {
    const response = await call(env.app, worker2, 'POST', '/api/v1/volunteers/matches/search', {
      trajectoryId,
      skills: ['administratie'],
    });
    expect(response.statusCode).toBe(404);
  });
});
