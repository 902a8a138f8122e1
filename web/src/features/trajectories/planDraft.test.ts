// The krachtplan draft after a conflict: rows a colleague removed meanwhile, and the three-way
// merge of the worker's draft with a colleague's newer version.
import { describe, expect, it } from 'vitest';
import type { Plan } from '../../lib/api-types';
import {
  emptyAction,
  emptyDomain,
  placesToCheck,
  rebaseDraft,
  takeTheirs,
  toBody,
  toDraft,
} from './planDraft';

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

// The three-way merge after a conflict: the worker's draft (mine), the version it started from
// (base) and a colleague's newer version. Whatever only the colleague changed must reach the save;
// whatever both changed keeps the worker's value and carries the colleague's beside it.
const ACTION_4 = '00000000-0000-4000-8000-000000000004';
const MEMBER_3 = '00000000-0000-4000-8000-000000000013';

function planWith(version: number, parts: Partial<Plan>): Plan {
  return { ...plan(version, [], []), ...parts, version };
}

const crisisPlan = (signs: string, whatToDo = 'Bellen', agreed = false): Plan['crisisPlan'] => ({
  signs,
  whatToDo,
  whoToCall: 'Dochter',
  agreedWithInformalCarer: agreed,
});

const domain = (
  name: 'finances' | 'housing' | 'physical_health',
  situation: string,
  goal = '',
) => ({
  domain: name,
  situation,
  strengths: '',
  goal,
});

describe('rebaseDraft: answers and the crisis plan', () => {
  const base = planWith(4, {
    answers: { own_strength: 'Koken', network: 'Buurvrouw', team: 'Post', volunteer: 'Taalmaatje' },
    crisisPlan: crisisPlan('Niet opendoen'),
  });
  const newer = planWith(5, {
    answers: {
      own_strength: 'Koken en boodschappen', // only the colleague
      network: 'Buurvrouw',
      team: 'Post en formulieren', // both, differently
      volunteer: 'Taalmaatje op dinsdag', // both, the same
      specialist: 'Schuldhulp', // added by the colleague
    },
    crisisPlan: crisisPlan('Niet opendoen, niet opnemen', 'Bellen', true),
  });

  it("takes the colleague's answer where the worker left it, keeps the worker's where only they changed it", () => {
    const draft = toDraft(base);
    draft.answers.network = 'Buurvrouw en haar zoon';
    const rebased = rebaseDraft(draft, base, newer);
    expect(rebased.answers.own_strength).toBe('Koken en boodschappen');
    expect(rebased.answers.specialist).toBe('Schuldhulp');
    expect(rebased.answers.network).toBe('Buurvrouw en haar zoon');
    expect(rebased.answerConflicts?.network).toBeUndefined();
  });

  it("keeps the worker's answer where both changed it, with the colleague's beside it", () => {
    const draft = toDraft(base);
    draft.answers.team = 'Post en de bank';
    draft.answers.volunteer = 'Taalmaatje op dinsdag ';
    const rebased = rebaseDraft(draft, base, newer);
    expect(rebased.answers.team).toBe('Post en de bank');
    expect(rebased.answerConflicts).toEqual({
      team: { value: 'Post en formulieren', version: 5 },
    });
  });

  it('merges the crisis plan field by field, the checkbox too', () => {
    const draft = toDraft(base);
    draft.crisis.whoToCall = 'Zoon';
    draft.crisis.signs = 'Niet opendoen, boze brieven';
    const rebased = rebaseDraft(draft, base, newer);
    expect(rebased.crisis).toEqual({
      signs: 'Niet opendoen, boze brieven',
      whatToDo: 'Bellen',
      whoToCall: 'Zoon',
      agreedWithInformalCarer: true,
    });
    expect(rebased.crisisConflicts).toEqual({
      signs: { value: 'Niet opendoen, niet opnemen', version: 5 },
    });
  });

  it('takes a crisis plan a colleague wrote where there was none', () => {
    const without = planWith(1, {});
    const draft = toDraft(without);
    const rebased = rebaseDraft(draft, without, planWith(2, { crisisPlan: crisisPlan('Stil') }));
    expect(toBody(rebased, 2).body.crisisPlan).toEqual(crisisPlan('Stil'));
  });
});

