// The paired ZRM scores that the analysis (/reports/zrm) and the monitor both count: per domain,
// a person's score at the start of a trajectory and at a later moment (three months or closure)
// taken in the period. Aggregates are built on top of this; it never leaves the server as rows.
import { sql } from 'kysely';
import { ZRM_INSTRUMENTS } from './instruments.js';

export interface ZrmPairFilter {
  municipalityId: string;
  /** The teams whose start measurements count. */
  teamIds: string[];
  later: 'three_months' | 'closure';
  /** The later measurement was taken on one of these days. */
  from: string;
  to: string;
  /** Only trajectories of households in this buurt. */
  buurt: string | null;
}

export interface ZrmPairScore {
  domain: string;
  before: number;
  after: number;
  /** The two measurements' instrument versions, e.g. "zrm-2013>zrm-2017". */
  versions: string;
}

const NO_RESIDENT = '00000000-0000-0000-0000-000000000000';
const ZRM_VERSIONS = [...ZRM_INSTRUMENTS];

/**
 * With a buurt chosen: the start measurement's trajectory is of a household there. Written only
 * then, as a plain `exists` that PostgreSQL turns into a join; `(buurt is null or exists ...)`
 * cost a lookup per start measurement.
 */
const inBuurt = (buurt: string | null) =>
  buurt === null
    ? sql``
    : sql`and exists (
          select 1 from trajectories t join households h on h.municipality_id = t.municipality_id and h.id = t.household_id
          where t.municipality_id = a1.municipality_id and t.id = a1.trajectory_id and h.neighbourhood_code = ${buurt}::text)`;

/**
 * Rows (domain, before, after, versions): one per pair of measurements and shared domain with a
 * score at both moments. A pair may span a change of ZRM version (a 2013 start, a 2017
 * follow-up); it counts for the domains both versions share, which is what joining the scores on
 * the domain key does.
 *
 * The pairs are found first and their scores looked up by key in one index scan. Joining
 * `assessment_scores` to the pairs directly made the planner read all of it (1.5 million rows in
 * a large city, 2 s): with row-level security on the table, a lookup per pair looks expensive to
 * the planner, which then prefers a hash join over the whole table.
 */
export function zrmPairScores(f: ZrmPairFilter) {
  return sql<ZrmPairScore>`
    with pairs as materialized (
      select a1.id as start_id, a2.id as later_id, a1.instrument || '>' || a2.instrument as versions
      from assessments a1
      join assessments a2 on a2.municipality_id = a1.municipality_id and a2.trajectory_id = a1.trajectory_id
        and a2.instrument = any(${ZRM_VERSIONS}::text[]) and a2.moment = ${f.later}
        and coalesce(a2.resident_id, ${NO_RESIDENT}::uuid) = coalesce(a1.resident_id, ${NO_RESIDENT}::uuid)
      where a1.municipality_id = ${f.municipalityId}::uuid and a1.team_id = any(${f.teamIds}::uuid[])
        and a1.instrument = any(${ZRM_VERSIONS}::text[]) and a1.moment = 'start'
        and a2.taken_on between ${f.from}::date and ${f.to}::date
        ${inBuurt(f.buurt)}
    ),
    pair_scores as materialized (
      select s.assessment_id, s.domain, s.score from assessment_scores s
      where s.municipality_id = ${f.municipalityId}::uuid and s.score is not null
        and s.assessment_id = any(array(select start_id from pairs union all select later_id from pairs))
    )
    select s1.domain, s1.score::float8 as before, s2.score::float8 as after, p.versions
    from pairs p
    join pair_scores s1 on s1.assessment_id = p.start_id
    join pair_scores s2 on s2.assessment_id = p.later_id and s2.domain = s1.domain`;
}
