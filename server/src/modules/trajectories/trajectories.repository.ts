// SQL for trajectories (the period of support of one household, with one coordinator), their
// history, contact journal and case conferences.
import { sql } from 'kysely';
import type { TimeIdKeyset } from '../../platform/list-cursor.js';
import { jsonArrayFrom } from 'kysely/helpers/postgres';
import type { Trx } from '../../platform/db.js';
import type {
  JournalKind,
  ScaleLevel,
  TrajectoryNoteCode,
  TrajectoryOutcome,
  TrajectoryStatus,
} from '../../db/schema.js';

export interface TrajectoryFilter {
  id?: string;
  /** A status, or `active` for every status but closed. */
  status?: TrajectoryStatus | 'active';
  coordinatorId?: string;
  householdId?: string;
  /** Where the next page starts: the last row of the previous page (the list pages by keyset). */
  /** The last row of the previous page (opened_at's text and id): the page starts after it. */
  after?: TimeIdKeyset;
  limit: number;
}

/** Which statuses count as active (every one but closed); a record, so a new status must be placed. */
const IS_ACTIVE: Record<TrajectoryStatus, boolean> = {
  open: true,
  follow_up: true,
  aftercare: true,
  closed: false,
};

/**
 * "Active" as the statuses it means, not `status <> 'closed'`: an inequality cannot bound an index
 * scan, so a coordinator's list read all their trajectories of past years and dropped the closed
 * ones (258 rows for 25 on the large bench city); `in (...)` is an index condition of
 * trajectories_by_coordinator and trajectories_by_team. Written as literals (fixed words): with
 * parameters PostgreSQL preferred a custom plan for every request (2 ms of planning), with
 * literals the generic plan is as good and is kept (ARCHITECTURE.md, prepared statements).
 */
const ACTIVE_STATUSES = (Object.keys(IS_ACTIVE) as TrajectoryStatus[]).filter(
  (status) => IS_ACTIVE[status],
);

/** A history event as the trajectory shows it, with who made it (trajectory_events e, staff s). */
const EVENT_COLUMNS = [
  'e.id',
  'e.kind',
  'e.from_value',
  'e.to_value',
  'e.note',
  'e.note_code',
  'e.at',
  'e.by_staff_id',
  's.name as by_name',
] as const;

/**
 * The ids of the members of a trajectory's household (`trajectory`: the table's name or alias in
 * the query), in the order households.members gives them: for the audit row of a read.
 */
export function memberIdsOf(trajectory: string) {
  const t = sql.table(trajectory);
  return sql<
    string[]
  >`array(select r.id from residents r where r.municipality_id = ${t}.municipality_id
    and r.household_id = ${t}.household_id order by r.birth_date, r.given_name)`;
}

/**
 * Today as a calendar day in Amsterdam, in SQL: the day the team works in, against which an
 * action's due date is late or still to come (as todayInAmsterdam() for the follow-up). Not
 * `current_date`, which is the day in the database session's time zone (often UTC): between
 * midnight and 01:00 or 02:00 in Amsterdam it is still yesterday there, and an action due
 * yesterday did not count as overdue. read_trajectory says the same (migration 20261125T1800).
 */
const TODAY_IN_AMSTERDAM = sql<string>`(now() at time zone 'Europe/Amsterdam')::date`;

/** The query behind trajectories.find: what a service needs to check and change a trajectory. */
function findQuery(trx: Trx, municipalityId: string, id: string) {
  return trx
    .selectFrom('trajectories')
    .select([
      'id',
      'team_id',
      'household_id',
      'coordinator_id',
      'status',
      'scale_level',
      'plan_version',
      'version',
      'opened_at',
      'next_follow_up_on',
    ])
    .where('municipality_id', '=', municipalityId)
    .where('id', '=', id);
}

