// Audit is data, not logging: one append-only row for every read, search, create, change,
// delete and export of person data (who, on whose behalf, role, which resident, what, when,
// why, result). Written inside the same transaction as the work, so neither exists without
// the other.
import type { Trx } from './db.js';
import type { ServiceContext } from './context.js';
import { newId } from './ids.js';

export type AuditAction =
  | 'auth.login'
  | 'auth.logout'
  | 'auth.second_factor'
  | 'auth.second_factor_enrol'
  | 'auth.second_factor_reset'
  | 'auth.oidc_login'
  | 'sign_in_settings.read'
  | 'sign_in_settings.update'
  | 'staff.list'
  | 'staff.read'
  | 'staff.create'
  | 'staff.update'
  | 'household.read'
  | 'household.search'
  | 'household.create'
  | 'resident.create'
  | 'resident.match'
  | 'registration.create'
  | 'registration.list'
  | 'registration.read'
  | 'registration.first_contact'
  | 'registration.triage'
  | 'trajectory.create'
  | 'trajectory.list'
  | 'trajectory.read'
  | 'trajectory.update'
  | 'trajectory.close'
  | 'contact.create'
  | 'contact.list'
  | 'case_conference.create'
  | 'case_conference.list'
  | 'plan.read'
  | 'plan.save'
  | 'plan.agreement'
  | 'assessment.create'
  | 'assessment.list'
  | 'work_budget.request'
  | 'work_budget.list'
  | 'work_budget.approve'
  | 'work_budget.reject'
  | 'work_budget.pay'
  | 'work_budget.correct'
  | 'work_budget.return'
  | 'work_budget.set'
  | 'execution_budget.set'
  | 'report.monitor'
  | 'volunteer.list'
  | 'volunteer.create'
  | 'volunteer.update'
  | 'volunteer.match'
  | 'group.list'
  | 'group.read'
  | 'group.create'
  | 'group.update'
  | 'group.sign_up'
  | 'group.leave'
  | 'group.attendance'
  | 'item.list'
  | 'item.create'
  | 'item.loan'
  | 'item.return'
  | 'portal.invite'
  | 'portal.second_factor_reset'
  | 'portal.activate'
  | 'portal.read'
  | 'portal.message'
  | 'audit.read'
  | 'resident.export'
  | 'break_glass.open'
  | 'privacy_alert.list'
  | 'privacy_alert.review'
  | 'retention.list'
  | 'privacy_settings.read'
  | 'privacy_settings.update'
  | 'erasure.request'
  | 'erasure.lookup'
  | 'erasure.list'
  | 'erasure.erase'
  | 'erasure.refuse'
  | 'referral.create'
  | 'referral.list'
  | 'referral.read'
  | 'referral.answer'
  | 'referral.close'
  | 'signal.import'
  | 'signal.list'
  | 'signal.outreach'
  | 'signal.to_registration'
  | 'postcode_table.import'
  | 'price.create'
  | 'price.update'
  | 'assumption.create'
  | 'assumption.update'
  | 'inhabitants.import'
  | 'business_case.read'
  | 'business_case.export'
  | 'access.refused';

export interface AuditEvent {
  action: AuditAction;
  objectType: string;
  objectId?: string | null;
  residentId?: string | null;
  /** One row per resident, so that each resident's access log shows the event. */
  residentIds?: readonly string[];
  reason?: string | null;
  result?: 'success' | 'denied' | 'not_found' | 'failure';
}

export interface AuditActor {
  municipalityId: string;
  staffId: string | null;
  role: string;
}

export async function writeAudit(
  trx: Trx,
  actor: AuditActor,
  requestId: string,
  event: AuditEvent,
): Promise<void> {
  const residentIds =
    event.residentIds && event.residentIds.length > 0
      ? event.residentIds
      : [event.residentId ?? null];
  await trx
    .insertInto('audit_events')
    .values(
      residentIds.map((residentId) => ({
        municipality_id: actor.municipalityId,
        id: newId(),
        actor_id: actor.staffId,
        actor_role: actor.role,
        on_behalf_of: null,
        action: event.action,
        object_type: event.objectType,
        object_id: event.objectId ?? null,
        resident_id: residentId,
        reason: event.reason ?? null,
        result: event.result ?? 'success',
        request_id: requestId,
      })),
    )
    .execute();
}

export function audit(trx: Trx, ctx: ServiceContext, event: AuditEvent): Promise<void> {
  return writeAudit(
    trx,
    { municipalityId: ctx.actor.municipalityId, staffId: ctx.actor.staffId, role: ctx.actor.role },
    ctx.requestId,
    event,
  );
}
