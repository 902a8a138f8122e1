// A version number is a PostgreSQL integer. One above its range reached the database and came back
// as a 500 ("integer out of range"); every route that takes a version answers a 400 naming it, and
// changes nothing.
import { beforeAll, describe, expect, it } from 'vitest';
import { call, createDemoEnv, login, type Session, type TestEnv } from '../../test/harness.js';
import { openTrajectory } from '../../test/cases.js';

let env: TestEnv;
let worker: Session;
let admin: Session;
let trajectoryId: string;
let registrationId: string;
const TOO_BIG = 3_000_000_000;

beforeAll(async () => {
  env = await createDemoEnv();
  worker = await login(env.app, 'worker@maastricht.demo');
  admin = await login(env.app, 'admin@maastricht.demo');
  ({ trajectoryId } = await openTrajectory(env.app, worker, {
    givenName: 'Groot',
    familyName: 'Getal',
  }));
  const created = await call(env.app, worker, 'POST', '/api/v1/registrations', {
    teamId: worker.user.teamIds[0],
    source: 'self',
    receivedAt: new Date(Date.now() - 3_600_000).toISOString(),
    question: 'Een vraag zonder inwoner',
  });
  expect(created.statusCode, created.body).toBe(201);
  registrationId = created.json<{ id: string }>().id;
});

function namesVersion(response: { statusCode: number; body: string }, field = 'version') {
  expect(response.statusCode, response.body).toBe(400);
  const names = (
    JSON.parse(response.body) as { invalidParams?: { name: string }[] }
  ).invalidParams?.map((p) => p.name);
  expect(names).toContain(field);
}

describe('a version above the integer range', () => {
  it('is a 400 naming version when saving a plan or adding an action', async () => {
    namesVersion(
      await call(env.app, worker, 'PUT', `/api/v1/trajectories/${trajectoryId}/plan`, {
        version: TOO_BIG,
      }),
    );
    namesVersion(
      await call(env.app, worker, 'POST', `/api/v1/trajectories/${trajectoryId}/plan/actions`, {
        version: TOO_BIG,
        description: 'Bellen',
        ownerType: 'resident',
        ownerName: 'Groot',
      }),
    );
  });

  it('is a 400 naming version in the path of a plan version and its agreement', async () => {
    namesVersion(
      await call(
        env.app,
        worker,
        'GET',
        `/api/v1/trajectories/${trajectoryId}/plan/versions/${TOO_BIG}`,
      ),
      'params.version',
    );
    namesVersion(
      await call(
        env.app,
        worker,
        'POST',
        `/api/v1/trajectories/${trajectoryId}/plan/versions/${TOO_BIG}/agreement`,
        { agreedOn: '2026-11-01', method: 'in_person' },
      ),
      'params.version',
    );
  });

  it("is a 400 naming version when recording a registration's resident", async () => {
    namesVersion(
      await call(env.app, worker, 'PUT', `/api/v1/registrations/${registrationId}/resident`, {
        version: TOO_BIG,
        resident: { givenName: 'Nog', familyName: 'Iemand' },
      }),
    );
  });

  it('is a 400 naming version when changing the sign-in settings', async () => {
    namesVersion(
      await call(env.app, admin, 'PUT', '/api/v1/admin/sign-in', {
        version: TOO_BIG,
        totpExtraRoles: [],
        oidc: {
          enabled: false,
          displayName: '',
          issuer: '',
          clientId: '',
          emailDomain: '',
          matchClaim: 'email',
        },
      }),
    );
  });
});
