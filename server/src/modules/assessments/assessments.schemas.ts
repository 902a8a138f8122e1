import { z } from 'zod';
import { CalendarDay } from '../../platform/date-schemas.js';
import { ZRM_INSTRUMENTS } from './instruments.js';

export const InstrumentKey = z.enum(['zrm-2013', 'zrm-2017', 'positive-health']);
export const Moment = z.enum(['start', 'three_months', 'closure', 'interim']);

export const InstrumentSchema = z
  .object({
    key: InstrumentKey,
    name: z.string(),
    kind: z.enum(['zrm', 'positive_health']),
    domains: z.array(
      z.object({
        key: z.string(),
        name: z.string(),
        nameEn: z.string(),
        /** The licensed level texts, where the municipality has loaded them. */
        levelTexts: z.record(z.string(), z.string()).nullable(),
      }),
    ),
    scale: z.object({ min: z.number(), max: z.number(), step: z.number() }),
    levels: z.array(z.object({ value: z.number(), label: z.string(), labelEn: z.string() })),
    /** The municipality's choice: the ZRM version in use, and Positieve Gezondheid if enabled. */
    inUse: z.boolean(),
  })
  .meta({ id: 'Instrument' });

export const InstrumentSettingsBody = z.strictObject({
  zrmInstrument: z.enum(ZRM_INSTRUMENTS),
  positiveHealthEnabled: z.boolean(),
});
export const InstrumentSettingsSchema = z.object({
  zrmInstrument: z.enum(ZRM_INSTRUMENTS),
  positiveHealthEnabled: z.boolean(),
});

/** An instrument definition file: the licensed text of every level of every domain. */
export const InstrumentTextsBody = z.strictObject({
  levels: z.record(
    z.string().max(50),
    z.record(z.string().regex(/^\d{1,2}$/), z.string().trim().min(1).max(2000)),
  ),
});

export const AssessmentBody = z.strictObject({
  instrument: InstrumentKey,
  moment: Moment,
  takenAt: CalendarDay,
  /** The household member measured; defaults to the trajectory's registered resident. */
  residentId: z.uuid().optional(),
  scores: z.record(z.string().max(50), z.number().nullable()),
});

export const AssessmentSchema = z
  .object({
    id: z.uuid(),
    trajectoryId: z.uuid(),
    residentId: z.uuid().nullable(),
    instrument: InstrumentKey,
    moment: Moment,
    takenAt: z.string(),
    scores: z.record(z.string(), z.number().nullable()),
  })
  .meta({ id: 'Assessment' });

export const DomainChangeSchema = z.object({
  domain: z.string(),
  first: z.number().nullable(),
  last: z.number().nullable(),
  change: z.number().nullable(),
  direction: z.enum(['improved', 'stable', 'declined']).nullable(),
});

/** A measurement in a trajectory's list: with the name of the member measured. */
export const MeasuredAssessmentSchema = AssessmentSchema.extend({
  /** The member's name; null for a measurement of the household as a whole. */
  residentName: z.string().nullable(),
}).meta({ id: 'MeasuredAssessment' });

export const TrajectoryAssessments = z.object({
  items: z.array(MeasuredAssessmentSchema),
  /**
   * Per member measured and per instrument (the ZRM versions are one series): that member's first
   * measurement against their latest, per domain. Never one member's against another's.
   */
  progress: z.array(
    z.object({
      /** The member measured; null: the household as a whole, compared with its own. */
      residentId: z.uuid().nullable(),
      residentName: z.string().nullable(),
      instrument: InstrumentKey,
      /** The first measurement's version: differs from `instrument` after a change of ZRM version. */
      fromInstrument: InstrumentKey,
      fromMoment: Moment,
      toMoment: Moment,
      domains: z.array(DomainChangeSchema),
    }),
  ),
});

/**
 * The measurements tab as the team reads it: the measurements and progress, and what the scoring
 * form needs to choose whom it measures and when (the portal reads TrajectoryAssessments alone).
 */
export const TeamTrajectoryAssessments = TrajectoryAssessments.extend({
  /**
   * The trajectory's three-month day (YYYY-MM-DD): the calendar day in Amsterdam three months
   * after the opening, the first day a measurement after three months may carry, for every member
   * (and never before that member's own start measurement).
   */
  threeMonthDay: z.iso.date(),
  /**
   * The member a measurement without `residentId` measures: the resident of the trajectory's first
   * registration; null: such a measurement is of the household as a whole.
   */
  registeredResidentId: z.uuid().nullable(),
});

export const DueItem = z
  .object({
    trajectoryId: z.uuid(),
    household: z.string().nullable(),
    moment: z.enum(['start', 'three_months', 'closure']),
    dueSince: z.string(),
  })
  .meta({ id: 'DueMeasurement' });

export const ZrmReportQuery = z.strictObject({
  teamId: z.uuid().optional(),
  /** CBS buurtcode of the household's address, as in the monitor. */
  neighbourhoodCode: z
    .string()
    .regex(/^BU\d{8}$/)
    .optional(),
  from: CalendarDay.optional(),
  to: CalendarDay.optional(),
  comparison: z.enum(['start_three_months', 'start_closure']).default('start_three_months'),
});

export const ZrmReportSchema = z
  .object({
    instrument: InstrumentKey,
    comparison: z.enum(['start_three_months', 'start_closure']),
    /** The ZRM versions of the pairs (start>later), so a change of version is visible. */
    versionPairs: z.array(z.string()),
    domains: z.array(
      z.object({
        domain: z.string(),
        name: z.string(),
        /** Also in the other ZRM version, so pairs across a change of version count here. */
        sharedAcrossVersions: z.boolean(),
        pairs: z.number().int(),
        improved: z.number(),
        stable: z.number(),
        declined: z.number(),
        meanChange: z.number().nullable(),
        test: z.object({
          n: z.number().int(),
          wPlus: z.number(),
          wMinus: z.number(),
          pValue: z.number().nullable(),
          method: z.enum(['exact', 'normal', 'too_few_pairs']),
        }),
      }),
    ),
    completeness: z.object({
      trajectories: z.number().int(),
      withStart: z.number().int(),
      withThreeMonths: z.number().int(),
      withClosure: z.number().int(),
      /**
       * Of `trajectories`, those due a second measurement by the period's end: still open on their
       * three-month day, or closed by then without a reason for no closing measurement.
       */
      dueForRepeat: z.number().int(),
      /**
       * Share of `dueForRepeat` with a start and at least one later ZRM (the seeds' known gap), as
       * the monitor's zrm_repeated_share.
       */
      repeatedShare: z.number().nullable(),
    }),
  })
  .meta({ id: 'ZrmReport' });

export type AssessmentInput = z.output<typeof AssessmentBody>;
