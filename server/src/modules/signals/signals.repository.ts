// SQL for signals and their imports.
import { sql } from 'kysely';
import { memberIdsOf } from '../trajectories/trajectories.repository.js';
import type { Trx } from '../../platform/db.js';
import type { SignalStatus } from '../../db/schema.js';
import type { SignalLine } from './signal-lines.js';

export interface KnownAddress {
  id: string;
  team_id: string;
  postcode: string | null;
  house_number: number | null;
  house_letter: string | null;
  house_number_addition: string | null;
  neighbourhood_code: string | null;
  family_names: string[];
  /** The household's members: the residents an import that matches it is about. */
  member_ids: string[];
}

/** A signal whose sender is not known (imported before 20261125T0200), with its address. */
export interface UnknownSenderSignal {
  kind: string;
  reference: string;
  postcode: string;
  house_number: number;
  house_letter: string | null;
  house_number_addition: string | null;
}

/** The sort keys of one row of the outreach list: where the next page starts after. */
export interface SignalKeyset {
  postcode: string;
  houseNumber: number;
  /** PostgreSQL's text of received_at (full precision). */
  receivedAt: string;
  id: string;
}

const signalColumns = [
  's.id',
  's.team_id',
  's.organisation_id',
  's.kind',
  's.reference',
  's.received_at',
  's.postcode',
  's.house_number',
  's.house_letter',
  's.house_number_addition',
  's.family_name',
  's.amount_cents',
  's.note',
  's.household_id',
  's.neighbourhood_code',
  's.status',
  's.outreach_at',
  's.registration_id',
  's.version',
] as const;

