// The monitor as the public report (small numbers suppressed) and as CSV and spreadsheet files
// with the filters written in them.
import ExcelJS from 'exceljs';
import type { Monitor } from './monitor.service.js';
import { SUPPRESSED, suppress, suppressFigure, THRESHOLD, type Shown } from './suppression.js';

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
      value: Shown | null;
      basedOn: Shown;
      unit: string;
    }[];
  }[];
}

export function asIs(monitor: Monitor): ShownMonitor {
  return { ...monitor, filters: { ...monitor.filters, suppressed: false } };
}

/** The report for partners and residents' panels: no count below 5, none recoverable. */
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
        ...f,
        value:
          f.unit === 'count' && f.value !== null && f.value < THRESHOLD
            ? SUPPRESSED
            : suppressFigure(f.value, f.basedOn),
        basedOn: f.basedOn < THRESHOLD ? SUPPRESSED : f.basedOn,
      })),
    })),
  };
}

function filterLines(monitor: ShownMonitor): [string, string][] {
  const f = monitor.filters;
  return [
    ['Periode / Period', `${f.from} t/m ${f.to}`],
    ['Teams', f.teamNames.join(', ') || '-'],
    ['Buurt / Neighbourhood', f.neighbourhoodCode ?? 'alle / all'],
    [
      'Kleine aantallen / Small counts',
      f.suppressed
        ? 'onder 5 verborgen als "<5" / below 5 shown as "<5"'
        : 'niet verborgen (intern) / not suppressed (internal)',
    ],
  ];
}

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
