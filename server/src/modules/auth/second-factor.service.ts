// The second factor of staff and residents: one TOTP secret per person (encrypted with a key from
// SECRET_KEY, never shown again after enrolment), eight one-time recovery codes (only their
// HMACs are stored), a code accepted once (the step is remembered), and wrong codes throttled
// like wrong passwords (throttle.ts). Staff and residents share this code; each has its own table.
import { createHash, createHmac, randomInt } from 'node:crypto';
import { sql } from 'kysely';
import QRCode from 'qrcode';
import type { Db, Trx } from '../../platform/db.js';
import type { Config } from '../../config.js';
import { AppError } from '../../platform/errors.js';
import { open, seal } from '../../platform/secret-box.js';
import { base32Encode, newTotpSecret, otpauthUri, verifyTotp } from '../../platform/totp.js';
import { throttled } from './throttle.js';
import { discardChallenge, type Challenge } from './sign-in-challenges.js';

export interface FactorSubject {
  kind: 'staff' | 'resident';
  municipalityId: string;
  id: string;
  /** A resident's team (their household's): the resident table is team-scoped. */
  teamId?: string;
}

export interface Enrolment {
  secret: string;
  otpauthUri: string;
  qrSvg: string;
}

const ISSUER = 'Samenkracht';
const RECOVERY_CODES = 8;
// No 0/O, 1/I/L: recovery codes are printed and typed over.
const RECOVERY_ALPHABET = 'abcdefghjkmnpqrstuvwxyz23456789';

const tableOf = (subject: FactorSubject) =>
  subject.kind === 'staff' ? 'staff_second_factors' : 'resident_second_factors';
const idColumnOf = (subject: FactorSubject) =>
  subject.kind === 'staff' ? 'staff_id' : 'resident_id';

interface FactorRow {
  secret_encrypted: string;
  confirmed_at: Date | null;
  last_used_step: number | null;
  recovery_code_hashes: string[];
}

export async function factorOf(trx: Trx, subject: FactorSubject): Promise<FactorRow | null> {
  const { rows } = await sql<FactorRow>`
    select secret_encrypted, confirmed_at, last_used_step, recovery_code_hashes
    from ${sql.table(tableOf(subject))}
    where municipality_id = ${subject.municipalityId} and ${sql.ref(idColumnOf(subject))} = ${subject.id}`.execute(
    trx,
  );
  return rows[0] ?? null;
}

export async function isEnrolled(trx: Trx, subject: FactorSubject): Promise<boolean> {
  return Boolean((await factorOf(trx, subject))?.confirmed_at);
}

/** A new secret, waiting for its first code. Refused when a confirmed one exists. */
export async function startEnrolment(
  trx: Trx,
  config: Config,
  subject: FactorSubject,
  accountName: string,
): Promise<Enrolment> {
  const existing = await factorOf(trx, subject);
  if (existing?.confirmed_at) {
    throw new AppError('conflict', {
      detail: {
        en: 'A second factor is already set up. An administrator can reset it.',
        nl: 'Er is al een tweede factor ingesteld. Een beheerder kan die opnieuw instellen.',
      },
    });
  }
  const secret = newTotpSecret();
  const sealed = seal(config.secretKey, 'totp', secret);
  await sql`delete from ${sql.table(tableOf(subject))}
    where municipality_id = ${subject.municipalityId} and ${sql.ref(idColumnOf(subject))} = ${subject.id}`.execute(
    trx,
  );
  if (subject.kind === 'staff') {
    await trx
      .insertInto('staff_second_factors')
      .values({
        municipality_id: subject.municipalityId,
        staff_id: subject.id,
        secret_encrypted: sealed,
        confirmed_at: null,
        last_used_step: null,
      })
      .execute();
  } else {
    await trx
      .insertInto('resident_second_factors')
      .values({
        municipality_id: subject.municipalityId,
        resident_id: subject.id,
        team_id: subject.teamId ?? '',
        secret_encrypted: sealed,
        confirmed_at: null,
        last_used_step: null,
      })
      .execute();
  }
  const uri = otpauthUri(secret, ISSUER, accountName);
  return {
    secret: base32Encode(secret),
    otpauthUri: uri,
    qrSvg: await QRCode.toString(uri, { type: 'svg', margin: 2, errorCorrectionLevel: 'M' }),
  };
}

function recoveryHash(config: Config, code: string): string {
  const normalised = code.toLowerCase().replace(/[^a-z0-9]/g, '');
  return createHmac('sha256', config.secretKey).update(`recovery:${normalised}`).digest('hex');
}

function newRecoveryCode(): string {
  const chars = Array.from({ length: 10 }, () => RECOVERY_ALPHABET[randomInt(31)]);
  return `${chars.slice(0, 5).join('')}-${chars.slice(5).join('')}`;
}

