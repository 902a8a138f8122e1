// The monitor as the public report (small numbers suppressed, counts rounded, whole periods that
// are over only) and as CSV and spreadsheet files with the filters written in them.
import ExcelJS from 'exceljs';
import type { Figure, Monitor } from './monitor.service.js';
import { invalidField } from '../../platform/errors.js';
import {
  publicBasedOn,
  publicCount,
  publicMoney,
  publicShare,
  SUPPRESSED,
  suppress,
  suppressFigure,
  THRESHOLD,
  type Shown,
} from './suppression.js';

export interface ShownMonitor {
  filters: Monitor['filters'] & { suppressed: boolean };
  sections: {
    key: string;
    title: { nl: string; en: string };
    tables: {
      key: string;
      title: { nl: string; en: string };
      rows: { key: string; label: { nl: string; en: string }; value: Shown }[];
      total: Shown;
    }[];
    figures: {
      key: string;
      title: { nl: string; en: string };
      value: number | typeof SUPPRESSED | null;
      basedOn: number | typeof SUPPRESSED;
      unit: string;
    }[];
  }[];
}

/** The internal monitor: exact counts and shares, as computed. */
export function asIs(monitor: Monitor): ShownMonitor {
  return {
    filters: { ...monitor.filters, suppressed: false },
    sections: monitor.sections.map((section) => ({
      ...section,
      figures: section.figures.map(({ key, title, value, basedOn, unit }) => ({
        key,
        title,
        value,
        basedOn,
        unit,
      })),
    })),
  };
}

/**
 * The report for partners and residents' panels: no count below 5, none recoverable. Counts are
 * "<5", "x" (hidden to protect a "<5") or a multiple of 5; see suppression.ts for each rule.
 */
export function publicVersion(monitor: Monitor): ShownMonitor {
  return {
    filters: { ...monitor.filters, suppressed: true },
    sections: monitor.sections.map((section) => ({
      ...section,
      tables: section.tables.map((t) => {
        const shown = suppress({
          rows: t.rows.map((r) => ({ key: r.key, value: r.value })),
          total: t.total,
        });
        return {
          ...t,
          rows: t.rows.map((r, i) => ({ ...r, value: shown.rows[i]?.value ?? SUPPRESSED })),
          total: shown.total,
        };
      }),
      figures: section.figures.map((f) => ({
        key: f.key,
        title: f.title,
        unit: f.unit,
        value: publicFigureValue(f),
        // Rounded like every count: two figures' bases (all registrations, those with a first
        // contact) then differ by a range, not by the few still waiting.
        basedOn: publicBasedOn(f.basedOn),
      })),
    })),
  };
}

/** A key figure's value in the public version, by its unit. */
function publicFigureValue(f: Figure): number | typeof SUPPRESSED | null {
  // Resting on fewer than 5 cases, none too: "no data" (null) beside a "<5" elsewhere would tell
  // 0 from 1-4, as a missing row would in a table.
  if (f.basedOn < THRESHOLD) return SUPPRESSED;
  switch (f.unit) {
    case 'count':
      // A count of people or cases; a median of counts (caseload) is hidden below 5 coordinators.
      if (f.value === null) return null;
      return publicCount(f.value);
    case 'share':
      // From the count and base as published (rounded), never the exact share: see publicShare.
      return publicShare(f.part, f.basedOn);
    case 'cents':
      // Sums add up over months and quarters: rounded, or a year minus eleven months would give
      // the one month hidden for fewer than 5 uses.
      return publicMoney(f.value, f.basedOn);
    case 'working_days':
    case 'days':
    case 'per_fte':
      // Medians, a percentile and a ratio: they do not add up, so hiding them below 5 is enough.
      return suppressFigure(f.value, f.basedOn);
    default: {
      // A new unit must be given its rule here before the public report can show it.
      const unknown: never = f;
      throw new Error(`No public rule for the unit ${String((unknown as Figure).unit)}`);
    }
  }
}

const lastDayOfMonth = (year: number, month: number) =>
  new Date(Date.UTC(year, month, 0)).toISOString().slice(0, 10);

/**
 * The public report's period: a whole calendar month, quarter or year that is over (its last day
 * before `today`, in Amsterdam). Any other from/to is refused, naming the field: comparing the
 * reports for periods a day apart would give that day's counts, and a period still running would
 * give them day by day. Without from and to: the last month that is over.
 */
