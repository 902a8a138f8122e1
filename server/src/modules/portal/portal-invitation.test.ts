// An invitation code opens a new portal account, never an existing one: a code cannot take over
// a resident's account (and skip their extra sign-in code), a new invitation voids the earlier
// unused ones, and an account that was turned off is opened again like a first activation.
import { createHash } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { call, createDemoEnv, login, type Session, type TestEnv } from '../../../test/harness.js';
import { base32Decode, totpAt } from '../../platform/totp.js';

let env: TestEnv;
let worker: Session;

const PASSWORD = 'mijn-eigen-wachtwoord';

type Problem = {
  detail: string;
  detailNl: string;
  invalidParams: { name: string; reason: string; reasonNl: string }[];
};

const activate = (code: string, loginName: string, password = PASSWORD) =>
  env.app.inject({
    method: 'POST',
    url: '/api/v1/portal/activate',
    payload: { code, loginName, password },
  });

const signIn = (loginName: string, password = PASSWORD) =>
  env.app.inject({ method: 'POST', url: '/api/v1/portal/login', payload: { loginName, password } });

const invite = (residentId: string) =>
  call(env.app, worker, 'POST', '/api/v1/portal/invitations', { residentId });

function asResident(response: {
  cookies: { name: string; value: string }[];
  json: <T>() => T;
}): Session {
  const cookie = response.cookies.find((c) => c.name === 'sk_session');
  const body = response.json<{ csrfToken: string; user: Session['user'] }>();
  return { cookie: `sk_session=${cookie?.value}`, csrfToken: body.csrfToken, user: body.user };
}

async function newResident(givenName: string, familyName: string): Promise<string> {
  const created = await call(env.app, worker, 'POST', '/api/v1/registrations', {
    teamId: worker.user.teamIds[0],
    source: 'self',
    receivedAt: new Date(Date.now() - 86_400_000).toISOString(),
    question: 'Hulp bij de administratie',
    resident: { givenName, familyName, birthDate: '1971-05-05' },
  });
  expect(created.statusCode, created.body).toBe(201);
  return created.json<{ residentId: string }>().residentId;
}

async function account(residentId: string) {
  const { rows } = await sql<{ login_name: string; password_hash: string; active: boolean }>`
    select login_name, password_hash, active from resident_accounts
     where resident_id = ${residentId}::uuid`.execute(env.owner);
  return rows[0];
}

beforeAll(async () => {
  env = await createDemoEnv();
  worker = await login(env.app, 'worker@maastricht.demo');
});

describe('a new invitation', () => {
  it('voids the earlier unused codes of that resident', async () => {
    const residentId = await newResident('Twee', 'Codes');
    const first = (await invite(residentId)).json<{ code: string }>().code;
    const second = (await invite(residentId)).json<{ code: string }>().code;
    const old = await activate(first, 'twee.codes.oud');
    expect(old.statusCode).toBe(400);
    expect(old.json<Problem>().invalidParams.map((p) => p.name)).toEqual(['code']);
    expect(await account(residentId)).toBeUndefined();
    expect((await activate(second, 'twee.codes')).statusCode).toBe(200);
  });

  it('is refused for a resident who already has a portal account (409 naming residentId)', async () => {
    const residentId = await newResident('Al', 'Binnen');
    const code = (await invite(residentId)).json<{ code: string }>().code;
    expect((await activate(code, 'al.binnen')).statusCode).toBe(200);
    const count = async () =>
      (
        await sql<{ n: number }>`select count(*)::int as n from resident_invitations
          where resident_id = ${residentId}::uuid`.execute(env.owner)
      ).rows[0]?.n;
    const before = await count();
    const again = await invite(residentId);
    expect(again.statusCode).toBe(409);
    const problem = again.json<Problem>();
    expect(problem.invalidParams.map((p) => p.name)).toEqual(['residentId']);
    expect(problem.invalidParams[0]?.reasonNl).toContain('portaalaccount');
    expect(problem.invalidParams[0]?.reason).toContain('portal account');
    expect(await count()).toBe(before);
  });
});

