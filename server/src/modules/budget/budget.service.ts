// The werkbudget: the municipality sets the year's budget, top-ups, allocations and mandate; a
// worker asks from inside a trajectory; the amount decides who approves; the remaining budget can
// never go below zero, also when two approvals race (the year's budget row is locked while a
// decision is taken); payments are registered and never changed, only corrected by a visible
// counter-entry; returns are recorded per case and evaluated at year end.
import { sql, type Insertable } from 'kysely';
import type { Actor, ServiceContext } from '../../platform/context.js';
import { inTenant, setScope, type TenantScope, type Trx } from '../../platform/db.js';
import { AppError, invalidField, notFound, versionConflict } from '../../platform/errors.js';
import { audit } from '../../platform/audit.js';
import { newId } from '../../platform/ids.js';
import { teams } from '../organisation/organisation.repository.js';
import {
  findTrajectoryInScope,
  memberIds,
  todayInAmsterdam,
} from '../trajectories/trajectories.service.js';
import { memberIdsOf } from '../trajectories/trajectories.repository.js';
import { allTeamsScope, caseScopeOf } from '../organisation/team-scope.js';
import type {
  ApprovalLevel,
  WorkBudgetRequestStatus,
  WorkBudgetReturnsTable,
} from '../../db/schema.js';
import type { CreateRequestInput, ReturnInput, WorkBudgetInput } from './budget.schemas.js';

/**
 * Budget figures are aggregates the municipality needs across teams; the requests behind them
 * hold no resident's name (they point at a trajectory by id). The municipality and the budget
 * computations therefore read all teams' requests; workers and team leads their own teams'.
 */
async function budgetScope(trx: Trx, ctx: ServiceContext): Promise<TenantScope> {
  const { municipalityId } = ctx.actor;
  if (ctx.actor.role === 'municipality') {
    return { municipalityId, teamIds: (await teams.list(trx, municipalityId)).map((t) => t.id) };
  }
  return caseScopeOf(ctx.actor);
}

/**
 * Spending, deciding on, paying, correcting and recording the return of a team's werkbudget is for
 * that team (or the municipality), as writeScopeFor keeps other writes of a case to the caller's
 * own teams. A household opened by breaking the glass is in the caller's read scope (caseScopeOf),
 * so its requests and trajectory are found; but the glass is read-only, and the budget's figures
 * are computed in the scope of all teams, past the row-level security that refuses other glass
 * writes. Refused here, with the same answer: 403, audited as refused access.
 */
function requireOwnTeam(actor: Actor, teamId: string): void {
  if (actor.role === 'municipality') return;
  if (!actor.teamIds.includes(teamId)) throw new AppError('forbidden');
}

/**
 * The residents of the households of these trajectories, in one query: for the audit rows of
 * the requests made for them (a request names no resident itself, only its trajectory).
 */
async function residentsOfTrajectories(
  trx: Trx,
  municipalityId: string,
  trajectoryIds: readonly (string | null)[],
): Promise<string[]> {
  const ids = [...new Set(trajectoryIds.filter((id): id is string => id !== null))];
  if (ids.length === 0) return [];
  const rows = await trx
    .selectFrom('trajectories as t')
    .select(memberIdsOf('t').as('member_ids'))
    .where('t.municipality_id', '=', municipalityId)
    .where('t.id', 'in', ids)
    .execute();
  return rows.flatMap((row) => row.member_ids);
}

// ---- the year's budget ----------------------------------------------------------------------

async function loadBudget(trx: Trx, municipalityId: string, year: number, lock = false) {
  let query = trx
    .selectFrom('work_budgets')
    .select(['base_cents', 'mandate_worker_cents', 'mandate_team_lead_cents', 'version'])
    .where('municipality_id', '=', municipalityId)
    .where('year', '=', year);
  if (lock) query = query.forUpdate();
  const budget = await query.executeTakeFirst();
  if (!budget) return null;
  const topUps = await trx
    .selectFrom('work_budget_top_ups')
    .select(['source', 'cents'])
    .where('municipality_id', '=', municipalityId)
    .where('year', '=', year)
    .orderBy('position')
    .execute();
  const allocations = await trx
    .selectFrom('work_budget_allocations')
    .select(['team_id', 'cents'])
    .where('municipality_id', '=', municipalityId)
    .where('year', '=', year)
    .execute();
  const totalCents = budget.base_cents + topUps.reduce((sum, t) => sum + t.cents, 0);
  return { ...budget, topUps, allocations, totalCents };
}

export function getWorkBudget(ctx: ServiceContext, year: number) {
  const { municipalityId } = ctx.actor;
  return inTenant(ctx.db, { municipalityId, teamIds: [] }, async (trx) => {
    const budget = await loadBudget(trx, municipalityId, year);
    if (!budget) throw notFound();
    return {
      year,
      totalCents: budget.base_cents,
      topUps: budget.topUps,
      allocations: budget.allocations.map((a) => ({ teamId: a.team_id, cents: a.cents })),
      mandate: {
        workerCents: budget.mandate_worker_cents,
        teamLeadCents: budget.mandate_team_lead_cents,
      },
      version: budget.version,
    };
  });
}

