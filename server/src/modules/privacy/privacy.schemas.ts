import { z } from 'zod';
import { BirthDate, CalendarDay } from '../../platform/date-schemas.js';
import { listOf } from '../../platform/http-schemas.js';

export const AuditQuery = z.strictObject({
  residentId: z.uuid().optional(),
  actorId: z.uuid().optional(),
  action: z
    .string()
    .regex(/^[a-z_]+\.[a-z_]+$/)
    .optional(),
  from: CalendarDay.optional(),
  to: CalendarDay.optional(),
  cursor: z.string().max(200).optional(),
  limit: z.coerce.number().int().min(1).max(1000).default(100),
});
export const AuditEntry = z
  .object({
    at: z.string(),
    actorId: z.uuid().nullable(),
    actorName: z.string().nullable(),
    actorRole: z.string(),
    action: z.string(),
    /** The one resident the row names (or the filter's resident, when a list named them). */
    residentId: z.uuid().nullable(),
    /** Every resident the event named: one, none, or a list's residents. */
    residentIds: z.array(z.uuid()),
    object: z.string(),
    reason: z.string().nullable(),
    result: z.string(),
  })
  .meta({ id: 'AuditEntry' });
export const AuditPage = listOf(AuditEntry);

export const BreakGlassBody = z.strictObject({
  householdId: z.uuid().optional(),
  trajectoryId: z.uuid().optional(),
  reason: z.string().max(1000),
});
export const BreakGlassGrant = z
  .object({ id: z.uuid(), householdId: z.uuid(), expiresAt: z.string() })
  .meta({ id: 'BreakGlassGrant' });
export const ActiveGrant = z
  .object({
    id: z.uuid(),
    householdId: z.uuid(),
    reason: z.string(),
    createdAt: z.string(),
    expiresAt: z.string(),
  })
  .meta({ id: 'ActiveBreakGlassGrant' });

export const AlertQuery = z.strictObject({
  from: CalendarDay.optional(),
  to: CalendarDay.optional(),
  status: z.enum(['open', 'reviewed', 'all']).default('open'),
});
export const PrivacyAlertSchema = z
  .object({
    key: z.string(),
    kind: z.enum(['many_households', 'outside_office_hours', 'break_glass']),
    day: z.string(),
    actorId: z.uuid(),
    actorName: z.string().nullable(),
    count: z.number().int(),
    householdId: z.uuid().nullable(),
    reason: z.string().nullable(),
    firstAt: z.string(),
    lastAt: z.string().nullable(),
    review: z
      .object({
        note: z.string(),
        reviewedBy: z.uuid(),
        reviewerName: z.string().nullable(),
        at: z.string(),
      })
      .nullable(),
  })
  .meta({ id: 'PrivacyAlert' });
export const ReviewBody = z.strictObject({
  key: z.string().max(100),
  note: z.string().max(2000),
});
export const ReviewResult = z.object({ key: z.string(), note: z.string(), at: z.string() });

export const RetentionFile = z
  .object({
    householdId: z.uuid(),
    teamId: z.uuid(),
    neighbourhoodCode: z.string().nullable(),
    closedOn: z.string().nullable(),
    youth: z.boolean(),
    dueOn: z.string().nullable(),
    openTrajectory: z.boolean(),
  })
  .meta({ id: 'RetentionFile' });

export const ErasureCase = z
  .object({
    id: z.uuid(),
    householdId: z.uuid(),
    residentId: z.uuid().nullable(),
    source: z.enum(['retention', 'request']),
    status: z.enum(['open', 'erased', 'refused']),
    youth: z.boolean(),
    closedOn: z.string().nullable(),
    dueOn: z.string().nullable(),
    requestNote: z.string().nullable(),
    legalException: z.string().nullable(),
    decidedAt: z.string().nullable(),
    decisionNote: z.string().nullable(),
    createdAt: z.string(),
    teamName: z.string(),
    neighbourhoodName: z.string().nullable(),
    version: z.number().int(),
  })
  .meta({ id: 'ErasureCase' });
export const ErasureQuery = z.strictObject({
  status: z.enum(['open', 'erased', 'refused', 'all']).default('open'),
});
/** The privacy officer looks up the resident an erasure request is about (name, birth date). */
export const ErasureResidentQuery = z.strictObject({
  familyName: z.string().trim().min(2).max(100),
  birthDate: BirthDate.optional(),
});
export const ErasureResidentCandidate = z
  .object({
    id: z.uuid(),
    householdId: z.uuid(),
    givenName: z.string(),
    familyName: z.string(),
    birthDate: z.string().nullable(),
    /** Street and number, or postcode and number: enough to tell namesakes apart. */
    address: z.string().nullable(),
    teamName: z.string(),
  })
  .meta({ id: 'ErasureResidentCandidate' });

export const ErasureRequestBody = z.strictObject({
  residentId: z.uuid(),
  note: z.string().max(2000).default(''),
});
export const EraseBody = z.strictObject({ version: z.number().int().min(1) });
export const RefuseBody = z.strictObject({
  version: z.number().int().min(1),
  note: z.string().max(2000),
});
export const ErasureDecision = z.object({
  id: z.uuid(),
  status: z.enum(['erased', 'refused']),
  version: z.number().int(),
});

/** The municipality's privacy settings: office hours and threshold for alerts, retention periods. */
const settingsFields = {
  /** Access from this hour (Amsterdam time) counts as within office hours. */
  officeHoursStart: z.number().int().min(0).max(23),
  /** Access from this hour on counts as outside office hours again (24 = midnight). */
  officeHoursEnd: z.number().int().min(1).max(24),
  /** An alert when one staff member opens more households than this in a day outside own work. */
  manyHouseholdsThreshold: z.number().int().min(1).max(10_000),
  /** Years after closure that a Wmo-type file is kept. */
  wmoRetentionYears: z.number().int().min(1).max(100),
  /** Years after closure that a youth file (a member under 18 at closure) is kept. */
  youthRetentionYears: z.number().int().min(1).max(100),
};
export const PrivacySettingsBody = z.strictObject({
  ...settingsFields,
  /** 0 while the municipality still has the defaults. */
  version: z.number().int().min(0),
});
export const PrivacySettingsSchema = z
  .object({ ...settingsFields, version: z.number().int() })
  .meta({ id: 'PrivacySettings' });