describe('rebaseDraft: life domains, keyed by domain', () => {
  const base = planWith(2, {
    domains: [domain('finances', 'Schulden', 'Rust'), domain('housing', 'Vocht')],
  });

  it("takes a colleague's text in a domain the worker did not touch, keeps the worker's own field", () => {
    const newer = planWith(3, {
      domains: [
        domain('finances', 'Schulden bij drie partijen', 'Rust'),
        domain('housing', 'Vocht'),
      ],
    });
    const draft = toDraft(base);
    draft.domains[0] = { ...draft.domains[0]!, goal: 'Rust en overzicht' };
    const rebased = rebaseDraft(draft, base, newer);
    expect(rebased.domains.map((row) => [row.domain, row.situation, row.goal])).toEqual([
      ['finances', 'Schulden bij drie partijen', 'Rust en overzicht'],
      ['housing', 'Vocht', ''],
    ]);
    expect(rebased.domains[0]?.conflicts).toBeUndefined();
  });

  it('marks a domain field both changed', () => {
    const newer = planWith(3, {
      domains: [domain('finances', 'Schulden, nu bewind', 'Rust'), domain('housing', 'Vocht')],
    });
    const draft = toDraft(base);
    draft.domains[0] = { ...draft.domains[0]!, situation: 'Schulden, aanvraag bewind' };
    const rebased = rebaseDraft(draft, base, newer);
    expect(rebased.domains[0]?.situation).toBe('Schulden, aanvraag bewind');
    expect(rebased.domains[0]?.conflicts).toEqual({
      situation: { value: 'Schulden, nu bewind', version: 3 },
    });
  });

  it('adds the domain a colleague added and removes the one a colleague removed and the worker left', () => {
    const newer = planWith(3, {
      domains: [domain('physical_health', 'Slaapt slecht'), domain('finances', 'Schulden', 'Rust')],
    });
    const rebased = rebaseDraft(toDraft(base), base, newer);
    expect(rebased.domains.map((row) => [row.domain, row.situation, row.addedIn])).toEqual([
      ['physical_health', 'Slaapt slecht', 3],
      ['finances', 'Schulden', undefined],
    ]);
  });

  it('keeps a domain the worker changed and a colleague removed, marked', () => {
    const newer = planWith(3, { domains: [domain('finances', 'Schulden', 'Rust')] });
    const draft = toDraft(base);
    draft.domains[1] = { ...draft.domains[1]!, goal: 'Droog huis' };
    const rebased = rebaseDraft(draft, base, newer);
    expect(rebased.domains.map((row) => [row.domain, row.goal, row.removedIn])).toEqual([
      ['finances', 'Rust', undefined],
      ['housing', 'Droog huis', 3],
    ]);
  });

  it('brings back a domain the worker removed when a colleague changed it, marked', () => {
    const newer = planWith(3, {
      domains: [domain('finances', 'Schulden', 'Rust'), domain('housing', 'Vocht en schimmel')],
    });
    const draft = toDraft(base);
    draft.domains.splice(1, 1);
    const rebased = rebaseDraft(draft, base, newer);
    expect(rebased.domains.map((row) => [row.domain, row.situation, row.restoredIn])).toEqual([
      ['finances', 'Schulden', undefined],
      ['housing', 'Vocht en schimmel', 3],
    ]);
  });

  it('leaves a domain the worker removed removed when the colleague did not change it', () => {
    const newer = planWith(3, { ...base, version: 3, answers: { team: 'Iets anders' } });
    const draft = toDraft(base);
    draft.domains.splice(0, 1);
    const rebased = rebaseDraft(draft, base, newer);
    expect(rebased.domains.map((row) => row.domain)).toEqual(['housing']);
  });

  it('makes one row of a domain both added, the fields both filled differently marked', () => {
    const newer = planWith(3, {
      domains: [...base.domains, domain('physical_health', 'Slaapt slecht', 'Huisarts')],
    });
    const draft = toDraft(base);
    draft.domains.push({
      ...emptyDomain(),
      domain: 'physical_health',
      situation: 'Moe',
      strengths: 'Wandelt',
    });
    const rebased = rebaseDraft(draft, base, newer);
    const health = rebased.domains.filter((row) => row.domain === 'physical_health');
    expect(health.map((row) => [row.situation, row.strengths, row.goal])).toEqual([
      ['Moe', 'Wandelt', 'Huisarts'],
    ]);
    expect(health[0]?.conflicts).toEqual({ situation: { value: 'Slaapt slecht', version: 3 } });
  });
});