export async function putWorkBudget(ctx: ServiceContext, year: number, input: WorkBudgetInput) {
  const { municipalityId } = ctx.actor;
  await inTenant(ctx.db, { municipalityId, teamIds: [] }, async (trx) => {
    const known = await teams.existingIds(
      trx,
      municipalityId,
      input.allocations.flatMap((a) => (a.teamId ? [a.teamId] : [])),
    );
    input.allocations.forEach((a, i) => {
      if (a.teamId && !known.has(a.teamId))
        throw invalidField(
          `allocations.${i}.teamId`,
          'is not a team of this municipality',
          'is geen team van deze gemeente',
        );
    });
    const keys = input.allocations.map((a) => a.teamId ?? 'city');
    const duplicate = keys.findIndex((k, i) => keys.indexOf(k) !== i);
    if (duplicate >= 0)
      throw invalidField(`allocations.${duplicate}.teamId`, 'appears twice', 'komt twee keer voor');
    const total = input.totalCents + input.topUps.reduce((s, t) => s + t.cents, 0);
    const allocated = input.allocations.reduce((s, a) => s + a.cents, 0);
    if (allocated > total) {
      throw invalidField(
        'allocations',
        `allocates ${allocated} cents of a budget of ${total}`,
        `verdeelt ${allocated} cent van een budget van ${total}`,
      );
    }
    const existing = await loadBudget(trx, municipalityId, year, true);
    if (existing) {
      // The row is locked until the commit: the version cannot move between this check and the
      // update below.
      if (input.version !== undefined && existing.version !== input.version) {
        throw budgetVersionConflict(year, existing.version);
      }
      await trx
        .updateTable('work_budgets')
        .set({
          base_cents: input.totalCents,
          ...(input.mandate
            ? {
                mandate_worker_cents: input.mandate.workerCents,
                mandate_team_lead_cents: input.mandate.teamLeadCents,
              }
            : {}),
          version: sql`version + 1`,
          updated_at: new Date(),
        })
        .where('municipality_id', '=', municipalityId)
        .where('year', '=', year)
        .execute();
      await trx
        .deleteFrom('work_budget_top_ups')
        .where('municipality_id', '=', municipalityId)
        .where('year', '=', year)
        .execute();
      await trx
        .deleteFrom('work_budget_allocations')
        .where('municipality_id', '=', municipalityId)
        .where('year', '=', year)
        .execute();
    } else {
      if (input.version !== undefined && input.version !== 0) {
        throw invalidField(
          'version',
          `must be 0: there is no werkbudget for ${year} yet`,
          `moet 0 zijn: er is nog geen werkbudget voor ${year}`,
        );
      }
      // Two people setting up the same year at once: the second insert waits for the first and
      // then finds its row, and is the stale one.
      const inserted = await trx
        .insertInto('work_budgets')
        .values({
          municipality_id: municipalityId,
          year,
          base_cents: input.totalCents,
          ...(input.mandate
            ? {
                mandate_worker_cents: input.mandate.workerCents,
                mandate_team_lead_cents: input.mandate.teamLeadCents,
              }
            : {}),
        })
        .onConflict((oc) => oc.columns(['municipality_id', 'year']).doNothing())
        .executeTakeFirst();
      if (inserted.numInsertedOrUpdatedRows !== 1n) {
        const current = await loadBudget(trx, municipalityId, year);
        throw budgetVersionConflict(year, current?.version ?? 0);
      }
    }
    if (input.topUps.length > 0) {
      await trx
        .insertInto('work_budget_top_ups')
        .values(
          input.topUps.map((t, position) => ({
            municipality_id: municipalityId,
            year,
            position,
            source: t.source,
            cents: t.cents,
          })),
        )
        .execute();
    }
    if (input.allocations.length > 0) {
      await trx
        .insertInto('work_budget_allocations')
        .values(
          input.allocations.map((a) => ({
            municipality_id: municipalityId,
            year,
            team_id: a.teamId,
            cents: a.cents,
          })),
        )
        .execute();
    }
    // Lowering the budget below what is already committed would overdraw it.
    await setScope(trx, await allTeamsScope(trx, municipalityId));
    const summary = await computeSummary(trx, municipalityId, year);
    const overdrawn = summary?.byTeam.find((p) => p.remainingCents < 0);
    if (summary && (summary.remainingCents < 0 || overdrawn)) {
      throw new AppError('conflict', {
        detail: {
          en: `The new figures are below what is already committed${overdrawn ? ` (${overdrawn.teamName})` : ''}.`,
          nl: `De nieuwe bedragen liggen onder wat al is toegezegd${overdrawn ? ` (${overdrawn.teamName})` : ''}.`,
        },
      });
    }
    await audit(trx, ctx, {
      action: 'work_budget.set',
      objectType: 'work_budget',
      objectId: String(year),
      // Without a version (the fixed API's body) the new one is whatever the row now holds.
      reason:
        input.version === undefined ? 'set without a version' : `version ${input.version + 1}`,
    });
  });
  return getWorkBudget(ctx, year);
}

