// The resident portal: a worker invites a household member with a one-time code (valid seven
// days; only the newest works, and only for a resident without an active account); the resident
// sets a login and password, and then sees their plan, ticks off their own actions, says what
// they want changed, agrees to a version (none of these once the trajectory is closed), sees
// their measurements and who looked at their file. Everything is limited to the resident's own
// household, in the queries (`householdId` of the session) as well as by row-level security (the
// team, and the restrictive resident_household policy of migration 20261123T1600).
import { createHash, randomBytes, randomInt } from 'node:crypto';
import { sql } from 'kysely';
import type { AnonymousContext, ServiceContext } from '../../platform/context.js';
import { inTenant, type Trx } from '../../platform/db.js';
import { AppError, invalidField, notFound } from '../../platform/errors.js';
import { audit, namesResident, writeAudit } from '../../platform/audit.js';
import { newId } from '../../platform/ids.js';
import { todayInAmsterdam } from '../../platform/dates.js';
import { hashPassword, verifyPassword } from '../../platform/passwords.js';
import { hashToken } from '../../platform/access.js';
import { caseScopeOf } from '../organisation/team-scope.js';
import { addressLimit, beginAttempt, endAttempt, throttleKey } from '../auth/throttle.js';
import {
  checkCode,
  confirmEnrolment,
  isEnrolled,
  removeFactor,
  startEnrolment,
  throttledChallengeCheck,
  throttledCodeCheck,
} from '../auth/second-factor.service.js';
import { consumeChallenge, createChallenge, requireChallenge } from '../auth/sign-in-challenges.js';
import { planVersions, currentPlan } from '../plans/plans.repository.js';
import { diffPlans, onlyProgress } from '../plans/plan-diff.js';
import { recordAgreementInTransaction } from '../plans/plans.service.js';
import type { StoredPlan } from '../plans/plans.schemas.js';
import { memberIdsOf, trajectories } from '../trajectories/trajectories.repository.js';
import { loadAssessments } from '../assessments/assessments.service.js';
import { accessLogText, reasonForResident } from './access-log-texts.js';

const INVITATION_DAYS = 7;
// No 0/O, 1/I/L: the code is read aloud and typed over from paper.
const CODE_ALPHABET = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789';

function newCode(): string {
  const chars = Array.from({ length: 12 }, () => CODE_ALPHABET[randomInt(CODE_ALPHABET.length)]);
  return `${chars.slice(0, 4).join('')}-${chars.slice(4, 8).join('')}-${chars.slice(8).join('')}`;
}

const codeHash = (code: string) =>
  createHash('sha256')
    .update(`invite:${code.toUpperCase().replace(/[^A-Z0-9]/g, '')}`)
    .digest('hex');

// ---- the worker's side ----------------------------------------------------------------------

/**
 * A resident in the caller's scope with their household's team and whether the household's
 * person data were erased, or undefined.
 */
function residentWithTeam(trx: Trx, municipalityId: string, residentId: string) {
  return trx
    .selectFrom('residents as r')
    .innerJoin('households as h', (join) =>
      join
        .onRef('h.municipality_id', '=', 'r.municipality_id')
        .onRef('h.id', '=', 'r.household_id'),
    )
    .select(['r.id', 'h.team_id', sql<boolean>`h.erased_at is not null`.as('erased')])
    .where('r.municipality_id', '=', municipalityId)
    .where('r.id', '=', residentId)
    .executeTakeFirst();
}

/**
 * A resident who lost both the phone with their code app and their recovery codes asks their
 * worker (who knows them) to turn the extra code off; they sign in with their password again and
 * may turn it on anew. Only the household's own team can do this; it is audited and shows in the
 * resident's access log. Answers whether a second factor was on.
 */
export function resetResidentSecondFactor(ctx: ServiceContext, residentId: string) {
  const scope = caseScopeOf(ctx.actor);
  return inTenant(ctx.db, scope, async (trx) => {
    const resident = await residentWithTeam(trx, scope.municipalityId, residentId);
    // Break-the-glass access is read-only: resetting is for the household's own team.
    if (!resident || !ctx.actor.teamIds.includes(resident.team_id)) throw notFound();
    const wasOn = await removeFactor(trx, {
      kind: 'resident',
      municipalityId: scope.municipalityId,
      id: residentId,
      teamId: resident.team_id,
    });
    await audit(trx, ctx, {
      action: 'portal.second_factor_reset',
      objectType: 'resident',
      objectId: residentId,
      residentId,
      reason: wasOn ? null : 'was not on',
    });
    return { wasOn };
  });
}

/**
 * A resident who forgot their password (there is no reset yet) asks their worker, who turns the
 * account off: its sessions end and unused codes stop working. A new invitation then opens it
 * again as at a first activation (a new login and password; any extra code is gone). Only the
 * household's own team, audited, in the resident's access log. Answers whether it was active.
 */
export function deactivateResidentAccount(ctx: ServiceContext, residentId: string) {
  const scope = caseScopeOf(ctx.actor);
  return inTenant(ctx.db, scope, async (trx) => {
    const resident = await residentWithTeam(trx, scope.municipalityId, residentId);
    // Break-the-glass access is read-only: this is for the household's own team.
    if (!resident || !ctx.actor.teamIds.includes(resident.team_id)) throw notFound();
    const turnedOff = await trx
      .updateTable('resident_accounts')
      .set({ active: false })
      .where('municipality_id', '=', scope.municipalityId)
      .where('resident_id', '=', residentId)
      .where('active', '=', true)
      .executeTakeFirst();
    const wasActive = turnedOff.numUpdatedRows === 1n;
    await endSessions(trx, scope.municipalityId, residentId);
    await voidUnusedInvitations(trx, scope.municipalityId, residentId);
    await audit(trx, ctx, {
      action: 'portal.deactivate',
      objectType: 'resident',
      objectId: residentId,
      residentId,
      reason: wasActive ? null : 'was not active',
    });
    return { wasActive };
  });
}

