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
import { AppError, invalidField, notFound, versionConflict } from '../../platform/errors.js';
import { audit } from '../../platform/audit.js';
import { newId } from '../../platform/ids.js';
import { caseScopeOf } from '../organisation/team-scope.js';
import { bsnHash, maskBsn } from './identifiers.js';
import { households, residents } from './households.repository.js';
import {
  bsnKnownElsewhere,
  findMatches,
  knownToAnotherTeam,
  settleNeighbourhood,
  toHousehold,
} from './households.service.js';
import type { Household } from './households.schemas.js';
import type { HouseholdChange, MemberCorrection, NewMember } from './household-changes.schemas.js';

/**
 * Raises the household's version if it is still `expected`, or answers 404 (not a household of
 * the caller's own teams), 409 erased (householdErased) or 409 (someone changed it since it was
 * read). The row stays locked until the commit, so the change that follows is the only one. A
 * household read by breaking the glass is in the caller's read scope but not theirs to change:
 * row-level security refuses the update, and it is a 404 (audited as refused access), not
 * "someone changed it".
 */
async function claimVersion(trx: Trx, ctx: ServiceContext, id: string, expected: number) {
  const { municipalityId, teamIds } = ctx.actor;
  const claimed = await trx
    .updateTable('households')
    .set({ version: sql`version + 1`, updated_at: sql`now()` })
    .where('municipality_id', '=', municipalityId)
    .where('id', '=', id)
    .where('version', '=', expected)
    .where('erased_at', 'is', null)
    .returning(['id', 'team_id'])
    .executeTakeFirst();
  if (claimed) return claimed;
  const household = await households.standing(trx, municipalityId, id);
  if (!household || !teamIds.includes(household.team_id)) throw notFound();
  // Erased before the version is compared: reading the household again would not help.
  if (household.erased_at !== null) throw householdErased();
  throw versionConflict();
}

/**
 * An erased household (the right to erasure, or the retention period) keeps only what the
 * anonymous figures need: a new member, a name or an address put into it would be person data in
 * a file that was erased, recorded nowhere the person can find. The person is registered anew.
 */
function householdErased(): AppError {
  return new AppError('conflict', {
    detail: {
      en: 'This household has been erased: it can no longer be changed. Register the person anew.',
      nl: 'Dit huishouden is gewist: het kan niet meer worden gewijzigd. Registreer de persoon opnieuw.',
    },
  });
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
    const claimed = await claimVersion(trx, ctx, id, input.version);
    const address = input.address ?? undefined;
    const neighbourhoodCode = await settleNeighbourhood(
      trx,
      municipalityId,
      claimed.team_id,
      address,
      input.neighbourhoodCode,
      'neighbourhoodCode',
    );
    // A buurt the postcode table cannot give needs naming: keeping the old one would place a move
    // in the wrong buurt, and none would drop the household from the figures per buurt, both
    // without a word. So also for no address (homeless, or not known yet): the team still works
    // with the household somewhere in its area.
    if (neighbourhoodCode === null) throw buurtNeeded(address !== undefined);
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

/** The 400 for a change that leaves the household without a buurt (`withAddress`: one was sent). */
function buurtNeeded(withAddress: boolean): AppError {
  return withAddress
    ? invalidField(
        'neighbourhoodCode',
        'is needed: the postcode table does not know this address, so choose its buurt',
        'is nodig: de postcodetabel kent dit adres niet, kies dus de buurt',
      )
    : invalidField(
        'neighbourhoodCode',
        'is needed without an address: choose the buurt of the team where the household belongs',
        'is nodig zonder adres: kies de buurt van het team waar het huishouden bij hoort',
      );
}

/**
 * A BSN names one person: one already recorded (in this household or another of the team) is
 * refused with where to find them, and one known to another team as on registration (one
 * household, one plan, one coordinator).
 */
async function refuseKnownBsn(trx: Trx, ctx: ServiceContext, bsn: string, exceptId?: string) {
  const hash = bsnHash(bsn, ctx.config.secretKey);
  const known = await residents.findByBsnHash(trx, ctx.actor.municipalityId, hash);
  if (known && known.id !== exceptId) throw bsnRecordedAlready();
  if (!known && (await bsnKnownElsewhere(trx, hash))) throw knownToAnotherTeam('bsn');
  return hash;
}

function bsnRecordedAlready(): AppError {
  return new AppError('conflict', {
    invalidParams: [
      {
        name: 'bsn',
        reason: 'this BSN is already recorded for a resident of the team',
        reasonNl: 'dit BSN is al vastgelegd bij een inwoner van het team',
      },
    ],
  });
}

/**
 * Runs the write that stores a member's BSN. refuseKnownBsn cannot see a BSN that a transaction
 * running at the same moment stores (two workers adding the same person to two households): the
 * unique index residents_bsn then refuses the second, and that is the same 409 naming `bsn`,
 * not a conflict without a field.
 */
async function storingBsn<T>(write: () => Promise<T>): Promise<T> {
  try {
    return await write();
  } catch (error) {
    const { code, constraint } = error as { code?: unknown; constraint?: unknown };
    if (code === '23505' && constraint === 'residents_bsn') throw bsnRecordedAlready();
    throw error;
  }
}

/**
 * The same person recorded twice by name and birth date would split their story over two
 * records: the worker adds them only after looking (confirmedNew), as on registration. With a
 * BSN too: a new BSN does not make a new person, it may be the one their record lacks.
 */
async function refuseSamePerson(trx: Trx, ctx: ServiceContext, input: NewMember) {
  if (!input.birthDate || input.confirmedNew) return;
  const matches = await findMatches(trx, ctx.actor.municipalityId, ctx.config.secretKey, {
    givenName: input.givenName,
    familyName: input.familyName,
    birthDate: input.birthDate,
  });
  if (!matches.some((m) => m.matchedOn.includes('name_birth_date') && m.residentId)) return;
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

/** A partner or a child joins the household. */
export function addMember(ctx: ServiceContext, id: string, input: NewMember): Promise<Household> {
  const scope = caseScopeOf(ctx.actor);
  return inTenant(ctx.db, scope, async (trx) => {
    const { municipalityId } = scope;
    await claimVersion(trx, ctx, id, input.version);
    // The BSN first: a BSN recorded already is that person, whatever the name (409 naming bsn).
    const hash = input.bsn ? await refuseKnownBsn(trx, ctx, input.bsn) : null;
    await refuseSamePerson(trx, ctx, input);
    const residentId = newId();
    await storingBsn(() =>
      residents.insert(trx, {
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
      }),
    );
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
    // Which fields the correction sends, by name only: the audit trail keeps no values.
    const fields = Object.keys(input)
      .filter((key) => key !== 'version')
      .sort();
    if (fields.length === 0) {
      throw invalidField(
        'version',
        'comes with nothing to correct: send at least one field',
        'komt zonder iets om te corrigeren: stuur minstens één veld',
      );
    }
    await claimVersion(trx, ctx, id, input.version);
    const member = await residents.find(trx, municipalityId, residentId);
    if (!member || member.household_id !== id) throw notFound();
    const hash = input.bsn ? await refuseKnownBsn(trx, ctx, input.bsn, residentId) : undefined;
    await storingBsn(() =>
      trx
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
        .execute(),
    );
    return answer(trx, ctx, id, 'resident.update', {
      objectId: residentId,
      reason: fields.join(', '),
    });
  });
}
