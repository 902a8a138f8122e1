// The krachtplan as the editor holds it (strings for every field, rows with screen keys) and the
// way back to the API's plan body (omitting empty optional fields, sending ids of known rows).
import type { TFunction } from 'i18next';
import type {
  ActionOwnerType,
  ActionStatus,
  LifeDomain,
  NetworkRelation,
  Plan,
  PlanInput,
  PlanQuestion,
} from '../../lib/api-types';
import { PLAN_QUESTIONS } from '../../lib/api-types';
import { rowKey } from './format';

/**
 * A colleague's value for a field the worker changed as well (found when the worker's draft is
 * merged with a newer version), and the version it was saved in. The worker's own value stays in
 * the field; the editor shows this one beside it.
 */
export interface TheirValue<V> {
  value: V;
  version: number;
}
/** Per field of one unit (an answer, a row), the colleague's value where both changed it. */
export type Conflicts<F> = { [K in keyof F]?: TheirValue<F[K]> };

/** What a merge with a newer version says about a whole row. */
interface RebasedRow {
  /** A colleague removed the row in this version; the worker had changed it, so it stays, new. */
  removedIn?: number;
  /** The worker removed the row; a colleague changed it in this version, so it is back. */
  restoredIn?: number;
  /** A colleague added the row in this version: the worker sees it for the first time. */
  addedIn?: number;
}

interface DomainFields {
  situation: string;
  strengths: string;
  goal: string;
}
export interface DomainRow extends DomainFields, RebasedRow {
  key: string;
  domain: LifeDomain | '';
  conflicts?: Conflicts<DomainFields>;
}
interface ActionFields {
  description: string;
  ownerType: ActionOwnerType | '';
  ownerName: string;
  domain: LifeDomain | '';
  dueDate: string;
  status: ActionStatus;
}
export interface ActionRow extends ActionFields, RebasedRow {
  key: string;
  id?: string;
  conflicts?: Conflicts<ActionFields>;
}
export interface AgreementRow {
  key: string;
  text: string;
}
interface MemberFields {
  name: string;
  relation: NetworkRelation | '';
  closeness: '1' | '2' | '3';
  roleInPlan: string;
}
export interface MemberRow extends MemberFields, RebasedRow {
  key: string;
  id?: string;
  conflicts?: Conflicts<MemberFields>;
}
export interface CrisisDraft {
  signs: string;
  whatToDo: string;
  whoToCall: string;
  agreedWithInformalCarer: boolean;
}
export interface PlanDraft {
  answers: Record<PlanQuestion, string>;
  domains: DomainRow[];
  actions: ActionRow[];
  agreements: AgreementRow[];
  crisis: CrisisDraft;
  network: MemberRow[];
  /** Answers the worker and a colleague both changed (after a merge), with the colleague's. */
  answerConflicts?: Conflicts<Record<PlanQuestion, string>>;
  /** Crisis plan fields the worker and a colleague both changed, with the colleague's. */
  crisisConflicts?: Conflicts<CrisisDraft>;
}

const closenessOf = (value: number): MemberRow['closeness'] =>
  value <= 1 ? '1' : value >= 3 ? '3' : '2';

export function toDraft(plan: Plan): PlanDraft {
  return {
    answers: Object.fromEntries(
      PLAN_QUESTIONS.map((question) => [question, plan.answers[question] ?? '']),
    ) as Record<PlanQuestion, string>,
    domains: plan.domains.map((domain) => ({
      key: rowKey(),
      domain: domain.domain as LifeDomain,
      situation: domain.situation,
      strengths: domain.strengths,
      goal: domain.goal,
    })),
    actions: plan.actions.map((action) => ({
      key: rowKey(),
      id: action.id,
      description: action.description,
      ownerType: action.ownerType,
      ownerName: action.ownerName,
      domain: (action.domain ?? '') as LifeDomain | '',
      dueDate: action.dueDate ?? '',
      status: action.status,
    })),
    agreements: plan.agreements.map((text) => ({ key: rowKey(), text })),
    crisis: {
      signs: plan.crisisPlan?.signs ?? '',
      whatToDo: plan.crisisPlan?.whatToDo ?? '',
      whoToCall: plan.crisisPlan?.whoToCall ?? '',
      agreedWithInformalCarer: plan.crisisPlan?.agreedWithInformalCarer ?? false,
    },
    network: plan.network.map((member) => ({
      key: rowKey(),
      id: member.id,
      name: member.name,
      relation: member.relation,
      closeness: closenessOf(member.closeness),
      roleInPlan: member.roleInPlan ?? '',
    })),
  };
}

