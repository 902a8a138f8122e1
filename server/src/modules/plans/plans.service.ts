// The krachtplan is dynamic: every save is a new, complete version (who, when, what changed);
// any version can be read and compared; the resident's agreement to the current version is
// recorded once, and holds for later versions that only tick off or reopen actions; and
// two people saving at once never overwrite each other: the second gets 409 with what changed.
import type { ServiceContext } from '../../platform/context.js';
import { inTenant, type Trx } from '../../platform/db.js';
import { AppError, invalidField, notFound } from '../../platform/errors.js';
import { audit } from '../../platform/audit.js';
import { readableDay, todayInAmsterdam } from '../../platform/dates.js';
import { readInOneStatement, type ReadContext } from '../../platform/read-in-one-statement.js';
import { newId } from '../../platform/ids.js';
import { caseScopeOf } from '../organisation/team-scope.js';
import { trajectories } from '../trajectories/trajectories.repository.js';
import { findTrajectoryInScope, memberIds } from '../trajectories/trajectories.service.js';
import { diffPlans, onlyProgress } from './plan-diff.js';
import { currentPlan, planVersions, type AgreementOutcome } from './plans.repository.js';
import type { Plan, PlanChange, PlanInput, StoredPlan } from './plans.schemas.js';

type PlanAction = PlanInput['actions'][number];
export type NewPlanAction = Omit<PlanAction, 'id' | 'status'>;

const EMPTY: StoredPlan = {
  answers: {},
  domains: [],
  actions: [],
  agreements: [],
  crisisPlan: null,
  network: [],
};

type VersionRow = NonNullable<Awaited<ReturnType<typeof planVersions.find>>>;

/** A version's columns from an outer join: the version, or null when there is none. */
function storedVersion(columns: {
  [K in keyof VersionRow]: VersionRow[K] | null;
}): VersionRow | null {
  const { version, plan, changes, saved_at, saved_by } = columns;
  if (
    version === null ||
    plan === null ||
    changes === null ||
    saved_at === null ||
    saved_by === null
  )
    return null;
  return {
    ...columns,
    version,
    plan,
    changes,
    saved_at,
    saved_by,
    saved_by_name: columns.saved_by_name ?? '?',
  };
}

function toPlan(trajectoryId: string, row: VersionRow | null): Plan {
  if (!row)
    return { trajectoryId, version: 0, ...EMPTY, savedAt: null, savedBy: null, agreement: null };
  return {
    trajectoryId,
    version: row.version,
    ...(row.plan as StoredPlan),
    savedAt: new Date(row.saved_at).toISOString(),
    savedBy: { id: row.saved_by, name: row.saved_by_name },
    agreement: row.agreed_on
      ? {
          agreedOn: row.agreed_on,
          method: row.agreement_method ?? 'in_person',
          note: row.agreement_note,
        }
      : null,
  };
}

export function getPlan(
  ctx: ServiceContext,
  trajectoryId: string,
  version?: number,
): Promise<Plan> {
  const scope = caseScopeOf(ctx.actor);
  return inTenant(ctx.db, scope, async (trx) => {
    // The trajectory, its household's members and the plan in one statement (one round trip).
    const found = await planVersions.findWithTrajectory(
      trx,
      scope.municipalityId,
      trajectoryId,
      version,
    );
    if (!found) throw notFound();
    const { current_version, member_ids, ...columns } = found;
    const row = storedVersion(columns);
    if (version !== undefined && !row) throw notFound();
    await audit(trx, ctx, {
      action: 'plan.read',
      objectType: 'plan',
      objectId: trajectoryId,
      reason: `version ${version ?? current_version}`,
      residentIds: member_ids,
    });
    return toPlan(trajectoryId, row);
  });
}

/** The current plan as read_plan answers it: findWithTrajectory's columns, as JSON. */
type CurrentPlanJson = Omit<
  NonNullable<Awaited<ReturnType<typeof planVersions.findWithTrajectory>>>,
  'current_version' | 'member_ids'
>;

/**
 * The current plan of a trajectory. Opened with every trajectory, so it is read in one statement
 * with its session check and audit rows (read_plan, migration 20261124T1200; ADR 0005). Earlier
 * versions, and the plan a save answers with, are read by getPlan.
 */
export async function openCurrentPlan(ctx: ReadContext, trajectoryId: string): Promise<Plan> {
  const columns = await readInOneStatement<CurrentPlanJson>(ctx, 'read_plan', 'plan', [
    trajectoryId,
  ]);
  return toPlan(trajectoryId, storedVersion(columns));
}