describe('rebaseDraft: actions and network members, keyed by id, field by field', () => {
  const base = planWith(6, {
    actions: [action(ACTION_1, 'Samen naar de bank'), action(ACTION_2, 'Formulieren')],
    network: [member(MEMBER_1, 'Buurman'), member(MEMBER_2, 'Nicht')],
  });

  it("takes a colleague's status of an action the worker did not touch, and sends it", () => {
    const newer = planWith(7, {
      ...base,
      actions: [{ ...action(ACTION_1, 'Samen naar de bank'), status: 'done' }, base.actions[1]!],
    });
    const draft = toDraft(base);
    draft.actions[1] = { ...draft.actions[1]!, ownerName: 'Dochter' };
    const rebased = rebaseDraft(draft, base, newer);
    const { body } = toBody(rebased, 7);
    expect(body.actions?.map((a) => [a.id, a.status, a.ownerName])).toEqual([
      [ACTION_1, 'done', 'Els'],
      [ACTION_2, 'open', 'Dochter'],
    ]);
  });

  it("merges one action field by field: my description, the colleague's status", () => {
    const newer = planWith(7, {
      ...base,
      actions: [{ ...action(ACTION_1, 'Samen naar de bank'), status: 'done' }, base.actions[1]!],
    });
    const draft = toDraft(base);
    draft.actions[0] = { ...draft.actions[0]!, description: 'Samen naar de bank, met paspoort' };
    const rebased = rebaseDraft(draft, base, newer);
    expect(rebased.actions[0]).toMatchObject({
      id: ACTION_1,
      description: 'Samen naar de bank, met paspoort',
      status: 'done',
    });
    expect(rebased.actions[0]?.conflicts).toBeUndefined();
  });

  it("marks an action field both changed, keeping the worker's value", () => {
    const newer = planWith(7, {
      ...base,
      actions: [{ ...action(ACTION_1, 'Samen naar de bank'), status: 'dropped' }, base.actions[1]!],
    });
    const draft = toDraft(base);
    draft.actions[0] = { ...draft.actions[0]!, status: 'done' };
    const rebased = rebaseDraft(draft, base, newer);
    expect(rebased.actions[0]?.status).toBe('done');
    expect(rebased.actions[0]?.conflicts).toEqual({ status: { value: 'dropped', version: 7 } });
  });

  it('adds the action and network member a colleague added, with their ids', () => {
    const newer = planWith(7, {
      actions: [base.actions[0]!, action(ACTION_4, 'Huisarts bellen'), base.actions[1]!],
      network: [...base.network, member(MEMBER_3, 'Vrijwilliger')],
    });
    const draft = toDraft(base);
    draft.actions.push({
      ...emptyAction(),
      description: 'Mijn nieuwe',
      ownerType: 'team',
      ownerName: 'Ik',
    });
    const rebased = rebaseDraft(draft, base, newer);
    // What the colleague added is marked, so the editor can say so beside it; the worker's own
    // new row is not.
    expect(rebased.actions.map((row) => [row.id, row.description, row.addedIn])).toEqual([
      [ACTION_1, 'Samen naar de bank', undefined],
      [ACTION_4, 'Huisarts bellen', 7],
      [ACTION_2, 'Formulieren', undefined],
      [undefined, 'Mijn nieuwe', undefined],
    ]);
    expect(rebased.network.map((row) => [row.id, row.name, row.addedIn])).toEqual([
      [MEMBER_1, 'Buurman', undefined],
      [MEMBER_2, 'Nicht', undefined],
      [MEMBER_3, 'Vrijwilliger', 7],
    ]);
  });

  it('brings back an action the worker removed when a colleague changed it, with its id, marked', () => {
    const newer = planWith(7, {
      ...base,
      actions: [base.actions[0]!, { ...action(ACTION_2, 'Formulieren'), status: 'done' }],
    });
    const draft = toDraft(base);
    draft.actions.splice(1, 1);
    const rebased = rebaseDraft(draft, base, newer);
    expect(rebased.actions.map((row) => [row.id, row.status, row.restoredIn])).toEqual([
      [ACTION_1, 'open', undefined],
      [ACTION_2, 'done', 7],
    ]);
  });

  it('leaves an action the worker removed removed when the colleague did not change it', () => {
    const newer = planWith(7, { ...base, answers: { team: 'Nieuw' } });
    const draft = toDraft(base);
    draft.actions.splice(1, 1);
    expect(rebaseDraft(draft, base, newer).actions.map((row) => row.id)).toEqual([ACTION_1]);
  });

  it('merges a network member field by field and marks the field both changed', () => {
    const newer = planWith(7, {
      ...base,
      network: [
        { ...member(MEMBER_1, 'Buurman Piet'), closeness: 1, roleInPlan: 'Boodschappen' },
        base.network[1]!,
      ],
    });
    const draft = toDraft(base);
    draft.network[0] = { ...draft.network[0]!, roleInPlan: 'Post', relation: 'friend' };
    const rebased = rebaseDraft(draft, base, newer);
    expect(rebased.network[0]).toMatchObject({
      id: MEMBER_1,
      name: 'Buurman Piet',
      closeness: '1',
      relation: 'friend',
      roleInPlan: 'Post',
    });
    expect(rebased.network[0]?.conflicts).toEqual({
      roleInPlan: { value: 'Boodschappen', version: 7 },
    });
  });
});

