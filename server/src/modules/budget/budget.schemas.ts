// The werkbudget and the execution budget. Money is integer euro cents (`...Cents`).
import { z } from 'zod';
import { CalendarDay } from '../../platform/date-schemas.js';
import { bilingual } from '../../platform/validation.js';

const Cents = z.number().int().min(0).max(100_000_000_000);
const PositiveCents = z.number().int().min(1).max(100_000_000_000);
export const YearParams = z.strictObject({ year: z.coerce.number().int().min(2000).max(2100) });
export const Vat = z.enum(['included', 'excluded', 'exempt']);
export const ReturnCategory = z.enum([
  'work',
  'health',
  'housing',
  'debts',
  'participation',
  'school',
  'other',
]);

/** The version of a record as it was read: sent back with a change, 409 when it is stale. */
const Version = z.number().int().min(0).max(2_147_483_647);

export const WorkBudgetBody = z.strictObject({
  /**
   * The year's werkbudget as read (`version` of GET), or 0 for a year that has none yet. A stale
   * one is a 409 with `currentVersion`, and nothing changes: two people setting the budget from
   * the same read would otherwise silently undo each other's top-ups and allocations. Optional
   * only because the fixed API (design/API.md) lists the body without it: left out, the PUT sets
   * the budget unconditionally, as it always did. The web app always sends it.
   */
  version: Version.optional(),
  /** The year's own budget, before top-ups. */
  totalCents: Cents,
  allocations: z
    .array(z.strictObject({ teamId: z.uuid().nullable(), cents: Cents }))
    .max(100)
    .default([]),
  topUps: z
    .array(z.strictObject({ source: z.string().trim().min(1).max(200), cents: Cents }))
    .max(50)
    .default([]),
  mandate: z
    .strictObject({ workerCents: Cents, teamLeadCents: Cents })
    .refine((m) => m.teamLeadCents >= m.workerCents, {
      message: bilingual(
        "must be at least the worker's mandate",
        'moet minstens het mandaat van de medewerker zijn',
      ),
      path: ['teamLeadCents'],
    })
    .optional(),
});

export const WorkBudgetSchema = z
  .object({
    year: z.number().int(),
    totalCents: z.number().int(),
    topUps: z.array(z.object({ source: z.string(), cents: z.number().int() })),
    allocations: z.array(z.object({ teamId: z.uuid().nullable(), cents: z.number().int() })),
    mandate: z.object({ workerCents: z.number().int(), teamLeadCents: z.number().int() }),
    version: z.number().int(),
  })
  .meta({ id: 'WorkBudget' });

export const PotSchema = z.object({
  teamId: z.uuid().nullable(),
  teamName: z.string(),
  allocatedCents: z.number().int(),
  committedCents: z.number().int(),
  paidCents: z.number().int(),
  remainingCents: z.number().int(),
});

export const SummarySchema = z
  .object({
    year: z.number().int(),
    totalCents: z.number().int(),
    committedCents: z.number().int(),
    paidCents: z.number().int(),
    remainingCents: z.number().int(),
    requests: z.number().int(),
    byTeam: z.array(PotSchema),
    mandate: z.object({ workerCents: z.number().int(), teamLeadCents: z.number().int() }),
  })
  .meta({ id: 'WorkBudgetSummary' });

export const CreateRequestBody = z.strictObject({
  trajectoryId: z.uuid(),
  purpose: z.string().trim().min(1).max(500),
  amountCents: PositiveCents,
  vat: Vat,
  vatNote: z.string().trim().max(500).optional(),
  justification: z.string().trim().min(1).max(4000),
  alternativesTried: z.string().trim().min(1).max(4000),
  planGoal: z.string().trim().max(1000).optional(),
  /** Defaults to the current year in Amsterdam. */
  year: z.number().int().min(2000).max(2100).optional(),
});

export const RequestSchema = z
  .object({
    id: z.uuid(),
    teamId: z.uuid(),
    trajectoryId: z.uuid().nullable(),
    year: z.number().int(),
    purpose: z.string(),
    amountCents: z.number().int(),
    vat: Vat,
    vatNote: z.string().nullable(),
    justification: z.string(),
    alternativesTried: z.string(),
    planGoal: z.string().nullable(),
    status: z.enum(['requested', 'approved', 'rejected', 'paid', 'correction']),
    approvalLevel: z.enum(['worker', 'team_lead', 'municipality']),
    requestedAt: z.string(),
    requestedBy: z.string(),
    decidedAt: z.string().nullable(),
    decisionNote: z.string().nullable(),
    paidOn: z.string().nullable(),
    payee: z.string().nullable(),
    paymentReference: z.string().nullable(),
    correctionOf: z.uuid().nullable(),
    return: z
      .object({
        social: z.string(),
        category: ReturnCategory,
        financial: z
          .object({ kind: z.string(), monthlyCents: z.number().int(), months: z.number().int() })
          .nullable(),
        /** Sent back to replace this return (POST .../return `version`). */
        version: z.number().int(),
      })
      .nullable(),
    version: z.number().int(),
  })
  .meta({ id: 'WorkBudgetRequest' });

