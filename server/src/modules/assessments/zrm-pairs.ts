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

/** A pair's score with whom and which pair it is, to count people rather than pairs. */
export interface ZrmPairScoreOfPerson extends ZrmPairScore {
  /**
   * Who was measured: the resident's id, or for a measurement of the household as a whole (no
   * resident) its trajectory's, as `trajectory:<id>`.
   */
  person: string;
  /** The pair: its two measurements' ids, as `start>later`. */
  pair: string;
  /** The day of the pair's later measurement. */
  later_on: string;
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
 * follow-up); it counts for the domains both versions share, which is what looking the start's
 * domain up in the later measurement's scores does.
 *
 * The scores come from `scores_by_domain`, the copy of assessment_scores that the database keeps
 * on each measurement (migration 20261123T2200): the pairs' two rows are joined anyway, and
 * reading the scores from assessment_scores (1.5 million rows in a large city) was most of this
 * statement's time.
 */
export function zrmPairScores(f: ZrmPairFilter) {
  return sql<ZrmPairScore>`
    select p.domain, p.before, p.after, p.versions from (${zrmPairScoresOfPeople(f)}) p`;
}

/**
 * The same rows with the person measured and the pair (ZrmPairScoreOfPerson), for counting
 * residents (the monitor). zrmPairScores is this without them: PostgreSQL plans the two alike.
 */
export function zrmPairScoresOfPeople(f: ZrmPairFilter) {
  return sql<ZrmPairScoreOfPerson>`
    select d.key as domain, d.value::float8 as before, (a2.scores_by_domain ->> d.key)::float8 as after,
      a1.instrument || '>' || a2.instrument as versions,
      coalesce(a1.resident_id::text, 'trajectory:' || a1.trajectory_id::text) as person,
      a1.id::text || '>' || a2.id::text as pair, a2.taken_on::text as later_on
    from assessments a1
    join assessments a2 on a2.municipality_id = a1.municipality_id and a2.trajectory_id = a1.trajectory_id
      and a2.instrument = any(${ZRM_VERSIONS}::text[]) and a2.moment = ${f.later}
      and coalesce(a2.resident_id, ${NO_RESIDENT}::uuid) = coalesce(a1.resident_id, ${NO_RESIDENT}::uuid)
    cross join lateral jsonb_each_text(a1.scores_by_domain) d
    where a1.municipality_id = ${f.municipalityId}::uuid and a1.team_id = any(${f.teamIds}::uuid[])
      and a1.instrument = any(${ZRM_VERSIONS}::text[]) and a1.moment = 'start'
      and a2.taken_on between ${f.from}::date and ${f.to}::date
      and a2.scores_by_domain ? d.key
      ${inBuurt(f.buurt)}`;
}
