// The krachtplan: made at the kitchen table with the eight questions of the werkkader (003),
// per life domain the situation, strengths and goal, actions with an owner, agreements, a crisis
// plan and the network around the household. Every save is a new version.
import { z } from 'zod';
import { CalendarDay } from '../../platform/date-schemas.js';
import { BaseVersion, PG_INTEGER_MAX } from '../../platform/http-schemas.js';
import { LifeDomain } from '../registrations/registrations.schemas.js';

/** The eight kitchen-table questions, in the order of the werkkader. */
export const PlanQuestion = z.enum([
  'own_strength', // Wat kan ik zelf?
  'network', // Wat kan mijn familie, vrienden, buren doen?
  'volunteer', // Wat kan een vrijwilliger doen?
  'collective', // Welke collectieve ondersteuning is er?
  'team', // Wat kan het buurtteam doen?
  'specialist', // Waar heb ik een specialist voor nodig?
  'become_active', // Hoe kan ik actiever worden?
  'contribute', // Hoe kan ik bijdragen aan mijn omgeving?
]);

export const ActionOwnerType = z.enum([
  'resident',
  'network',
  'volunteer',
  'collective',
  'team',
  'specialist',
]);
export const ActionStatus = z.enum(['open', 'done', 'dropped']);
export const NetworkRelation = z.enum([
  'family',
  'friend',
  'neighbour',
  'volunteer',
  'informal_carer',
  'professional',
  'other',
]);

const Text = (max: number) => z.string().trim().max(max);

export const PlanDomainSchema = z.strictObject({
  domain: LifeDomain,
  situation: Text(4000).default(''),
  strengths: Text(4000).default(''),
  goal: Text(2000).default(''),
});

export const PlanActionSchema = z.strictObject({
  id: z.uuid().optional(),
  description: Text(1000).min(1),
  ownerType: ActionOwnerType,
  ownerName: Text(200).min(1),
  // Null as well as absent: a plan as GET returns it can be sent back as it is.
  domain: LifeDomain.nullish(),
  dueDate: CalendarDay.nullish(),
  status: ActionStatus.default('open'),
});

export const NetworkMemberSchema = z.strictObject({
  id: z.uuid().optional(),
  name: Text(200).min(1),
  relation: NetworkRelation,
  /** 1 = close (inner circle), 2 = involved, 3 = at a distance. */
  closeness: z.number().int().min(1).max(3),
  roleInPlan: Text(500).nullish(),
});

export const CrisisPlanSchema = z.strictObject({
  signs: Text(2000).default(''),
  whatToDo: Text(2000).default(''),
  whoToCall: Text(1000).default(''),
  agreedWithInformalCarer: z.boolean().default(false),
});

export const PlanBody = z.strictObject({
  /** The version this edit started from; 0 for the first plan. */
  version: BaseVersion,
  answers: z.partialRecord(PlanQuestion, Text(4000)).default({}),
  domains: z.array(PlanDomainSchema).max(14).default([]),
  actions: z.array(PlanActionSchema).max(200).default([]),
  agreements: z.array(Text(1000).min(1)).max(50).default([]),
  crisisPlan: CrisisPlanSchema.nullable().default(null),
  network: z.array(NetworkMemberSchema).max(100).default([]),
});
export type PlanInput = z.output<typeof PlanBody>;

/** One action added to the plan as a new version ("add to the plan" from the social map). */
export const AppendActionBody = z.strictObject({
  /** The plan version on screen; a stale one gets 409 and changes nothing. */
  version: BaseVersion,
  description: Text(1000).min(1),
  ownerType: ActionOwnerType,
  ownerName: Text(200).min(1),
  domain: LifeDomain.optional(),
  dueDate: CalendarDay.optional(),
});

/** The plan as stored in a version and as returned: every action and network member has an id. */
export const PlanSchema = z
  .object({
    trajectoryId: z.uuid(),
    version: z.number().int(),
    answers: z.partialRecord(PlanQuestion, z.string()),
    domains: z.array(
      z.object({
        domain: z.string(),
        situation: z.string(),
        strengths: z.string(),
        goal: z.string(),
      }),
    ),
    actions: z.array(
      z.object({
        id: z.uuid(),
        description: z.string(),
        ownerType: ActionOwnerType,
        ownerName: z.string(),
        domain: z.string().nullable(),
        dueDate: z.string().nullable(),
        status: ActionStatus,
      }),
    ),
    agreements: z.array(z.string()),
    crisisPlan: z
      .object({
        signs: z.string(),
        whatToDo: z.string(),
        whoToCall: z.string(),
        agreedWithInformalCarer: z.boolean(),
      })
      .nullable(),
    network: z.array(
      z.object({
        id: z.uuid(),
        name: z.string(),
        relation: NetworkRelation,
        closeness: z.number().int(),
        roleInPlan: z.string().nullable(),
      }),
    ),
    savedAt: z.string().nullable(),
    savedBy: z.object({ id: z.uuid(), name: z.string() }).nullable(),
    agreement: z
      .object({ agreedOn: z.string(), method: z.string(), note: z.string().nullable() })
      .nullable(),
  })
  .meta({ id: 'Plan' });
export type Plan = z.infer<typeof PlanSchema>;
export type StoredPlan = Pick<
  Plan,
  'answers' | 'domains' | 'actions' | 'agreements' | 'crisisPlan' | 'network'
>;

export const PlanChangeSchema = z
  .object({
    section: z.enum(['answers', 'domains', 'actions', 'agreements', 'crisisPlan', 'network']),
    item: z.string().nullable(),
    change: z.enum(['added', 'removed', 'changed']),
  })
  .meta({ id: 'PlanChange' });
export type PlanChange = z.infer<typeof PlanChangeSchema>;

export const PlanVersionSummary = z.object({
  version: z.number().int(),
  savedAt: z.string(),
  savedBy: z.object({ id: z.uuid(), name: z.string() }),
  changes: z.array(PlanChangeSchema),
  /** The date of the resident's agreement that holds for this version, if any. */
  agreedOn: z.string().nullable(),
  /**
   * The version that agreement was given to: this one, or an earlier one when only progress was
   * made since (actions ticked off or reopened), which keeps an agreement. Null without agreement.
   */
  agreedVersion: z.number().int().nullable(),
});

export const VersionParams = z.strictObject({
  id: z.uuid(),
  version: z.coerce.number().int().min(1).max(PG_INTEGER_MAX),
});

/**
 * The resident's agreement, recorded for the current version only and once: an older version, or
 * one that already has an agreement, answers 409 naming `version`; a date in the future or before
 * the day the version was saved (calendar days in Amsterdam) answers 400 naming `agreedOn`
 * (plans.service recordAgreementInTransaction).
 */
export const AgreementBody = z
  .strictObject({
    agreedOn: CalendarDay,
    method: z.enum(['in_person', 'signature', 'portal', 'verbal']),
    note: Text(1000).optional(),
  })
  .meta({
    description:
      'For the current version only, and once: an older version, or one that already has an agreement (its own, or one kept because only actions were ticked off since), answers 409 naming `version`; an agreement is never overwritten. `agreedOn` is a calendar day in Europe/Amsterdam, not in the future and not before the day the version was saved (a version saved at 00:30 on the 5th may be agreed to on the 5th): otherwise 400 naming `agreedOn`. Nothing changes when it is refused.',
  });
