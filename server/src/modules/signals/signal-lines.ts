// Reads a partner's signal list: every line checked on its own, so that one bad line is reported
// with its number and reason while the good lines still count.
import { parseCsv } from '../../platform/csv.js';
import { normalisePostcode } from '../households/identifiers.js';
import type { SignalKind } from '../../db/schema.js';
import { SIGNAL_CSV_COLUMNS, SignalKind as SignalKindSchema } from './signals.schemas.js';

export interface SignalLine {
  line: number;
  kind: SignalKind;
  reference: string;
  receivedAt: Date;
  postcode: string;
  houseNumber: number;
  houseLetter: string | null;
  houseNumberAddition: string | null;
  familyName: string | null;
  amountCents: number | null;
  note: string | null;
}

export interface RejectedLine {
  line: number;
  reason: string;
  reasonNl: string;
}

export class CsvHeaderError extends Error {
  constructor(readonly missing: string[]) {
    super(`missing columns: ${missing.join(', ')}`);
  }
}

function reject(line: number, column: string, en: string, nl: string): RejectedLine {
  return { line, reason: `${column}: ${en}`, reasonNl: `${column}: ${nl}` };
}

function readLine(line: number, value: (column: string) => string): SignalLine | RejectedLine {
  const kind = SignalKindSchema.safeParse(value('kind'));
  if (!kind.success) {
    return reject(
      line,
      'kind',
      `must be one of ${SignalKindSchema.options.join(', ')}`,
      `moet een van ${SignalKindSchema.options.join(', ')} zijn`,
    );
  }
  const reference = value('reference');
  if (!reference || reference.length > 100) {
    return reject(
      line,
      'reference',
      'is required (at most 100 characters)',
      'is verplicht (hoogstens 100 tekens)',
    );
  }
  const receivedAtText = value('receivedAt');
  const receivedAt = /^\d{4}-\d{2}-\d{2}(T[\d:.]+(Z|[+-]\d{2}:?\d{2}))?$/.test(receivedAtText)
    ? new Date(receivedAtText.length === 10 ? `${receivedAtText}T12:00:00+01:00` : receivedAtText)
    : null;
  if (!receivedAt || Number.isNaN(receivedAt.getTime())) {
    return reject(
      line,
      'receivedAt',
      'must be a date (YYYY-MM-DD) or an ISO 8601 instant',
      'moet een datum (JJJJ-MM-DD) of ISO 8601-tijdstip zijn',
    );
  }
  const postcode = normalisePostcode(value('postcode'));
  if (!postcode)
    return reject(line, 'postcode', 'is not a Dutch postcode', 'is geen Nederlandse postcode');
  const houseNumberText = value('houseNumber');
  const houseNumber = /^\d{1,5}$/.test(houseNumberText) ? Number(houseNumberText) : 0;
  if (houseNumber < 1)
    return reject(
      line,
      'houseNumber',
      'must be a whole number from 1',
      'moet een geheel getal vanaf 1 zijn',
    );
  const houseLetter = value('houseLetter') || null;
  if (houseLetter && !/^[A-Za-z]$/.test(houseLetter)) {
    return reject(line, 'houseLetter', 'must be one letter', 'moet één letter zijn');
  }
  const addition = value('houseNumberAddition') || null;
  if (addition && addition.length > 4) {
    return reject(line, 'houseNumberAddition', 'is at most 4 characters', 'is hoogstens 4 tekens');
  }
  const familyName = value('familyName') || null;
  if (familyName && familyName.length > 100) {
    return reject(line, 'familyName', 'is at most 100 characters', 'is hoogstens 100 tekens');
  }
  const amountText = value('amountCents');
  if (amountText && !/^\d{1,12}$/.test(amountText)) {
    return reject(
      line,
      'amountCents',
      'must be whole euro cents (no decimals)',
      'moet in hele eurocenten (geen decimalen)',
    );
  }
  const note = value('note') || null;
  if (note && note.length > 1000)
    return reject(line, 'note', 'is at most 1000 characters', 'is hoogstens 1000 tekens');
  return {
    line,
    kind: kind.data,
    reference,
    receivedAt,
    postcode,
    houseNumber,
    houseLetter: houseLetter?.toUpperCase() ?? null,
    houseNumberAddition: addition,
    familyName,
    amountCents: amountText ? Number(amountText) : null,
    note,
  };
}

export function readSignalCsv(text: string): {
  lines: SignalLine[];
  rejected: RejectedLine[];
  total: number;
} {
  const [header, ...rows] = parseCsv(text.replace(/^\uFEFF/, ''));
  const columns = (header ?? []).map((c) => c.trim());
  const missing = SIGNAL_CSV_COLUMNS.filter((c) => !columns.includes(c));
  if (missing.length > 0) throw new CsvHeaderError(missing);
  const index = new Map(columns.map((c, i) => [c, i]));
  const lines: SignalLine[] = [];
  const rejected: RejectedLine[] = [];
  rows.forEach((row, i) => {
    const lineNumber = i + 2; // line 1 is the header
    if (row.length !== columns.length) {
      rejected.push(
        reject(
          lineNumber,
          'line',
          `has ${row.length} fields, expected ${columns.length}`,
          `heeft ${row.length} velden, verwacht ${columns.length}`,
        ),
      );
      return;
    }
    const result = readLine(lineNumber, (column) => (row[index.get(column) ?? -1] ?? '').trim());
    if ('reason' in result) rejected.push(result);
    else lines.push(result);
  });
  return { lines, rejected, total: rows.length };
}
