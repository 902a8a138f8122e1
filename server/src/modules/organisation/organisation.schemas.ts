// The contract of the organisation model: what comes in, and exactly what may go out.
import { z } from 'zod';
import { CalendarDay } from '../../platform/date-schemas.js';
import { Version, listOf, wholeListOf } from '../../platform/http-schemas.js';
import { bilingual } from '../../platform/validation.js';

export const TeamType = z.enum(['social', 'youth_family', 'integral']);
export const StaffRoleSchema = z.enum([
  'worker',
  'team_lead',
  'municipality',
  'admin',
  'partner',
  'volunteer',
]);

const NeighbourhoodCode = z.string().regex(/^BU\d{8}$/, {
  error: bilingual(
    'must be a CBS buurtcode like BU09350205',
    'moet een CBS-buurtcode zijn, zoals BU09350205',
  ),
});
const Name = z.string().trim().min(1).max(200);

export const NeighbourhoodSchema = z
  .object({
    code: z.string(),
    name: z.string(),
    districtCode: z.string(),
    districtName: z.string(),
  })
  .meta({ id: 'Neighbourhood' });
export const NeighbourhoodList = listOf(NeighbourhoodSchema);

export const TeamSchema = z
  .object({
    id: z.uuid(),
    name: z.string(),
    type: TeamType,
    workingArea: z.string(),
    neighbourhoodCodes: z.array(z.string()),
    version: z.number().int(),
  })
  .meta({ id: 'Team' });
export const TeamList = listOf(TeamSchema);

export const CreateTeamBody = z.strictObject({
  name: Name,
  type: TeamType,
  workingArea: z.string().trim().max(500).default(''),
  neighbourhoodCodes: z.array(NeighbourhoodCode).max(500).default([]),
});
export const UpdateTeamBody = z.strictObject({
  version: Version,
  name: Name.optional(),
  type: TeamType.optional(),
  workingArea: z.string().trim().max(500).optional(),
  neighbourhoodCodes: z.array(NeighbourhoodCode).max(500).optional(),
});

export const CompositionSchema = z
  .object({
    teamId: z.uuid(),
    items: z.array(
      z.object({
        organisationId: z.uuid().nullable(),
        organisationName: z.string().nullable(),
        staffCount: z.number().int(),
        hoursPerWeek: z.number(),
        fte: z.number(),
      }),
    ),
    totalHoursPerWeek: z.number(),
    totalFte: z.number(),
    hoursPerFte: z.number(),
    /**
     * The hours a week a secondment is at least (seed 003: "minimaal 28 uur per week"). A signal,
     * not a rule: hours below it are accepted.
     */
    minimumSecondmentHoursPerWeek: z.number(),
    /**
     * How many active seconded workers (role worker) of this team have fewer hours a week than
     * the minimum, counting their hours in total over all their teams. A worker in two teams
     * counts in both teams' figures.
     */
    secondedBelowMinimumCount: z.number().int(),
    /**
     * Who they are, with their total hours a week: only to the administrator and the team's own
     * team lead (audited as a staff read); left out for everyone else.
     */
    secondedBelowMinimum: z
      .array(z.object({ staffId: z.uuid(), name: z.string(), hoursPerWeek: z.number() }))
      .optional(),
  })
  .meta({ id: 'TeamComposition' });

const AccountContact = z.object({ name: z.string(), email: z.string(), phone: z.string() });
export const OrganisationSchema = z
  .object({
    id: z.uuid(),
    name: z.string(),
    accountContact: AccountContact,
    version: z.number().int(),
  })
  .meta({ id: 'Organisation' });
export const OrganisationList = listOf(OrganisationSchema);

const AccountContactInput = z.strictObject({
  name: Name,
  email: z.email().max(320),
  phone: z.string().trim().max(40).default(''),
});
export const CreateOrganisationBody = z.strictObject({
  name: Name,
  accountContact: AccountContactInput,
});
export const UpdateOrganisationBody = z.strictObject({
  version: Version,
  name: Name.optional(),
  accountContact: AccountContactInput.optional(),
});

export const StaffSchema = z
  .object({
    id: z.uuid(),
    name: z.string(),
    email: z.string(),
    role: StaffRoleSchema,
    organisationId: z.uuid().nullable(),
    teamIds: z.array(z.uuid()),
    hoursPerWeek: z.number(),
    expertise: z.array(z.string()),
    active: z.boolean(),
    /**
     * The staff member's subject ('sub') at the municipality's identity provider (OpenID
     * Connect), when sign-in matches on it. Only in answers to an admin.
     */
    oidcSubject: z.string().nullable().optional(),
    /**
     * The trajectories not yet closed (open, follow-up, aftercare) that this staff member
     * coordinates, counted per team, teams with none left out. Only in an admin's read of one
     * staff member and in the answer to a change (GET and PATCH /staff/{id}): switching someone
     * off, or taking them out of a team, is not refused while they coordinate trajectories there,
     * but the team lead must hand these over (PATCH /trajectories/{id}/coordinator).
     */
    openTrajectoriesCoordinated: z
      .array(z.object({ teamId: z.uuid(), count: z.number().int() }))
      .optional(),
    version: z.number().int(),
  })
  .meta({ id: 'Staff' });