/** The fields of each unit the worker can change (not a row's screen key, id or life domain). */
const DOMAIN_FIELDS = [
  'situation',
  'strengths',
  'goal',
] as const satisfies readonly (keyof DomainFields)[];
const ACTION_FIELDS = [
  'description',
  'ownerType',
  'ownerName',
  'domain',
  'dueDate',
  'status',
] as const satisfies readonly (keyof ActionFields)[];
const MEMBER_FIELDS = [
  'name',
  'relation',
  'closeness',
  'roleInPlan',
] as const satisfies readonly (keyof MemberFields)[];
const CRISIS_FIELDS = [
  'signs',
  'whatToDo',
  'whoToCall',
  'agreedWithInformalCarer',
] as const satisfies readonly (keyof CrisisDraft)[];

/** Equal as a save would send them: spaces around a text alone are no change (toBody trims). */
function same(a: unknown, b: unknown): boolean {
  return typeof a === 'string' && typeof b === 'string' ? a.trim() === b.trim() : a === b;
}

/**
 * One unit's fields merged three ways: mine (the draft), base (what the draft started from) and
 * newer (a colleague's version). A field only the colleague changed takes the colleague's value; a
 * field only the worker changed keeps the worker's; a field both changed differently keeps the
 * worker's and carries the colleague's in `conflicts`, so the editor can show it: nothing a
 * colleague wrote is overwritten without the worker seeing it. A note from an earlier merge stays
 * while the field is still the worker's own.
 */
function mergeFields<F extends object>(
  mine: F,
  base: F,
  newer: F,
  fields: readonly (keyof F)[],
  version: number,
  earlier: Conflicts<F> | undefined,
): { values: F; conflicts: Conflicts<F> | undefined } {
  const values = {} as F;
  const conflicts: Conflicts<F> = {};
  for (const field of fields) {
    values[field] = mine[field];
    if (same(mine[field], base[field])) values[field] = newer[field];
    else if (same(newer[field], base[field])) {
      if (earlier?.[field]) conflicts[field] = earlier[field];
    } else if (!same(mine[field], newer[field])) {
      conflicts[field] = { value: newer[field], version };
    }
  }
  return { values, conflicts: Object.keys(conflicts).length > 0 ? conflicts : undefined };
}

/** A row merged field by field (see mergeFields), with the notes on the fields both changed. */
function mergeRowFields<F extends object, R extends F & { conflicts?: Conflicts<F> }>(
  fields: readonly (keyof F)[],
  version: number,
) {
  return (mine: R, base: R, newer: R): R => {
    const { values, conflicts } = mergeFields<F>(
      mine,
      base,
      newer,
      fields,
      version,
      mine.conflicts,
    );
    const row: R = { ...mine, ...values, conflicts };
    if (!conflicts) delete row.conflicts;
    return row;
  };
}

const unchangedIn =
  <R>(fields: readonly (keyof R)[]) =>
  (row: R, base: R): boolean =>
    fields.every((field) => same(row[field], base[field]));

/** How rows of one section are matched and merged. */
interface RowRules<R> {
  /** What makes two rows the same unit (id, life domain, text); none for a row not yet known. */
  keyOf: (row: R) => string | undefined;
  merge: (mine: R, base: R, newer: R) => R;
  unchanged: (row: R, base: R) => boolean;
  /** The row as saved without tie to the newer version: an id the plan no longer has is refused. */
  detach: (row: R) => R;
  /** An empty row: the base when the worker and a colleague both added the same key. */
  blank: () => R;
}

/** One of the worker's rows with a key, against the same row in base and newer (if there). */
function mergeRow<R extends RebasedRow>(
  row: R,
  base: R | undefined,
  newer: R | undefined,
  version: number,
  rules: RowRules<R>,
): R | undefined {
  if (newer) return rules.merge(row, base ?? rules.blank(), newer);
  // Not in base or newer: a row the worker added (a life domain).
  if (!base) return rules.detach(row);
  // A colleague removed it: that stands, unless the worker changed it; then it is kept, as new.
  if (rules.unchanged(row, base)) return undefined;
  return { ...rules.detach(row), removedIn: version };
}

/**
 * A section's rows merged three ways. The worker's rows keep their order; rows of the newer version
 * that the worker's draft lacks are put in after the row that precedes them there: rows a
 * colleague added (marked `addedIn`), and rows the worker removed but a colleague changed (marked
 * `restoredIn`). A
 * row the worker removed and the colleague left as it was stays removed.
 */
