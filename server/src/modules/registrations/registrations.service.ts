// The entry point: register a question (with or without a person), record the first contact,
// and triage it. Multiple problems open the household's one trajectory (or join the one running;
// a relapse during aftercare ends the aftercare and opens a new one); other outcomes refer. A
// registration made without a resident gets one later, before triage.
import type { ServiceContext } from '../../platform/context.js';
import { inTenant, setScope } from '../../platform/db.js';
import { AppError, invalidField, notFound, versionConflict } from '../../platform/errors.js';
import { audit } from '../../platform/audit.js';
import { newId } from '../../platform/ids.js';
import { caseScopeOf, inWriteScope } from '../organisation/team-scope.js';
import { teams } from '../organisation/organisation.repository.js';
import { settleResident } from '../households/households.service.js';
import { trajectories } from '../trajectories/trajectories.repository.js';
import {
  endAftercareIn,
  findTrajectoryInScope,
  memberIds,
} from '../trajectories/trajectories.service.js';
import { openTimeIdCursor, sealTimeIdCursor } from '../../platform/list-cursor.js';
import { referrals, registrations } from './registrations.repository.js';
import type {
  CreateRegistrationInput,
  CreatedRegistrationAnswer,
  RecordResidentInput,
  RecordedResident,
  Registration,
  TriageInput,
} from './registrations.schemas.js';

/** Clocks differ a little; a time further ahead than this is a typing error. */
const FUTURE_TOLERANCE_MS = 5 * 60_000;

function assertNotInFuture(at: Date, field: string) {
  if (at.getTime() > Date.now() + FUTURE_TOLERANCE_MS) {
    throw invalidField(field, 'must not be in the future', 'mag niet in de toekomst liggen');
  }
}

export function createRegistration(
  ctx: ServiceContext,
  input: CreateRegistrationInput,
): Promise<CreatedRegistrationAnswer> {
  const { actor } = ctx;
  // A partner hands a question in but reads nothing back (PRODUCT.md: only what was shared with
  // it): neither its answer nor a refusal may tell whether the person is known, or to whom.
  const partner = actor.role === 'partner';
  // "A new person after all" answers the matches, and a partner is never shown any: from a
  // partner it could only make a duplicate. Refused before anything is looked up, so the answer
  // is the same whoever the person is.
  if (partner && input.confirmedNew) {
    throw invalidField(
      'confirmedNew',
      'cannot be given by a partner: a partner sees no possible matches, the team checks them',
      'kan een partner niet meegeven: een partner ziet geen mogelijke matches, het team controleert ze',
    );
  }
  const receivedAt = new Date(input.receivedAt);
  assertNotInFuture(receivedAt, 'receivedAt');
  return inWriteScope(ctx.db, actor, input.teamId, async (trx) => {
    const settled = await settleResident(trx, ctx, input.teamId, {
      householdId: input.householdId,
      resident: input.resident,
      confirmedNew: input.confirmedNew,
      blind: partner,
    });
    // The team whose household it is: for a partner's person whom another team knows by BSN,
    // that team (one household, one plan), which finds it on its waiting list.
    const teamId = settled?.teamId ?? input.teamId;
    const id = newId();
    await registrations.insert(trx, {
      municipalityId: actor.municipalityId,
      id,
      teamId,
      householdId: settled?.householdId ?? null,
      residentId: settled?.residentId ?? null,
      source: input.source,
      receivedAt,
      question: input.question,
      lifeDomains: [...new Set(input.lifeDomains)],
      createdBy: actor.staffId,
    });
    let status: 'new' | 'triaged' = 'new';
    if (input.adviceOnly) {
      await registrations.recordTriage(trx, actor.municipalityId, id, {
        outcome: 'advice_only',
        note: input.adviceOnly.note ?? null,
        reason: null,
        referredTo: null,
        by: actor.staffId,
        at: receivedAt,
        trajectoryId: null,
        firstContact: { at: receivedAt, kind: input.adviceOnly.contactKind },
      });
      status = 'triaged';
    }
    await audit(trx, ctx, {
      action: 'registration.create',
      objectType: 'registration',
      objectId: id,
      residentId: settled?.residentId ?? null,
      ...(teamId === input.teamId
        ? {}
        : { reason: 'linked by BSN to the team that knows the resident' }),
    });
    if (partner) return { id, status };
    return {
      id,
      status,
      householdId: settled?.householdId ?? null,
      residentId: settled?.residentId ?? null,
      matchedExisting: settled?.matchedExisting ?? false,
    };
  });
}

