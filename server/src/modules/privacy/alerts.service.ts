// Unusual access, computed from the audit trail in SQL (stored: the review, and the trail's closed
// days grouped per hour, see audit-reads.ts):
//  - many files: a worker or team lead who, on one Amsterdam calendar day, opened more than the
//    municipality's threshold (default 20) distinct households outside that day's work of their
//    teams, i.e. a household without a trajectory in work that day in a team they were in that day
//    (another team's household, or a closed file);
//  - office hours: person data read or changed by staff outside the office hours (default weekdays
//    07:00-19:00 Europe/Amsterdam), one alert per staff member per day;
//  - break the glass: every grant, with its reason and how many reads it was used for.
// Each alert has a stable key; the privacy officer marks it reviewed with a note (audited).
import { sql } from 'kysely';
import type { ServiceContext } from '../../platform/context.js';
import { inTenant, setScope, type Trx } from '../../platform/db.js';
import { AppError, invalidField } from '../../platform/errors.js';
import { newId } from '../../platform/ids.js';
import { audit } from '../../platform/audit.js';
import { addDays, todayInAmsterdam } from '../../platform/dates.js';
import { groupClosedDays, groupClosedHours, readsByHour } from './audit-reads.js';
import { teams } from '../organisation/organisation.repository.js';
import { requirePrivacyDuty } from './privacy.service.js';

export type AlertKind = 'many_households' | 'outside_office_hours' | 'break_glass';

export interface PrivacyAlert {
  key: string;
  kind: AlertKind;
  day: string;
  actorId: string;
  actorName: string | null;
  /** Distinct households (many), events outside office hours (hours), reads under the grant (glass). */
  count: number;
  householdId: string | null;
  reason: string | null;
  firstAt: string;
  lastAt: string | null;
  review: { note: string; reviewedBy: string; reviewerName: string | null; at: string } | null;
}

export const DEFAULT_PRIVACY_SETTINGS = {
  officeHoursStart: 7,
  officeHoursEnd: 19,
  manyHouseholdsThreshold: 20,
  wmoRetentionYears: 15,
  youthRetentionYears: 20,
};

export async function privacySettingsOf(trx: Trx, municipalityId: string) {
  const row = await trx
    .selectFrom('privacy_settings')
    .selectAll()
    .where('municipality_id', '=', municipalityId)
    .executeTakeFirst();
  if (!row) return { ...DEFAULT_PRIVACY_SETTINGS, version: 0 };
  return {
    officeHoursStart: row.office_hours_start,
    officeHoursEnd: row.office_hours_end,
    manyHouseholdsThreshold: row.many_households_threshold,
    wmoRetentionYears: row.wmo_retention_years,
    youthRetentionYears: row.youth_retention_years,
    version: row.version,
  };
}

/** The privacy officer sees every team's households (to know whose they are). */
export async function widenToMunicipality(trx: Trx, municipalityId: string): Promise<void> {
  await setScope(trx, {
    municipalityId,
    teamIds: (await teams.list(trx, municipalityId)).map((t) => t.id),
  });
}

interface AlertRow {
  kind: AlertKind;
  key: string;
  day: string;
  actor_id: string;
  actor_name: string | null;
  count: number;
  household_id: string | null;
  reason: string | null;
  first_at: Date;
  last_at: Date | null;
  note: string | null;
  reviewed_by: string | null;
  reviewer_name: string | null;
  reviewed_at: Date | null;
}

