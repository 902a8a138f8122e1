// The business case: the price list, the assumptions, inhabitants per buurt and the yearly
// comparison of costs and estimated savings. Money is integer euro cents (`...Cents`).
import { z } from 'zod';
import { CalendarDay } from '../../platform/date-schemas.js';
import { bilingual } from '../../platform/validation.js';
import { Version } from '../../platform/http-schemas.js';

const PositiveCents = z.number().int().min(1).max(100_000_000_000);

export const ProvisionCategory = z.enum([
  'individual_support',
  'day_activities',
  'supported_housing',
  'household_help',
  'specialist_youth_care',
  'specialist_care',
  'wmo_provision',
]);
export const PriceKind = z.enum(['provision', 'benefit', 'organisation_hour']);
export const AssumptionBasis = z.enum(['closed_without_specialist_care', 'closed_trajectories']);

const validToAfterFrom = {
  message: bilingual('must not be before validFrom', 'mag niet voor validFrom liggen'),
  path: ['validTo'],
};

export const CreatePriceBody = z
  .strictObject({
    kind: PriceKind,
    /** For kind `provision`: which provision or kind of care. */
    provision: ProvisionCategory.optional(),
    /** For kind `organisation_hour`: the partner organisation. */
    organisationId: z.uuid().optional(),
    /** Per year (provision), per month (benefit) or per hour (organisation_hour). */
    amountCents: PositiveCents,
    validFrom: CalendarDay,
    validTo: CalendarDay.nullable().optional(),
    sourceNote: z.string().trim().min(1).max(1000),
    inExecutionBudget: z.boolean().optional(),
  })
  .refine((p) => !p.validTo || p.validTo >= p.validFrom, validToAfterFrom)
  .refine((p) => (p.kind === 'provision') === (p.provision !== undefined), {
    message: bilingual(
      'is required for a provision price and not allowed otherwise',
      'is verplicht bij een voorzieningsprijs en anders niet toegestaan',
    ),
    path: ['provision'],
  })
  .refine((p) => (p.kind === 'organisation_hour') === (p.organisationId !== undefined), {
    message: bilingual(
      'is required for an hourly price and not allowed otherwise',
      'is verplicht bij een uurprijs en anders niet toegestaan',
    ),
    path: ['organisationId'],
  });
export type CreatePriceInput = z.infer<typeof CreatePriceBody>;

export const UpdatePriceBody = z
  .strictObject({
    version: Version,
    amountCents: PositiveCents.optional(),
    validFrom: CalendarDay.optional(),
    validTo: CalendarDay.nullable().optional(),
    sourceNote: z.string().trim().min(1).max(1000).optional(),
    inExecutionBudget: z.boolean().optional(),
  })
  .refine((p) => !p.validTo || !p.validFrom || p.validTo >= p.validFrom, validToAfterFrom);
export type UpdatePriceInput = z.infer<typeof UpdatePriceBody>;

export const PriceSchema = z
  .object({
    id: z.uuid(),
    kind: PriceKind,
    provision: ProvisionCategory.nullable(),
    organisationId: z.uuid().nullable(),
    organisationName: z.string().nullable(),
    amountCents: z.number().int(),
    unit: z.enum(['year', 'month', 'hour']),
    validFrom: z.string(),
    validTo: z.string().nullable(),
    sourceNote: z.string(),
    inExecutionBudget: z.boolean(),
    version: z.number().int(),
  })
  .meta({ id: 'Price' });

const assumptionShape = {
  basis: AssumptionBasis,
  priceKind: z.enum(['provision', 'benefit']),
  provision: ProvisionCategory.optional(),
  shareLowPercent: z.number().int().min(0).max(100),
  shareHighPercent: z.number().int().min(0).max(100),
  monthsLow: z.number().int().min(0).max(120),
  monthsHigh: z.number().int().min(0).max(120),
  sourceNote: z.string().trim().max(1000).optional(),
  active: z.boolean().optional(),
};
const highNotBelowLow = <
  T extends {
    shareLowPercent?: number | undefined;
    shareHighPercent?: number | undefined;
    monthsLow?: number | undefined;
    monthsHigh?: number | undefined;
  },
>(
  schema: z.ZodType<T>,
) =>
  schema
    .refine(
      (a) =>
        a.shareLowPercent === undefined ||
        a.shareHighPercent === undefined ||
        a.shareHighPercent >= a.shareLowPercent,
      {
        message: bilingual(
          'must not be below shareLowPercent',
          'mag niet onder shareLowPercent liggen',
        ),
        path: ['shareHighPercent'],
      },
    )
    .refine(
      (a) => a.monthsLow === undefined || a.monthsHigh === undefined || a.monthsHigh >= a.monthsLow,
      {
        message: bilingual('must not be below monthsLow', 'mag niet onder monthsLow liggen'),
        path: ['monthsHigh'],
      },
    );

export const CreateAssumptionBody = highNotBelowLow(z.strictObject(assumptionShape)).refine(
  (a) => (a.priceKind === 'provision') === (a.provision !== undefined),
  {
    message: bilingual(
      'is required when the price is a provision and not allowed otherwise',
      'is verplicht als de prijs een voorziening is en anders niet toegestaan',
    ),
    path: ['provision'],
  },
);
export type CreateAssumptionInput = z.infer<typeof CreateAssumptionBody>;

