// Households and residents: find them (search, possible matches), show one, and settle which
// household and resident a new registration belongs to without creating duplicates.
import { sql } from 'kysely';
import type { ServiceContext } from '../../platform/context.js';
import { inTenant, setScope, type Trx } from '../../platform/db.js';
import { AppError, invalidField } from '../../platform/errors.js';
import { audit } from '../../platform/audit.js';
import { readInOneStatement, type ReadContext } from '../../platform/read-in-one-statement.js';
import { newId } from '../../platform/ids.js';
import { caseScopeOf } from '../organisation/team-scope.js';
import { teams } from '../organisation/organisation.repository.js';
import {
  bsnHash,
  formatPostcode,
  maskBsn,
  normaliseBsn,
  normalisePostcode,
} from './identifiers.js';
import { BirthDate, EARLIEST_BIRTH_YEAR } from '../../platform/date-schemas.js';
import { openTimeIdCursor, sealTimeIdCursor } from '../../platform/list-cursor.js';
import { households, postcodeTable, residents, type AddressKey } from './households.repository.js';
import type {
  AddressInput,
  Household,
  HouseholdSummary,
  Match,
  ResidentInput,
} from './households.schemas.js';

type HouseholdRow = NonNullable<Awaited<ReturnType<typeof households.find>>>;

function addressOf(row: Omit<HouseholdRow, 'neighbourhood_name' | 'open_trajectory_id'>) {
  return {
    postcode: row.postcode ? formatPostcode(row.postcode) : null,
    houseNumber: row.house_number,
    houseLetter: row.house_letter,
    houseNumberAddition: row.house_number_addition,
    street: row.street,
    city: row.city,
  };
}

/** A household as read_household answers it (as JSON): the household's row and its members. */
type HouseholdWithMembers = HouseholdRow & { members: MemberRow[] };
type MemberRow = Awaited<ReturnType<typeof households.members>>[number];

/** The household as GET /households/{id} answers it, from its row and its members' rows. */
export function toHousehold(row: HouseholdRow, members: readonly MemberRow[]): Household {
  return {
    id: row.id,
    teamId: row.team_id,
    address: addressOf(row),
    neighbourhoodCode: row.neighbourhood_code,
    neighbourhoodName: row.neighbourhood_name,
    members: members.map((m) => ({
      id: m.id,
      givenName: m.given_name,
      familyName: m.family_name,
      birthDate: m.birth_date,
      bsnKnown: m.bsn_masked !== null,
      bsnMasked: m.bsn_masked,
    })),
    openTrajectoryId: row.open_trajectory_id,
    version: row.version,
  };
}

/**
 * One household with its members. The most frequent read of a worker, so it is read in one
 * statement with its session check and audit rows (read_household, migration 20261124T1000;
 * docs/adr/0005-hot-reads-in-one-statement.md): a household of another team is not found.
 */
export async function getHousehold(ctx: ReadContext, id: string): Promise<Household> {
  const row = await readInOneStatement<HouseholdWithMembers>(ctx, 'read_household', 'household', [
    id,
  ]);
  return toHousehold(row, row.members);
}

/** What the search box was taken to ask for: one of these. */
interface SearchTerms {
  postcode?: string;
  birthDate?: string;
  name?: string;
  /** Normalised (nine digits, elfproef passed); searched by its keyed hash, never stored. */
  bsn?: string;
}

/** Eight or nine digits, perhaps grouped by spaces, dots or dashes: a BSN, not a name. */
const isBsnShaped = (q: string) => /^\d{8,9}$/.test(q.replace(/[\s.-]/g, ''));

/**
 * One search box: a postcode, a birth date (YYYY-MM-DD or DD-MM-YYYY), a BSN or (part of) a name.
 * A date that does not exist (31-02-1980) or a number that fails the elfproef is a typo: a 400
 * naming `query.q`, rather than a name search that finds nobody (or a database error, for a
 * date). Checked before the search's transaction, so a bad one reads and audits nothing.
 */