/** Ends every session of the resident that is still open. */
function endSessions(trx: Trx, municipalityId: string, residentId: string) {
  return trx
    .updateTable('resident_sessions')
    .set({ revoked_at: new Date() })
    .where('municipality_id', '=', municipalityId)
    .where('resident_id', '=', residentId)
    .where('revoked_at', 'is', null)
    .execute();
}

/**
 * Only the newest code works: an earlier one, lost or never handed over, opens nothing. Also run
 * by an erasure (privacy/retention.service.ts), for every member of the household.
 */
export function voidUnusedInvitations(trx: Trx, municipalityId: string, residentId: string) {
  return trx
    .updateTable('resident_invitations')
    .set({ expires_at: sql<Date>`now()` })
    .where('municipality_id', '=', municipalityId)
    .where('resident_id', '=', residentId)
    .where('used_at', 'is', null)
    .where('expires_at', '>', sql<Date>`now()`)
    .execute();
}

/** The resident's portal account, if there is one (`active` false: turned off). */
function accountOf(trx: Trx, municipalityId: string, residentId: string) {
  return trx
    .selectFrom('resident_accounts')
    .select('active')
    .where('municipality_id', '=', municipalityId)
    .where('resident_id', '=', residentId)
    .executeTakeFirst();
}

/**
 * A code opens a new account; it never replaces one that works (that would take it over, past
 * the resident's extra sign-in code, and lock the resident out). Refused for the worker when
 * inviting and, for a code made before, again at activation.
 */
const ACCOUNT_EXISTS = {
  name: 'residentId',
  reason:
    'already has a portal account; a new code cannot replace it. Password forgotten? Turn the account off first',
  reasonNl:
    'heeft al een portaalaccount; een nieuwe code kan dat niet vervangen. Wachtwoord vergeten? Zet het account dan eerst uit',
};
/** An erased person has no portal: nothing of theirs is left to show, and no one to show it to. */
const RESIDENT_ERASED = {
  name: 'residentId',
  reason: 'was erased: an erased household has no portal',
  reasonNl: 'is gewist: een gewist huishouden heeft geen portaal',
};

/**
 * At activation: is the invitation's resident still in a household that is not erased (and in
 * the invitation's team)? `for share` waits for an erasure of the household that is under way
 * and holds one off until this activation is done, so that the erasure, which turns the account
 * off and voids the codes after it, always comes last (review 2: a code of before the erasure
 * opened the erased person's portal).
 */
async function householdStillLive(
  trx: Trx,
  invitation: { municipality_id: string; resident_id: string },
): Promise<boolean> {
  const found = await trx
    .selectFrom('residents as r')
    .innerJoin('households as h', (join) =>
      join
        .onRef('h.municipality_id', '=', 'r.municipality_id')
        .onRef('h.id', '=', 'r.household_id'),
    )
    .select('h.erased_at')
    .where('r.municipality_id', '=', invitation.municipality_id)
    .where('r.id', '=', invitation.resident_id)
    .forShare('h')
    .executeTakeFirst();
  return found !== undefined && found.erased_at === null;
}

const ACCOUNT_EXISTS_AT_ACTIVATION = {
  name: 'code',
  reason:
    'cannot be used: there already is a portal account. Sign in with your login name and password; if you lost them, contact the neighbourhood team',
  reasonNl:
    'kan niet gebruikt worden: er is al een portaalaccount. Log in met uw inlognaam en wachtwoord; bent u die kwijt, neem dan contact op met het buurtteam',
};

export function inviteResident(ctx: ServiceContext, residentId: string) {
  const scope = caseScopeOf(ctx.actor);
  return inTenant(ctx.db, scope, async (trx) => {
    const resident = await residentWithTeam(trx, scope.municipalityId, residentId);
    if (!resident) throw notFound();
    if (resident.erased) {
      throw new AppError('conflict', {
        detail: {
          en: `This resident ${RESIDENT_ERASED.reason}.`,
          nl: `Deze inwoner ${RESIDENT_ERASED.reasonNl}.`,
        },
        invalidParams: [RESIDENT_ERASED],
      });
    }
    if ((await accountOf(trx, scope.municipalityId, residentId))?.active) {
      throw new AppError('conflict', {
        detail: {
          en: `This resident ${ACCOUNT_EXISTS.reason}.`,
          nl: `Deze inwoner ${ACCOUNT_EXISTS.reasonNl}.`,
        },
        invalidParams: [ACCOUNT_EXISTS],
      });
    }
    await voidUnusedInvitations(trx, scope.municipalityId, residentId);
    const code = newCode();
    const expiresAt = new Date(Date.now() + INVITATION_DAYS * 86_400_000);
    await trx
      .insertInto('resident_invitations')
      .values({
        municipality_id: scope.municipalityId,
        id: newId(),
        team_id: resident.team_id,
        resident_id: residentId,
        code_hash: codeHash(code),
        created_by: ctx.actor.staffId,
        expires_at: expiresAt,
      })
      .execute();
    await audit(trx, ctx, {
      action: 'portal.invite',
      objectType: 'resident',
      objectId: residentId,
      residentId,
    });
    return {
      code,
      url: `/portaal/activeren?code=${encodeURIComponent(code)}`,
      expiresAt: expiresAt.toISOString(),
    };
  });
}

