// Setting up a real municipality (npm run setup:municipality): what it makes, the first sign-in
// of its administrator, and every refusal changing nothing.
import { sql } from 'kysely';
import { beforeAll, describe, expect, it } from 'vitest';
import { call, createTestEnv, login, type TestEnv } from '../../../test/harness.js';
import {
  SetupError,
  parseSetupArguments,
  setUpMunicipality,
  setupReport,
  type SetupOptions,
  type SetupResult,
} from './setup-municipality.js';

const MAASTRICHT: SetupOptions = {
  name: 'Gemeente Maastricht',
  cbsCode: 'GM0935',
  adminEmail: 'beheer@maastricht.example',
  adminName: 'Anne Beheerder',
};

let env: TestEnv;
let result: SetupResult;

/** Every table the set-up writes, counted as the owner (who sees all tenants). */
async function counts(owner: TestEnv['owner']) {
  const { rows } = await sql<Record<string, number>>`select
      (select count(*)::int from municipalities) as municipalities,
      (select count(*)::int from districts) as districts,
      (select count(*)::int from neighbourhoods) as neighbourhoods,
      (select count(*)::int from staff) as staff,
      (select count(*)::int from credentials) as credentials,
      (select count(*)::int from audit_events) as audit`.execute(owner);
  return rows[0];
}

async function refusal(work: () => unknown): Promise<SetupError> {
  try {
    await work();
  } catch (error) {
    if (error instanceof SetupError) return error;
    throw error;
  }
  throw new Error('expected a SetupError');
}

beforeAll(async () => {
  env = await createTestEnv();
  result = await setUpMunicipality(env.owner, MAASTRICHT);
});