export function listPlanVersions(ctx: ServiceContext, trajectoryId: string) {
  const scope = caseScopeOf(ctx.actor);
  return inTenant(ctx.db, scope, async (trx) => {
    const trajectory = await findTrajectoryInScope(trx, ctx, trajectoryId);
    const rows = await planVersions.list(trx, scope.municipalityId, trajectoryId);
    // The changes name actions and network members: each member's access log shows the read,
    // as for one version (getPlan).
    await audit(trx, ctx, {
      action: 'plan.read',
      objectType: 'plan',
      objectId: trajectoryId,
      reason: 'versions',
      residentIds: await memberIds(trx, scope.municipalityId, trajectory.household_id),
    });
    return rows.map((r) => ({
      version: r.version,
      savedAt: new Date(r.saved_at).toISOString(),
      savedBy: { id: r.saved_by, name: r.saved_by_name },
      changes: r.changes as PlanChange[],
      agreedOn: r.agreed_on,
      agreedVersion: r.agreed_version,
    }));
  });
}

/**
 * The first entry that repeats an earlier one's key, by its path (`actions.1.id`): an action or
 * network member sent twice would collide in the typed tables, a domain twice would give the plan
 * two goals for one life domain. Checked before anything is read or written.
 */
function refuseDuplicates(input: PlanInput): void {
  const lists = [
    {
      name: 'actions',
      field: 'id',
      keys: input.actions.map((a) => a.id),
      reason: [
        'is the id of an earlier action in this plan',
        'is het id van een eerdere actie in dit plan',
      ],
    },
    {
      name: 'network',
      field: 'id',
      keys: input.network.map((n) => n.id),
      reason: [
        'is the id of an earlier network member in this plan',
        'is het id van een eerder netwerklid in dit plan',
      ],
    },
    {
      name: 'domains',
      field: 'domain',
      keys: input.domains.map((d) => d.domain),
      reason: [
        'is already in the plan: one entry per life domain',
        'staat al in het plan: één onderdeel per leefgebied',
      ],
    },
  ] as const;
  for (const { name, field, keys, reason } of lists) {
    const seen = new Set<string>();
    keys.forEach((key, i) => {
      if (key === undefined) return;
      if (seen.has(key)) throw invalidField(`${name}.${i}.${field}`, reason[0], reason[1]);
      seen.add(key);
    });
  }
}

/** Ids for new actions and network members; an id sent back must be one the plan had. */
function settleIds(input: PlanInput, base: StoredPlan): StoredPlan {
  const knownActions = new Set(base.actions.map((a) => a.id));
  const knownMembers = new Set(base.network.map((n) => n.id));
  input.actions.forEach((a, i) => {
    if (a.id && !knownActions.has(a.id)) {
      throw invalidField(
        `actions.${i}.id`,
        'is not an action of this plan',
        'is geen actie van dit plan',
      );
    }
  });
  input.network.forEach((n, i) => {
    if (n.id && !knownMembers.has(n.id)) {
      throw invalidField(
        `network.${i}.id`,
        'is not a network member of this plan',
        'is geen netwerklid van dit plan',
      );
    }
  });
  return {
    answers: Object.fromEntries(
      Object.entries(input.answers).filter(([, v]) => v !== undefined && v !== ''),
    ),
    domains: input.domains.map((d) => ({
      domain: d.domain,
      situation: d.situation,
      strengths: d.strengths,
      goal: d.goal,
    })),
    actions: input.actions.map((a) => ({
      id: a.id ?? newId(),
      description: a.description,
      ownerType: a.ownerType,
      ownerName: a.ownerName,
      domain: a.domain ?? null,
      dueDate: a.dueDate ?? null,
      status: a.status,
    })),
    agreements: input.agreements,
    crisisPlan: input.crisisPlan,
    network: input.network.map((n) => ({
      id: n.id ?? newId(),
      name: n.name,
      relation: n.relation,
      closeness: n.closeness,
      roleInPlan: n.roleInPlan ?? null,
    })),
  };
}

export async function savePlan(
  ctx: ServiceContext,
  trajectoryId: string,
  input: PlanInput,
): Promise<Plan> {
  refuseDuplicates(input);
  const scope = caseScopeOf(ctx.actor);
  const saved = await inTenant(ctx.db, scope, async (trx) =>
    saveInTransaction(trx, ctx, await lockTrajectoryToChange(trx, ctx, trajectoryId), input),
  );
  return getPlan(ctx, trajectoryId, saved.version);
}