/** The query behind trajectories.list, to run as it is or with more columns. */
function listQuery(
  trx: Trx,
  municipalityId: string,
  teamIds: readonly string[],
  filter: TrajectoryFilter,
) {
  let query = trx
    .selectFrom('trajectories as t')
    .innerJoin('households as h', (join) =>
      join
        .onRef('h.municipality_id', '=', 't.municipality_id')
        .onRef('h.id', '=', 't.household_id'),
    )
    .innerJoin('staff as c', (join) =>
      join
        .onRef('c.municipality_id', '=', 't.municipality_id')
        .onRef('c.id', '=', 't.coordinator_id'),
    )
    .leftJoin('neighbourhoods as n', (join) =>
      join
        .onRef('n.municipality_id', '=', 'h.municipality_id')
        .onRef('n.code', '=', 'h.neighbourhood_code'),
    )
    .select([
      't.id',
      't.household_id',
      't.team_id',
      't.coordinator_id',
      'c.name as coordinator_name',
      't.status',
      't.scale_level',
      't.opened_at',
      't.closed_at',
      't.next_follow_up_on',
      't.plan_version',
      't.outcome',
      't.close_reason',
      't.handled_without_specialist_care',
      't.aftercare_until',
      't.version',
      'h.postcode',
      'h.house_number',
      'h.house_letter',
      'h.house_number_addition',
      'h.street',
      'n.name as neighbourhood_name',
      sql<
        string | null
      >`(select string_agg(r.given_name || ' ' || r.family_name, ', ' order by r.birth_date nulls last)
          from residents r where r.municipality_id = t.municipality_id and r.household_id = t.household_id)`.as(
        'members',
      ),
      sql<number>`(select count(*)::int from plan_actions a where a.municipality_id = t.municipality_id
          and a.trajectory_id = t.id and a.status = 'open' and a.due_date < ${TODAY_IN_AMSTERDAM})`.as(
        'overdue_actions',
      ),
      sql<
        string | null
      >`(select min(a.due_date)::text from plan_actions a where a.municipality_id = t.municipality_id
          and a.trajectory_id = t.id and a.status = 'open' and a.due_date >= ${TODAY_IN_AMSTERDAM})`.as(
        'next_action_due',
      ),
      sql<Date | null>`(select max(k.at) from contacts k where k.municipality_id = t.municipality_id
          and k.trajectory_id = t.id)`.as('last_contact_at'),
    ])
    .where('t.municipality_id', '=', municipalityId)
    .where(
      't.team_id',
      'in',
      teamIds.length > 0 ? teamIds : ['00000000-0000-0000-0000-000000000000'],
    );
  if (filter.id) query = query.where('t.id', '=', filter.id);
  if (filter.status === 'active')
    query = query.where(
      't.status',
      'in',
      ACTIVE_STATUSES.map((status) => sql.lit(status)),
    );
  else if (filter.status) query = query.where('t.status', '=', filter.status);
  if (filter.coordinatorId) query = query.where('t.coordinator_id', '=', filter.coordinatorId);
  if (filter.householdId) query = query.where('t.household_id', '=', filter.householdId);
  if (filter.after) {
    // After the last row in the order below (newest opened first, id ascending among equals).
    // Written out, not as a row comparison: the two keys run in opposite directions.
    const { at: openedAt, id } = filter.after;
    query = query.where(
      sql<boolean>`(t.opened_at < ${openedAt}::timestamptz
        or (t.opened_at = ${openedAt}::timestamptz and t.id > ${id}::uuid))`,
    );
  }
  // The id makes the order total (two trajectories may open in the same microsecond, or be
  // imported with the same time), so that a page boundary never skips or repeats a row.
  return query.orderBy('t.opened_at', 'desc').orderBy('t.id').limit(filter.limit);
}

