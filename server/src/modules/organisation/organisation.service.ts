// The rules of the organisation model: referenced rows must exist in the same municipality,
// names are unique per municipality, concurrent edits are refused (409), staff reads are audited.
import { sql } from 'kysely';
import { inTenant, setScope, type Trx } from '../../platform/db.js';
import type { ServiceContext } from '../../platform/context.js';
import { AppError, invalidField, notFound, versionConflict } from '../../platform/errors.js';
import { audit } from '../../platform/audit.js';
import { newId } from '../../platform/ids.js';
import { addDays, readableDay, todayInAmsterdam } from '../../platform/dates.js';
import { open, seal } from '../../platform/secret-box.js';
import { hashPassword } from '../../platform/passwords.js';
import { sessions } from '../auth/auth.repository.js';
import {
  neighbourhoods,
  organisations,
  staff,
  staffPeriods,
  teams,
  type StaffStretch,
  type StaffStretchCorrection,
} from './organisation.repository.js';
import {
  HOURS_PER_FTE,
  MINIMUM_SECONDMENT_HOURS_PER_WEEK,
  SECONDED_ROLES,
  seesSecondmentNames,
  staffScopeOf,
} from './organisation.policy.js';
import type {
  CorrectStaffPeriodInput,
  SeenStretch,
  SplitStaffPeriodInput,
  CreateOrganisationInput,
  CreateStaffInput,
  CreateTeamInput,
  Organisation,
  Staff,
  StaffPeriod,
  Team,
  UpdateOrganisationInput,
  UpdateStaffInput,
  UpdateTeamInput,
} from './organisation.schemas.js';

const roundTo = (value: number, decimals: number) => Number(value.toFixed(decimals));

// ---- neighbourhoods -------------------------------------------------------------------------

export function listNeighbourhoods(ctx: ServiceContext) {
  return inTenant(ctx.db, ctx.actor, async (trx) => {
    const rows = await neighbourhoods.listWithDistricts(trx, ctx.actor.municipalityId);
    return rows.map((r) => ({
      code: r.code,
      name: r.name,
      districtCode: r.district_code,
      districtName: r.district_name,
    }));
  });
}

// ---- teams ----------------------------------------------------------------------------------

type TeamRow = Awaited<ReturnType<typeof teams.list>>[number];
const toTeam = (row: TeamRow): Team => ({
  id: row.id,
  name: row.name,
  type: row.type,
  workingArea: row.working_area,
  neighbourhoodCodes: row.neighbourhood_codes,
  version: row.version,
});

async function assertNeighbourhoodsExist(trx: Trx, municipalityId: string, codes: string[]) {
  const known = await neighbourhoods.existingCodes(trx, municipalityId, codes);
  const index = codes.findIndex((code) => !known.has(code));
  if (index >= 0) {
    throw invalidField(
      `neighbourhoodCodes.${index}`,
      `is not a neighbourhood of this municipality (${codes[index]})`,
      `is geen buurt van deze gemeente (${codes[index]})`,
    );
  }
}

async function assertTeamNameFree(
  trx: Trx,
  municipalityId: string,
  name: string,
  exceptId?: string,
) {
  if (await teams.nameTaken(trx, municipalityId, name, exceptId)) {
    throw new AppError('conflict', {
      invalidParams: [
        {
          name: 'name',
          reason: 'another team already has this name',
          reasonNl: 'een ander team heeft deze naam al',
        },
      ],
    });
  }
}

export function listTeams(ctx: ServiceContext): Promise<Team[]> {
  return inTenant(ctx.db, ctx.actor, async (trx) =>
    (await teams.list(trx, ctx.actor.municipalityId)).map(toTeam),
  );
}

export function getTeam(ctx: ServiceContext, id: string): Promise<Team> {
  return inTenant(ctx.db, ctx.actor, async (trx) => {
    const row = await teams.find(trx, ctx.actor.municipalityId, id);
    if (!row) throw notFound();
    return toTeam(row);
  });
}

