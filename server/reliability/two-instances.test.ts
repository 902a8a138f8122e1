// Two app servers against one PostgreSQL: the app keeps no state of its own, so a user can be
// served by either. Instance A runs the embedded database; instance B is started in DATABASE_URL
// mode against it, with the app role and SECRET_KEY of A (what a second node of one installation
// gets; see README "Reliability").
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  call,
  embeddedDatabase,
  freePort,
  LiveServer,
  openTrajectories,
  planBody,
  signIn,
  startServer,
  tempDataDir,
  type Session,
} from './live-server.js';

let data: Awaited<ReturnType<typeof tempDataDir>>;
let bData: Awaited<ReturnType<typeof tempDataDir>>;
let a: LiveServer;
let b: LiveServer;

beforeAll(async () => {
  data = await tempDataDir('instance-a');
  bData = await tempDataDir('instance-b');
  a = await startServer(data.dir);
  const database = embeddedDatabase(data.dir);
  b = new LiveServer(await freePort(), {
    DATABASE_URL: database.ownerUrl,
    APP_DATABASE_URL: database.appUrl,
    SECRET_KEY: database.secretKey,
    // B must not start a database of its own; this directory stays empty.
    DATA_DIR: bData.dir,
  });
  await b.healthy();
}, 120_000);

afterAll(async () => {
  await b?.stop().catch(() => b.crash());
  await a?.stop().catch(() => a.crash());
  await data?.remove();
  await bData?.remove();
});

describe('two app instances on one database', () => {
  let session: Session;

  it('serves a session made on A from B, with its CSRF token, and shares every write', async () => {
    session = await signIn(a.base, 'worker@maastricht.demo');
    const meOnA = await call<{ user: { id: string }; csrfToken: string }>(
      a.base,
      session,
      'GET',
      '/api/v1/auth/me',
    );
    const meOnB = await call<{ user: { id: string; role: string }; csrfToken: string }>(
      b.base,
      session,
      'GET',
      '/api/v1/auth/me',
    );
    expect(meOnB.status).toBe(200);
    // The same user and the same session (its CSRF token) on B as on A.
    expect(meOnB.body.user).toMatchObject({ id: meOnA.body.user.id, role: 'worker' });
    expect(meOnB.body.csrfToken).toBe(session.csrfToken);

    const [trajectoryId] = await openTrajectories(b.base, session);
    expect(trajectoryId).toBeDefined();
    const note = `Via instantie B ${Date.now()}`;
    const saved = await call<{ id: string }>(
      b.base,
      session,
      'POST',
      `/api/v1/trajectories/${trajectoryId}/contacts`,
      { at: new Date(Date.now() - 60_000).toISOString(), kind: 'phone', note },
    );
    expect(saved.status).toBe(201);
    const onA = await call<{ items: { id: string; note: string }[] }>(
      a.base,
      session,
      'GET',
      `/api/v1/trajectories/${trajectoryId}/contacts`,
    );
    expect(onA.body.items.find((c) => c.id === saved.body.id)?.note).toBe(note);

    // B checks the CSRF token against the session in the database: a wrong one is refused.
    const forged = await call(
      b.base,
      { ...session, csrfToken: 'not-the-token' },
      'POST',
      `/api/v1/trajectories/${trajectoryId}/contacts`,
      { at: new Date(Date.now() - 60_000).toISOString(), kind: 'phone', note: 'vervalst' },
    );
    expect(forged.status).toBe(403);

    // Optimistic concurrency holds across instances: a save on A makes B's stale one a 409.
    const plan = await call<{ version: number }>(
      a.base,
      session,
      'GET',
      `/api/v1/trajectories/${trajectoryId}/plan`,
    );
    const first = await call(
      a.base,
      session,
      'PUT',
      `/api/v1/trajectories/${trajectoryId}/plan`,
      planBody(plan.body.version, 'op A'),
    );
    expect(first.status).toBe(200);
    const stale = await call(
      b.base,
      session,
      'PUT',
      `/api/v1/trajectories/${trajectoryId}/plan`,
      planBody(plan.body.version, 'op B'),
    );
    expect(stale.status).toBe(409);
  });

  it('ends the session everywhere when it is ended on one instance', async () => {
    const logout = await call(b.base, session, 'POST', '/api/v1/auth/logout');
    expect(logout.status).toBeLessThan(300);
    const meOnA = await call(a.base, session, 'GET', '/api/v1/auth/me');
    expect(meOnA.status).toBe(401);
  });

  it('counts failed sign-ins on both instances together', async () => {
    // Five failures (LOGIN_MAX_FAILURES), alternating between A and B, then the right password
    // is refused with 429 on both: the throttle lives in the database, not in a process.
    const email = 'teamlead@maastricht.demo';
    const attempt = (server: LiveServer, password: string) =>
      call(server.base, null, 'POST', '/api/v1/auth/login', { email, password });
    const failures = [];
    for (const server of [a, b, a, b, a]) failures.push((await attempt(server, 'fout')).status);
    expect(failures).toEqual([401, 401, 401, 401, 401]);
    expect((await attempt(b, 'samenkracht-demo')).status).toBe(429);
    expect((await attempt(a, 'samenkracht-demo')).status).toBe(429);
  });
});
