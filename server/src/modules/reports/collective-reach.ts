// Collective reach (issue 10, feeding the monitor's support mix): how many residents were helped
// collectively (a group the team runs, an item from the uitleenpool) or by a volunteer, and how
// many individual questions (trajectories) were answered by a collective provision in the plan.
// Aggregates only; the public report suppresses small numbers like every other section.
import { sql } from 'kysely';
import type { Trx } from '../../platform/db.js';
import type { Label } from './labels.js';
import type { Section, Table } from './monitor.service.js';

/** The monitor's own parameters (one municipality, the chosen teams, period and buurt). */
export interface ReachParams {
  municipalityId: string;
  teamIds: string[];
  from: string;
  to: string;
  buurt: string | null;
}

const GROUP_KINDS: Record<string, Label> = {
  coffee_morning: { nl: 'Koffieochtend', en: 'Coffee morning' },
  administration_class: { nl: 'Administratieklas', en: 'Administration class' },
  course: { nl: 'Cursus', en: 'Course' },
  activity: { nl: 'Activiteit', en: 'Activity' },
  other: { nl: 'Anders', en: 'Other' },
};

/** The period's first instant and the instant after its last day, in Amsterdam. */
const start = (p: ReachParams) => sql`(${p.from}::date::timestamp at time zone 'Europe/Amsterdam')`;
const end = (p: ReachParams) =>
  sql`((${p.to}::date + 1)::timestamp at time zone 'Europe/Amsterdam')`;
const inBuurt = (p: ReachParams, householdId: string) => sql`(${p.buurt}::text is null or exists (
  select 1 from households h where h.municipality_id = ${p.municipalityId}::uuid
    and h.id = ${sql.ref(householdId)} and h.neighbourhood_code = ${p.buurt}::text))`;

export async function collectiveReach(trx: Trx, p: ReachParams): Promise<Section> {
  // Took part in a group at some time in the period (a place, not a waiting place).
  const participants = sql`
    select p.resident_id, g.kind from group_participants p
    join groups g on g.municipality_id = p.municipality_id and g.id = p.group_id
    join residents r on r.municipality_id = p.municipality_id and r.id = p.resident_id
    where p.municipality_id = ${p.municipalityId}::uuid and p.team_id = any(${p.teamIds}::uuid[])
      and p.joined_at is not null and p.joined_at < ${end(p)}
      and (p.left_at is null or p.left_at >= ${start(p)})
      and ${inBuurt(p, 'r.household_id')}`;
  // Had an item of the pool on some day of the period (a reservation cancelled before it started
  // never had it).
  const borrowers = sql`
    select l.resident_id from item_loans l
    join residents r on r.municipality_id = l.municipality_id and r.id = l.resident_id
    where l.municipality_id = ${p.municipalityId}::uuid and l.team_id = any(${p.teamIds}::uuid[])
      and l.cancelled_on is null and l.from_date <= ${p.to}::date and coalesce(l.returned_on, l.until_date) >= ${p.from}::date
      and ${inBuurt(p, 'r.household_id')}`;
  const counts = await sql<{
    collective: number;
    groups: number;
    loans: number;
    volunteers: number;
  }>`
    select
      (select count(distinct resident_id)::int from (
        select resident_id from (${participants}) a union select resident_id from (${borrowers}) b) c) as collective,
      (select count(distinct resident_id)::int from (${participants}) a) as groups,
      (select count(distinct resident_id)::int from (${borrowers}) b) as loans,
      (select count(distinct m.trajectory_id)::int from volunteer_matches m
        join trajectories t on t.municipality_id = m.municipality_id and t.id = m.trajectory_id
        where m.municipality_id = ${p.municipalityId}::uuid and m.team_id = any(${p.teamIds}::uuid[])
          and m.created_at < ${end(p)} and (m.ended_at is null or m.ended_at >= ${start(p)})
          and ${inBuurt(p, 't.household_id')}) as volunteers`.execute(trx);
  // Trajectories opened in the period, and those whose plan has an action carried by a collective
  // provision (a social map offer or a group: owner type "collective"), not dropped: the counts
  // per owner kept on each trajectory (trajectories.plan_actions_by_owner).
  const questions = await sql<{ opened: number; collective: number }>`
    select count(*)::int as opened,
      count(*) filter (where t.plan_actions_by_owner ? 'collective')::int as collective
    from trajectories t
    where t.municipality_id = ${p.municipalityId}::uuid and t.team_id = any(${p.teamIds}::uuid[])
      and t.opened_at >= ${start(p)} and t.opened_at < ${end(p)}
      and ${inBuurt(p, 't.household_id')}`.execute(trx);
  const byKind = await sql<{ key: string; n: number }>`
    select kind as key, count(distinct resident_id)::int as n from (${participants}) a group by kind`.execute(
    trx,
  );
  const c = counts.rows[0] ?? { collective: 0, groups: 0, loans: 0, volunteers: 0 };
  const q = questions.rows[0] ?? { opened: 0, collective: 0 };
  const kinds: Table = {
    key: 'group_participants_by_kind',
    title: {
      nl: 'Deelnemers aan groepen, per soort groep (aantal inwoners)',
      en: 'Group participants, per kind of group (residents)',
    },
    rows: Object.entries(GROUP_KINDS).map(([key, label]) => ({
      key,
      label,
      value: byKind.rows.find((r) => r.key === key)?.n ?? 0,
    })),
    total: 0,
  };
  // Not a partition: one resident can take part in several kinds of group.
  kinds.total = c.groups;
  return {
    key: 'collective_reach',
    title: { nl: 'Collectief en informeel bereik', en: 'Collective and informal reach' },
    tables: [kinds],
    figures: [
      {
        key: 'helped_collectively',
        title: {
          nl: 'Inwoners collectief geholpen (groep of uitleenpool)',
          en: 'Residents helped collectively (group or item pool)',
        },
        value: c.collective,
        basedOn: c.collective,
        unit: 'count',
      },
      {
        key: 'item_borrowers',
        title: {
          nl: 'Inwoners met een item uit de uitleenpool',
          en: 'Residents who borrowed an item',
        },
        value: c.loans,
        basedOn: c.loans,
        unit: 'count',
      },
      {
        key: 'helped_by_volunteers',
        title: {
          nl: 'Trajecten met een vrijwilliger gekoppeld',
          en: 'Trajectories with a volunteer matched',
        },
        value: c.volunteers,
        basedOn: c.volunteers,
        unit: 'count',
      },
      {
        key: 'questions_answered_collectively',
        title: {
          nl: 'Nieuwe trajecten met een collectieve voorziening in het plan',
          en: 'New trajectories with a collective provision in the plan',
        },
        value: q.collective,
        basedOn: q.collective,
        unit: 'count',
      },
      {
        key: 'questions_answered_collectively_share',
        title: {
          nl: 'Aandeel nieuwe trajecten met een collectieve voorziening',
          en: 'Share of new trajectories with a collective provision',
        },
        value: q.opened === 0 ? null : Math.round((q.collective / q.opened) * 1000) / 1000,
        basedOn: q.opened,
        part: q.collective,
        unit: 'share',
      },
    ],
  };
}