export function createTeam(ctx: ServiceContext, input: CreateTeamInput): Promise<Team> {
  const { municipalityId } = ctx.actor;
  return inTenant(ctx.db, ctx.actor, async (trx) => {
    const codes = [...new Set(input.neighbourhoodCodes)];
    await assertNeighbourhoodsExist(trx, municipalityId, codes);
    await assertTeamNameFree(trx, municipalityId, input.name);
    const id = newId();
    await teams.insert(trx, {
      municipalityId,
      id,
      name: input.name,
      type: input.type,
      workingArea: input.workingArea,
    });
    await teams.replaceNeighbourhoods(trx, municipalityId, id, codes);
    const row = await teams.find(trx, municipalityId, id);
    if (!row) throw notFound();
    return toTeam(row);
  });
}

export function updateTeam(ctx: ServiceContext, id: string, input: UpdateTeamInput): Promise<Team> {
  const { municipalityId } = ctx.actor;
  return inTenant(ctx.db, ctx.actor, async (trx) => {
    if (!(await teams.find(trx, municipalityId, id))) throw notFound();
    if (input.name !== undefined) await assertTeamNameFree(trx, municipalityId, input.name, id);
    const codes = input.neighbourhoodCodes ? [...new Set(input.neighbourhoodCodes)] : undefined;
    if (codes) await assertNeighbourhoodsExist(trx, municipalityId, codes);
    const updated = await teams.updateIfVersion(trx, municipalityId, id, input.version, {
      ...(input.name !== undefined ? { name: input.name } : {}),
      ...(input.type !== undefined ? { type: input.type } : {}),
      ...(input.workingArea !== undefined ? { working_area: input.workingArea } : {}),
    });
    if (!updated) throw versionConflict();
    if (codes) await teams.replaceNeighbourhoods(trx, municipalityId, id, codes);
    const row = await teams.find(trx, municipalityId, id);
    if (!row) throw notFound();
    return toTeam(row);
  });
}

export function getTeamComposition(ctx: ServiceContext, teamId: string) {
  const { municipalityId } = ctx.actor;
  return inTenant(ctx.db, ctx.actor, async (trx) => {
    if (!(await teams.find(trx, municipalityId, teamId))) throw notFound();
    const rows = await teams.composition(trx, municipalityId, teamId);
    const items = rows.map((r) => ({
      organisationId: r.organisation_id,
      organisationName: r.organisation_name,
      staffCount: r.staff_count,
      hoursPerWeek: Number(r.hours),
      fte: roundTo(Number(r.hours) / HOURS_PER_FTE, 2),
    }));
    const totalHoursPerWeek = roundTo(
      items.reduce((sum, item) => sum + item.hoursPerWeek, 0),
      2,
    );
    return {
      teamId,
      items,
      totalHoursPerWeek,
      totalFte: roundTo(totalHoursPerWeek / HOURS_PER_FTE, 2),
      hoursPerFte: HOURS_PER_FTE,
      minimumSecondmentHoursPerWeek: MINIMUM_SECONDMENT_HOURS_PER_WEEK,
      ...(await secondedBelowMinimum(trx, ctx, teamId)),
    };
  });
}

/**
 * The team's seconded workers below the minimum hours of a secondment (organisation.policy.ts):
 * a count for everyone who reads the composition, and who they are for the administrator and the
 * team's own team lead, audited as a read of staff. A signal for the team lead and the
 * municipality to talk to the partner about; nothing is refused.
 */
async function secondedBelowMinimum(trx: Trx, ctx: ServiceContext, teamId: string) {
  const { municipalityId } = ctx.actor;
  const args = [SECONDED_ROLES, MINIMUM_SECONDMENT_HOURS_PER_WEEK] as const;
  if (!seesSecondmentNames(ctx.actor, teamId)) {
    return {
      secondedBelowMinimumCount: await teams.countBelowHours(trx, municipalityId, teamId, ...args),
    };
  }
  const rows = await teams.listBelowHours(trx, municipalityId, teamId, ...args);
  if (rows.length > 0) {
    await audit(trx, ctx, {
      action: 'staff.list',
      objectType: 'staff',
      reason: `team ${teamId}: below the minimum hours of a secondment`,
    });
  }
  return {
    secondedBelowMinimumCount: rows.length,
    secondedBelowMinimum: rows.map((r) => ({
      staffId: r.id,
      name: r.name,
      hoursPerWeek: r.hours_per_week,
    })),
  };
}

// ---- organisations --------------------------------------------------------------------------

