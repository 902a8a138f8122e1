// Whom the scoring form measures and which moment it offers first: per person measured, as the
// server records and checks them (assessments.service, recordAssessment and checkMomentDate). The
// server stays the judge (its 400 names the date); these rules only keep the form from starting
// on a moment that person cannot have yet.
// Types only: MeasurementResults is a screen (it would bring i18n and the DOM into unit tests).
import type { InstrumentKey, Moment } from '../../components/MeasurementResults';

const MOMENTS = [
  'start',
  'three_months',
  'closure',
  'interim',
] as const satisfies readonly Moment[];

/** What the form needs of a measurement already taken. */
export interface TakenMeasurement {
  residentId: string | null;
  instrument: InstrumentKey;
  moment: Moment;
  takenAt: string;
}

/** The ZRM versions count as one series, as the server pairs them (assessments.service, SERIES). */
function sameSeries(a: InstrumentKey, b: InstrumentKey): boolean {
  return a === b || (a.startsWith('zrm-') && b.startsWith('zrm-'));
}

/**
 * The first day a measurement after three months of this person may carry, and why: the
 * trajectory's three-month day (repeat-due.ts, from the server's read), or the person's own start
 * measurement in this series when that is later (a later moment is never dated before that
 * person's start). `residentId` null: the household as a whole.
 */
export function threeMonthsFrom(
  threeMonthDay: string,
  taken: readonly TakenMeasurement[],
  residentId: string | null,
  instrument: InstrumentKey,
): { day: string; because: 'three_months' | 'start' } {
  const start = taken.find(
    (item) =>
      item.residentId === residentId &&
      item.moment === 'start' &&
      sameSeries(item.instrument, instrument),
  );
  return start && start.takenAt > threeMonthDay
    ? { day: start.takenAt, because: 'start' }
    : { day: threeMonthDay, because: 'three_months' };
}

/**
 * The moment the form starts on for this person: the one asked for in the link (from the due list
 * or the close form) until that person has it; else the first they have not had of the start,
 * after three months (once its day has come: never before, since the server refuses it) and at
 * closure (once the trajectory is closing); else in between.
 */
export function defaultMoment({
  taken,
  instrument,
  residentId,
  asked,
  today,
  threeMonthsDay,
  closing,
}: {
  taken: readonly TakenMeasurement[];
  instrument: InstrumentKey;
  residentId: string | null;
  /** The `moment` of the page's link, if any. */
  asked: string | null;
  /** Today in Amsterdam (YYYY-MM-DD). */
  today: string;
  /** This person's first day for the measurement after three months (threeMonthsFrom). */
  threeMonthsDay: string;
  /** The trajectory is in aftercare or closed: its closing measurement is due. */
  closing: boolean;
}): Moment {
  const done = new Set(
    taken
      .filter((item) => item.instrument === instrument && item.residentId === residentId)
      .map((item) => item.moment),
  );
  const open = (moment: Moment) =>
    moment === 'interim' ||
    (!done.has(moment) && (moment !== 'three_months' || today >= threeMonthsDay));
  const link = MOMENTS.find((moment) => moment === asked);
  if (link && open(link)) return link;
  if (open('start')) return 'start';
  if (open('three_months')) return 'three_months';
  if (closing && open('closure')) return 'closure';
  return 'interim';
}

/**
 * Whom the form measures first: the registered resident, as a measurement without a member
 * measures (recordAssessment), if they are still a member; otherwise no one, and the worker
 * chooses (a guess would record one person's scores as another's).
 */
export function defaultMember(
  memberIds: readonly string[],
  registeredResidentId: string | null,
): string | null {
  return registeredResidentId !== null && memberIds.includes(registeredResidentId)
    ? registeredResidentId
    : null;
}