// ---- signing in -----------------------------------------------------------------------------

/** Taken by staff or another resident: a resident whose account was turned off keeps theirs. */
async function loginNameTaken(
  ctx: AnonymousContext,
  loginName: string,
  residentId: string,
): Promise<boolean> {
  const staff = await sql`select 1 from auth_account_for_login(${loginName})`.execute(ctx.db);
  const residents = await sql<{ resident_id: string }>`
    select resident_id from auth_resident_for_login(${loginName})`.execute(ctx.db);
  return staff.rows.length > 0 || residents.rows.some((r) => r.resident_id !== residentId);
}

async function startSession(trx: Trx, municipalityId: string, residentId: string) {
  const token = randomBytes(32).toString('base64url');
  const csrfToken = randomBytes(32).toString('base64url');
  await trx
    .insertInto('resident_sessions')
    .values({
      municipality_id: municipalityId,
      token_hash: hashToken(token),
      resident_id: residentId,
      csrf_token: csrfToken,
    })
    .execute();
  const who = await trx
    .selectFrom('residents')
    .select(['given_name', 'family_name', 'household_id'])
    .where('municipality_id', '=', municipalityId)
    .where('id', '=', residentId)
    .executeTakeFirstOrThrow();
  return {
    token,
    session: {
      user: {
        id: residentId,
        name: `${who.given_name} ${who.family_name}`,
        role: 'resident' as const,
        householdId: who.household_id,
      },
      csrfToken,
    },
  };
}

/**
 * A code may find this many login names taken; then it is spent. Activation must say that a name
 * is in use (the resident picks another), and that answer tells whether someone (staff, another
 * resident) has an account with that name: a code found on the doormat should not ask that of a
 * whole list of e-mail addresses. A resident who really tries this many names in use asks their
 * worker for a new code.
 */
export const MAX_TAKEN_LOGIN_NAMES = 5;

/** Answers that are a failed guess (a wrong code, a taken name): the attempt stays counted. */
const failedGuesses = new WeakSet<AppError>();

function failedGuess(error: AppError): AppError {
  failedGuesses.add(error);
  return error;
}

/**
 * Activation as one throttled attempt, per code and per client address (the address key is the
 * one of every sign-in, auth/throttle.ts): a wrong code and a taken name count as failures, as
 * wrong passwords do; any other answer takes its attempt back.
 */
export async function activateInvitation(
  ctx: AnonymousContext,
  input: { code: string; loginName: string; password: string },
) {
  const attempt = await beginAttempt(ctx.db, ctx.config.LOGIN_WINDOW_MINUTES, [
    {
      keyHash: throttleKey('invitation', codeHash(input.code)),
      max: ctx.config.LOGIN_MAX_FAILURES,
    },
    addressLimit(ctx.config, ctx.clientAddress),
  ]);
  let started: Awaited<ReturnType<typeof redeemInvitation>>;
  try {
    started = await redeemInvitation(ctx, input);
  } catch (error) {
    if (!(error instanceof AppError && failedGuesses.has(error))) await endAttempt(ctx.db, attempt);
    throw error;
  }
  await endAttempt(ctx.db, attempt);
  return started;
}

/**
 * Counts a taken name against the code and answers it: 409 naming loginName, and at the last
 * allowed one also that the code is now spent. A code spent (or used) meanwhile tells nothing of
 * the name: it is an invalid code.
 */
async function refuseTakenLoginName(
  ctx: AnonymousContext,
  invitation: { invitation_id: string; municipality_id: string; team_id: string },
): Promise<AppError> {
  const scope = { municipalityId: invitation.municipality_id, teamIds: [invitation.team_id] };
  const counted = await inTenant(ctx.db, scope, (trx) =>
    trx
      .updateTable('resident_invitations')
      .set({
        taken_login_names: sql<number>`taken_login_names + 1`,
        expires_at: sql<Date>`case when taken_login_names + 1 >= ${MAX_TAKEN_LOGIN_NAMES}
                                   then least(expires_at, now()) else expires_at end`,
      })
      .where('municipality_id', '=', invitation.municipality_id)
      .where('id', '=', invitation.invitation_id)
      .where('used_at', 'is', null)
      .where('expires_at', '>', sql<Date>`now()`)
      .where('taken_login_names', '<', MAX_TAKEN_LOGIN_NAMES)
      .returning('taken_login_names')
      .executeTakeFirst(),
  );
  if (!counted) return invalidCode();
  const taken = { name: 'loginName', reason: 'is already in use', reasonNl: 'is al in gebruik' };
  const spent = {
    name: 'code',
    reason: `no longer works: it was tried with ${MAX_TAKEN_LOGIN_NAMES} login names that are in use. Ask the neighbourhood team for a new code`,
    reasonNl: `werkt niet meer: er zijn ${MAX_TAKEN_LOGIN_NAMES} inlognamen mee geprobeerd die al in gebruik zijn. Vraag het buurtteam om een nieuwe code`,
  };
  return new AppError('conflict', {
    invalidParams: counted.taken_login_names >= MAX_TAKEN_LOGIN_NAMES ? [taken, spent] : [taken],
  });
}

const invalidCode = () =>
  invalidField(
    'code',
    'is not valid, has expired or was already used',
    'is ongeldig, verlopen of al gebruikt',
  );

