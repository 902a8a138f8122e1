// Sign-in and sign-out, with the second factor in between when the person has one or their
// role requires one (second-factor.service.ts). Failed attempts are counted per e-mail address and
// per client address (throttle.ts); the answer never tells whether an account exists.
import { randomBytes } from 'node:crypto';
import { inTenant, type Trx } from '../../platform/db.js';
import type { AnonymousContext, ServiceContext } from '../../platform/context.js';
import { AppError, invalidField, notFound } from '../../platform/errors.js';
import { hashPassword, verifyPassword } from '../../platform/passwords.js';
import { hashToken } from '../../platform/access.js';
import { writeAudit, audit } from '../../platform/audit.js';
import { accounts, sessions } from './auth.repository.js';
import { addressLimit, beginAttempt, endAttempt, throttleKey, throttled } from './throttle.js';
import type { z } from 'zod';
import type { SessionResponse } from './auth.schemas.js';
import type { StaffRole } from '../../db/schema.js';
import {
  checkCode,
  confirmEnrolment,
  isEnrolled,
  removeFactor,
  startEnrolment,
  throttledChallengeCheck,
  throttledCodeCheck,
  type Enrolment,
  type FactorSubject,
} from './second-factor.service.js';
import {
  consumeChallenge,
  createChallenge,
  requireChallenge,
  type Challenge,
  type ChallengeStage,
} from './sign-in-challenges.js';
import { loadSignInSettings, secondFactorRequired } from './sign-in-settings.service.js';

type Session = z.infer<typeof SessionResponse>;

/** Opens a staff session in the caller's transaction and audits the sign-in. */
export async function openStaffSession(
  trx: Trx,
  requestId: string,
  municipalityId: string,
  staffId: string,
  via: 'password' | 'oidc' = 'password',
): Promise<{ session: Session; token: string }> {
  const staff = await trx
    .selectFrom('staff')
    .select(['id', 'name', 'role', 'municipality_id'])
    .where('municipality_id', '=', municipalityId)
    .where('id', '=', staffId)
    .executeTakeFirstOrThrow();
  const teams = await trx
    .selectFrom('staff_teams')
    .select('team_id')
    .where('municipality_id', '=', municipalityId)
    .where('staff_id', '=', staffId)
    .orderBy('team_id')
    .execute();
  const token = randomBytes(32).toString('base64url');
  const csrfToken = randomBytes(32).toString('base64url');
  await sessions.create(trx, { municipalityId, staffId, tokenHash: hashToken(token), csrfToken });
  await writeAudit(trx, { municipalityId, staffId, role: staff.role }, requestId, {
    action: via === 'oidc' ? 'auth.oidc_login' : 'auth.login',
    objectType: 'session',
    result: 'success',
  });
  return {
    token,
    session: {
      user: {
        id: staff.id,
        name: staff.name,
        role: staff.role,
        municipalityId: staff.municipality_id,
        teamIds: teams.map((t) => t.team_id),
      },
      csrfToken,
    },
  };
}

export type LogInOutcome =
  | { kind: 'session'; session: Session; token: string }
  | { kind: 'challenge'; stage: ChallengeStage; token: string };