type OrganisationRow = Awaited<ReturnType<typeof organisations.list>>[number];
const toOrganisation = (row: OrganisationRow): Organisation => ({
  id: row.id,
  name: row.name,
  accountContact: { name: row.contact_name, email: row.contact_email, phone: row.contact_phone },
  version: row.version,
});

async function assertOrganisationNameFree(
  trx: Trx,
  municipalityId: string,
  name: string,
  exceptId?: string,
) {
  if (await organisations.nameTaken(trx, municipalityId, name, exceptId)) {
    throw new AppError('conflict', {
      invalidParams: [
        {
          name: 'name',
          reason: 'another organisation already has this name',
          reasonNl: 'een andere organisatie heeft deze naam al',
        },
      ],
    });
  }
}

export function listOrganisations(ctx: ServiceContext): Promise<Organisation[]> {
  return inTenant(ctx.db, ctx.actor, async (trx) =>
    (await organisations.list(trx, ctx.actor.municipalityId)).map(toOrganisation),
  );
}

export function getOrganisation(ctx: ServiceContext, id: string): Promise<Organisation> {
  return inTenant(ctx.db, ctx.actor, async (trx) => {
    const row = await organisations.find(trx, ctx.actor.municipalityId, id);
    if (!row) throw notFound();
    return toOrganisation(row);
  });
}

export function createOrganisation(
  ctx: ServiceContext,
  input: CreateOrganisationInput,
): Promise<Organisation> {
  const { municipalityId } = ctx.actor;
  return inTenant(ctx.db, ctx.actor, async (trx) => {
    await assertOrganisationNameFree(trx, municipalityId, input.name);
    const id = newId();
    await organisations.insert(trx, {
      municipalityId,
      id,
      name: input.name,
      contactName: input.accountContact.name,
      contactEmail: input.accountContact.email,
      contactPhone: input.accountContact.phone,
    });
    const row = await organisations.find(trx, municipalityId, id);
    if (!row) throw notFound();
    return toOrganisation(row);
  });
}

export function updateOrganisation(
  ctx: ServiceContext,
  id: string,
  input: UpdateOrganisationInput,
): Promise<Organisation> {
  const { municipalityId } = ctx.actor;
  return inTenant(ctx.db, ctx.actor, async (trx) => {
    if (!(await organisations.find(trx, municipalityId, id))) throw notFound();
    if (input.name !== undefined)
      await assertOrganisationNameFree(trx, municipalityId, input.name, id);
    const contact = input.accountContact;
    const updated = await organisations.updateIfVersion(trx, municipalityId, id, input.version, {
      ...(input.name !== undefined ? { name: input.name } : {}),
      ...(contact
        ? { contact_name: contact.name, contact_email: contact.email, contact_phone: contact.phone }
        : {}),
    });
    if (!updated) throw versionConflict();
    const row = await organisations.find(trx, municipalityId, id);
    if (!row) throw notFound();
    return toOrganisation(row);
  });
}

// ---- staff ----------------------------------------------------------------------------------

type StaffRow = Awaited<ReturnType<typeof staff.list>>[number];
/** The identity-provider subject is sign-in configuration: only the admin sees it. */
const toStaffFor =
  (ctx: ServiceContext) =>
  (row: StaffRow): Staff => ({
    ...toStaff(row),
    ...(ctx.actor.role === 'admin' ? { oidcSubject: row.oidc_subject } : {}),
  });
const toStaff = (row: StaffRow): Staff => ({
  id: row.id,
  name: row.name,
  email: row.email,
  role: row.role,
  organisationId: row.organisation_id,
  teamIds: row.team_ids,
  hoursPerWeek: row.hours_per_week,
  expertise: row.expertise,
  active: row.active,
  version: row.version,
});

/**
 * The staff list's cursor: the last row's name and id, sealed with the server's key (secret-box),
 * as the signals list's: a URL with a cursor, in a browser's history or a proxy's log, shows no
 * one's name, and a cursor the server did not make is refused.
 */