function interpretQuery(q: string): SearchTerms {
  const postcode = normalisePostcode(q);
  if (postcode) return { postcode };
  if (/^\d{4}-\d{2}-\d{2}$/.test(q)) return { birthDate: possibleBirthDate(q) };
  const dutchDate = /^(\d{1,2})[-/.](\d{1,2})[-/.](\d{4})$/.exec(q);
  if (dutchDate) {
    const [, day, month, year] = dutchDate;
    return {
      birthDate: possibleBirthDate(`${year}-${month?.padStart(2, '0')}-${day?.padStart(2, '0')}`),
    };
  }
  if (isBsnShaped(q)) {
    const bsn = normaliseBsn(q);
    if (!bsn) {
      throw invalidField(
        'query.q',
        'looks like a BSN but does not pass the elfproef (write a birth date as DD-MM-YYYY)',
        'lijkt een BSN maar doorstaat de elfproef niet (schrijf een geboortedatum als DD-MM-JJJJ)',
      );
    }
    return { bsn };
  }
  return { name: q };
}

/** The day as YYYY-MM-DD if someone can have been born on it, else a 400 naming `query.q`. */
function possibleBirthDate(day: string): string {
  if (BirthDate.safeParse(day).success) return day;
  throw invalidField(
    'query.q',
    `is not a possible birth date: a day that exists, from ${EARLIEST_BIRTH_YEAR} up to today`,
    `is geen mogelijke geboortedatum: een dag die bestaat, van ${EARLIEST_BIRTH_YEAR} tot en met vandaag`,
  );
}

/**
 * The search terms as the audit row keeps them: a name or date as typed (the person sees the
 * search in their access log), a BSN only masked, as everywhere else.
 */
function auditedTerms(q: string | undefined, terms: SearchTerms): string | null {
  if (terms.bsn) return maskBsn(terms.bsn);
  return q ?? null;
}

/**
 * One page of the household search. One row more than asked tells whether another page follows;
 * the cursor is opened before the transaction, so a bad one is a 400 that reads and audits nothing.
 */
export function searchHouseholds(
  ctx: ServiceContext,
  query: { q?: string; teamId?: string; cursor?: string; limit: number },
): Promise<{ items: HouseholdSummary[]; nextCursor: string | null }> {
  const after = openTimeIdCursor(ctx.config.secretKey, 'households.newest-first', query.cursor);
  const terms = query.q ? interpretQuery(query.q) : {};
  const scope = caseScopeOf(ctx.actor);
  const teamIds = query.teamId ? scope.teamIds.filter((t) => t === query.teamId) : scope.teamIds;
  return inTenant(ctx.db, scope, async (trx) => {
    const { bsn, ...plainTerms } = terms;
    const rows = await households.search(trx, scope.municipalityId, teamIds, {
      ...plainTerms,
      ...(bsn ? { bsnHash: bsnHash(bsn, ctx.config.secretKey) } : {}),
      ...(after ? { after } : {}),
      limit: query.limit + 1,
    });
    // The extra row is not shown: its members are neither read nor audited.
    const page = rows.slice(0, query.limit);
    const members = await households.members(
      trx,
      scope.municipalityId,
      page.map((r) => r.id),
    );
    // The search terms themselves may be a name: they go into the audit row, not into logs (a
    // BSN only masked). Every resident shown (name and birth date) is named: each sees the search
    // in their access log.
    await audit(trx, ctx, {
      action: 'household.search',
      objectType: 'household',
      residentIds: members.map((m) => m.id),
      reason: auditedTerms(query.q, terms),
    });
    const last = page.at(-1);
    return {
      items: page.map((row) => ({
        id: row.id,
        teamId: row.team_id,
        address: addressOf(row),
        neighbourhoodCode: row.neighbourhood_code,
        neighbourhoodName: row.neighbourhood_name,
        members: members
          .filter((m) => m.household_id === row.id)
          .map((m) => ({
            id: m.id,
            givenName: m.given_name,
            familyName: m.family_name,
            birthDate: m.birth_date,
          })),
        openTrajectoryId: row.open_trajectory_id,
      })),
      nextCursor:
        rows.length > query.limit && last
          ? sealTimeIdCursor(ctx.config.secretKey, 'households.newest-first', {
              at: last.created_at_key,
              id: last.id,
            })
          : null,
    };
  });
}