export const UpdateAssumptionBody = highNotBelowLow(
  z.strictObject({
    version: Version,
    shareLowPercent: assumptionShape.shareLowPercent.optional(),
    shareHighPercent: assumptionShape.shareHighPercent.optional(),
    monthsLow: assumptionShape.monthsLow.optional(),
    monthsHigh: assumptionShape.monthsHigh.optional(),
    sourceNote: assumptionShape.sourceNote,
    active: assumptionShape.active,
  }),
);
export type UpdateAssumptionInput = z.infer<typeof UpdateAssumptionBody>;

const Label = z.object({ nl: z.string(), en: z.string() });

export const AssumptionSchema = z
  .object({
    id: z.uuid(),
    basis: AssumptionBasis,
    priceKind: z.enum(['provision', 'benefit']),
    provision: ProvisionCategory.nullable(),
    shareLowPercent: z.number().int(),
    shareHighPercent: z.number().int(),
    monthsLow: z.number().int(),
    monthsHigh: z.number().int(),
    sourceNote: z.string(),
    active: z.boolean(),
    /** The assumption as one sentence, as it is shown next to every figure that uses it. */
    sentence: Label,
    version: z.number().int(),
  })
  .meta({ id: 'BusinessCaseAssumption' });

export const InhabitantsSummarySchema = z
  .object({
    items: z.array(
      z.object({
        code: z.string(),
        name: z.string(),
        /** Inhabitants per loaded year ({ "2024": 5210 }). */
        byYear: z.record(z.string(), z.number().int()),
      }),
    ),
    years: z.array(z.number().int()),
  })
  .meta({ id: 'NeighbourhoodInhabitants' });

export const InhabitantsImportResult = z.object({
  rows: z.number().int(),
  skipped: z.number().int(),
  rejected: z.array(
    z.object({
      line: z.number().int(),
      field: z.string(),
      reason: z.string(),
      reasonNl: z.string(),
    }),
  ),
});

/** One step of a figure: which price times which count, so every total can be traced. */
const Part = z.object({
  label: Label,
  /** The arithmetic written out ("3 × € 9.000,00 × 30% × 9/12"). */
  formula: Label,
  cents: z.number().int(),
  /** True when the part rests on an assumption of the municipality, not on a record. */
  estimate: z.boolean(),
});

const Line = z.object({
  key: z.string(),
  label: Label,
  cents: z.number().int(),
  estimate: z.boolean(),
  /** Nothing recorded to count (no execution budget for the year): missing, not zero. */
  unknown: z.boolean(),
  parts: z.array(Part),
});

const Avoided = z.object({
  assumptionId: z.uuid(),
  sentence: Label,
  basisCount: z.number().int(),
  lowCents: z.number().int(),
  highCents: z.number().int(),
  lowParts: z.array(Part),
  highParts: z.array(Part),
});

export const ColumnSchema = z.object({
  year: z.number().int(),
  /** Null for the city-wide column. */
  teamId: z.uuid().nullable(),
  teamName: z.string(),
  /** Through the end of the year, or through today for the running year. */
  through: z.string(),
  costs: z.object({ lines: z.array(Line), totalCents: z.number().int() }),
  reach: z.object({
    trajectories: z.number().int(),
    residentsReached: z.number().int(),
    inhabitants: z.number().int().nullable(),
    inhabitantsYears: z.array(z.number().int()),
    missingInhabitants: z.array(z.object({ code: z.string(), name: z.string() })),
  }),
  perTrajectoryCents: z.number().int().nullable(),
  perResidentCents: z.number().int().nullable(),
  perInhabitantCents: z.number().int().nullable(),
  savings: z.object({
    closedWithoutSpecialistCare: z.number().int(),
    closedTrajectories: z.number().int(),
    workBudgetReturns: Line,
    avoided: z.array(Avoided),
    lowCents: z.number().int(),
    highCents: z.number().int(),
  }),
  referralsMade: Line.extend({ count: z.number().int() }),
  balanceLowCents: z.number().int(),
  balanceHighCents: z.number().int(),
  /** Things that could not be priced: shown, never counted as zero. */
  missing: z.array(Label),
  /** False when something is missing: the totals are then a lower bound. */
  complete: z.boolean(),
});

export const BusinessCaseSchema = z
  .object({
    years: z.array(z.number().int()),
    cityWide: z.boolean(),
    columns: z.array(ColumnSchema),
    assumptions: z.array(AssumptionSchema),
  })
  .meta({ id: 'BusinessCase' });
export type BusinessCase = z.infer<typeof BusinessCaseSchema>;
export type Column = z.infer<typeof ColumnSchema>;

export const BusinessCaseQuery = z
  .strictObject({
    fromYear: z.coerce.number().int().min(2000).max(2100).optional(),
    toYear: z.coerce.number().int().min(2000).max(2100).optional(),
    teamId: z.uuid().optional(),
  })
  .refine(
    (q) => !q.fromYear || !q.toYear || (q.toYear >= q.fromYear && q.toYear - q.fromYear < 6),
    {
      message: bilingual(
        'must be at or after fromYear, at most 6 years in all',
        'moet op of na fromYear liggen, hoogstens 6 jaar in totaal',
      ),
      path: ['toYear'],
    },
  );