type Row = Awaited<ReturnType<typeof registrations.list>>[number];
const toRegistration = (row: Row): Registration => ({
  id: row.id,
  teamId: row.team_id,
  source: row.source,
  receivedAt: new Date(row.received_at).toISOString(),
  question: row.question,
  lifeDomains: row.life_domains,
  status: row.status,
  householdId: row.household_id,
  residentId: row.resident_id,
  residentName: row.resident_name,
  neighbourhoodName: row.neighbourhood_name,
  waitingHours: row.waiting_hours,
  firstContactAt: row.first_contact_at?.toISOString() ?? null,
  firstContactKind: row.first_contact_kind,
  triageOutcome: row.triage_outcome,
  triageReason: row.triage_reason,
  triageNote: row.triage_note,
  referredTo: row.referred_to,
  triagedAt: row.triaged_at?.toISOString() ?? null,
  trajectoryId: row.trajectory_id,
  trajectoryOpened: row.trajectory_opened,
  endedAftercareTrajectoryId: row.ended_aftercare_trajectory_id,
  version: row.version,
});

type RegistrationListQuery = {
  status?: 'new' | 'contacted' | 'triaged';
  teamId?: string;
  /** The `nextCursor` of the previous page (sent with the same status). */
  cursor?: string;
  limit: number;
};

/**
 * One page of the team's registrations. The first page is one statement as it always was (the
 * home page's waiting list is the app's busiest read): one row more than asked tells whether
 * another page follows, with no count and no second query. The cursor is opened before the
 * transaction, so a bad one is a 400 that reads and audits nothing.
 */
export function listRegistrationPage(
  ctx: ServiceContext,
  query: RegistrationListQuery,
): Promise<{ items: Registration[]; nextCursor: string | null }> {
  // The waiting list and the triage list run oldest first, the others newest first: a cursor
  // holds to its own list (a position in the waiting list is no position among the contacted).
  const list =
    query.status === 'new'
      ? 'registrations.oldest-first'
      : query.status === 'contacted'
        ? 'registrations.triage-oldest-first'
        : 'registrations.newest-first';
  const after = openTimeIdCursor(ctx.config.secretKey, list, query.cursor);
  const scope = caseScopeOf(ctx.actor);
  const teamIds = query.teamId ? scope.teamIds.filter((t) => t === query.teamId) : scope.teamIds;
  return inTenant(ctx.db, scope, async (trx) => {
    const rows = await registrations.list(trx, scope.municipalityId, teamIds, {
      ...(query.status ? { status: query.status } : {}),
      ...(after ? { after } : {}),
      limit: query.limit + 1,
    });
    const page = rows.slice(0, query.limit);
    // Only the residents shown are audited: the extra row is not shown on this page.
    await audit(trx, ctx, {
      action: 'registration.list',
      objectType: 'registration',
      reason: query.status ? `status ${query.status}` : null,
      residentIds: page.flatMap((r) => (r.resident_id ? [r.resident_id] : [])),
    });
    const last = page.at(-1);
    return {
      items: page.map(toRegistration),
      nextCursor:
        rows.length > query.limit && last
          ? sealTimeIdCursor(ctx.config.secretKey, list, { at: last.received_at_key, id: last.id })
          : null,
    };
  });
}

export function getRegistration(ctx: ServiceContext, id: string): Promise<Registration> {
  const scope = caseScopeOf(ctx.actor);
  return inTenant(ctx.db, scope, async (trx) => {
    const [row] = await registrations.list(trx, scope.municipalityId, scope.teamIds, {
      id,
      limit: 1,
    });
    if (!row) throw notFound();
    await audit(trx, ctx, {
      action: 'registration.read',
      objectType: 'registration',
      objectId: id,
      residentId: row.resident_id,
    });
    return toRegistration(row);
  });
}

