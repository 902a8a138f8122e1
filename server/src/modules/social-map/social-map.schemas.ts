import { z } from 'zod';
import { CalendarDay } from '../../platform/date-schemas.js';
import { Version } from '../../platform/http-schemas.js';
import { LifeDomain } from '../registrations/registrations.schemas.js';

export const SocialMapKind = z.enum([
  'collective_provision',
  'neighbourhood_initiative',
  'volunteer_organisation',
  'day_activity',
  'partner_service',
]);
const Text = (max: number) => z.string().trim().max(max);

// The fields of an offer without their defaults: a change (PATCH) sets only the fields it names.
// (`.partial()` of a schema with defaults would fill every field left out with its default, and so
// wipe it: Zod 4 applies a default inside an optional.)
const entryFields = {
  kind: SocialMapKind,
  name: Text(200).min(1),
  offers: Text(2000).min(1),
  forWhom: Text(1000),
  neighbourhoodCode: z
    .string()
    .regex(/^BU\d{8}$/)
    .nullable(),
  lifeDomains: z.array(LifeDomain).max(14),
  when: Text(500),
  capacity: z.number().int().min(0).max(100_000).nullable(),
  contact: z.strictObject({
    name: Text(200).default(''),
    phone: Text(40).default(''),
    email: z.union([z.email().max(320), z.literal('')]).default(''),
  }),
};
export const EntryBody = z.strictObject({
  ...entryFields,
  forWhom: entryFields.forWhom.default(''),
  neighbourhoodCode: entryFields.neighbourhoodCode.default(null),
  lifeDomains: entryFields.lifeDomains.default([]),
  when: entryFields.when.default(''),
  capacity: entryFields.capacity.default(null),
  contact: entryFields.contact.default({ name: '', phone: '', email: '' }),
});
export const UpdateEntryBody = z
  .strictObject(entryFields)
  .partial()
  .extend({ version: Version, active: z.boolean().optional() })
  .strict();

export const EntrySchema = z
  .object({
    id: z.uuid(),
    kind: SocialMapKind,
    name: z.string(),
    offers: z.string(),
    forWhom: z.string(),
    neighbourhoodCode: z.string().nullable(),
    neighbourhoodName: z.string().nullable(),
    lifeDomains: z.array(z.string()),
    when: z.string(),
    capacity: z.number().int().nullable(),
    contact: z.object({ name: z.string(), phone: z.string(), email: z.string() }),
    active: z.boolean(),
    version: z.number().int(),
  })
  .meta({ id: 'SocialMapEntry' });

export const EntryQuery = z.strictObject({
  q: z.string().trim().min(1).max(100).optional(),
  lifeDomain: LifeDomain.optional(),
  neighbourhoodCode: z
    .string()
    .regex(/^BU\d{8}$/)
    .optional(),
  kind: SocialMapKind.optional(),
  includeInactive: z.enum(['true', 'false']).optional(),
});

// As for offers: a change sets only the fields it names (taking a volunteer out of the pool with
// { version, active: false } keeps their account, skills and VOG date).
const volunteerFields = {
  name: Text(200).min(1),
  staffId: z.uuid().nullable(),
  skills: z.array(Text(100).min(1)).max(30),
  neighbourhoodCodes: z.array(z.string().regex(/^BU\d{8}$/)).max(50),
  availability: z.array(Text(50).min(1)).max(21),
  vogCheckedOn: CalendarDay.nullable(),
  agreements: Text(2000),
};
export const VolunteerBody = z.strictObject({
  ...volunteerFields,
  staffId: volunteerFields.staffId.default(null),
  skills: volunteerFields.skills.default([]),
  neighbourhoodCodes: volunteerFields.neighbourhoodCodes.default([]),
  availability: volunteerFields.availability.default([]),
  vogCheckedOn: volunteerFields.vogCheckedOn.default(null),
  agreements: volunteerFields.agreements.default(''),
});
export const UpdateVolunteerBody = z
  .strictObject(volunteerFields)
  .partial()
  .extend({ version: Version, active: z.boolean().optional() })
  .strict();
export const VolunteerSchema = z
  .object({
    id: z.uuid(),
    name: z.string(),
    staffId: z.uuid().nullable(),
    skills: z.array(z.string()),
    neighbourhoodCodes: z.array(z.string()),
    availability: z.array(z.string()),
    vogCheckedOn: z.string().nullable(),
    agreements: z.string(),
    active: z.boolean(),
    version: z.number().int(),
  })
  .meta({ id: 'Volunteer' });

export const MatchSearchBody = z.strictObject({
  trajectoryId: z.uuid(),
  skills: z.array(Text(100).min(1)).max(10).default([]),
  availability: z.array(Text(50).min(1)).max(21).default([]),
  requiresVog: z.boolean().default(true),
});
export const ScoredSchema = z.object({
  id: z.uuid(),
  kind: z.enum(['volunteer', 'resident']),
  name: z.string(),
  score: z.number().int(),
  matchedSkills: z.array(z.string()),
  sameNeighbourhood: z.boolean(),
  sharedAvailability: z.array(z.string()),
});

export const CreateMatchBody = z.strictObject({
  volunteerId: z.uuid(),
  actionId: z.uuid().optional(),
  task: Text(500).min(1),
  where: Text(300).min(1),
  when: Text(300).min(1),
  followUpOn: CalendarDay.optional(),
  /**
   * The task needs a VOG (as asked in the search): a volunteer without one of at most three years
   * is refused (400 naming volunteerId). Default false, as matches were recorded before.
   */
  requiresVog: z.boolean().default(false),
});
export const MatchSchema = z
  .object({
    id: z.uuid(),
    trajectoryId: z.uuid(),
    volunteerId: z.uuid(),
    volunteerName: z.string(),
    actionId: z.uuid().nullable(),
    status: z.enum(['active', 'ended']),
    task: z.string(),
    where: z.string(),
    when: z.string(),
    followUpOn: z.string().nullable(),
    outcome: z.string().nullable(),
  })
  .meta({ id: 'VolunteerMatch' });
export const EndMatchBody = z.strictObject({ outcome: Text(1000).min(1) });

export const VolunteerTaskSchema = z
  .object({
    id: z.uuid(),
    residentFirstName: z.string(),
    task: z.string(),
    where: z.string(),
    when: z.string(),
  })
  .meta({ id: 'VolunteerTask' });

export const OfferBody = z.strictObject({
  residentId: z.uuid(),
  skill: Text(100).min(1),
  availability: z.array(Text(50).min(1)).max(21).default([]),
  note: Text(500).default(''),
});

export const OfferSchema = z
  .object({
    id: z.uuid(),
    residentId: z.uuid(),
    skill: z.string(),
    availability: z.array(z.string()),
    note: z.string(),
  })
  .meta({ id: 'ResidentOffer' });

export type EntryInput = z.output<typeof EntryBody>;
export type UpdateEntryInput = z.output<typeof UpdateEntryBody>;
export type VolunteerInput = z.output<typeof VolunteerBody>;
export type UpdateVolunteerInput = z.output<typeof UpdateVolunteerBody>;
