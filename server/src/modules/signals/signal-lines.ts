// Reads a partner's signal list: every line checked on its own, so that one bad line is reported
// with its number and reason while the good lines still count.
import { parseCsv } from '../../platform/csv.js';
import { addDays, amsterdamDate } from '../../platform/dates.js';
import { NUL_REASON } from '../../platform/nul-characters.js';
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

/**
 * When the signal was received: a real calendar day (2026-02-30 is refused, not read as 2 March)
 * and not more than a day ahead (a date: up to tomorrow in Amsterdam; an instant: up to 24 hours
 * from now), so a typo in the year cannot put a signal at the top of the list for months.
 */
function readReceivedAt(
  line: number,
  text: string,
  now: Date,
): { receivedAt: Date } | { rejected: RejectedLine } {
  const wrong = () => ({
    rejected: reject(
      line,
      'receivedAt',
      'must be a date (YYYY-MM-DD) or an ISO 8601 instant',
      'moet een datum (JJJJ-MM-DD) of ISO 8601-tijdstip zijn',
    ),
  });
  if (!/^\d{4}-\d{2}-\d{2}(T[\d:.]+(Z|[+-]\d{2}:?\d{2}))?$/.test(text)) return wrong();
  const day = text.slice(0, 10);
  if (!isCalendarDay(day)) {
    return {
      rejected: reject(
        line,
        'receivedAt',
        `is not a real date: ${day} does not exist`,
        `is geen bestaande datum: ${day} bestaat niet`,
      ),
    };
  }
  const isDay = text.length === 10;
  const receivedAt = new Date(isDay ? `${text}T12:00:00+01:00` : text);
  if (Number.isNaN(receivedAt.getTime())) return wrong();
  const tooLate = isDay
    ? day > addDays(amsterdamDate(now), 1)
    : receivedAt.getTime() > now.getTime() + 86_400_000;
  if (tooLate) {
    return {
      rejected: reject(
        line,
        'receivedAt',
        'lies more than a day in the future',
        'ligt meer dan een dag in de toekomst',
      ),
    };
  }
  return { receivedAt };
}

/** YYYY-MM-DD names a day that exists: read as a date, it comes back unchanged. */
function isCalendarDay(day: string): boolean {
  const date = new Date(`${day}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === day;
}

function readLine(
  line: number,
  value: (column: string) => string,
  now: Date,
): SignalLine | RejectedLine {
  // PostgreSQL cannot store a NUL: the line is refused, not the whole list (as a 500 did).
  const withNul = SIGNAL_CSV_COLUMNS.find((column) => value(column).includes('\u0000'));
  if (withNul) return reject(line, withNul, NUL_REASON.reason, NUL_REASON.reasonNl);
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
  const received = readReceivedAt(line, value('receivedAt'), now);
  if ('rejected' in received) return received.rejected;
  const { receivedAt } = received;
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

export function readSignalCsv(
  text: string,
  now = new Date(),
): {
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
    const result = readLine(
      lineNumber,
      (column) => (row[index.get(column) ?? -1] ?? '').trim(),
      now,
    );
    if ('reason' in result) rejected.push(result);
    else lines.push(result);
  });
  return { lines, rejected, total: rows.length };
}
