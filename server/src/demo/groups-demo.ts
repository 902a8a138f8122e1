// Demo of collective support in Sociaal Team Noordwest (all invented): a coffee morning in
// Malpertuis and an administration class in Caberg with sessions, participants from the team's
// trajectories (each with a "Deelnemen aan ..." action in the plan), attendance and a waiting
// place; a pool with two mobility scooters and a wheelchair on loan; and the demo volunteer's
// account with a matched task.
import { sql } from 'kysely';
import type { Trx } from '../platform/db.js';
import type { ServiceContext } from '../platform/context.js';
import { newId } from '../platform/ids.js';
import { todayInAmsterdam } from '../platform/dates.js';
import { appendActionInTransaction } from '../modules/plans/plans.service.js';

export const DEMO_VOLUNTEER_EMAIL = 'vrijwilliger@maastricht.demo';

const addDays = (date: string, days: number) => {
  const d = new Date(`${date}T12:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
};
/** A wall-clock time in Maastricht on a day, as an instant (PostgreSQL knows the DST rules). */
const at = (date: string, time: string) =>
  sql<Date>`(${date}::date + ${time}::time) at time zone 'Europe/Amsterdam'`;
/** The most recent `weekday` (0 = Sunday) on or before `date`. */
const lastWeekday = (date: string, weekday: number) => {
  const d = new Date(`${date}T12:00:00Z`);
  return addDays(date, -((d.getUTCDay() - weekday + 7) % 7));
};

export async function seedGroups(
  trx: Trx,
  municipalityId: string,
  teamIds: Map<string, string>,
  staffByEmail: Map<string, string>,
  passwordHash: string,
) {
  const teamId = teamIds.get('noordwest') ?? '';
  const workerId = staffByEmail.get('worker@maastricht.demo') ?? '';
  const ctx = {
    actor: {
      staffId: workerId,
      municipalityId,
      name: 'demo',
      role: 'worker',
      teamIds: [teamId],
      csrfToken: '',
      householdId: null,
    },
    requestId: 'demo-seed',
  } as unknown as ServiceContext;
  const today = todayInAmsterdam();

  // The team's open trajectories and the members of their households (adults and children both
  // take part in the neighbourhood's activities), in a stable order.
  const { rows: cases } = await sql<{ trajectory_id: string; resident_id: string }>`
    select t.id as trajectory_id, r.id as resident_id from trajectories t
    join residents r on r.municipality_id = t.municipality_id and r.household_id = t.household_id
    where t.municipality_id = ${municipalityId}::uuid and t.team_id = ${teamId}::uuid
      and t.status <> 'closed'
    order by t.opened_at, r.family_name, r.given_name`.execute(trx);

  const groups = [
    {
      kind: 'coffee_morning' as const,
      name: 'Koffieochtend Malpertuis',
      description: 'Koffie, een praatje en samen de krant lezen. Iedereen is welkom.',
      domains: ['social_network', 'participation'],
      buurt: 'BU09350204',
      capacity: 12,
      weekday: 3,
      time: ['10:00', '12:00'],
      place: 'Buurthuis Malpertuis, Malpertuisplein',
      members: cases.slice(0, 6),
    },
    {
      kind: 'administration_class' as const,
      name: 'Administratieklas Caberg',
      description: 'In zes lessen zelf grip op post, toeslagen en de bank. Kleine groep.',
      domains: ['finances'],
      buurt: 'BU09350205',
      capacity: 3,
      weekday: 2,
      time: ['09:30', '11:30'],
      place: 'Buurthuis Caberg, lokaal 2',
      members: cases.slice(1, 5),
    },
  ];
  for (const g of groups) {
    const groupId = newId();
    await trx
      .insertInto('groups')
      .values({
        municipality_id: municipalityId,
        id: groupId,
        team_id: teamId,
        kind: g.kind,
        name: g.name,
        description: g.description,
        life_domains: g.domains,
        neighbourhood_code: g.buurt,
        capacity: g.capacity,
        created_by: workerId,
      })
      .execute();
    // Three sessions behind us, two ahead, weekly.
    const first = addDays(lastWeekday(today, g.weekday), -21);
    const sessions = [0, 7, 14, 28, 35].map((d) => ({ id: newId(), day: addDays(first, d) }));
    await trx
      .insertInto('group_sessions')
      .values(
        sessions.map((s) => ({
          municipality_id: municipalityId,
          id: s.id,
          team_id: teamId,
          group_id: groupId,
          starts_at: at(s.day, g.time[0] ?? '10:00'),
          ends_at: at(s.day, g.time[1] ?? '12:00'),
          place: g.place,
        })),
      )
      .execute();
    // One plan action per household ("Deelnemen aan ..."), shared by its members in the group.
    const actions = new Map<string, string>();
    for (const [i, member] of g.members.entries()) {
      let actionId = actions.get(member.trajectory_id);
      if (!actionId) {
        actionId = (
          await appendActionInTransaction(trx, ctx, member.trajectory_id, {
            description: `Deelnemen aan ${g.name}`,
            ownerType: 'collective',
            ownerName: g.name,
            domain: g.domains[0] as never,
          })
        ).actionId;
        actions.set(member.trajectory_id, actionId);
      }
      const hasPlace = i < g.capacity;
      const participantId = newId();
      await trx
        .insertInto('group_participants')
        .values({
          municipality_id: municipalityId,
          id: participantId,
          team_id: teamId,
          group_id: groupId,
          trajectory_id: member.trajectory_id,
          resident_id: member.resident_id,
          action_id: actionId,
          status: hasPlace ? 'participant' : 'waiting',
          joined_at: hasPlace ? at(first, '09:00') : null,
          waiting_since: hasPlace ? null : at(addDays(today, -3), '14:00'),
          created_by: workerId,
        })
        .execute();
      if (!hasPlace) continue;
      // Attendance of the sessions already held: most came, one missed one.
      for (const [s, session] of sessions.slice(0, 3).entries()) {
        await trx
          .insertInto('group_attendance')
          .values({
            municipality_id: municipalityId,
            team_id: teamId,
            session_id: session.id,
            participant_id: participantId,
            present: !(i === 1 && s === 1),
            recorded_by: workerId,
          })
          .execute();
      }
    }
  }

  // The uitleenpool: two scooters (one overdue), a wheelchair, and a returned loan.
  const items = [
    {
      kind: 'mobility_scooter' as const,
      name: 'Scootmobiel Noordwest 1',
      description: 'Vier wielen, actieradius 30 km, sleutel bij het buurthuis',
    },
    {
      kind: 'mobility_scooter' as const,
      name: 'Scootmobiel Noordwest 2',
      description: 'Drie wielen, wendbaar, voor binnen en buiten',
    },
    {
      kind: 'wheelchair' as const,
      name: 'Rolstoel (opvouwbaar)',
      description: 'Voor een dag uit of een bezoek aan het ziekenhuis',
    },
  ].map((i) => ({ ...i, id: newId() }));
  await trx
    .insertInto('shared_items')
    .values(
      items.map((i) => ({
        municipality_id: municipalityId,
        id: i.id,
        team_id: teamId,
        kind: i.kind,
        name: i.name,
        description: i.description,
        neighbourhood_code: null,
      })),
    )
    .execute();
  const loans = [
    { item: 0, who: 0, from: -10, until: 11, returned: null },
    { item: 1, who: 3, from: -30, until: -4, returned: null },
    { item: 1, who: 5, from: -60, until: -45, returned: -46 },
    { item: 2, who: 6, from: 3, until: 5, returned: null },
  ];
  for (const loan of loans) {
    const who = cases[loan.who] ?? cases[0];
    const item = items[loan.item];
    if (!who || !item) continue;
    await trx
      .insertInto('item_loans')
      .values({
        municipality_id: municipalityId,
        id: newId(),
        team_id: teamId,
        item_id: item.id,
        trajectory_id: who.trajectory_id,
        resident_id: who.resident_id,
        from_date: addDays(today, loan.from),
        until_date: addDays(today, loan.until),
        returned_on: loan.returned === null ? null : addDays(today, loan.returned),
        note: '',
        created_by: workerId,
      })
      .execute();
  }

  // The demo volunteer signs in and sees one task: Anja Meertens of the demo pool.
  const volunteerStaffId = newId();
  await trx
    .insertInto('staff')
    .values({
      municipality_id: municipalityId,
      id: volunteerStaffId,
      name: 'Anja Meertens',
      email: DEMO_VOLUNTEER_EMAIL,
      role: 'volunteer',
      organisation_id: null,
      hours_per_week: 4,
      expertise: [],
    })
    .execute();
  await trx
    .insertInto('credentials')
    .values({
      municipality_id: municipalityId,
      staff_id: volunteerStaffId,
      password_hash: passwordHash,
    })
    .execute();
  const anja = await trx
    .updateTable('volunteers')
    .set({ staff_id: volunteerStaffId })
    .where('municipality_id', '=', municipalityId)
    .where('name', '=', 'Anja Meertens')
    .returning('id')
    .executeTakeFirst();
  const matched = cases[1];
  if (anja && matched) {
    const firstName = await trx
      .selectFrom('residents')
      .select('given_name')
      .where('municipality_id', '=', municipalityId)
      .where('id', '=', matched.resident_id)
      .executeTakeFirst();
    await trx
      .insertInto('volunteer_matches')
      .values({
        municipality_id: municipalityId,
        id: newId(),
        team_id: teamId,
        trajectory_id: matched.trajectory_id,
        action_id: null,
        volunteer_id: anja.id,
        resident_first_name: firstName?.given_name ?? 'de bewoner',
        task: 'Samen de post van de week doornemen en op een rij zetten',
        where_text: 'Bij de bewoner thuis in Caberg',
        when_text: 'Dinsdagochtend, wekelijks',
        follow_up_on: addDays(today, 14),
        created_by: workerId,
      })
      .execute();
  }
}
