// Each measurement carries its scores as one JSON object (domain -> score) beside the rows of
// assessment_scores, kept by the database itself: a trigger copies every insert into
// assessment_scores onto its assessment. The rows stay the record (one per domain, null when a
// domain was not discussed); the object, without the nulls, is what the ZRM comparisons read.
//
// Why: the monitor and the ZRM analysis pair a start measurement with a later one and compare
// them per domain. Looking the pairs' scores up in assessment_scores (1.5 million rows in a large
// city) was a quarter of the city monitor's database time; with the object on the two
// measurements the pairs already join, the same statement took 230 instead of 360 ms (bench
// city, bench/README.md, session 5). Scores are never changed or deleted on their own (the app
// role may only insert them), so an insert trigger keeps the copy exact.
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    alter table assessments add column scores_by_domain jsonb not null default '{}';

    comment on column assessments.scores_by_domain is
      'Copy of this measurement''s non-null assessment_scores as {domain: score}, kept by the trigger assessment_scores_copy.';

    -- Security definer: the app role may not update assessments (only their resident_id, for
    -- erasure). The copy touches only the measurements whose scores were just inserted, and
    -- that insert had to pass the row-level security of assessment_scores itself.
    create function assessment_scores_copy() returns trigger
      language plpgsql security definer set search_path = public, pg_temp
      as $$
      begin
        update assessments a set scores_by_domain = a.scores_by_domain || added.scores
        from (
          select municipality_id, assessment_id, jsonb_object_agg(domain, score) as scores
          from inserted where score is not null
          group by municipality_id, assessment_id
        ) added
        where a.municipality_id = added.municipality_id and a.id = added.assessment_id;
        return null;
      end
      $$;

    create trigger assessment_scores_copy after insert on assessment_scores
      referencing new table as inserted
      for each statement execute function assessment_scores_copy();

    update assessments a set scores_by_domain = existing.scores
    from (
      select municipality_id, assessment_id, jsonb_object_agg(domain, score) as scores
      from assessment_scores where score is not null
      group by municipality_id, assessment_id
    ) existing
    where a.municipality_id = existing.municipality_id and a.id = existing.assessment_id;
  `.execute(db);
}
