// What changed between two versions of a plan, section by section: shown with every version, and
// sent with a 409 so that the second of two simultaneous editors sees what the first one changed.
import type { PlanChange, StoredPlan } from './plans.schemas.js';

/** JSON with sorted keys: a plan read back from jsonb has its keys in another order. */
function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : 1));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonical(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

const same = (a: unknown, b: unknown) => canonical(a) === canonical(b);

function byKey<T>(items: readonly T[], key: (item: T) => string): Map<string, T> {
  return new Map(items.map((item) => [key(item), item]));
}

function compareLists<T>(
  section: PlanChange['section'],
  before: readonly T[],
  after: readonly T[],
  key: (item: T) => string,
  label: (item: T) => string,
): PlanChange[] {
  const changes: PlanChange[] = [];
  const old = byKey(before, key);
  const now = byKey(after, key);
  for (const [k, item] of now) {
    const previous = old.get(k);
    if (!previous) changes.push({ section, item: label(item), change: 'added' });
    else if (!same(previous, item)) changes.push({ section, item: label(item), change: 'changed' });
  }
  for (const [k, item] of old)
    if (!now.has(k)) changes.push({ section, item: label(item), change: 'removed' });
  return changes;
}

export function diffPlans(before: StoredPlan | null, after: StoredPlan): PlanChange[] {
  const empty: StoredPlan = {
    answers: {},
    domains: [],
    actions: [],
    agreements: [],
    crisisPlan: null,
    network: [],
  };
  const b = before ?? empty;
  const changes: PlanChange[] = [];
  const questions = new Set([...Object.keys(b.answers), ...Object.keys(after.answers)]) as Set<
    keyof StoredPlan['answers']
  >;
  for (const q of questions) {
    const was = b.answers[q] ?? '';
    const is = after.answers[q] ?? '';
    if (was !== is)
      changes.push({
        section: 'answers',
        item: q,
        change: !was ? 'added' : !is ? 'removed' : 'changed',
      });
  }
  changes.push(
    ...compareLists(
      'domains',
      b.domains,
      after.domains,
      (d) => d.domain,
      (d) => d.domain,
    ),
  );
  changes.push(
    ...compareLists(
      'actions',
      b.actions,
      after.actions,
      (a) => a.id,
      (a) => a.description,
    ),
  );
  changes.push(
    ...compareLists(
      'agreements',
      b.agreements,
      after.agreements,
      (a) => a,
      (a) => a,
    ),
  );
  changes.push(
    ...compareLists(
      'network',
      b.network,
      after.network,
      (n) => n.id,
      (n) => n.name,
    ),
  );
  if (!same(b.crisisPlan, after.crisisPlan)) {
    changes.push({
      section: 'crisisPlan',
      item: null,
      change: !b.crisisPlan ? 'added' : !after.crisisPlan ? 'removed' : 'changed',
    });
  }
  return changes;
}

/**
 * Whether `after` differs from `before` in progress only: actions ticked off or reopened (status
 * open or done), nothing else. The resident agrees to the content of the plan (goals, actions,
 * who does what, agreements, crisis plan, network), so progress keeps that agreement; a dropped
 * action is a change of content (what was agreed will not happen), as is any other change.
 */
export function onlyProgress(before: StoredPlan, after: StoredPlan): boolean {
  const content = (plan: StoredPlan) => ({
    ...plan,
    actions: plan.actions.map((a) => ({
      ...a,
      status: a.status === 'dropped' ? 'dropped' : 'open or done',
    })),
  });
  return same(content(before), content(after));
}