async function redeemInvitation(
  ctx: AnonymousContext,
  input: { code: string; loginName: string; password: string },
) {
  const { rows } = await sql<{
    invitation_id: string;
    municipality_id: string;
    team_id: string;
    resident_id: string;
    expired: boolean;
    used: boolean;
  }>`
    select * from auth_invitation(${codeHash(input.code)})`.execute(ctx.db);
  const invitation = rows[0];
  if (!invitation || invitation.expired || invitation.used) throw failedGuess(invalidCode());
  if (await loginNameTaken(ctx, input.loginName, invitation.resident_id)) {
    throw failedGuess(await refuseTakenLoginName(ctx, invitation));
  }
  const passwordHash = await hashPassword(input.password);
  return inTenant(
    ctx.db,
    { municipalityId: invitation.municipality_id, teamIds: [invitation.team_id] },
    async (trx) => {
      // An erased household's code opens nothing: the same answer as for a code that is not
      // valid (the code's holder learns nothing about the file). The erasure voided it too.
      if (!(await householdStillLive(trx, invitation))) {
        throw invalidCode();
      }
      // The code works once: only the first redeemer flips used_at.
      const used = await trx
        .updateTable('resident_invitations')
        .set({ used_at: new Date() })
        .where('municipality_id', '=', invitation.municipality_id)
        .where('id', '=', invitation.invitation_id)
        .where('used_at', 'is', null)
        .executeTakeFirst();
      if (used.numUpdatedRows !== 1n)
        throw invalidField('code', 'was already used', 'is al gebruikt');
      const subject = residentSubject(
        invitation.municipality_id,
        invitation.resident_id,
        invitation.team_id,
      );
      const existing = await accountOf(trx, invitation.municipality_id, invitation.resident_id);
      // An account that works is never taken over (nor its extra code skipped): 409, and the
      // throw rolls back the use of the code. Only one turned off (a worker, erasure) opens again.
      const refuseTakeover = () =>
        new AppError('conflict', {
          detail: {
            en: `This code ${ACCOUNT_EXISTS_AT_ACTIVATION.reason}.`,
            nl: `Deze code ${ACCOUNT_EXISTS_AT_ACTIVATION.reasonNl}.`,
          },
          invalidParams: [ACCOUNT_EXISTS_AT_ACTIVATION],
        });
      if (existing?.active) throw refuseTakeover();
      const saved = await trx
        .insertInto('resident_accounts')
        .values({
          municipality_id: invitation.municipality_id,
          resident_id: invitation.resident_id,
          team_id: invitation.team_id,
          login_name: input.loginName,
          password_hash: passwordHash,
        })
        .onConflict((oc) =>
          oc
            .columns(['municipality_id', 'resident_id'])
            .doUpdateSet({
              login_name: input.loginName,
              password_hash: passwordHash,
              active: true,
            })
            // Activated in between by another code: still no takeover.
            .where('resident_accounts.active', '=', false),
        )
        .executeTakeFirst();
      if (saved.numInsertedOrUpdatedRows !== 1n) throw refuseTakeover();
      if (existing) {
        // Opened again as new, as at a first activation: the sessions and the extra code of the
        // account before it was turned off do not come back (the resident may set one up again).
        await endSessions(trx, invitation.municipality_id, invitation.resident_id);
        await removeFactor(trx, subject);
      }
      const started = await startSession(trx, invitation.municipality_id, invitation.resident_id);
      await writeAudit(
        trx,
        {
          municipalityId: invitation.municipality_id,
          staffId: invitation.resident_id,
          role: 'resident',
        },
        ctx.requestId,
        {
          action: 'portal.activate',
          objectType: 'resident',
          objectId: invitation.resident_id,
          residentId: invitation.resident_id,
          reason: existing ? 'again, after the account was turned off' : null,
        },
      );
      return started;
    },
  );
}

/** The resident's account for a login name, and whether the password is theirs. */
async function judgeResidentPassword(
  ctx: AnonymousContext,
  input: { loginName: string; password: string },
) {
  const { rows } = await sql<{
    resident_id: string;
    municipality_id: string;
    team_id: string;
    password_hash: string;
    active: boolean;
  }>`
    select * from auth_resident_for_login(${input.loginName})`.execute(ctx.db);
  const account = rows[0];
  return { account, ok: await verifyPassword(account?.password_hash ?? null, input.password) };
}

/**
 * A wrong password for an existing account, audited as a failed staff sign-in is: the account
 * tried as the actor, role `unknown` (whoever typed it is not known). It names no resident, so it
 * is not in the resident's access log: it is no look at their file, and an attacker's guesses
 * (up to a few hundred a day per name) would push the real reads out of it. The privacy officer
 * finds it in the audit trail by the account.
 */
function auditFailedResidentLogIn(
  ctx: AnonymousContext,
  account: { municipality_id: string; resident_id: string; team_id: string },
) {
  const scope = { municipalityId: account.municipality_id, teamIds: [account.team_id] };
  return inTenant(ctx.db, scope, (trx) =>
    writeAudit(
      trx,
      { municipalityId: account.municipality_id, staffId: account.resident_id, role: 'unknown' },
      ctx.requestId,
      { action: 'auth.login', objectType: 'session', result: 'failure' },
    ),
  );
}

