// What residents send from the portal (a wish for the plan, a comment on an action, an action
// ticked off or reopened), as the trajectory's workers read it.
import { z } from 'zod';
import { listOf } from '../../platform/http-schemas.js';

export const ResidentMessageKind = z.enum([
  'plan_wish',
  'action_comment',
  'action_done',
  'action_reopened',
]);

export const ResidentMessageSchema = z
  .object({
    id: z.uuid(),
    kind: ResidentMessageKind,
    /** The action a comment, tick or reopening is about; null for a wish for the plan. */
    actionId: z.uuid().nullable(),
    /** That action as the current plan describes it; null for a wish, or once it left the plan. */
    actionDescription: z.string().nullable(),
    text: z.string().meta({
      description:
        'The wish or comment as the resident wrote it; for a tick or reopening, the action. Empty once erased.',
    }),
    createdAt: z.string(),
    /** When a worker of the team marked it read (the first time); null while unread. */
    readAt: z.string().nullable(),
    resident: z.object({ id: z.uuid(), name: z.string() }),
  })
  .meta({ id: 'ResidentMessage' });

export const ResidentMessageList = listOf(ResidentMessageSchema).extend({
  unreadCount: z
    .number()
    .int()
    .min(0)
    .describe(
      "How many of the trajectory's messages are unread (`readAt` null), over every page: older pages may hold unread ones too.",
    ),
});

export const ResidentMessageQuery = z.strictObject({
  limit: z.coerce.number().int().min(1).max(500).default(100),
  cursor: z.string().max(500).optional().describe("The previous page's `nextCursor`."),
});

export const ResidentMessageParams = z.strictObject({ id: z.uuid(), messageId: z.uuid() });

export const MarkedRead = z.object({ id: z.uuid(), readAt: z.string() });

export type ResidentMessage = z.infer<typeof ResidentMessageSchema>;
export type ResidentMessagePage = z.infer<typeof ResidentMessageList>;