/** Someone else set the year's werkbudget since it was read: nothing is saved. */
function budgetVersionConflict(year: number, currentVersion: number): AppError {
  return new AppError('version_conflict', {
    detail: {
      en: `Someone else changed the werkbudget of ${year} in the meantime (it is now at version ${currentVersion}). Nothing was saved: load the new figures, check yours and save again.`,
      nl: `Iemand anders heeft het werkbudget van ${year} intussen gewijzigd (het is nu versie ${currentVersion}). Er is niets opgeslagen: laad de nieuwe bedragen, controleer de uwe en sla opnieuw op.`,
    },
    extra: { currentVersion },
  });
}

// ---- figures --------------------------------------------------------------------------------

async function computeSummary(trx: Trx, municipalityId: string, year: number) {
  const budget = await loadBudget(trx, municipalityId, year);
  if (!budget) return null;
  const teamRows = await teams.list(trx, municipalityId);
  const spend = await trx
    .selectFrom('work_budget_requests')
    .select([
      'team_id',
      sql<number>`coalesce(sum(amount_cents) filter (where status in ('approved', 'paid', 'correction')), 0)::bigint`.as(
        'committed',
      ),
      sql<number>`coalesce(sum(amount_cents) filter (where status in ('paid', 'correction')), 0)::bigint`.as(
        'paid',
      ),
      sql<number>`count(*) filter (where status in ('requested', 'approved', 'paid'))::int`.as(
        'requests',
      ),
    ])
    .where('municipality_id', '=', municipalityId)
    .where('year', '=', year)
    .groupBy('team_id')
    .execute();
  const ofTeam = (id: string) =>
    spend.find((s) => s.team_id === id) ?? { committed: 0, paid: 0, requests: 0 };
  const allocatedTeams = new Set(budget.allocations.flatMap((a) => (a.team_id ? [a.team_id] : [])));
  const cityAllocation = budget.allocations.find((a) => a.team_id === null);
  const hasAllocations = budget.allocations.length > 0;
  const byTeam = teamRows
    .filter((t) => allocatedTeams.has(t.id))
    .map((t) => {
      const allocated = budget.allocations.find((a) => a.team_id === t.id)?.cents ?? 0;
      const { committed, paid } = ofTeam(t.id);
      return {
        teamId: t.id,
        teamName: t.name,
        allocatedCents: allocated,
        committedCents: committed,
        paidCents: paid,
        remainingCents: allocated - committed,
      };
    });
  // The city-wide pot: what teams without their own share draw on.
  const potTeams = teamRows.filter((t) => !allocatedTeams.has(t.id));
  const potAllocated = hasAllocations ? (cityAllocation?.cents ?? 0) : budget.totalCents;
  const potCommitted = potTeams.reduce((s, t) => s + ofTeam(t.id).committed, 0);
  const potPaid = potTeams.reduce((s, t) => s + ofTeam(t.id).paid, 0);
  if (!hasAllocations || cityAllocation || potCommitted > 0) {
    byTeam.push({
      teamId: null as unknown as string,
      teamName: 'Stedelijke pot',
      allocatedCents: potAllocated,
      committedCents: potCommitted,
      paidCents: potPaid,
      remainingCents: potAllocated - potCommitted,
    });
  }
  const committedCents = spend.reduce((s, r) => s + r.committed, 0);
  return {
    year,
    totalCents: budget.totalCents,
    committedCents,
    paidCents: spend.reduce((s, r) => s + r.paid, 0),
    remainingCents: budget.totalCents - committedCents,
    requests: spend.reduce((s, r) => s + r.requests, 0),
    byTeam: byTeam.map((p) => ({ ...p, teamId: p.teamId ?? null })),
    mandate: {
      workerCents: budget.mandate_worker_cents,
      teamLeadCents: budget.mandate_team_lead_cents,
    },
  };
}

export function workBudgetSummary(ctx: ServiceContext, year: number) {
  const { municipalityId } = ctx.actor;
  return inTenant(ctx.db, { municipalityId, teamIds: [] }, async (trx) => {
    await setScope(trx, await allTeamsScope(trx, municipalityId));
    const summary = await computeSummary(trx, municipalityId, year);
    if (!summary) throw notFound();
    return summary;
  });
}

/** What is left in the pot a team draws on. Call with the year's budget row locked. */
async function remainingFor(
  trx: Trx,
  municipalityId: string,
  year: number,
  teamId: string,
): Promise<number> {
  const summary = await computeSummary(trx, municipalityId, year);
  if (!summary) return 0;
  const own = summary.byTeam.find((p) => p.teamId === teamId);
  const pot = own ?? summary.byTeam.find((p) => p.teamId === null);
  return Math.min(pot?.remainingCents ?? 0, summary.remainingCents);
}

function overdrawError(remaining: number): AppError {
  const euros = eurosText(remaining);
  return new AppError('conflict', {
    detail: {
      en: `This would take the werkbudget below zero: ${euros} is left.`,
      nl: `Hiermee komt het werkbudget onder nul: er is nog ${euros} over.`,
    },
    extra: { remainingCents: remaining },
  });
}

