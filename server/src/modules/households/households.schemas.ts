// Households and residents as they come in (with a registration) and as they go out.
import { z } from 'zod';
import { BirthDate } from '../../platform/date-schemas.js';
import { bilingual } from '../../platform/validation.js';
import { normaliseBsn, normalisePostcode } from './identifiers.js';

export const Postcode = z
  .string()
  .max(10)
  .transform((value, ctx) => {
    const postcode = normalisePostcode(value);
    if (!postcode) {
      ctx.addIssue({
        code: 'custom',
        message: bilingual(
          'must be a Dutch postcode like 6216 AB',
          'moet een Nederlandse postcode zijn, zoals 6216 AB',
        ),
      });
      return z.NEVER;
    }
    return postcode;
  })
  .meta({ description: 'Dutch postcode; "6216ab" and "6216 AB" are both accepted' });

export const Bsn = z
  .string()
  .max(12)
  .transform((value, ctx) => {
    const bsn = normaliseBsn(value);
    if (!bsn) {
      ctx.addIssue({
        code: 'custom',
        message: bilingual(
          'is not a valid BSN (nine digits that pass the elfproef)',
          'is geen geldig BSN (negen cijfers die de elfproef doorstaan)',
        ),
      });
      return z.NEVER;
    }
    return bsn;
  })
  .meta({ description: 'Burgerservicenummer; stored only as a keyed hash, never returned' });

export const AddressInput = z.strictObject({
  postcode: Postcode,
  houseNumber: z.number().int().min(1).max(99999),
  houseLetter: z
    .string()
    .regex(/^[A-Za-z]$/, { error: bilingual('must be one letter', 'moet één letter zijn') })
    .optional(),
  houseNumberAddition: z.string().trim().min(1).max(4).optional(),
  street: z.string().trim().min(1).max(200).optional(),
  city: z.string().trim().min(1).max(100).optional(),
});
export type AddressInput = z.output<typeof AddressInput>;

export const NeighbourhoodCode = z.string().regex(/^BU\d{8}$/, {
  error: bilingual(
    'must be a CBS buurtcode like BU09350205',
    'moet een CBS-buurtcode zijn, zoals BU09350205',
  ),
});

const Name = z.string().trim().min(1).max(100);

export const ResidentInput = z.strictObject({
  givenName: Name,
  familyName: Name,
  birthDate: BirthDate.optional(),
  bsn: Bsn.optional(),
  phone: z.string().trim().min(1).max(40).optional(),
  email: z.email().max(320).optional(),
  address: AddressInput.optional(),
  neighbourhoodCode: NeighbourhoodCode.optional(),
});
export type ResidentInput = z.output<typeof ResidentInput>;

export const AddressSchema = z
  .object({
    postcode: z.string().nullable(),
    houseNumber: z.number().int().nullable(),
    houseLetter: z.string().nullable(),
    houseNumberAddition: z.string().nullable(),
    street: z.string().nullable(),
    city: z.string().nullable(),
  })
  .meta({ id: 'Address' });

export const MemberSchema = z
  .object({
    id: z.uuid(),
    givenName: z.string(),
    familyName: z.string(),
    birthDate: z.string().nullable(),
    /** Whether a BSN is known; the number itself never leaves the server. */
    bsnKnown: z.boolean(),
    bsnMasked: z.string().nullable(),
  })
  .meta({ id: 'HouseholdMember' });

export const HouseholdSchema = z
  .object({
    id: z.uuid(),
    teamId: z.uuid(),
    address: AddressSchema,
    neighbourhoodCode: z.string().nullable(),
    neighbourhoodName: z.string().nullable(),
    members: z.array(MemberSchema),
    openTrajectoryId: z.uuid().nullable(),
    version: z.number().int(),
  })
  .meta({ id: 'Household' });

/** In lists: names and birth dates to recognise a household, never a BSN. */
export const HouseholdSummarySchema = z
  .object({
    id: z.uuid(),
    teamId: z.uuid(),
    address: AddressSchema,
    neighbourhoodCode: z.string().nullable(),
    neighbourhoodName: z.string().nullable(),
    members: z.array(
      z.object({
        id: z.uuid(),
        givenName: z.string(),
        familyName: z.string(),
        birthDate: z.string().nullable(),
      }),
    ),
    openTrajectoryId: z.uuid().nullable(),
  })
  .meta({ id: 'HouseholdSummary' });

export const HouseholdQuery = z.strictObject({
  q: z.string().trim().min(2).max(100).optional(),
  teamId: z.uuid().optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  /** The `nextCursor` of the previous page; the same filters (q, teamId) must be sent again. */
  cursor: z.string().max(500).optional(),
});

export const MatchRequest = z.strictObject({
  teamId: z.uuid(),
  givenName: Name.optional(),
  familyName: Name.optional(),
  birthDate: BirthDate.optional(),
  bsn: Bsn.optional(),
  address: AddressInput.optional(),
});

export const MatchSchema = z
  .object({
    residentId: z.uuid().nullable(),
    householdId: z.uuid(),
    givenName: z.string().nullable(),
    familyName: z.string().nullable(),
    birthDate: z.string().nullable(),
    address: AddressSchema,
    matchedOn: z.array(z.enum(['bsn', 'name_birth_date', 'address'])),
  })
  .meta({ id: 'ResidentMatch' });

export type Household = z.infer<typeof HouseholdSchema>;
export type HouseholdSummary = z.infer<typeof HouseholdSummarySchema>;
export type Match = z.infer<typeof MatchSchema>;
