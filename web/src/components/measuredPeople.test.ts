import { describe, expect, it } from 'vitest';
import { measuredPeople } from './measuredPeople';

type Data = Parameters<typeof measuredPeople>[0];
type Item = Data['items'][number];

const item = (id: string, residentId: string | null, residentName: string | null): Item => ({
  id,
  trajectoryId: 't',
  residentId,
  residentName,
  instrument: 'zrm-2017',
  moment: 'start',
  takenAt: '2026-03-01',
  scores: { finances: 1 },
});
const progressOf = (residentId: string | null): Data['progress'][number] => ({
  residentId,
  residentName: null,
  instrument: 'zrm-2017',
  fromInstrument: 'zrm-2017',
  fromMoment: 'start',
  toMoment: 'interim',
  domains: [],
});

describe('measuredPeople', () => {
  it('gives each person their own measurements and progress, in the order first measured', () => {
    const people = measuredPeople({
      items: [
        item('a1', 'mother', 'Jolanda Brouwers'),
        item('h1', null, null),
        item('b1', 'partner', 'Kevin Brouwers'),
        item('a2', 'mother', 'Jolanda Brouwers'),
      ],
      progress: [progressOf('partner'), progressOf('mother'), progressOf(null)],
    });
    expect(people.map((p) => [p.key, p.name, p.items.map((i) => i.id)])).toEqual([
      ['mother', 'Jolanda Brouwers', ['a1', 'a2']],
      ['household', null, ['h1']],
      ['partner', 'Kevin Brouwers', ['b1']],
    ]);
    expect(people.map((p) => p.progress.map((q) => q.residentId))).toEqual([
      ['mother'],
      [null],
      ['partner'],
    ]);
  });

  it('has no one when nothing was measured', () => {
    expect(measuredPeople({ items: [], progress: [] })).toEqual([]);
  });
});
