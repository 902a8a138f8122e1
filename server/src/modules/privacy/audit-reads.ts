// Staff reads of residents' data, grouped per person, resident, Amsterdam day and hour: what the
// privacy officer's alerts look at (alerts.service.ts). A closed day is grouped once into
// audit_reads_by_hour (migration 20261124T0400), and so is a closed hour of a day still open
// (migration 20261125T0400); only the hours still open are read from the trail itself.
import { sql, type RawBuilder } from 'kysely';
import type { Db, Trx } from '../../platform/db.js';
import { inTenant } from '../../platform/db.js';
import { addDays, todayInAmsterdam } from '../../platform/dates.js';

/**
 * The first day that is not closed yet. A day is closed an hour after it ended in Amsterdam: an
 * audit row's `at` is its transaction's start, and by then every transaction that began in the
 * day has long committed. `now()` is the transaction's start, so every statement of a
 * transaction agrees on it.
 */
const FIRST_OPEN_DAY: RawBuilder<string> = sql<string>`((now() - interval '1 hour') at time zone 'Europe/Amsterdam')::date`;

/**
 * Each resident an audit row names (`n.resident_id`): its one resident, or each of a list's
 * (migration 20261125T1700). A row naming nobody gives one null, which the readers drop.
 */
const EACH_NAMED_RESIDENT = sql`cross join lateral
    unnest(coalesce(e.resident_ids, array[e.resident_id])) as n(resident_id)`;

/**
 * The hours of an open day that were grouped while it was open (groupClosedHours) are in
 * audit_reads_by_hour already: the day's own grouping and the reading of the trail leave them out.
 * An anti-join with the few marks of the open days (`l`: the row's local day and hour).
 */
const NOT_IN_A_GROUPED_HOUR = (municipalityId: string) => sql`not exists (
  select 1 from audit_read_hours g
  where g.municipality_id = ${municipalityId} and g.day = l.day and g.hour = l.hour)`;

/**
 * Groups the closed hours of the open days in [from, to] that are not grouped yet, and returns
 * how many hours it grouped. An hour is closed an hour after it ended, by the rule of the days
 * (FIRST_OPEN_DAY); the local hour that comes twice when summer time ends closes after its
 * second time, because its end is read as the later one. Claimed by inserting their marks, as
 * days are, so two officers at once group each hour once; every closed hour is claimed at once, so
 * the grouped hours of a day are always its first ones.
 */
export async function groupClosedHours(
  trx: Trx,
  municipalityId: string,
  from: string,
  to: string,
): Promise<number> {
  const claimed = await sql<{ day: string; hour: number }>`
    insert into audit_read_hours (municipality_id, day, hour)
    select ${municipalityId}, d::date, h
    from generate_series(greatest(${from}::date, ${FIRST_OPEN_DAY}), ${to}::date, interval '1 day') d
    cross join generate_series(0, 23) h
    where ((d::date + (h + 1) * interval '1 hour') at time zone 'Europe/Amsterdam')
            <= now() - interval '1 hour'
      and not exists (select 1 from audit_read_hours g
                      where g.municipality_id = ${municipalityId} and g.day = d::date and g.hour = h)
    on conflict do nothing
    returning day::text as day, hour
  `.execute(trx);
  if (claimed.rows.length === 0) return 0;
  const days = claimed.rows.map((r) => r.day);
  const hours = claimed.rows.map((r) => r.hour);
  // One range over the trail (its time index) from the first claimed hour to the last.
  await sql`
    with claimed as (
      select c.day, c.hour,
             (c.day + c.hour * interval '1 hour') at time zone 'Europe/Amsterdam' as t0,
             (c.day + (c.hour + 1) * interval '1 hour') at time zone 'Europe/Amsterdam' as t1
      from unnest(${days}::date[], ${hours}::smallint[]) as c(day, hour)
    )
    insert into audit_reads_by_hour (municipality_id, day, hour, actor_id, actor_role, resident_id,
                                     reads, first_at, last_at)
    select ${municipalityId}, l.day, l.hour, e.actor_id, e.actor_role, n.resident_id, count(*)::int,
           min(e.at), max(e.at)
    from audit_events e
    ${EACH_NAMED_RESIDENT}
    cross join lateral (select e.at at time zone 'Europe/Amsterdam' as local_at) x
    cross join lateral (select x.local_at::date as day,
                               extract(hour from x.local_at)::smallint as hour) l
    where e.municipality_id = ${municipalityId}
      and e.at >= (select min(t0) from claimed) and e.at < (select max(t1) from claimed)
      and e.actor_id is not null and n.resident_id is not null and e.actor_role <> 'resident'
      and exists (select 1 from claimed c where c.day = l.day and c.hour = l.hour)
    group by 2, 3, 4, 5, 6
  `.execute(trx);
  return claimed.rows.length;
}

