// A household changes while the team works with it: it moves (and with the address its buurt),
// a partner or a child joins, a name or birth date was taken down wrong. Before this the only way
// to record that was a new registration, which counted twice in the monitor and waited on the
// waiting list (PRODUCT.md §4: "a household with its members and address (and so its buurt)";
// promise 1, "nothing twice").
//
// The household and its members are edited as one record with one version: every change checks
// and raises the household's version, so two workers editing the same household (its address on
// one screen, a member on another) cannot overwrite each other unseen.
import { sql } from 'kysely';
import type { ServiceContext } from '../../platform/context.js';
import { inTenant, type Trx } from '../../platform/db.js';
import { AppError, notFound, versionConflict } from '../../platform/errors.js';
import { audit } from '../../platform/audit.js';
import { newId } from '../../platform/ids.js';
import { caseScopeOf } from '../organisation/team-scope.js';
import { bsnHash, formatPostcode, maskBsn } from './identifiers.js';
import { households, residents } from './households.repository.js';
import { findMatches, settleNeighbourhood } from './households.service.js';
import type { Household } from './households.schemas.js';
import type { HouseholdChange, MemberCorrection, NewMember } from './household-changes.schemas.js';

type HouseholdRow = NonNullable<Awaited<ReturnType<typeof households.find>>>;
type MemberRow = Awaited<ReturnType<typeof households.members>>[number];

