// Between a correct password and a correct second factor the caller holds a challenge: a random
// token in its own HttpOnly cookie that opens nothing but the code check or the enrolment, for
// ten minutes, once. No session exists yet, so no other route can be reached with it.
import { randomBytes } from 'node:crypto';
import { sql } from 'kysely';
import { inTenant, type Db, type Trx } from '../../platform/db.js';
import { hashToken } from '../../platform/access.js';
import { AppError } from '../../platform/errors.js';

export const CHALLENGE_COOKIE = 'sk_sign_in';
export const CHALLENGE_MINUTES = 10;

export type ChallengeStage = 'verify' | 'enrol';

export interface Challenge {
  tokenHash: string;
  municipalityId: string;
  subjectKind: 'staff' | 'resident';
  subjectId: string;
  /** A resident's team; null for staff. */
  teamId: string | null;
  stage: ChallengeStage;
}

export async function createChallenge(
  trx: Trx,
  challenge: Omit<Challenge, 'tokenHash'>,
): Promise<string> {
  const token = randomBytes(32).toString('base64url');
  await trx
    .insertInto('sign_in_challenges')
    .values({
      municipality_id: challenge.municipalityId,
      token_hash: hashToken(token),
      subject_kind: challenge.subjectKind,
      subject_id: challenge.subjectId,
      team_id: challenge.teamId,
      stage: challenge.stage,
      expires_at: new Date(Date.now() + CHALLENGE_MINUTES * 60_000),
    })
    .execute();
  return token;
}

/** The live challenge of this token, of the expected kind and stage; 401 otherwise. */
export async function requireChallenge(
  db: Db,
  token: string | undefined,
  kind: Challenge['subjectKind'],
  stage: ChallengeStage,
): Promise<Challenge> {
  if (!token) throw new AppError('unauthenticated');
  const tokenHash = hashToken(token);
  const { rows } = await sql<{
    municipality_id: string;
    subject_kind: 'staff' | 'resident';
    subject_id: string;
    team_id: string | null;
    stage: ChallengeStage;
    usable: boolean;
  }>`select * from auth_sign_in_challenge(${tokenHash})`.execute(db);
  const row = rows[0];
  if (!row || !row.usable || row.subject_kind !== kind || row.stage !== stage) {
    throw new AppError('unauthenticated');
  }
  return {
    tokenHash,
    municipalityId: row.municipality_id,
    subjectKind: row.subject_kind,
    subjectId: row.subject_id,
    teamId: row.team_id,
    stage: row.stage,
  };
}

/** Used up in the transaction that opens the session: a challenge opens one session at most. */
export async function consumeChallenge(trx: Trx, challenge: Challenge): Promise<void> {
  const result = await trx
    .updateTable('sign_in_challenges')
    .set({ used_at: new Date() })
    .where('municipality_id', '=', challenge.municipalityId)
    .where('token_hash', '=', challenge.tokenHash)
    .where('used_at', 'is', null)
    .executeTakeFirst();
  if (result.numUpdatedRows !== 1n) throw new AppError('unauthenticated');
}

/** Ended without a session (the limit of wrong codes was reached). */
export async function discardChallenge(db: Db, challenge: Challenge): Promise<void> {
  await inTenant(db, { municipalityId: challenge.municipalityId, teamIds: [] }, (trx) =>
    trx
      .updateTable('sign_in_challenges')
      .set({ used_at: new Date() })
      .where('municipality_id', '=', challenge.municipalityId)
      .where('token_hash', '=', challenge.tokenHash)
      .where('used_at', 'is', null)
      .execute(),
  );
}