/** Possible matches for a person about to be registered, so the worker can link or confirm new. */
export async function findMatches(
  trx: Trx,
  municipalityId: string,
  secretKey: string,
  person: {
    givenName?: string | undefined;
    familyName?: string | undefined;
    birthDate?: string | undefined;
    bsn?: string | undefined;
    address?: AddressKey | undefined;
  },
): Promise<Match[]> {
  const matches = new Map<string, Match>();
  const add = (key: string, match: Omit<Match, 'matchedOn'>, on: Match['matchedOn'][number]) => {
    const existing = matches.get(key);
    if (existing) existing.matchedOn.push(on);
    else matches.set(key, { ...match, matchedOn: [on] });
  };
  const addressCache = new Map<string, ReturnType<typeof addressOf>>();
  const addressFor = async (householdId: string) => {
    const cached = addressCache.get(householdId);
    if (cached) return cached;
    const row = await households.find(trx, municipalityId, householdId);
    const address = row
      ? addressOf(row)
      : {
          postcode: null,
          houseNumber: null,
          houseLetter: null,
          houseNumberAddition: null,
          street: null,
          city: null,
        };
    addressCache.set(householdId, address);
    return address;
  };
  const residentMatch = async (r: {
    id: string;
    household_id: string;
    given_name: string;
    family_name: string;
    birth_date: string | null;
  }) => ({
    residentId: r.id,
    householdId: r.household_id,
    givenName: r.given_name,
    familyName: r.family_name,
    birthDate: r.birth_date,
    address: await addressFor(r.household_id),
  });

  if (person.bsn) {
    const r = await residents.findByBsnHash(trx, municipalityId, bsnHash(person.bsn, secretKey));
    if (r) add(r.id, await residentMatch(r), 'bsn');
  }
  if (person.familyName && person.givenName && person.birthDate) {
    for (const r of await residents.findByNameAndBirthDate(
      trx,
      municipalityId,
      person.familyName,
      person.givenName,
      person.birthDate,
    )) {
      add(r.id, await residentMatch(r), 'name_birth_date');
    }
  }
  if (person.address) {
    for (const h of await households.findByAddress(trx, municipalityId, person.address)) {
      const members = await households.members(trx, municipalityId, [h.id]);
      if (members.length === 0) {
        add(
          `household:${h.id}`,
          {
            residentId: null,
            householdId: h.id,
            givenName: null,
            familyName: null,
            birthDate: null,
            address: addressOf(h),
          },
          'address',
        );
      }
      for (const m of members)
        add(m.id, await residentMatch({ ...m, household_id: h.id }), 'address');
    }
  }
  return [...matches.values()];
}

export function listMatches(
  ctx: ServiceContext,
  input: { teamId: string } & Parameters<typeof findMatches>[3],
): Promise<Match[]> {
  const scope = caseScopeOf(ctx.actor);
  if (!scope.teamIds.includes(input.teamId)) {
    throw invalidField('teamId', 'is not one of your teams', 'is niet een van uw teams');
  }
  return inTenant(
    ctx.db,
    { municipalityId: scope.municipalityId, teamIds: [input.teamId] },
    async (trx) => {
      const matches = await findMatches(trx, scope.municipalityId, ctx.config.secretKey, input);
      // The matches show names, birth dates and addresses: one row per resident shown, so each
      // sees the look-up in their access log (as household.search). A household without members
      // names nobody.
      await audit(trx, ctx, {
        action: 'resident.match',
        objectType: 'resident',
        residentIds: matches.flatMap((m) => (m.residentId ? [m.residentId] : [])),
        reason: `${matches.length} match(es)`,
      });
      return matches;
    },
  );
}