// ---- requests -------------------------------------------------------------------------------

function levelFor(
  amount: number,
  mandate: { mandate_worker_cents: number; mandate_team_lead_cents: number },
): ApprovalLevel {
  if (amount <= mandate.mandate_worker_cents) return 'worker';
  if (amount <= mandate.mandate_team_lead_cents) return 'team_lead';
  return 'municipality';
}

/** Whether this actor may decide at this level: a team lead also decides what a worker may. */
function mayDecide(role: string, level: ApprovalLevel): boolean {
  if (level === 'municipality') return role === 'municipality';
  if (level === 'team_lead') return role === 'team_lead';
  return role === 'worker' || role === 'team_lead';
}

/**
 * Whether this actor's mandate reaches this level, for a correction that raises a paid amount: a
 * mandate is a ceiling, so a team lead's covers a worker's and the municipality's every amount.
 * (mayDecide is for the requests waiting in a queue: there the municipality takes only what is
 * above the team lead's mandate and leaves the rest to the team.)
 */
function withinMandate(role: string, level: ApprovalLevel): boolean {
  if (role === 'municipality') return true;
  return mayDecide(role, level);
}

const eurosText = (cents: number) => `€ ${(cents / 100).toFixed(2).replace('.', ',')}`;

const requestColumns = [
  'r.id',
  'r.team_id',
  'r.trajectory_id',
  'r.year',
  'r.purpose',
  'r.amount_cents',
  'r.vat',
  'r.vat_note',
  'r.justification',
  'r.alternatives_tried',
  'r.plan_goal',
  'r.status',
  'r.approval_level',
  'r.requested_at',
  'r.decided_at',
  'r.decision_note',
  'r.paid_on',
  'r.payee',
  'r.payment_reference',
  'r.correction_of',
  'r.version',
] as const;

function selectRequests(trx: Trx, municipalityId: string) {
  return trx
    .selectFrom('work_budget_requests as r')
    .innerJoin('staff as s', (join) =>
      join
        .onRef('s.municipality_id', '=', 'r.municipality_id')
        .onRef('s.id', '=', 'r.requested_by'),
    )
    .leftJoin('work_budget_returns as t', (join) =>
      join.onRef('t.municipality_id', '=', 'r.municipality_id').onRef('t.request_id', '=', 'r.id'),
    )
    .select(requestColumns)
    .select([
      's.name as requested_by_name',
      't.social',
      't.category',
      't.financial_kind',
      't.monthly_cents',
      't.months',
      't.version as return_version',
    ])
    .where('r.municipality_id', '=', municipalityId);
}

type RequestRow = Awaited<ReturnType<ReturnType<typeof selectRequests>['execute']>>[number];

const toRequest = (r: RequestRow) => ({
  id: r.id,
  teamId: r.team_id,
  trajectoryId: r.trajectory_id,
  year: r.year,
  purpose: r.purpose,
  amountCents: r.amount_cents,
  vat: r.vat,
  vatNote: r.vat_note,
  justification: r.justification,
  alternativesTried: r.alternatives_tried,
  planGoal: r.plan_goal,
  status: r.status,
  approvalLevel: r.approval_level,
  requestedAt: new Date(r.requested_at).toISOString(),
  requestedBy: r.requested_by_name,
  decidedAt: r.decided_at?.toISOString() ?? null,
  decisionNote: r.decision_note,
  paidOn: r.paid_on,
  payee: r.payee,
  paymentReference: r.payment_reference,
  correctionOf: r.correction_of,
  return: r.social
    ? {
        social: r.social,
        category: r.category ?? 'other',
        financial: r.financial_kind
          ? { kind: r.financial_kind, monthlyCents: r.monthly_cents ?? 0, months: r.months ?? 0 }
          : null,
        version: r.return_version ?? 1,
      }
    : null,
  version: r.version,
});

async function findRequest(trx: Trx, municipalityId: string, id: string) {
  const row = await selectRequests(trx, municipalityId).where('r.id', '=', id).executeTakeFirst();
  if (!row) throw notFound();
  return row;
}