export async function residentLogIn(
  ctx: AnonymousContext,
  input: { loginName: string; password: string },
): Promise<ResidentLogInOutcome> {
  // Per login name, and per client address as for staff (one address, many names: spraying).
  const key = throttleKey('resident', input.loginName);
  const attempt = await beginAttempt(ctx.db, ctx.config.LOGIN_WINDOW_MINUTES, [
    { keyHash: key, max: ctx.config.LOGIN_MAX_FAILURES },
    addressLimit(ctx.config, ctx.clientAddress),
  ]);
  const judged = await judgeResidentPassword(ctx, input).catch(async (error: unknown) => {
    // The server failed, not the guess: the attempt is taken back (as `throttled` does).
    await endAttempt(ctx.db, attempt);
    throw error;
  });
  const { account, ok } = judged;
  if (!account || !account.active || !ok) {
    // A wrong password leaves the attempt recorded: that is the failure.
    if (account) await auditFailedResidentLogIn(ctx, account);
    throw new AppError('invalid_credentials');
  }
  await endAttempt(ctx.db, attempt, [key]);
  const scope = { municipalityId: account.municipality_id, teamIds: [account.team_id] };
  return inTenant(ctx.db, scope, async (trx): Promise<ResidentLogInOutcome> => {
    // The second factor is the resident's own choice: asked only when they set one up.
    const subject = residentSubject(account.municipality_id, account.resident_id, account.team_id);
    if (await isEnrolled(trx, subject)) {
      const token = await createChallenge(trx, {
        municipalityId: account.municipality_id,
        subjectKind: 'resident',
        subjectId: account.resident_id,
        teamId: account.team_id,
        stage: 'verify',
      });
      return { kind: 'challenge', stage: 'verify', token };
    }
    return {
      kind: 'session',
      ...(await openResidentSession(trx, ctx.requestId, subject)),
    };
  });
}

type ResidentSession = Awaited<ReturnType<typeof startSession>>;
export type ResidentLogInOutcome =
  ({ kind: 'session' } & ResidentSession) | { kind: 'challenge'; stage: 'verify'; token: string };

const residentSubject = (municipalityId: string, residentId: string, teamId: string) => ({
  kind: 'resident' as const,
  municipalityId,
  id: residentId,
  teamId,
});

async function openResidentSession(
  trx: Trx,
  requestId: string,
  subject: ReturnType<typeof residentSubject>,
): Promise<ResidentSession> {
  const started = await startSession(trx, subject.municipalityId, subject.id);
  await writeAudit(
    trx,
    { municipalityId: subject.municipalityId, staffId: subject.id, role: 'resident' },
    requestId,
    { action: 'auth.login', objectType: 'session', residentId: subject.id },
  );
  return started;
}

/** The resident's second step: the code from their app, or a recovery code. */
export async function residentLogInCode(
  ctx: AnonymousContext,
  challengeToken: string | undefined,
  code: string,
): Promise<ResidentSession> {
  const challenge = await requireChallenge(ctx.db, challengeToken, 'resident', 'verify');
  const subject = residentSubject(
    challenge.municipalityId,
    challenge.subjectId,
    challenge.teamId ?? '',
  );
  const scope = { municipalityId: subject.municipalityId, teamIds: [subject.teamId] };
  const opened = await throttledChallengeCheck(ctx.db, ctx.config, challenge, () =>
    inTenant(ctx.db, scope, async (trx) => {
      const used = await checkCode(trx, ctx.config, subject, code);
      if (!used) return null;
      await consumeChallenge(trx, challenge);
      return openResidentSession(trx, ctx.requestId, subject);
    }),
  );
  if (!opened) {
    await inTenant(ctx.db, scope, (trx) =>
      writeAudit(
        trx,
        { municipalityId: subject.municipalityId, staffId: subject.id, role: 'resident' },
        ctx.requestId,
        {
          action: 'auth.second_factor',
          objectType: 'session',
          residentId: subject.id,
          result: 'failure',
        },
      ),
    );
    throw new AppError('invalid_code');
  }
  return opened;
}

// ---- the resident's own (optional) second factor -----------------------------------------------

function ownResidentSubject(ctx: ServiceContext) {
  const scope = residentScope(ctx);
  return residentSubject(scope.municipalityId, scope.residentId, ctx.actor.teamIds[0] ?? '');
}

export function residentSecondFactorStatus(ctx: ServiceContext) {
  const subject = ownResidentSubject(ctx);
  return inTenant(ctx.db, ctx.actor, async (trx) => ({
    enrolled: await isEnrolled(trx, subject),
    required: false,
  }));
}

export function startResidentEnrolment(ctx: ServiceContext) {
  const subject = ownResidentSubject(ctx);
  return inTenant(ctx.db, ctx.actor, async (trx) => {
    const account = await trx
      .selectFrom('resident_accounts')
      .select('login_name')
      .where('municipality_id', '=', subject.municipalityId)
      .where('resident_id', '=', subject.id)
      .executeTakeFirstOrThrow();
    return startEnrolment(trx, ctx.config, subject, account.login_name);
  });
}

export async function confirmResidentEnrolment(ctx: ServiceContext, code: string) {
  const subject = ownResidentSubject(ctx);
  const recoveryCodes = await throttledCodeCheck(ctx.db, ctx.config, subject, () =>
    inTenant(ctx.db, ctx.actor, async (trx) => {
      const codes = await confirmEnrolment(trx, ctx.config, subject, code);
      await audit(trx, ctx, {
        action: 'auth.second_factor_enrol',
        objectType: 'resident',
        objectId: subject.id,
        residentId: subject.id,
        result: codes ? 'success' : 'failure',
      });
      return codes;
    }),
  );
  if (!recoveryCodes) throw new AppError('invalid_code');
  return { recoveryCodes };
}

/** Turning it off again is the resident's choice too, but takes a current code. */
export async function removeResidentSecondFactor(ctx: ServiceContext, code: string) {
  const subject = ownResidentSubject(ctx);
  const removed = await throttledCodeCheck(ctx.db, ctx.config, subject, () =>
    inTenant(ctx.db, ctx.actor, async (trx) => {
      if (!(await checkCode(trx, ctx.config, subject, code))) return null;
      await removeFactor(trx, subject);
      await audit(trx, ctx, {
        action: 'auth.second_factor_reset',
        objectType: 'resident',
        objectId: subject.id,
        residentId: subject.id,
      });
      return true;
    }),
  );
  if (!removed) throw new AppError('invalid_code');
}

