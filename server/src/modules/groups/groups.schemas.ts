// Groups the team runs (the coffee morning, the administration class): what leaves the server.
import { z } from 'zod';
import { Moment } from '../../platform/date-schemas.js';
import { Version } from '../../platform/http-schemas.js';
import { LifeDomain } from '../registrations/registrations.schemas.js';

export const GroupKind = z.enum([
  'coffee_morning',
  'administration_class',
  'course',
  'activity',
  'other',
]);
const Text = (max: number) => z.string().trim().max(max);
const Buurt = z.string().regex(/^BU\d{8}$/);

export const GroupBody = z.strictObject({
  teamId: z.uuid(),
  kind: GroupKind,
  name: Text(200).min(1),
  description: Text(2000).default(''),
  lifeDomains: z.array(LifeDomain).max(14).default([]),
  neighbourhoodCode: Buurt.nullable().default(null),
  capacity: z.number().int().min(1).max(1000),
});
export const UpdateGroupBody = z.strictObject({
  version: Version,
  kind: GroupKind.optional(),
  name: Text(200).min(1).optional(),
  description: Text(2000).optional(),
  lifeDomains: z.array(LifeDomain).max(14).optional(),
  neighbourhoodCode: Buurt.nullable().optional(),
  capacity: z.number().int().min(1).max(1000).optional(),
  active: z.boolean().optional(),
});

export const GroupSummarySchema = z
  .object({
    id: z.uuid(),
    teamId: z.uuid(),
    kind: GroupKind,
    name: z.string(),
    description: z.string(),
    lifeDomains: z.array(z.string()),
    neighbourhoodCode: z.string().nullable(),
    neighbourhoodName: z.string().nullable(),
    capacity: z.number().int(),
    participants: z.number().int(),
    waiting: z.number().int(),
    nextSessionAt: z.string().nullable(),
    active: z.boolean(),
    version: z.number().int(),
  })
  .meta({ id: 'GroupSummary' });

export const SessionSchema = z
  .object({
    id: z.uuid(),
    startsAt: z.string(),
    endsAt: z.string().nullable(),
    place: z.string(),
    present: z.number().int(),
  })
  .meta({ id: 'GroupSession' });

export const ParticipantSchema = z
  .object({
    id: z.uuid(),
    residentId: z.uuid(),
    name: z.string(),
    trajectoryId: z.uuid(),
    actionId: z.uuid().nullable(),
    status: z.enum(['participant', 'waiting', 'left']),
    /** 1 for the first on the waiting list; null when not waiting. */
    waitingPosition: z.number().int().nullable(),
    joinedAt: z.string().nullable(),
    leftAt: z.string().nullable(),
  })
  .meta({ id: 'GroupParticipant' });

export const GroupDetailSchema = GroupSummarySchema.extend({
  sessions: z.array(SessionSchema),
  participants: z.array(ParticipantSchema),
  attendance: z.array(
    z.object({ sessionId: z.uuid(), participantId: z.uuid(), present: z.boolean() }),
  ),
}).meta({ id: 'GroupDetail' });

export const SessionBody = z.strictObject({
  startsAt: Moment,
  endsAt: Moment.nullable().default(null),
  place: Text(300).min(1),
});

export const SignUpBody = z.strictObject({
  trajectoryId: z.uuid(),
  residentId: z.uuid(),
  /** An action of the plan that points to this group; without it one is added to the plan. */
  actionId: z.uuid().optional(),
});

export const LeaveResultSchema = z.object({
  left: ParticipantSchema,
  /** The first on the waiting list, who got the place (null when nobody was waiting). */
  promoted: ParticipantSchema.nullable(),
});

export const AttendanceBody = z.strictObject({
  entries: z
    .array(z.strictObject({ participantId: z.uuid(), present: z.boolean() }))
    .min(1)
    .max(1000),
});

export type GroupInput = z.output<typeof GroupBody>;
export type UpdateGroupInput = z.output<typeof UpdateGroupBody>;
export type SessionInput = z.output<typeof SessionBody>;
export type SignUpInput = z.output<typeof SignUpBody>;
