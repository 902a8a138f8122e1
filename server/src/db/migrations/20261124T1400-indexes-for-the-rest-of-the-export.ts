// The last three sections of the right of access that looked a resident or household up without
// an index (after migration 20261124T1300): the portal's messages and the sign-in challenges by
// resident, and the erasure cases by household. None of these columns has a foreign key, so
// indexes.test.ts does not ask for them; the export does (privacy.service.ts, EXPORTED_TABLES).
// The portal's messages grow with every trajectory a resident follows online.
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create index resident_messages_by_resident on resident_messages (municipality_id, resident_id);
    create index sign_in_challenges_by_subject
      on sign_in_challenges (municipality_id, subject_kind, subject_id);
    create index erasure_cases_by_household on erasure_cases (municipality_id, household_id);
  `.execute(db);
}