// ---- the resident's view --------------------------------------------------------------------

function residentScope(ctx: ServiceContext) {
  if (ctx.actor.role !== 'resident' || !ctx.actor.householdId) throw new AppError('forbidden');
  return {
    municipalityId: ctx.actor.municipalityId,
    teamIds: ctx.actor.teamIds,
    householdId: ctx.actor.householdId,
    // Row-level security then limits every statement to this household (resident_household).
    residentHouseholdId: ctx.actor.householdId,
    residentId: ctx.actor.staffId,
  };
}

async function currentTrajectory(trx: Trx, municipalityId: string, householdId: string) {
  return trx
    .selectFrom('trajectories as t')
    .innerJoin('staff as s', (join) =>
      join
        .onRef('s.municipality_id', '=', 't.municipality_id')
        .onRef('s.id', '=', 't.coordinator_id'),
    )
    .select([
      't.id',
      't.team_id',
      't.status',
      't.opened_at',
      't.next_follow_up_on',
      't.plan_version',
      's.name as coordinator_name',
    ])
    .where('t.municipality_id', '=', municipalityId)
    .where('t.household_id', '=', householdId)
    .orderBy(sql`t.status = 'closed'`)
    .orderBy('t.opened_at', 'desc')
    .executeTakeFirst();
}

/**
 * The household's current trajectory (as currentTrajectory chooses it) for a change the resident
 * makes to its plan, its row locked until the transaction ends: a closing, a worker's save or a
 * housemate's tick at the same moment is waited for and then read, so that a tick or agreement
 * neither lands on a trajectory closed meanwhile nor builds on a version that is no longer
 * current. With the ids of the household's members: the plan is the household's, so a change to
 * it is in every member's access log, as a worker's save is (plans.service). One row (`limit`):
 * the household's earlier trajectories are not locked.
 */
function lockCurrentTrajectory(trx: Trx, municipalityId: string, householdId: string) {
  return trx
    .selectFrom('trajectories as t')
    .select(['t.id', 't.team_id', 't.status', 't.plan_version', memberIdsOf('t').as('member_ids')])
    .where('t.municipality_id', '=', municipalityId)
    .where('t.household_id', '=', householdId)
    .orderBy(sql`t.status = 'closed'`)
    .orderBy('t.opened_at', 'desc')
    .limit(1)
    .forNoKeyUpdate()
    .executeTakeFirst();
}

/** The household's members for an audit row, the acting resident first. */
function actingResidentFirst(residentId: string, memberIds: readonly string[]): string[] {
  return [residentId, ...memberIds.filter((id) => id !== residentId)];
}

/**
 * A closed trajectory's plan is read-only in the portal, as for staff (plans.service refuses a
 * save and an agreement): no tick, agreement, wish or comment. During aftercare the plan may
 * still change.
 */
function refuseWhenClosed(trajectory: { status: string }) {
  if (trajectory.status === 'closed') {
    throw new AppError('conflict', {
      detail: {
        en: 'Your trajectory with the neighbourhood team is closed: the plan no longer changes. If you have a question, contact the team.',
        nl: 'Uw traject met het buurtteam is afgesloten: het plan verandert niet meer. Heeft u een vraag, neem dan contact op met het buurtteam.',
      },
    });
  }
}

export function portalOverview(ctx: ServiceContext) {
  const me = residentScope(ctx);
  return inTenant(ctx.db, me, async (trx) => {
    const members = await trx
      .selectFrom('residents')
      .select(['id', 'given_name', 'family_name'])
      .where('municipality_id', '=', me.municipalityId)
      .where('household_id', '=', me.householdId)
      .execute();
    const self = members.find((m) => m.id === me.residentId);
    if (!self) throw notFound();
    const trajectory = await currentTrajectory(trx, me.municipalityId, me.householdId);
    await audit(trx, ctx, {
      action: 'portal.read',
      objectType: 'household',
      objectId: me.householdId,
      residentId: me.residentId,
    });
    return {
      resident: { id: self.id, givenName: self.given_name, familyName: self.family_name },
      household: members.map((m) => ({ givenName: m.given_name, familyName: m.family_name })),
      trajectory: trajectory
        ? {
            id: trajectory.id,
            status: trajectory.status,
            openedAt: new Date(trajectory.opened_at).toISOString(),
            coordinator: { name: trajectory.coordinator_name, phone: null },
            nextFollowUpOn: trajectory.next_follow_up_on,
          }
        : null,
    };
  });
}

type VersionRow = NonNullable<Awaited<ReturnType<typeof planVersions.find>>>;
const toPlan = (trajectoryId: string, row: VersionRow) => ({
  trajectoryId,
  version: row.version,
  ...(row.plan as StoredPlan),
  savedAt: new Date(row.saved_at).toISOString(),
  savedBy: { id: row.saved_by, name: row.saved_by_name },
  agreement: row.agreed_on
    ? {
        agreedOn: row.agreed_on,
        method: row.agreement_method ?? 'portal',
        note: row.agreement_note,
      }
    : null,
});

