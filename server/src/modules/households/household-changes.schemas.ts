// What a worker sends to change a household: its address, a new member, a member's corrected
// details. Each carries the household's version as read (one version for the household and its
// members: household-changes.ts).
import { z } from 'zod';
import { BirthDate } from '../../platform/date-schemas.js';
import { Version } from '../../platform/http-schemas.js';
import { AddressInput, Bsn, NeighbourhoodCode } from './households.schemas.js';

const Name = z.string().trim().min(1).max(100);

export const HouseholdChange = z.strictObject({
  version: Version,
  /** The new address; null when the household has none (homeless, or not known yet). */
  address: AddressInput.nullable(),
  /** Only where the postcode table does not know the address: the buurt, within the team's area. */
  neighbourhoodCode: NeighbourhoodCode.optional(),
});
export type HouseholdChange = z.output<typeof HouseholdChange>;

export const NewMember = z.strictObject({
  version: Version,
  givenName: Name,
  familyName: Name,
  birthDate: BirthDate.optional(),
  bsn: Bsn.optional(),
  phone: z.string().trim().min(1).max(40).optional(),
  email: z.email().max(320).optional(),
  /** Sent after checking: a person with the same name and birth date is recorded already. */
  confirmedNew: z.boolean().default(false),
});
export type NewMember = z.output<typeof NewMember>;

export const MemberCorrection = z.strictObject({
  version: Version,
  givenName: Name.optional(),
  familyName: Name.optional(),
  birthDate: BirthDate.nullable().optional(),
  /** A BSN can be added or corrected, never removed or read back. */
  bsn: Bsn.optional(),
  phone: z.string().trim().min(1).max(40).nullable().optional(),
  email: z.email().max(320).nullable().optional(),
});
export type MemberCorrection = z.output<typeof MemberCorrection>;

export const MemberParams = z.strictObject({ id: z.uuid(), residentId: z.uuid() });
