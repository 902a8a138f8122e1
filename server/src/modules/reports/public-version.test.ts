// The public version of the monitor on figures made up for the purpose: nothing hidden in it can
// be worked back from what it shows (a share times its base, one base minus another).
import { describe, expect, it } from 'vitest';
import type { Figure, Monitor } from './monitor.service.js';
import { publicPeriod, publicVersion, toCsv } from './monitor.export.js';
import { publicShare, roundCount } from './suppression.js';

const figure = (
  key: string,
  value: number | null,
  basedOn: number,
  unit: Exclude<Figure['unit'], 'share'>,
): Figure => ({ key, title: { nl: key, en: key }, value, basedOn, unit });

/** A share as the monitor computes it: exact, in thousandths, with the count behind it. */
const shareFigure = (key: string, part: number, basedOn: number): Figure => ({
  key,
  title: { nl: key, en: key },
  value: basedOn === 0 ? null : Math.round((part / basedOn) * 1000) / 1000,
  basedOn,
  part,
  unit: 'share',
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
      // 3 of 20 new trajectories: 0.15 x 20 would give them back.
      shareFigure('questions_answered_collectively_share', 3, 20),
      // 97 of 100 closed without specialist care: 3 needed it.
      shareFigure('without_specialist_care', 97, 100),
      // 5 of 20 and 15 not: both at least 5, shown.
      shareFigure('zrm_repeated_share', 5, 20),
    ]);
    expect(s.questions_answered_collectively_share).toEqual({ value: '<5', basedOn: 20 });
    expect(s.without_specialist_care).toEqual({ value: '<5', basedOn: 100 });
    expect(s.zrm_repeated_share).toEqual({ value: 0.25, basedOn: 20 });
    // However large the base: 4 of 2,300 is hidden, 0 of 50 and 50 of 50 too.
    expect(publicShare(4, 2300)).toBe('<5');
    expect(publicShare(0, 50)).toBe('<5');
    expect(publicShare(50, 50)).toBe('<5');
  });

  it('gives a share no more exact than the rounded count and base it is published beside', () => {
    // 15 of 22 and 14 of 21 are both published as "15" of "20": the share must not tell them
    // apart (an exact 0.682 or 0.667 would, and the city minus the other buurten would then give
    // a hidden buurt's exact count back).
    const s = shown([shareFigure('a', 15, 22), shareFigure('b', 14, 21)]);
    expect(s.a).toEqual({ value: 0.75, basedOn: 20 });
    expect(s.b).toEqual({ value: 0.75, basedOn: 20 });
    // Every count and base that round alike give one and the same published share.
    const published = new Map<string, Set<unknown>>();
    const figures: Figure[] = [];
    for (let base = 5; base <= 130; base++)
      for (let part = 5; part <= base - 5; part++)
        figures.push(shareFigure(`${part}/${base}`, part, base));
    const shownShares = shown(figures);
    for (const f of figures) {
      const { part, basedOn } = f as Figure & { part: number };
      const rounded = `${roundCount(part)}/${roundCount(basedOn)}`;
      published.set(rounded, (published.get(rounded) ?? new Set()).add(shownShares[f.key]?.value));
    }
    const ambiguous = [...published].filter(([, values]) => values.size > 1);
    expect(ambiguous).toEqual([]);
  });

  it('shows a figure resting on no case at all as "<5", as one resting on 1-4', () => {
    // "No data" for none and "<5" for 1-4 would tell them apart, as a missing row would.
    const s = shown([
      figure('duration_median', null, 0, 'days'),
      figure('duration_median_few', 40, 3, 'days'),
      shareFigure('without_specialist_care', 0, 0),
      figure('caseload_median', null, 0, 'count'),
      // Not applicable for a buurt (no staff to divide by), resting on 20 cases: stays "no data".
      figure('caseload_per_fte', null, 20, 'per_fte'),
    ]);
    expect(s.duration_median).toEqual({ value: '<5', basedOn: '<5' });
    expect(s.duration_median_few).toEqual({ value: '<5', basedOn: '<5' });
    expect(s.without_specialist_care).toEqual({ value: '<5', basedOn: '<5' });
    expect(s.caseload_median).toEqual({ value: '<5', basedOn: '<5' });
    expect(s.caseload_per_fte).toEqual({ value: null, basedOn: 20 });
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
