// The cursor of a list ordered by a time and then the id (the trajectories, the household search,
// the registrations, a trajectory's journal and its residents' messages). Sealed with the server's key as the outreach list's cursor is (secret-box,
// purpose 'list-cursor'): opaque, so a URL with a cursor shows nothing of the row, and
// tamper-proof, so a cursor the server did not make is a 400 before any SQL runs. The list's name
// is sealed inside, so a cursor of one list (or of the same list in the other order) is refused by
// another instead of being read as a position in it; the signals cursor (four keys, no name) is
// refused here too. It holds no team: the next page runs under the caller's own scope and
// row-level security.
import { invalidField } from './errors.js';
import { open, seal } from './secret-box.js';

/** Where the next page starts after: the last row's time (PostgreSQL's text of it) and id. */
export interface TimeIdKeyset {
  /** PostgreSQL's own text of the timestamptz (`col::text`): microseconds and all, so it compares exactly. */
  at: string;
  id: string;
}

/** The lists that page with this cursor; each name is also the check that a cursor belongs. */
export type TimeIdList =
  | 'trajectories.newest-first'
  | 'contacts.newest-first'
  | 'resident-messages.newest-first'
  | 'households.newest-first'
  | 'registrations.oldest-first'
  | 'registrations.triage-oldest-first'
  | 'registrations.newest-first';

const PG_TIMESTAMPTZ = /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}(\.\d{1,6})?[+-]\d{2}(:\d{2}){0,2}$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

export function sealTimeIdCursor(secretKey: string, list: TimeIdList, keys: TimeIdKeyset): string {
  return seal(secretKey, 'list-cursor', Buffer.from(JSON.stringify([list, keys.at, keys.id])));
}

/**
 * The keyset a cursor holds, or undefined without one. Anything else (not sealed with this key,
 * changed, another list's) is a 400 naming `query.cursor`; the keys are checked as well, since
 * they go into the SQL (as parameters) and must be what the server put there.
 */
export function openTimeIdCursor(
  secretKey: string,
  list: TimeIdList,
  cursor: string | undefined,
): TimeIdKeyset | undefined {
  if (cursor === undefined) return undefined;
  try {
    const keys = JSON.parse(open(secretKey, 'list-cursor', cursor).toString('utf8')) as unknown;
    if (Array.isArray(keys) && keys.length === 3) {
      const [name, at, id] = keys as unknown[];
      if (
        name === list &&
        typeof at === 'string' &&
        PG_TIMESTAMPTZ.test(at) &&
        typeof id === 'string' &&
        UUID.test(id)
      ) {
        return { at, id };
      }
    }
  } catch {
    // fall through to the validation error
  }
  throw invalidField(
    'query.cursor',
    'is not a cursor from a previous page of this list',
    'is geen cursor van een vorige pagina van deze lijst',
  );
}