function mergeRows<R extends RebasedRow & { key: string }>(
  mine: R[],
  base: R[],
  newer: R[],
  version: number,
  rules: RowRules<R>,
): R[] {
  const byKey = (rows: R[]) => {
    const map = new Map<string, R>();
    for (const row of rows) {
      const key = rules.keyOf(row);
      if (key !== undefined && !map.has(key)) map.set(key, row);
    }
    return map;
  };
  const baseBy = byKey(base);
  const newerBy = byKey(newer);
  const merged: R[] = [];
  const placed = new Map<string, R>();
  for (const row of mine) {
    const key = rules.keyOf(row);
    const kept =
      key === undefined ? row : mergeRow(row, baseBy.get(key), newerBy.get(key), version, rules);
    if (!kept) continue;
    merged.push(kept);
    if (key !== undefined && !placed.has(key)) placed.set(key, kept);
  }
  let at = 0;
  for (const row of newer) {
    const key = rules.keyOf(row);
    if (key === undefined) continue;
    const existing = placed.get(key);
    if (existing) {
      at = merged.indexOf(existing) + 1;
      continue;
    }
    const before = baseBy.get(key);
    if (before && rules.unchanged(row, before)) continue;
    const brought: R = before ? { ...row, restoredIn: version } : { ...row, addedIn: version };
    merged.splice(at, 0, brought);
    placed.set(key, brought);
    at += 1;
  }
  return merged;
}

function domainRules(version: number): RowRules<DomainRow> {
  return {
    keyOf: (row) => row.domain || undefined,
    merge: mergeRowFields<DomainFields, DomainRow>(DOMAIN_FIELDS, version),
    unchanged: unchangedIn<DomainRow>(DOMAIN_FIELDS),
    detach: (row) => row,
    blank: emptyDomain,
  };
}

/** Actions and network members: matched by id; one kept after a removal loses its id. */
function idRules<
  F extends object,
  R extends F & RebasedRow & { id?: string; conflicts?: Conflicts<F> },
>(fields: readonly (keyof F & keyof R)[], version: number, blank: () => R): RowRules<R> {
  return {
    keyOf: (row) => row.id,
    merge: mergeRowFields<F, R>(fields, version),
    unchanged: unchangedIn<R>(fields),
    detach: (row) => {
      const detached = { ...row };
      delete detached.id;
      return detached;
    },
    blank,
  };
}

/**
 * Agreements are a list of texts, so a text is its own key: the colleague's new texts are added,
 * a text the colleague removed goes unless the worker changed it (then it is another text, the
 * worker's), and the worker's new texts stay.
 */
const agreementRules: RowRules<AgreementRow & RebasedRow> = {
  keyOf: (row) => row.text.trim() || undefined,
  merge: (mine) => mine,
  unchanged: () => true,
  detach: (row) => row,
  blank: () => ({ key: rowKey(), text: '' }),
};

/**
 * The worker's draft on top of a newer version after a conflict: a three-way merge of the draft
 * (mine), `base` (the version the draft started from) and `newer` (a colleague's save since), so
 * that saving the whole plan again keeps what the colleague changed and the worker did not. Per
 * unit (an answer, a crisis plan field, a field of a life domain, action or network member; an
 * agreement's text): see mergeFields and mergeRows. Rows with an id the newer version no longer
 * has (a colleague removed them):
 * - one the worker changed from `base` is kept as a new row, marked `removedIn`, so the editor can
 *   say so beside it (sending its id would be refused: "is not an action of this plan");
 * - one the worker left as it was in `base` stays removed: keeping it would undo the colleague's
 *   removal without the worker meaning to.
 */
export function rebaseDraft(draft: PlanDraft, base: Plan, newer: Plan): PlanDraft {
  const started = toDraft(base);
  const next = toDraft(newer);
  const version = newer.version;
  const answers = mergeFields(
    draft.answers,
    started.answers,
    next.answers,
    PLAN_QUESTIONS,
    version,
    draft.answerConflicts,
  );
  const crisis = mergeFields(
    draft.crisis,
    started.crisis,
    next.crisis,
    CRISIS_FIELDS,
    version,
    draft.crisisConflicts,
  );
  return {
    answers: answers.values,
    domains: mergeRows(draft.domains, started.domains, next.domains, version, domainRules(version)),
    actions: mergeRows(
      draft.actions,
      started.actions,
      next.actions,
      version,
      idRules<ActionFields, ActionRow>(ACTION_FIELDS, version, emptyAction),
    ),
    agreements: mergeRows(
      draft.agreements,
      started.agreements,
      next.agreements,
      version,
      agreementRules,
    ),
    crisis: crisis.values,
    network: mergeRows(
      draft.network,
      started.network,
      next.network,
      version,
      idRules<MemberFields, MemberRow>(MEMBER_FIELDS, version, emptyMember),
    ),
    ...(answers.conflicts ? { answerConflicts: answers.conflicts } : {}),
    ...(crisis.conflicts ? { crisisConflicts: crisis.conflicts } : {}),
  };
}

