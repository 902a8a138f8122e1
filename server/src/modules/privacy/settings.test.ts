// The privacy settings: defaults until saved, only the privacy officer, 409 on a stale version,
// and the retention list follows the periods saved here.
import { beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { call, createDemoEnv, login, type Session, type TestEnv } from '../../../test/harness.js';
import { newId } from '../../platform/ids.js';
import { todayInAmsterdam } from '../../platform/dates.js';

let env: TestEnv;
let officer: Session;
let municipalityId: string;
const files: Record<string, string> = {};

interface Problem {
  invalidParams?: { name: string; reason: string; reasonNl: string }[];
}

/** A household with one member born on `born`, its only trajectory closed on `closedOn`. */
async function closedFile(name: string, born: string, closedOn: string, worker: Session) {
  const householdId = newId();
  await sql`insert into households (municipality_id, id, team_id, postcode, house_number, street, city)
            values (${municipalityId}, ${householdId}, ${worker.user.teamIds[0] ?? ''}, '6217AB', 3, 'Instellingenstraat', 'Maastricht')`.execute(
    env.owner,
  );
  await sql`insert into residents (municipality_id, id, household_id, given_name, family_name, birth_date)
            values (${municipalityId}, ${newId()}, ${householdId}, ${name}, 'Termijn', ${born}::date)`.execute(
    env.owner,
  );
  await sql`insert into trajectories (municipality_id, id, household_id, team_id, coordinator_id, status, outcome, opened_at, closed_at)
            values (${municipalityId}, ${newId()}, ${householdId}, ${worker.user.teamIds[0] ?? ''}, ${worker.user.id}, 'closed', 'goals_achieved',
                    ${closedOn}::date - 100, (${closedOn} || ' 12:00')::timestamp at time zone 'Europe/Amsterdam')`.execute(
    env.owner,
  );
  files[name] = householdId;
}

const pastRetention = async () =>
  (await call(env.app, officer, 'GET', '/api/v1/privacy/retention'))
    .json<{ items: { householdId: string; dueOn: string }[] }>()
    .items.filter((item) => Object.values(files).includes(item.householdId));

const valid = {
  officeHoursStart: 8,
  officeHoursEnd: 18,
  manyHouseholdsThreshold: 12,
  wmoRetentionYears: 10,
  youthRetentionYears: 15,
};

beforeAll(async () => {
  env = await createDemoEnv();
  officer = await login(env.app, 'privacy@maastricht.demo');
  municipalityId = officer.user.municipalityId;
  const worker = await login(env.app, 'worker@maastricht.demo');
  // Today is later than 2025-01-01 and earlier than 2029-01-01 while these tests live.
  expect(todayInAmsterdam() > '2025-01-01' && todayInAmsterdam() < '2029-01-01').toBe(true);
  // Wmo: 1950 is 64 at closure. 15 years: due 2029-01-01 (not yet); 10 years: 2024-01-01 (past).
  await closedFile('Wmo', '1950-01-01', '2014-01-01', worker);
  // Youth: born 2005, 5 at closure. 20 years: due 2030-01-01; 15 years: 2025-01-01 (past).
  await closedFile('Youth', '2005-01-01', '2010-01-01', worker);
});

describe('privacy settings', () => {
  it('are the defaults (version 0) until saved, for the privacy officer only', async () => {
    const response = await call(env.app, officer, 'GET', '/api/v1/privacy/settings');
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({
      officeHoursStart: 7,
      officeHoursEnd: 19,
      manyHouseholdsThreshold: 20,
      wmoRetentionYears: 15,
      youthRetentionYears: 20,
      version: 0,
    });
    const worker = await login(env.app, 'worker@maastricht.demo');
    // admin@ is an admin without the privacy duty.
    const admin = await login(env.app, 'admin@maastricht.demo');
    for (const who of [worker, admin]) {
      expect((await call(env.app, who, 'GET', '/api/v1/privacy/settings')).statusCode).toBe(403);
      expect(
        (await call(env.app, who, 'PUT', '/api/v1/privacy/settings', { ...valid, version: 0 }))
          .statusCode,
      ).toBe(403);
    }
    // With the defaults neither file is past retention yet.
    expect(await pastRetention()).toEqual([]);
  });

  it('refuses bad values with the field named, in Dutch and English', async () => {
    const backwards = await call(env.app, officer, 'PUT', '/api/v1/privacy/settings', {
      ...valid,
      officeHoursStart: 18,
      officeHoursEnd: 9,
      version: 0,
    });
    expect(backwards.statusCode).toBe(400);
    expect(backwards.json<Problem>().invalidParams).toEqual([
      {
        name: 'officeHoursEnd',
        reason: 'must be later than the start of office hours',
        reasonNl: 'moet later zijn dan het begin van de kantoortijden',
      },
    ]);
    const zero = await call(env.app, officer, 'PUT', '/api/v1/privacy/settings', {
      ...valid,
      wmoRetentionYears: 0,
      version: 0,
    });
    expect(zero.statusCode).toBe(400);
    const params = zero.json<Problem>().invalidParams ?? [];
    expect(params.map((p) => p.name)).toEqual(['wmoRetentionYears']);
    expect(params[0]?.reasonNl).toBeTruthy();
    const unknown = await call(env.app, officer, 'PUT', '/api/v1/privacy/settings', {
      ...valid,
      version: 0,
      retentionYears: 5,
    });
    expect(unknown.statusCode).toBe(400);
  });

  it('saves, and the retention list follows the new periods', async () => {
    const saved = await call(env.app, officer, 'PUT', '/api/v1/privacy/settings', {
      ...valid,
      version: 0,
    });
    expect(saved.statusCode).toBe(200);
    expect(saved.json()).toEqual({ ...valid, version: 1 });
    expect((await call(env.app, officer, 'GET', '/api/v1/privacy/settings')).json()).toEqual({
      ...valid,
      version: 1,
    });
    // Wmo closed 2014-01-01 + 10 = 2024-01-01; youth closed 2010-01-01 + 15 = 2025-01-01.
    const due = Object.fromEntries((await pastRetention()).map((i) => [i.householdId, i.dueOn]));
    expect(due).toEqual({ [files.Wmo ?? '']: '2024-01-01', [files.Youth ?? '']: '2025-01-01' });

    // Audited as a settings change, naming what changed (15→10 and 20→15 among others).
    const { rows } = await sql<{ reason: string; actor_id: string }>`
      select reason, actor_id from audit_events where action = 'privacy_settings.update'`.execute(
      env.owner,
    );
    expect(rows).toHaveLength(1);
    expect(rows[0]?.actor_id).toBe(officer.user.id);
    expect(rows[0]?.reason).toBe(
      'officeHoursStart 7→8, officeHoursEnd 19→18, manyHouseholdsThreshold 20→12, wmoRetentionYears 15→10, youthRetentionYears 20→15',
    );
  });

  it('answers 409 on a stale version and keeps the newer values', async () => {
    const stale = await call(env.app, officer, 'PUT', '/api/v1/privacy/settings', {
      ...valid,
      wmoRetentionYears: 30,
      version: 0,
    });
    expect(stale.statusCode).toBe(409);
    const back = await call(env.app, officer, 'PUT', '/api/v1/privacy/settings', {
      ...valid,
      wmoRetentionYears: 15,
      version: 1,
    });
    expect(back.json()).toMatchObject({ wmoRetentionYears: 15, version: 2 });
    // Back to 15 years for Wmo: 2014-01-01 + 15 = 2029-01-01, not past; youth still 2025-01-01.
    expect((await pastRetention()).map((i) => i.householdId)).toEqual([files.Youth]);
    expect(
      (await call(env.app, officer, 'PUT', '/api/v1/privacy/settings', { ...valid, version: 1 }))
        .statusCode,
    ).toBe(409);
  });
});
