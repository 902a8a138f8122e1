// Per municipality: which roles must sign in with a second factor (beyond the ones that always
// must), and the municipality's own OpenID Connect identity provider. The client secret is
// stored encrypted and never leaves the server again; the admin can only replace it.
import type { Trx } from '../../platform/db.js';
import type { ServiceContext } from '../../platform/context.js';
import type { StaffRole } from '../../db/schema.js';
import { inTenant } from '../../platform/db.js';
import { audit } from '../../platform/audit.js';
import { AppError, invalidField, versionConflict } from '../../platform/errors.js';
import { seal } from '../../platform/secret-box.js';
import type { SignInSettingsBody } from './sign-in-settings.schemas.js';
import type { z } from 'zod';

/**
 * Roles that always sign in with a second factor, whatever a municipality configures: they see
 * or change the most. The privacy officer is an admin with the privacy duty (privacy module),
 * so the rule covers them too; the rest of the code reads only this list and the extras.
 */
export const ALWAYS_SECOND_FACTOR_ROLES: readonly StaffRole[] = ['admin', 'municipality'];

export interface SignInSettings {
  totpExtraRoles: StaffRole[];
  oidc: {
    enabled: boolean;
    displayName: string;
    issuer: string;
    clientId: string;
    clientSecretSealed: string;
    emailDomain: string;
    matchClaim: 'email' | 'sub';
  };
  version: number;
}

export async function loadSignInSettings(
  trx: Trx,
  municipalityId: string,
): Promise<SignInSettings> {
  const row = await trx
    .selectFrom('sign_in_settings')
    .selectAll()
    .where('municipality_id', '=', municipalityId)
    .executeTakeFirst();
  return {
    totpExtraRoles: row?.totp_extra_roles ?? [],
    oidc: {
      enabled: row?.oidc_enabled ?? false,
      displayName: row?.oidc_display_name ?? '',
      issuer: row?.oidc_issuer ?? '',
      clientId: row?.oidc_client_id ?? '',
      clientSecretSealed: row?.oidc_client_secret_encrypted ?? '',
      emailDomain: row?.oidc_email_domain ?? '',
      matchClaim: row?.oidc_match_claim ?? 'email',
    },
    version: row?.version ?? 0,
  };
}

export function secondFactorRequired(role: StaffRole, settings: SignInSettings): boolean {
  return ALWAYS_SECOND_FACTOR_ROLES.includes(role) || settings.totpExtraRoles.includes(role);
}

function publicView(settings: SignInSettings) {
  const { clientSecretSealed, ...oidc } = settings.oidc;
  return {
    alwaysRequiredRoles: [...ALWAYS_SECOND_FACTOR_ROLES],
    totpExtraRoles: settings.totpExtraRoles,
    oidc: { ...oidc, clientSecretSet: clientSecretSealed !== '' },
    version: settings.version,
  };
}

export function getSignInSettings(ctx: ServiceContext) {
  return inTenant(ctx.db, ctx.actor, async (trx) => {
    const settings = await loadSignInSettings(trx, ctx.actor.municipalityId);
    await audit(trx, ctx, { action: 'sign_in_settings.read', objectType: 'sign_in_settings' });
    return publicView(settings);
  });
}

export function updateSignInSettings(
  ctx: ServiceContext,
  input: z.infer<typeof SignInSettingsBody>,
) {
  const { oidc } = input;
  if (oidc.enabled) {
    if (!oidc.issuer) throw invalidField('oidc.issuer', 'is required', 'is verplicht');
    if (!oidc.clientId) throw invalidField('oidc.clientId', 'is required', 'is verplicht');
    if (!oidc.displayName) throw invalidField('oidc.displayName', 'is required', 'is verplicht');
  }
  return inTenant(ctx.db, ctx.actor, async (trx) => {
    const current = await loadSignInSettings(trx, ctx.actor.municipalityId);
    if (current.version !== input.version) throw versionConflict();
    const sealedSecret =
      oidc.clientSecret === undefined
        ? current.oidc.clientSecretSealed
        : seal(ctx.config.secretKey, 'oidc-client-secret', Buffer.from(oidc.clientSecret));
    if (oidc.enabled && !sealedSecret) {
      throw invalidField('oidc.clientSecret', 'is required', 'is verplicht');
    }
    const values = {
      totp_extra_roles: input.totpExtraRoles,
      oidc_enabled: oidc.enabled,
      oidc_display_name: oidc.displayName,
      oidc_issuer: oidc.issuer,
      oidc_client_id: oidc.clientId,
      oidc_client_secret_encrypted: sealedSecret,
      oidc_email_domain: oidc.emailDomain.toLowerCase(),
      oidc_match_claim: oidc.matchClaim,
      updated_at: new Date(),
    };
    if (current.version === 0) {
      await trx
        .insertInto('sign_in_settings')
        .values({ municipality_id: ctx.actor.municipalityId, ...values })
        .execute();
    } else {
      const updated = await trx
        .updateTable('sign_in_settings')
        .set({ ...values, version: current.version + 1 })
        .where('municipality_id', '=', ctx.actor.municipalityId)
        .where('version', '=', input.version)
        .executeTakeFirst();
      if (updated.numUpdatedRows !== 1n) throw versionConflict();
    }
    await audit(trx, ctx, { action: 'sign_in_settings.update', objectType: 'sign_in_settings' });
    const saved = await loadSignInSettings(trx, ctx.actor.municipalityId);
    if (saved.version === 0) throw new AppError('internal');
    return publicView(saved);
  });
}
