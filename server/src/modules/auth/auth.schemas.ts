import { z } from 'zod';
import { bilingual } from '../../platform/validation.js';

export const RoleSchema = z.enum([
  'worker',
  'team_lead',
  'municipality',
  'admin',
  'partner',
  'resident',
  'volunteer',
]);

export const LoginBody = z.strictObject({
  email: z.string().trim().min(1).max(320),
  password: z.string().min(1).max(1000),
});

export const UserSchema = z
  .object({
    id: z.uuid(),
    name: z.string(),
    role: RoleSchema,
    municipalityId: z.uuid(),
    teamIds: z.array(z.uuid()),
  })
  .meta({ id: 'User' });

export const SessionResponse = z.object({ user: UserSchema, csrfToken: z.string() });

/** 202 from the login: the password was right, a second factor must follow (or be set up). */
export const SecondFactorChallenge = z
  .object({ secondFactor: z.enum(['verify', 'enrol']) })
  .meta({ id: 'SecondFactorChallenge' });

export const CodeBody = z.strictObject({
  /** Six digits from the authenticator app, or one of the recovery codes. */
  code: z.string().trim().min(6).max(20),
});

export const EnrolmentSchema = z
  .object({
    /** Base32, for typing into an app by hand. Shown only now; never returned again. */
    secret: z.string(),
    otpauthUri: z.string(),
    /** The otpauth URI as a QR code (SVG). */
    qrSvg: z.string(),
  })
  .meta({ id: 'SecondFactorEnrolment' });

export const RecoveryCodes = z.object({ recoveryCodes: z.array(z.string()) });

export const SessionWithRecoveryCodes = SessionResponse.extend(RecoveryCodes.shape);

/** My own new password; the current one proves it is me at this keyboard. */
export const PasswordChangeBody = z.strictObject({
  currentPassword: z.string().min(1).max(200),
  newPassword: z.string().min(12).max(200),
});

export const SecondFactorStatus = z.object({ enrolled: z.boolean(), required: z.boolean() });

export const IdentityProviderList = z.object({
  items: z.array(
    z.object({ municipalityId: z.uuid(), displayName: z.string(), startUrl: z.string() }),
  ),
  nextCursor: z.null(),
});

export const MunicipalityParams = z.strictObject({ municipalityId: z.uuid() });

/**
 * A page of this app to come back to after signing in at the identity provider: a path on this
 * origin, never another site. "//host" or "/\host" would take the browser to another host, and
 * the URL parser drops tabs and line breaks (so "/<tab>/host" is "//host"): only the printable
 * characters of a path and query string are accepted, and no second slash or backslash up front.
 */
export const AppReturnPath = z
  .string()
  .max(500)
  .regex(/^\/(?![/\\])[A-Za-z0-9\-._~!$&'()*+,;=:@/?%]*$/, {
    error: bilingual(
      'must be a path in this app (starting with one /)',
      'moet een pad in deze app zijn (beginnend met één /)',
    ),
  });

export const OidcStartQuery = z.object({
  /** Where the browser goes after signing in (default "/"), e.g. a window that says it is done. */
  returnTo: AppReturnPath.optional(),
});