describe('a code for a resident who already has an account', () => {
  let residentId: string;
  let resident: Session;
  let secret: Buffer;
  // A code that was still valid when the account was made: made before new invitations voided
  // the earlier ones, or found on paper. Stored here as the invitation route stores it.
  const LEFT_OVER = 'ABCD-EFGH-JKMN';

  beforeAll(async () => {
    residentId = await newResident('Eigen', 'Account');
    const code = (await invite(residentId)).json<{ code: string }>().code;
    const activated = await activate(code, 'eigen.account');
    expect(activated.statusCode).toBe(200);
    resident = asResident(activated);
    // The resident turned the extra sign-in code on.
    const enrolment = await call(
      env.app,
      resident,
      'POST',
      '/api/v1/portal/second-factor/enrolment',
    );
    secret = base32Decode(enrolment.json<{ secret: string }>().secret);
    const confirmed = await call(
      env.app,
      resident,
      'POST',
      '/api/v1/portal/second-factor/enrolment/confirm',
      { code: totpAt(secret, Date.now()) },
    );
    expect(confirmed.statusCode).toBe(200);
    const hash = createHash('sha256')
      .update(`invite:${LEFT_OVER.replace(/-/g, '')}`)
      .digest('hex');
    await sql`
      insert into resident_invitations
        (municipality_id, id, team_id, resident_id, code_hash, created_by, expires_at)
      select r.municipality_id, gen_random_uuid(), h.team_id, r.id, ${hash}, ${worker.user.id}::uuid,
             now() + interval '3 days'
        from residents r join households h on h.municipality_id = r.municipality_id and h.id = r.household_id
       where r.id = ${residentId}::uuid`.execute(env.owner);
  });

  it('is refused with 409 naming code, and changes nothing: login, password, extra code, session', async () => {
    const before = await account(residentId);
    const takeover = await activate(LEFT_OVER, 'iemand.anders', 'een-ander-wachtwoord');
    expect(takeover.statusCode).toBe(409);
    expect(takeover.cookies.find((c) => c.name === 'sk_session')).toBeUndefined();
    const problem = takeover.json<Problem>();
    expect(problem.invalidParams.map((p) => p.name)).toEqual(['code']);
    expect(problem.invalidParams[0]?.reasonNl).toContain('portaalaccount');
    expect(problem.invalidParams[0]?.reason).toContain('portal account');

    expect(await account(residentId)).toEqual(before);
    // The code stays unused (nothing happened), the resident's own sign-in still asks the extra
    // code, the other login name does not exist, and the resident's session still works.
    const { rows } = await sql<{ used_at: Date | null }>`
      select used_at from resident_invitations where resident_id = ${residentId}::uuid
       order by created_at desc limit 1`.execute(env.owner);
    expect(rows[0]?.used_at).toBeNull();
    expect((await signIn('eigen.account')).statusCode).toBe(202);
    expect((await signIn('iemand.anders', 'een-ander-wachtwoord')).statusCode).toBe(401);
    expect((await call(env.app, resident, 'GET', '/api/v1/portal/me')).statusCode).toBe(200);
    const { rows: audited } = await sql<{ n: number }>`
      select count(*)::int as n from audit_events
       where action = 'portal.activate' and resident_id = ${residentId}::uuid`.execute(env.owner);
    expect(audited[0]?.n).toBe(1);
  });
});