describe('setting up a municipality', () => {
  it('creates the municipality with all its CBS wijken and buurten', async () => {
    // By hand: `grep -c GM0935 server/src/db/reference/cbs-buurten-2024.csv` → 44 buurten,
    // and in cbs-wijken-2024.csv → 7 wijken (WK093500 Centrum up to WK093506).
    expect(result).toMatchObject({ districts: 7, neighbourhoods: 44 });
    const municipality = await env.owner
      .selectFrom('municipalities')
      .selectAll()
      .where('id', '=', result.municipalityId)
      .executeTakeFirstOrThrow();
    expect(municipality).toMatchObject({ code: 'GM0935', name: 'Gemeente Maastricht' });
    const buurten = await env.owner
      .selectFrom('neighbourhoods')
      .select(['code', 'name', 'district_code'])
      .where('municipality_id', '=', result.municipalityId)
      .orderBy('code')
      .execute();
    expect(buurten).toHaveLength(44);
    // The first line of the reference file: BU09350000,Binnenstad,WK093500,...
    expect(buurten[0]).toEqual({
      code: 'BU09350000',
      name: 'Binnenstad',
      district_code: 'WK093500',
    });
    const districts = await env.owner
      .selectFrom('districts')
      .select('code')
      .where('municipality_id', '=', result.municipalityId)
      .execute();
    expect(districts).toHaveLength(7);
    // No demo data: no teams, no organisations, no households.
    const { rows } = await sql<{ n: number }>`select
        (select count(*) from teams) + (select count(*) from organisations)
        + (select count(*) from households) as n`.execute(env.owner);
    expect(Number(rows[0]?.n)).toBe(0);
  });

  it('creates one active administrator with a strong password, stored only as a hash', async () => {
    const admins = await env.owner
      .selectFrom('staff')
      .innerJoin('credentials', (join) =>
        join
          .onRef('credentials.staff_id', '=', 'staff.id')
          .onRef('credentials.municipality_id', '=', 'staff.municipality_id'),
      )
      .select(['staff.id', 'name', 'email', 'role', 'active', 'password_hash'])
      .where('staff.municipality_id', '=', result.municipalityId)
      .execute();
    expect(admins).toHaveLength(1);
    expect(admins[0]).toMatchObject({
      id: result.adminId,
      name: 'Anne Beheerder',
      email: 'beheer@maastricht.example',
      role: 'admin',
      active: true,
    });
    // 18 random bytes in base64url are 24 characters (18 / 3 * 4).
    expect(result.password).toMatch(/^[A-Za-z0-9_-]{24}$/);
    expect(admins[0]?.password_hash).toMatch(/^\$argon2id\$/);
    expect(admins[0]?.password_hash).not.toContain(result.password);
    const audit = await env.owner
      .selectFrom('audit_events')
      .select(['action', 'actor_role', 'actor_id', 'object_id'])
      .where('municipality_id', '=', result.municipalityId)
      .execute();
    expect(audit).toEqual([
      { action: 'staff.create', actor_role: 'system', actor_id: null, object_id: result.adminId },
    ]);
  });

  it('prints the password once in its report', () => {
    const report = setupReport(MAASTRICHT, result);
    expect(report.split(result.password)).toHaveLength(2);
    expect(report).toContain('44 buurten / neighbourhoods');
  });

  it('lets the administrator sign in, first setting up a second factor, then create a team', async () => {
    const first = await env.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { email: MAASTRICHT.adminEmail, password: result.password },
    });
    expect(first.statusCode).toBe(202);
    expect(first.json()).toEqual({ secondFactor: 'enrol' });
    expect(first.cookies.find((c) => c.name === 'sk_session')).toBeUndefined();

    // login() enrols with the first code of a new secret, as the person would.
    const session = await login(env.app, MAASTRICHT.adminEmail, result.password);
    expect(session.user).toMatchObject({ role: 'admin', municipalityId: result.municipalityId });
    const team = await call(env.app, session, 'POST', '/api/v1/teams', {
      name: 'Sociaal Team Noordwest',
      type: 'social',
      neighbourhoodCodes: ['BU09350000'],
    });
    expect(team.statusCode).toBe(201);
  });

  it('refuses a second set-up with the same CBS code and changes nothing', async () => {
    const before = await counts(env.owner);
    const error = await refusal(() =>
      setUpMunicipality(env.owner, { ...MAASTRICHT, adminEmail: 'ander@maastricht.example' }),
    );
    expect(error.option).toBe('cbs-code');
    expect(error.message).toBe(
      '--cbs-code: er bestaat al een gemeente met code GM0935 (Gemeente Maastricht); er is niets veranderd' +
        ' / a municipality with code GM0935 (Gemeente Maastricht) already exists; nothing was changed',
    );
    expect(await counts(env.owner)).toEqual(before);
  });

  it('refuses an administrator e-mail address that already has an account, changing nothing', async () => {
    const before = await counts(env.owner);
    const error = await refusal(() =>
      setUpMunicipality(env.owner, {
        ...MAASTRICHT,
        name: 'Gemeente Utrecht',
        cbsCode: 'GM0344',
        adminEmail: 'BEHEER@maastricht.example',
      }),
    );
    expect(error.option).toBe('admin-email');
    expect(error.reasonNl).toContain('is al in gebruik');
    expect(error.reasonEn).toContain('is already in use');
    expect(await counts(env.owner)).toEqual(before);
  });

  it('refuses a CBS code without shipped reference data, naming the ones there are', async () => {
    const before = await counts(env.owner);
    const error = await refusal(() =>
      setUpMunicipality(env.owner, {
        ...MAASTRICHT,
        name: 'Gemeente Amsterdam',
        cbsCode: 'GM0363',
      }),
    );
    expect(error.option).toBe('cbs-code');
    expect(error.reasonNl).toContain(
      'voor GM0363 zijn geen CBS-buurten meegeleverd (wel voor: GM0344 Utrecht, GM0392 Haarlem, GM0935 Maastricht)',
    );
    expect(error.reasonEn).toContain('no CBS neighbourhoods are shipped for GM0363');
    expect(await counts(env.owner)).toEqual(before);
  });

  it('sets up a second municipality beside the first, each only seeing its own buurten', async () => {
    const haarlem = await setUpMunicipality(env.owner, {
      name: 'Gemeente Haarlem',
      cbsCode: 'GM0392',
      adminEmail: 'beheer@haarlem.example',
      adminName: 'Bas Beheerder',
    });
    // By hand: `grep -c GM0392` → 111 buurten in cbs-buurten-2024.csv, 21 wijken in cbs-wijken-2024.csv.
    expect(haarlem).toMatchObject({ districts: 21, neighbourhoods: 111 });
    const session = await login(env.app, 'beheer@haarlem.example', haarlem.password);
    const list = await call(env.app, session, 'GET', '/api/v1/neighbourhoods');
    expect(list.statusCode).toBe(200);
    expect(list.json<{ items: unknown[] }>().items).toHaveLength(111);
  });
});