export function recordFirstContact(
  ctx: ServiceContext,
  id: string,
  input: { at: string; kind: 'home_visit' | 'phone' | 'office' | 'other' },
) {
  const scope = caseScopeOf(ctx.actor);
  const at = new Date(input.at);
  assertNotInFuture(at, 'at');
  return inTenant(ctx.db, scope, async (trx) => {
    const registration = await registrations.find(trx, scope.municipalityId, id);
    if (!registration) throw notFound();
    if (at.getTime() < new Date(registration.received_at).getTime() - 60_000) {
      throw invalidField(
        'at',
        'must not be before the registration came in',
        'mag niet vóór de aanmelding liggen',
      );
    }
    if (
      !(await registrations.recordFirstContact(trx, scope.municipalityId, id, {
        at,
        kind: input.kind,
      }))
    ) {
      throw new AppError('conflict', {
        detail: {
          en: 'The first contact of this registration was already recorded.',
          nl: 'Het eerste contact van deze aanmelding is al vastgelegd.',
        },
      });
    }
    await audit(trx, ctx, {
      action: 'registration.first_contact',
      objectType: 'registration',
      objectId: id,
      residentId: registration.resident_id,
    });
    const hours = (at.getTime() - new Date(registration.received_at).getTime()) / 3_600_000;
    return {
      id,
      status: 'contacted' as const,
      firstContactAt: at.toISOString(),
      hoursToFirstContact: Math.round(hours * 10) / 10,
    };
  });
}

/**
 * The resident of a registration made without one ("alleen de vraag is verplicht; de rest kan
 * later"), so that it can become a trajectory. Found or created as for a new registration
 * (settleResident: the same matching, the same confirmedNew), in the registration's team. Only
 * before triage and only once: afterwards the registration's household is what it was triaged as.
 */
export function recordResident(
  ctx: ServiceContext,
  id: string,
  input: RecordResidentInput,
): Promise<RecordedResident> {
  const { actor } = ctx;
  const scope = caseScopeOf(actor);
  return inTenant(ctx.db, scope, async (trx) => {
    const registration = await registrations.find(trx, scope.municipalityId, id);
    // A household opened by breaking the glass is read-only: its team's registrations are not
    // this actor's to change.
    if (!registration || !actor.teamIds.includes(registration.team_id)) throw notFound();
    if (registration.status === 'triaged') {
      throw new AppError('conflict', {
        detail: {
          en: 'This registration was already triaged: its resident can no longer be recorded here.',
          nl: 'Deze aanmelding is al getrieerd: de inwoner kan hier niet meer worden vastgelegd.',
        },
      });
    }
    // Recorded once: a resident, or a household that the resident can still be added to, but not
    // a second household in place of the first.
    const householdAlready = registration.household_id !== null;
    if (
      registration.resident_id !== null ||
      (householdAlready && !input.resident) ||
      (householdAlready && input.householdId && input.householdId !== registration.household_id)
    ) {
      throw new AppError('conflict', {
        detail: {
          en: 'The resident or household of this registration was already recorded.',
          nl: 'De inwoner of het huishouden van deze aanmelding is al vastgelegd.',
        },
      });
    }
    if (registration.version !== input.version) throw versionConflict();
    // Matched within the registration's team only, as a new registration for that team is.
    if (scope.teamIds.length !== 1 || scope.teamIds[0] !== registration.team_id) {
      await setScope(trx, {
        municipalityId: scope.municipalityId,
        teamIds: [registration.team_id],
      });
    }
    const settled = await settleResident(trx, ctx, registration.team_id, {
      householdId: input.householdId ?? registration.household_id ?? undefined,
      resident: input.resident,
      confirmedNew: input.confirmedNew,
    });
    // The schema asks for a resident or a household, so settleResident always settles one.
    if (!settled) throw new Error('settleResident settled no household');
    if (
      !(await registrations.recordResident(trx, scope.municipalityId, id, input.version, settled))
    ) {
      throw versionConflict();
    }
    await audit(trx, ctx, {
      action: 'registration.resident',
      objectType: 'registration',
      objectId: id,
      // Linked to a household without naming the person: each of its members sees it.
      residentIds: settled.residentId
        ? [settled.residentId]
        : await memberIds(trx, scope.municipalityId, settled.householdId),
      reason: settled.matchedExisting ? 'matched a known resident or household' : null,
    });
    return {
      id,
      status: registration.status,
      householdId: settled.householdId,
      residentId: settled.residentId,
      matchedExisting: settled.matchedExisting,
      version: input.version + 1,
    };
  });
}

