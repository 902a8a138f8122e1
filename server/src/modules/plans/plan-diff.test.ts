import { describe, expect, it } from 'vitest';
import { diffPlans, onlyProgress } from './plan-diff.js';
import type { StoredPlan } from './plans.schemas.js';

const base: StoredPlan = {
  answers: { own_strength: 'Zelf koken' },
  domains: [{ domain: 'finances', situation: 'Schulden', strengths: 'Wil', goal: 'Regeling' }],
  actions: [
    {
      id: 'a1',
      description: 'Post openen',
      ownerType: 'network',
      ownerName: 'Zus',
      domain: null,
      dueDate: null,
      status: 'open',
    },
  ],
  agreements: ['Bellen bij een brief'],
  crisisPlan: null,
  network: [{ id: 'n1', name: 'Marieke', relation: 'family', closeness: 1, roleInPlan: null }],
};

describe('diffPlans', () => {
  it('finds nothing between a plan and the same plan with its keys in another order (as jsonb returns it)', () => {
    const shuffled: StoredPlan = {
      network: [{ roleInPlan: null, closeness: 1, relation: 'family', name: 'Marieke', id: 'n1' }],
      crisisPlan: null,
      agreements: ['Bellen bij een brief'],
      actions: [
        {
          status: 'open',
          dueDate: null,
          domain: null,
          ownerName: 'Zus',
          ownerType: 'network',
          description: 'Post openen',
          id: 'a1',
        },
      ],
      domains: [{ goal: 'Regeling', strengths: 'Wil', situation: 'Schulden', domain: 'finances' }],
      answers: { own_strength: 'Zelf koken' },
    };
    expect(diffPlans(base, shuffled)).toEqual([]);
  });

  it('names added, changed and removed items per section', () => {
    const next: StoredPlan = {
      ...base,
      answers: { own_strength: 'Zelf koken en wassen', network: 'Zus helpt' },
      actions: [{ ...base.actions[0]!, status: 'done' }],
      agreements: [],
      crisisPlan: { signs: 'x', whatToDo: 'y', whoToCall: 'z', agreedWithInformalCarer: false },
      network: [],
    };
    expect(diffPlans(base, next)).toEqual([
      { section: 'answers', item: 'own_strength', change: 'changed' },
      { section: 'answers', item: 'network', change: 'added' },
      { section: 'actions', item: 'Post openen', change: 'changed' },
      { section: 'agreements', item: 'Bellen bij een brief', change: 'removed' },
      { section: 'network', item: 'Marieke', change: 'removed' },
      { section: 'crisisPlan', item: null, change: 'added' },
    ]);
  });

  it('treats everything as added for the first version', () => {
    expect(diffPlans(null, base).every((c) => c.change === 'added')).toBe(true);
  });
});

describe('onlyProgress', () => {
  const withStatus = (status: 'open' | 'done' | 'dropped'): StoredPlan => ({
    ...base,
    actions: [{ ...base.actions[0]!, status }],
  });

  it('sees ticking off and reopening as progress, which keeps the agreement', () => {
    expect(onlyProgress(base, withStatus('done'))).toBe(true);
    expect(onlyProgress(withStatus('done'), base)).toBe(true);
    expect(onlyProgress(base, { ...base, network: [...base.network] })).toBe(true);
  });

  it('sees a dropped action and any other change as a change of what was agreed', () => {
    expect(onlyProgress(base, withStatus('dropped'))).toBe(false);
    expect(
      onlyProgress(base, {
        ...withStatus('done'),
        actions: [{ ...base.actions[0]!, status: 'done', dueDate: '2030-01-01' }],
      }),
    ).toBe(false);
    expect(onlyProgress(base, { ...base, agreements: ['Bellen bij elke brief'] })).toBe(false);
    expect(onlyProgress(base, { ...base, actions: [] })).toBe(false);
  });
});