export const StaffList = listOf(StaffSchema);
export const StaffQuery = z.strictObject({
  teamId: z.uuid().optional(),
  cursor: z.string().max(500).optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
});

const Hours = z.number().min(0).max(60).multipleOf(0.5);
const Expertise = z.array(z.string().trim().min(1).max(100)).max(30);
/**
 * The login name: unique over all municipalities, capitals not counting (409 naming the field).
 * Stored as given, as sign-in and identity-provider matching compare it in lower case.
 */
const StaffEmail = z.email().max(320);
export const CreateStaffBody = z.strictObject({
  name: Name,
  email: StaffEmail,
  role: StaffRoleSchema,
  organisationId: z.uuid().nullable().default(null),
  teamIds: z.array(z.uuid()).max(20).default([]),
  hoursPerWeek: Hours,
  expertise: Expertise.default([]),
  password: z.string().min(12).max(200),
});
export const UpdateStaffBody = z.strictObject({
  version: Version,
  name: Name.optional(),
  /**
   * A corrected login name (admin): the staff member's sessions end when it changes, so that they
   * sign in again with the new one.
   */
  email: StaffEmail.optional(),
  /** Refused (409 naming the field) when it would leave the municipality without an active admin. */
  role: StaffRoleSchema.optional(),
  organisationId: z.uuid().nullable().optional(),
  teamIds: z.array(z.uuid()).max(20).optional(),
  hoursPerWeek: Hours.optional(),
  expertise: Expertise.optional(),
  /** Refused (409 naming the field) when it would leave the municipality without an active admin. */
  active: z.boolean().optional(),
  /** Link to the identity provider's subject; null clears it (admin). */
  oidcSubject: z.string().trim().min(1).max(255).nullable().optional(),
  /**
   * The day a change of teams, hours, organisation, role or activity takes effect in the staff's
   * history (what the business case counts): today when left out; at most 92 days back, never
   * in the future, never before the previous change.
   */
  effectiveFrom: CalendarDay.optional(),
});

/** One stretch of a staff member's history (staff_periods): what the business case counts. */
export const StaffPeriodSchema = z.object({
  validFrom: z.iso.date(),
  /** The last day it held; null while it holds. */
  validTo: z.iso.date().nullable(),
  role: StaffRoleSchema,
  organisationId: z.uuid().nullable(),
  teamIds: z.array(z.uuid()),
  hoursPerWeek: z.number(),
  active: z.boolean(),
});
export const StaffPeriodList = wholeListOf(StaffPeriodSchema);

/** Which stretch to correct: the staff member and the first day of the stretch. */
export const StaffPeriodParams = z.strictObject({ id: z.uuid(), validFrom: CalendarDay });

/**
 * The stretch as the administrator saw it: if it changed since, the answer is 409. Organisation
 * and teams are compared when sent (the web app sends them).
 */
const SeenStretchSchema = z.strictObject({
  validTo: CalendarDay.nullable(),
  hoursPerWeek: z.number(),
  organisationId: z.uuid().nullable().optional(),
  teamIds: z.array(z.uuid()).max(20).optional(),
});

/**
 * Splits one stretch of the history in two on `on`: the day the second part starts. Both parts
 * hold what the stretch held; the part before can then be corrected (its hours, organisation and
 * teams).
 */
export const SplitStaffPeriodBody = z.strictObject({
  on: CalendarDay,
  expected: SeenStretchSchema,
});

/**
 * A correction of one stretch of the history, for a mistake or to enter what was before the
 * system: its first day (the previous stretch then ends the day before) and, for a stretch that
 * has ended, its hours, organisation and teams. `expected` is the stretch as the administrator
 * saw it: if it changed since, the answer is 409 and nothing changes.
 */
export const CorrectStaffPeriodBody = z.strictObject({
  validFrom: CalendarDay.optional(),
  hoursPerWeek: Hours.optional(),
  organisationId: z.uuid().nullable().optional(),
  teamIds: z.array(z.uuid()).max(20).optional(),
  expected: SeenStretchSchema,
});

export type Team = z.infer<typeof TeamSchema>;
export type Organisation = z.infer<typeof OrganisationSchema>;
export type Staff = z.infer<typeof StaffSchema>;
export type StaffPeriod = z.infer<typeof StaffPeriodSchema>;
export type CreateTeamInput = z.infer<typeof CreateTeamBody>;
export type UpdateTeamInput = z.infer<typeof UpdateTeamBody>;
export type CreateOrganisationInput = z.infer<typeof CreateOrganisationBody>;
export type UpdateOrganisationInput = z.infer<typeof UpdateOrganisationBody>;
export type CreateStaffInput = z.infer<typeof CreateStaffBody>;
export type UpdateStaffInput = z.infer<typeof UpdateStaffBody>;
export type CorrectStaffPeriodInput = z.infer<typeof CorrectStaffPeriodBody>;
export type SplitStaffPeriodInput = z.infer<typeof SplitStaffPeriodBody>;
export type SeenStretch = z.infer<typeof SeenStretchSchema>;
