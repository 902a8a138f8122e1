// The privacy officer's demo: Noor Habets (privacy@maastricht.demo) holds the privacy duty, and
// finds a few things to look at: a break-the-glass access by Fatima El Idrissi (Team Oost) to a
// household of Team Noordwest on the previous working day, Mohammed Bouzid reading a file late on a Saturday
// evening, and one file (a household in Malberg, closed in March 2009) past its 15-year period.
import { sql } from 'kysely';
import type { Trx } from '../platform/db.js';
import { newId } from '../platform/ids.js';

/** A moment in Amsterdam local time, `days` days ago at hh:mm. */
function amsterdamAt(daysAgo: number, time: string) {
  return sql<Date>`(((now() at time zone 'Europe/Amsterdam')::date - ${daysAgo}::int) + ${time}::time)
    at time zone 'Europe/Amsterdam'`;
}

export async function seedPrivacy(
  trx: Trx,
  municipalityId: string,
  staffByEmail: Map<string, string>,
): Promise<void> {
  const officer = staffByEmail.get('privacy@maastricht.demo');
  if (officer) {
    await trx
      .insertInto('privacy_duties')
      .values({ municipality_id: municipalityId, staff_id: officer })
      .execute();
  }
  const fatima = staffByEmail.get('worker2@maastricht.demo');
  const mohammed = staffByEmail.get('m.bouzid@maastricht.demo');
  const { rows: noordwest } = await sql<{
    household_id: string;
    team_id: string;
    resident_id: string;
  }>`
    select h.id as household_id, h.team_id, r.id as resident_id
    from households h join teams t on t.municipality_id = h.municipality_id and t.id = h.team_id
    join residents r on r.municipality_id = h.municipality_id and r.household_id = h.id
    where h.municipality_id = ${municipalityId} and t.name like '%Noordwest%'
    order by h.created_at, r.birth_date limit 2`.execute(trx);
  const target = noordwest[0];
  const audit = (
    actor: string,
    role: string,
    action: string,
    objectType: string,
    objectId: string,
    residentId: string,
    at: ReturnType<typeof amsterdamAt>,
    reason: string | null = null,
  ) =>
    trx
      .insertInto('audit_events')
      .values({
        municipality_id: municipalityId,
        id: newId(),
        at,
        actor_id: actor,
        actor_role: role,
        on_behalf_of: null,
        action,
        object_type: objectType,
        object_id: objectId,
        resident_id: residentId,
        reason,
        result: 'success',
        request_id: null,
      })
      .execute();

  // The previous working day (the break the glass happened at 16:42, within office hours).
  const { rows: isodow } = await sql<{ d: number }>`
    select extract(isodow from (now() at time zone 'Europe/Amsterdam')::date)::int as d`.execute(
    trx,
  );
  const today = isodow[0]?.d ?? 3;
  const workday = today === 1 ? 3 : today === 7 ? 2 : 1;
  if (fatima && target) {
    const reason =
      'Buurvrouw belt: mevrouw is onwel en alleen thuis; de coördinator van Noordwest is vandaag niet bereikbaar.';
    await trx
      .insertInto('break_glass_grants')
      .values({
        municipality_id: municipalityId,
        id: newId(),
        staff_id: fatima,
        household_id: target.household_id,
        team_id: target.team_id,
        reason,
        created_at: amsterdamAt(workday, '16:42'),
        expires_at: amsterdamAt(workday - 1, '00:00'),
      })
      .execute();
    await audit(
      fatima,
      'worker',
      'break_glass.open',
      'household',
      target.household_id,
      target.resident_id,
      amsterdamAt(workday, '16:42'),
      reason,
    );
    await audit(
      fatima,
      'worker',
      'household.read',
      'household',
      target.household_id,
      target.resident_id,
      amsterdamAt(workday, '16:43'),
    );
  }
  if (mohammed && target) {
    // The last Saturday before today, 22:40 (Monday: 2 days ago, Saturday itself: a week ago).
    const daysAgo = (today + 1) % 7 === 0 ? 7 : (today + 1) % 7;
    await audit(
      mohammed,
      'worker',
      'household.read',
      'household',
      target.household_id,
      target.resident_id,
      amsterdamAt(daysAgo, '22:40'),
    );
  }

  // A file past retention: supported in 2008-2009, closed on 12 March 2009 (Wmo, 15 years).
  const teamRow = await sql<{ id: string }>`
    select id from teams where municipality_id = ${municipalityId} and name like '%Noordwest%'`.execute(
    trx,
  );
  const teamId = teamRow.rows[0]?.id;
  const coordinator = staffByEmail.get('l.smeets@maastricht.demo');
  if (teamId && coordinator) {
    const householdId = newId();
    await trx
      .insertInto('households')
      .values({
        municipality_id: municipalityId,
        id: householdId,
        team_id: teamId,
        postcode: '6215EK',
        house_number: 31,
        house_letter: null,
        house_number_addition: null,
        street: 'Malbergsingel',
        city: 'Maastricht',
        neighbourhood_code: 'BU09350207',
      })
      .execute();
    await trx
      .insertInto('residents')
      .values({
        municipality_id: municipalityId,
        id: newId(),
        household_id: householdId,
        given_name: 'Gerda',
        family_name: 'Houben',
        birth_date: '1949-05-02',
        bsn_hash: null,
        bsn_masked: null,
        phone: null,
        email: null,
      })
      .execute();
    await trx
      .insertInto('trajectories')
      .values({
        municipality_id: municipalityId,
        id: newId(),
        household_id: householdId,
        team_id: teamId,
        coordinator_id: coordinator,
        status: 'closed',
        opened_at: '2008-06-03T09:00:00+02:00',
        closed_at: new Date('2009-03-12T15:00:00+01:00'),
        outcome: 'goals_achieved',
        close_reason: 'Thuiszorg geregeld, dochter neemt de administratie over.',
        no_closing_measurement_reason: 'Afgesloten vóór de ZRM in gebruik was',
      })
      .execute();
  }
}
