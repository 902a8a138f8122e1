// The municipality's price list and its assumptions: kept with a validity period and a source,
// changed with the version that was read (409 when someone else changed it first).
import { sql } from 'kysely';
import type { ServiceContext } from '../../platform/context.js';
import { inTenant, type Trx } from '../../platform/db.js';
import { invalidField, notFound, versionConflict } from '../../platform/errors.js';
import { audit } from '../../platform/audit.js';
import { newId } from '../../platform/ids.js';
import { readableDay } from '../../platform/dates.js';
import type { PricesTable, BusinessCaseAssumptionsTable } from '../../db/schema.js';
import type { Selectable } from 'kysely';
import type {
  CreateAssumptionInput,
  CreatePriceInput,
  UpdateAssumptionInput,
  UpdatePriceInput,
} from './business-case.schemas.js';
import { periodsOverlap } from './pricing.js';
import { assumptionSentence } from './labels.js';

type PriceRow = Selectable<PricesTable> & { organisation_name: string | null };

const UNIT = { provision: 'year', benefit: 'month', organisation_hour: 'hour' } as const;

const toPrice = (r: PriceRow) => ({
  id: r.id,
  kind: r.kind,
  provision: r.provision,
  organisationId: r.organisation_id,
  organisationName: r.organisation_name,
  amountCents: r.amount_cents,
  unit: UNIT[r.kind],
  validFrom: r.valid_from,
  validTo: r.valid_to,
  sourceNote: r.source_note,
  inExecutionBudget: r.in_execution_budget,
  version: r.version,
});
export type Price = ReturnType<typeof toPrice>;

function selectPrices(trx: Trx, municipalityId: string) {
  return trx
    .selectFrom('prices as p')
    .leftJoin('organisations as o', (j) =>
      j
        .onRef('o.municipality_id', '=', 'p.municipality_id')
        .onRef('o.id', '=', 'p.organisation_id'),
    )
    .selectAll('p')
    .select('o.name as organisation_name')
    .where('p.municipality_id', '=', municipalityId);
}

/** All prices, by subject and then by start of validity. */
export async function loadPrices(trx: Trx, municipalityId: string): Promise<Price[]> {
  const rows = await selectPrices(trx, municipalityId)
    .orderBy('p.kind')
    .orderBy('p.provision')
    .orderBy('o.name')
    .orderBy('p.valid_from')
    .execute();
  return rows.map(toPrice);
}

export function listPrices(ctx: ServiceContext) {
  const { municipalityId } = ctx.actor;
  return inTenant(ctx.db, { municipalityId, teamIds: [] }, async (trx) => ({
    items: await loadPrices(trx, municipalityId),
    nextCursor: null,
  }));
}

/** One subject's other prices must not share a day with this one's validity. */
async function refuseOverlap(
  trx: Trx,
  municipalityId: string,
  subject: { id: string; kind: string; provision: string | null; organisationId: string | null },
  period: { validFrom: string; validTo: string | null },
) {
  // Writers of the price list take turns, so two overlapping prices cannot pass this check at once.
  await sql`select pg_advisory_xact_lock(hashtext('prices:' || ${municipalityId}))`.execute(trx);
  const others = await trx
    .selectFrom('prices')
    .select(['id', 'valid_from', 'valid_to'])
    .where('municipality_id', '=', municipalityId)
    .where('kind', '=', subject.kind as PricesTable['kind'])
    .where('id', '!=', subject.id)
    .where((eb) =>
      subject.provision === null
        ? eb('provision', 'is', null)
        : eb('provision', '=', subject.provision as never),
    )
    .where((eb) =>
      subject.organisationId === null
        ? eb('organisation_id', 'is', null)
        : eb('organisation_id', '=', subject.organisationId),
    )
    .execute();
  const clash = others.find((o) =>
    periodsOverlap(period, { validFrom: o.valid_from, validTo: o.valid_to }),
  );
  if (clash) {
    throw invalidField(
      'validFrom',
      `overlaps the validity of another price for the same item (${readableDay(clash.valid_from).en} to ${clash.valid_to ? readableDay(clash.valid_to).en : 'open'})`,
      `overlapt met de geldigheid van een andere prijs voor hetzelfde onderdeel (${readableDay(clash.valid_from).nl} t/m ${clash.valid_to ? readableDay(clash.valid_to).nl : 'open'})`,
    );
  }
}