type LockedTrajectory = NonNullable<Awaited<ReturnType<typeof trajectories.findLocked>>>;

/**
 * The trajectory whose plan is to change, its row locked until the transaction ends (as a
 * referral locks it): a closing, a colleague's save or a tick in the portal at the same moment is
 * waited for and then read, so that a save or an agreement neither lands on a trajectory that was
 * closed meanwhile nor is measured against a version that is no longer the current one.
 *
 * 404 when the trajectory is not in the caller's scope. 403 when the caller reads it by breaking
 * the glass: that access is read-only, and row-level security lets the glass read the row but
 * not lock or change it (without this check a save looked like "someone saved in the meantime",
 * and an agreement like a plan that does not exist). Audited as refused access, as other writes
 * through the glass are (budget.service requireOwnTeam).
 */
async function lockTrajectoryToChange(
  trx: Trx,
  ctx: ServiceContext,
  trajectoryId: string,
): Promise<LockedTrajectory> {
  const locked = await trajectories.findLocked(trx, ctx.actor.municipalityId, trajectoryId);
  if (locked) return locked;
  await findTrajectoryInScope(trx, ctx, trajectoryId); // 404 when not readable either
  throw new AppError('forbidden', {
    detail: {
      en: "You read this file through emergency access (break the glass). That access is read-only: you cannot change the plan or record an agreement. Ask the household's team.",
      nl: 'U leest dit dossier via noodtoegang. Die toegang is alleen-lezen: u kunt het plan niet wijzigen en geen akkoord vastleggen. Vraag het team van het huishouden.',
    },
  });
}

/** A closed trajectory's plan no longer changes, nor is an agreement to it recorded (409). */
function refuseWhenClosed(trajectory: LockedTrajectory): void {
  if (trajectory.status !== 'closed') return;
  throw new AppError('conflict', {
    detail: {
      en: 'The trajectory is closed; its plan can no longer change.',
      nl: 'Het traject is afgesloten; het plan kan niet meer wijzigen.',
    },
  });
}

/**
 * The 409 of a save based on an earlier version (`base`, its plan) than the current one: who
 * saved the current version, when, and what changed since the edit began. The trajectory was read
 * under its lock, so its plan version is the one that really is current, saver and diff included
 * (an unlocked read kept the version this request's first statement saw, the loser's own).
 */
async function savedInTheMeantime(
  trx: Trx,
  municipalityId: string,
  trajectory: LockedTrajectory,
  base: StoredPlan,
): Promise<AppError> {
  const currentVersion = trajectory.plan_version;
  const current = await planVersions.find(trx, municipalityId, trajectory.id, currentVersion);
  return new AppError('version_conflict', {
    detail: {
      en: `${current?.saved_by_name ?? 'Someone'} saved this plan in the meantime (version ${currentVersion}). Your changes were not saved; compare and save again.`,
      nl: `${current?.saved_by_name ?? 'Iemand'} heeft dit plan intussen opgeslagen (versie ${currentVersion}). Uw wijzigingen zijn niet opgeslagen; vergelijk en sla opnieuw op.`,
    },
    extra: {
      currentVersion,
      savedBy: current?.saved_by_name ?? null,
      savedAt: current ? new Date(current.saved_at).toISOString() : null,
      changes: current ? diffPlans(base, current.plan as StoredPlan) : [],
    },
  });
}

/**
 * Saves a new version of the plan inside the caller's transaction (scope already set), on the
 * trajectory as lockTrajectoryToChange locked it.
 */
async function saveInTransaction(
  trx: Trx,
  ctx: ServiceContext,
  trajectory: LockedTrajectory,
  input: PlanInput,
): Promise<{ version: number; plan: StoredPlan }> {
  const { municipalityId } = ctx.actor;
  const trajectoryId = trajectory.id;
  refuseWhenClosed(trajectory);
  const baseRow =
    input.version > 0
      ? await planVersions.find(trx, municipalityId, trajectoryId, input.version)
      : null;
  if (input.version > trajectory.plan_version || (input.version > 0 && !baseRow)) {
    throw invalidField('version', 'is not a version of this plan', 'is geen versie van dit plan');
  }
  const base = (baseRow?.plan as StoredPlan | undefined) ?? EMPTY;
  // Someone saved since this edit began: tell what they changed, and keep both.
  if (input.version !== trajectory.plan_version) {
    throw await savedInTheMeantime(trx, municipalityId, trajectory, base);
  }
  const next = await trajectories.bumpPlanVersion(trx, municipalityId, trajectoryId, input.version);
  // The row is locked and was read under the lock: its plan version cannot have moved.
  if (next === null) throw new Error('the plan version moved under the trajectory row lock');
  const plan = settleIds(input, base);
  const changes = diffPlans(base, plan);
  await planVersions.insert(trx, {
    municipalityId,
    teamId: trajectory.team_id,
    trajectoryId,
    version: next,
    plan,
    changes,
    savedBy: ctx.actor.staffId,
    // A save that only ticks off or reopens actions keeps the resident's agreement, as a tick in
    // the portal does: the agreement is to what the plan says, not to how far it has come.
    keepAgreementOf: baseRow && onlyProgress(base, plan) ? input.version : null,
  });
  await currentPlan.replace(trx, municipalityId, trajectory.team_id, trajectoryId, plan);
  await audit(trx, ctx, {
    action: 'plan.save',
    objectType: 'plan',
    objectId: trajectoryId,
    reason: `version ${next}: ${changes.length} change(s)`,
    residentIds: await memberIds(trx, municipalityId, trajectory.household_id),
  });
  return { version: next, plan };
}

