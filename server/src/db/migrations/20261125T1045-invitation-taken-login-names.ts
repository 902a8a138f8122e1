// An invitation code counts the login names it found taken. Activation says "is al in gebruik"
// for a name that staff or another resident already has, so a code could be used to ask, one
// address after another, who has an account. Now a code may find a taken name only a few times
// (portal.service.ts, MAX_TAKEN_LOGIN_NAMES); then it is spent and the resident asks the team for
// a new one. The attempts are also throttled per code and per client address (auth/throttle.ts).
//
// Safe while servers of the previous version still run (a rolling deploy): the column has a
// default, which their inserts take, and they never read it.
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    alter table resident_invitations
      add column taken_login_names smallint not null default 0
        check (taken_login_names >= 0)`.execute(db);
}