export const trajectories = {
  findOpenForHousehold(trx: Trx, municipalityId: string, householdId: string) {
    return trx
      .selectFrom('trajectories')
      .select(['id', 'coordinator_id', 'status'])
      .where('municipality_id', '=', municipalityId)
      .where('household_id', '=', householdId)
      .where('status', '!=', 'closed')
      .executeTakeFirst();
  },

  async insert(
    trx: Trx,
    row: {
      municipalityId: string;
      id: string;
      householdId: string;
      teamId: string;
      coordinatorId: string;
      registrationId: string | null;
      openedAt: Date;
    },
  ) {
    await trx
      .insertInto('trajectories')
      .values({
        municipality_id: row.municipalityId,
        id: row.id,
        household_id: row.householdId,
        team_id: row.teamId,
        coordinator_id: row.coordinatorId,
        registration_id: row.registrationId,
        opened_at: row.openedAt,
      })
      .execute();
  },

  /**
   * Trajectories with what the coordinator needs at a glance: who, what is due, last contact.
   * Newest opened first, then by id; `opened_at_key` is the row's sort key for the next page's
   * cursor (`filter.after`), `member_ids` the household's members for the audit.
   */
  list(trx: Trx, municipalityId: string, teamIds: readonly string[], filter: TrajectoryFilter) {
    return listQuery(trx, municipalityId, teamIds, filter)
      .select([
        sql<string>`t.opened_at::text`.as('opened_at_key'),
        // The list names the members, so its audit row names them too (one row per resident).
        memberIdsOf('t').as('member_ids'),
      ])
      .execute();
  },

  /**
   * One trajectory as `list` gives it, with its history and the ids of its household's members
   * (for the audit row) in the same statement: opening a trajectory is a frequent read, and
   * every statement is a round trip to the database.
   */
  findWithHistory(trx: Trx, municipalityId: string, teamIds: readonly string[], id: string) {
    return listQuery(trx, municipalityId, teamIds, { id, limit: 1 })
      .select((eb) => [
        jsonArrayFrom(
          eb
            .selectFrom('trajectory_events as e')
            .innerJoin('staff as s', (join) =>
              join
                .onRef('s.municipality_id', '=', 'e.municipality_id')
                .onRef('s.id', '=', 'e.by_staff_id'),
            )
            .select(EVENT_COLUMNS)
            .whereRef('e.municipality_id', '=', 't.municipality_id')
            .whereRef('e.trajectory_id', '=', 't.id')
            .orderBy('e.at'),
        ).as('events'),
        memberIdsOf('t').as('member_ids'),
      ])
      .executeTakeFirst();
  },

  find(trx: Trx, municipalityId: string, id: string) {
    return findQuery(trx, municipalityId, id).executeTakeFirst();
  },

  /**
   * The trajectory, its row locked until the transaction ends: for a change decided on what the
   * row holds (its status, its scale level) without a version from the client. A colleague's save
   * waits, or is waited for and then read. `no key update` is the lock an update takes itself, so
   * rows that merely point at the trajectory (a contact, a referral) can still be added meanwhile.
   */
  findLocked(trx: Trx, municipalityId: string, id: string) {
    return findQuery(trx, municipalityId, id).forNoKeyUpdate().executeTakeFirst();
  },

  async update(
    trx: Trx,
    municipalityId: string,
    id: string,
    expectedVersion: number | null,
    changes: {
      coordinator_id?: string;
      status?: TrajectoryStatus;
      scale_level?: ScaleLevel;
      next_follow_up_on?: string | null;
      closed_at?: Date;
      outcome?: TrajectoryOutcome;
      close_reason?: string;
      handled_without_specialist_care?: boolean;
      aftercare_until?: string | null;
      no_closing_measurement_reason?: string | null;
    },
  ): Promise<boolean> {
    let query = trx
      .updateTable('trajectories')
      .set({ ...changes, version: sql`version + 1`, updated_at: new Date() })
      .where('municipality_id', '=', municipalityId)
      .where('id', '=', id);
    if (expectedVersion !== null) query = query.where('version', '=', expectedVersion);
    const result = await query.executeTakeFirst();
    return result.numUpdatedRows === 1n;
  },

  /** Moves the plan on by one version, only if nobody saved since `base`. */
  async bumpPlanVersion(
    trx: Trx,
    municipalityId: string,
    id: string,
    base: number,
  ): Promise<number | null> {
    const row = await trx
      .updateTable('trajectories')
      .set({ plan_version: sql`plan_version + 1`, updated_at: new Date() })
      .where('municipality_id', '=', municipalityId)
      .where('id', '=', id)
      .where('plan_version', '=', base)
      .returning('plan_version')
      .executeTakeFirst();
    return row?.plan_version ?? null;
  },
};

export const trajectoryEvents = {
  async add(
    trx: Trx,
    row: {
      municipalityId: string;
      id: string;
      teamId: string;
      trajectoryId: string;
      kind: 'coordinator' | 'status' | 'scale_level' | 'follow_up';
      from: string | null;
      to: string | null;
      note: string | null;
      /** Why, when the system made the change: a code, said in the reader's language. */
      noteCode?: TrajectoryNoteCode | null;
      by: string;
    },
  ) {
    await trx
      .insertInto('trajectory_events')
      .values({
        municipality_id: row.municipalityId,
        id: row.id,
        team_id: row.teamId,
        trajectory_id: row.trajectoryId,
        kind: row.kind,
        from_value: row.from,
        to_value: row.to,
        note: row.note,
        note_code: row.noteCode ?? null,
        by_staff_id: row.by,
      })
      .execute();
  },
};