/** A field where the worker and a colleague both changed something (see rebaseDraft). */
export type ConflictAt =
  | { section: 'answers'; field: PlanQuestion }
  | { section: 'crisis'; field: keyof CrisisDraft }
  | { section: 'domains'; index: number; field: keyof DomainFields }
  | { section: 'actions'; index: number; field: keyof ActionFields }
  | { section: 'network'; index: number; field: keyof MemberFields };

function withoutField<F>(conflicts: Conflicts<F> | undefined, field: keyof F) {
  if (!conflicts) return undefined;
  const rest = { ...conflicts };
  delete rest[field];
  return Object.keys(rest).length > 0 ? rest : undefined;
}

/** The row at `index` with the colleague's value for `field` taken over, and its note gone. */
function takeInRow<F, R extends F & { conflicts?: Conflicts<F> }>(
  rows: R[],
  index: number,
  field: keyof F,
): R[] {
  return rows.map((row, i) => {
    const theirs = row.conflicts?.[field];
    if (i !== index || !theirs) return row;
    const taken: R = {
      ...row,
      [field]: theirs.value,
      conflicts: withoutField(row.conflicts, field),
    };
    if (!taken.conflicts) delete taken.conflicts;
    return taken;
  });
}

/** The draft with the colleague's value taken over at one conflicting field (a button there). */
export function takeTheirs(draft: PlanDraft, at: ConflictAt): PlanDraft {
  switch (at.section) {
    case 'answers': {
      const theirs = draft.answerConflicts?.[at.field];
      if (!theirs) return draft;
      const taken: PlanDraft = {
        ...draft,
        answers: { ...draft.answers, [at.field]: theirs.value },
        answerConflicts: withoutField(draft.answerConflicts, at.field),
      };
      if (!taken.answerConflicts) delete taken.answerConflicts;
      return taken;
    }
    case 'crisis': {
      const theirs = draft.crisisConflicts?.[at.field];
      if (!theirs) return draft;
      const taken: PlanDraft = {
        ...draft,
        crisis: { ...draft.crisis, [at.field]: theirs.value },
        crisisConflicts: withoutField(draft.crisisConflicts, at.field),
      };
      if (!taken.crisisConflicts) delete taken.crisisConflicts;
      return taken;
    }
    case 'domains':
      return {
        ...draft,
        domains: takeInRow<DomainFields, DomainRow>(draft.domains, at.index, at.field),
      };
    case 'actions':
      return {
        ...draft,
        actions: takeInRow<ActionFields, ActionRow>(draft.actions, at.index, at.field),
      };
    case 'network':
      return {
        ...draft,
        network: takeInRow<MemberFields, MemberRow>(draft.network, at.index, at.field),
      };
  }
}

/**
 * The places on screen (paths as the editor's fields use them) where the worker should look after
 * a merge: every field both changed, and every row a colleague removed or changed after the worker
 * removed it. In screen order.
 */
export function placesToCheck(draft: PlanDraft): string[] {
  const fieldsIn = <F>(
    prefix: string,
    conflicts: Conflicts<F> | undefined,
    fields: readonly (keyof F)[],
  ) => fields.filter((field) => conflicts?.[field]).map((field) => `${prefix}.${String(field)}`);
  const rowsIn = <F, R extends F & RebasedRow & { conflicts?: Conflicts<F> }>(
    section: string,
    rows: R[],
    fields: readonly (keyof F)[],
  ) =>
    rows.flatMap((row, i) => [
      ...(row.removedIn !== undefined || row.restoredIn !== undefined ? [`${section}.${i}`] : []),
      ...fieldsIn(`${section}.${i}`, row.conflicts, fields),
    ]);
  return [
    ...fieldsIn('answers', draft.answerConflicts, PLAN_QUESTIONS),
    ...rowsIn<DomainFields, DomainRow>('domains', draft.domains, DOMAIN_FIELDS),
    ...rowsIn<ActionFields, ActionRow>('actions', draft.actions, ACTION_FIELDS),
    ...fieldsIn('crisisPlan', draft.crisisConflicts, CRISIS_FIELDS),
    ...rowsIn<MemberFields, MemberRow>('network', draft.network, MEMBER_FIELDS),
  ];
}

