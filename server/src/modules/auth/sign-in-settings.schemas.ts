import { z } from 'zod';
import { BaseVersion } from '../../platform/http-schemas.js';

const StaffRoleSchema = z.enum([
  'worker',
  'team_lead',
  'municipality',
  'admin',
  'partner',
  'volunteer',
]);

export const SignInSettingsBody = z.strictObject({
  version: BaseVersion,
  /** Roles that must use TOTP beyond the always-required ones. */
  totpExtraRoles: z.array(StaffRoleSchema).max(10),
  oidc: z.strictObject({
    enabled: z.boolean(),
    displayName: z.string().trim().max(100),
    issuer: z.union([z.literal(''), z.url({ protocol: /^https?$/ }).max(500)]),
    clientId: z.string().trim().max(500),
    /** Leave out to keep the stored secret; it is never sent back. */
    clientSecret: z.string().min(1).max(1000).optional(),
    emailDomain: z
      .string()
      .trim()
      .max(200)
      .regex(/^([a-z0-9-]+\.)+[a-z]{2,}$|^$/i),
    matchClaim: z.enum(['email', 'sub']),
  }),
});

export const SignInSettingsSchema = z
  .object({
    alwaysRequiredRoles: z.array(StaffRoleSchema),
    totpExtraRoles: z.array(StaffRoleSchema),
    oidc: z.object({
      enabled: z.boolean(),
      displayName: z.string(),
      issuer: z.string(),
      clientId: z.string(),
      clientSecretSet: z.boolean(),
      emailDomain: z.string(),
      matchClaim: z.enum(['email', 'sub']),
    }),
    version: z.number().int(),
  })
  .meta({ id: 'SignInSettings' });

export const StaffSecondFactorSchema = z.object({
  id: z.uuid(),
  name: z.string(),
  email: z.string(),
  role: StaffRoleSchema,
  secondFactor: z.boolean(),
  required: z.boolean(),
});

export const StaffSecondFactorList = z.object({
  items: z.array(StaffSecondFactorSchema),
  nextCursor: z.null(),
});