export const signals = {
  /**
   * Households at exactly the given addresses (postcode and house number), with their members'
   * family names, for matching. Joining on the address pairs keeps this proportional to the file,
   * not to the number of households in the city.
   */
  householdsAtAddresses(
    trx: Trx,
    municipalityId: string,
    addresses: { postcode: string; houseNumber: number }[],
  ): Promise<KnownAddress[]> {
    if (addresses.length === 0) return Promise.resolve([]);
    return sql<KnownAddress>`
      select h.id, h.team_id, h.postcode, h.house_number, h.house_letter, h.house_number_addition, h.neighbourhood_code,
        coalesce(m.family_names, '{}') as family_names, coalesce(m.member_ids, '{}') as member_ids
      from (select distinct * from unnest(${addresses.map((a) => a.postcode)}::text[], ${addresses.map((a) => a.houseNumber)}::int[])) as k(postcode, house_number)
      join households h on h.municipality_id = ${municipalityId}::uuid and h.postcode = k.postcode and h.house_number = k.house_number
      -- The members once per household: their family names for matching, their ids for the audit.
      left join lateral (select array_agg(lower(r.family_name)) as family_names, array_agg(r.id) as member_ids
        from residents r where r.municipality_id = h.municipality_id and r.household_id = h.id) m on true`
      .execute(trx)
      .then((result) => result.rows);
  },

  postcodeRows(trx: Trx, municipalityId: string, postcodes: string[]) {
    if (postcodes.length === 0) return Promise.resolve([]);
    return trx
      .selectFrom('postcode_neighbourhoods')
      .select(['postcode', 'house_number_from', 'house_number_to', 'neighbourhood_code'])
      .where('municipality_id', '=', municipalityId)
      .where('postcode', 'in', postcodes)
      .execute();
  },

  /**
   * Signals of an unknown sender (from before 20261125T0200) with one of the given (kind,
   * reference) pairs: the unique index signals_dedupe finds them (organisation_id is null).
   */
  unknownSenderSignals(
    trx: Trx,
    municipalityId: string,
    keys: { kind: string; reference: string }[],
  ): Promise<UnknownSenderSignal[]> {
    if (keys.length === 0) return Promise.resolve([]);
    return sql<UnknownSenderSignal>`
      select s.kind, s.reference, s.postcode, s.house_number, s.house_letter, s.house_number_addition
      from (select distinct * from unnest(${keys.map((k) => k.kind)}::text[], ${keys.map((k) => k.reference)}::text[])) as k(kind, reference)
      join signals s on s.municipality_id = ${municipalityId}::uuid and s.organisation_id is null
        and s.kind = k.kind and s.reference = k.reference`
      .execute(trx)
      .then((result) => result.rows);
  },

  /**
   * Inserts what is new; a (kind, reference) this organisation sent before is skipped. Returns
   * the inserted rows.
   */
  insertNew(
    trx: Trx,
    municipalityId: string,
    importId: string,
    organisationId: string,
    rows: (SignalLine & {
      id: string;
      teamId: string;
      householdId: string | null;
      neighbourhoodCode: string | null;
    })[],
  ) {
    return trx
      .insertInto('signals')
      .values(
        rows.map((r) => ({
          municipality_id: municipalityId,
          id: r.id,
          team_id: r.teamId,
          import_id: importId,
          organisation_id: organisationId,
          kind: r.kind,
          reference: r.reference,
          received_at: r.receivedAt,
          postcode: r.postcode,
          house_number: r.houseNumber,
          house_letter: r.houseLetter,
          house_number_addition: r.houseNumberAddition,
          family_name: r.familyName,
          amount_cents: r.amountCents,
          note: r.note,
          household_id: r.householdId,
          neighbourhood_code: r.neighbourhoodCode,
        })),
      )
      .onConflict((oc) =>
        oc.columns(['municipality_id', 'organisation_id', 'kind', 'reference']).doNothing(),
      )
      .returning(['id', 'household_id'])
      .execute();
  },

  async insertImport(
    trx: Trx,
    row: {
      municipalityId: string;
      id: string;
      teamId: string;
      importedBy: string;
      organisationId: string;
      sha256: string;
      lines: number;
      imported: number;
      duplicates: number;
      rejected: number;
    },
  ) {
    await trx
      .insertInto('signal_imports')
      .values({
        municipality_id: row.municipalityId,
        id: row.id,
        team_id: row.teamId,
        imported_by: row.importedBy,
        organisation_id: row.organisationId,
        file_sha256: row.sha256,
        lines: row.lines,
        imported: row.imported,
        duplicates: row.duplicates,
        rejected: row.rejected,
      })
      .execute();
  },

  /**
   * Ordered by address (postcode, house number), then received_at and id: the id makes the order
   * total, so the list pages by keyset; `after` is the last row of the previous page.
   */
  list(
    trx: Trx,
    municipalityId: string,
    teamIds: readonly string[],
    filter: {
      id?: string;
      status?: SignalStatus;
      neighbourhoodCode?: string;
      after?: SignalKeyset;
      limit: number;
    },
  ) {
    let query = trx
      .selectFrom('signals as s')
      .leftJoin('neighbourhoods as n', (join) =>
        join
          .onRef('n.municipality_id', '=', 's.municipality_id')
          .onRef('n.code', '=', 's.neighbourhood_code'),
      )
      .leftJoin('organisations as o', (join) =>
        join
          .onRef('o.municipality_id', '=', 's.municipality_id')
          .onRef('o.id', '=', 's.organisation_id'),
      )
      .select(signalColumns)
      .select(['n.name as neighbourhood_name', 'o.name as organisation_name'])
      // A signal about a known household is about its members: they are named in the audit row
      // (none for a signal at an address the team does not know).
      .select(memberIdsOf('s').as('member_ids'))
      // received_at as PostgreSQL's own text: microseconds and all, so the cursor compares exactly.
      .select(sql<string>`s.received_at::text`.as('received_at_key'))
      .where('s.municipality_id', '=', municipalityId)
      .where(
        's.team_id',
        'in',
        teamIds.length > 0 ? teamIds : ['00000000-0000-0000-0000-000000000000'],
      );
    if (filter.id) query = query.where('s.id', '=', filter.id);
    if (filter.status) query = query.where('s.status', '=', filter.status);
    if (filter.neighbourhoodCode)
      query = query.where('s.neighbourhood_code', '=', filter.neighbourhoodCode);
    if (filter.after) {
      const { postcode, houseNumber, receivedAt, id } = filter.after;
      query = query.where(
        sql<boolean>`(s.postcode, s.house_number, s.received_at, s.id) > (${postcode}, ${houseNumber}::integer, ${receivedAt}::timestamptz, ${id}::uuid)`,
      );
    }
    return query
      .orderBy('s.postcode')
      .orderBy('s.house_number')
      .orderBy('s.received_at')
      .orderBy('s.id')
      .limit(filter.limit)
      .execute();
  },

  /** Every open signal at the same address of the same team gets the visit's outcome. */
  recordOutreach(
    trx: Trx,
    municipalityId: string,
    signal: {
      team_id: string;
      postcode: string;
      house_number: number;
      house_letter: string | null;
      house_number_addition: string | null;
    },
    outreach: { at: Date; by: string; status: SignalStatus },
  ) {
    return trx
      .updateTable('signals')
      .set({
        status: outreach.status,
        outreach_at: outreach.at,
        outreach_by: outreach.by,
        version: sql`version + 1`,
      })
      .where('municipality_id', '=', municipalityId)
      .where('team_id', '=', signal.team_id)
      .where('postcode', '=', signal.postcode)
      .where('house_number', '=', signal.house_number)
      .where(sql<boolean>`coalesce(house_letter, '') = ${signal.house_letter ?? ''}`)
      .where(
        sql<boolean>`coalesce(house_number_addition, '') = ${signal.house_number_addition ?? ''}`,
      )
      .where('status', '=', 'open')
      .returning(['id', 'household_id'])
      .execute();
  },

  /**
   * The signals that one outreach visit answered with reached_support_started, locked (for
   * update, in id order) until the transaction ends: the signal `id` and every other signal of
   * its team at the same address with that outcome at the same moment (recordOutreach gave them
   * all the visit's outcome and time). A second registration from any of them waits here for the
   * first to commit, and then reads its registration.
   */
  lockVisit(
    trx: Trx,
    municipalityId: string,
    signal: {
      id: string;
      team_id: string;
      postcode: string;
      house_number: number;
      house_letter: string | null;
      house_number_addition: string | null;
    },
  ) {
    return sql<{
      id: string;
      registration_id: string | null;
    }>`
      select s.id, s.registration_id from signals s
      where s.municipality_id = ${municipalityId}::uuid and s.team_id = ${signal.team_id}::uuid
        and s.postcode = ${signal.postcode} and s.house_number = ${signal.house_number}::integer
        and coalesce(s.house_letter, '') = ${signal.house_letter ?? ''}
        and coalesce(s.house_number_addition, '') = ${signal.house_number_addition ?? ''}
        and s.status = 'reached_support_started'
        and s.outreach_at = (select v.outreach_at from signals v
          where v.municipality_id = ${municipalityId}::uuid and v.id = ${signal.id}::uuid)
      order by s.id
      for update`
      .execute(trx)
      .then((result) => result.rows);
  },

  /** The signals of one visit all point at the registration it led to, and its household. */
  async linkRegistration(
    trx: Trx,
    municipalityId: string,
    ids: readonly string[],
    registrationId: string,
    householdId: string,
  ) {
    if (ids.length === 0) return;
    await trx
      .updateTable('signals')
      .set({
        registration_id: registrationId,
        household_id: householdId,
        version: sql`version + 1`,
      })
      .where('municipality_id', '=', municipalityId)
      .where('id', 'in', ids)
      .execute();
  },
};