export const emptyAction = (): ActionRow => ({
  key: rowKey(),
  description: '',
  ownerType: '',
  ownerName: '',
  domain: '',
  dueDate: '',
  status: 'open',
});
export const emptyDomain = (): DomainRow => ({
  key: rowKey(),
  domain: '',
  situation: '',
  strengths: '',
  goal: '',
});
export const emptyMember = (): MemberRow => ({
  key: rowKey(),
  name: '',
  relation: '',
  closeness: '1',
  roleInPlan: '',
});

/** The checks the server would make on required fields, keyed by the same paths. */
export function validateDraft(draft: PlanDraft, t: TFunction): Record<string, string> {
  const errors: Record<string, string> = {};
  const required = (path: string, value: string, label: string) => {
    if (!value.trim()) errors[path] = t('traj.plan.required', { label });
  };
  const seen = new Set<string>();
  draft.domains.forEach((row, i) => {
    required(`domains.${i}.domain`, row.domain, t('traj.plan.domain'));
    if (row.domain && seen.has(row.domain)) {
      errors[`domains.${i}.domain`] = t('traj.plan.duplicateDomain', {
        domain: t(`lifeDomains.${row.domain}`),
      });
    }
    if (row.domain) seen.add(row.domain);
  });
  draft.actions.forEach((row, i) => {
    required(`actions.${i}.description`, row.description, t('traj.plan.description'));
    required(`actions.${i}.ownerType`, row.ownerType, t('traj.plan.ownerType'));
    required(`actions.${i}.ownerName`, row.ownerName, t('traj.plan.ownerName'));
  });
  draft.network.forEach((row, i) => {
    required(`network.${i}.name`, row.name, t('traj.plan.memberName'));
    required(`network.${i}.relation`, row.relation, t('traj.plan.relation'));
  });
  return errors;
}

/**
 * The body for PUT /plan. Empty agreements are left out; `agreementIndex` maps the index in the
 * body back to the row on screen (for the server's messages).
 */
export function toBody(
  draft: PlanDraft,
  version: number,
): { body: PlanInput; agreementIndex: number[] } {
  const answers: Partial<Record<PlanQuestion, string>> = {};
  for (const question of PLAN_QUESTIONS) {
    const value = draft.answers[question].trim();
    if (value) answers[question] = value;
  }
  const agreementIndex: number[] = [];
  const agreements: string[] = [];
  draft.agreements.forEach((row, i) => {
    if (row.text.trim()) {
      agreementIndex.push(i);
      agreements.push(row.text.trim());
    }
  });
  const crisis = draft.crisis;
  const hasCrisis =
    Boolean(crisis.signs.trim() || crisis.whatToDo.trim() || crisis.whoToCall.trim()) ||
    crisis.agreedWithInformalCarer;
  return {
    agreementIndex,
    body: {
      version,
      answers,
      domains: draft.domains.map((row) => ({
        domain: row.domain as LifeDomain,
        situation: row.situation.trim(),
        strengths: row.strengths.trim(),
        goal: row.goal.trim(),
      })),
      actions: draft.actions.map((row) => ({
        ...(row.id ? { id: row.id } : {}),
        description: row.description.trim(),
        ownerType: row.ownerType as ActionOwnerType,
        ownerName: row.ownerName.trim(),
        ...(row.domain ? { domain: row.domain } : {}),
        ...(row.dueDate ? { dueDate: row.dueDate } : {}),
        status: row.status,
      })),
      agreements,
      crisisPlan: hasCrisis
        ? {
            signs: crisis.signs.trim(),
            whatToDo: crisis.whatToDo.trim(),
            whoToCall: crisis.whoToCall.trim(),
            agreedWithInformalCarer: crisis.agreedWithInformalCarer,
          }
        : null,
      network: draft.network.map((row) => ({
        ...(row.id ? { id: row.id } : {}),
        name: row.name.trim(),
        relation: row.relation as NetworkRelation,
        closeness: Number(row.closeness),
        ...(row.roleInPlan.trim() ? { roleInPlan: row.roleInPlan.trim() } : {}),
      })),
    },
  };
}