export async function logIn(
  ctx: AnonymousContext,
  input: { email: string; password: string },
): Promise<LogInOutcome> {
  const { config } = ctx;
  const emailKey = throttleKey('email', input.email);
  const attempt = await beginAttempt(ctx.db, config.LOGIN_WINDOW_MINUTES, [
    { keyHash: emailKey, max: config.LOGIN_MAX_FAILURES },
    addressLimit(config, ctx.clientAddress),
  ]);

  let account: Awaited<ReturnType<typeof accounts.findForLogin>>;
  let passwordOk: boolean;
  try {
    account = await accounts.findForLogin(ctx.db, input.email);
    passwordOk = await verifyPassword(account?.password_hash ?? null, input.password);
  } catch (error) {
    // The server failed, not the guess: the attempt is taken back (as `throttled` does).
    await endAttempt(ctx.db, attempt);
    throw error;
  }
  if (!account || !account.active || !passwordOk) {
    // The attempt stays recorded: that is the failure.
    if (account) {
      await inTenant(ctx.db, { municipalityId: account.municipality_id, teamIds: [] }, (trx) =>
        writeAudit(
          trx,
          { municipalityId: account.municipality_id, staffId: account.staff_id, role: 'unknown' },
          ctx.requestId,
          { action: 'auth.login', objectType: 'session', result: 'failure' },
        ),
      );
    }
    throw new AppError('invalid_credentials');
  }

  await endAttempt(ctx.db, attempt, [emailKey]);
  const municipalityId = account.municipality_id;
  return inTenant(ctx.db, { municipalityId, teamIds: [] }, async (trx): Promise<LogInOutcome> => {
    // A second factor is asked when the person has one, and must be set up first when their
    // role requires it: until then there is no session, only the challenge.
    const staff = await trx
      .selectFrom('staff')
      .select('role')
      .where('municipality_id', '=', municipalityId)
      .where('id', '=', account.staff_id)
      .executeTakeFirstOrThrow();
    const subject = { kind: 'staff' as const, municipalityId, id: account.staff_id };
    const enrolled = await isEnrolled(trx, subject);
    const settings = await loadSignInSettings(trx, municipalityId);
    if (enrolled || secondFactorRequired(staff.role, settings)) {
      const stage = enrolled ? 'verify' : 'enrol';
      const token = await createChallenge(trx, {
        municipalityId,
        subjectKind: 'staff',
        subjectId: account.staff_id,
        teamId: null,
        stage,
      });
      return { kind: 'challenge', stage, token };
    }
    return {
      kind: 'session',
      ...(await openStaffSession(trx, ctx.requestId, municipalityId, account.staff_id)),
    };
  });
}

async function auditWrongCode(ctx: AnonymousContext, challenge: Challenge): Promise<void> {
  await inTenant(ctx.db, { municipalityId: challenge.municipalityId, teamIds: [] }, (trx) =>
    writeAudit(
      trx,
      { municipalityId: challenge.municipalityId, staffId: challenge.subjectId, role: 'unknown' },
      ctx.requestId,
      {
        action: challenge.stage === 'enrol' ? 'auth.second_factor_enrol' : 'auth.second_factor',
        objectType: 'session',
        result: 'failure',
      },
    ),
  );
}

const subjectOf = (challenge: Challenge): FactorSubject => ({
  kind: 'staff',
  municipalityId: challenge.municipalityId,
  id: challenge.subjectId,
});

/** The second step of a sign-in: a TOTP code or a recovery code. */
export async function completeWithCode(
  ctx: AnonymousContext,
  challengeToken: string | undefined,
  code: string,
): Promise<{ session: Session; token: string }> {
  const challenge = await requireChallenge(ctx.db, challengeToken, 'staff', 'verify');
  const subject = subjectOf(challenge);
  const scope = { municipalityId: challenge.municipalityId, teamIds: [] };
  const opened = await throttledChallengeCheck(ctx.db, ctx.config, challenge, () =>
    inTenant(ctx.db, scope, async (trx) => {
      const used = await checkCode(trx, ctx.config, subject, code);
      if (!used) return null;
      await consumeChallenge(trx, challenge);
      const result = await openStaffSession(
        trx,
        ctx.requestId,
        challenge.municipalityId,
        challenge.subjectId,
      );
      await writeAudit(
        trx,
        {
          municipalityId: challenge.municipalityId,
          staffId: challenge.subjectId,
          role: result.session.user.role,
        },
        ctx.requestId,
        {
          action: 'auth.second_factor',
          objectType: 'session',
          reason: used === 'recovery' ? 'recovery code' : null,
        },
      );
      return result;
    }),
  );
  if (!opened) {
    await auditWrongCode(ctx, challenge);
    throw new AppError('invalid_code');
  }
  return opened;
}

async function staffEmail(trx: Trx, municipalityId: string, staffId: string): Promise<string> {
  const row = await trx
    .selectFrom('staff')
    .select('email')
    .where('municipality_id', '=', municipalityId)
    .where('id', '=', staffId)
    .executeTakeFirstOrThrow();
  return row.email;
}

