// Need-to-know within a municipality: case data belongs to a team, and a worker or team lead
// works on their own teams' cases only. Partners may hand in work for any team of their
// municipality (a registration, a signal list) but never read it back.
import type { Actor } from '../../platform/context.js';
import { inTenant, setScope, type Db, type TenantScope, type Trx } from '../../platform/db.js';
import { invalidField } from '../../platform/errors.js';
import { teams } from './organisation.repository.js';

/**
 * The teams whose cases this actor may read, and the households opened by breaking the glass
 * (read-only, until the grant expires; see modules/privacy/break-glass.service.ts).
 */
export function caseScopeOf(actor: Actor): TenantScope {
  const readsCases = actor.role === 'worker' || actor.role === 'team_lead';
  if (!readsCases) return { municipalityId: actor.municipalityId, teamIds: [] };
  const grants = actor.glassGrants ?? [];
  if (grants.length === 0) return { municipalityId: actor.municipalityId, teamIds: actor.teamIds };
  const glassTeamIds = [...new Set(grants.map((g) => g.teamId))].filter(
    (id) => !actor.teamIds.includes(id),
  );
  return {
    municipalityId: actor.municipalityId,
    teamIds: [...actor.teamIds, ...glassTeamIds],
    glass: { householdIds: grants.map((g) => g.householdId), teamIds: glassTeamIds },
  };
}

/**
 * The scope for writing a case into `teamId`, after checking that the actor may: their own team,
 * or, for a partner, any team of the municipality.
 */
export async function writeScopeFor(
  trx: Trx,
  actor: Actor,
  teamId: string,
  field = 'teamId',
): Promise<TenantScope> {
  if (actor.role !== 'partner') return ownTeamWriteScope(actor, teamId, field);
  const known = await teams.existingIds(trx, actor.municipalityId, [teamId]);
  if (!known.has(teamId)) {
    throw invalidField(
      field,
      'is not a team of this municipality',
      'is geen team van deze gemeente',
    );
  }
  return { municipalityId: actor.municipalityId, teamIds: [teamId] };
}

/** writeScopeFor for everyone but a partner: one of the actor's own teams, known without SQL. */
function ownTeamWriteScope(actor: Actor, teamId: string, field: string): TenantScope {
  if (!actor.teamIds.includes(teamId)) {
    throw invalidField(field, 'is not one of your teams', 'is niet een van uw teams');
  }
  return { municipalityId: actor.municipalityId, teamIds: [teamId] };
}

/**
 * Runs `work` in a transaction with the scope for writing a case into `teamId` (writeScopeFor).
 * A worker's or team lead's check needs no database, so the transaction opens in the write scope
 * at once. For a worker with one team that is the scope the request's transaction already has, and
 * no message is sent to set it: a new registration costs three round trips instead of five. A
 * partner's team is looked up first, in the municipality's scope. A refusal is a rejected promise
 * either way (async), never a throw before the caller awaits.
 */
export async function inWriteScope<T>(
  db: Db,
  actor: Actor,
  teamId: string,
  work: (trx: Trx) => Promise<T>,
  field = 'teamId',
): Promise<T> {
  if (actor.role !== 'partner') {
    return inTenant(db, ownTeamWriteScope(actor, teamId, field), work);
  }
  return inTenant(db, { municipalityId: actor.municipalityId, teamIds: [] }, async (trx) => {
    await setScope(trx, await writeScopeFor(trx, actor, teamId, field));
    return work(trx);
  });
}

/**
 * Every team of the municipality: for work the server does across teams on the caller's behalf
 * (routing, ending a volunteer's matches, budget totals), whose rows the caller gets nothing of.
 */
export async function allTeamsScope(trx: Trx, municipalityId: string): Promise<TenantScope> {
  return { municipalityId, teamIds: (await teams.list(trx, municipalityId)).map((t) => t.id) };
}
