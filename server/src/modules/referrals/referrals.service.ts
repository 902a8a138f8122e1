// Referrals from a trajectory: a specialist flown in for a task (the team keeps the regie), a
// hand-over, or advice on an individual Wmo provision to the back office. What is shared is fixed
// at the moment of referral, from the resident's recorded consent, and the receiving partner sees
// it only while the referral is open (row-level security checks the same).
import { sql } from 'kysely';
import type { ServiceContext } from '../../platform/context.js';
import { inTenant, type Trx } from '../../platform/db.js';
import { AppError, invalidField, notFound } from '../../platform/errors.js';
import { audit } from '../../platform/audit.js';
import { newId } from '../../platform/ids.js';
import { caseScopeOf } from '../organisation/team-scope.js';
import { organisations, staff } from '../organisation/organisation.repository.js';
import { formatPostcode } from '../households/identifiers.js';
import {
  findTrajectoryInScope,
  lockTrajectoryInScope,
  memberIds,
} from '../trajectories/trajectories.service.js';
import {
  memberIdsOf,
  trajectories,
  trajectoryEvents,
} from '../trajectories/trajectories.repository.js';
import { planVersions } from '../plans/plans.repository.js';
import type { StoredPlan } from '../plans/plans.schemas.js';
import type { CreateReferralInput, Shared } from './referrals.schemas.js';

const referralColumns = [
  'id',
  'trajectory_id',
  'kind',
  'organisation_id',
  'referred_to',
  'note',
  'wmo_provision',
  'status',
  'consent_given_on',
  'consent_scope',
  'answer',
  'answered_at',
  'created_at',
  'shared',
] as const;

type Row = {
  id: string;
  trajectory_id: string | null;
  kind: string;
  organisation_id: string | null;
  referred_to: string;
  note: string | null;
  wmo_provision: 'transport' | 'wheelchair' | 'home_adaptation' | 'other' | null;
  status: 'open' | 'answered' | 'closed';
  consent_given_on: string | null;
  consent_scope: string[];
  answer: string | null;
  answered_at: Date | null;
  created_at: Date;
  shared: unknown;
};

const toReferral = (r: Row) => ({
  id: r.id,
  trajectoryId: r.trajectory_id,
  kind: r.kind,
  organisationId: r.organisation_id,
  referredTo: r.referred_to,
  question: r.note,
  wmoProvision: r.wmo_provision,
  status: r.status,
  consentGivenOn: r.consent_given_on,
  consentScope: r.consent_scope,
  answer: r.answer,
  answeredAt: r.answered_at?.toISOString() ?? null,
  createdAt: new Date(r.created_at).toISOString(),
});

/**
 * What a receiving partner may see of a referral. The team's note is the question, so a partner
 * gets it only as it was copied into `shared` with the resident's consent for 'question', never
 * from the note itself: without that consent it would reach the partner all the same.
 */
const toPartnerReferral = (r: Row) => ({
  ...toReferral(r),
  question: (r.shared as Shared | null)?.question ?? null,
});

/**
 * The ids of the residents a referral concerns (the members of its household), for the audit row
 * of a partner's read, answer or inbox: in the same query as the referral itself. A partner may not
 * read residents, so they come from the SECURITY DEFINER function `resident_ids_of_referral`, which
 * checks the partner's own conditions (its organisation, open, with consent) and names nobody else.
 */
const residentIdsOfReferral = () =>
  sql<string[]>`array(select resident_ids_of_referral(referrals.id))`.as('resident_ids');

/** Exactly the items the resident agreed to share, as they are now. */
async function buildShared(
  trx: Trx,
  municipalityId: string,
  trajectory: { id: string; household_id: string; plan_version: number },
  input: CreateReferralInput,
): Promise<Shared> {
  const scope = new Set(input.consent?.scope ?? []);
  const shared: Shared = {};
  if (scope.has('question')) shared.question = input.question;
  if (scope.has('contact_details')) {
    const members = await trx
      .selectFrom('residents')
      .select(['given_name', 'family_name', 'birth_date', 'phone'])
      .where('municipality_id', '=', municipalityId)
      .where('household_id', '=', trajectory.household_id)
      .execute();
    const household = await trx
      .selectFrom('households')
      .select([
        'street',
        'postcode',
        'house_number',
        'house_letter',
        'house_number_addition',
        'city',
      ])
      .where('municipality_id', '=', municipalityId)
      .where('id', '=', trajectory.household_id)
      .executeTakeFirst();
    const address = household?.postcode
      ? `${household.street ?? ''} ${household.house_number ?? ''}${household.house_letter ?? ''}${household.house_number_addition ? `-${household.house_number_addition}` : ''}, ${formatPostcode(household.postcode)} ${household.city ?? ''}`.trim()
      : null;
    shared.contactDetails = {
      members: members.map((m) => ({
        givenName: m.given_name,
        familyName: m.family_name,
        birthDate: m.birth_date,
        phone: m.phone,
      })),
      address,
    };
  }
  if (scope.has('plan') || scope.has('network')) {
    const row =
      trajectory.plan_version > 0
        ? await planVersions.find(trx, municipalityId, trajectory.id, trajectory.plan_version)
        : null;
    const plan = row?.plan as StoredPlan | undefined;
    if (scope.has('plan')) {
      shared.plan = {
        version: trajectory.plan_version,
        domains: (plan?.domains ?? []).map((d) => ({ domain: d.domain, goal: d.goal })),
        actions: (plan?.actions ?? []).map((a) => ({
          description: a.description,
          ownerType: a.ownerType,
          ownerName: a.ownerName,
          status: a.status,
        })),
      };
    }
    if (scope.has('network')) {
      shared.network = (plan?.network ?? []).map((n) => ({
        name: n.name,
        relation: n.relation,
        roleInPlan: n.roleInPlan,
      }));
    }
  }
  return shared;
}

