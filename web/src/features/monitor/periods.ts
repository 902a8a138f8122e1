// The periods the public report is given for: whole calendar months, quarters and years that are
// over. The server refuses any other (docs/privacy.md, "The public report"), so the screen offers
// only these.

export type PeriodKind = 'month' | 'quarter' | 'year';

export interface WholePeriod {
  kind: PeriodKind;
  year: number;
  /** the month (1-12) or the quarter (1-4); 1 for a year */
  index: number;
  from: string;
  to: string;
}

/** How many of each kind the screen offers, newest first. */
const OFFERED: Record<PeriodKind, number> = { month: 24, quarter: 12, year: 6 };
const MONTHS: Record<PeriodKind, number> = { month: 1, quarter: 3, year: 12 };

const iso = (date: Date) => date.toISOString().slice(0, 10);

function periodAt(kind: PeriodKind, year: number, index: number): WholePeriod {
  const firstMonth = kind === 'month' ? index : kind === 'quarter' ? (index - 1) * 3 + 1 : 1;
  return {
    kind,
    year,
    index,
    from: iso(new Date(Date.UTC(year, firstMonth - 1, 1))),
    to: iso(new Date(Date.UTC(year, firstMonth - 1 + MONTHS[kind], 0))),
  };
}

/** The periods of one kind that are over on `today` (YYYY-MM-DD), newest first. */
export function endedPeriods(
  kind: PeriodKind,
  today: string,
  count = OFFERED[kind],
): WholePeriod[] {
  const [year = 0, month = 1] = today.split('-').map(Number);
  const perYear = 12 / MONTHS[kind];
  // The period that holds today, counted from year 0; the one before it is the newest over.
  let position = year * perYear + Math.floor((month - 1) / MONTHS[kind]) - 1;
  const periods: WholePeriod[] = [];
  for (let i = 0; i < count; i += 1, position -= 1)
    periods.push(periodAt(kind, Math.floor(position / perYear), (position % perYear) + 1));
  return periods;
}

/** The last month that is over: the public report's default. */
export function lastEndedMonth(today: string): WholePeriod {
  const [last] = endedPeriods('month', today, 1);
  if (!last) throw new Error('unreachable');
  return last;
}

/** The whole period from..to is, if it is one (the month first: January is also a quarter's start). */
export function wholePeriodOf(from: string, to: string): WholePeriod | null {
  const [year = 0, month = 1, day = 1] = from.split('-').map(Number);
  if (day !== 1) return null;
  const candidates = [
    periodAt('month', year, month),
    ...(month % 3 === 1 ? [periodAt('quarter', year, (month - 1) / 3 + 1)] : []),
    ...(month === 1 ? [periodAt('year', year, 1)] : []),
  ];
  return candidates.find((period) => period.to === to) ?? null;
}