export function createPrice(ctx: ServiceContext, input: CreatePriceInput) {
  const { municipalityId } = ctx.actor;
  return inTenant(ctx.db, { municipalityId, teamIds: [] }, async (trx) => {
    if (input.organisationId) {
      const org = await trx
        .selectFrom('organisations')
        .select('id')
        .where('municipality_id', '=', municipalityId)
        .where('id', '=', input.organisationId)
        .executeTakeFirst();
      if (!org)
        throw invalidField(
          'organisationId',
          'is not an organisation of this municipality',
          'is geen organisatie van deze gemeente',
        );
    }
    const id = newId();
    const validTo = input.validTo ?? null;
    await refuseOverlap(
      trx,
      municipalityId,
      {
        id,
        kind: input.kind,
        provision: input.provision ?? null,
        organisationId: input.organisationId ?? null,
      },
      { validFrom: input.validFrom, validTo },
    );
    await trx
      .insertInto('prices')
      .values({
        municipality_id: municipalityId,
        id,
        kind: input.kind,
        provision: input.provision ?? null,
        organisation_id: input.organisationId ?? null,
        amount_cents: input.amountCents,
        valid_from: input.validFrom,
        valid_to: validTo,
        source_note: input.sourceNote,
        in_execution_budget: input.inExecutionBudget ?? false,
        updated_at: new Date(),
      })
      .execute();
    await audit(trx, ctx, { action: 'price.create', objectType: 'price', objectId: id });
    const row = await selectPrices(trx, municipalityId)
      .where('p.id', '=', id)
      .executeTakeFirstOrThrow();
    return toPrice(row);
  });
}

export function updatePrice(ctx: ServiceContext, id: string, input: UpdatePriceInput) {
  const { municipalityId } = ctx.actor;
  return inTenant(ctx.db, { municipalityId, teamIds: [] }, async (trx) => {
    const current = await selectPrices(trx, municipalityId)
      .where('p.id', '=', id)
      .executeTakeFirst();
    if (!current) throw notFound();
    if (current.version !== input.version) throw versionConflict();
    const validFrom = input.validFrom ?? current.valid_from;
    const validTo = input.validTo === undefined ? current.valid_to : input.validTo;
    if (validTo !== null && validTo < validFrom) {
      throw invalidField(
        'validTo',
        'must not be before validFrom',
        'mag niet voor validFrom liggen',
      );
    }
    await refuseOverlap(
      trx,
      municipalityId,
      {
        id,
        kind: current.kind,
        provision: current.provision,
        organisationId: current.organisation_id,
      },
      { validFrom, validTo },
    );
    const result = await trx
      .updateTable('prices')
      .set({
        amount_cents: input.amountCents ?? current.amount_cents,
        valid_from: validFrom,
        valid_to: validTo,
        source_note: input.sourceNote ?? current.source_note,
        in_execution_budget: input.inExecutionBudget ?? current.in_execution_budget,
        version: sql`version + 1`,
        updated_at: new Date(),
      })
      .where('municipality_id', '=', municipalityId)
      .where('id', '=', id)
      .where('version', '=', input.version)
      .executeTakeFirst();
    if (result.numUpdatedRows !== 1n) throw versionConflict();
    await audit(trx, ctx, { action: 'price.update', objectType: 'price', objectId: id });
    return toPrice(
      await selectPrices(trx, municipalityId).where('p.id', '=', id).executeTakeFirstOrThrow(),
    );
  });
}

// ---- assumptions ----------------------------------------------------------------------------