/** Enrolment as part of signing in (a role that requires a second factor, none set up yet). */
export async function startChallengeEnrolment(
  ctx: AnonymousContext,
  challengeToken: string | undefined,
): Promise<Enrolment> {
  const challenge = await requireChallenge(ctx.db, challengeToken, 'staff', 'enrol');
  const scope = { municipalityId: challenge.municipalityId, teamIds: [] };
  return inTenant(ctx.db, scope, async (trx) =>
    startEnrolment(
      trx,
      ctx.config,
      subjectOf(challenge),
      await staffEmail(trx, challenge.municipalityId, challenge.subjectId),
    ),
  );
}

export async function confirmChallengeEnrolment(
  ctx: AnonymousContext,
  challengeToken: string | undefined,
  code: string,
): Promise<{ session: Session & { recoveryCodes: string[] }; token: string }> {
  const challenge = await requireChallenge(ctx.db, challengeToken, 'staff', 'enrol');
  const subject = subjectOf(challenge);
  const scope = { municipalityId: challenge.municipalityId, teamIds: [] };
  const opened = await throttledChallengeCheck(ctx.db, ctx.config, challenge, () =>
    inTenant(ctx.db, scope, async (trx) => {
      const recoveryCodes = await confirmEnrolment(trx, ctx.config, subject, code);
      if (!recoveryCodes) return null;
      await consumeChallenge(trx, challenge);
      const result = await openStaffSession(
        trx,
        ctx.requestId,
        challenge.municipalityId,
        challenge.subjectId,
      );
      await writeAudit(
        trx,
        {
          municipalityId: challenge.municipalityId,
          staffId: challenge.subjectId,
          role: result.session.user.role,
        },
        ctx.requestId,
        { action: 'auth.second_factor_enrol', objectType: 'staff', objectId: challenge.subjectId },
      );
      return { token: result.token, session: { ...result.session, recoveryCodes } };
    }),
  );
  if (!opened) {
    await auditWrongCode(ctx, challenge);
    throw new AppError('invalid_code');
  }
  return opened;
}

// ---- the signed-in staff member's own second factor, and the admin's reset -------------------

const ownSubject = (ctx: ServiceContext): FactorSubject => ({
  kind: 'staff',
  municipalityId: ctx.actor.municipalityId,
  id: ctx.actor.staffId,
});

function staffRoleOf(ctx: ServiceContext): StaffRole {
  if (ctx.actor.role === 'resident') throw new AppError('forbidden');
  return ctx.actor.role;
}

export function secondFactorStatus(ctx: ServiceContext) {
  const role = staffRoleOf(ctx);
  return inTenant(ctx.db, ctx.actor, async (trx) => ({
    enrolled: await isEnrolled(trx, ownSubject(ctx)),
    required: secondFactorRequired(role, await loadSignInSettings(trx, ctx.actor.municipalityId)),
  }));
}

export function startOwnEnrolment(ctx: ServiceContext): Promise<Enrolment> {
  staffRoleOf(ctx);
  return inTenant(ctx.db, ctx.actor, async (trx) =>
    startEnrolment(
      trx,
      ctx.config,
      ownSubject(ctx),
      await staffEmail(trx, ctx.actor.municipalityId, ctx.actor.staffId),
    ),
  );
}

export async function confirmOwnEnrolment(ctx: ServiceContext, code: string) {
  staffRoleOf(ctx);
  const subject = ownSubject(ctx);
  const recoveryCodes = await throttledCodeCheck(ctx.db, ctx.config, subject, () =>
    inTenant(ctx.db, ctx.actor, async (trx) => {
      const codes = await confirmEnrolment(trx, ctx.config, subject, code);
      await audit(trx, ctx, {
        action: 'auth.second_factor_enrol',
        objectType: 'staff',
        objectId: ctx.actor.staffId,
        result: codes ? 'success' : 'failure',
      });
      return codes;
    }),
  );
  if (!recoveryCodes) throw new AppError('invalid_code');
  return { recoveryCodes };
}

/** The admin's reset: the factor is removed and the person's sessions end; they enrol anew. */
export function resetStaffSecondFactor(ctx: ServiceContext, staffId: string) {
  return inTenant(ctx.db, ctx.actor, async (trx) => {
    const staff = await trx
      .selectFrom('staff')
      .select('id')
      .where('municipality_id', '=', ctx.actor.municipalityId)
      .where('id', '=', staffId)
      .executeTakeFirst();
    if (!staff) throw notFound();
    await removeFactor(trx, {
      kind: 'staff',
      municipalityId: ctx.actor.municipalityId,
      id: staffId,
    });
    await sessions.revokeAllOf(trx, ctx.actor.municipalityId, staffId);
    await audit(trx, ctx, {
      action: 'auth.second_factor_reset',
      objectType: 'staff',
      objectId: staffId,
    });
  });
}

