// The entry point's contract: registrations, first contact and triage.
import { z } from 'zod';
import { Moment } from '../../platform/date-schemas.js';
import { BaseVersion, listOf } from '../../platform/http-schemas.js';
import { bilingual } from '../../platform/validation.js';
import { ResidentInput } from '../households/households.schemas.js';

export const LifeDomain = z.enum([
  'finances',
  'work_and_education',
  'daytime_activities',
  'housing',
  'domestic_relations',
  'mental_health',
  'physical_health',
  'substance_use',
  'self_care',
  'daily_activities',
  'social_network',
  'participation',
  'justice',
  'parenting',
]);

export const RegistrationSource = z.enum([
  'self',
  'network',
  'gp',
  'housing_corporation',
  'police',
  'work_and_income',
  'school',
  'outreach',
  'other',
]);
export const ContactKind = z.enum(['home_visit', 'phone', 'office', 'other']);
export const TriageOutcome = z.enum([
  'advice_only',
  'single_problem',
  'multiple_problems',
  'youth_family',
  'out_of_scope',
]);
/** What a team does not do (003, "wat doet een buurtteam niet?"): the out-of-scope reasons. */
export const OutOfScopeReason = z.enum([
  'medical_treatment',
  'personal_care_household_help',
  'acute_crisis_care',
  'care_avoiders_beyond_reach',
  'no_postcode',
  'residential_facility',
  'coercive_measures',
  'debt_settlement_budget_management',
  'specialist_job_placement',
  'residents_initiatives',
]);
export const SingleProblemRoute = z.enum(['volunteer', 'collective', 'specialist']);

export const CreateRegistrationBody = z.strictObject({
  teamId: z.uuid(),
  source: RegistrationSource,
  receivedAt: Moment,
  question: z.string().trim().min(1).max(4000),
  lifeDomains: z.array(LifeDomain).max(14).default([]),
  householdId: z.uuid().optional(),
  resident: ResidentInput.optional(),
  /**
   * The worker saw the possible matches and confirms this is a new person (a BSN match still
   * links). Without it a match on name and birth date, or on address, is linked. Not a partner's
   * to send (it sees no matches): from a partner `true` is refused (registrations.service.ts).
   */
  confirmedNew: z.boolean().default(false),
  /**
   * An information-and-advice contact that needs no file: recorded, first contact and triage
   * (advice only) in one step, with no person data needed. It still counts in the figures.
   */
  adviceOnly: z
    .strictObject({ contactKind: ContactKind, note: z.string().trim().max(2000).optional() })
    .optional(),
});

export const CreatedRegistration = z
  .object({
    id: z.uuid(),
    status: z.enum(['new', 'contacted', 'triaged']),
    householdId: z.uuid().nullable(),
    residentId: z.uuid().nullable(),
    matchedExisting: z.boolean(),
  })
  .meta({ id: 'CreatedRegistration' });

/**
 * What a partner reads back: only its registration's id and status. Whether the person was known
 * (and where) stays with the teams, so every partner registration answers the same shape.
 */
export const PartnerCreatedRegistration = z
  .object({
    id: z.uuid(),
    status: z.enum(['new', 'triaged']),
  })
  .meta({ id: 'PartnerCreatedRegistration' });

/**
 * The answer to a new registration: a worker's or team lead's (CreatedRegistration) or a
 * partner's (PartnerCreatedRegistration). The full shape comes first: an answer is checked
 * against the options in order, and the partner's would drop a worker's fields.
 */
export const CreatedRegistrationAnswer = z.union([CreatedRegistration, PartnerCreatedRegistration]);

export const RegistrationSchema = z
  .object({
    id: z.uuid(),
    teamId: z.uuid(),
    source: RegistrationSource,
    receivedAt: z.string(),
    question: z.string(),
    lifeDomains: z.array(z.string()),
    status: z.enum(['new', 'contacted', 'triaged']),
    householdId: z.uuid().nullable(),
    residentId: z.uuid().nullable(),
    residentName: z.string().nullable(),
    neighbourhoodName: z.string().nullable(),
    /** Hours since it came in, up to now or to the first contact. */
    waitingHours: z.number(),
    firstContactAt: z.string().nullable(),
    firstContactKind: ContactKind.nullable(),
    triageOutcome: TriageOutcome.nullable(),
    triageReason: z.string().nullable(),
    triageNote: z.string().nullable(),
    referredTo: z.string().nullable(),
    triagedAt: z.string().nullable(),
    trajectoryId: z.uuid().nullable(),
    /**
     * Whether triage opened the trajectory for this registration (true), or linked it to the
     * household's trajectory that was already running (false); null without a trajectory.
     */
    trajectoryOpened: z.boolean().nullable(),
    /**
     * The household's trajectory whose aftercare this registration's triage ended before opening
     * the new one (a relapse during aftercare), as the triage answered it; null otherwise.
     */
    endedAftercareTrajectoryId: z.uuid().nullable(),
    version: z.number().int(),
  })
  .meta({ id: 'Registration' });