export function listAlerts(
  ctx: ServiceContext,
  query: {
    from?: string | undefined;
    to?: string | undefined;
    status: 'open' | 'reviewed' | 'all';
  },
) {
  const { municipalityId } = ctx.actor;
  const to = query.to ?? todayInAmsterdam();
  const from = query.from ?? addDays(to, -30);
  // Scans the audit trail of a period: planned for its actual dates (TenantScope.customPlans).
  return inTenant(ctx.db, { municipalityId, teamIds: [], customPlans: true }, async (trx) => {
    await requirePrivacyDuty(trx, ctx.actor);
    await widenToMunicipality(trx, municipalityId);
    const settings = await privacySettingsOf(trx, municipalityId);
    await groupClosedDays(trx, municipalityId, from, to);
    await groupClosedHours(trx, municipalityId, from, to);
    const { rows } = await sql<AlertRow>`
      with period as (
        select (${from}::date)::timestamp at time zone 'Europe/Amsterdam' as t0,
               (${to}::date + 1)::timestamp at time zone 'Europe/Amsterdam' as t1
      ),
      -- Each resident a staff member opened on a day, once, with how many of those reads fell
      -- outside office hours. A file is read many times a day; the checks below run per file and
      -- day instead of per read. The reads come grouped per hour (audit-reads.ts): closed days
      -- from audit_reads_by_hour, today from the trail.
      opened_residents as (
        select se.actor_id, se.day, se.resident_id,
               se.actor_role in ('worker', 'team_lead') as casework,
               min(se.first_at) as first_at, max(se.last_at) as last_at,
               coalesce(sum(se.reads) filter (where se.outside_hours), 0)::int as outside_reads,
               min(se.first_at) filter (where se.outside_hours) as outside_first_at,
               max(se.last_at) filter (where se.outside_hours) as outside_last_at
        from (
          select r.*, extract(isodow from r.day) >= 6
                   or r.hour < ${settings.officeHoursStart}
                   or r.hour >= ${settings.officeHoursEnd} as outside_hours
          from ${readsByHour(municipalityId, from, to)} r
          -- A fence: whether an hour fell outside office hours is computed once per row, not
          -- copied into each aggregate above.
          offset 0
        ) se
        group by 1, 2, 3, 4
      ),
      -- The households a worker or team lead opened on a day: the first and last read of any
      -- of its members. Materialized: the checks below run once per household and day.
      opened_households as materialized (
        select se.actor_id, se.day, r.household_id,
               min(se.first_at) as first_at, max(se.last_at) as last_at
        from opened_residents se
        join residents r on r.municipality_id = ${municipalityId} and r.id = se.resident_id
        where se.casework
        group by 1, 2, 3
      ),
      -- The teams each of them was in on each such day: the stretch of staff_periods that covers
      -- the day, or the first one for a day before the history began. Materialized: looked up
      -- once per person and day, not once per household.
      actor_teams as materialized (
        select o.actor_id, o.day, coalesce(p.team_ids, '{}') as team_ids
        from (select distinct actor_id, day from opened_households) o
        left join lateral (
          select p.team_ids from staff_periods p
          where p.municipality_id = ${municipalityId} and p.staff_id = o.actor_id
            and (p.valid_until is null or p.valid_until > o.day)
          order by p.valid_from
          limit 1
        ) p on true
      ),
      -- Outside the day's work: the household had no trajectory in work that day (opened by its
      -- end, not closed before it, aftercare counting as work) of a team the staff member was in
      -- that day. Judged by that day, not today: a file closed since, or a worker who changed
      -- teams since, does not turn an ordinary day's reads into an alert afterwards.
      opened as (
        select o.actor_id, o.day, o.first_at, o.last_at, o.household_id
        from opened_households o
        join actor_teams a on a.actor_id = o.actor_id and a.day = o.day
        where not exists (
          select 1 from trajectories t
          where t.municipality_id = ${municipalityId} and t.household_id = o.household_id
            and t.team_id = any(a.team_ids)
            and t.opened_at < (o.day + 1)::timestamp at time zone 'Europe/Amsterdam'
            and (t.status <> 'closed'
                 or greatest((t.closed_at at time zone 'Europe/Amsterdam')::date,
                             t.aftercare_until) >= o.day)
        )
      ),
      alerts as (
        select 'many_households' as kind, 'many:' || actor_id || ':' || day as key, day, actor_id,
               count(distinct household_id)::int as count, null::uuid as household_id,
               null::text as reason, min(first_at) as first_at, max(last_at) as last_at
        from opened group by actor_id, day
        having count(distinct household_id) > ${settings.manyHouseholdsThreshold}
        union all
        select 'outside_office_hours', 'hours:' || actor_id || ':' || day, day,
               actor_id, sum(outside_reads)::int, null, null, min(outside_first_at),
               max(outside_last_at)
        from opened_residents
        where outside_reads > 0
        group by actor_id, day
        union all
        select 'break_glass', 'glass:' || g.id, (g.created_at at time zone 'Europe/Amsterdam')::date,
               g.staff_id,
               -- The reads of the household's members while the glass was open, each event
               -- once (a list naming two members is one read).
               (select count(*)::int from audit_events e
                 where e.municipality_id = g.municipality_id and e.actor_id = g.staff_id
                   and e.at >= g.created_at and e.at < g.expires_at
                   and e.action <> 'break_glass.open'
                   and exists (select 1 from residents r
                               where r.municipality_id = e.municipality_id
                                 and r.id = any(coalesce(e.resident_ids, array[e.resident_id]))
                                 and r.household_id = g.household_id)),
               g.household_id, g.reason, g.created_at, g.expires_at
        from break_glass_grants g, period p
        where g.municipality_id = ${municipalityId} and g.created_at >= p.t0 and g.created_at < p.t1
      )
      select a.kind, a.key, a.day::text as day, a.actor_id, s.name as actor_name, a.count,
             a.household_id, a.reason, a.first_at, a.last_at,
             v.note, v.reviewed_by, rs.name as reviewer_name, v.reviewed_at
      from alerts a
      left join staff s on s.municipality_id = ${municipalityId} and s.id = a.actor_id
      left join privacy_alert_reviews v on v.municipality_id = ${municipalityId} and v.alert_key = a.key
      left join staff rs on rs.municipality_id = ${municipalityId} and rs.id = v.reviewed_by
      where ${query.status} = 'all'
         or (${query.status} = 'open' and v.id is null)
         or (${query.status} = 'reviewed' and v.id is not null)
      order by a.first_at desc, a.key
    `.execute(trx);
    await audit(trx, ctx, {
      action: 'privacy_alert.list',
      objectType: 'privacy_alert',
      reason: `period ${from}..${to}, ${query.status}`,
    });
    return rows.map((r): PrivacyAlert => ({
      key: r.key,
      kind: r.kind,
      day: r.day,
      actorId: r.actor_id,
      actorName: r.actor_name,
      count: r.count,
      householdId: r.household_id,
      reason: r.reason,
      firstAt: new Date(r.first_at).toISOString(),
      lastAt: r.last_at ? new Date(r.last_at).toISOString() : null,
      review:
        r.reviewed_at && r.note !== null && r.reviewed_by
          ? {
              note: r.note,
              reviewedBy: r.reviewed_by,
              reviewerName: r.reviewer_name,
              at: new Date(r.reviewed_at).toISOString(),
            }
          : null,
    }));
  });
}

