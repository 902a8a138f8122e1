// assessments.scores_by_domain is a copy of the measurement's non-null assessment_scores, kept by
// a trigger (migration 20261123T2200) and read by the ZRM comparisons in the monitor and the
// analysis. Here: the copy is exact after a measurement is recorded through the API, after scores
// arrive in more than one statement, and for measurements that existed before the migration.
import { beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { call, createDemoEnv, login, type Session, type TestEnv } from '../../../test/harness.js';
import { inTenant } from '../../platform/db.js';

let env: TestEnv;

const ZRM_2017_DOMAINS = [
  'finances',
  'work_and_education',
  'time_use',
  'housing',
  'domestic_relations',
  'mental_health',
  'physical_health',
  'substance_use',
  'basic_adl',
  'instrumental_adl',
  'social_network',
  'participation',
  'justice',
];
const zrm2017 = Object.fromEntries(ZRM_2017_DOMAINS.map((d) => [d, 3]));
let worker: Session;

const today = () =>
  new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Amsterdam' }).format(new Date());

beforeAll(async () => {
  env = await createDemoEnv();
  worker = await login(env.app, 'worker@maastricht.demo');
});

async function openTrajectory(): Promise<string> {
  const created = await call(env.app, worker, 'POST', '/api/v1/registrations', {
    teamId: worker.user.teamIds[0],
    source: 'self',
    receivedAt: new Date(Date.now() - 3_600_000).toISOString(),
    question: 'Schulden en huisvesting',
    resident: { givenName: 'Kopie', familyName: 'Scores' },
  });
  const triage = await call(
    env.app,
    worker,
    'POST',
    `/api/v1/registrations/${created.json<{ id: string }>().id}/triage`,
    { outcome: 'multiple_problems' },
  );
  return triage.json<{ trajectoryId: string }>().trajectoryId;
}

/** What the table of scores says for a measurement, as {domain: score}, without the nulls. */
async function scoreRows(assessmentId: string) {
  const { rows } = await sql<{ domain: string; score: string }>`
    select domain, score::text from assessment_scores where assessment_id = ${assessmentId}::uuid and score is not null`.execute(
    env.owner,
  );
  return Object.fromEntries(rows.map((r) => [r.domain, Number(r.score)]));
}

async function copied(assessmentId: string) {
  const { rows } = await sql<{ scores: Record<string, number> }>`
    select scores_by_domain as scores from assessments where id = ${assessmentId}::uuid`.execute(
    env.owner,
  );
  return rows[0]?.scores;
}

describe('the scores copied onto each measurement', () => {
  it('equal the non-null scores of a measurement recorded through the API', async () => {
    const trajectoryId = await openTrajectory();
    const response = await call(
      env.app,
      worker,
      'POST',
      `/api/v1/trajectories/${trajectoryId}/assessments`,
      {
        instrument: 'zrm-2017',
        moment: 'start',
        takenAt: today(),
        scores: { ...zrm2017, finances: 1, housing: 4, justice: null },
      },
    );
    expect(response.statusCode).toBe(201);
    const id = response.json<{ id: string }>().id;
    const scored: Record<string, number> = { ...zrm2017, finances: 1, housing: 4 };
    delete scored.justice; // not discussed: no score, so not in the copy
    expect(await copied(id)).toEqual(scored);
    expect(await copied(id)).toEqual(await scoreRows(id));
  });

  it('gathers scores inserted in separate statements', async () => {
    const trajectoryId = await openTrajectory();
    const { rows } = await sql<{
      municipality_id: string;
      team_id: string;
      created_by: string;
    }>`select t.municipality_id, t.team_id, t.coordinator_id as created_by from trajectories t where t.id = ${trajectoryId}::uuid`.execute(
      env.owner,
    );
    const t = rows[0]!;
    const id = '01900000-0000-7000-8000-0000000000aa';
    await inTenant(
      env.owner,
      { municipalityId: t.municipality_id, teamIds: [t.team_id] },
      async (trx) => {
        await sql`insert into assessments (municipality_id, id, team_id, trajectory_id, instrument, moment, taken_on, created_by)
        values (${t.municipality_id}::uuid, ${id}::uuid, ${t.team_id}::uuid, ${trajectoryId}::uuid, 'zrm-2017', 'start', current_date, ${t.created_by}::uuid)`.execute(
          trx,
        );
        expect(await copied(id)).toBeUndefined(); // not visible outside this transaction yet
        for (const [domain, score] of [
          ['finances', 2],
          ['housing', 3],
          ['justice', null],
        ] as const)
          await sql`insert into assessment_scores (municipality_id, team_id, assessment_id, domain, score)
          values (${t.municipality_id}::uuid, ${t.team_id}::uuid, ${id}::uuid, ${domain}, ${score})`.execute(
            trx,
          );
      },
    );
    expect(await copied(id)).toEqual({ finances: 2, housing: 3 });
  });

  it('match the score rows of every measurement in the demo', async () => {
    const { rows } = await sql<{ differing: number; measured: number }>`
      select count(*) filter (where a.scores_by_domain is distinct from coalesce(s.scores, '{}'))::int as differing,
        count(*)::int as measured
      from assessments a
      left join (
        select assessment_id, jsonb_object_agg(domain, score) as scores from assessment_scores
        where score is not null group by assessment_id
      ) s on s.assessment_id = a.id`.execute(env.owner);
    expect(rows[0]?.measured).toBeGreaterThan(0);
    expect(rows[0]?.differing).toBe(0);
  });
});