/**
 * Groups the closed days of [from, to] that are not grouped yet, and returns how many it grouped.
 * Two at once (two officers, or the daily job) each claim a day by inserting its mark; the second
 * waits for the first's commit at that mark and then skips the day. Two statements: the claimed
 * days' span bounds the scan of the trail by its time index (in one statement, with the span in a
 * CTE, PostgreSQL joined every row of the trail with the days: 18 s for a month of a large city).
 */
export async function groupClosedDays(
  trx: Trx,
  municipalityId: string,
  from: string,
  to: string,
): Promise<number> {
  const claimed = await sql<{ day: string }>`
    insert into audit_read_days (municipality_id, day)
    select ${municipalityId}, d::date
    from generate_series(${from}::date, least(${to}::date, ${FIRST_OPEN_DAY} - 1), interval '1 day') d
    where not exists (select 1 from audit_read_days r
                      where r.municipality_id = ${municipalityId} and r.day = d::date)
    on conflict do nothing
    returning day::text as day
  `.execute(trx);
  const days = claimed.rows.map((r) => r.day).sort();
  const first = days[0];
  const last = days.at(-1);
  if (!first || !last) return 0;
  // One range over the trail (its time index), the claimed days picked from it by their local day.
  await sql`
    insert into audit_reads_by_hour (municipality_id, day, hour, actor_id, actor_role, resident_id,
                                     reads, first_at, last_at)
    select ${municipalityId}, l.day, l.hour, e.actor_id, e.actor_role, n.resident_id, count(*)::int,
           min(e.at), max(e.at)
    from audit_events e
    ${EACH_NAMED_RESIDENT}
    cross join lateral (select e.at at time zone 'Europe/Amsterdam' as local_at) x
    cross join lateral (select x.local_at::date as day,
                               extract(hour from x.local_at)::smallint as hour) l
    where e.municipality_id = ${municipalityId}
      and e.at >= ${first}::date::timestamp at time zone 'Europe/Amsterdam'
      and e.at < (${last}::date + 1)::timestamp at time zone 'Europe/Amsterdam'
      and e.actor_id is not null and n.resident_id is not null and e.actor_role <> 'resident'
      and l.day = any(${days}::date[])
      and ${NOT_IN_A_GROUPED_HOUR(municipalityId)}
    group by 2, 3, 4, 5, 6
  `.execute(trx);
  return days.length;
}

/**
 * The start of the first hour of the open days in [from, to] that is not grouped: where the
 * trail's open part begins (null when no open day is in the period: then nothing is read).
 */
const FIRST_UNGROUPED_HOUR = (municipalityId: string, from: string, to: string) => sql`
  select min((d::date + h * interval '1 hour') at time zone 'Europe/Amsterdam')
  from generate_series(greatest(${from}::date, ${FIRST_OPEN_DAY}), ${to}::date, interval '1 day') d
  cross join generate_series(0, 23) h
  where not exists (select 1 from audit_read_hours g
                    where g.municipality_id = ${municipalityId} and g.day = d::date and g.hour = h)`;

/**
 * The reads of [from, to] per staff member, resident, day and hour: the grouped closed days and
 * hours, and the open hours from the trail, as one relation for the alerts to build on. Call
 * groupClosedDays and groupClosedHours for the same period first, in the same transaction: then
 * every closed day and hour is grouped, and the trail is read from the first hour that is not.
 */