export function createRequest(ctx: ServiceContext, input: CreateRequestInput) {
  const scope = caseScopeOf(ctx.actor);
  const year = input.year ?? Number(todayInAmsterdam().slice(0, 4));
  return inTenant(ctx.db, scope, async (trx) => {
    const trajectory = await findTrajectoryInScope(trx, ctx, input.trajectoryId);
    requireOwnTeam(ctx.actor, trajectory.team_id);
    const budget = await loadBudget(trx, scope.municipalityId, year, true);
    if (!budget)
      throw invalidField(
        'year',
        `no werkbudget has been set for ${year}`,
        `er is geen werkbudget vastgesteld voor ${year}`,
      );
    await setScope(trx, await allTeamsScope(trx, scope.municipalityId));
    const remaining = await remainingFor(trx, scope.municipalityId, year, trajectory.team_id);
    if (input.amountCents > remaining) throw overdrawError(remaining);
    const level = levelFor(input.amountCents, budget);
    const approvedNow = mayDecide(ctx.actor.role, level) && level !== 'municipality';
    const id = newId();
    await trx
      .insertInto('work_budget_requests')
      .values({
        municipality_id: scope.municipalityId,
        id,
        team_id: trajectory.team_id,
        trajectory_id: trajectory.id,
        year,
        purpose: input.purpose,
        amount_cents: input.amountCents,
        vat: input.vat,
        vat_note: input.vatNote ?? null,
        justification: input.justification,
        alternatives_tried: input.alternativesTried,
        plan_goal: input.planGoal ?? null,
        status: approvedNow ? 'approved' : 'requested',
        approval_level: level,
        requested_by: ctx.actor.staffId,
        decided_by: approvedNow ? ctx.actor.staffId : null,
        decided_at: approvedNow ? new Date() : null,
        decision_note: approvedNow ? 'within own mandate' : null,
      })
      .execute();
    await audit(trx, ctx, {
      action: 'work_budget.request',
      objectType: 'work_budget_request',
      objectId: id,
      residentIds: await memberIds(trx, scope.municipalityId, trajectory.household_id),
      reason: `${input.amountCents} cents, ${approvedNow ? 'approved within mandate' : `to ${level}`}`,
    });
    return {
      id,
      status: approvedNow ? ('approved' as const) : ('requested' as const),
      approvalLevel: level,
    };
  });
}

export function listRequests(
  ctx: ServiceContext,
  query: { year?: number; status?: WorkBudgetRequestStatus; toDecide?: 'true' | 'false' },
) {
  return inTenant(
    ctx.db,
    { municipalityId: ctx.actor.municipalityId, teamIds: [] },
    async (trx) => {
      const scope = await budgetScope(trx, ctx);
      await setScope(trx, scope);
      let q = selectRequests(trx, scope.municipalityId);
      if (query.year) q = q.where('r.year', '=', query.year);
      if (query.status) q = q.where('r.status', '=', query.status);
      if (query.toDecide === 'true') {
        const levels: ApprovalLevel[] =
          ctx.actor.role === 'municipality'
            ? ['municipality']
            : ctx.actor.role === 'team_lead'
              ? ['team_lead', 'worker']
              : ['worker'];
        q = q.where('r.status', '=', 'requested').where('r.approval_level', 'in', levels);
      }
      const rows = await q.orderBy('r.requested_at', 'desc').limit(500).execute();
      await audit(trx, ctx, {
        action: 'work_budget.list',
        objectType: 'work_budget_request',
        residentIds: await residentsOfTrajectories(
          trx,
          scope.municipalityId,
          rows.map((r) => r.trajectory_id),
        ),
        reason: query.toDecide === 'true' ? 'to decide' : null,
      });
      return rows.map(toRequest);
    },
  );
}

async function decide(
  ctx: ServiceContext,
  id: string,
  decision: 'approve' | 'reject',
  note: string | null,
) {
  return inTenant(
    ctx.db,
    { municipalityId: ctx.actor.municipalityId, teamIds: [] },
    async (trx) => {
      const scope = await budgetScope(trx, ctx);
      await setScope(trx, scope);
      const request = await findRequest(trx, scope.municipalityId, id);
      requireOwnTeam(ctx.actor, request.team_id);
      if (request.status !== 'requested') {
        throw new AppError('conflict', {
          detail: {
            en: `This request is already ${request.status}.`,
            nl: 'Over deze aanvraag is al beslist.',
          },
        });
      }
      if (!mayDecide(ctx.actor.role, request.approval_level)) {
        throw new AppError('forbidden', {
          detail: {
            en: `This amount is decided at the level: ${request.approval_level}.`,
            nl: `Over dit bedrag beslist: ${request.approval_level === 'municipality' ? 'de gemeente' : 'de teamleider'}.`,
          },
        });
      }
      // Lock the year's budget: two approvals at once are taken one after the other.
      await loadBudget(trx, scope.municipalityId, request.year, true);
      if (decision === 'approve') {
        await setScope(trx, await allTeamsScope(trx, scope.municipalityId));
        const remaining = await remainingFor(
          trx,
          scope.municipalityId,
          request.year,
          request.team_id,
        );
        if (request.amount_cents > remaining) throw overdrawError(remaining);
      }
      const updated = await trx
        .updateTable('work_budget_requests')
        .set({
          status: decision === 'approve' ? 'approved' : 'rejected',
          decided_by: ctx.actor.staffId,
          decided_at: new Date(),
          decision_note: note,
          version: sql`version + 1`,
        })
        .where('municipality_id', '=', scope.municipalityId)
        .where('id', '=', id)
        .where('status', '=', 'requested')
        .executeTakeFirst();
      if (updated.numUpdatedRows !== 1n) throw versionConflict();
      await audit(trx, ctx, {
        action: decision === 'approve' ? 'work_budget.approve' : 'work_budget.reject',
        objectType: 'work_budget_request',
        objectId: id,
        residentIds: await residentsOfTrajectories(trx, scope.municipalityId, [
          request.trajectory_id,
        ]),
        reason: note,
      });
      return toRequest(await findRequest(trx, scope.municipalityId, id));
    },
  );
}

