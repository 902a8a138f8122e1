// Who worked how many hours in which team, and since when: one row per stretch of days in which a
// staff member's teams, hours, organisation, role and being active stayed the same.
//
// Why: the business case prices a year's seconded hours and shares the execution budget by the
// teams' hours. It used to read today's staff for every year: someone who left last spring was
// missing from last year, and a change of hours this month rewrote five years of costs. A
// controller counts a year with that year's staff.
//
// The database keeps the stretches itself: a trigger on staff and staff_teams, deferred to the
// commit, so that it sees a change whole (a team change deletes and inserts staff_teams rows) and
// every writer alike (the app, the setup script, the demo, the bench city). A change closes the
// open stretch on the day it is made (Amsterdam's calendar day) and opens the next; a second change
// on the same day rewrites that day's stretch, so the last state of a day is what counts. The first
// stretch starts on the day the staff row was created: that is as far back as anything is known.
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table staff_periods (
      municipality_id uuid not null,
      staff_id uuid not null,
      valid_from date not null,
      -- The first day it no longer held; null while it still holds.
      valid_until date,
      organisation_id uuid,
      role text not null,
      hours_per_week numeric(4, 1) not null,
      team_ids uuid[] not null,
      active boolean not null,
      primary key (municipality_id, staff_id, valid_from),
      foreign key (municipality_id, staff_id) references staff (municipality_id, id) on delete cascade,
      check (valid_until is null or valid_until > valid_from)
    );
    create unique index staff_periods_open on staff_periods (municipality_id, staff_id)
      where valid_until is null;

    comment on table staff_periods is
      'Stretches of days with the same teams, hours, organisation, role and activity per staff member; kept by record_staff_period';

    create function record_staff_period() returns trigger
      language plpgsql security definer set search_path = public, pg_temp
      as $$
      declare
        v_municipality uuid;
        v_staff uuid;
        v_today date := (now() at time zone 'Europe/Amsterdam')::date;
        v_now record;
        v_open staff_periods%rowtype;
      begin
        if tg_op = 'DELETE' then
          v_municipality := old.municipality_id;
          v_staff := old.staff_id;
        elsif tg_table_name = 'staff' then
          v_municipality := new.municipality_id;
          v_staff := new.id;
        else
          v_municipality := new.municipality_id;
          v_staff := new.staff_id;
        end if;

        select s.organisation_id, s.role, s.hours_per_week, s.active,
               (s.created_at at time zone 'Europe/Amsterdam')::date as created_on,
               coalesce(array(select st.team_id from staff_teams st
                 where st.municipality_id = s.municipality_id and st.staff_id = s.id
                 order by st.team_id), '{}'::uuid[]) as team_ids
          into v_now
          from staff s where s.municipality_id = v_municipality and s.id = v_staff;
        -- The staff row itself is gone (its stretches went with it).
        if not found then return null; end if;

        select * into v_open from staff_periods p
          where p.municipality_id = v_municipality and p.staff_id = v_staff and p.valid_until is null
          for update;
        if not found then
          insert into staff_periods (municipality_id, staff_id, valid_from, organisation_id, role,
                                     hours_per_week, team_ids, active)
            values (v_municipality, v_staff, least(v_now.created_on, v_today), v_now.organisation_id,
                    v_now.role, v_now.hours_per_week, v_now.team_ids, v_now.active);
          return null;
        end if;

        -- Every row event of the transaction fires this at the commit; the first one records.
        if (v_open.organisation_id, v_open.role, v_open.hours_per_week, v_open.team_ids, v_open.active)
           is not distinct from
           (v_now.organisation_id, v_now.role, v_now.hours_per_week, v_now.team_ids, v_now.active) then
          return null;
        end if;

        if v_open.valid_from >= v_today then
          update staff_periods
             set organisation_id = v_now.organisation_id, role = v_now.role,
                 hours_per_week = v_now.hours_per_week, team_ids = v_now.team_ids, active = v_now.active
           where municipality_id = v_municipality and staff_id = v_staff and valid_from = v_open.valid_from;
          return null;
        end if;

        update staff_periods set valid_until = v_today
         where municipality_id = v_municipality and staff_id = v_staff and valid_from = v_open.valid_from;
        insert into staff_periods (municipality_id, staff_id, valid_from, organisation_id, role,
                                   hours_per_week, team_ids, active)
          values (v_municipality, v_staff, v_today, v_now.organisation_id, v_now.role,
                  v_now.hours_per_week, v_now.team_ids, v_now.active);
        return null;
      end
      $$;
    revoke all on function record_staff_period() from public;

    create constraint trigger staff_period_on_staff
      after insert or update of organisation_id, role, hours_per_week, active on staff
      deferrable initially deferred
      for each row execute function record_staff_period();
    create constraint trigger staff_period_on_teams
      after insert or delete on staff_teams
      deferrable initially deferred
      for each row execute function record_staff_period();

    -- What is known today: each staff member as they are, since their row was created.
    insert into staff_periods (municipality_id, staff_id, valid_from, organisation_id, role,
                               hours_per_week, team_ids, active)
      select s.municipality_id, s.id,
             least((s.created_at at time zone 'Europe/Amsterdam')::date,
                   (now() at time zone 'Europe/Amsterdam')::date),
             s.organisation_id, s.role, s.hours_per_week,
             coalesce(array(select st.team_id from staff_teams st
               where st.municipality_id = s.municipality_id and st.staff_id = s.id
               order by st.team_id), '{}'::uuid[]),
             s.active
        from staff s;

    alter table staff_periods enable row level security;
    alter table staff_periods force row level security;
    create policy tenant_isolation on staff_periods
      using (municipality_id = app_current_municipality())
      with check (municipality_id = app_current_municipality());
    -- The trigger runs as the owner, also where no tenant is set (the setup script, a migration).
    create policy owner_history on staff_periods to current_user using (true);
    grant select on staff_periods to samenkracht_app;
  `.execute(db);
}