/**
 * The neighbourhood of an address: from the postcode table, else the worker's choice within the
 * team's area (`field`: where the choice was made, for the error).
 */
export async function settleNeighbourhood(
  trx: Trx,
  municipalityId: string,
  teamId: string,
  address: AddressInput | undefined,
  chosen: string | undefined,
  field = 'resident.neighbourhoodCode',
): Promise<string | null> {
  if (address) {
    const fromTable = await postcodeTable.neighbourhoodFor(
      trx,
      municipalityId,
      address.postcode,
      address.houseNumber,
    );
    if (fromTable) return fromTable;
  }
  if (!chosen) return null;
  const team = await teams.find(trx, municipalityId, teamId);
  if (!team?.neighbourhood_codes.includes(chosen)) {
    throw invalidField(
      field,
      "is not a neighbourhood of the team's working area",
      'is geen buurt uit het werkgebied van het team',
    );
  }
  return chosen;
}

export interface SettledResident {
  householdId: string;
  residentId: string | null;
  matchedExisting: boolean;
  /**
   * The team whose household it is: the team asked for, except for a blind caller whose person
   * another team already knows by BSN (see settleResident).
   */
  teamId: string;
}

/**
 * Finds or creates the household and resident of a registration. A BSN match always links; a
 * name-and-birth-date or address match links unless the worker confirmed a new person. A BSN
 * known to another team is refused: one household, one plan, one coordinator.
 *
 * `blind`: the caller (a partner) may not learn whether the person is known, so no answer may
 * depend on the matching. Everything that can refuse is checked before matching (a household
 * id is refused outright, the buurt is settled first), and a BSN known to another team is not
 * refused but linked to that team's resident: the registration then goes to that team, which
 * holds the person's one plan, instead of a 409 that tells the partner the person exists.
 */
export async function settleResident(
  trx: Trx,
  ctx: ServiceContext,
  teamId: string,
  input: {
    householdId?: string | undefined;
    resident?: ResidentInput | undefined;
    confirmedNew: boolean;
    blind?: boolean;
  },
): Promise<SettledResident | null> {
  const { municipalityId } = ctx.actor;
  const blind = input.blind === true;
  let householdId = input.householdId ?? null;
  // Refused whatever the id is: "not a household of this team" would tell a partner which
  // households exist, and a partner, who sees no households, has no id to give anyway.
  if (blind && householdId) {
    throw invalidField(
      'householdId',
      'cannot be given by a partner: describe the resident instead',
      'kan een partner niet meegeven: beschrijf de inwoner',
    );
  }
  if (householdId) {
    const household = await households.standing(trx, municipalityId, householdId);
    if (!household) {
      throw invalidField(
        'householdId',
        'is not a household of this team',
        'is geen huishouden van dit team',
      );
    }
    // An erased household takes no new person data (household-changes.ts, claimVersion): a person
    // of it who comes back is registered anew, as a new household.
    if (household.erased_at !== null) {
      throw new AppError('conflict', {
        invalidParams: [
          {
            name: 'householdId',
            reason: 'is an erased household: register the person anew, without it',
            reasonNl:
              'is een gewist huishouden: registreer de persoon opnieuw, zonder dit huishouden',
          },
        ],
      });
    }
  }
  const person = input.resident;
  if (!person)
    return householdId ? { householdId, residentId: null, matchedExisting: true, teamId } : null;

  const hash = person.bsn ? bsnHash(person.bsn, ctx.config.secretKey) : null;
  const address = person.address;
  // For a blind caller a wrong buurt is refused before matching, known person or not (for the
  // team it is checked only when a household is made, as before: one query less per match).
  const blindNeighbourhood = blind
    ? await settleNeighbourhood(trx, municipalityId, teamId, address, person.neighbourhoodCode)
    : undefined;
  const matches = await findMatches(trx, municipalityId, ctx.config.secretKey, {
    ...person,
    ...(address ? { address } : {}),
  });
  const byBsn = matches.find((m) => m.matchedOn.includes('bsn'));
  if (byBsn?.residentId)
    return {
      householdId: byBsn.householdId,
      residentId: byBsn.residentId,
      matchedExisting: true,
      teamId,
    };
  if (hash && (await bsnKnownElsewhere(trx, hash))) {
    if (blind) {
      const elsewhere = await linkToTheTeamThatKnows(trx, municipalityId, teamId, hash);
      if (elsewhere) return elsewhere;
    } else {
      throw knownToAnotherTeam('resident.bsn');
    }
  }
  if (!input.confirmedNew) {
    const byPerson = matches.find((m) => m.matchedOn.includes('name_birth_date') && m.residentId);
    if (byPerson?.residentId) {
      return {
        householdId: byPerson.householdId,
        residentId: byPerson.residentId,
        matchedExisting: true,
        teamId,
      };
    }
    const byAddress = matches.find((m) => m.matchedOn.includes('address'));
    if (byAddress && !householdId) householdId = byAddress.householdId;
  }

  const matchedHousehold = householdId !== null;
  if (!householdId) {
    householdId = newId();
    const neighbourhoodCode =
      blindNeighbourhood !== undefined
        ? blindNeighbourhood
        : await settleNeighbourhood(trx, municipalityId, teamId, address, person.neighbourhoodCode);
    await households.insert(trx, {
      municipalityId,
      id: householdId,
      teamId,
      address: address ?? null,
      neighbourhoodCode,
    });
    await audit(trx, ctx, {
      action: 'household.create',
      objectType: 'household',
      objectId: householdId,
    });
  }
  const residentId = newId();
  await residents.insert(trx, {
    municipalityId,
    id: residentId,
    householdId,
    givenName: person.givenName,
    familyName: person.familyName,
    birthDate: person.birthDate ?? null,
    bsnHash: hash,
    bsnMasked: person.bsn ? maskBsn(person.bsn) : null,
    phone: person.phone ?? null,
    email: person.email ?? null,
  });
  await audit(trx, ctx, {
    action: 'resident.create',
    objectType: 'resident',
    objectId: residentId,
    residentId,
  });
  return { householdId, residentId, matchedExisting: matchedHousehold, teamId };
}