function decodeCursor(
  secretKey: string,
  cursor: string | undefined,
): { name: string; id: string } | undefined {
  if (!cursor) return undefined;
  try {
    const [name, id] = JSON.parse(
      open(secretKey, 'list-cursor', cursor).toString('utf8'),
    ) as unknown[];
    if (typeof name === 'string' && typeof id === 'string' && /^[0-9a-f-]{36}$/.test(id)) {
      return { name, id };
    }
  } catch {
    // fall through to the validation error
  }
  throw invalidField(
    'query.cursor',
    'is not a cursor from a previous page',
    'is geen cursor van een vorige pagina',
  );
}

const encodeCursor = (secretKey: string, row: { name: string; id: string }) =>
  seal(secretKey, 'list-cursor', Buffer.from(JSON.stringify([row.name, row.id])));

async function assertStaffReferences(
  trx: Trx,
  municipalityId: string,
  input: { organisationId?: string | null; teamIds?: string[] },
) {
  if (
    input.organisationId &&
    !(await organisations.find(trx, municipalityId, input.organisationId))
  ) {
    throw invalidField(
      'organisationId',
      'is not an organisation of this municipality',
      'is geen organisatie van deze gemeente',
    );
  }
  if (input.teamIds && input.teamIds.length > 0) {
    const known = await teams.existingIds(trx, municipalityId, input.teamIds);
    const index = input.teamIds.findIndex((id) => !known.has(id));
    if (index >= 0) {
      throw invalidField(
        `teamIds.${index}`,
        'is not a team of this municipality',
        'is geen team van deze gemeente',
      );
    }
  }
}

const emailInUse = () =>
  new AppError('conflict', {
    invalidParams: [
      {
        name: 'email',
        reason: 'is already in use by another account',
        reasonNl: 'is al in gebruik voor een ander account',
      },
    ],
  });

/** The unique index on the login name caught what the check before could not see (a race). */
const isEmailTakenMeanwhile = (error: unknown) =>
  typeof error === 'object' &&
  error !== null &&
  (error as { code?: string }).code === '23505' &&
  (error as { constraint?: string }).constraint === 'staff_email_unique';

const oidcSubjectConflict = () =>
  new AppError('conflict', {
    invalidParams: [
      {
        name: 'oidcSubject',
        reason: 'is already linked to another staff member',
        reasonNl: 'is al gekoppeld aan een andere medewerker',
      },
    ],
  });

export function listStaff(
  ctx: ServiceContext,
  query: { teamId?: string; cursor?: string; limit: number },
): Promise<{ items: Staff[]; nextCursor: string | null }> {
  const after = decodeCursor(ctx.config.secretKey, query.cursor);
  return inTenant(ctx.db, ctx.actor, async (trx) => {
    const rows = await staff.list(trx, staffScopeOf(ctx.actor), {
      ...(query.teamId ? { teamId: query.teamId } : {}),
      ...(after ? { after } : {}),
      limit: query.limit + 1,
    });
    const page = rows.slice(0, query.limit);
    await audit(trx, ctx, {
      action: 'staff.list',
      objectType: 'staff',
      reason: query.teamId ? `team ${query.teamId}` : null,
    });
    const last = page.at(-1);
    return {
      items: page.map(toStaffFor(ctx)),
      nextCursor:
        rows.length > query.limit && last ? encodeCursor(ctx.config.secretKey, last) : null,
    };
  });
}

export function getStaff(ctx: ServiceContext, id: string): Promise<Staff> {
  return inTenant(ctx.db, ctx.actor, async (trx) => {
    const row = await staff.find(trx, staffScopeOf(ctx.actor), id);
    if (!row) throw notFound();
    await audit(trx, ctx, { action: 'staff.read', objectType: 'staff', objectId: id });
    return withCoordination(trx, ctx, toStaffFor(ctx)(row));
  });
}

/**
 * For the administrator: `member` with the trajectories not yet closed that they coordinate, per
 * team. Switching someone off or taking them out of a team is not refused for these (the team
 * lead hands them over), but the administrator must be told. The administrator is in none of the
 * teams, so row-level security would show them no trajectory: the scope is opened to all the
 * municipality's teams for this count alone (only numbers per team leave it), then set back.
 */
