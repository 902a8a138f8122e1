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

export interface DomainRow {
  key: string;
  domain: LifeDomain | '';
  situation: string;
  strengths: string;
  goal: string;
}
/** A row the worker edited that a colleague removed meanwhile: `removedIn` is that version. */
interface Removable {
  removedIn?: number;
}
export interface ActionRow extends Removable {
  key: string;
  id?: string;
  description: string;
  ownerType: ActionOwnerType | '';
  ownerName: string;
  domain: LifeDomain | '';
  dueDate: string;
  status: ActionStatus;
}
export interface AgreementRow {
  key: string;
  text: string;
}
export interface MemberRow extends Removable {
  key: string;
  id?: string;
  name: string;
  relation: NetworkRelation | '';
  closeness: '1' | '2' | '3';
  roleInPlan: string;
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

/** The fields of an action row the worker can change (not its screen key or id). */
const ACTION_FIELDS = [
  'description',
  'ownerType',
  'ownerName',
  'domain',
  'dueDate',
  'status',
] as const;
const MEMBER_FIELDS = ['name', 'relation', 'closeness', 'roleInPlan'] as const;

/**
 * The worker's draft on top of a newer version (after a conflict). `base` is the version the
 * draft started from. A row with an id the newer version no longer has (a colleague removed it):
 * - one the worker changed from `base` is kept as a new row, marked, so the editor can say so
 *   beside it (sending its id would be refused: "is not an action of this plan");
 * - one the worker left as it was in `base` stays removed: keeping it would undo the colleague's
 *   removal without the worker meaning to.
 */
export function rebaseDraft(draft: PlanDraft, base: Plan, newer: Plan): PlanDraft {
  const started = toDraft(base);
  const startedActions = new Map(started.actions.map((row) => [row.id, row]));
  const startedMembers = new Map(started.network.map((row) => [row.id, row]));
  const actionIds = new Set(newer.actions.map((action) => action.id));
  const memberIds = new Set(newer.network.map((member) => member.id));
  const rebase = <R extends ActionRow | MemberRow>(
    rows: R[],
    known: Set<string>,
    startedRows: Map<string | undefined, R>,
    fields: readonly (keyof R)[],
  ): R[] =>
    rows.flatMap((row) => {
      if (!row.id || known.has(row.id)) return [row];
      const before = startedRows.get(row.id);
      const untouched = before && fields.every((field) => row[field] === before[field]);
      if (untouched) return [];
      const kept: R = { ...row, removedIn: newer.version };
      delete kept.id;
      return [kept];
    });
  return {
    ...draft,
    actions: rebase(draft.actions, actionIds, startedActions, ACTION_FIELDS),
    network: rebase(draft.network, memberIds, startedMembers, MEMBER_FIELDS),
  };
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