export function portalPlan(ctx: ServiceContext) {
  const me = residentScope(ctx);
  return inTenant(ctx.db, me, async (trx) => {
    const trajectory = await currentTrajectory(trx, me.municipalityId, me.householdId);
    if (!trajectory || trajectory.plan_version === 0) return { plan: null, versions: [] };
    const row = await planVersions.find(
      trx,
      me.municipalityId,
      trajectory.id,
      trajectory.plan_version,
    );
    const versions = await planVersions.list(trx, me.municipalityId, trajectory.id);
    await audit(trx, ctx, {
      action: 'plan.read',
      objectType: 'plan',
      objectId: trajectory.id,
      residentId: me.residentId,
      reason: 'portal',
    });
    return {
      plan: row ? toPlan(trajectory.id, row) : null,
      versions: versions.map((v) => ({
        version: v.version,
        savedAt: new Date(v.saved_at).toISOString(),
        agreedOn: v.agreed_on,
        agreedVersion: v.agreed_version,
      })),
    };
  });
}

export function portalAgree(ctx: ServiceContext, version: number) {
  const me = residentScope(ctx);
  return inTenant(ctx.db, me, async (trx) => {
    const trajectory = await lockCurrentTrajectory(trx, me.municipalityId, me.householdId);
    if (!trajectory) throw notFound();
    refuseWhenClosed(trajectory);
    const today = todayInAmsterdam();
    // Only the current version, and only once (409 naming `version` otherwise): see plans.service.
    await recordAgreementInTransaction(trx, me.municipalityId, trajectory.id, version, {
      agreedOn: today,
      method: 'portal',
      note: null,
      by: me.residentId,
    });
    // The agreement is to the household's plan: every member's access log shows it.
    await audit(trx, ctx, {
      action: 'plan.agreement',
      objectType: 'plan',
      objectId: trajectory.id,
      residentIds: actingResidentFirst(me.residentId, trajectory.member_ids),
      reason: `version ${version} via portal`,
    });
    return { version, agreedOn: today };
  });
}

export function portalWish(ctx: ServiceContext, text: string) {
  const me = residentScope(ctx);
  return inTenant(ctx.db, me, async (trx) => {
    const trajectory = await currentTrajectory(trx, me.municipalityId, me.householdId);
    if (!trajectory) throw notFound();
    refuseWhenClosed(trajectory);
    const id = newId();
    await trx
      .insertInto('resident_messages')
      .values({
        municipality_id: me.municipalityId,
        id,
        team_id: trajectory.team_id,
        trajectory_id: trajectory.id,
        resident_id: me.residentId,
        kind: 'plan_wish',
        action_id: null,
        text,
      })
      .execute();
    await audit(trx, ctx, {
      action: 'portal.message',
      objectType: 'resident_message',
      objectId: id,
      residentId: me.residentId,
    });
    return { id };
  });
}

/**
 * A resident ticks off (or reopens) their own action, or comments on any action of their plan.
 * Not once the trajectory is closed (409), and no tick or reopening of a dropped action (409
 * naming `status`).
 */
export function portalUpdateAction(
  ctx: ServiceContext,
  actionId: string,
  input: { status?: 'open' | 'done' | undefined; comment?: string | undefined },
) {
  const me = residentScope(ctx);
  return inTenant(ctx.db, me, async (trx) => {
    const trajectory = await lockCurrentTrajectory(trx, me.municipalityId, me.householdId);
    if (!trajectory || trajectory.plan_version === 0) throw notFound();
    refuseWhenClosed(trajectory);
    const row = await planVersions.find(
      trx,
      me.municipalityId,
      trajectory.id,
      trajectory.plan_version,
    );
    const plan = row?.plan as StoredPlan | undefined;
    const action = plan?.actions.find((a) => a.id === actionId);
    if (!plan || !action) throw notFound();
    if (input.status && action.ownerType !== 'resident') {
      throw invalidField(
        'status',
        'you can tick off only your own actions',
        'u kunt alleen uw eigen acties afvinken',
      );
    }
    // Dropped is the worker's decision with the resident: only a new plan brings it back.
    if (input.status && action.status === 'dropped') {
      throw new AppError('conflict', {
        detail: {
          en: 'This action was dropped; it can no longer be ticked off or reopened.',
          nl: 'Deze actie is gestopt; u kunt hem niet meer afvinken of weer openzetten.',
        },
        invalidParams: [
          {
            name: 'status',
            reason: 'the action was dropped; talk to your coordinator to take it up again',
            reasonNl: 'de actie is gestopt; bespreek met uw regisseur als u hem weer wilt oppakken',
          },
        ],
      });
    }
    let version = trajectory.plan_version;
    if (input.status && input.status !== action.status) {
      const next = await trajectories.bumpPlanVersion(
        trx,
        me.municipalityId,
        trajectory.id,
        trajectory.plan_version,
      );
      if (next === null) throw new AppError('version_conflict');
      const changed: StoredPlan = {
        ...plan,
        actions: plan.actions.map((a) =>
          a.id === actionId ? { ...a, status: input.status ?? a.status } : a,
        ),
      };
      await planVersions.insert(trx, {
        municipalityId: me.municipalityId,
        teamId: trajectory.team_id,
        trajectoryId: trajectory.id,
        version: next,
        plan: changed,
        changes: diffPlans(plan, changed),
        savedBy: me.residentId,
        savedByResident: true,
        // Ticking off is progress: the resident's agreement to the plan holds for the new version.
        keepAgreementOf: onlyProgress(plan, changed) ? trajectory.plan_version : null,
      });
      await currentPlan.replace(trx, me.municipalityId, trajectory.team_id, trajectory.id, changed);
      await trx
        .insertInto('resident_messages')
        .values({
          municipality_id: me.municipalityId,
          id: newId(),
          team_id: trajectory.team_id,
          trajectory_id: trajectory.id,
          resident_id: me.residentId,
          kind: input.status === 'done' ? 'action_done' : 'action_reopened',
          action_id: actionId,
          text: action.description,
        })
        .execute();
      version = next;
    }
    if (input.comment) {
      await trx
        .insertInto('resident_messages')
        .values({
          municipality_id: me.municipalityId,
          id: newId(),
          team_id: trajectory.team_id,
          trajectory_id: trajectory.id,
          resident_id: me.residentId,
          kind: 'action_comment',
          action_id: actionId,
          text: input.comment,
        })
        .execute();
    }
    // A new version of the household's plan is in every member's access log, as a worker's save
    // is; a comment alone changes no plan and is the resident's own message to the team.
    const madeVersion = version !== trajectory.plan_version;
    await audit(trx, ctx, {
      action: 'plan.save',
      objectType: 'plan',
      objectId: trajectory.id,
      residentIds: madeVersion
        ? actingResidentFirst(me.residentId, trajectory.member_ids)
        : [me.residentId],
      reason: `portal: action ${input.status ?? 'comment'}`,
    });
    return { actionId, status: input.status ?? action.status, planVersion: version };
  });
}