export const RequestQuery = z.strictObject({
  year: z.coerce.number().int().min(2000).max(2100).optional(),
  status: z.enum(['requested', 'approved', 'rejected', 'paid', 'correction']).optional(),
  /** Only the requests this caller may decide now. */
  toDecide: z.enum(['true', 'false']).optional(),
});

export const ApproveBody = z.strictObject({ note: z.string().trim().max(2000).optional() });
export const RejectBody = z.strictObject({ reason: z.string().trim().min(1).max(2000) });
export const PayBody = z.strictObject({
  paidOn: CalendarDay,
  payee: z.string().trim().min(1).max(300),
  reference: z.string().trim().max(200).optional(),
});
export const CorrectionBody = z.strictObject({
  /** The counter-entry: negative to give money back (e.g. a refund), positive for an extra cost. */
  amountCents: z
    .number()
    .int()
    .min(-100_000_000_000)
    .max(100_000_000_000)
    .refine((v) => v !== 0, {
      message: bilingual('must not be zero', 'mag niet nul zijn'),
    }),
  reason: z.string().trim().min(1).max(2000),
});
export const ReturnBody = z.strictObject({
  /**
   * The recorded return's version as read (`return.version`), to replace it; left out (or 0) for
   * the first return of a request. A stale or missing one is a 409 with `currentVersion`.
   */
  version: Version.optional(),
  social: z.string().trim().min(1).max(4000),
  category: ReturnCategory,
  financial: z
    .strictObject({
      kind: z.string().trim().min(1).max(200),
      monthlyCents: Cents,
      months: z.number().int().min(0).max(120),
    })
    .optional(),
});

export const ExecutionBudgetBody = z.strictObject({
  costLines: z
    .array(
      z.strictObject({
        label: z.string().trim().min(1).max(300),
        cents: Cents,
        vatNote: z.string().trim().max(300).optional(),
        realisedCents: Cents.optional(),
      }),
    )
    .max(100),
  coverageLines: z
    .array(
      z.strictObject({
        source: z.string().trim().min(1).max(300),
        cents: Cents,
        realisedCents: Cents.optional(),
      }),
    )
    .max(100),
});
export const ExecutionBudgetSchema = z
  .object({
    year: z.number().int(),
    costLines: z.array(
      z.object({
        label: z.string(),
        cents: z.number().int(),
        vatNote: z.string().nullable(),
        realisedCents: z.number().int().nullable(),
      }),
    ),
    coverageLines: z.array(
      z.object({
        source: z.string(),
        cents: z.number().int(),
        realisedCents: z.number().int().nullable(),
      }),
    ),
    totalCostCents: z.number().int(),
    totalCoverageCents: z.number().int(),
    balanced: z.boolean(),
    differenceCents: z.number().int(),
    realisedCostCents: z.number().int(),
    realisedCoverageCents: z.number().int(),
  })
  .meta({ id: 'ExecutionBudget' });

export const EvaluationSchema = z
  .object({
    year: z.number().int(),
    uses: z.number().int(),
    spentCents: z.number().int(),
    byCategory: z.array(
      z.object({ category: z.string(), uses: z.number().int(), spentCents: z.number().int() }),
    ),
    byTeam: z.array(
      z.object({
        teamId: z.uuid(),
        teamName: z.string(),
        uses: z.number().int(),
        spentCents: z.number().int(),
      }),
    ),
    estimatedFinancialReturnCents: z.number().int(),
    returnsMissing: z.number().int(),
    cases: z.array(
      z.object({
        purpose: z.string(),
        /** Net: the payment with its corrections. The cases add up to `spentCents`. */
        amountCents: z.number().int(),
        /** The sum of the corrections in `amountCents` (0 without any). */
        correctionsCents: z.number().int(),
        vat: Vat,
        paidOn: z.string().nullable(),
        category: z.string().nullable(),
        socialReturn: z.string().nullable(),
        financialReturnCents: z.number().int().nullable(),
      }),
    ),
  })
  .meta({ id: 'WorkBudgetEvaluation' });

export type WorkBudgetInput = z.output<typeof WorkBudgetBody>;
export type CreateRequestInput = z.output<typeof CreateRequestBody>;
export type ReturnInput = z.output<typeof ReturnBody>;
export type ExecutionBudgetInput = z.output<typeof ExecutionBudgetBody>;
