// A relapse during aftercare: triage of a new registration ends the household's aftercare and
// opens a new trajectory (registrations.service.ts). Two things were missing:
//
// - The history event of the ended aftercare said why in Dutch words (its note), so the English
//   screen showed Dutch. The event now carries a code that the screen translates
//   (trajectory_events.note_code); the note stays for words a worker writes. Events written
//   before are converted here.
// - Only the triage's answer said which aftercare it ended, so a reloaded registration page could
//   no longer say so. The registration now keeps it (registrations.ended_aftercare_trajectory_id),
//   filled in here for the relapses triaged before.
//
// Safe while servers of the previous version still run (a rolling deploy): only nullable columns
// are added, which their inserts leave empty, and read_trajectory answers one key more, which they
// ignore. A relapse triaged on such a server during the deploy still writes the Dutch note: the
// server reads that note as the code (trajectories.service.ts, noteCodeOf); its registration's
// page says that the aftercare ended in the triage's answer only, as before.
import { sql, type Kysely } from 'kysely';

/** The note the previous version wrote on the event, word for word (since commit 458dab7). */
export const DUTCH_NOTE = 'Nazorg beëindigd: nieuwe aanmelding, nieuw traject geopend.';

/** The columns, with the index the foreign key is checked through (indexes.test.ts). */
export async function addColumns(db: Kysely<unknown>): Promise<void> {
  await sql`
    alter table trajectory_events add column note_code text
      check (note_code in ('aftercare_ended_by_new_registration'));
    alter table registrations add column ended_aftercare_trajectory_id uuid,
      add foreign key (municipality_id, ended_aftercare_trajectory_id)
        references trajectories (municipality_id, id);
    -- Nearly every registration has none: only those that do are indexed.
    create index registrations_by_ended_aftercare
      on registrations (municipality_id, ended_aftercare_trajectory_id)
      where ended_aftercare_trajectory_id is not null;
  `.execute(db);
}

/**
 * The relapses triaged before: the registration gets the trajectory whose aftercare its triage
 * ended, and that event its code instead of the Dutch note. Exported for its test.
 *
 * The old triage wrote the event and the registration in one transaction, by the same worker: the
 * registration is the one whose triage opened a new trajectory for the same household, by the
 * event's worker, at the event's time (the transaction's start, a moment before the triage's
 * time). One household has one unfinished trajectory at a time, so no second registration fits.
 */
export async function convertEarlierRelapses(db: Kysely<unknown>): Promise<void> {
  await sql`
    -- The owner converts every municipality's rows: row-level security is forced on these tables
    -- (so that it holds for the owner too); lift that for this transaction only.
    alter table registrations no force row level security;
    alter table trajectories no force row level security;
    alter table trajectory_events no force row level security;

    update registrations g
       set ended_aftercare_trajectory_id = ended.trajectory_id
      from (
        select distinct on (g2.municipality_id, g2.id)
               g2.municipality_id, g2.id as registration_id, e.trajectory_id
          from registrations g2
          join trajectories opened on opened.municipality_id = g2.municipality_id
                                  and opened.id = g2.trajectory_id
                                  and opened.registration_id = g2.id
          join trajectories earlier on earlier.municipality_id = opened.municipality_id
                                   and earlier.household_id = opened.household_id
                                   and earlier.id <> opened.id
          join trajectory_events e on e.municipality_id = earlier.municipality_id
                                  and e.trajectory_id = earlier.id
         where g2.triage_outcome = 'multiple_problems'
           and e.kind = 'status' and e.from_value = 'aftercare' and e.to_value = 'closed'
           and e.note = ${sql.lit(DUTCH_NOTE)}
           and e.by_staff_id = g2.triaged_by
           and e.at between g2.triaged_at - interval '1 minute' and g2.triaged_at + interval '1 minute'
         order by g2.municipality_id, g2.id, abs(extract(epoch from g2.triaged_at - e.at))
      ) ended
     where g.municipality_id = ended.municipality_id and g.id = ended.registration_id
       and g.ended_aftercare_trajectory_id is null;

    update trajectory_events
       set note_code = 'aftercare_ended_by_new_registration', note = null
     where note = ${sql.lit(DUTCH_NOTE)} and kind = 'status'
       and from_value = 'aftercare' and to_value = 'closed';

    alter table registrations force row level security;
    alter table trajectories force row level security;
    alter table trajectory_events force row level security;
  `.execute(db);
}

/**
 * read_trajectory (migration 20261124T1100) as it was, with each event's note_code: a trajectory
 * is opened through it, so its history must carry the code too.
 */