export function triageRegistration(ctx: ServiceContext, id: string, input: TriageInput) {
  const scope = caseScopeOf(ctx.actor);
  const { actor } = ctx;
  return inTenant(ctx.db, scope, async (trx) => {
    const registration = await registrations.find(trx, scope.municipalityId, id);
    if (!registration) throw notFound();
    if (registration.status === 'triaged') {
      throw new AppError('conflict', {
        detail: {
          en: 'This registration was already triaged.',
          nl: 'Deze aanmelding is al getrieerd.',
        },
      });
    }
    // Triage follows the first contact (adviceOnly on create records both at once). Triaged
    // without one, a registration would count as "nog zonder eerste contact" for ever and drop
    // out of the time to first contact.
    if (registration.first_contact_at === null) {
      throw new AppError('conflict', {
        detail: {
          en: 'This registration has no first contact yet: record the first contact, then triage it.',
          nl: 'Deze aanmelding heeft nog geen eerste contact: leg eerst het eerste contact vast, daarna de triage.',
        },
        invalidParams: [
          {
            name: 'firstContactAt',
            reason: 'is required before triage: record the first contact first',
            reasonNl: 'is nodig voor de triage: leg eerst het eerste contact vast',
          },
        ],
      });
    }
    const now = new Date();
    let trajectoryId: string | null = null;
    let trajectoryOpened = false;
    let endedAftercareTrajectoryId: string | null = null;
    let referralId: string | null = null;
    let referredTo = input.referredTo ?? null;
    const refer = async (
      kind: 'volunteer' | 'collective' | 'specialist' | 'youth_family_team' | 'warm_referral',
      to: string,
    ) => {
      referralId = newId();
      await referrals.insert(trx, {
        municipalityId: scope.municipalityId,
        id: referralId,
        teamId: registration.team_id,
        registrationId: id,
        householdId: registration.household_id,
        kind,
        referredTo: to,
        note: input.note ?? null,
        createdBy: actor.staffId,
      });
    };

    switch (input.outcome) {
      case 'multiple_problems': {
        if (!registration.household_id) {
          throw invalidField(
            'outcome',
            'a trajectory needs a household: record the resident first',
            'een traject vraagt om een huishouden: leg eerst de inwoner vast',
          );
        }
        // 1 gezin, 1 plan, 1 regisseur: join the household's running (open or follow-up)
        // trajectory if there is one.
        const active = await trajectories.findOpenForHousehold(
          trx,
          scope.municipalityId,
          registration.household_id,
        );
        if (active && active.status !== 'aftercare') {
          trajectoryId = active.id;
          break;
        }
        // A trajectory in aftercare is closed, with its date and outcome: a new question with
        // several problems is the relapse that aftercare is there to catch, and scaling up again
        // is a new trajectory. The aftercare ends first (one unfinished trajectory per household).
        if (active) {
          const inAftercare = await findTrajectoryInScope(trx, ctx, active.id);
          // A code, not words: the history says it in each reader's language.
          await endAftercareIn(trx, ctx, inAftercare, {
            noteCode: 'aftercare_ended_by_new_registration',
            reason: 'aftercare ended: new registration',
          });
          endedAftercareTrajectoryId = active.id;
        }
        trajectoryId = newId();
        trajectoryOpened = true;
        await trajectories.insert(trx, {
          municipalityId: scope.municipalityId,
          id: trajectoryId,
          householdId: registration.household_id,
          teamId: registration.team_id,
          coordinatorId: actor.staffId,
          registrationId: id,
          openedAt: now,
        });
        await audit(trx, ctx, {
          action: 'trajectory.create',
          objectType: 'trajectory',
          objectId: trajectoryId,
          // The whole household's plan: each member sees it in their access log.
          residentIds: await memberIds(trx, scope.municipalityId, registration.household_id),
        });
        break;
      }
      case 'single_problem':
        await refer(input.route ?? 'specialist', input.referredTo ?? '');
        break;
      case 'youth_family': {
        const youthTeam = (await teams.list(trx, scope.municipalityId)).find(
          (t) => t.type === 'youth_family',
        );
        referredTo = input.referredTo ?? youthTeam?.name ?? 'Jeugd & Gezin';
        await refer('youth_family_team', referredTo);
        break;
      }
      case 'out_of_scope':
        await refer('warm_referral', input.referredTo ?? '');
        break;
      case 'advice_only':
        break;
    }

    const triaged = await registrations.recordTriage(trx, scope.municipalityId, id, {
      outcome: input.outcome,
      note: input.note ?? null,
      reason: input.outOfScopeReason ?? input.route ?? null,
      referredTo,
      by: actor.staffId,
      at: now,
      trajectoryId,
      endedAftercareTrajectoryId,
      firstContact: null,
    });
    if (!triaged) throw new AppError('version_conflict');
    await audit(trx, ctx, {
      action: 'registration.triage',
      objectType: 'registration',
      objectId: id,
      residentId: registration.resident_id,
      reason: input.outcome,
    });
    return {
      id,
      status: 'triaged' as const,
      outcome: input.outcome,
      trajectoryId,
      trajectoryOpened,
      endedAftercareTrajectoryId,
      referralId,
    };
  });
}
