// Who may see and change which part of the organisation model.
import type { StaffRole } from '../../db/schema.js';
import type { Actor } from '../../platform/context.js';
import type { StaffScope } from './organisation.repository.js';

/** Everyone who works in or for the municipality sees its areas, teams and partners. */
export const ORGANISATION_READERS: StaffRole[] = ['worker', 'team_lead', 'municipality', 'admin'];
/** Only the functional administrator (functioneel beheerder) changes the organisation. */
export const ORGANISATION_ADMINS: StaffRole[] = ['admin'];
/**
 * Staff records are person data: the administrator sees all, a worker or team lead sees the
 * colleagues of their own team(s), and the municipality sees only aggregated composition.
 */
export const STAFF_READERS: StaffRole[] = ['worker', 'team_lead', 'admin'];

export function staffScopeOf(actor: Actor): StaffScope {
  return {
    municipalityId: actor.municipalityId,
    withinTeams: actor.role === 'admin' ? null : actor.teamIds,
  };
}

/** Fte as the teams count it: 36 hours a week is one fte. */
export const HOURS_PER_FTE = 36;

/**
 * The hours a week for which a partner organisation seconds a buurtteamwerker to the team. Seed
 * 003 (De organisatie en aansturing van de buurtteams): "De buurtteamwerkers zijn in dienst van
 * maatschappelijke instellingen en worden door hun instelling gedetacheerd bij het Buurtteam.
 * Deze detachering is voor minimaal 28 uur per week." A signal, never a refusal: the team
 * composition counts who is below it and the staff form warns, because another municipality may
 * agree otherwise with its partners.
 */
export const MINIMUM_SECONDMENT_HOURS_PER_WEEK = 28;

/**
 * Who is seconded to a team, and so measured against the minimum: the buurtteamwerker (`worker`)
 * only. The seed has the municipality hire the team leads itself ("huurt de teamleiders zelf
 * in"); the municipality's own staff and the administrator are not seconded; a partner
 * professional stays at their own practice and a volunteer is not employed. A worker's hours are
 * counted in total over their teams: the secondment is to the buurtteam, not to each team.
 */
export const SECONDED_ROLES: StaffRole[] = ['worker'];

/**
 * Who is told which seconded workers of a team are below the minimum, by name: the administrator
 * (who sees all staff) and the team's own team lead (who sees its staff and manages it). Everyone
 * else who reads the composition gets the count only: the municipality sees aggregated
 * composition, and a worker needs no colleague's contract.
 */
export function seesSecondmentNames(actor: Actor, teamId: string): boolean {
  return actor.role === 'admin' || (actor.role === 'team_lead' && actor.teamIds.includes(teamId));
}