describe('an account that was turned off', () => {
  it('is opened again by a new invitation like a first activation: new password, no old sessions, no old extra code', async () => {
    const residentId = await newResident('Weer', 'Aan');
    const first = (await invite(residentId)).json<{ code: string }>().code;
    const activated = await activate(first, 'weer.aan');
    expect(activated.statusCode).toBe(200);
    const oldSession = asResident(activated);
    const enrolment = await call(
      env.app,
      oldSession,
      'POST',
      '/api/v1/portal/second-factor/enrolment',
    );
    const secret = base32Decode(enrolment.json<{ secret: string }>().secret);
    expect(
      (
        await call(env.app, oldSession, 'POST', '/api/v1/portal/second-factor/enrolment/confirm', {
          code: totpAt(secret, Date.now()),
        })
      ).statusCode,
    ).toBe(200);

    // Turned off, as an erasure does (and a worker's deactivation would): the account is kept.
    await sql`update resident_accounts set active = false where resident_id = ${residentId}::uuid`.execute(
      env.owner,
    );
    expect((await call(env.app, oldSession, 'GET', '/api/v1/portal/me')).statusCode).toBe(401);

    const code = (await invite(residentId)).json<{ code: string }>().code;
    // The resident may keep their login name: it is their own.
    const again = await activate(code, 'weer.aan', 'een-nieuw-wachtwoord');
    expect(again.statusCode, again.body).toBe(200);
    expect((await account(residentId))?.active).toBe(true);
    // The session from before the account was turned off does not come back to life.
    expect((await call(env.app, oldSession, 'GET', '/api/v1/portal/me')).statusCode).toBe(401);
    expect((await signIn('weer.aan')).statusCode).toBe(401);
    // As after a first activation: the password alone, and the extra code is the resident's choice.
    const signedIn = await signIn('weer.aan', 'een-nieuw-wachtwoord');
    expect(signedIn.statusCode).toBe(200);
    const status = await call(env.app, asResident(signedIn), 'GET', '/api/v1/portal/second-factor');
    expect(status.json()).toEqual({ enrolled: false, required: false });
  });
});

describe('a resident who forgot their password', () => {
  it("has their account turned off by the household's own team (audited), and is invited again", async () => {
    const residentId = await newResident('Wachtwoord', 'Vergeten');
    const first = (await invite(residentId)).json<{ code: string }>().code;
    const activated = await activate(first, 'wachtwoord.vergeten');
    expect(activated.statusCode).toBe(200);
    const oldSession = asResident(activated);
    const deactivate = (who: Session) =>
      call(env.app, who, 'POST', `/api/v1/portal/residents/${residentId}/account/deactivation`);

    // Another team: not their household (404), and nothing changes.
    const other = await login(env.app, 'worker2@maastricht.demo');
    expect((await deactivate(other)).statusCode).toBe(404);
    expect((await call(env.app, oldSession, 'GET', '/api/v1/portal/me')).statusCode).toBe(200);

    const off = await deactivate(worker);
    expect(off.statusCode).toBe(200);
    expect(off.json()).toEqual({ wasActive: true });
    expect((await call(env.app, oldSession, 'GET', '/api/v1/portal/me')).statusCode).toBe(401);
    expect((await signIn('wachtwoord.vergeten')).statusCode).toBe(401);
    expect((await deactivate(worker)).json()).toEqual({ wasActive: false });

    const code = (await invite(residentId)).json<{ code: string }>().code;
    const again = await activate(code, 'wachtwoord.vergeten', 'een-nieuw-wachtwoord');
    expect(again.statusCode, again.body).toBe(200);
    const log = (await call(env.app, asResident(again), 'GET', '/api/v1/portal/access-log')).json<{
      items: { action: string; what: string; who: string }[];
    }>().items;
    expect(log).toContainEqual(
      expect.objectContaining({
        action: 'portal.deactivate',
        what: 'zette uw portaalaccount uit',
        who: worker.user.name,
      }),
    );
    const { rows } = await sql<{ actor_id: string; reason: string | null }>`
      select actor_id, reason from audit_events
       where action = 'portal.deactivate' and resident_id = ${residentId}::uuid
       order by at, id`.execute(env.owner);
    expect(rows).toEqual([
      { actor_id: worker.user.id, reason: null },
      { actor_id: worker.user.id, reason: 'was not active' },
    ]);
  });
});