export const approveRequest = (ctx: ServiceContext, id: string, note?: string) =>
  decide(ctx, id, 'approve', note ?? null);
export const rejectRequest = (ctx: ServiceContext, id: string, reason: string) =>
  decide(ctx, id, 'reject', reason);

export function payRequest(
  ctx: ServiceContext,
  id: string,
  input: { paidOn: string; payee: string; reference?: string | undefined },
) {
  return inTenant(
    ctx.db,
    { municipalityId: ctx.actor.municipalityId, teamIds: [] },
    async (trx) => {
      const scope = await budgetScope(trx, ctx);
      await setScope(trx, scope);
      const request = await findRequest(trx, scope.municipalityId, id);
      requireOwnTeam(ctx.actor, request.team_id);
      if (request.status !== 'approved') {
        throw new AppError('conflict', {
          detail: {
            en: 'Only an approved request can be paid (once).',
            nl: 'Alleen een goedgekeurde aanvraag kan (één keer) worden betaald.',
          },
        });
      }
      const updated = await trx
        .updateTable('work_budget_requests')
        .set({
          status: 'paid',
          paid_on: input.paidOn,
          payee: input.payee,
          payment_reference: input.reference ?? null,
          paid_by: ctx.actor.staffId,
          version: sql`version + 1`,
        })
        .where('municipality_id', '=', scope.municipalityId)
        .where('id', '=', id)
        .where('status', '=', 'approved')
        .executeTakeFirst();
      // Someone else registered the payment between our read and this update (which waited for
      // their row lock and then found the request paid): no second payment, no audit row.
      if (updated.numUpdatedRows !== 1n) {
        throw new AppError('conflict', {
          detail: {
            en: 'Someone else registered the payment of this request in the meantime; it is paid once.',
            nl: 'Iemand anders heeft de betaling van deze aanvraag intussen vastgelegd; er wordt één keer betaald.',
          },
          invalidParams: [
            {
              name: 'status',
              reason: 'is no longer approved: the request was paid in the meantime',
              reasonNl: 'is niet meer goedgekeurd: de aanvraag is intussen betaald',
            },
          ],
        });
      }
      await audit(trx, ctx, {
        action: 'work_budget.pay',
        objectType: 'work_budget_request',
        objectId: id,
        residentIds: await residentsOfTrajectories(trx, scope.municipalityId, [
          request.trajectory_id,
        ]),
      });
      return toRequest(await findRequest(trx, scope.municipalityId, id));
    },
  );
}

/**
 * A paid request is never changed; a correction is a new, visible counter-entry. It keeps to the
 * same rules as the request itself: the request's net amount (what was paid plus all its
 * corrections) never goes below zero, and a correction that raises it counts as asking for the
 * new net amount: the caller needs the mandate for that amount, and it has to fit in what is left.
 */
export function correctPayment(
  ctx: ServiceContext,
  id: string,
  input: { amountCents: number; reason: string },
) {
  return inTenant(
    ctx.db,
    { municipalityId: ctx.actor.municipalityId, teamIds: [] },
    async (trx) => {
      const scope = await budgetScope(trx, ctx);
      await setScope(trx, scope);
      const found = await findRequest(trx, scope.municipalityId, id);
      requireOwnTeam(ctx.actor, found.team_id);
      // Locks in the order decide() takes them: the year's budget, then the request. The request
      // row stays locked until the commit, so two corrections of it are checked one after the
      // other, each against the net amount the other left.
      const budget = await loadBudget(trx, scope.municipalityId, found.year, true);
      await trx
        .selectFrom('work_budget_requests')
        .select('id')
        .where('municipality_id', '=', scope.municipalityId)
        .where('id', '=', id)
        .forUpdate()
        .execute();
      const request = await findRequest(trx, scope.municipalityId, id);
      if (request.status !== 'paid') {
        throw new AppError('conflict', {
          detail: {
            en: 'Only a paid request is corrected with a counter-entry.',
            nl: 'Alleen een betaalde aanvraag wordt met een tegenboeking gecorrigeerd.',
          },
        });
      }
      const corrections = await trx
        .selectFrom('work_budget_requests')
        .select(sql<number>`coalesce(sum(amount_cents), 0)::bigint`.as('cents'))
        .where('municipality_id', '=', scope.municipalityId)
        .where('correction_of', '=', id)
        .where('status', '=', 'correction')
        .executeTakeFirstOrThrow();
      const net = request.amount_cents + Number(corrections.cents);
      const newNet = net + input.amountCents;
      // Money back never takes the request below zero. (A raising correction may still leave it
      // below zero where older data already is: that repairs it.)
      if (input.amountCents < 0 && newNet < 0) {
        throw invalidField(
          'amountCents',
          `may give back at most the net amount paid (${eurosText(net)}, the payment with its corrections)`,
          `mag ten hoogste het netto betaalde bedrag terugboeken (${eurosText(net)}, de betaling met haar correcties)`,
        );
      }
      let level = request.approval_level;
      if (input.amountCents > 0) {
        // Raising the payment is asking for the new net amount: decided by whoever's mandate
        // reaches that amount, as a request for it would be.
        level = budget ? levelFor(newNet, budget) : 'municipality';
        if (!withinMandate(ctx.actor.role, level)) {
          throw new AppError('forbidden', {
            detail: {
              en: `This correction raises the payment to ${eurosText(newNet)}; that amount is decided at the level: ${level}.`,
              nl: `Met deze correctie wordt de betaling ${eurosText(newNet)}; over dat bedrag beslist ${level === 'municipality' ? 'de gemeente' : 'de teamleider'}.`,
            },
          });
        }
        await setScope(trx, await allTeamsScope(trx, scope.municipalityId));
        const remaining = await remainingFor(
          trx,
          scope.municipalityId,
          request.year,
          request.team_id,
        );
        if (input.amountCents > remaining) throw overdrawError(remaining);
      }
      const correctionId = newId();
      await trx
        .insertInto('work_budget_requests')
        .values({
          municipality_id: scope.municipalityId,
          id: correctionId,
          team_id: request.team_id,
          trajectory_id: request.trajectory_id,
          year: request.year,
          purpose: `Correctie: ${request.purpose}`,
          amount_cents: input.amountCents,
          vat: request.vat,
          vat_note: request.vat_note,
          justification: input.reason,
          alternatives_tried: '-',
          plan_goal: null,
          status: 'correction',
          approval_level: level,
          requested_by: ctx.actor.staffId,
          decided_by: ctx.actor.staffId,
          decided_at: new Date(),
          decision_note: input.reason,
          paid_on: todayInAmsterdam(),
          correction_of: id,
        })
        .execute();
      await audit(trx, ctx, {
        action: 'work_budget.correct',
        objectType: 'work_budget_request',
        objectId: correctionId,
        residentIds: await residentsOfTrajectories(trx, scope.municipalityId, [
          request.trajectory_id,
        ]),
        reason: `corrects ${id}: ${input.amountCents} cents, net ${newNet}`,
      });
      return toRequest(await findRequest(trx, scope.municipalityId, correctionId));
    },
  );
}

