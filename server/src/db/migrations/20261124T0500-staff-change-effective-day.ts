// A change of teams, hours, organisation, role or activity can take effect on an earlier day than
// the one it is entered on: a contract changes on the 1st, the administrator enters it on the
// 15th. The staff screen sends that day (`effectiveFrom`, checked by organisation.service.ts) and
// the transaction carries it as `app.staff_change_from`; record_staff_period (migration
// 20261124T0300) dates the new stretch from it instead of today. Without the setting nothing
// changes: every other writer dates a change from the day it is made.
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create or replace function record_staff_period() returns trigger
      language plpgsql security definer set search_path = public, pg_temp
      as $$
      declare
        v_municipality uuid;
        v_staff uuid;
        v_today date := (now() at time zone 'Europe/Amsterdam')::date;
        v_from date := coalesce(nullif(current_setting('app.staff_change_from', true), '')::date,
                                v_today);
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

        if (v_open.organisation_id, v_open.role, v_open.hours_per_week, v_open.team_ids, v_open.active)
           is not distinct from
           (v_now.organisation_id, v_now.role, v_now.hours_per_week, v_now.team_ids, v_now.active) then
          return null;
        end if;

        -- The open stretch began on or after the change's day: the change rewrites it.
        if v_open.valid_from >= v_from then
          update staff_periods
             set organisation_id = v_now.organisation_id, role = v_now.role,
                 hours_per_week = v_now.hours_per_week, team_ids = v_now.team_ids, active = v_now.active
           where municipality_id = v_municipality and staff_id = v_staff and valid_from = v_open.valid_from;
          return null;
        end if;

        update staff_periods set valid_until = v_from
         where municipality_id = v_municipality and staff_id = v_staff and valid_from = v_open.valid_from;
        insert into staff_periods (municipality_id, staff_id, valid_from, organisation_id, role,
                                   hours_per_week, team_ids, active)
          values (v_municipality, v_staff, v_from, v_now.organisation_id, v_now.role,
                  v_now.hours_per_week, v_now.team_ids, v_now.active);
        return null;
      end
      $$;
  `.execute(db);
}