const toAssumption = (r: Selectable<BusinessCaseAssumptionsTable>) => {
  const fields = {
    basis: r.basis,
    priceKind: r.price_kind,
    provision: r.provision,
    shareLowPercent: r.share_low_percent,
    shareHighPercent: r.share_high_percent,
    monthsLow: r.months_low,
    monthsHigh: r.months_high,
  };
  return {
    id: r.id,
    ...fields,
    sourceNote: r.source_note,
    active: r.active,
    sentence: assumptionSentence(fields),
    version: r.version,
  };
};
export type Assumption = ReturnType<typeof toAssumption>;

export async function loadAssumptions(trx: Trx, municipalityId: string): Promise<Assumption[]> {
  const rows = await trx
    .selectFrom('business_case_assumptions')
    .selectAll()
    .where('municipality_id', '=', municipalityId)
    .orderBy('created_at')
    .orderBy('id')
    .execute();
  return rows.map(toAssumption);
}

export function listAssumptions(ctx: ServiceContext) {
  const { municipalityId } = ctx.actor;
  return inTenant(ctx.db, { municipalityId, teamIds: [] }, async (trx) => ({
    items: await loadAssumptions(trx, municipalityId),
    nextCursor: null,
  }));
}

export function createAssumption(ctx: ServiceContext, input: CreateAssumptionInput) {
  const { municipalityId } = ctx.actor;
  return inTenant(ctx.db, { municipalityId, teamIds: [] }, async (trx) => {
    const id = newId();
    const row = await trx
      .insertInto('business_case_assumptions')
      .values({
        municipality_id: municipalityId,
        id,
        basis: input.basis,
        price_kind: input.priceKind,
        provision: input.provision ?? null,
        share_low_percent: input.shareLowPercent,
        share_high_percent: input.shareHighPercent,
        months_low: input.monthsLow,
        months_high: input.monthsHigh,
        source_note: input.sourceNote ?? '',
        active: input.active ?? true,
        updated_at: new Date(),
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    await audit(trx, ctx, { action: 'assumption.create', objectType: 'assumption', objectId: id });
    return toAssumption(row);
  });
}

export function updateAssumption(ctx: ServiceContext, id: string, input: UpdateAssumptionInput) {
  const { municipalityId } = ctx.actor;
  return inTenant(ctx.db, { municipalityId, teamIds: [] }, async (trx) => {
    const current = await trx
      .selectFrom('business_case_assumptions')
      .selectAll()
      .where('municipality_id', '=', municipalityId)
      .where('id', '=', id)
      .executeTakeFirst();
    if (!current) throw notFound();
    if (current.version !== input.version) throw versionConflict();
    const next = {
      share_low_percent: input.shareLowPercent ?? current.share_low_percent,
      share_high_percent: input.shareHighPercent ?? current.share_high_percent,
      months_low: input.monthsLow ?? current.months_low,
      months_high: input.monthsHigh ?? current.months_high,
    };
    // A change of one side is checked against the other side as stored.
    if (next.share_high_percent < next.share_low_percent)
      throw invalidField(
        'shareHighPercent',
        'must not be below shareLowPercent',
        'mag niet onder shareLowPercent liggen',
      );
    if (next.months_high < next.months_low)
      throw invalidField(
        'monthsHigh',
        'must not be below monthsLow',
        'mag niet onder monthsLow liggen',
      );
    const row = await trx
      .updateTable('business_case_assumptions')
      .set({
        ...next,
        source_note: input.sourceNote ?? current.source_note,
        active: input.active ?? current.active,
        version: sql`version + 1`,
        updated_at: new Date(),
      })
      .where('municipality_id', '=', municipalityId)
      .where('id', '=', id)
      .where('version', '=', input.version)
      .returningAll()
      .executeTakeFirst();
    if (!row) throw versionConflict();
    await audit(trx, ctx, { action: 'assumption.update', objectType: 'assumption', objectId: id });
    return toAssumption(row);
  });
}