/**
 * Records what a request achieved. The first return of a request is recorded without a version;
 * replacing it takes the version it was based on (as read: `return.version`), so that a second
 * worker's return never silently replaces the first one: a stale or missing version is a 409
 * with `currentVersion`, and nothing changes.
 */
export function recordReturn(ctx: ServiceContext, id: string, input: ReturnInput) {
  const scope = caseScopeOf(ctx.actor);
  return inTenant(ctx.db, scope, async (trx) => {
    const request = await findRequest(trx, scope.municipalityId, id);
    requireOwnTeam(ctx.actor, request.team_id);
    if (request.status !== 'paid' && request.status !== 'approved') {
      throw new AppError('conflict', {
        detail: {
          en: 'A return is recorded for an approved or paid request.',
          nl: 'Een rendement wordt vastgelegd bij een goedgekeurde of betaalde aanvraag.',
        },
      });
    }
    const values = {
      social: input.social,
      category: input.category,
      financial_kind: input.financial?.kind ?? null,
      monthly_cents: input.financial?.monthlyCents ?? null,
      months: input.financial?.months ?? null,
      recorded_by: ctx.actor.staffId,
      recorded_at: new Date(),
    };
    const expected = input.version ?? 0;
    const written =
      expected === 0
        ? await insertFirstReturn(trx, scope.municipalityId, request, values)
        : await replaceReturn(trx, scope.municipalityId, id, expected, values);
    if (!written) {
      const current = await returnVersion(trx, scope.municipalityId, id);
      if (current === null) {
        throw invalidField(
          'version',
          'must be left out: this request has no return yet',
          'moet weggelaten worden: deze aanvraag heeft nog geen rendement',
        );
      }
      throw returnVersionConflict(current);
    }
    await audit(trx, ctx, {
      action: 'work_budget.return',
      objectType: 'work_budget_request',
      objectId: id,
      residentIds: await residentsOfTrajectories(trx, scope.municipalityId, [
        request.trajectory_id,
      ]),
      reason: input.category,
    });
    return toRequest(await findRequest(trx, scope.municipalityId, id));
  });
}

type ReturnValues = Omit<
  Insertable<WorkBudgetReturnsTable>,
  'municipality_id' | 'request_id' | 'team_id' | 'version'
>;

/** The first return of a request; false when there is one already (recorded in the meantime). */
async function insertFirstReturn(
  trx: Trx,
  municipalityId: string,
  request: { id: string; team_id: string },
  values: ReturnValues,
): Promise<boolean> {
  const inserted = await trx
    .insertInto('work_budget_returns')
    .values({
      municipality_id: municipalityId,
      request_id: request.id,
      team_id: request.team_id,
      ...values,
    })
    .onConflict((oc) => oc.columns(['municipality_id', 'request_id']).doNothing())
    .executeTakeFirst();
  return inserted.numInsertedOrUpdatedRows === 1n;
}

