// Referrals from a trajectory, and what is shared with whom: only with the resident's recorded
// consent, and only while the referral is open.
import { z } from 'zod';
import { PastDay } from '../../platform/date-schemas.js';

export const TrajectoryReferralKind = z.enum(['specialist_task', 'handover', 'wmo_advice']);
export const ConsentScopeItem = z.enum(['contact_details', 'question', 'plan', 'network']);
export const WmoProvision = z.enum(['transport', 'wheelchair', 'home_adaptation', 'other']);

export const CreateReferralBody = z.strictObject({
  kind: TrajectoryReferralKind,
  /** The partner organisation that receives it (and may then read what was shared). */
  organisationId: z.uuid().optional(),
  referredTo: z.string().trim().min(1).max(300),
  question: z.string().trim().min(1).max(4000),
  wmoProvision: WmoProvision.optional(),
  consent: z
    .strictObject({
      givenOn: PastDay.describe(
        'The day the resident gave consent: a calendar day in Europe/Amsterdam, today at the latest (a later day is a 400 naming `consent.givenOn`).',
      ),
      scope: z.array(ConsentScopeItem).min(1).max(4),
    })
    .nullable()
    .default(null),
});

export const SharedSchema = z
  .object({
    question: z.string().optional(),
    contactDetails: z
      .object({
        members: z.array(
          z.object({
            givenName: z.string(),
            familyName: z.string(),
            birthDate: z.string().nullable(),
            phone: z.string().nullable(),
          }),
        ),
        address: z.string().nullable(),
      })
      .optional(),
    plan: z
      .object({
        version: z.number().int(),
        domains: z.array(z.object({ domain: z.string(), goal: z.string() })),
        actions: z.array(
          z.object({
            description: z.string(),
            ownerType: z.string(),
            ownerName: z.string(),
            status: z.string(),
          }),
        ),
      })
      .optional(),
    network: z
      .array(
        z.object({ name: z.string(), relation: z.string(), roleInPlan: z.string().nullable() }),
      )
      .optional(),
  })
  .meta({ id: 'SharedWithConsent' });

export const ReferralSchema = z
  .object({
    id: z.uuid(),
    trajectoryId: z.uuid().nullable(),
    kind: z.string(),
    organisationId: z.uuid().nullable(),
    referredTo: z.string(),
    question: z.string().nullable().meta({
      description:
        "The team's question to the receiving organisation. A partner receives it only when the resident consented to sharing the question (then it equals `shared.question`), and null otherwise; it is also null when none was recorded or after erasure at the end of the retention period.",
    }),
    wmoProvision: WmoProvision.nullable(),
    status: z.enum(['open', 'answered', 'closed']),
    consentGivenOn: z.string().nullable(),
    consentScope: z.array(z.string()),
    answer: z.string().nullable(),
    answeredAt: z.string().nullable(),
    createdAt: z.string(),
  })
  .meta({ id: 'Referral' });

/** What the receiving partner sees: the referral and exactly what the resident agreed to share. */
export const PartnerReferralSchema = ReferralSchema.extend({ shared: SharedSchema }).meta({
  id: 'PartnerReferral',
});

export const AnswerBody = z.strictObject({ answer: z.string().trim().min(1).max(4000) });

export type CreateReferralInput = z.output<typeof CreateReferralBody>;
export type Shared = z.infer<typeof SharedSchema>;