async function withCoordination(trx: Trx, ctx: ServiceContext, member: Staff): Promise<Staff> {
  if (ctx.actor.role !== 'admin') return member;
  const { municipalityId } = ctx.actor;
  const allTeams = await teams.list(trx, municipalityId);
  await setScope(trx, { municipalityId, teamIds: allTeams.map((team) => team.id) });
  const rows = await staff.openTrajectoriesCoordinated(trx, municipalityId, member.id);
  await setScope(trx, ctx.actor);
  return {
    ...member,
    openTrajectoriesCoordinated: rows.map((r) => ({ teamId: r.team_id, count: Number(r.count) })),
  };
}

function toStaffPeriod(r: StaffStretch): StaffPeriod {
  return {
    validFrom: r.valid_from,
    // Stored as the first day it no longer held; shown as the last day it did.
    validTo: r.valid_until === null ? null : addDays(r.valid_until, -1),
    role: r.role,
    organisationId: r.organisation_id,
    teamIds: r.team_ids,
    hoursPerWeek: r.hours_per_week,
    active: r.active,
  };
}

/**
 * A staff member's history of teams, hours, organisation, role and activity, newest first (the
 * stretches the business case counts; see migration 20261124T0300). Audited as a staff read.
 */
export function listStaffPeriods(ctx: ServiceContext, id: string): Promise<StaffPeriod[]> {
  return inTenant(ctx.db, ctx.actor, async (trx) => {
    if (!(await staff.find(trx, staffScopeOf(ctx.actor), id))) throw notFound();
    const rows = await staffPeriods.list(trx, ctx.actor.municipalityId, id);
    await audit(trx, ctx, {
      action: 'staff.read',
      objectType: 'staff',
      objectId: id,
      reason: 'history of teams and hours',
    });
    return rows.map(toStaffPeriod);
  });
}

/** The same teams, in whatever order and however often named. */
function sameTeams(a: readonly string[], b: readonly string[]): boolean {
  const set = new Set(a);
  return set.size === new Set(b).size && b.every((id) => set.has(id));
}

/**
 * The stretch of `id`'s history that starts on `validFrom`, and the one before it, with all of
 * the history locked (oldest first): a staff change committing meanwhile waits, and so does a
 * second correction, which then finds what this one left. 404 when no stretch starts that day;
 * 409 when it is no longer as the administrator saw it (`expected`: its last day and hours, and
 * its organisation and teams when sent, as the web app does).
 */
async function lockedStretch(
  trx: Trx,
  ctx: ServiceContext,
  id: string,
  validFrom: string,
  expected: SeenStretch,
) {
  if (!(await staff.find(trx, staffScopeOf(ctx.actor), id))) throw notFound();
  const periods = await staffPeriods.lockAll(trx, ctx.actor.municipalityId, id);
  const index = periods.findIndex((p) => p.valid_from === validFrom);
  const period = periods[index];
  if (!period) throw notFound();
  const seen = toStaffPeriod(period);
  if (
    seen.validTo !== expected.validTo ||
    seen.hoursPerWeek !== expected.hoursPerWeek ||
    (expected.organisationId !== undefined && expected.organisationId !== seen.organisationId) ||
    (expected.teamIds !== undefined && !sameTeams(expected.teamIds, seen.teamIds))
  )
    throw versionConflict();
  return { period, seen, previous: periods[index - 1] };
}

/**
 * Splits one stretch of `id`'s history in two: the second part starts on `input.on`, and both
 * hold what the stretch held. So that a history entered for the years before the system can have
 * its changes of hours: split, then correct the part before (correctStaffPeriod).
 */
export function splitStaffPeriod(
  ctx: ServiceContext,
  id: string,
  validFrom: string,
  input: SplitStaffPeriodInput,
): Promise<StaffPeriod[]> {
  const { municipalityId } = ctx.actor;
  return inTenant(ctx.db, ctx.actor, async (trx) => {
    const { period, seen } = await lockedStretch(trx, ctx, id, validFrom, input.expected);
    const lastDay = seen.validTo ?? todayInAmsterdam();
    if (input.on <= validFrom || input.on > lastDay)
      throw invalidField(
        'on',
        `must be after the first day of this stretch and on or before ${readableDay(lastDay).en}`,
        `moet na de eerste dag van deze periode liggen en uiterlijk op ${readableDay(lastDay).nl}`,
      );
    await staffPeriods.split(trx, municipalityId, id, period, input.on);
    await audit(trx, ctx, {
      action: 'staff.update',
      objectType: 'staff',
      objectId: id,
      reason: `history corrected, stretch from ${validFrom}: split on ${input.on}`,
    });
    return (await staffPeriods.list(trx, municipalityId, id)).map(toStaffPeriod);
  });
}

