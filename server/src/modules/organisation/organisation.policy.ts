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
