// assessments.scores_by_domain is a copy of the measurement's non-null assessment_scores, kept by
// a trigger (migration 20261123T2200) and read by the ZRM comparisons in the monitor and the
// analysis. Here: the copy is exact after a measurement is recorded through the API, after scores
// arrive in more than one statement, and for every measurement of the demo.
import { beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { call, createDemoEnv, login, type Session, type TestEnv } from '../../../test/harness.js';
import { inTenant } from '../../platform/db.js';
import { openTrajectory as openCase } from '../../../test/cases.js';
import { INSTRUMENTS } from './instruments.js';

let env: TestEnv;
let worker: Session;

// Every domain of the 2017 matrix at 3 (the domain keys are the instrument's own).
const zrm2017 = Object.fromEntries(INSTRUMENTS['zrm-2017'].domains.map((d) => [d.key, 3]));

const today = () =>
  new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Amsterdam' }).format(new Date());

beforeAll(async () => {
  env = await createDemoEnv();
  worker = await login(env.app, 'worker@maastricht.demo');
});

const openTrajectory = async () =>
  (await openCase(env.app, worker, { givenName: 'Kopie', familyName: 'Scores' })).trajectoryId;

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
