// The public version of the monitor on figures made up for the purpose: nothing hidden in it can
// be worked back from what it shows (a share times its base, one base minus another).
import { describe, expect, it } from 'vitest';
import type { Figure, Monitor } from './monitor.service.js';
import { publicPeriod, publicVersion, toCsv } from './monitor.export.js';
import { countsBehindShare, publicShare } from './suppression.js';

const figure = (key: string, value: number | null, basedOn: number, unit: Figure['unit']) => ({
  key,
  title: { nl: key, en: key },
  value,
  basedOn,
  unit,
});

const monitorWith = (figures: Figure[], tables: Monitor['sections'][number]['tables'] = []) =>
  ({
    filters: {
      from: '2026-03-01',
      to: '2026-03-31',
      teamIds: [],
      teamNames: [],
      neighbourhoodCode: null,
    },
    sections: [{ key: 's', title: { nl: 's', en: 's' }, tables, figures }],
  }) satisfies Monitor;

const shown = (figures: Figure[]) =>
  Object.fromEntries(
    publicVersion(monitorWith(figures)).sections[0]!.figures.map((f) => [
      f.key,
      { value: f.value, basedOn: f.basedOn },
    ]),
  );

describe('the public version of the monitor', () => {
  it('hides a share whose count, or whose complement, is below 5, however large its base', () => {
    const s = shown([
      // 0.15 of 20 is 3 new trajectories: shown, 0.15 x 20 would give them back.
      figure('questions_answered_collectively_share', 0.15, 20, 'share'),
      // 0.97 of 100 closed without specialist care: 3 needed it.
      figure('without_specialist_care', 0.97, 100, 'share'),
      // 5 of 20 and 15 not: both at least 5, shown.
      figure('zrm_repeated_share', 0.25, 20, 'share'),
    ]);
    expect(s.questions_answered_collectively_share).toEqual({ value: '<5', basedOn: 20 });
    expect(s.without_specialist_care).toEqual({ value: '<5', basedOn: 100 });
    expect(s.zrm_repeated_share).toEqual({ value: 0.25, basedOn: 20 });
  });

  it('takes the worst case where a share in thousandths no longer gives one count', () => {
    // 0.002 of 2,300 is anything from 3.45 to 5.75: it could be 4, so it is hidden.
    expect(countsBehindShare(0.002, 2300)).toEqual({ min: 4, max: 5 });
    expect(publicShare(0.002, 2300)).toBe('<5');
    // Below 1,000 the share gives exactly one count: 5 of 600 (0.008) is shown.
    expect(countsBehindShare(0.008, 600)).toEqual({ min: 5, max: 5 });
    expect(publicShare(0.008, 600)).toBe(0.008);
    expect(publicShare(0, 50)).toBe('<5');
    expect(publicShare(1, 50)).toBe('<5');
    expect(publicShare(null, 0)).toBeNull();
  });

  it('rounds every count and base to a multiple of 5, so that two bases differ by a range', () => {
    const s = shown([
      // 97 with a first contact, 100 in all: the 3 still waiting are "<5", and 100 - 97 would
      // have given them back.
      figure('first_contact_median', 2, 97, 'working_days'),
      figure('still_waiting', 3, 100, 'count'),
      figure('opened', 12, 12, 'count'),
      figure('closed', 7, 7, 'count'),
      figure('duration_median', 40, 4, 'days'),
    ]);
    expect(s.first_contact_median).toEqual({ value: 2, basedOn: 95 });
    expect(s.still_waiting).toEqual({ value: '<5', basedOn: 100 });
    // 100 stands for 98-102 and 95 for 93-97: between 1 and 9 still waiting, not 3.
    expect(s.opened).toEqual({ value: 10, basedOn: 10 });
    expect(s.closed).toEqual({ value: 5, basedOn: 5 });
    expect(s.duration_median).toEqual({ value: '<5', basedOn: '<5' });
  });

  it('rounds sums of money to thousands of euros, hidden below 5 uses', () => {
    const s = shown([
      figure('work_budget_spent', 1_234_567, 6, 'cents'),
      figure('work_budget_return', 999_999, 3, 'cents'),
    ]);
    expect(s.work_budget_spent).toEqual({ value: 1_200_000, basedOn: 5 });
    expect(s.work_budget_return).toEqual({ value: '<5', basedOn: '<5' });
  });

  it('marks a cell hidden only to protect another "x", and explains both symbols in its files', () => {
    const m = publicVersion(
      monitorWith(
        [],
        [
          {
            key: 'registrations_by_neighbourhood',
            title: { nl: 'Aanmeldingen per buurt', en: 'Registrations by neighbourhood' },
            rows: [
              { key: 'A', label: { nl: 'A', en: 'A' }, value: 40 },
              { key: 'B', label: { nl: 'B', en: 'B' }, value: 12 },
              { key: 'X', label: { nl: 'X', en: 'X' }, value: 2 },
            ],
            total: 54,
          },
        ],
      ),
    );
    expect(m.sections[0]?.tables[0]?.rows.map((r) => r.value)).toEqual([40, 'x', '<5']);
    expect(m.sections[0]?.tables[0]?.total).toBe(55);
    const csv = toCsv(m);
    expect(csv).toContain('Aanmeldingen per buurt,B,x,aantal');
    expect(csv).toMatch(/Beschermd \/ Protected: ""x"".*vijf of meer/);
    expect(csv).toContain('Afronding / Rounding');
  });
});

describe('the public report period', () => {
  const today = '2026-11-25';
  const refused = (from: string | undefined, to: string | undefined) => {
    try {
      publicPeriod({ from, to }, today);
    } catch (error) {
      return (error as { invalidParams?: { name: string }[] }).invalidParams?.[0]?.name;
    }
    return undefined;
  };

  it('takes a whole month, quarter or year that is over', () => {
    expect(publicPeriod({ from: '2026-02-01', to: '2026-02-28' }, today)).toEqual({
      from: '2026-02-01',
      to: '2026-02-28',
    });
    expect(refused('2026-04-01', '2026-06-30')).toBeUndefined();
    expect(refused('2025-01-01', '2025-12-31')).toBeUndefined();
    expect(refused('2026-10-01', '2026-10-31')).toBeUndefined();
    // Without a period: last month.
    expect(publicPeriod({}, today)).toEqual({ from: '2026-10-01', to: '2026-10-31' });
    expect(publicPeriod({}, '2026-01-05')).toEqual({ from: '2025-12-01', to: '2025-12-31' });
  });

  it('refuses any other period, naming the field', () => {
    expect(refused('2026-03-01', '2026-03-30')).toBe('to');
    expect(refused('2026-03-02', '2026-03-31')).toBe('from');
    expect(refused('2026-02-01', '2026-03-31')).toBe('to');
    // A quarter begins in January, April, July or October; a year in January.
    expect(refused('2026-02-01', '2026-04-30')).toBe('to');
    expect(refused('2026-04-01', '2027-03-31')).toBe('to');
    expect(refused('2026-04-01', '2026-03-31')).toBe('to');
    // Not over yet: the month, quarter and year that hold today.
    expect(refused('2026-11-01', '2026-11-30')).toBe('to');
    expect(refused('2026-10-01', '2026-12-31')).toBe('to');
    expect(refused('2026-01-01', '2026-12-31')).toBe('to');
    expect(refused('2026-03-01', undefined)).toBe('to');
    expect(refused(undefined, '2026-03-31')).toBe('from');
  });
});
