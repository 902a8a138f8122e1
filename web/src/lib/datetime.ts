// Times as the browser's datetime-local input shows them, and as the API wants them (ISO 8601
// with the local offset, e.g. 2025-03-03T09:15:00+01:00).

const pad = (value: number) => String(value).padStart(2, '0');

/** The value for <input type="datetime-local">: "2025-03-03T09:15" in local time. */
export function toLocalInput(date: Date = new Date()): string {
  return (
    `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}` +
    `T${pad(date.getHours())}:${pad(date.getMinutes())}`
  );
}

/** "2025-03-03T09:15" (local time) -> "2025-03-03T09:15:00+01:00"; null when it is no time. */
export function localInputToIso(value: string): string | null {
  const match = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2}))?$/.exec(value);
  if (!match) return null;
  const [, year, month, day, hours, minutes, seconds] = match;
  const date = new Date(
    Number(year),
    Number(month) - 1,
    Number(day),
    Number(hours),
    Number(minutes),
    Number(seconds ?? 0),
  );
  if (Number.isNaN(date.getTime())) return null;
  const offset = -date.getTimezoneOffset();
  const sign = offset >= 0 ? '+' : '-';
  const abs = Math.abs(offset);
  return (
    `${year}-${month}-${day}T${hours}:${minutes}:${seconds ?? '00'}` +
    `${sign}${pad(Math.floor(abs / 60))}:${pad(abs % 60)}`
  );
}
