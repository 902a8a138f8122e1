// SQL for registrations and the referrals that triage makes.
import { sql } from 'kysely';
import type { Trx } from '../../platform/db.js';
import type {
  ContactKind,
  RegistrationSource,
  RegistrationStatus,
  TriageOutcome,
} from '../../db/schema.js';
import type { TimeIdKeyset } from '../../platform/list-cursor.js';

export const registrations = {
  /**
   * The waiting list (status new) and the triage list (contacted) oldest first; any other list
   * newest first, ties by id (ascending
   * in both): the id makes the order total, so the list pages by keyset. `after` is the last row of
   * the previous page. Without `after` the statement is the one the home page has always sent.
   */
  list(
    trx: Trx,
    municipalityId: string,
    teamIds: readonly string[],
    filter: { id?: string; status?: RegistrationStatus; after?: TimeIdKeyset; limit: number },
  ) {
    let query = trx
      .selectFrom('registrations as g')
      .leftJoin('residents as r', (join) =>
        join
          .onRef('r.municipality_id', '=', 'g.municipality_id')
          .onRef('r.id', '=', 'g.resident_id'),
      )
      .leftJoin('households as h', (join) =>
        join
          .onRef('h.municipality_id', '=', 'g.municipality_id')
          .onRef('h.id', '=', 'g.household_id'),
      )
      .leftJoin('neighbourhoods as n', (join) =>
        join
          .onRef('n.municipality_id', '=', 'h.municipality_id')
          .onRef('n.code', '=', 'h.neighbourhood_code'),
      )
      .select([
        'g.id',
        'g.team_id',
        'g.source',
        'g.received_at',
        'g.question',
        'g.life_domains',
        'g.status',
        'g.household_id',
        'g.resident_id',
        'g.first_contact_at',
        'g.first_contact_kind',
        'g.triage_outcome',
        'g.triage_reason',
        'g.triage_note',
        'g.referred_to',
        'g.triaged_at',
        'g.trajectory_id',
        'g.ended_aftercare_trajectory_id',
        'g.version',
        'n.name as neighbourhood_name',
        sql<string | null>`r.given_name || ' ' || r.family_name`.as('resident_name'),
        // Whether this registration's triage opened its trajectory, or linked it to the one the
        // household already had (null: no trajectory). A key lookup, and only when there is one.
        sql<boolean | null>`(select t.registration_id = g.id from trajectories t
          where t.municipality_id = g.municipality_id and t.id = g.trajectory_id)`.as(
          'trajectory_opened',
        ),
        sql<number>`round(extract(epoch from (coalesce(g.first_contact_at, now()) - g.received_at)) / 3600.0, 1)::float8`.as(
          'waiting_hours',
        ),
        // received_at as PostgreSQL's own text: microseconds and all, so the cursor compares exactly.
        sql<string>`g.received_at::text`.as('received_at_key'),
      ])
      .where('g.municipality_id', '=', municipalityId)
      .where(
        'g.team_id',
        'in',
        teamIds.length > 0 ? teamIds : ['00000000-0000-0000-0000-000000000000'],
      );
    if (filter.id) query = query.where('g.id', '=', filter.id);
    // The status as a literal, not a parameter (it is one of three fixed words, validated): only
    // then can a prepared statement's generic plan use the partial index of the waiting list
    // (registrations_waiting, where status = 'new'). With a parameter PostgreSQL planned the list
    // anew on every request (2 ms of planning for 0.7 ms of work on the large bench city).
    if (filter.status) query = query.where('g.status', '=', sql.lit(filter.status));
    // Waiting registrations, and those waiting for triage, oldest first (who has waited longest
    // comes first, page after page); the rest newest first.
    const oldestFirst = filter.status === 'new' || filter.status === 'contacted';
    if (filter.after) {
      const at = sql`${filter.after.at}::timestamptz`;
      const id = sql`${filter.after.id}::uuid`;
      // Oldest first: a row comparison, which bounds the waiting index (received_at, id). Newest
      // first with ties by id ascending cannot be one row comparison (the directions differ), so
      // it is spelt out, with `received_at <= at` to bound the index on received_at.
      query = query.where(
        oldestFirst
          ? sql<boolean>`(g.received_at, g.id) > (${at}, ${id})`
          : sql<boolean>`g.received_at <= ${at} and (g.received_at < ${at} or g.id > ${id})`,
      );
    }
    query = oldestFirst
      ? query.orderBy('g.received_at', 'asc')
      : query.orderBy('g.received_at', 'desc');
    return query.orderBy('g.id').limit(filter.limit).execute();
  },

  find(trx: Trx, municipalityId: string, id: string) {
    return trx
      .selectFrom('registrations')
      .select([
        'id',
        'team_id',
        'household_id',
        'resident_id',
        'status',
        'received_at',
        'first_contact_at',
        'version',
      ])
      .where('municipality_id', '=', municipalityId)
      .where('id', '=', id)
      .executeTakeFirst();
  },

  async insert(
    trx: Trx,
    row: {
      municipalityId: string;
      id: string;
      teamId: string;
      householdId: string | null;
      residentId: string | null;
      source: RegistrationSource;
      receivedAt: Date;
      question: string;
      lifeDomains: string[];
      createdBy: string;
      signalId?: string | null;
    },
  ) {
    await trx
      .insertInto('registrations')
      .values({
        municipality_id: row.municipalityId,
        id: row.id,
        team_id: row.teamId,
        household_id: row.householdId,
        resident_id: row.residentId,
        source: row.source,
        received_at: row.receivedAt,
        question: row.question,
        life_domains: row.lifeDomains,
        created_by: row.createdBy,
        signal_id: row.signalId ?? null,
      })
      .execute();
  },

  async recordFirstContact(
    trx: Trx,
    municipalityId: string,
    id: string,
    contact: { at: Date; kind: ContactKind },
  ): Promise<boolean> {
    const result = await trx
      .updateTable('registrations')
      .set({
        first_contact_at: contact.at,
        first_contact_kind: contact.kind,
        status: sql`case when status = 'new' then 'contacted' else status end`,
        version: sql`version + 1`,
        updated_at: new Date(),
      })
      .where('municipality_id', '=', municipalityId)
      .where('id', '=', id)
      .where('first_contact_at', 'is', null)
      .executeTakeFirst();
    return result.numUpdatedRows === 1n;
  },

  /**
   * Records the resident of a registration that had none yet, if it is still at `expectedVersion`,
   * not triaged and without a resident. False when any of that no longer holds.
   */
  async recordResident(
    trx: Trx,
    municipalityId: string,
    id: string,
    expectedVersion: number,
    settled: { householdId: string; residentId: string | null },
  ): Promise<boolean> {
    const result = await trx
      .updateTable('registrations')
      .set({
        household_id: settled.householdId,
        resident_id: settled.residentId,
        version: sql`version + 1`,
        updated_at: new Date(),
      })
      .where('municipality_id', '=', municipalityId)
      .where('id', '=', id)
      .where('version', '=', expectedVersion)
      .where('status', '!=', 'triaged')
      .where('resident_id', 'is', null)
      .executeTakeFirst();
    return result.numUpdatedRows === 1n;
  },

  async recordTriage(
    trx: Trx,
    municipalityId: string,
    id: string,
    triage: {
      outcome: TriageOutcome;
      note: string | null;
      reason: string | null;
      referredTo: string | null;
      by: string;
      at: Date;
      trajectoryId: string | null;
      /** The household's trajectory whose aftercare this triage ended (a relapse), if any. */
      endedAftercareTrajectoryId?: string | null;
      firstContact: { at: Date; kind: ContactKind } | null;
    },
  ): Promise<boolean> {
    const result = await trx
      .updateTable('registrations')
      .set({
        status: 'triaged',
        triage_outcome: triage.outcome,
        triage_note: triage.note,
        triage_reason: triage.reason,
        referred_to: triage.referredTo,
        triaged_by: triage.by,
        triaged_at: triage.at,
        trajectory_id: triage.trajectoryId,
        ended_aftercare_trajectory_id: triage.endedAftercareTrajectoryId ?? null,
        ...(triage.firstContact
          ? {
              first_contact_at: triage.firstContact.at,
              first_contact_kind: triage.firstContact.kind,
            }
          : {}),
        version: sql`version + 1`,
        updated_at: new Date(),
      })
      .where('municipality_id', '=', municipalityId)
      .where('id', '=', id)
      .where('status', '!=', 'triaged')
      .executeTakeFirst();
    return result.numUpdatedRows === 1n;
  },
};

export const referrals = {
  async insert(
    trx: Trx,
    row: {
      municipalityId: string;
      id: string;
      teamId: string;
      registrationId: string;
      householdId: string | null;
      kind: 'volunteer' | 'collective' | 'specialist' | 'youth_family_team' | 'warm_referral';
      referredTo: string;
      note: string | null;
      createdBy: string;
    },
  ) {
    await trx
      .insertInto('referrals')
      .values({
        municipality_id: row.municipalityId,
        id: row.id,
        team_id: row.teamId,
        registration_id: row.registrationId,
        household_id: row.householdId,
        kind: row.kind,
        referred_to: row.referredTo,
        note: row.note,
        created_by: row.createdBy,
      })
      .execute();
  },
};