/** The stored plan as an edit that keeps everything (ids included), to change one part of it. */
function asInput(version: number, plan: StoredPlan): PlanInput {
  return {
    version,
    answers: plan.answers,
    domains: plan.domains as PlanInput['domains'],
    actions: plan.actions.map((a) => ({
      id: a.id,
      description: a.description,
      ownerType: a.ownerType,
      ownerName: a.ownerName,
      status: a.status,
      ...(a.domain ? { domain: a.domain as NonNullable<PlanAction['domain']> } : {}),
      ...(a.dueDate ? { dueDate: a.dueDate } : {}),
    })),
    agreements: plan.agreements,
    crisisPlan: plan.crisisPlan,
    network: plan.network.map((n) => ({
      id: n.id,
      name: n.name,
      relation: n.relation,
      closeness: n.closeness,
      ...(n.roleInPlan !== null ? { roleInPlan: n.roleInPlan } : {}),
    })),
  };
}

/**
 * Appends one action to the plan as a new version, inside the caller's transaction. With
 * `expectedVersion` (a worker's click on a screen showing that version) a stale version gets the
 * usual 409; without it (a group sign-up adding "takes part in ...") the current version is used.
 */
export async function appendActionInTransaction(
  trx: Trx,
  ctx: ServiceContext,
  trajectoryId: string,
  action: NewPlanAction,
  expectedVersion?: number,
): Promise<{ version: number; actionId: string }> {
  const trajectory = await lockTrajectoryToChange(trx, ctx, trajectoryId);
  const version = expectedVersion ?? trajectory.plan_version;
  const row =
    version > 0 && version <= trajectory.plan_version
      ? await planVersions.find(trx, ctx.actor.municipalityId, trajectoryId, version)
      : null;
  const input = asInput(version, (row?.plan as StoredPlan | undefined) ?? EMPTY);
  input.actions.push({ ...action, status: 'open' });
  const saved = await saveInTransaction(trx, ctx, trajectory, input);
  const added = saved.plan.actions.at(-1);
  if (!added) throw new Error('the appended action is missing');
  return { version: saved.version, actionId: added.id };
}

/** POST .../plan/actions: one action added to the current version ("add to the plan"). */
export async function appendAction(
  ctx: ServiceContext,
  trajectoryId: string,
  version: number,
  action: NewPlanAction,
): Promise<Plan> {
  const scope = caseScopeOf(ctx.actor);
  const saved = await inTenant(ctx.db, scope, (trx) =>
    appendActionInTransaction(trx, ctx, trajectoryId, action, version),
  );
  return getPlan(ctx, trajectoryId, saved.version);
}

type AgreementMethod = Extract<AgreementOutcome, { kind: 'already_agreed' }>['method'];
const METHOD_TEXT: Record<NonNullable<AgreementMethod>, { en: string; nl: string }> = {
  in_person: { en: 'in person', nl: 'persoonlijk' },
  signature: { en: 'by signature', nl: 'met handtekening' },
  portal: { en: 'through the portal', nl: 'via het portaal' },
  verbal: { en: 'verbally', nl: 'mondeling' },
};

/**
 * A refused agreement as the problem the caller gets: 404, 400 naming `agreedOn` (a date before the
 * version was saved), or 409 naming `version`.
 */