/**
 * A blind caller's person whom another team knows by BSN: that team's household and resident,
 * found by looking across the municipality's teams (as the signal import routes a partner's
 * line), with the transaction narrowed to that team for the registration that follows. Only the
 * server sees them; the partner gets its registration's id and status, as for anyone. Null if
 * the resident went in the meantime (erased): then the person is recorded as new, in the
 * team asked for, with the write scope of that team restored.
 */
async function linkToTheTeamThatKnows(
  trx: Trx,
  municipalityId: string,
  teamId: string,
  hash: string,
): Promise<SettledResident | null> {
  const allTeams = await teams.list(trx, municipalityId);
  await setScope(trx, { municipalityId, teamIds: allTeams.map((t) => t.id) });
  const known = await residents.findByBsnHash(trx, municipalityId, hash);
  await setScope(trx, { municipalityId, teamIds: [known?.team_id ?? teamId] });
  if (!known?.team_id) return null;
  return {
    householdId: known.household_id,
    residentId: known.id,
    matchedExisting: true,
    teamId: known.team_id,
  };
}

/** The 409 for a BSN that another team of the municipality knows (`field`: where it was given). */
export function knownToAnotherTeam(field: string): AppError {
  return new AppError('conflict', {
    invalidParams: [
      {
        name: field,
        reason: 'this person is known to another team of the municipality: contact that team first',
        reasonNl:
          'deze persoon is bekend bij een ander team van de gemeente: neem eerst contact op met dat team',
      },
    ],
  });
}

/** Whether a BSN is registered in another team: asked of the database past the team policy. */
export async function bsnKnownElsewhere(trx: Trx, hash: string): Promise<boolean> {
  const { rows } = await sql<{
    known: boolean;
  }>`select resident_bsn_known(${hash}) as known`.execute(trx);
  return rows[0]?.known === true;
}