/** No stretch starts earlier: social teams began in the 2010s; this stops a mistyped year. */
const EARLIEST_HISTORY_DAY = '2000-01-01';

/**
 * Corrects one stretch of a staff member's history: its first day (the stretch before it then
 * ends the day before) and, once it has ended, its hours, organisation and teams. For a mistake
 * the effective date cannot mend (a change is never dated before the previous one), and to enter
 * the years before the system: moving the first stretch's start back tells the business case
 * those years' hours.
 * Role and being active stay as recorded. The current stretch's hours, organisation and teams
 * are the staff member's own and change with the staff form (updateStaff).
 */
export function correctStaffPeriod(
  ctx: ServiceContext,
  id: string,
  validFrom: string,
  input: CorrectStaffPeriodInput,
): Promise<StaffPeriod[]> {
  const { municipalityId } = ctx.actor;
  return inTenant(ctx.db, ctx.actor, async (trx) => {
    const { period, seen, previous } = await lockedStretch(trx, ctx, id, validFrom, input.expected);

    const newFrom = input.validFrom ?? validFrom;
    if (newFrom > todayInAmsterdam())
      throw invalidField('validFrom', 'may not be in the future', 'mag niet in de toekomst liggen');
    if (newFrom < EARLIEST_HISTORY_DAY)
      throw invalidField(
        'validFrom',
        `may not be before ${readableDay(EARLIEST_HISTORY_DAY).en}`,
        `mag niet vóór ${readableDay(EARLIEST_HISTORY_DAY).nl} liggen`,
      );
    if (seen.validTo !== null && newFrom > seen.validTo)
      throw invalidField(
        'validFrom',
        `must be on or before the last day of this stretch (${readableDay(seen.validTo).en})`,
        `moet op of vóór de laatste dag van deze periode liggen (${readableDay(seen.validTo).nl})`,
      );
    if (previous && newFrom <= previous.valid_from)
      throw invalidField(
        'validFrom',
        `must be after the first day of the stretch before it (${readableDay(previous.valid_from).en})`,
        `moet na de eerste dag van de periode ervoor liggen (${readableDay(previous.valid_from).nl})`,
      );
    const newHours = input.hoursPerWeek ?? period.hours_per_week;
    if (newHours !== period.hours_per_week && period.valid_until === null)
      throw invalidField(
        'hoursPerWeek',
        "are the current hours: change them with the staff member's form",
        'zijn de huidige uren: wijzig die met het formulier van de medewerker',
      );
    const newOrganisation =
      input.organisationId === undefined ? period.organisation_id : input.organisationId;
    const newTeams =
      input.teamIds === undefined ? period.team_ids : [...new Set(input.teamIds)].sort();
    const teamsChanged = !sameTeams(newTeams, period.team_ids);
    if (period.valid_until === null && newOrganisation !== period.organisation_id)
      throw invalidField(
        'organisationId',
        "is the current organisation: change it with the staff member's form",
        'is de huidige organisatie: wijzig die met het formulier van de medewerker',
      );
    if (period.valid_until === null && teamsChanged)
      throw invalidField(
        'teamIds',
        "are the current teams: change them with the staff member's form",
        'zijn de huidige teams: wijzig die met het formulier van de medewerker',
      );
    // As given, so that a refusal names the position the administrator sent.
    await assertStaffReferences(trx, municipalityId, {
      organisationId: input.organisationId,
      teamIds: input.teamIds,
    });

    // One update of the stretch with what changed, and the end of the one before if it moved.
    const values: StaffStretchCorrection = {};
    const changes: string[] = [];
    if (newFrom !== validFrom) {
      values.valid_from = newFrom;
      changes.push(`validFrom ${validFrom}->${newFrom}`);
    }
    if (newHours !== period.hours_per_week) {
      values.hours_per_week = newHours;
      changes.push(`hoursPerWeek ${period.hours_per_week}->${newHours}`);
    }
    if (newOrganisation !== period.organisation_id) {
      values.organisation_id = newOrganisation;
      changes.push(`organisationId ${period.organisation_id}->${newOrganisation}`);
    }
    if (teamsChanged) {
      values.team_ids = newTeams;
      changes.push(`teamIds ${period.team_ids.join('+')}->${newTeams.join('+')}`);
    }
    if (changes.length > 0) await staffPeriods.correct(trx, municipalityId, id, validFrom, values);
    if (previous && newFrom !== validFrom)
      await staffPeriods.correct(trx, municipalityId, id, previous.valid_from, {
        valid_until: newFrom,
      });
    await audit(trx, ctx, {
      action: 'staff.update',
      objectType: 'staff',
      objectId: id,
      reason: `history corrected, stretch from ${validFrom}: ${changes.join(', ') || 'nothing'}`,
    });
    return (await staffPeriods.list(trx, municipalityId, id)).map(toStaffPeriod);
  });
}