/**
 * The members whose own measurements a resident sees: themselves, and the household's minors
 * when they are an adult (a parent follows their child's progress). Age by birth date in
 * Amsterdam today; a member without one counts as an adult (nothing is shown on a guess).
 * The right-of-access export follows the same rule for every row about one member
 * (privacy.service.ts, EXPORTED_TABLES `$v`).
 */
export async function measuredVisibleTo(
  trx: Trx,
  me: { municipalityId: string; householdId: string; residentId: string | null },
): Promise<Set<string>> {
  const { rows } = await sql<{ id: string; minor: boolean }>`
    select id::text as id,
           coalesce(birth_date > (${todayInAmsterdam()}::date - interval '18 years'), false) as minor
    from residents
    where municipality_id = ${me.municipalityId} and household_id = ${me.householdId}`.execute(trx);
  const iAmAdult = rows.some((r) => r.id === me.residentId && !r.minor);
  return new Set(
    rows.filter((r) => r.id === me.residentId || (iAmAdult && r.minor)).map((r) => r.id),
  );
}

export function portalMeasurements(ctx: ServiceContext) {
  const me = residentScope(ctx);
  return inTenant(ctx.db, me, async (trx) => {
    const trajectory = await currentTrajectory(trx, me.municipalityId, me.householdId);
    if (!trajectory) return { items: [], progress: [] };
    // "Mijn metingen": the household's own measurements, the resident's, and, for an adult, the
    // children's. Another adult's measurement is about that person (their health, their debts):
    // they see it in their own portal, not their partner's.
    const visible = await measuredVisibleTo(trx, me);
    // The trajectory was just found in the same transaction, so it is in scope.
    const result = (await loadAssessments(trx, me.municipalityId, trajectory.id, (residentId) =>
      residentId === null ? true : visible.has(residentId),
    )) ?? {
      items: [],
      progress: [],
    };
    await audit(trx, ctx, {
      action: 'assessment.list',
      objectType: 'trajectory',
      objectId: trajectory.id,
      // The resident, and the children whose measurements they were shown.
      residentIds: [...visible],
      residentId: me.residentId,
      reason: 'portal',
    });
    return result;
  });
}

/**
 * Who did it, as the access log says it: a staff member's name, or one of these words, which the
 * portal translates (web: features/portal/accessLogWho.ts) as it does the texts of the actions.
 * Another member of the household (a partner who agreed to the plan) is not named: the role
 * beside it says "inwoner"/"resident".
 */
export const ACCESS_LOG_WHO = {
  self: 'U zelf',
  householdMember: 'Een huisgenoot',
  unknown: 'Onbekend',
} as const;

function accessLogWho(
  row: { actor_id: string | null; actor_role: string; actor_name: string | null },
  residentId: string | null,
): string {
  if (row.actor_id === residentId) return ACCESS_LOG_WHO.self;
  if (row.actor_name) return row.actor_name;
  // Only a member of the resident's own household acts on their file as a resident.
  return row.actor_role === 'resident' ? ACCESS_LOG_WHO.householdMember : ACCESS_LOG_WHO.unknown;
}

export function portalAccessLog(
  ctx: ServiceContext,
  query: { from?: string | undefined; to?: string | undefined },
) {
  const me = residentScope(ctx);
  return inTenant(ctx.db, me, async (trx) => {
    const rows = await trx
      .selectFrom('audit_events as a')
      .leftJoin('staff as s', (join) =>
        join.onRef('s.municipality_id', '=', 'a.municipality_id').onRef('s.id', '=', 'a.actor_id'),
      )
      .select([
        'a.at',
        'a.actor_id',
        'a.actor_role',
        'a.action',
        'a.object_type',
        'a.reason',
        'a.result',
        's.name as actor_name',
      ])
      .where('a.municipality_id', '=', me.municipalityId)
      .where(namesResident('a', me.residentId))
      .where(
        sql<boolean>`(a.at at time zone 'Europe/Amsterdam')::date between ${query.from ?? '1900-01-01'}::date and ${query.to ?? '2999-12-31'}::date`,
      )
      .orderBy('a.at', 'desc')
      .limit(500)
      .execute();
    return rows.map((r) => {
      const what = accessLogText(r.action, r.result);
      return {
        at: new Date(r.at).toISOString(),
        who: accessLogWho(r, me.residentId),
        role: r.actor_role,
        action: r.action,
        what: what.nl,
        whatEn: what.en,
        // Only a why that a person wrote for this file (break the glass): see access-log-texts.ts.
        reason: reasonForResident(r.action, r.reason),
      };
    });
  });
}
