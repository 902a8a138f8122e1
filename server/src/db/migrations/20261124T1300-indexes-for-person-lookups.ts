// Indexes on every reference to a resident, household, trajectory or registration (and to a
// group participant, who is a resident in a group). PostgreSQL indexes a primary key, not the
// columns that point at one. Without them the lookups by person scanned whole tables: on the large
// bench city (session 13) the right of access (an export of one resident) took about 100 ms and
// erasing one household about 160 ms, most of it scans of registrations (153,000 rows) and signals
// (131,000) by household or resident. They also serve the trajectory's own tabs (its case
// conferences, its werkbudget requests) and the checks of each foreign key. A test
// (indexes.test.ts) keeps the rule for tables added later.
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create index registrations_by_household on registrations (municipality_id, household_id);
    create index registrations_by_resident on registrations (municipality_id, resident_id);
    create index registrations_by_trajectory on registrations (municipality_id, trajectory_id);
    create index referrals_by_registration on referrals (municipality_id, registration_id);
    create index referrals_by_household on referrals (municipality_id, household_id);
    create index signals_by_household on signals (municipality_id, household_id);
    create index case_conferences_by_trajectory on case_conferences (municipality_id, trajectory_id);
    create index work_budget_requests_by_trajectory
      on work_budget_requests (municipality_id, trajectory_id);
    create index volunteer_matches_by_trajectory on volunteer_matches (municipality_id, trajectory_id);
    create index group_participants_by_trajectory
      on group_participants (municipality_id, trajectory_id);
    create index group_participants_by_resident on group_participants (municipality_id, resident_id);
    create index group_attendance_by_participant
      on group_attendance (municipality_id, participant_id);
    create index item_loans_by_trajectory on item_loans (municipality_id, trajectory_id);
    create index item_loans_by_resident on item_loans (municipality_id, resident_id);
    create index resident_invitations_by_resident
      on resident_invitations (municipality_id, resident_id);
    create index resident_sessions_by_resident on resident_sessions (municipality_id, resident_id);
    create index resident_offers_by_resident on resident_offers (municipality_id, resident_id);
    create index break_glass_grants_by_household on break_glass_grants (municipality_id, household_id);
  `.execute(db);
}
