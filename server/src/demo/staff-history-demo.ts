// The demo team's history of teams and hours (staff_periods), so that the business case counts
// the past years with the staff of the time. Everyone has worked as they do now since 1 January
// two years ago, with two changes a controller would ask about:
//  - Sanne Jacobs went from 24 to 32 hours on 1 September last year;
//  - Marieke Lemmens (GGZ, Oost) left on 1 May last year.
// Written directly: the database's own trigger would date every stretch from today. At the commit
// it finds each open stretch equal to the staff row and adds nothing.
import { sql } from 'kysely';
import { kyselyExecutor } from './history/sql.js';
import { writePastChange, type PastChange } from './history/staff-periods.js';
import type { Trx } from '../platform/db.js';

const currentYear = () =>
  Number(
    new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Amsterdam', year: 'numeric' }).format(
      new Date(),
    ),
  );

export async function seedStaffHistory(
  trx: Trx,
  municipalityId: string,
  staffByEmail: Map<string, string>,
): Promise<void> {
  const since = `${currentYear() - 2}-01-01`;
  const lastYear = currentYear() - 1;
  // Everyone as they are now (teams, hours, organisation, role, active), since `since`.
  await sql`
    insert into staff_periods (municipality_id, staff_id, valid_from, organisation_id, role,
                               hours_per_week, team_ids, active)
    select s.municipality_id, s.id, ${since}::date, s.organisation_id, s.role, s.hours_per_week,
           coalesce(array(select st.team_id from staff_teams st
             where st.municipality_id = s.municipality_id and st.staff_id = s.id
             order by st.team_id), '{}'::uuid[]),
           s.active
    from staff s where s.municipality_id = ${municipalityId}`.execute(trx);

  const client = kyselyExecutor(trx);
  const split = (email: string, change: PastChange) => {
    const staffId = staffByEmail.get(email);
    if (!staffId) throw new Error(`the demo staff member ${email} is missing`);
    return writePastChange(client, municipalityId, staffId, since, change);
  };
  // Sanne Jacobs: 24 hours until 31 August last year, 32 since.
  await split('worker@maastricht.demo', { on: `${lastYear}-09-01`, hoursBefore: 24 });
  // Marieke Lemmens: active until 30 April last year (her row holds her as she is now: inactive).
  await split('m.lemmens@maastricht.demo', { on: `${lastYear}-05-01`, activeBefore: true });
}
