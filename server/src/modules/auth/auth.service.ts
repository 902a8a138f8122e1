// Sign-in and sign-out. Failed attempts are counted per e-mail address and per client address
// in PostgreSQL (so every app instance sees them); the answer never tells whether an account
// exists.
import { createHash, randomBytes } from 'node:crypto';
import { inTenant } from '../../platform/db.js';
import type { AnonymousContext, ServiceContext } from '../../platform/context.js';
import { AppError } from '../../platform/errors.js';
import { verifyPassword } from '../../platform/passwords.js';
import { hashToken } from '../../platform/access.js';
import { writeAudit, audit } from '../../platform/audit.js';
import { accounts, loginFailures, sessions } from './auth.repository.js';
import type { z } from 'zod';
import type { SessionResponse } from './auth.schemas.js';

type Session = z.infer<typeof SessionResponse>;

/** A client address may try a few accounts, not a whole list of them. */
const ADDRESS_FACTOR = 4;

function throttleKey(kind: 'email' | 'address', value: string): string {
  return createHash('sha256').update(`${kind}:${value.toLowerCase()}`).digest('hex');
}

async function loadUser(ctx: AnonymousContext, municipalityId: string, staffId: string) {
  return inTenant(ctx.db, { municipalityId, teamIds: [] }, async (trx) => {
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
    return { staff, teamIds: teams.map((t) => t.team_id) };
  });
}

export async function logIn(
  ctx: AnonymousContext,
  input: { email: string; password: string },
): Promise<{ session: Session; token: string }> {
  const { config } = ctx;
  const emailKey = throttleKey('email', input.email);
  const addressKey = throttleKey('address', ctx.clientAddress);
  const windowStart = new Date(Date.now() - config.LOGIN_WINDOW_MINUTES * 60_000);
  const [emailFailures, addressFailures] = await Promise.all([
    loginFailures.countSince(ctx.db, emailKey, windowStart),
    loginFailures.countSince(ctx.db, addressKey, windowStart),
  ]);
  if (
    emailFailures >= config.LOGIN_MAX_FAILURES ||
    addressFailures >= config.LOGIN_MAX_FAILURES * ADDRESS_FACTOR
  ) {
    throw new AppError('rate_limited');
  }

  const account = await accounts.findForLogin(ctx.db, input.email);
  const passwordOk = await verifyPassword(account?.password_hash ?? null, input.password);
  if (!account || !account.active || !passwordOk) {
    await loginFailures.add(ctx.db, [emailKey, addressKey]);
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

  await loginFailures.clear(ctx.db, emailKey);
  await loginFailures.prune(ctx.db, windowStart);
  const token = randomBytes(32).toString('base64url');
  const csrfToken = randomBytes(32).toString('base64url');
  const { staff, teamIds } = await loadUser(ctx, account.municipality_id, account.staff_id);
  await inTenant(ctx.db, { municipalityId: account.municipality_id, teamIds }, async (trx) => {
    await sessions.create(trx, {
      municipalityId: account.municipality_id,
      staffId: account.staff_id,
      tokenHash: hashToken(token),
      csrfToken,
    });
    await writeAudit(
      trx,
      { municipalityId: account.municipality_id, staffId: staff.id, role: staff.role },
      ctx.requestId,
      { action: 'auth.login', objectType: 'session', result: 'success' },
    );
  });
  return {
    token,
    session: {
      user: {
        id: staff.id,
        name: staff.name,
        role: staff.role,
        municipalityId: staff.municipality_id,
        teamIds,
      },
      csrfToken,
    },
  };
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