export async function createStaff(ctx: ServiceContext, input: CreateStaffInput): Promise<Staff> {
  const { municipalityId } = ctx.actor;
  // Hash outside the transaction: it takes tens of milliseconds and needs no database.
  const passwordHash = await hashPassword(input.password);
  return inTenant(ctx.db, ctx.actor, async (trx) => {
    await assertStaffReferences(trx, municipalityId, input);
    if (await staff.emailTaken(trx, input.email)) throw emailInUse();
    const id = newId();
    await staff.insert(trx, {
      municipalityId,
      id,
      name: input.name,
      email: input.email,
      role: input.role,
      organisationId: input.organisationId,
      hoursPerWeek: input.hoursPerWeek,
      expertise: input.expertise,
      passwordHash,
    });
    await staff.replaceTeams(trx, municipalityId, id, [...new Set(input.teamIds)]);
    await audit(trx, ctx, { action: 'staff.create', objectType: 'staff', objectId: id });
    const row = await staff.find(trx, staffScopeOf(ctx.actor), id);
    if (!row) throw notFound();
    return toStaffFor(ctx)(row);
  });
}

/** How far back a change may be dated: a quarter, enough for a contract entered late. */
const MAX_DAYS_BACK = 92;

/**
 * Dates this transaction's change of teams, hours, organisation, role or activity from `day` in
 * the staff's history (the database's trigger reads `app.staff_change_from` at the commit; see
 * migration 20261124T0500). Not in the future, not more than MAX_DAYS_BACK back, and not before
 * the previous change: the history is only ever extended, never rewritten behind a later change.
 */
async function dateTheChange(trx: Trx, municipalityId: string, staffId: string, day: string) {
  const today = todayInAmsterdam();
  if (day > today)
    throw invalidField(
      'effectiveFrom',
      'may not be in the future',
      'mag niet in de toekomst liggen',
    );
  const earliest = addDays(today, -MAX_DAYS_BACK);
  if (day < earliest)
    throw invalidField(
      'effectiveFrom',
      `may be at most ${MAX_DAYS_BACK} days back (from ${readableDay(earliest).en})`,
      `mag hoogstens ${MAX_DAYS_BACK} dagen terug liggen (vanaf ${readableDay(earliest).nl})`,
    );
  const since = await staffPeriods.openSince(trx, municipalityId, staffId);
  if (since && day < since)
    throw invalidField(
      'effectiveFrom',
      `is before the previous change (${readableDay(since).en})`,
      `ligt vóór de vorige wijziging (${readableDay(since).nl})`,
    );
  await sql`select set_config('app.staff_change_from', ${day}, true)`.execute(trx);
}

/** The fields of a change that take away an active administrator: their role, or being active. */
function adminTakenAwayBy(before: StaffRow, input: UpdateStaffInput): ('role' | 'active')[] {
  if (before.role !== 'admin' || !before.active) return [];
  const fields: ('role' | 'active')[] = [];
  if (input.role !== undefined && input.role !== 'admin') fields.push('role');
  if (input.active === false) fields.push('active');
  return fields;
}