export function createReferral(
  ctx: ServiceContext,
  trajectoryId: string,
  input: CreateReferralInput,
) {
  const scope = caseScopeOf(ctx.actor);
  if (input.kind === 'wmo_advice' && !input.wmoProvision) {
    throw invalidField(
      'wmoProvision',
      'is required for Wmo advice',
      'is verplicht bij een Wmo-advies',
    );
  }
  return inTenant(ctx.db, scope, async (trx) => {
    // Locked: whether it is closed, and the scale level the referral moves it from, are decided
    // on the row as it is; a colleague's save or closing in between is waited for and then read.
    const trajectory = await lockTrajectoryInScope(trx, ctx, trajectoryId);
    if (trajectory.status === 'closed') {
      throw new AppError('conflict', {
        detail: { en: 'This trajectory is closed.', nl: 'Dit traject is afgesloten.' },
      });
    }
    if (
      input.organisationId &&
      !(await organisations.find(trx, scope.municipalityId, input.organisationId))
    ) {
      throw invalidField(
        'organisationId',
        'is not an organisation of this municipality',
        'is geen organisatie van deze gemeente',
      );
    }
    const id = newId();
    const shared = input.consent
      ? await buildShared(trx, scope.municipalityId, trajectory, input)
      : null;
    await trx
      .insertInto('referrals')
      .values({
        municipality_id: scope.municipalityId,
        id,
        team_id: trajectory.team_id,
        trajectory_id: trajectoryId,
        household_id: trajectory.household_id,
        registration_id: null,
        kind: input.kind,
        organisation_id: input.organisationId ?? null,
        referred_to: input.referredTo,
        note: input.question,
        wmo_provision: input.wmoProvision ?? null,
        status: 'open',
        consent_given_on: input.consent?.givenOn ?? null,
        consent_scope: input.consent?.scope ?? [],
        consent_recorded_by: input.consent ? ctx.actor.staffId : null,
        shared: shared ? JSON.stringify(shared) : null,
        created_by: ctx.actor.staffId,
      })
      .execute();
    // A specialist flown in, or a hand-over, moves the scale level with it. No version check: the
    // row is locked above, so `trajectory.scale_level` is what the update replaces.
    const newLevel =
      input.kind === 'specialist_task'
        ? 'specialist_task'
        : input.kind === 'handover'
          ? 'handed_over'
          : null;
    if (newLevel && newLevel !== trajectory.scale_level) {
      await trajectories.update(trx, scope.municipalityId, trajectoryId, null, {
        scale_level: newLevel,
      });
      await trajectoryEvents.add(trx, {
        municipalityId: scope.municipalityId,
        id: newId(),
        teamId: trajectory.team_id,
        trajectoryId,
        kind: 'scale_level',
        from: trajectory.scale_level,
        to: newLevel,
        note: input.referredTo,
        by: ctx.actor.staffId,
      });
    }
    await audit(trx, ctx, {
      action: 'referral.create',
      objectType: 'referral',
      objectId: id,
      // What is shared is the household's: each member's access log shows where it went.
      residentIds: await memberIds(trx, scope.municipalityId, trajectory.household_id),
      reason: input.consent
        ? `shared with consent: ${input.consent.scope.join(', ')}`
        : 'nothing shared (no consent)',
    });
    const row = await trx
      .selectFrom('referrals')
      .select(referralColumns)
      .where('municipality_id', '=', scope.municipalityId)
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
    return toReferral(row);
  });
}

