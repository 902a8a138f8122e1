// The trajectory's contract: 1 gezin, 1 plan, 1 regisseur.
import { z } from 'zod';
import { CalendarDay, Moment } from '../../platform/date-schemas.js';
import { listOf, Version } from '../../platform/http-schemas.js';
import { AddressSchema } from '../households/households.schemas.js';

export const TrajectoryStatus = z.enum(['open', 'follow_up', 'aftercare', 'closed']);
export const ScaleLevel = z.enum(['informal', 'team', 'specialist_task', 'handed_over']);
export const TrajectoryOutcome = z.enum([
  'goals_achieved',
  'partly_achieved',
  'not_achieved',
  'moved_away',
  'stopped_by_resident',
  'handed_over',
]);
export const JournalKind = z.enum([
  'home_visit',
  'phone',
  'office',
  'video',
  'message',
  'case_conference',
  'other',
]);

export const TrajectorySchema = z
  .object({
    id: z.uuid(),
    householdId: z.uuid(),
    teamId: z.uuid(),
    coordinatorId: z.uuid(),
    coordinatorName: z.string(),
    status: TrajectoryStatus,
    openedAt: z.string(),
    closedAt: z.string().nullable(),
    scaleLevel: ScaleLevel,
    version: z.number().int(),
    household: z.object({
      members: z.string().nullable(),
      address: AddressSchema,
      neighbourhoodName: z.string().nullable(),
    }),
    planVersion: z.number().int(),
    nextFollowUpOn: z.string().nullable(),
    overdueActions: z.number().int(),
    nextActionDue: z.string().nullable(),
    lastContactAt: z.string().nullable(),
    /** Plain flags for "what is due" on the coordinator's list. */
    due: z.array(z.enum(['overdue_actions', 'follow_up', 'no_plan', 'no_recent_contact'])),
    outcome: TrajectoryOutcome.nullable(),
    closeReason: z.string().nullable(),
    handledWithoutSpecialistCare: z.boolean().nullable(),
    aftercareUntil: z.string().nullable(),
  })
  .meta({ id: 'Trajectory' });
export const TrajectoryList = listOf(TrajectorySchema);

export const TrajectoryQuery = z.strictObject({
  teamId: z.uuid().optional(),
  // `active`: every status but closed, what a coordinator's own list shows by default (closed
  // trajectories pile up over the years and are asked for separately).
  status: z
    .enum([...TrajectoryStatus.options, 'active'])
    .optional()
    .describe('A status, or `active` for every status but `closed`.'),
  coordinatorId: z.uuid().optional(),
  householdId: z.uuid().optional(),
  limit: z.coerce.number().int().min(1).max(500).default(200),
  cursor: z
    .string()
    .max(500)
    .optional()
    .describe("The previous page's `nextCursor`, sent with the same filters."),
});

export const CoordinatorBody = z.strictObject({ staffId: z.uuid() });

export const UpdateTrajectoryBody = z.strictObject({
  version: Version,
  // Only the statuses that need no closing data. Aftercare and closed carry a closing date and an
  // outcome (the monitor counts closures by them), so they are reached only through /close and
  // /end-aftercare, which record those.
  status: z
    .enum(['open', 'follow_up'])
    .optional()
    .describe(
      '`open` or `follow_up`. Closing (with or without aftercare) goes through `POST .../close`, ending the aftercare through `POST .../end-aftercare`.',
    ),
  scaleLevel: ScaleLevel.optional(),
  nextFollowUpOn: CalendarDay.nullable().optional(),
  note: z.string().trim().max(2000).optional(),
});

export const CloseBody = z.strictObject({
  closedAt: Moment,
  outcome: TrajectoryOutcome,
  handledWithoutSpecialistCare: z
    .boolean()
    .describe(
      "Seed 002's success measure. Not `true` with the outcome `handed_over` (a hand-over is not handled without specialist care): 400 naming this field.",
    ),
  reason: z.string().trim().min(1).max(4000),
  /** Aftercare (nazorg) after closure: the team keeps a finger on the pulse until this date. */
  aftercareUntil: CalendarDay.optional(),
  /** Why there is no closing ZRM (asked when none was recorded). */
  noClosingMeasurementReason: z.string().trim().min(1).max(1000).optional(),
});

export const ContactBody = z.strictObject({
  at: Moment,
  kind: JournalKind,
  note: z.string().trim().min(1).max(4000),
  minutes: z.number().int().min(0).max(1440).optional(),
});
export const ContactQuery = z.strictObject({
  limit: z.coerce.number().int().min(1).max(500).default(100),
  cursor: z.string().max(500).optional().describe("The previous page's `nextCursor`."),
});
export const ContactSchema = z
  .object({
    id: z.uuid(),
    at: z.string(),
    kind: JournalKind,
    note: z.string(),
    minutes: z.number().int().nullable(),
    by: z.object({ id: z.uuid(), name: z.string() }),
  })
  .meta({ id: 'Contact' });

const Participant = z.strictObject({
  name: z.string().trim().min(1).max(200),
  role: z.string().trim().max(200).default(''),
  external: z.boolean().default(false),
});
export const CaseConferenceBody = z.strictObject({
  heldOn: CalendarDay.describe(
    'A calendar day in Europe/Amsterdam, today at the latest: a later day is a 400 naming `heldOn`.',
  ),
  participants: z.array(Participant).min(1).max(30),
  residentPresent: z.boolean().default(false),
  question: z.string().trim().min(1).max(4000),
  advice: z.string().trim().max(4000).default(''),
  decisions: z.string().trim().max(4000).default(''),
});
export const CaseConferenceSchema = z
  .object({
    id: z.uuid(),
    heldOn: z.string(),
    participants: z.array(z.object({ name: z.string(), role: z.string(), external: z.boolean() })),
    residentPresent: z.boolean(),
    question: z.string(),
    advice: z.string(),
    decisions: z.string(),
  })
  .meta({ id: 'CaseConference' });

export const TrajectoryEventSchema = z
  .object({
    id: z.uuid(),
    kind: z.enum(['coordinator', 'status', 'scale_level', 'follow_up']),
    from: z.string().nullable(),
    to: z.string().nullable(),
    /** Words the worker wrote with the change, as written. */
    note: z.string().nullable(),
    noteCode: z
      .enum(['aftercare_ended_by_new_registration'])
      .nullable()
      .describe(
        "Why, when the system made the change: a code for the screen to say in the reader's language (null for a worker's change, whose words are in `note`). `aftercare_ended_by_new_registration`: the triage of a new registration ended the aftercare and opened a new trajectory (a relapse).",
      ),
    at: z.string(),
    by: z.object({ id: z.uuid(), name: z.string() }),
  })
  .meta({ id: 'TrajectoryEvent' });

export type Trajectory = z.infer<typeof TrajectorySchema>;
export type UpdateTrajectoryInput = z.output<typeof UpdateTrajectoryBody>;
export type CloseInput = z.output<typeof CloseBody>;
export type ContactInput = z.output<typeof ContactBody>;
export type CaseConferenceInput = z.output<typeof CaseConferenceBody>;