/** The household as GET /households/{id} answers it, from its row and its members' rows. */
export function toHousehold(row: HouseholdRow, members: readonly MemberRow[]): Household {
  return {
    id: row.id,
    teamId: row.team_id,
    address: {
      postcode: row.postcode ? formatPostcode(row.postcode) : null,
      houseNumber: row.house_number,
      houseLetter: row.house_letter,
      houseNumberAddition: row.house_number_addition,
      street: row.street,
      city: row.city,
    },
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
 * Raises the household's version if it is still `expected`, or answers 404 (not the caller's
 * household) or 409 (someone changed it since it was read). The row stays locked until the
 * commit, so the change that follows is the only one.
 */
async function claimVersion(trx: Trx, municipalityId: string, id: string, expected: number) {
  const claimed = await trx
    .updateTable('households')
    .set({ version: sql`version + 1`, updated_at: sql`now()` })
    .where('municipality_id', '=', municipalityId)
    .where('id', '=', id)
    .where('version', '=', expected)
    .returning(['id', 'team_id'])
    .executeTakeFirst();
  if (claimed) return claimed;
  if (await households.find(trx, municipalityId, id)) throw versionConflict();
  throw notFound();
}

/** The household after a change, read in the change's transaction, audited with its members. */
async function answer(
  trx: Trx,
  ctx: ServiceContext,
  id: string,
  action: 'household.update' | 'resident.update' | 'resident.create',
  detail: { objectId?: string; reason?: string },
): Promise<Household> {
  const { municipalityId } = ctx.actor;
  const row = await households.find(trx, municipalityId, id);
  if (!row) throw notFound();
  const members = await households.members(trx, municipalityId, [id]);
  await audit(trx, ctx, {
    action,
    objectType: action === 'household.update' ? 'household' : 'resident',
    objectId: detail.objectId ?? id,
    residentIds: members.map((m) => m.id),
    reason: detail.reason ?? null,
  });
  return toHousehold(row, members);
}

/** A move (or a corrected address): the new address and the buurt that goes with it. */
export function changeHousehold(
  ctx: ServiceContext,
  id: string,
  input: HouseholdChange,
): Promise<Household> {
  const scope = caseScopeOf(ctx.actor);
  return inTenant(ctx.db, scope, async (trx) => {
    const { municipalityId } = scope;
    const claimed = await claimVersion(trx, municipalityId, id, input.version);
    const address = input.address ?? undefined;
    const neighbourhoodCode = await settleNeighbourhood(
      trx,
      municipalityId,
      claimed.team_id,
      address,
      input.neighbourhoodCode,
      'neighbourhoodCode',
    );
    await trx
      .updateTable('households')
      .set({
        postcode: address?.postcode ?? null,
        house_number: address?.houseNumber ?? null,
        house_letter: address?.houseLetter ?? null,
        house_number_addition: address?.houseNumberAddition ?? null,
        street: address?.street ?? null,
        city: address?.city ?? null,
        neighbourhood_code: neighbourhoodCode,
      })
      .where('municipality_id', '=', municipalityId)
      .where('id', '=', id)
      .execute();
    return answer(trx, ctx, id, 'household.update', { reason: 'address' });
  });
}

/**
 * A BSN names one person: one already recorded (in this household or another of the team) is
 * refused with where to find them, and one known to another team as on registration (one
 * household, one plan, one coordinator).
 */
async function refuseKnownBsn(trx: Trx, ctx: ServiceContext, bsn: string, exceptId?: string) {
  const hash = bsnHash(bsn, ctx.config.secretKey);
  const known = await residents.findByBsnHash(trx, ctx.actor.municipalityId, hash);
  if (known && known.id !== exceptId) {
    throw new AppError('conflict', {
      invalidParams: [
        {
          name: 'bsn',
          reason: 'this BSN is already recorded for a resident of the team',
          reasonNl: 'dit BSN is al vastgelegd bij een inwoner van het team',
        },
      ],
    });
  }
  const { rows } = await sql<{ known: boolean }>`
    select resident_bsn_known(${hash}) as known`.execute(trx);
  if (rows[0]?.known === true && !known) {
    throw new AppError('conflict', {
      invalidParams: [
        {
          name: 'bsn',
          reason:
            'this person is known to another team of the municipality: contact that team first',
          reasonNl:
            'deze persoon is bekend bij een ander team van de gemeente: neem eerst contact op met dat team',
        },
      ],
    });
  }
  return hash;
}

/** A partner or a child joins the household. */
export function addMember(ctx: ServiceContext, id: string, input: NewMember): Promise<Household> {
  const scope = caseScopeOf(ctx.actor);
  return inTenant(ctx.db, scope, async (trx) => {
    const { municipalityId } = scope;
    await claimVersion(trx, municipalityId, id, input.version);
    const hash = input.bsn ? await refuseKnownBsn(trx, ctx, input.bsn) : null;
    if (!hash && input.birthDate) {
      // The same person recorded twice by name and birth date would split their story over two
      // records: the worker adds them only after looking (confirmedNew), as on registration.
      const matches = await findMatches(trx, municipalityId, ctx.config.secretKey, {
        givenName: input.givenName,
        familyName: input.familyName,
        birthDate: input.birthDate,
      });
      const same = matches.find((m) => m.matchedOn.includes('name_birth_date') && m.residentId);
      if (same && !input.confirmedNew) {
        throw new AppError('conflict', {
          invalidParams: [
            {
              name: 'confirmedNew',
              reason:
                'a resident with this name and birth date is already recorded: check, then send confirmedNew: true to add a new person anyway',
              reasonNl:
                'er staat al een inwoner met deze naam en geboortedatum: controleer dit en stuur confirmedNew: true om toch een nieuwe persoon toe te voegen',
            },
          ],
        });
      }
    }
    const residentId = newId();
    await residents.insert(trx, {
      municipalityId,
      id: residentId,
      householdId: id,
      givenName: input.givenName,
      familyName: input.familyName,
      birthDate: input.birthDate ?? null,
      bsnHash: hash,
      bsnMasked: input.bsn ? maskBsn(input.bsn) : null,
      phone: input.phone ?? null,
      email: input.email ?? null,
    });
    return answer(trx, ctx, id, 'resident.create', { objectId: residentId });
  });
}

/** A member's details corrected: a name, a birth date, a BSN found later, contact details. */
export function correctMember(
  ctx: ServiceContext,
  id: string,
  residentId: string,
  input: MemberCorrection,
): Promise<Household> {
  const scope = caseScopeOf(ctx.actor);
  return inTenant(ctx.db, scope, async (trx) => {
    const { municipalityId } = scope;
    await claimVersion(trx, municipalityId, id, input.version);
    const member = await residents.find(trx, municipalityId, residentId);
    if (!member || member.household_id !== id) throw notFound();
    const hash = input.bsn ? await refuseKnownBsn(trx, ctx, input.bsn, residentId) : undefined;
    await trx
      .updateTable('residents')
      .set({
        ...(input.givenName !== undefined ? { given_name: input.givenName } : {}),
        ...(input.familyName !== undefined ? { family_name: input.familyName } : {}),
        ...(input.birthDate !== undefined ? { birth_date: input.birthDate } : {}),
        ...(input.phone !== undefined ? { phone: input.phone } : {}),
        ...(input.email !== undefined ? { email: input.email } : {}),
        ...(input.bsn && hash ? { bsn_hash: hash, bsn_masked: maskBsn(input.bsn) } : {}),
        version: sql`version + 1`,
        updated_at: sql`now()`,
      })
      .where('municipality_id', '=', municipalityId)
      .where('id', '=', residentId)
      .execute();
    // Which fields changed, by name only: the audit trail keeps no values.
    const fields = Object.keys(input).filter((key) => key !== 'version');
    return answer(trx, ctx, id, 'resident.update', {
      objectId: residentId,
      reason: fields.sort().join(', '),
    });
  });
}
