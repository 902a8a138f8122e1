// Break the glass: a worker who must see a household outside their teams (a crisis on a
// colleague's case in another team) states why and gets read access to that household, its
// trajectories, plans, journal and measurements until the end of the day. The grant is audited
// with the reason and every grant shows in the privacy officer's alert list for review.
// Active grants reach the actor with the session check (auth_request, migration 20261123T2300).
import { sql } from 'kysely';
import type { ServiceContext } from '../../platform/context.js';
import { inTenant } from '../../platform/db.js';
import { invalidField, notFound } from '../../platform/errors.js';
import { newId } from '../../platform/ids.js';
import { audit } from '../../platform/audit.js';
import { teams } from '../organisation/organisation.repository.js';

/** The shortest reason accepted: a few words that a reviewer can check ("crisis, collega ziek"). */
export const MIN_REASON_LENGTH = 20;

/** A grant lasts until midnight in Amsterdam, and at least this long (a crisis at 23:30). */
const MIN_GRANT_HOURS = 2;

export interface BreakGlassInput {
  householdId?: string | undefined;
  trajectoryId?: string | undefined;
  reason: string;
}

export function breakGlass(ctx: ServiceContext, input: BreakGlassInput) {
  const { municipalityId } = ctx.actor;
  if (!input.householdId && !input.trajectoryId) {
    throw invalidField(
      'householdId',
      'name a household or a trajectory',
      'noem een huishouden of een traject',
    );
  }
  const reason = input.reason.trim();
  if (reason.length < MIN_REASON_LENGTH) {
    throw invalidField(
      'reason',
      `must say why, in at least ${MIN_REASON_LENGTH} characters`,
      `moet zeggen waarom, in minstens ${MIN_REASON_LENGTH} tekens`,
    );
  }
  return inTenant(ctx.db, { municipalityId, teamIds: [] }, async (trx) => {
    // Finding the household needs the whole municipality in view, for this one lookup only:
    // the grant below is what opens it afterwards.
    const allTeams = (await teams.list(trx, municipalityId)).map((t) => t.id);
    await sql`select set_config('app.team_ids', ${allTeams.join(',')}, true)`.execute(trx);
    const target = input.trajectoryId
      ? await trx
          .selectFrom('trajectories as t')
          .innerJoin('households as h', (j) =>
            j
              .onRef('h.municipality_id', '=', 't.municipality_id')
              .onRef('h.id', '=', 't.household_id'),
          )
          .select(['h.id as household_id', 'h.team_id', 'h.erased_at'])
          .where('t.municipality_id', '=', municipalityId)
          .where('t.id', '=', input.trajectoryId)
          .executeTakeFirst()
      : await trx
          .selectFrom('households as h')
          .select(['h.id as household_id', 'h.team_id', 'h.erased_at'])
          .where('h.municipality_id', '=', municipalityId)
          .where('h.id', '=', input.householdId ?? '')
          .executeTakeFirst();
    if (!target || target.erased_at) throw notFound();
    if (ctx.actor.teamIds.includes(target.team_id)) {
      throw invalidField(
        input.trajectoryId ? 'trajectoryId' : 'householdId',
        'is already in one of your teams',
        'hoort al bij een van uw teams',
      );
    }
    const members = await trx
      .selectFrom('residents')
      .select('id')
      .where('municipality_id', '=', municipalityId)
      .where('household_id', '=', target.household_id)
      .execute();
    await sql`select set_config('app.team_ids', '', true)`.execute(trx);
    const id = newId();
    const grant = await trx
      .insertInto('break_glass_grants')
      .values({
        municipality_id: municipalityId,
        id,
        staff_id: ctx.actor.staffId,
        household_id: target.household_id,
        team_id: target.team_id,
        reason,
        expires_at: sql<Date>`greatest(
          ((now() at time zone 'Europe/Amsterdam')::date + 1)::timestamp at time zone 'Europe/Amsterdam',
          now() + make_interval(hours => ${MIN_GRANT_HOURS}))`,
      })
      .returning(['expires_at'])
      .executeTakeFirstOrThrow();
    await audit(trx, ctx, {
      action: 'break_glass.open',
      objectType: 'household',
      objectId: target.household_id,
      residentIds: members.map((m) => m.id),
      reason,
    });
    return {
      id,
      householdId: target.household_id,
      expiresAt: new Date(grant.expires_at).toISOString(),
    };
  });
}

/** The caller's own grants that are still running (the screens show a banner for them). */
export function myGlassGrants(ctx: ServiceContext) {
  const { municipalityId } = ctx.actor;
  return inTenant(ctx.db, { municipalityId, teamIds: [] }, async (trx) => {
    const rows = await trx
      .selectFrom('break_glass_grants')
      .select(['id', 'household_id', 'reason', 'created_at', 'expires_at'])
      .where('municipality_id', '=', municipalityId)
      .where('staff_id', '=', ctx.actor.staffId)
      .where('expires_at', '>', sql<Date>`now()`)
      .orderBy('created_at', 'desc')
      .execute();
    return rows.map((r) => ({
      id: r.id,
      householdId: r.household_id,
      reason: r.reason,
      createdAt: new Date(r.created_at).toISOString(),
      expiresAt: new Date(r.expires_at).toISOString(),
    }));
  });
}
