// The yearly execution budget: cost lines and coverage lines, with the balance check and the
// realisation against plan (001's 2018 tables are the reference: both sides EUR 524,788).
import type { ServiceContext } from '../../platform/context.js';
import { inTenant, type Trx } from '../../platform/db.js';
import { notFound } from '../../platform/errors.js';
import { audit } from '../../platform/audit.js';
import type { ExecutionBudgetInput } from './budget.schemas.js';

async function load(trx: Trx, municipalityId: string, year: number) {
  const head = await trx
    .selectFrom('execution_budgets')
    .select('version')
    .where('municipality_id', '=', municipalityId)
    .where('year', '=', year)
    .executeTakeFirst();
  if (!head) return null;
  const lines = await trx
    .selectFrom('execution_budget_lines')
    .select(['side', 'position', 'label', 'cents', 'realised_cents', 'vat_note'])
    .where('municipality_id', '=', municipalityId)
    .where('year', '=', year)
    .orderBy('side')
    .orderBy('position')
    .execute();
  const costLines = lines
    .filter((l) => l.side === 'cost')
    .map((l) => ({
      label: l.label,
      cents: l.cents,
      vatNote: l.vat_note,
      realisedCents: l.realised_cents,
    }));
  const coverageLines = lines
    .filter((l) => l.side === 'coverage')
    .map((l) => ({ source: l.label, cents: l.cents, realisedCents: l.realised_cents }));
  const sum = (items: { cents: number }[]) => items.reduce((s, l) => s + l.cents, 0);
  const sumRealised = (items: { realisedCents: number | null }[]) =>
    items.reduce((s, l) => s + (l.realisedCents ?? 0), 0);
  const totalCostCents = sum(costLines);
  const totalCoverageCents = sum(coverageLines);
  return {
    year,
    costLines,
    coverageLines,
    totalCostCents,
    totalCoverageCents,
    balanced: totalCostCents === totalCoverageCents,
    differenceCents: totalCoverageCents - totalCostCents,
    realisedCostCents: sumRealised(costLines),
    realisedCoverageCents: sumRealised(coverageLines),
  };
}

export function getExecutionBudget(ctx: ServiceContext, year: number) {
  const { municipalityId } = ctx.actor;
  return inTenant(ctx.db, { municipalityId, teamIds: [] }, async (trx) => {
    const budget = await load(trx, municipalityId, year);
    if (!budget) throw notFound();
    return budget;
  });
}

export function putExecutionBudget(ctx: ServiceContext, year: number, input: ExecutionBudgetInput) {
  const { municipalityId } = ctx.actor;
  return inTenant(ctx.db, { municipalityId, teamIds: [] }, async (trx) => {
    await trx
      .insertInto('execution_budgets')
      .values({ municipality_id: municipalityId, year })
      .onConflict((oc) =>
        oc.columns(['municipality_id', 'year']).doUpdateSet({ updated_at: new Date() }),
      )
      .execute();
    await trx
      .deleteFrom('execution_budget_lines')
      .where('municipality_id', '=', municipalityId)
      .where('year', '=', year)
      .execute();
    const rows = [
      ...input.costLines.map((l, position) => ({
        municipality_id: municipalityId,
        year,
        side: 'cost' as const,
        position,
        label: l.label,
        cents: l.cents,
        realised_cents: l.realisedCents ?? null,
        vat_note: l.vatNote ?? null,
      })),
      ...input.coverageLines.map((l, position) => ({
        municipality_id: municipalityId,
        year,
        side: 'coverage' as const,
        position,
        label: l.source,
        cents: l.cents,
        realised_cents: l.realisedCents ?? null,
        vat_note: null,
      })),
    ];
    if (rows.length > 0) await trx.insertInto('execution_budget_lines').values(rows).execute();
    await audit(trx, ctx, {
      action: 'execution_budget.set',
      objectType: 'execution_budget',
      objectId: String(year),
    });
    const budget = await load(trx, municipalityId, year);
    if (!budget) throw notFound();
    return budget;
  });
}

/** The years that have an execution budget, newest first. */
export function listExecutionBudgetYears(ctx: ServiceContext) {
  const { municipalityId } = ctx.actor;
  return inTenant(ctx.db, { municipalityId, teamIds: [] }, async (trx) =>
    (
      await trx
        .selectFrom('execution_budgets')
        .select('year')
        .where('municipality_id', '=', municipalityId)
        .orderBy('year', 'desc')
        .execute()
    ).map((r) => r.year),
  );
}
