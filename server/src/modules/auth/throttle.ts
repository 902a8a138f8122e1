// Guesses (passwords, second-factor codes) are limited per key (a hash of an e-mail address, a
// client address, a person) within a window, in PostgreSQL so that every app instance sees them.
// An attempt is recorded as a failure *before* it is checked and counted after that, in a
// statement of its own: of two parallel attempts the one that counts last sees the other's row,
// so no burst of parallel guesses gets more than the limit checked. A right answer takes its row
// back; a wrong one leaves it standing as the failure.
//
// Every sign-in (staff and resident) and every portal activation also counts against the client
// address, with one key for all of them: trying many names (password spraying) or many addresses
// with one invitation code from one place is stopped, whichever door it knocks on.
import { createHash } from 'node:crypto';
import type { Config } from '../../config.js';
import type { Db } from '../../platform/db.js';
import { AppError } from '../../platform/errors.js';
import { loginFailures } from './auth.repository.js';

export interface AttemptLimit {
  keyHash: string;
  /** Failures in the window after which the next attempt is refused. */
  max: number;
}

/** A client address may try a few accounts, not a whole list of them. */
export const ADDRESS_FACTOR = 4;

/** The key of one thing guesses are counted against: a hash, so no name or address is stored. */
export function throttleKey(kind: string, value: string): string {
  return createHash('sha256').update(`${kind}:${value.toLowerCase()}`).digest('hex');
}

/** The limit of the client address: shared by staff and resident sign-ins and activations. */
export function addressLimit(
  config: Pick<Config, 'LOGIN_MAX_FAILURES'>,
  clientAddress: string,
): AttemptLimit {
  return {
    keyHash: throttleKey('address', clientAddress),
    max: config.LOGIN_MAX_FAILURES * ADDRESS_FACTOR,
  };
}

export interface Attempt {
  keyHashes: string[];
  rows: string[];
  windowStart: Date;
}

/** Records the attempt and lets it through, or refuses it with 429 (and records nothing). */
export async function beginAttempt(
  db: Db,
  windowMinutes: number,
  limits: AttemptLimit[],
): Promise<Attempt> {
  const keyHashes = limits.map((limit) => limit.keyHash);
  const attempt = {
    keyHashes,
    rows: await loginFailures.record(db, keyHashes),
    windowStart: new Date(Date.now() - windowMinutes * 60_000),
  };
  const counts = await loginFailures.countsSince(db, keyHashes, attempt.windowStart);
  // The count includes this attempt and any still being judged beside it: over the limit means
  // `max` failures, or attempts that may yet be failures, came before it. Two right passwords
  // sent at the same moment after `max - 1` typos can therefore both be refused; a refused
  // attempt takes its row back at once, so the next try is judged again.
  if (limits.some((limit) => (counts.get(limit.keyHash) ?? 0) > limit.max)) {
    await endAttempt(db, attempt);
    throw new AppError('rate_limited');
  }
  return attempt;
}

/**
 * The attempt was no failure (the right answer, or stopped before it was judged): its rows go,
 * and with `forget` every earlier failure of those keys, as after a successful sign-in.
 */
export function endAttempt(db: Db, attempt: Attempt, forget: string[] = []): Promise<void> {
  return loginFailures.remove(db, {
    rows: attempt.rows,
    keyHashes: attempt.keyHashes,
    clearKeys: forget,
    before: attempt.windowStart,
  });
}

/**
 * Runs `judge` as one throttled attempt: it answers null for a wrong guess, which stays recorded;
 * any other answer ends the attempt and forgets the earlier failures of `forget`. An error thrown
 * by `judge` is no wrong guess either.
 */
export async function throttled<T>(
  db: Db,
  windowMinutes: number,
  limits: AttemptLimit[],
  forget: string[],
  judge: () => Promise<T | null>,
): Promise<T | null> {
  const attempt = await beginAttempt(db, windowMinutes, limits);
  let result: T | null;
  try {
    result = await judge();
  } catch (error) {
    await endAttempt(db, attempt);
    throw error;
  }
  if (result !== null) await endAttempt(db, attempt, forget);
  return result;
}