const ALERT_KEY = /^(many|hours):[0-9a-f-]{36}:\d{4}-\d{2}-\d{2}$|^glass:[0-9a-f-]{36}$/;

export function reviewAlert(ctx: ServiceContext, input: { key: string; note: string }) {
  const { municipalityId } = ctx.actor;
  if (!ALERT_KEY.test(input.key)) {
    throw invalidField('key', 'is not the key of an alert', 'is niet de sleutel van een melding');
  }
  const note = input.note.trim();
  if (note.length === 0) {
    throw invalidField('note', 'must say what was found', 'moet zeggen wat is gevonden');
  }
  return inTenant(ctx.db, { municipalityId, teamIds: [] }, async (trx) => {
    await requirePrivacyDuty(trx, ctx.actor);
    const existing = await trx
      .selectFrom('privacy_alert_reviews')
      .select('id')
      .where('municipality_id', '=', municipalityId)
      .where('alert_key', '=', input.key)
      .executeTakeFirst();
    if (existing) throw new AppError('conflict');
    const id = newId();
    const row = await trx
      .insertInto('privacy_alert_reviews')
      .values({
        municipality_id: municipalityId,
        id,
        alert_key: input.key,
        note,
        reviewed_by: ctx.actor.staffId,
      })
      .returning(['reviewed_at'])
      .executeTakeFirstOrThrow();
    // The note may name people: it stays in the review row; the audit row holds the key.
    await audit(trx, ctx, {
      action: 'privacy_alert.review',
      objectType: 'privacy_alert',
      objectId: id,
      reason: input.key,
    });
    return { key: input.key, note, at: new Date(row.reviewed_at).toISOString() };
  });
}
