// The resident's restrictive policy (`resident_household`, migration 20261123T1600) written so
// that PostgreSQL's planner no longer takes it for a filter that drops 99.5% of the rows.
//
// Why: the policy reads "no resident scope, or the row is of the resident's household". Written
// as `(select app_resident_household()) is null or ...`, the planner estimates the `is null` of a
// sub-select's value at 0.5% (its default for an unknown IS NULL), so for a staff member, for
// whom it is always true, every scan of these tables was estimated at about 1/200th of its real
// size. On the large bench city the waiting list (`registrations?status=new`, limit 100) was then
// planned as "fetch the few matching rows and sort them": it read all 36,000 waiting rows of a
// team and took 73-93 ms; with the estimate right it walks the index in order and stops after
// 100 rows, 0.5 ms (bench/README.md, session 7). `(select app_resident_household() is null)` is
// one boolean computed once per statement, which the planner estimates at 50%: the same rule,
// the same rows, a plan that fits what staff actually read.
import { sql, type Kysely } from 'kysely';

/** No resident scope: a staff session (or the owner's own work), for which the policy is true. */
const noResidentScope = sql`(select app_resident_household() is null)`;
const residentHousehold = sql`(select app_resident_household())`;
const currentMunicipality = sql`(select app_current_municipality())`;

export async function up(db: Kysely<unknown>): Promise<void> {
  const byHousehold = sql`${noResidentScope} or household_id = ${residentHousehold}`;
  const byTrajectory = sql`${noResidentScope} or trajectory_id in (
    select t.id from trajectories t where t.municipality_id = ${currentMunicipality}
      and t.household_id = ${residentHousehold})`;
  const byResident = sql`${noResidentScope} or resident_id in (
    select r.id from residents r where r.municipality_id = ${currentMunicipality}
      and r.household_id = ${residentHousehold})`;
  const households = sql`${noResidentScope} or id = ${residentHousehold}`;

  await sql`alter policy resident_household on households using (${households}) with check (${households})`.execute(
    db,
  );
  for (const table of ['residents', 'trajectories', 'registrations', 'referrals', 'signals']) {
    await sql`alter policy resident_household on ${sql.table(table)}
      using (${byHousehold}) with check (${byHousehold})`.execute(db);
  }
  for (const table of [
    'trajectory_events',
    'plan_versions',
    'plan_actions',
    'network_members',
    'contacts',
    'case_conferences',
    'assessments',
    'work_budget_requests',
    'resident_messages',
    'volunteer_matches',
  ]) {
    await sql`alter policy resident_household on ${sql.table(table)}
      using (${byTrajectory}) with check (${byTrajectory})`.execute(db);
  }
  for (const table of ['resident_accounts', 'resident_invitations', 'resident_offers']) {
    await sql`alter policy resident_household on ${sql.table(table)}
      using (${byResident}) with check (${byResident})`.execute(db);
  }
  await sql`
    alter policy resident_household on assessment_scores
      using (${noResidentScope} or assessment_id in (
        select a.id from assessments a join trajectories t on t.municipality_id = a.municipality_id and t.id = a.trajectory_id
        where a.municipality_id = ${currentMunicipality} and t.household_id = ${residentHousehold}));
    alter policy resident_household on audit_events using (${byResident});
  `.execute(db);

  // Every resident_household policy must now have the new form: one left behind would keep its
  // bad estimate without anyone noticing.
  await sql`
    do $$
    begin
      if exists (select 1 from pg_policies where policyname = 'resident_household'
                 and (qual like '%AS app_resident_household) IS NULL%'
                      or with_check like '%AS app_resident_household) IS NULL%')) then
        raise exception 'a resident_household policy still tests the scope with IS NULL outside its sub-select';
      end if;
    end $$;
  `.execute(db);
}