/** Replaces the return if it is still at `expected`; false when it is not (or there is none). */
async function replaceReturn(
  trx: Trx,
  municipalityId: string,
  requestId: string,
  expected: number,
  values: ReturnValues,
): Promise<boolean> {
  const updated = await trx
    .updateTable('work_budget_returns')
    .set({ ...values, version: sql`version + 1` })
    .where('municipality_id', '=', municipalityId)
    .where('request_id', '=', requestId)
    .where('version', '=', expected)
    .executeTakeFirst();
  return updated.numUpdatedRows === 1n;
}

async function returnVersion(
  trx: Trx,
  municipalityId: string,
  requestId: string,
): Promise<number | null> {
  const row = await trx
    .selectFrom('work_budget_returns')
    .select('version')
    .where('municipality_id', '=', municipalityId)
    .where('request_id', '=', requestId)
    .executeTakeFirst();
  return row?.version ?? null;
}

/** Someone else recorded the return since it was read: nothing is saved. */
function returnVersionConflict(currentVersion: number): AppError {
  return new AppError('version_conflict', {
    detail: {
      en: `Someone else recorded the return of this request in the meantime (it is now at version ${currentVersion}). Nothing was saved: load the new return, check yours and save again.`,
      nl: `Iemand anders heeft het rendement van deze aanvraag intussen vastgelegd (het is nu versie ${currentVersion}). Er is niets opgeslagen: laad het nieuwe rendement, controleer het uwe en sla opnieuw op.`,
    },
    extra: { currentVersion },
  });
}

/** Paid at least three months ago and still no return recorded: a reminder for the team. */
export function returnsDue(ctx: ServiceContext) {
  const scope = caseScopeOf(ctx.actor);
  return inTenant(ctx.db, scope, async (trx) => {
    const rows = await selectRequests(trx, scope.municipalityId)
      .where('r.status', '=', 'paid')
      .where('t.request_id', 'is', null)
      .where(sql<boolean>`r.paid_on <= (current_date - interval '3 months')`)
      .orderBy('r.paid_on')
      .execute();
    return rows.map(toRequest);
  });
}

// ---- the year-end evaluation ----------------------------------------------------------------

export function evaluateYear(ctx: ServiceContext, year: number) {
  const { municipalityId } = ctx.actor;
  // A report over a year: planned for its actual dates (TenantScope.customPlans).
  return inTenant(ctx.db, { municipalityId, teamIds: [], customPlans: true }, async (trx) => {
    const scope =
      ctx.actor.role === 'municipality'
        ? await allTeamsScope(trx, municipalityId)
        : caseScopeOf(ctx.actor);
    await setScope(trx, scope);
    const rows = await selectRequests(trx, municipalityId)
      .where('r.year', '=', year)
      .where('r.status', 'in', ['paid', 'correction'])
      .orderBy('r.paid_on')
      .execute();
    const teamRows = await teams.list(trx, municipalityId);
    const spent = (list: RequestRow[]) => list.reduce((s, r) => s + r.amount_cents, 0);
    const paid = rows.filter((r) => r.status === 'paid');
    const categoryOf = (r: RequestRow) =>
      r.category ??
      (r.correction_of ? rows.find((x) => x.id === r.correction_of)?.category : null) ??
      'unknown';
    const categories = [...new Set(rows.map(categoryOf))];
    const correctionsOf = (r: RequestRow) =>
      spent(rows.filter((x) => x.status === 'correction' && x.correction_of === r.id));
    const financial = (r: RequestRow) =>
      r.monthly_cents !== null && r.months !== null ? r.monthly_cents * r.months : null;
    // The cases carry no names, but their purpose and return are about the residents of them.
    await audit(trx, ctx, {
      action: 'work_budget.list',
      objectType: 'work_budget_evaluation',
      residentIds: await residentsOfTrajectories(
        trx,
        municipalityId,
        paid.map((r) => r.trajectory_id),
      ),
      reason: String(year),
    });
    return {
      year,
      uses: paid.length,
      spentCents: spent(rows),
      byCategory: categories.map((category) => ({
        category,
        uses: paid.filter((r) => categoryOf(r) === category).length,
        spentCents: spent(rows.filter((r) => categoryOf(r) === category)),
      })),
      byTeam: teamRows
        .filter((t) => rows.some((r) => r.team_id === t.id))
        .map((t) => ({
          teamId: t.id,
          teamName: t.name,
          uses: paid.filter((r) => r.team_id === t.id).length,
          spentCents: spent(rows.filter((r) => r.team_id === t.id)),
        })),
      estimatedFinancialReturnCents: paid.reduce((s, r) => s + (financial(r) ?? 0), 0),
      returnsMissing: paid.filter((r) => r.social === null).length,
      // Written out as in the college note: what was paid, and what it returned; no names. The
      // amount is net (the payment with its corrections), so that the cases add up to spentCents.
      cases: paid.map((r) => ({
        purpose: r.purpose,
        amountCents: r.amount_cents + correctionsOf(r),
        correctionsCents: correctionsOf(r),
        vat: r.vat,
        paidOn: r.paid_on,
        category: r.category,
        socialReturn: r.social,
        financialReturnCents: financial(r),
      })),
    };
  });
}