export function listTrajectoryReferrals(ctx: ServiceContext, trajectoryId: string) {
  const scope = caseScopeOf(ctx.actor);
  return inTenant(ctx.db, scope, async (trx) => {
    const trajectory = await findTrajectoryInScope(trx, ctx, trajectoryId);
    const rows = await trx
      .selectFrom('referrals')
      .select(referralColumns)
      .where('municipality_id', '=', scope.municipalityId)
      .where('trajectory_id', '=', trajectoryId)
      .orderBy('created_at', 'desc')
      .execute();
    // The trajectory's referrals are the household's (where it went, what was asked): each member's
    // access log shows the read, as for the journal.
    await audit(trx, ctx, {
      action: 'referral.list',
      objectType: 'trajectory',
      objectId: trajectoryId,
      residentIds: await memberIds(trx, scope.municipalityId, trajectory.household_id),
    });
    return rows.map((r) => toReferral(r as Row));
  });
}

export function closeReferral(ctx: ServiceContext, id: string) {
  const scope = caseScopeOf(ctx.actor);
  return inTenant(ctx.db, scope, async (trx) => {
    const row = await trx
      .updateTable('referrals')
      .set({ status: 'closed' })
      .where('municipality_id', '=', scope.municipalityId)
      .where('id', '=', id)
      .where(
        'team_id',
        'in',
        scope.teamIds.length > 0 ? scope.teamIds : ['00000000-0000-0000-0000-000000000000'],
      )
      // The household's members, in the same statement (none for a referral without a household).
      .returning([...referralColumns, memberIdsOf('referrals').as('member_ids')])
      .executeTakeFirst();
    if (!row) throw notFound();
    await audit(trx, ctx, {
      action: 'referral.close',
      objectType: 'referral',
      objectId: id,
      residentIds: row.member_ids,
    });
    return toReferral(row);
  });
}

// ---- the receiving partner ------------------------------------------------------------------

async function partnerScope(ctx: ServiceContext) {
  const { municipalityId, staffId } = ctx.actor;
  const organisationId = await inTenant(ctx.db, { municipalityId, teamIds: [] }, (trx) =>
    staff.organisationOf(trx, municipalityId, staffId),
  );
  // A partner account without an organisation receives nothing.
  return {
    municipalityId,
    teamIds: [] as string[],
    organisationId: organisationId ?? '00000000-0000-0000-0000-000000000000',
  };
}

export async function listPartnerReferrals(ctx: ServiceContext) {
  const scope = await partnerScope(ctx);
  return inTenant(ctx.db, scope, async (trx) => {
    // Row-level security lets through only open, consented referrals to this organisation.
    const rows = await trx
      .selectFrom('referrals')
      .select([...referralColumns, residentIdsOfReferral()])
      .where('municipality_id', '=', scope.municipalityId)
      .orderBy('created_at', 'desc')
      .execute();
    // Each referral shown (and, with consent, its question) is about its household: one row per
    // resident of the referrals shown.
    await audit(trx, ctx, {
      action: 'referral.list',
      objectType: 'referral',
      residentIds: [...new Set(rows.flatMap((r) => r.resident_ids))],
      reason: 'partner inbox',
    });
    return rows.map((r) => toPartnerReferral(r as Row));
  });
}

export async function getPartnerReferral(ctx: ServiceContext, id: string) {
  const scope = await partnerScope(ctx);
  return inTenant(ctx.db, scope, async (trx) => {
    const row = await trx
      .selectFrom('referrals')
      .select([...referralColumns, residentIdsOfReferral()])
      .where('municipality_id', '=', scope.municipalityId)
      .where('id', '=', id)
      .executeTakeFirst();
    if (!row) throw notFound();
    await audit(trx, ctx, {
      action: 'referral.read',
      objectType: 'referral',
      objectId: id,
      residentIds: row.resident_ids,
    });
    return { ...toPartnerReferral(row), shared: row.shared ?? {} };
  });
}

export async function answerReferral(ctx: ServiceContext, id: string, answer: string) {
  const scope = await partnerScope(ctx);
  return inTenant(ctx.db, scope, async (trx) => {
    // The residents now, while the referral is still open: once answered the partner's function
    // names nobody.
    const row = await trx
      .selectFrom('referrals')
      .select([...referralColumns, residentIdsOfReferral()])
      .where('municipality_id', '=', scope.municipalityId)
      .where('id', '=', id)
      .executeTakeFirst();
    if (!row) throw notFound();
    const answeredAt = new Date();
    // Once answered the row is no longer the partner's to read, so the update runs in a
    // SECURITY DEFINER function that checks the partner's conditions itself.
    const { rows } = await sql<{
      ok: boolean;
    }>`select answer_referral(${id}::uuid, ${answer}) as ok`.execute(trx);
    if (rows[0]?.ok !== true) throw notFound();
    await audit(trx, ctx, {
      action: 'referral.answer',
      objectType: 'referral',
      objectId: id,
      residentIds: row.resident_ids,
    });
    return toPartnerReferral({
      ...(row as Row),
      status: 'answered',
      answer,
      answered_at: answeredAt,
    });
  });
}