const lastAdminConflict = (fields: ('role' | 'active')[]) =>
  new AppError('conflict', {
    detail: {
      en: 'At least one active administrator must remain.',
      nl: 'Er moet minstens één actieve beheerder overblijven.',
    },
    invalidParams: fields.map((name) =>
      name === 'role'
        ? {
            name,
            reason: 'cannot be changed: at least one active administrator must remain',
            reasonNl:
              'kan niet worden gewijzigd: er moet minstens één actieve beheerder overblijven',
          }
        : {
            name,
            reason: 'cannot be switched off: at least one active administrator must remain',
            reasonNl:
              'kan niet worden uitgezet: er moet minstens één actieve beheerder overblijven',
          },
    ),
  });

/** A different login name: capitals do not count, as sign-in does not count them. */
const emailChanges = (before: StaffRow, input: UpdateStaffInput) =>
  input.email !== undefined && input.email.toLowerCase() !== before.email.toLowerCase();

export function updateStaff(
  ctx: ServiceContext,
  id: string,
  input: UpdateStaffInput,
): Promise<Staff> {
  const { municipalityId } = ctx.actor;
  return inTenant(ctx.db, ctx.actor, async (trx) => {
    const before = await staff.find(trx, staffScopeOf(ctx.actor), id);
    if (!before) throw notFound();
    await assertStaffReferences(trx, municipalityId, input);
    if (
      input.oidcSubject &&
      (await staff.oidcSubjectTaken(trx, municipalityId, input.oidcSubject, id))
    ) {
      throw oidcSubjectConflict();
    }
    const newEmail = emailChanges(before, input);
    if (input.email !== undefined && (await staff.emailTaken(trx, input.email, id)))
      throw emailInUse();
    // Two administrators taking each other's role at the same time: the second waits here for
    // the first, and then counts what the first left.
    const adminFields = adminTakenAwayBy(before, input);
    if (adminFields.length > 0) await staff.lockActiveAdmins(trx, municipalityId);
    if (input.effectiveFrom) await dateTheChange(trx, municipalityId, id, input.effectiveFrom);
    const updated = await staff
      .updateIfVersion(trx, municipalityId, id, input.version, {
        ...(input.name !== undefined ? { name: input.name } : {}),
        ...(input.email !== undefined ? { email: input.email } : {}),
        ...(input.role !== undefined ? { role: input.role } : {}),
        ...(input.organisationId !== undefined ? { organisation_id: input.organisationId } : {}),
        ...(input.hoursPerWeek !== undefined ? { hours_per_week: input.hoursPerWeek } : {}),
        ...(input.expertise !== undefined ? { expertise: input.expertise } : {}),
        ...(input.active !== undefined ? { active: input.active } : {}),
        ...(input.oidcSubject !== undefined ? { oidc_subject: input.oidcSubject } : {}),
      })
      .catch((error: unknown) => {
        throw isEmailTakenMeanwhile(error) ? emailInUse() : error;
      });
    if (!updated) throw versionConflict();
    if (adminFields.length > 0 && (await staff.countActiveAdmins(trx, municipalityId)) === 0)
      throw lastAdminConflict(adminFields);
    if (input.teamIds)
      await staff.replaceTeams(trx, municipalityId, id, [...new Set(input.teamIds)]);
    // A session was opened for the old role: the new one may require a second factor it was
    // opened without. Someone switched off is signed out, so switching them on again takes a new
    // sign-in rather than reviving an old session. A new login name signs out too: the sessions
    // were opened with the old one, perhaps by the person it wrongly named.
    const signOut =
      (input.role !== undefined && input.role !== before.role) ||
      input.active === false ||
      newEmail;
    const ended = signOut ? await sessions.revokeAllOf(trx, municipalityId, id) : 0;
    await audit(trx, ctx, {
      action: 'staff.update',
      objectType: 'staff',
      objectId: id,
      // The names of the changed fields only: never their values (an address is person data).
      reason: `changed: ${Object.keys(input)
        .filter((k) => k !== 'version' && k !== 'effectiveFrom')
        .join(', ')}${input.effectiveFrom ? ` (from ${input.effectiveFrom})` : ''}${
        signOut ? `; sessions ended: ${ended}` : ''
      }`,
    });
    const row = await staff.find(trx, staffScopeOf(ctx.actor), id);
    if (!row) throw notFound();
    return withCoordination(trx, ctx, toStaffFor(ctx)(row));
  });
}