describe('rebaseDraft: agreements, a list of texts', () => {
  const base = planWith(1, {
    agreements: ['Post samen openen', 'Elke week bellen', 'Geen rood staan'],
  });

  it("adds the colleague's texts, drops the ones the colleague removed, keeps the worker's", () => {
    const newer = planWith(2, {
      agreements: ['Post samen openen', 'Geen rood staan', 'Huur eerst betalen'],
    });
    const draft = toDraft(base);
    draft.agreements.push({ key: 'mine', text: 'Dagboek bijhouden' });
    const rebased = rebaseDraft(draft, base, newer);
    expect(rebased.agreements.map((row) => row.text)).toEqual([
      'Post samen openen',
      'Geen rood staan',
      'Huur eerst betalen',
      'Dagboek bijhouden',
    ]);
  });

  it('keeps a text the worker changed when a colleague removed it, and one the worker removed stays gone', () => {
    const newer = planWith(2, { agreements: ['Post samen openen', 'Geen rood staan'] });
    const draft = toDraft(base);
    draft.agreements[1] = { ...draft.agreements[1]!, text: 'Elke twee weken bellen' };
    draft.agreements.splice(2, 1);
    const rebased = rebaseDraft(draft, base, newer);
    expect(rebased.agreements.map((row) => row.text)).toEqual([
      'Post samen openen',
      'Elke twee weken bellen',
    ]);
  });
});

describe('after the merge', () => {
  const base = planWith(3, {
    answers: { team: 'Post' },
    actions: [action(ACTION_1, 'Samen naar de bank')],
    crisisPlan: crisisPlan('Stil'),
  });
  const newer = planWith(4, {
    answers: { team: 'Post en formulieren' },
    actions: [{ ...action(ACTION_1, 'Samen naar de bank'), status: 'dropped' }],
    crisisPlan: crisisPlan('Stil', 'Bellen', true),
  });
  const draft = toDraft(base);
  draft.answers.team = 'Post en de bank';
  draft.actions[0] = { ...draft.actions[0]!, status: 'done' };
  draft.crisis.agreedWithInformalCarer = false;
  const merged = rebaseDraft(draft, base, newer);

  it('lists every place both changed, in screen order', () => {
    expect(placesToCheck(merged)).toEqual(['answers.team', 'actions.0.status']);
    const removed = rebaseDraft(
      (() => {
        const d = toDraft(base);
        d.actions[0] = { ...d.actions[0]!, description: 'Anders' };
        return d;
      })(),
      base,
      planWith(4, { answers: { team: 'Post' } }),
    );
    expect(placesToCheck(removed)).toEqual(['actions.0']);
  });

  it("takes the colleague's value at one place and drops that note only", () => {
    const taken = takeTheirs(merged, { section: 'actions', index: 0, field: 'status' });
    expect(taken.actions[0]?.status).toBe('dropped');
    expect(taken.actions[0]?.conflicts).toBeUndefined();
    expect(taken.answerConflicts?.team).toBeDefined();
    const both = takeTheirs(taken, { section: 'answers', field: 'team' });
    expect(both.answers.team).toBe('Post en formulieren');
    expect(both.answerConflicts).toBeUndefined();
    expect(placesToCheck(both)).toEqual([]);
  });

  it("keeps an earlier note through a second merge while the field is still the worker's own", () => {
    const third = planWith(5, {
      ...newer,
      answers: { team: 'Post en formulieren', own_strength: 'Koken' },
    });
    const again = rebaseDraft(merged, newer, third);
    expect(again.answers.own_strength).toBe('Koken');
    expect(again.answerConflicts).toEqual({ team: { value: 'Post en formulieren', version: 4 } });
  });
});