function refusal(version: number, outcome: Exclude<AgreementOutcome, { kind: 'recorded' }>) {
  if (outcome.kind === 'not_found') return notFound();
  if (outcome.kind === 'before_version') {
    const saved = readableDay(outcome.savedOn);
    const which = outcome.savedVersion;
    return invalidField(
      'agreedOn',
      `must not be before ${saved.en}, the day version ${which} was saved: the resident cannot have agreed to this plan before it existed`,
      `mag niet vóór ${saved.nl} liggen, de dag waarop versie ${which} is opgeslagen: de inwoner kan niet met dit plan akkoord zijn gegaan voordat het bestond`,
    );
  }
  const current = outcome.currentVersion;
  if (outcome.kind === 'not_current') {
    return new AppError('conflict', {
      detail: {
        en: `Version ${version} is no longer the current plan; version ${current} is. An agreement is to the plan as it is now, so nothing was recorded: read version ${current} and agree to that.`,
        nl: `Versie ${version} is niet meer het huidige plan; dat is versie ${current}. Een akkoord geldt het plan zoals het nu is, dus er is niets vastgelegd: lees versie ${current} en geef daarop akkoord.`,
      },
      invalidParams: [
        {
          name: 'version',
          reason: `is not the current version of the plan (that is version ${current})`,
          reasonNl: `is niet de huidige versie van het plan (dat is versie ${current})`,
        },
      ],
      extra: { currentVersion: current },
    });
  }
  const how = outcome.method ? METHOD_TEXT[outcome.method] : { en: '', nl: '' };
  return new AppError('conflict', {
    detail: {
      en: `The resident's agreement to version ${version} was already recorded (${outcome.agreedOn}${how.en ? `, ${how.en}` : ''}). An agreement is never overwritten; nothing was changed.`,
      nl: `Het akkoord van de inwoner op versie ${version} is al vastgelegd (${outcome.agreedOn}${how.nl ? `, ${how.nl}` : ''}). Een akkoord wordt niet overschreven; er is niets veranderd.`,
    },
    invalidParams: [
      {
        name: 'version',
        reason: 'already has the resident’s agreement; it is not overwritten',
        reasonNl: 'heeft al een akkoord van de inwoner; dat wordt niet overschreven',
      },
    ],
    extra: { currentVersion: current, agreedOn: outcome.agreedOn },
  });
}

/**
 * Records the resident's agreement to the current version of the plan, in the caller's
 * transaction (the worker's recording here, the resident's own in the portal); the caller has
 * locked the trajectory and refused a closed one (409). Refused with 409
 * naming `version` when the version is not the current one (an agreement to a plan that has
 * changed since would claim agreement to something the resident has not seen) or already has an
 * agreement (see planVersions.recordAgreement); with 400 naming `agreedOn` when the date is in the
 * future or before the day the version was saved (calendar days in Amsterdam); 404 when there is
 * no such version. Nothing is changed when it is refused.
 */
export async function recordAgreementInTransaction(
  trx: Trx,
  municipalityId: string,
  trajectoryId: string,
  version: number,
  agreement: Parameters<typeof planVersions.recordAgreement>[4],
): Promise<void> {
  if (agreement.agreedOn > todayInAmsterdam()) {
    throw invalidField('agreedOn', 'must not be in the future', 'mag niet in de toekomst liggen');
  }
  const outcome = await planVersions.recordAgreement(
    trx,
    municipalityId,
    trajectoryId,
    version,
    agreement,
  );
  if (outcome.kind !== 'recorded') throw refusal(version, outcome);
}

export function recordAgreement(
  ctx: ServiceContext,
  trajectoryId: string,
  version: number,
  input: {
    agreedOn: string;
    method: 'in_person' | 'signature' | 'portal' | 'verbal';
    note?: string | undefined;
  },
) {
  const scope = caseScopeOf(ctx.actor);
  return inTenant(ctx.db, scope, async (trx) => {
    // Locked, as for a save: a closing at the same moment is waited for, and then refused here as
    // in the portal (409); a worker reading by breaking the glass is refused (403).
    const trajectory = await lockTrajectoryToChange(trx, ctx, trajectoryId);
    refuseWhenClosed(trajectory);
    await recordAgreementInTransaction(trx, scope.municipalityId, trajectoryId, version, {
      agreedOn: input.agreedOn,
      method: input.method,
      note: input.note ?? null,
      by: ctx.actor.staffId,
    });
    await audit(trx, ctx, {
      action: 'plan.agreement',
      objectType: 'plan',
      objectId: trajectoryId,
      reason: `version ${version}`,
      residentIds: await memberIds(trx, scope.municipalityId, trajectory.household_id),
    });
    return { trajectoryId, version, agreedOn: input.agreedOn, method: input.method };
  });
}
