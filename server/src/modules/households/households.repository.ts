// SQL for households and residents. Team scope is enforced by row-level security (the
// transaction carries the caller's teams) and named in the queries that list.
import { sql } from 'kysely';
import type { Trx } from '../../platform/db.js';
import type { TimeIdKeyset } from '../../platform/list-cursor.js';

const householdColumns = [
  'h.id',
  'h.team_id',
  'h.postcode',
  'h.house_number',
  'h.house_letter',
  'h.house_number_addition',
  'h.street',
  'h.city',
  'h.neighbourhood_code',
  'h.version',
] as const;

export interface AddressKey {
  postcode: string;
  houseNumber: number;
  houseLetter?: string | undefined;
  houseNumberAddition?: string | undefined;
}

/** Households with their buurt's name and their open trajectory, if any (one or a search). */
function householdsWithBuurt(trx: Trx, municipalityId: string) {
  return trx
    .selectFrom('households as h')
    .leftJoin('neighbourhoods as n', (join) =>
      join
        .onRef('n.municipality_id', '=', 'h.municipality_id')
        .onRef('n.code', '=', 'h.neighbourhood_code'),
    )
    .select(householdColumns)
    .select('n.name as neighbourhood_name')
    .select(
      sql<
        string | null
      >`(select t.id from trajectories t where t.municipality_id = h.municipality_id
        and t.household_id = h.id and t.status <> 'closed' limit 1)`.as('open_trajectory_id'),
    )
    .where('h.municipality_id', '=', municipalityId);
}

const oneHousehold = (trx: Trx, municipalityId: string, id: string) =>
  householdsWithBuurt(trx, municipalityId).where('h.id', '=', id);

/** What a member shows in a household, read on its own or as part of the household. */
const MEMBER_COLUMNS = [
  'id',
  'household_id',
  'given_name',
  'family_name',
  'birth_date',
  'bsn_masked',
] as const;

export const households = {
  find(trx: Trx, municipalityId: string, id: string) {
    return oneHousehold(trx, municipalityId, id).executeTakeFirst();
  },

  members(trx: Trx, municipalityId: string, householdIds: string[]) {
    if (householdIds.length === 0) return Promise.resolve([]);
    return trx
      .selectFrom('residents')
      .select(MEMBER_COLUMNS)
      .where('municipality_id', '=', municipalityId)
      .where('household_id', 'in', householdIds)
      .orderBy('birth_date')
      .orderBy('given_name')
      .execute();
  },

  /**
   * Search by name (any member), postcode, birth date or BSN (by its keyed hash, as stored),
   * within the given teams. Newest household
   * first, then by id (both descending): the id makes the order total, so the search pages by
   * keyset; `after` is the last row of the previous page.
   */
  search(
    trx: Trx,
    municipalityId: string,
    teamIds: readonly string[],
    query: {
      postcode?: string;
      birthDate?: string;
      name?: string;
      bsnHash?: string;
      after?: TimeIdKeyset;
      limit: number;
    },
  ) {
    let q = householdsWithBuurt(trx, municipalityId)
      // created_at as PostgreSQL's own text: microseconds and all, so the cursor compares exactly.
      .select(sql<string>`h.created_at::text`.as('created_at_key'))
      .where(
        'h.team_id',
        'in',
        teamIds.length > 0 ? teamIds : ['00000000-0000-0000-0000-000000000000'],
      );
    if (query.after) {
      q = q.where(
        sql<boolean>`(h.created_at, h.id) < (${query.after.at}::timestamptz, ${query.after.id}::uuid)`,
      );
    }
    if (query.postcode) q = q.where('h.postcode', '=', query.postcode);
    const { birthDate, bsnHash } = query;
    // A name is matched as text: % and _ in it are not wildcards.
    const name = query.name?.replace(/[\\%_]/g, (c) => `\\${c}`);
    if (birthDate || name || bsnHash) {
      q = q.where((eb) =>
        eb.exists(
          eb
            .selectFrom('residents as r')
            .select(sql`1`.as('one'))
            .whereRef('r.municipality_id', '=', 'h.municipality_id')
            .whereRef('r.household_id', '=', 'h.id')
            .$if(birthDate !== undefined, (sub) => sub.where('r.birth_date', '=', birthDate ?? ''))
            .$if(bsnHash !== undefined, (sub) => sub.where('r.bsn_hash', '=', bsnHash ?? ''))
            .$if(name !== undefined, (sub) =>
              sub.where(
                sql<boolean>`(lower(r.family_name) like ${`%${(name ?? '').toLowerCase()}%`}
                  or lower(r.given_name || ' ' || r.family_name) like ${`%${(name ?? '').toLowerCase()}%`})`,
              ),
            ),
        ),
      );
    }
    return q.orderBy('h.created_at', 'desc').orderBy('h.id', 'desc').limit(query.limit).execute();
  },

  /** Whose the household is and whether it was erased: what decides whether it may change. */
  standing(trx: Trx, municipalityId: string, id: string) {
    return trx
      .selectFrom('households')
      .select(['team_id', 'erased_at'])
      .where('municipality_id', '=', municipalityId)
      .where('id', '=', id)
      .executeTakeFirst();
  },

  findByAddress(trx: Trx, municipalityId: string, address: AddressKey) {
    return trx
      .selectFrom('households as h')
      .select(householdColumns)
      .where('h.municipality_id', '=', municipalityId)
      .where('h.postcode', '=', address.postcode)
      .where('h.house_number', '=', address.houseNumber)
      .where(
        sql<boolean>`coalesce(upper(h.house_letter), '') = ${(address.houseLetter ?? '').toUpperCase()}`,
      )
      .where(
        sql<boolean>`coalesce(upper(h.house_number_addition), '') = ${(address.houseNumberAddition ?? '').toUpperCase()}`,
      )
      .orderBy('h.created_at')
      .execute();
  },

  async insert(
    trx: Trx,
    row: {
      municipalityId: string;
      id: string;
      teamId: string;
      address: (AddressKey & { street?: string | undefined; city?: string | undefined }) | null;
      neighbourhoodCode: string | null;
    },
  ) {
    await trx
      .insertInto('households')
      .values({
        municipality_id: row.municipalityId,
        id: row.id,
        team_id: row.teamId,
        postcode: row.address?.postcode ?? null,
        house_number: row.address?.houseNumber ?? null,
        house_letter: row.address?.houseLetter ?? null,
        house_number_addition: row.address?.houseNumberAddition ?? null,
        street: row.address?.street ?? null,
        city: row.address?.city ?? null,
        neighbourhood_code: row.neighbourhoodCode,
      })
      .execute();
  },
};