async function readTrajectoryWithNoteCodes(db: Kysely<unknown>): Promise<void> {
  await sql`
    create or replace function read_trajectory(p_token_hash text, p_idle_seconds integer, p_absolute_seconds integer,
                                               p_roles text[], p_request_id text, p_trajectory_id uuid)
      returns json
      language plpgsql volatile set search_path = public, pg_temp
      as $$
      declare
        caller json := open_read(p_token_hash, p_idle_seconds, p_absolute_seconds, p_roles);
        case_team_ids uuid[];
        found_trajectory json;
        member_ids uuid[];
      begin
        if caller is null or not (caller->>'allowed')::boolean then
          return json_build_object('caller', caller);
        end if;
        case_team_ids := array(
          select json_array_elements_text(caller->'teamIds')::uuid
          union
          select json_array_elements_text(caller->'glassTeamIds')::uuid);
        select json_build_object(
                 'id', t.id, 'household_id', t.household_id, 'team_id', t.team_id,
                 'coordinator_id', t.coordinator_id, 'coordinator_name', c.name,
                 'status', t.status, 'scale_level', t.scale_level, 'opened_at', t.opened_at,
                 'closed_at', t.closed_at, 'next_follow_up_on', t.next_follow_up_on,
                 'plan_version', t.plan_version, 'outcome', t.outcome,
                 'close_reason', t.close_reason,
                 'handled_without_specialist_care', t.handled_without_specialist_care,
                 'aftercare_until', t.aftercare_until, 'version', t.version,
                 'postcode', h.postcode, 'house_number', h.house_number,
                 'house_letter', h.house_letter, 'house_number_addition', h.house_number_addition,
                 'street', h.street, 'neighbourhood_name', n.name,
                 'members', (select string_agg(r.given_name || ' ' || r.family_name, ', '
                                               order by r.birth_date nulls last)
                               from residents r
                              where r.municipality_id = t.municipality_id
                                and r.household_id = t.household_id),
                 'overdue_actions', (select count(*)::int from plan_actions a
                                      where a.municipality_id = t.municipality_id
                                        and a.trajectory_id = t.id and a.status = 'open'
                                        and a.due_date < current_date),
                 'next_action_due', (select min(a.due_date)::text from plan_actions a
                                      where a.municipality_id = t.municipality_id
                                        and a.trajectory_id = t.id and a.status = 'open'
                                        and a.due_date >= current_date),
                 'last_contact_at', (select max(k.at) from contacts k
                                      where k.municipality_id = t.municipality_id
                                        and k.trajectory_id = t.id),
                 'events', coalesce((select json_agg(json_build_object(
                                        'id', e.id, 'kind', e.kind, 'from_value', e.from_value,
                                        'to_value', e.to_value, 'note', e.note,
                                        'note_code', e.note_code, 'at', e.at,
                                        'by_staff_id', e.by_staff_id, 'by_name', s.name)
                                        order by e.at)
                                      from trajectory_events e
                                      join staff s on s.municipality_id = e.municipality_id
                                                  and s.id = e.by_staff_id
                                     where e.municipality_id = t.municipality_id
                                       and e.trajectory_id = t.id), '[]'::json)),
               array(select r.id from residents r
                      where r.municipality_id = t.municipality_id and r.household_id = t.household_id
                      order by r.birth_date, r.given_name)
          into found_trajectory, member_ids
          from trajectories t
          join households h on h.municipality_id = t.municipality_id and h.id = t.household_id
          join staff c on c.municipality_id = t.municipality_id and c.id = t.coordinator_id
          left join neighbourhoods n on n.municipality_id = h.municipality_id and n.code = h.neighbourhood_code
         where t.municipality_id = (caller->>'municipalityId')::uuid
           and t.team_id = any(case_team_ids)
           and t.id = p_trajectory_id;
        if found_trajectory is null then return json_build_object('caller', caller); end if;
        insert into audit_events (municipality_id, id, actor_id, actor_role, on_behalf_of, action,
                                  object_type, object_id, resident_id, reason, result, request_id)
          select (caller->>'municipalityId')::uuid, new_uuidv7(), (caller->>'staffId')::uuid,
                 caller->>'role', null, 'trajectory.read', 'trajectory', p_trajectory_id::text,
                 member_id, null, 'success', p_request_id
            from unnest(case when cardinality(member_ids) = 0 then array[null::uuid]
                             else member_ids end) as member_id;
        return json_build_object('caller', caller, 'trajectory', found_trajectory);
      end
      $$;
  `.execute(db);
}

export async function up(db: Kysely<unknown>): Promise<void> {
  await addColumns(db);
  await convertEarlierRelapses(db);
  await readTrajectoryWithNoteCodes(db);
}
