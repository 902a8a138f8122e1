// The resident's own view (de regie ligt bij de inwoner) and the invitation that opens it.
import { z } from 'zod';
import { CalendarDay } from '../../platform/date-schemas.js';
import { PlanSchema } from '../plans/plans.schemas.js';

export const InvitationBody = z.strictObject({ residentId: z.uuid() });
export const InvitationSchema = z
  .object({
    /** Shown once: to show, print or send to the resident. Only a hash is stored. */
    code: z.string(),
    url: z.string(),
    expiresAt: z.string(),
  })
  .meta({ id: 'ResidentInvitation' });

export const ActivateBody = z.strictObject({
  code: z.string().trim().min(6).max(64),
  loginName: z.string().trim().min(3).max(320),
  password: z.string().min(10).max(200),
});

export const ResidentLoginBody = z.strictObject({
  loginName: z.string().trim().min(1).max(320),
  password: z.string().min(1).max(200),
});

export const PortalSession = z.object({
  user: z.object({
    id: z.uuid(),
    name: z.string(),
    role: z.literal('resident'),
    householdId: z.uuid(),
  }),
  csrfToken: z.string(),
});

export const PortalOverview = z
  .object({
    resident: z.object({ id: z.uuid(), givenName: z.string(), familyName: z.string() }),
    household: z.array(z.object({ givenName: z.string(), familyName: z.string() })),
    trajectory: z
      .object({
        id: z.uuid(),
        status: z.string(),
        openedAt: z.string(),
        coordinator: z.object({ name: z.string(), phone: z.string().nullable() }),
        nextFollowUpOn: z.string().nullable(),
      })
      .nullable(),
  })
  .meta({ id: 'PortalOverview' });

export const PortalPlan = z
  .object({
    plan: PlanSchema.nullable(),
    versions: z.array(
      z.object({ version: z.number().int(), savedAt: z.string(), agreedOn: z.string().nullable() }),
    ),
  })
  .meta({ id: 'PortalPlan' });

export const AgreeBody = z.strictObject({ version: z.number().int().min(1) });
export const WishBody = z.strictObject({ text: z.string().trim().min(1).max(2000) });
export const ActionUpdateBody = z
  .strictObject({
    status: z.enum(['open', 'done']).optional(),
    comment: z.string().trim().min(1).max(2000).optional(),
  })
  .refine((b) => b.status !== undefined || b.comment !== undefined, {
    message: 'status or comment is required',
  });

export const AccessLogQuery = z.strictObject({
  from: CalendarDay.optional(),
  to: CalendarDay.optional(),
});
export const AccessLogEntry = z
  .object({
    at: z.string(),
    /** A staff member's name, or 'U zelf', 'Een huisgenoot' or 'Onbekend' (the portal translates these). */
    who: z.string(),
    role: z.string(),
    action: z.string(),
    /** What was done, in plain Dutch (portal/access-log-texts.ts). */
    what: z.string(),
    /** The same in English, for the portal in English. */
    whatEn: z.string(),
    /** Why, where someone wrote it for this file (break the glass); null otherwise. */
    reason: z.string().nullable(),
  })
  .meta({ id: 'AccessLogEntry' });
