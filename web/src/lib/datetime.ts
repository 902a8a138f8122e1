// Times as the team reads and types them: the wall clock in Amsterdam, whatever time zone the
// browser is set to (a laptop abroad, a virtual desktop left on UTC). The server keeps instants
// and counts days in Europe/Amsterdam (todayInAmsterdam there too); the screens do the same, so
// that "09:15" in the journal is 09:15 for everyone on the team. The API gets ISO 8601 with the
// offset that held in Amsterdam at that moment, e.g. 2025-03-03T09:15:00+01:00.

const AMSTERDAM = 'Europe/Amsterdam';

const pad = (value: number) => String(value).padStart(2, '0');

const wallClockFormat = new Intl.DateTimeFormat('en-GB', {
  timeZone: AMSTERDAM,
  hourCycle: 'h23',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
});

interface WallClock {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
}

/** The date and time an instant shows on a clock in Amsterdam. */
function wallClockInAmsterdam(date: Date): WallClock {
  const parts = wallClockFormat.formatToParts(date);
  const part = (type: Intl.DateTimeFormatPartTypes) =>
    Number(parts.find((p) => p.type === type)?.value);
  return {
    year: part('year'),
    month: part('month'),
    day: part('day'),
    hour: part('hour'),
    minute: part('minute'),
    second: part('second'),
  };
}

/** Minutes Amsterdam is ahead of UTC at an instant: 60 in winter, 120 in summer. */
function amsterdamOffsetMinutes(epochMs: number): number {
  const whole = Math.floor(epochMs / 1000) * 1000;
  const clock = wallClockInAmsterdam(new Date(whole));
  const asUtc = Date.UTC(
    clock.year,
    clock.month - 1,
    clock.day,
    clock.hour,
    clock.minute,
    clock.second,
  );
  return Math.round((asUtc - whole) / 60_000);
}

/** The value for <input type="datetime-local">: "2025-03-03T09:15", Amsterdam time. */
export function toAmsterdamInput(date: Date = new Date()): string {
  const c = wallClockInAmsterdam(date);
  return `${c.year}-${pad(c.month)}-${pad(c.day)}T${pad(c.hour)}:${pad(c.minute)}`;
}

/**
 * "2025-03-03T09:15" as read on a clock in Amsterdam -> "2025-03-03T09:15:00+01:00"; null when it
 * is no real date and time. In the hour that does not exist (the clock jumps from 02:00 to 03:00
 * in March) and the one that happens twice (October), one of the two offsets around it is taken.
 */
export function amsterdamInputToIso(value: string): string | null {
  const match = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2}))?$/.exec(value);
  if (!match) return null;
  const [, year, month, day, hours, minutes, seconds = '00'] = match;
  const asUtc = Date.UTC(
    Number(year),
    Number(month) - 1,
    Number(day),
    Number(hours),
    Number(minutes),
    Number(seconds),
  );
  const check = new Date(asUtc);
  // Date.UTC rolls 31 April over into 1 May: such a value is no date.
  if (
    Number.isNaN(asUtc) ||
    check.getUTCDate() !== Number(day) ||
    check.getUTCHours() !== Number(hours) ||
    check.getUTCMinutes() !== Number(minutes) ||
    check.getUTCSeconds() !== Number(seconds)
  )
    return null;
  // The offset at the wall time read as UTC is right except within hours of a change; the offset
  // at the instant that first guess gives settles it.
  const guess = amsterdamOffsetMinutes(asUtc);
  const offset = amsterdamOffsetMinutes(asUtc - guess * 60_000);
  const sign = offset >= 0 ? '+' : '-';
  const abs = Math.abs(offset);
  return (
    `${year}-${month}-${day}T${hours}:${minutes}:${seconds}` +
    `${sign}${pad(Math.floor(abs / 60))}:${pad(abs % 60)}`
  );
}
