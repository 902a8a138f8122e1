// Who did it, in the resident's access log: a staff member by name, the resident as 'U zelf', and
// another member of the household as 'Een huisgenoot', a word the portal translates (as it does
// 'U zelf'), never as 'Onbekend' as if nobody knew who it was.
import { beforeAll, describe, expect, it } from 'vitest';
import { call, createDemoEnv, login, type Session, type TestEnv } from '../../../test/harness.js';
import { openTrajectory } from '../../../test/cases.js';
import { ACCESS_LOG_WHO } from './portal.service.js';

let env: TestEnv;
let worker: Session;

function asResident(response: {
  cookies: { name: string; value: string }[];
  json: <T>() => T;
}): Session {
  const cookie = response.cookies.find((c) => c.name === 'sk_session');
  const body = response.json<{ csrfToken: string; user: Session['user'] }>();
  return { cookie: `sk_session=${cookie?.value}`, csrfToken: body.csrfToken, user: body.user };
}

async function openPortal(residentId: string, loginName: string): Promise<Session> {
  const invitation = await call(env.app, worker, 'POST', '/api/v1/portal/invitations', {
    residentId,
  });
  expect(invitation.statusCode, invitation.body).toBe(201);
  const opened = await env.app.inject({
    method: 'POST',
    url: '/api/v1/portal/activate',
    payload: {
      code: invitation.json<{ code: string }>().code,
      loginName,
      password: 'mijn-eigen-wachtwoord',
    },
  });
  expect(opened.statusCode, opened.body).toBe(200);
  return asResident(opened);
}

beforeAll(async () => {
  env = await createDemoEnv();
  worker = await login(env.app, 'worker@maastricht.demo');
});

describe("the access log of a household's child", () => {
  it("names the parent who looked at the child's measurements as a household member", async () => {
    const { householdId, residentId: parentId } = await openTrajectory(env.app, worker, {
      givenName: 'Ouder',
      familyName: 'Huisgenoot',
    });
    const household = await call(env.app, worker, 'GET', `/api/v1/households/${householdId}`);
    const added = await call(env.app, worker, 'POST', `/api/v1/households/${householdId}/members`, {
      version: household.json<{ version: number }>().version,
      givenName: 'Kind',
      familyName: 'Huisgenoot',
      birthDate: '2012-04-04',
    });
    expect(added.statusCode, added.body).toBe(201);
    const childId =
      added
        .json<{ members: { id: string; givenName: string }[] }>()
        .members.find((m) => m.givenName === 'Kind')?.id ?? '';
    const parent = await openPortal(parentId, 'ouder.huisgenoot@example.demo');
    const child = await openPortal(childId, 'kind.huisgenoot@example.demo');
    // A parent sees their child's measurements: the child's access log has that read.
    expect((await call(env.app, parent, 'GET', '/api/v1/portal/measurements')).statusCode).toBe(
      200,
    );
    const log = await call(env.app, child, 'GET', '/api/v1/portal/access-log');
    expect(log.statusCode).toBe(200);
    const items = log.json<{ items: { who: string; role: string; action: string }[] }>().items;
    expect(items.find((i) => i.action === 'assessment.list')).toMatchObject({
      who: ACCESS_LOG_WHO.householdMember,
      role: 'resident',
    });
    expect(ACCESS_LOG_WHO.householdMember).toBe('Een huisgenoot');
    // The worker who invited the child is named; the child's own activation is 'U zelf'.
    expect(items.find((i) => i.action === 'portal.invite')?.who).toBe(worker.user.name);
    expect(items.find((i) => i.action === 'portal.activate')?.who).toBe('U zelf');
    expect(items.some((i) => i.who === 'Onbekend')).toBe(false);
  });
});
