// Partner signals (rent arrears, energy debts, confused behaviour, GP signals) and outreach.
import { z } from 'zod';
import { Moment } from '../../platform/date-schemas.js';
import { listOf } from '../../platform/http-schemas.js';
import { AddressSchema, ResidentInput } from '../households/households.schemas.js';
import { LifeDomain } from '../registrations/registrations.schemas.js';

export const SignalKind = z.enum([
  'rent_arrears',
  'energy_debt',
  'water_debt',
  'health_insurance_debt',
  'confused_behaviour',
  'gp_signal',
]);
export const OutreachOutcome = z.enum([
  'reached_support_started',
  'reached_no_help_needed',
  'not_reached',
  'refused',
]);
export const SignalStatus = z.enum(['open', ...OutreachOutcome.options]);

export const SIGNAL_CSV_COLUMNS = [
  'kind',
  'reference',
  'receivedAt',
  'postcode',
  'houseNumber',
  'houseLetter',
  'houseNumberAddition',
  'familyName',
  'amountCents',
  'note',
] as const;

export const ImportQuery = z.strictObject({
  /** The team that imports (and gets the signals no other team's area claims). */
  teamId: z.uuid().optional(),
  /**
   * The partner organisation that sent the list: required when a worker or team lead imports it
   * on the partner's behalf; a partner account sends for its own organisation (and may leave it out).
   */
  organisationId: z.uuid().optional().meta({
    description:
      "The partner organisation that sent the list (required for a worker or team lead; a partner's own organisation otherwise)",
  }),
});

export const CsvBody = z
  .string()
  .min(1)
  .meta({
    description: `text/csv with the header ${SIGNAL_CSV_COLUMNS.join(',')}`,
  });

export const ImportResult = z
  .object({
    importId: z.uuid(),
    lines: z.number().int(),
    imported: z.number().int(),
    // Not for a partner: how many lines matched a known household would tell a housing
    // corporation which of its tenants the social teams know.
    matchedHouseholds: z
      .number()
      .int()
      .optional()
      .meta({ description: 'Households the teams already knew; left out for a partner' }),
    duplicates: z.number().int(),
    rejected: z.array(
      z.object({ line: z.number().int(), reason: z.string(), reasonNl: z.string() }),
    ),
  })
  .meta({ id: 'SignalImportResult' });

export const SignalSchema = z
  .object({
    id: z.uuid(),
    teamId: z.uuid(),
    kind: SignalKind,
    reference: z.string(),
    /** The partner organisation that sent it; null for a signal of before the sender was kept. */
    organisationId: z.uuid().nullable(),
    organisationName: z.string().nullable(),
    receivedAt: z.string(),
    address: AddressSchema,
    familyName: z.string().nullable(),
    amountCents: z.number().int().nullable(),
    note: z.string().nullable(),
    householdId: z.uuid().nullable(),
    neighbourhoodCode: z.string().nullable(),
    neighbourhoodName: z.string().nullable(),
    status: SignalStatus,
    outreachAt: z.string().nullable(),
    registrationId: z.uuid().nullable(),
    version: z.number().int(),
  })
  .meta({ id: 'Signal' });
export const SignalList = listOf(SignalSchema);

export const SignalQuery = z.strictObject({
  status: SignalStatus.optional(),
  teamId: z.uuid().optional(),
  neighbourhoodCode: z
    .string()
    .regex(/^BU\d{8}$/)
    .optional(),
  limit: z.coerce.number().int().min(1).max(1000).default(200),
  /** The `nextCursor` of the previous page; the same filters must be sent again. */
  cursor: z.string().max(500).optional(),
});

export const OutreachBody = z.strictObject({
  at: Moment,
  outcome: OutreachOutcome,
});

export const OutreachResult = z.object({
  /** Every open signal at the same address is answered by the same visit. */
  updatedSignalIds: z.array(z.uuid()),
  status: OutreachOutcome,
});

export const SignalToRegistrationBody = z.strictObject({
  question: z.string().trim().min(1).max(4000),
  lifeDomains: z.array(LifeDomain).max(14).default([]),
  /** Needed when the signal matched no known household. */
  resident: ResidentInput.optional(),
});

export type Signal = z.infer<typeof SignalSchema>;