export function readsByHour(municipalityId: string, from: string, to: string) {
  return sql`(
    select h.actor_id, h.actor_role, h.resident_id, h.day, h.hour, h.reads, h.first_at, h.last_at
    from audit_reads_by_hour h
    where h.municipality_id = ${municipalityId} and h.day >= ${from}::date and h.day <= ${to}::date
    union all
    select e.actor_id, e.actor_role, n.resident_id, l.day, l.hour, count(*)::int, min(e.at), max(e.at)
    from audit_events e
    ${EACH_NAMED_RESIDENT}
    cross join lateral (select e.at at time zone 'Europe/Amsterdam' as local_at) x
    cross join lateral (select x.local_at::date as day,
                               extract(hour from x.local_at)::smallint as hour) l
    where e.municipality_id = ${municipalityId}
      and e.at >= greatest(${from}::date, ${FIRST_OPEN_DAY})::timestamp at time zone 'Europe/Amsterdam'
      and e.at >= (${FIRST_UNGROUPED_HOUR(municipalityId, from, to)})
      and e.at < (${to}::date + 1)::timestamp at time zone 'Europe/Amsterdam'
      and e.actor_id is not null and n.resident_id is not null and e.actor_role <> 'resident'
      and ${NOT_IN_A_GROUPED_HOUR(municipalityId)}
    group by e.actor_id, e.actor_role, n.resident_id, l.day, l.hour
  )`;
}

/** How far back the daily job groups: the alerts' default period (30 days) and some. */
const DAILY_JOB_DAYS = 40;

/** Older days the daily job groups on each run, newest first, until the trail's first day. */
const DAILY_JOB_BACKFILL_DAYS = 31;

/**
 * The daily job for one municipality: groups the recent closed days, so no officer waits, and a
 * month further back of what is not grouped yet, so that a look at an old period is quick too
 * (grouping a month of a large city's trail takes about 2 s; a year at once, in an officer's
 * request, would take half a minute).
 */
export function groupRecentReads(
  db: Db,
  municipalityId: string,
  today = todayInAmsterdam(),
): Promise<number> {
  // Planned for its actual dates, like the alerts (TenantScope.customPlans).
  return inTenant(db, { municipalityId, teamIds: [], customPlans: true }, async (trx) => {
    const recentFrom = addDays(today, -DAILY_JOB_DAYS);
    let days = await groupClosedDays(trx, municipalityId, recentFrom, today);
    // The newest day before those that is not grouped yet, on or after the trail's first day.
    const { rows } = await sql<{ last: string | null }>`
      select max(d)::date::text as last
      from generate_series(
             (select (min(e.at) at time zone 'Europe/Amsterdam')::date from audit_events e
               where e.municipality_id = ${municipalityId}),
             ${addDays(recentFrom, -1)}::date, interval '1 day') d
      where not exists (select 1 from audit_read_days r
                        where r.municipality_id = ${municipalityId} and r.day = d::date)
    `.execute(trx);
    const last = rows[0]?.last;
    if (last)
      days += await groupClosedDays(
        trx,
        municipalityId,
        addDays(last, -(DAILY_JOB_BACKFILL_DAYS - 1)),
        last,
      );
    return days;
  });
}

/**
 * The hourly job for one municipality: groups the closed hours of the open days (yesterday until
 * an hour after midnight, and today), so that the officer's first look of a day reads at most the
 * last hour or two from the trail instead of grouping the whole morning in that request (25.8 s
 * for six busy hours of the large bench city). Returns how many hours it grouped.
 */
export function groupRecentHours(
  db: Db,
  municipalityId: string,
  today = todayInAmsterdam(),
): Promise<number> {
  return inTenant(db, { municipalityId, teamIds: [], customPlans: true }, (trx) =>
    groupClosedHours(trx, municipalityId, addDays(today, -1), today),
  );
}

/** The hourly job for every municipality (scheduled with the retention job). */
export async function groupRecentHoursOfAll(db: Db): Promise<number> {
  const { rows } = await sql<{ id: string }>`select privacy_municipality_ids() as id`.execute(db);
  let hours = 0;
  for (const row of rows) hours += await groupRecentHours(db, row.id);
  return hours;
}

/** The daily job for every municipality (scheduled with the retention job, retention.service.ts). */
export async function groupRecentReadsOfAll(db: Db): Promise<number> {
  const { rows } = await sql<{ id: string }>`select privacy_municipality_ids() as id`.execute(db);
  let days = 0;
  for (const row of rows) days += await groupRecentReads(db, row.id);
  return days;
}
