// A relapse triaged before migration 20261125T0530 left the event of the ended aftercare with a
// Dutch note and its registration without the ended trajectory. The migration converts those rows;
// a note that a server of the previous version writes during a rolling deploy is read as its code.
import { beforeAll, describe, expect, it } from 'vitest';
import { sql, type Kysely } from 'kysely';
import { call, createDemoEnv, login, type Session, type TestEnv } from '../../../test/harness.js';
import {
  DUTCH_NOTE,
  convertEarlierRelapses,
} from '../../db/migrations/20261125T0530-aftercare-ended-by-registration.js';

let env: TestEnv;
let owner: Kysely<unknown>;
let worker: Session;
/** Every relapse this file wrote as the previous version did. */
const relapseIds: string[] = [];

const hoursAgo = (hours: number) => new Date(Date.now() - hours * 3_600_000).toISOString();

/** A registration with its first contact, triaged as multiple problems: its triage's answer. */
async function registerAndTriage(body: Record<string, unknown>) {
  const created = await call(env.app, worker, 'POST', '/api/v1/registrations', {
    teamId: worker.user.teamIds[0],
    source: 'self',
    receivedAt: hoursAgo(2),
    question: 'Schulden en zorgen om de kinderen.',
    ...body,
  });
  expect(created.statusCode).toBe(201);
  const { id, householdId } = created.json<{ id: string; householdId: string }>();
  const contacted = await call(
    env.app,
    worker,
    'POST',
    `/api/v1/registrations/${id}/first-contact`,
    {
      at: hoursAgo(1),
      kind: 'home_visit',
    },
  );
  expect(contacted.statusCode).toBe(200);
  const triaged = await call(env.app, worker, 'POST', `/api/v1/registrations/${id}/triage`, {
    outcome: 'multiple_problems',
  });
  expect(triaged.statusCode).toBe(200);
  const { trajectoryId } = triaged.json<{ trajectoryId: string }>();
  return { id, householdId, trajectoryId };
}

/**
 * A household's trajectory closed into aftercare, and the relapse that ended it; then the two rows
 * put back as the previous version wrote them (the Dutch note, no ended trajectory).
 */
async function relapseAsPreviouslyWritten(familyName: string, houseNumber: number) {
  const first = await registerAndTriage({
    resident: {
      givenName: 'Noor',
      familyName,
      birthDate: '1980-05-05',
      address: { postcode: '6211 ZZ', houseNumber },
    },
  });
  const closed = await call(
    env.app,
    worker,
    'POST',
    `/api/v1/trajectories/${first.trajectoryId}/close`,
    {
      closedAt: new Date().toISOString(),
      outcome: 'goals_achieved',
      handledWithoutSpecialistCare: true,
      reason: 'Doelen bereikt',
      aftercareUntil: '2099-01-01',
      noClosingMeasurementReason: 'Gezin wilde geen meting meer',
    },
  );
  expect(closed.statusCode).toBe(200);
  const relapse = await registerAndTriage({ householdId: first.householdId });
  // A later question of the household joins the new trajectory: no aftercare ended there.
  const joined = await registerAndTriage({ householdId: first.householdId });
  expect(joined.trajectoryId).toBe(relapse.trajectoryId);

  await sql`update trajectory_events set note = ${DUTCH_NOTE}, note_code = null
    where trajectory_id = ${first.trajectoryId}::uuid and note_code is not null`.execute(owner);
  await sql`update registrations set ended_aftercare_trajectory_id = null
    where id = ${relapse.id}::uuid`.execute(owner);
  relapseIds.push(relapse.id);
  return { first, relapse, joined, endedTrajectoryId: first.trajectoryId };
}

const endedAftercareOf = async (registrationId: string) =>
  (
    await sql<{ ended: string | null }>`select ended_aftercare_trajectory_id::text as ended
      from registrations where id = ${registrationId}::uuid`.execute(owner)
  ).rows[0]?.ended;

const eventsOf = async (trajectoryId: string) =>
  (
    await sql<{
      from_value: string | null;
      to_value: string | null;
      note: string | null;
      note_code: string | null;
    }>`
      select from_value, to_value, note, note_code from trajectory_events
      where trajectory_id = ${trajectoryId}::uuid order by at, id`.execute(owner)
  ).rows;

beforeAll(async () => {
  env = await createDemoEnv();
  owner = env.owner as unknown as Kysely<unknown>;
  worker = await login(env.app, 'worker@maastricht.demo');
});

describe('relapses triaged before the ended aftercare was kept as a code', () => {
  it('reads the Dutch note of the previous version as its code', async () => {
    const { endedTrajectoryId } = await relapseAsPreviouslyWritten('Vroeger', 40);
    const read = await call(env.app, worker, 'GET', `/api/v1/trajectories/${endedTrajectoryId}`);
    expect(read.statusCode).toBe(200);
    const events = read.json<{ events: { from: string | null; note: string | null }[] }>().events;
    expect(events.filter((e) => e.from === 'aftercare')).toEqual([
      expect.objectContaining({ note: null, noteCode: 'aftercare_ended_by_new_registration' }),
    ]);
  });

  it('converts them: the event gets its code, the registration the trajectory it ended', async () => {
    const one = await relapseAsPreviouslyWritten('Eerder', 42);
    const two = await relapseAsPreviouslyWritten('Later', 44);
    await convertEarlierRelapses(owner);

    for (const { first, relapse, joined, endedTrajectoryId } of [one, two]) {
      expect(await endedAftercareOf(relapse.id)).toBe(endedTrajectoryId);
      // The registration that opened the ended trajectory, and the one that joined the new one,
      // ended no aftercare.
      expect(await endedAftercareOf(first.id)).toBeNull();
      expect(await endedAftercareOf(joined.id)).toBeNull();
      expect(await eventsOf(endedTrajectoryId)).toEqual([
        // The worker's own words on the closure stay as written.
        { from_value: 'open', to_value: 'aftercare', note: 'Doelen bereikt', note_code: null },
        {
          from_value: 'aftercare',
          to_value: 'closed',
          note: null,
          note_code: 'aftercare_ended_by_new_registration',
        },
      ]);
    }
    // No other registration got one: exactly the relapses written as before (the demo has none).
    const withEnded = await sql<{ id: string }>`select id::text as id from registrations
      where ended_aftercare_trajectory_id is not null`.execute(owner);
    expect(withEnded.rows.map((row) => row.id).sort()).toEqual([...relapseIds].sort());
    const dutch = await sql<{ n: number }>`select count(*)::int as n from trajectory_events
      where note = ${DUTCH_NOTE}`.execute(owner);
    expect(dutch.rows[0]?.n).toBe(0);
  });

  it('keeps the ended trajectory within the municipality (a foreign key)', async () => {
    const { relapse } = await relapseAsPreviouslyWritten('Elders', 46);
    await expect(
      sql`update registrations set ended_aftercare_trajectory_id = gen_random_uuid()
        where id = ${relapse.id}::uuid`.execute(owner),
    ).rejects.toThrow(/foreign key/);
  });
});
