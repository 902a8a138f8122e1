// A resident carries their household's team, so that the residents' row-level security compares a
// column instead of looking up the household (with the households' own policies) for every
// resident. Measured on the large bench city: the monitor's household sizes 296 -> 201 ms, age
// bands 303 -> 200 ms, the monitor about 1.2 -> 1.0 s (bench/README.md). What the residents'
// policies let through stays what the households' policies let through: the household's team,
// and for reading a household opened by breaking the glass; the restrictive resident_household
// policy on residents is unchanged.
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    alter table residents add column if not exists team_id uuid;
    update residents r set team_id = h.team_id
      from households h
      where h.municipality_id = r.municipality_id and h.id = r.household_id
        and r.team_id is distinct from h.team_id;

    -- New and moved residents take their household's team. As the caller: a household the caller
    -- cannot see gives no team, and the policy below then refuses the row, as before.
    create function residents_take_household_team() returns trigger
      language plpgsql
      as $$
      begin
        new.team_id := (select h.team_id from households h
                        where h.municipality_id = new.municipality_id and h.id = new.household_id);
        return new;
      end
      $$;
    create trigger residents_household_team before insert or update of household_id on residents
      for each row execute function residents_take_household_team();

    -- A household moved to another team takes its members along. As the owner: the members are
    -- the household's, whatever teams the caller may otherwise see.
    create function households_move_residents() returns trigger
      language plpgsql security definer set search_path = public, pg_temp
      as $$
      begin
        update residents set team_id = new.team_id
          where municipality_id = new.municipality_id and household_id = new.id;
        return null;
      end
      $$;
    revoke all on function households_move_residents() from public;
    create trigger households_team_to_residents after update of team_id on households
      for each row when (old.team_id is distinct from new.team_id)
      execute function households_move_residents();

    alter policy team_isolation on residents
      using (municipality_id = (select app_current_municipality())
             and team_id = any ((select app_current_team_ids())::uuid[]))
      with check (municipality_id = (select app_current_municipality())
                  and team_id = any ((select app_current_team_ids())::uuid[]));
    -- Reading the members of a household opened by breaking the glass, as households allow.
    create policy break_glass_read on residents for select
      using (municipality_id = (select app_current_municipality())
             and household_id = any ((select app_glass_household_ids())::uuid[]));
    create index residents_by_team on residents (municipality_id, team_id);
  `.execute(db);
}