export const RegistrationList = listOf(RegistrationSchema);

export const RegistrationQuery = z.strictObject({
  status: z.enum(['new', 'contacted', 'triaged']).optional(),
  teamId: z.uuid().optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
  /** The `nextCursor` of the previous page; the same filters must be sent again. */
  cursor: z.string().max(500).optional(),
});

/**
 * The resident of a registration made without one, recorded later: the resident part of a new
 * registration (householdId, resident, confirmedNew, with the same matching), and the version of
 * the registration as it was read.
 */
export const RecordResidentBody = CreateRegistrationBody.pick({
  householdId: true,
  resident: true,
  confirmedNew: true,
})
  .extend({ version: BaseVersion })
  .superRefine((body, ctx) => {
    if (!body.resident && !body.householdId) {
      ctx.addIssue({
        code: 'custom',
        path: ['resident'],
        message: bilingual(
          'is required: the resident, or the household (householdId) to link',
          'is verplicht: de inwoner, of het huishouden (householdId) om te koppelen',
        ),
      });
    }
  });

export const RecordedResident = z
  .object({
    id: z.uuid(),
    status: z.enum(['new', 'contacted']),
    householdId: z.uuid(),
    residentId: z.uuid().nullable(),
    matchedExisting: z.boolean(),
    version: z.number().int(),
  })
  .meta({ id: 'RecordedResident' });

export const FirstContactBody = z.strictObject({ at: Moment, kind: ContactKind });

export const TriageBody = z
  .strictObject({
    outcome: TriageOutcome,
    note: z.string().trim().max(4000).optional(),
    referredTo: z.string().trim().min(1).max(300).optional(),
    /** single_problem: to a volunteer, a collective provision or a specialist. */
    route: SingleProblemRoute.optional(),
    /** out_of_scope: which of the things a team does not do. */
    outOfScopeReason: OutOfScopeReason.optional(),
  })
  .superRefine((body, ctx) => {
    const need = (field: 'referredTo' | 'route' | 'outOfScopeReason', en: string, nl: string) => {
      if (body[field] === undefined)
        ctx.addIssue({ code: 'custom', path: [field], message: bilingual(en, nl) });
    };
    if (body.outcome === 'single_problem') {
      need('route', 'is required for a single problem', 'is verplicht bij een enkelvoudige vraag');
      need(
        'referredTo',
        'is required for a single problem',
        'is verplicht bij een enkelvoudige vraag',
      );
    }
    if (body.outcome === 'out_of_scope') {
      need(
        'outOfScopeReason',
        'is required when out of scope',
        'is verplicht als de vraag buiten het team valt',
      );
      need('referredTo', 'is required: a warm referral', 'is verplicht: een warme overdracht');
    }
  });

export const TriageResult = z
  .object({
    id: z.uuid(),
    status: z.literal('triaged'),
    outcome: TriageOutcome,
    trajectoryId: z.uuid().nullable(),
    /** True when triage opened a new trajectory; false when it joined the household's running one. */
    trajectoryOpened: z.boolean(),
    /**
     * The household's trajectory whose aftercare this triage ended (closed, its outcome kept)
     * before opening the new one: a relapse during aftercare. Null otherwise.
     */
    endedAftercareTrajectoryId: z.uuid().nullable(),
    referralId: z.uuid().nullable(),
  })
  .meta({ id: 'TriageResult' });

export type CreateRegistrationInput = z.output<typeof CreateRegistrationBody>;
export type CreatedRegistrationAnswer = z.infer<typeof CreatedRegistrationAnswer>;
export type TriageInput = z.output<typeof TriageBody>;
export type RecordResidentInput = z.output<typeof RecordResidentBody>;
export type RecordedResident = z.infer<typeof RecordedResident>;
export type Registration = z.infer<typeof RegistrationSchema>;