export const contacts = {
  /**
   * Adds a contact to the trajectory `trajectoryId`, if the caller can see it: the trajectory is
   * looked up (under row-level security, for its team) in the same statement as the insert, a
   * round trip less than finding it first. Answers the household's members (for the audit rows:
   * each sees the new entry in their access log), or null when there is no such trajectory in scope
   * or it is closed (a closed trajectory's journal is complete; in aftercare it still grows).
   */
  async addToTrajectory(
    trx: Trx,
    row: {
      municipalityId: string;
      id: string;
      trajectoryId: string;
      at: Date;
      kind: JournalKind;
      note: string;
      minutes: number | null;
      by: string;
    },
  ): Promise<{ memberIds: string[] } | null> {
    const inserted = await trx
      .insertInto('contacts')
      .columns([
        'municipality_id',
        'id',
        'team_id',
        'trajectory_id',
        'at',
        'kind',
        'note',
        'minutes',
        'created_by',
      ])
      .expression((eb) =>
        eb
          .selectFrom('trajectories as t')
          .select([
            't.municipality_id',
            sql<string>`${row.id}::uuid`.as('id'),
            't.team_id',
            't.id as trajectory_id',
            sql<Date>`${row.at}::timestamptz`.as('at'),
            sql<JournalKind>`${row.kind}::text`.as('kind'),
            sql<string>`${row.note}::text`.as('note'),
            sql<number | null>`${row.minutes}::int`.as('minutes'),
            sql<string>`${row.by}::uuid`.as('created_by'),
          ])
          .where('t.municipality_id', '=', row.municipalityId)
          .where('t.id', '=', row.trajectoryId)
          .where('t.status', '!=', 'closed'),
      )
      // The members in the same statement: no round trip more for the audit rows.
      .returning(
        sql<string[]>`(select coalesce(array_agg(r.id order by r.id), '{}')
          from trajectories t
          join residents r on r.municipality_id = t.municipality_id and r.household_id = t.household_id
          where t.municipality_id = contacts.municipality_id and t.id = contacts.trajectory_id)`.as(
          'member_ids',
        ),
      )
      .executeTakeFirst();
    return inserted ? { memberIds: inserted.member_ids } : null;
  },
  /**
   * A page of the journal: newest first, then by id (two contacts may share a time), after the
   * last row of the previous page (`after`); `at_key` is the row's sort key for the next cursor.
   */
  list(
    trx: Trx,
    municipalityId: string,
    trajectoryId: string,
    page: { after?: TimeIdKeyset | undefined; limit: number },
  ) {
    let query = trx
      .selectFrom('contacts as k')
      .innerJoin('staff as s', (join) =>
        join
          .onRef('s.municipality_id', '=', 'k.municipality_id')
          .onRef('s.id', '=', 'k.created_by'),
      )
      .select([
        'k.id',
        'k.at',
        'k.kind',
        'k.note',
        'k.minutes',
        'k.created_by',
        's.name as by_name',
        sql<string>`k.at::text`.as('at_key'),
      ])
      .where('k.municipality_id', '=', municipalityId)
      .where('k.trajectory_id', '=', trajectoryId);
    if (page.after) {
      // As the trajectories list: the two keys run in opposite directions, so written out.
      const { at, id } = page.after;
      query = query.where(
        sql<boolean>`(k.at < ${at}::timestamptz or (k.at = ${at}::timestamptz and k.id > ${id}::uuid))`,
      );
    }
    return query.orderBy('k.at', 'desc').orderBy('k.id').limit(page.limit).execute();
  },
};

export const caseConferences = {
  async add(
    trx: Trx,
    row: {
      municipalityId: string;
      id: string;
      teamId: string;
      trajectoryId: string;
      heldOn: string;
      participants: unknown[];
      residentPresent: boolean;
      question: string;
      advice: string;
      decisions: string;
      by: string;
    },
  ) {
    await trx
      .insertInto('case_conferences')
      .values({
        municipality_id: row.municipalityId,
        id: row.id,
        team_id: row.teamId,
        trajectory_id: row.trajectoryId,
        held_on: row.heldOn,
        participants: JSON.stringify(row.participants),
        resident_present: row.residentPresent,
        question: row.question,
        advice: row.advice,
        decisions: row.decisions,
        created_by: row.by,
      })
      .execute();
  },
  list(trx: Trx, municipalityId: string, trajectoryId: string) {
    return trx
      .selectFrom('case_conferences')
      .select([
        'id',
        'held_on',
        'participants',
        'resident_present',
        'question',
        'advice',
        'decisions',
        'created_by',
      ])
      .where('municipality_id', '=', municipalityId)
      .where('trajectory_id', '=', trajectoryId)
      .orderBy('held_on', 'desc')
      .execute();
  },
};