describe('the command line options', () => {
  const valid = [
    '--name',
    'Gemeente Maastricht',
    '--cbs-code',
    'GM0935',
    '--admin-email',
    'beheer@maastricht.nl',
    '--admin-name=Naam Beheerder',
  ];

  it('reads all four options, in either form', () => {
    expect(parseSetupArguments(valid)).toEqual({
      name: 'Gemeente Maastricht',
      cbsCode: 'GM0935',
      adminEmail: 'beheer@maastricht.nl',
      adminName: 'Naam Beheerder',
    });
  });

  const without = (option: string) => {
    const i = valid.indexOf(option);
    return [...valid.slice(0, i), ...valid.slice(i + 2)];
  };
  const replaced = (option: string, value: string) =>
    valid.map((arg, i) => (valid[i - 1] === option ? value : arg));

  it.each([
    ['a missing name', without('--name'), 'name', '--name: is verplicht / is required'],
    [
      'a missing CBS code',
      without('--cbs-code'),
      'cbs-code',
      '--cbs-code: is verplicht / is required',
    ],
    [
      'a missing e-mail address',
      without('--admin-email'),
      'admin-email',
      '--admin-email: is verplicht / is required',
    ],
    [
      'a missing administrator name',
      valid.slice(0, -1),
      'admin-name',
      '--admin-name: is verplicht / is required',
    ],
    [
      'a CBS code with three digits',
      replaced('--cbs-code', 'GM935'),
      'cbs-code',
      '--cbs-code: "GM935" is geen CBS-gemeentecode (GM en 4 cijfers, bijvoorbeeld GM0935) / "GM935" is not a CBS municipality code (GM and 4 digits, for example GM0935)',
    ],
    [
      'a CBS wijk code',
      replaced('--cbs-code', 'WK093500'),
      'cbs-code',
      '--cbs-code: "WK093500" is geen CBS-gemeentecode (GM en 4 cijfers, bijvoorbeeld GM0935) / "WK093500" is not a CBS municipality code (GM and 4 digits, for example GM0935)',
    ],
    [
      'an e-mail address without a domain',
      replaced('--admin-email', 'beheer@'),
      'admin-email',
      '--admin-email: "beheer@" is geen geldig e-mailadres / "beheer@" is not a valid e-mail address',
    ],
    ['an empty name', replaced('--name', '   '), 'name', '--name: is verplicht / is required'],
  ])('refuses %s, naming the option', (_case, argv, option, message) => {
    let error: unknown;
    try {
      parseSetupArguments(argv);
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(SetupError);
    expect((error as SetupError).option).toBe(option);
    expect((error as SetupError).message).toBe(message);
  });

  it('refuses an option it does not know, naming it', () => {
    expect(() => parseSetupArguments([...valid, '--team', 'Noordwest'])).toThrow(
      /^--team: onbekende of onvolledige optie .* \/ unknown or incomplete option/,
    );
  });

  it('refuses an option without its value', () => {
    expect(() => parseSetupArguments([...without('--admin-email'), '--admin-email'])).toThrow(
      /^--admin-email: onbekende of onvolledige optie/,
    );
  });
});