describe('an erased household', () => {
  /** The resident's file closed (owner SQL: advice given), erased by the privacy officer. */
  async function erase(residentId: string) {
    await sql`update registrations set status = 'triaged', triage_outcome = 'advice_only',
        first_contact_at = received_at, first_contact_kind = 'phone', triaged_at = now()
      where resident_id = ${residentId}::uuid`.execute(env.owner);
    const officer = await login(env.app, 'privacy@maastricht.demo');
    const requested = await call(env.app, officer, 'POST', '/api/v1/privacy/erasures', {
      residentId,
    });
    expect(requested.statusCode, requested.body).toBe(201);
    const erased = await call(
      env.app,
      officer,
      'POST',
      `/api/v1/privacy/erasures/${requested.json<{ id: string }>().id}/erase`,
      { version: 1 },
    );
    expect(erased.statusCode, erased.body).toBe(200);
  }

  it('voids a code handed out before the erasure: it opens no portal (400 naming code)', async () => {
    const residentId = await newResident('Code', 'Vooraf');
    const code = (await invite(residentId)).json<{ code: string }>().code;
    await erase(residentId);

    const activated = await activate(code, 'code.vooraf');
    expect(activated.statusCode, activated.body).toBe(400);
    expect(activated.json<Problem>().invalidParams.map((p) => p.name)).toEqual(['code']);
    expect(activated.cookies.find((c) => c.name === 'sk_session')).toBeUndefined();
    expect((await account(residentId))?.active ?? false).toBe(false);
    expect((await signIn('code.vooraf')).statusCode).toBe(401);
  });

  it('opens no portal even with a code still valid, and turns a turned-off account on never again', async () => {
    const residentId = await newResident('Eerder', 'Actief');
    const first = (await invite(residentId)).json<{ code: string }>().code;
    expect((await activate(first, 'eerder.actief')).statusCode).toBe(200);
    // A worker turns the account off (password forgotten) and hands out a new code; then the
    // household is erased before the resident uses it.
    await call(
      env.app,
      worker,
      'POST',
      `/api/v1/portal/residents/${residentId}/account/deactivation`,
    );
    const code = (await invite(residentId)).json<{ code: string }>().code;
    await erase(residentId);
    // Made valid again behind the erasure's back (as a code made while the erasure ran would be).
    const revived = await sql`update resident_invitations set expires_at = now() + interval '1 day'
      where code_hash = ${createHash('sha256')
        .update(`invite:${code.replace(/-/g, '')}`)
        .digest('hex')}`.execute(env.owner);
    expect(revived.numAffectedRows).toBe(1n);

    const activated = await activate(code, 'eerder.weer');
    expect(activated.statusCode, activated.body).toBe(400);
    expect(activated.json<Problem>().invalidParams.map((p) => p.name)).toEqual(['code']);
    expect(await account(residentId)).toMatchObject({ active: false });
    // The code was not spent by the refusal: nothing changed.
    const { rows } = await sql<{ used_at: Date | null }>`
      select used_at from resident_invitations where resident_id = ${residentId}::uuid
      order by created_at desc limit 1`.execute(env.owner);
    expect(rows[0]?.used_at).toBeNull();
  });

  it('gets no new invitation (409 naming residentId, in Dutch and English)', async () => {
    const residentId = await newResident('Nieuwe', 'Code');
    await erase(residentId);
    const response = await invite(residentId);
    expect(response.statusCode).toBe(409);
    const problem = response.json<Problem>();
    expect(problem.invalidParams).toEqual([
      {
        name: 'residentId',
        reason: 'was erased: an erased household has no portal',
        reasonNl: 'is gewist: een gewist huishouden heeft geen portaal',
      },
    ]);
    expect(problem.detailNl).toContain('gewist');
    const { rows } = await sql<{ n: number }>`
      select count(*)::int as n from resident_invitations where resident_id = ${residentId}::uuid`.execute(
      env.owner,
    );
    expect(rows[0]?.n).toBe(0);
  });
});
