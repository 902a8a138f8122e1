// Audit is data, not logging: one append-only row for every read, search, create, change,
// delete and export of person data (who, on whose behalf, role, which resident, what, when,
// why, result). Written inside the same transaction as the work, so neither exists without
// the other: in an inTenant transaction, in the same message as its commit (see writeAudit).
import pg from 'pg';
import { sql, type RawBuilder } from 'kysely';
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
   * Every resident the event is about (a list's residents, a household's members), so that each
   * resident's access log shows it. Takes the place of `residentId` when given.
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

/** The columns of an event's row, in the order the deferred insert lists them. */
const COLUMNS = [
  'municipality_id',
  'id',
  'actor_id',
  'actor_role',
  'on_behalf_of',
  'action',
  'object_type',
  'object_id',
  'resident_id',
  'resident_ids',
  'reason',
  'result',
  'request_id',
] as const;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

type AuditRow = Pick<AuditEventsTable, (typeof COLUMNS)[number]>;

/**
 * The insert as one SQL text with the values quoted (pg's `escapeLiteral`, as db.ts quotes the
 * scope), to travel with the commit. The quoted texts take the column's type (uuid, uuid[], text),
 * as parameters would. Undefined for a value PostgreSQL cannot take in a query text: a NUL
 * character ends the protocol's string, so such a row is inserted with parameters instead (and
 * PostgreSQL refuses it there, as it always did).
 */
function insertText(row: AuditRow): string | undefined {
  const texts = COLUMNS.map((column) => (column === 'resident_ids' ? null : row[column]));
  if (texts.some((value) => value?.includes('\u0000'))) return undefined;
  // Inside an array literal a comma or brace would split a value: only uuids go in one (a
  // resident id that is not one takes the parameters' path, and PostgreSQL refuses it there).
  if (row.resident_ids?.some((id) => !UUID.test(id))) return undefined;
  const quoted = COLUMNS.map((column) => {
    if (column === 'resident_ids')
      return row.resident_ids
        ? `${pg.escapeLiteral(`{${row.resident_ids.join(',')}}`)}::uuid[]`
        : 'null';
    const value = row[column];
    return value === null ? 'null' : pg.escapeLiteral(value);
  });
  return `insert into audit_events (${COLUMNS.join(', ')}) values (${quoted.join(', ')})`;
}

/**
 * One row per event. A resident named twice (two rows of a list about the same household) is
 * named once; an event naming two or more residents lists them in `resident_ids` (migration
 * 20261125T1700: one row, not one per resident, which cost a 100-row list some 40 KB of WAL).
 */
export async function writeAudit(
  trx: Trx,
  actor: AuditActor,
  requestId: string,
  event: AuditEvent,
): Promise<void> {
  const named = [...new Set(event.residentIds ?? [])];
  const single =
    named.length === 0 ? (event.residentId ?? null) : named.length === 1 ? named[0] : null;
  const row: AuditRow = {
    municipality_id: actor.municipalityId,
    id: newId(),
    actor_id: actor.staffId,
    actor_role: actor.role,
    on_behalf_of: null,
    action: event.action,
    object_type: event.objectType,
    object_id: event.objectId ?? null,
    resident_id: single ?? null,
    resident_ids: named.length > 1 ? named : null,
    reason: event.reason ?? null,
    result: event.result ?? 'success',
    request_id: requestId,
  };
  // In the transaction an inTenant opened, the row goes with its commit: one round trip less per
  // request (see sendWithCommit in db.ts). Nothing in a request reads its own audit rows back; what
  // would must call flushAudit first. In any other transaction it is inserted now, as before.
  const text = insertText(row);
  if (text !== undefined && sendWithCommit(trx, text)) return;
  await trx.insertInto('audit_events').values(row).execute();
}

/**
 * Whether an audit row names the resident: alone (`resident_id`, the by-resident btree) or in a
 * list (`resident_ids`). The lists' rows are looked up by `audit_list_rows_naming` (migration
 * 20261125T1900), which uses their GIN index as the owner: under row-level security the array
 * operators, not being leakproof, could not use it and the whole trail was scanned. Every reader
 * of a resident's trail asks it this way; `alias` is the audit_events alias of the query.
 */
export function namesResident(alias: string, residentId: string): RawBuilder<boolean> {
  return sql<boolean>`(${sql.ref(`${alias}.resident_id`)} = ${residentId}::uuid
    or ${sql.ref(`${alias}.id`)} = any(audit_list_rows_naming(${residentId}::uuid)))`;
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