/** Accepts a TOTP code for one step and moves the replay mark to it; false if another won. */
async function markStepUsed(trx: Trx, subject: FactorSubject, step: number): Promise<boolean> {
  const result = await sql`
    update ${sql.table(tableOf(subject))} set last_used_step = ${step}
    where municipality_id = ${subject.municipalityId} and ${sql.ref(idColumnOf(subject))} = ${subject.id}
      and (last_used_step is null or last_used_step < ${step})`.execute(trx);
  return result.numAffectedRows === 1n;
}

/** The first code confirms the enrolment; returns the recovery codes (shown once), or null. */
export async function confirmEnrolment(
  trx: Trx,
  config: Config,
  subject: FactorSubject,
  code: string,
  nowMs = Date.now(),
): Promise<string[] | null> {
  const row = await factorOf(trx, subject);
  if (!row || row.confirmed_at) return null;
  const secret = open(config.secretKey, 'totp', row.secret_encrypted);
  const step = verifyTotp(secret, code, nowMs, row.last_used_step);
  if (step === null || !(await markStepUsed(trx, subject, step))) return null;
  const codes = Array.from({ length: RECOVERY_CODES }, newRecoveryCode);
  await sql`
    update ${sql.table(tableOf(subject))}
    set confirmed_at = now(), recovery_code_hashes = ${codes.map((c) => recoveryHash(config, c))}
    where municipality_id = ${subject.municipalityId} and ${sql.ref(idColumnOf(subject))} = ${subject.id}`.execute(
    trx,
  );
  return codes;
}

/** A 6-digit TOTP code or a recovery code (which is then used up). */
export async function checkCode(
  trx: Trx,
  config: Config,
  subject: FactorSubject,
  code: string,
  nowMs = Date.now(),
): Promise<'totp' | 'recovery' | null> {
  const row = await factorOf(trx, subject);
  if (!row?.confirmed_at) return null;
  const trimmed = code.trim();
  if (/^\d{6}$/.test(trimmed)) {
    const secret = open(config.secretKey, 'totp', row.secret_encrypted);
    const step = verifyTotp(secret, trimmed, nowMs, row.last_used_step);
    return step !== null && (await markStepUsed(trx, subject, step)) ? 'totp' : null;
  }
  const hash = recoveryHash(config, trimmed);
  const result = await sql`
    update ${sql.table(tableOf(subject))}
    set recovery_code_hashes = array_remove(recovery_code_hashes, ${hash})
    where municipality_id = ${subject.municipalityId} and ${sql.ref(idColumnOf(subject))} = ${subject.id}
      and ${hash} = any(recovery_code_hashes)`.execute(trx);
  return result.numAffectedRows === 1n ? 'recovery' : null;
}

export async function removeFactor(trx: Trx, subject: FactorSubject): Promise<boolean> {
  const result = await sql`delete from ${sql.table(tableOf(subject))}
    where municipality_id = ${subject.municipalityId} and ${sql.ref(idColumnOf(subject))} = ${subject.id}`.execute(
    trx,
  );
  return result.numAffectedRows === 1n;
}

// ---- throttling wrong codes: the same table and limits as wrong passwords -------------------

const attemptKey = (subject: FactorSubject) =>
  createHash('sha256').update(`second-factor:${subject.kind}:${subject.id}`).digest('hex');

/**
 * Checks a code as one throttled attempt (per person, with the limits of wrong passwords): `check`
 * answers null for a wrong code, which stays counted; a right one forgets the wrong ones before
 * it. 429 once the limit is reached, also when parallel requests try many codes at once.
 */
export function throttledCodeCheck<T>(
  db: Db,
  config: Config,
  subject: FactorSubject,
  check: () => Promise<T | null>,
): Promise<T | null> {
  const key = attemptKey(subject);
  return throttled(
    db,
    config.LOGIN_WINDOW_MINUTES,
    [{ keyHash: key, max: config.LOGIN_MAX_FAILURES }],
    [key],
    check,
  );
}

/** The code of a sign-in: at the limit its challenge ends as well, so more guesses need the password. */
export async function throttledChallengeCheck<T>(
  db: Db,
  config: Config,
  challenge: Challenge,
  check: () => Promise<T | null>,
): Promise<T | null> {
  const subject: FactorSubject = {
    kind: challenge.subjectKind,
    municipalityId: challenge.municipalityId,
    id: challenge.subjectId,
  };
  try {
    return await throttledCodeCheck(db, config, subject, check);
  } catch (error) {
    if (error instanceof AppError && error.code === 'rate_limited') {
      await discardChallenge(db, challenge);
    }
    throw error;
  }
}