export const residents = {
  findByBsnHash(trx: Trx, municipalityId: string, hash: string) {
    return trx
      .selectFrom('residents')
      .select(['id', 'household_id', 'team_id', 'given_name', 'family_name', 'birth_date'])
      .where('municipality_id', '=', municipalityId)
      .where('bsn_hash', '=', hash)
      .executeTakeFirst();
  },

  findByNameAndBirthDate(
    trx: Trx,
    municipalityId: string,
    familyName: string,
    givenName: string,
    birthDate: string,
  ) {
    return trx
      .selectFrom('residents')
      .select(['id', 'household_id', 'given_name', 'family_name', 'birth_date'])
      .where('municipality_id', '=', municipalityId)
      .where(sql<string>`lower(family_name)`, '=', familyName.toLowerCase())
      .where(sql<string>`lower(given_name)`, '=', givenName.toLowerCase())
      .where('birth_date', '=', birthDate)
      .execute();
  },

  find(trx: Trx, municipalityId: string, id: string) {
    return trx
      .selectFrom('residents')
      .select(['id', 'household_id', 'given_name', 'family_name', 'birth_date'])
      .where('municipality_id', '=', municipalityId)
      .where('id', '=', id)
      .executeTakeFirst();
  },

  async insert(
    trx: Trx,
    row: {
      municipalityId: string;
      id: string;
      householdId: string;
      givenName: string;
      familyName: string;
      birthDate: string | null;
      bsnHash: string | null;
      bsnMasked: string | null;
      phone: string | null;
      email: string | null;
    },
  ) {
    await trx
      .insertInto('residents')
      .values({
        municipality_id: row.municipalityId,
        id: row.id,
        household_id: row.householdId,
        given_name: row.givenName,
        family_name: row.familyName,
        birth_date: row.birthDate,
        bsn_hash: row.bsnHash,
        bsn_masked: row.bsnMasked,
        phone: row.phone,
        email: row.email,
      })
      .execute();
  },
};

export const postcodeTable = {
  async neighbourhoodFor(trx: Trx, municipalityId: string, postcode: string, houseNumber: number) {
    const row = await trx
      .selectFrom('postcode_neighbourhoods')
      .select('neighbourhood_code')
      .where('municipality_id', '=', municipalityId)
      .where('postcode', '=', postcode)
      .where('house_number_from', '<=', houseNumber)
      .where('house_number_to', '>=', houseNumber)
      .executeTakeFirst();
    return row?.neighbourhood_code ?? null;
  },
  async isLoaded(trx: Trx, municipalityId: string): Promise<boolean> {
    const row = await trx
      .selectFrom('postcode_neighbourhoods')
      .select('postcode')
      .where('municipality_id', '=', municipalityId)
      .limit(1)
      .executeTakeFirst();
    return row !== undefined;
  },
};