export function listStaffSecondFactors(ctx: ServiceContext) {
  return inTenant(ctx.db, ctx.actor, async (trx) => {
    const settings = await loadSignInSettings(trx, ctx.actor.municipalityId);
    const rows = await trx
      .selectFrom('staff as s')
      .leftJoin('staff_second_factors as f', (join) =>
        join.onRef('f.municipality_id', '=', 's.municipality_id').onRef('f.staff_id', '=', 's.id'),
      )
      .select(['s.id', 's.name', 's.email', 's.role', 'f.confirmed_at'])
      .where('s.municipality_id', '=', ctx.actor.municipalityId)
      .where('s.active', '=', true)
      .orderBy('s.name')
      .execute();
    await audit(trx, ctx, { action: 'staff.list', objectType: 'staff', reason: 'second factor' });
    return {
      items: rows.map((r) => ({
        id: r.id,
        name: r.name,
        email: r.email,
        role: r.role,
        secondFactor: r.confirmed_at !== null,
        required: secondFactorRequired(r.role, settings),
      })),
      nextCursor: null,
    };
  });
}

export async function logOut(ctx: ServiceContext, token: string): Promise<void> {
  await inTenant(ctx.db, ctx.actor, async (trx) => {
    await sessions.revoke(trx, hashToken(token));
    await audit(trx, ctx, { action: 'auth.logout', objectType: 'session' });
  });
}

export function currentSession(ctx: ServiceContext): Session {
  const { actor } = ctx;
  return {
    user: {
      id: actor.staffId,
      name: actor.name,
      role: actor.role,
      municipalityId: actor.municipalityId,
      teamIds: actor.teamIds,
    },
    csrfToken: actor.csrfToken,
  };
}

/**
 * Changes my own password. The current one is asked first and a wrong one counts as a failed
 * sign-in of my account (so a session left open on a shared computer is no way to guess it); the
 * new one must differ. My other sessions end, on every device; this one stays.
 */
export async function changeOwnPassword(
  ctx: ServiceContext,
  input: { currentPassword: string; newPassword: string },
  currentToken: string,
): Promise<void> {
  staffRoleOf(ctx);
  const { municipalityId, staffId } = ctx.actor;
  const own = { municipalityId, teamIds: [] };
  const email = await inTenant(ctx.db, own, (trx) => staffEmail(trx, municipalityId, staffId));
  const emailKey = throttleKey('email', email);
  const currentOk = await throttled(
    ctx.db,
    ctx.config.LOGIN_WINDOW_MINUTES,
    [{ keyHash: emailKey, max: ctx.config.LOGIN_MAX_FAILURES }],
    [emailKey],
    async () => {
      const account = await accounts.findForLogin(ctx.db, email);
      return account && (await verifyPassword(account.password_hash, input.currentPassword))
        ? true
        : null;
    },
  );
  if (!currentOk) {
    await inTenant(ctx.db, own, (trx) =>
      audit(trx, ctx, {
        action: 'auth.password_change',
        objectType: 'staff',
        objectId: staffId,
        result: 'failure',
      }),
    );
    throw invalidField('currentPassword', 'is not correct', 'klopt niet');
  }
  if (input.newPassword === input.currentPassword) {
    throw invalidField(
      'newPassword',
      'must differ from the current password',
      'moet anders zijn dan het huidige wachtwoord',
    );
  }
  const passwordHash = await hashPassword(input.newPassword);
  await inTenant(ctx.db, own, async (trx) => {
    await trx
      .updateTable('credentials')
      .set({ password_hash: passwordHash, updated_at: new Date() })
      .where('municipality_id', '=', municipalityId)
      .where('staff_id', '=', staffId)
      .execute();
    await sessions.revokeAllOf(trx, municipalityId, staffId, hashToken(currentToken));
    await audit(trx, ctx, {
      action: 'auth.password_change',
      objectType: 'staff',
      objectId: staffId,
    });
  });
}
