// Audit is data, not logging: one append-only row for every read, search, create, change,
// delete and export of person data (who, on whose behalf, role, which resident, what, when,
// why, result). Written inside the same transaction as the work, so neither exists without
// the other: in an inTenant transaction, in the same message as its commit (see writeAudit).
import pg from 'pg';
import type { AuditEventsTable } from '../db/schema.js';
import { flushWithCommit, sendWithCommit, type Trx } from './db.js';
import type { ServiceContext } from './context.js';
import { newId } from './ids.js';

export type AuditAction =
  | 'auth.login'
  | 'auth.logout'
  | 'auth.password_change'
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
  | 'household.update'
  | 'resident.create'
  | 'resident.update'
  | 'resident.match'
  | 'registration.create'
  | 'registration.list'
  | 'registration.read'
  | 'registration.first_contact'
  | 'registration.resident'
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
  | 'assessment.due_list'
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
  | 'volunteer.tasks'
  | 'volunteer_match.create'
  | 'volunteer_match.list'
  | 'volunteer_match.end'
  | 'resident_offer.create'
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
  | 'item.cancel'
  | 'portal.invite'
  | 'portal.second_factor_reset'
  | 'portal.deactivate'
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
  | 'resident_message.list'
  | 'resident_message.read'
  | 'access.refused';

export interface AuditEvent {
  action: AuditAction;
  objectType: string;
  objectId?: string | null;
  residentId?: string | null;
  /**
   * One row per resident, so that each resident's access log shows the event. A resident named
   * twice (two rows of a list about the same household) gets one row.
   */
  residentIds?: readonly string[];
  reason?: string | null;
  result?: 'success' | 'denied' | 'not_found' | 'failure';
}

export interface AuditActor {
  municipalityId: string;
  staffId: string | null;
  role: string;
}

/** The columns an event's rows share, in the order the deferred insert lists them. */
const SHARED_COLUMNS = [
  'municipality_id',
  'actor_id',
  'actor_role',
  'on_behalf_of',
  'action',
  'object_type',
  'object_id',
  'reason',
  'result',
  'request_id',
] as const;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

type AuditRow = Pick<AuditEventsTable, (typeof SHARED_COLUMNS)[number] | 'id' | 'resident_id'>;
type SharedValues = Pick<AuditRow, (typeof SHARED_COLUMNS)[number]>;

/**
 * The insert as one SQL text with the values quoted (pg's `escapeLiteral`, as db.ts quotes the
 * scope), to travel with the commit. The event's values are written once and its rows' ids and
 * residents come as two arrays (`unnest`): a list names dozens of residents, and PostgreSQL parses
 * one literal per row that way instead of twelve (60 rows: 1.1 ms a transaction against 1.5-2.8
 * ms, bench/README.md "Session 17"). The quoted texts take the column's type (uuid, text), as
 * parameters would. Undefined for a value PostgreSQL cannot take in a query text: a NUL character
 * ends the protocol's string, so such a row is inserted with parameters instead (and PostgreSQL
 * refuses it there, as it always did).
 */
function insertText(
  shared: SharedValues,
  ids: readonly string[],
  residentIds: readonly (string | null)[],
): string | undefined {
  const values = SHARED_COLUMNS.map((column) => shared[column]);
  if (values.some((value) => value?.includes('\u0000'))) return undefined;
  // Inside an array literal a comma or brace would split a value: only uuids go in one (a
  // resident id that is not one takes the parameters' path, and PostgreSQL refuses it there).
  if (residentIds.some((id) => id !== null && !UUID.test(id))) return undefined;
  const quoted = values.map((value) => (value === null ? 'null' : pg.escapeLiteral(value)));
  const idArray = pg.escapeLiteral(`{${ids.join(',')}}`);
  const residentArray = pg.escapeLiteral(`{${residentIds.map((r) => r ?? 'NULL').join(',')}}`);
  return (
    `insert into audit_events (${SHARED_COLUMNS.join(', ')}, id, resident_id) ` +
    `select ${quoted.join(', ')}, x.id, x.resident_id ` +
    `from unnest(${idArray}::uuid[], ${residentArray}::uuid[]) as x(id, resident_id)`
  );
}

export async function writeAudit(
  trx: Trx,
  actor: AuditActor,
  requestId: string,
  event: AuditEvent,
): Promise<void> {
  const residentIds =
    event.residentIds && event.residentIds.length > 0
      ? [...new Set(event.residentIds)]
      : [event.residentId ?? null];
  const shared: SharedValues = {
    municipality_id: actor.municipalityId,
    actor_id: actor.staffId,
    actor_role: actor.role,
    on_behalf_of: null,
    action: event.action,
    object_type: event.objectType,
    object_id: event.objectId ?? null,
    reason: event.reason ?? null,
    result: event.result ?? 'success',
    request_id: requestId,
  };
  const ids = residentIds.map(() => newId());
  // In the transaction an inTenant opened, the rows go with its commit: one round trip less per
  // request (see sendWithCommit in db.ts). Nothing in a request reads its own audit rows back; what
  // would must call flushAudit first. In any other transaction they are inserted now, as before.
  const text = insertText(shared, ids, residentIds);
  if (text !== undefined && sendWithCommit(trx, text)) return;
  const rows: AuditRow[] = residentIds.map((residentId, i) => ({
    ...shared,
    id: ids[i] as string,
    resident_id: residentId,
  }));
  await trx.insertInto('audit_events').values(rows).execute();
}

/** Writes the audit rows still waiting for the commit of `trx` now, to read them back in it. */
export function flushAudit(trx: Trx): Promise<void> {
  return flushWithCommit(trx);
}

export function audit(trx: Trx, ctx: ServiceContext, event: AuditEvent): Promise<void> {
  return writeAudit(
    trx,
    { municipalityId: ctx.actor.municipalityId, staffId: ctx.actor.staffId, role: ctx.actor.role },
    ctx.requestId,
    event,
  );
}
