import { z } from 'zod';
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

export const EntryBody = z.strictObject({
  kind: SocialMapKind,
  name: Text(200).min(1),
  offers: Text(2000).min(1),
  forWhom: Text(1000).default(''),
  neighbourhoodCode: z
    .string()
    .regex(/^BU\d{8}$/)
    .nullable()
    .default(null),
  lifeDomains: z.array(LifeDomain).max(14).default([]),
  when: Text(500).default(''),
  capacity: z.number().int().min(0).max(100_000).nullable().default(null),
  contact: z
    .strictObject({
      name: Text(200).default(''),
      phone: Text(40).default(''),
      email: z.union([z.email().max(320), z.literal('')]).default(''),
    })
    .default({ name: '', phone: '', email: '' }),
});
export const UpdateEntryBody = EntryBody.partial()
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

export const VolunteerBody = z.strictObject({
  name: Text(200).min(1),
  staffId: z.uuid().nullable().default(null),
  skills: z.array(Text(100).min(1)).max(30).default([]),
  neighbourhoodCodes: z
    .array(z.string().regex(/^BU\d{8}$/))
    .max(50)
    .default([]),
  availability: z.array(Text(50).min(1)).max(21).default([]),
  vogCheckedOn: z.iso.date().nullable().default(null),
  agreements: Text(2000).default(''),
});
export const UpdateVolunteerBody = VolunteerBody.partial()
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
  followUpOn: z.iso.date().optional(),
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
