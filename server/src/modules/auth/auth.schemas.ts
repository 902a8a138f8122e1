import { z } from 'zod';

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
