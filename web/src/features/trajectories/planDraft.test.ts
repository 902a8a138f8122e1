// The krachtplan draft after a conflict: rows a colleague removed meanwhile.
import { describe, expect, it } from 'vitest';
import type { Plan } from '../../lib/api-types';
import { rebaseDraft, toDraft } from './planDraft';

const ACTION_1 = '00000000-0000-4000-8000-000000000001';
const ACTION_2 = '00000000-0000-4000-8000-000000000002';
const ACTION_3 = '00000000-0000-4000-8000-000000000003';
const MEMBER_1 = '00000000-0000-4000-8000-000000000011';
const MEMBER_2 = '00000000-0000-4000-8000-000000000012';

const action = (id: string, description: string): Plan['actions'][number] => ({
  id,
  description,
  ownerType: 'resident',
  ownerName: 'Els',
  domain: null,
  dueDate: null,
  status: 'open',
});
const member = (id: string, name: string): Plan['network'][number] => ({
  id,
  name,
  relation: 'neighbour',
  closeness: 2,
  roleInPlan: null,
});

function plan(version: number, actions: Plan['actions'], network: Plan['network']): Plan {
  return {
    trajectoryId: '00000000-0000-4000-8000-0000000000aa',
    version,
    answers: {},
    domains: [],
    actions,
    agreements: [],
    crisisPlan: null,
    network,
    savedAt: null,
    savedBy: null,
    agreement: null,
  };
}

// Version 1, as the worker opened it; version 2, where a colleague removed action 2 and 3 and
// network member 2.
const v1 = plan(
  1,
  [
    action(ACTION_1, 'Samen naar de bank'),
    action(ACTION_2, 'Formulieren'),
    action(ACTION_3, 'Post'),
  ],
  [member(MEMBER_1, 'Buurman'), member(MEMBER_2, 'Nicht')],
);
const v2 = plan(2, [action(ACTION_1, 'Samen naar de bank')], [member(MEMBER_1, 'Buurman')]);

describe('rebaseDraft', () => {
  it('keeps a removed row the worker changed as a new row, marked with the newer version', () => {
    const draft = toDraft(v1);
    draft.actions[1] = { ...draft.actions[1]!, description: 'Formulieren met de dochter' };
    draft.network[1] = { ...draft.network[1]!, roleInPlan: 'Helpt met de post' };
    const rebased = rebaseDraft(draft, v1, v2);
    expect(rebased.actions.map((row) => [row.id, row.description, row.removedIn])).toEqual([
      [ACTION_1, 'Samen naar de bank', undefined],
      [undefined, 'Formulieren met de dochter', 2],
    ]);
    expect(rebased.network.map((row) => [row.id, row.name, row.removedIn])).toEqual([
      [MEMBER_1, 'Buurman', undefined],
      [undefined, 'Nicht', 2],
    ]);
  });

  it("leaves a removed row the worker did not change removed: the colleague's removal stands", () => {
    const draft = toDraft(v1);
    draft.actions[0] = { ...draft.actions[0]!, status: 'done' };
    const rebased = rebaseDraft(draft, v1, v2);
    expect(rebased.actions.map((row) => row.id)).toEqual([ACTION_1]);
    expect(rebased.actions[0]?.status).toBe('done');
    expect(rebased.network.map((row) => row.id)).toEqual([MEMBER_1]);
  });

  it('keeps rows the worker added (they have no id yet)', () => {
    const draft = toDraft(v1);
    draft.actions.push({ ...draft.actions[2]!, key: 'new', id: undefined, description: 'Nieuw' });
    const rebased = rebaseDraft(draft, v1, v2);
    expect(rebased.actions.map((row) => row.description)).toEqual(['Samen naar de bank', 'Nieuw']);
    expect(rebased.actions[1]?.removedIn).toBeUndefined();
  });
});