export function publicPeriod(
  query: { from?: string | undefined; to?: string | undefined },
  today: string,
): { from: string; to: string } {
  if (query.from === undefined && query.to === undefined) {
    const [year = 0, month = 1] = today.split('-').map(Number);
    const to = lastDayOfMonth(year, month - 1);
    return { from: `${to.slice(0, 7)}-01`, to };
  }
  if (query.from === undefined)
    throw invalidField(
      'from',
      'is required together with to',
      'is verplicht samen met de einddatum',
    );
  if (query.to === undefined)
    throw invalidField(
      'to',
      'is required together with from',
      'is verplicht samen met de begindatum',
    );
  const { from, to } = query;
  const [year = 0, month = 1, day = 1] = from.split('-').map(Number);
  if (day !== 1)
    throw invalidField(
      'from',
      'must be the first day of a calendar month, quarter or year (the public report covers whole periods only)',
      'moet de eerste dag van een kalendermaand, kwartaal of jaar zijn (de publieksrapportage gaat alleen over hele periodes)',
    );
  const whole = [lastDayOfMonth(year, month)];
  if (month % 3 === 1) whole.push(lastDayOfMonth(year, month + 2));
  if (month === 1) whole.push(`${year}-12-31`);
  if (!whole.includes(to))
    throw invalidField(
      'to',
      `must be the last day of the month, quarter or year that begins on from (${whole.join(', ')})`,
      `moet de laatste dag zijn van de maand, het kwartaal of het jaar dat op de begindatum begint (${whole.join(', ')})`,
    );
  if (to >= today)
    throw invalidField(
      'to',
      'lies in a period that is not over yet: the public report covers only periods that have ended',
      'ligt in een periode die nog niet voorbij is: de publieksrapportage gaat alleen over afgelopen periodes',
    );
  return { from, to };
}

function filterLines(monitor: ShownMonitor): [string, string][] {
  const f = monitor.filters;
  return [
    ['Periode / Period', `${f.from} t/m ${f.to}`],
    ['Teams', f.teamNames.join(', ') || '-'],
    ['Buurt / Neighbourhood', f.neighbourhoodCode ?? 'alle / all'],
    ...(f.suppressed ? PUBLIC_LEGEND : INTERNAL_LEGEND),
  ];
}

const INTERNAL_LEGEND: [string, string][] = [
  ['Kleine aantallen / Small counts', 'niet verborgen (intern) / not suppressed (internal)'],
];

/** What the public report's symbols mean, written into its CSV and spreadsheet. */
const PUBLIC_LEGEND: [string, string][] = [
  [
    'Kleine aantallen / Small counts',
    '"<5": minder dan vijf (ook nul), of berust op minder dan vijf personen; niet getoond / fewer than five (zero too), or resting on fewer than five people; not shown',
  ],
  [
    'Beschermd / Protected: "x"',
    'vijf of meer, verborgen zodat een "<5" niet uit het totaal is af te leiden / five or more, hidden so that a "<5" cannot be worked out from the total',
  ],
  [
    'Afronding / Rounding',
    "aantallen op vijftallen (7 wordt 5, 8 wordt 10), bedragen op duizenden euro's; rijen tellen daardoor niet altijd op tot het totaal; een aandeel is berekend uit de afgeronde aantallen / counts to multiples of five (7 gives 5, 8 gives 10), amounts to thousands of euros; rows need not add up to the total; a share is worked out from the rounded counts",
  ],
];

const csvCell = (value: string | number | null | undefined) => {
  const text = value === null || value === undefined ? '' : String(value);
  return /[",\n;]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
};

export function toCsv(monitor: ShownMonitor): string {
  const lines: string[] = [];
  for (const [k, v] of filterLines(monitor)) lines.push(`${csvCell(`# ${k}`)},${csvCell(v)}`);
  lines.push(['onderdeel', 'tabel', 'rij', 'waarde', 'eenheid'].join(','));
  for (const section of monitor.sections) {
    for (const t of section.tables) {
      for (const row of t.rows)
        lines.push(
          [section.title.nl, t.title.nl, row.label.nl, row.value, 'aantal'].map(csvCell).join(','),
        );
      lines.push(
        [section.title.nl, t.title.nl, 'Totaal', t.total, 'aantal'].map(csvCell).join(','),
      );
    }
    for (const f of section.figures)
      lines.push(
        [section.title.nl, 'Kerncijfers', f.title.nl, f.value, f.unit].map(csvCell).join(','),
      );
  }
  // The byte order mark lets Excel read the file as UTF-8 (ë, é).
  return `\uFEFF${lines.join('\r\n')}\r\n`;
}

export async function toXlsx(monitor: ShownMonitor): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'Samenkracht';
  const filters = workbook.addWorksheet('Filters');
  filters.columns = [{ width: 34 }, { width: 60 }];
  for (const line of filterLines(monitor)) filters.addRow(line);
  for (const section of monitor.sections) {
    const sheet = workbook.addWorksheet(section.title.nl);
    sheet.columns = [{ width: 48 }, { width: 14 }, { width: 14 }];
    for (const t of section.tables) {
      sheet.addRow([t.title.nl]).font = { bold: true };
      for (const row of t.rows) sheet.addRow([row.label.nl, row.value]);
      sheet.addRow(['Totaal', t.total]).font = { bold: true };
      sheet.addRow([]);
    }
    if (section.figures.length > 0) {
      sheet.addRow(['Kerncijfers']).font = { bold: true };
      for (const f of section.figures) sheet.addRow([f.title.nl, f.value, f.unit]);
    }
  }
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
