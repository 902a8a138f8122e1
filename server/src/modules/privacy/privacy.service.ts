// The privacy officer's tools (the admin with that duty): the full audit log with filters, and
// the right of access, a complete export of everything held about one resident.
import { CompiledQuery, sql } from 'kysely';
import type { Actor, ServiceContext } from '../../platform/context.js';
import { inTenant, setScope, type Trx } from '../../platform/db.js';
import { AppError, invalidField, notFound } from '../../platform/errors.js';
import { audit, namesResident } from '../../platform/audit.js';
import { teams } from '../organisation/organisation.repository.js';
import { caseScopeOf } from '../organisation/team-scope.js';
import { reasonForResident } from '../portal/access-log-texts.js';
import { measuredVisibleTo } from '../portal/portal.service.js';

/**
 * The privacy officer is an `admin` named in privacy_duties (see the migration 20261123T1600 and
 * docs/privacy.md): other admins manage the organisation but do not read the audit trail.
 */
export async function requirePrivacyDuty(trx: Trx, actor: Actor): Promise<void> {
  const duty =
    actor.role === 'admin'
      ? await trx
          .selectFrom('privacy_duties')
          .select('staff_id')
          .where('municipality_id', '=', actor.municipalityId)
          .where('staff_id', '=', actor.staffId)
          .executeTakeFirst()
      : undefined;
  if (!duty) throw new AppError('forbidden');
}

export interface AuditQueryInput {
  residentId?: string | undefined;
  actorId?: string | undefined;
  action?: string | undefined;
  from?: string | undefined;
  to?: string | undefined;
  cursor?: string | undefined;
  limit: number;
}

/** Newest first; the cursor is the (at, id) of the last row of the previous page. */
function decodeAuditCursor(cursor: string | undefined): { at: string; id: string } | undefined {
  if (!cursor) return undefined;
  try {
    const parsed = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as unknown;
    if (
      Array.isArray(parsed) &&
      typeof parsed[0] === 'string' &&
      typeof parsed[1] === 'string' &&
      !Number.isNaN(Date.parse(parsed[0])) &&
      /^[0-9a-f-]{36}$/.test(parsed[1])
    ) {
      return { at: parsed[0], id: parsed[1] };
    }
  } catch {
    // fall through
  }
  throw invalidField(
    'query.cursor',
    'is not a cursor of this list',
    'is geen cursor van deze lijst',
  );
}

export function listAudit(ctx: ServiceContext, query: AuditQueryInput) {
  const { municipalityId } = ctx.actor;
  return inTenant(ctx.db, { municipalityId, teamIds: [] }, async (trx) => {
    await requirePrivacyDuty(trx, ctx.actor);
    const after = decodeAuditCursor(query.cursor);
    let q = trx
      .selectFrom('audit_events as e')
      .leftJoin('staff as s', (j) =>
        j.onRef('s.municipality_id', '=', 'e.municipality_id').onRef('s.id', '=', 'e.actor_id'),
      )
      .select([
        'e.id',
        'e.at',
        'e.actor_id',
        's.name as actor_name',
        'e.actor_role',
        'e.action',
        'e.resident_id',
        'e.resident_ids',
        'e.object_type',
        'e.object_id',
        'e.reason',
        'e.result',
      ])
      .where('e.municipality_id', '=', municipalityId);
    // Amsterdam calendar days, written as instants so that the index on `at` can be used.
    if (query.from)
      q = q.where(
        'e.at',
        '>=',
        sql<Date>`(${query.from}::date)::timestamp at time zone 'Europe/Amsterdam'`,
      );
    if (query.to)
      q = q.where(
        'e.at',
        '<',
        sql<Date>`(${query.to}::date + 1)::timestamp at time zone 'Europe/Amsterdam'`,
      );
    if (query.residentId) q = q.where(namesResident('e', query.residentId));
    if (query.actorId) q = q.where('e.actor_id', '=', query.actorId);
    if (query.action) q = q.where('e.action', '=', query.action);
    if (after) {
      q = q.where(sql<boolean>`(e.at, e.id) < (${after.at}::timestamptz, ${after.id}::uuid)`);
    }
    const rows = await q
      .orderBy('e.at', 'desc')
      .orderBy('e.id', 'desc')
      .limit(query.limit + 1)
      .execute();
    await audit(trx, ctx, {
      action: 'audit.read',
      objectType: 'audit',
      residentId: query.residentId ?? null,
      reason:
        [
          query.actorId ? `actor ${query.actorId}` : null,
          query.action ? `action ${query.action}` : null,
          query.from || query.to ? `period ${query.from ?? ''}..${query.to ?? ''}` : null,
        ]
          .filter(Boolean)
          .join(', ') || null,
    });
    const page = rows.slice(0, query.limit);
    const last = page[page.length - 1];
    return {
      items: page.map((r) => ({
        at: new Date(r.at).toISOString(),
        actorId: r.actor_id,
        actorName: r.actor_name ?? null,
        actorRole: r.actor_role,
        action: r.action,
        // A list row names several residents: filtered by one, it is about that one.
        residentId: r.resident_id ?? (query.residentId && r.resident_ids ? query.residentId : null),
        residentIds: r.resident_ids ?? (r.resident_id ? [r.resident_id] : []),
        object: r.object_id ? `${r.object_type}:${r.object_id}` : r.object_type,
        reason: r.reason,
        result: r.result,
      })),
      nextCursor:
        rows.length > query.limit && last
          ? Buffer.from(JSON.stringify([new Date(last.at).toISOString(), last.id])).toString(
              'base64url',
            )
          : null,
    };
  });
}

/**
 * Every table that holds person data, and how to find one resident's rows in it. A table that
 * is neither here nor in NOT_ABOUT_RESIDENTS fails the export test: a new table cannot be
 * forgotten in the right of access.
 *
 * $m is the municipality, $r the resident, $h their household, and $v the members whose personal
 * items the resident may see: themselves and, for an adult, the household's minors (the portal's
 * rule, measuredVisibleTo). The household's shared file (its trajectories, plan, journal) is
 * everyone's; a row that is about one member (a measurement, a registration's question) is in
 * the export of that member, and of their parent, never of another adult of the household.
 */
export const EXPORTED_TABLES: Record<string, string> = {
  residents: `select * from residents where municipality_id = $m and id = $r`,
  households: `select * from households where municipality_id = $m and id = $h`,
  // A registration of the household about nobody in particular, the person's own, and for a
  // parent their children's; not another adult's (their question is about them).
  registrations: `select * from registrations where municipality_id = $m and (resident_id = $r or (household_id = $h and (resident_id is null or resident_id = any($v))))`,
  trajectories: `select * from trajectories where municipality_id = $m and household_id = $h`,
  trajectory_events: `select * from trajectory_events where municipality_id = $m and trajectory_id in (select id from trajectories where municipality_id = $m and household_id = $h)`,
  plan_versions: `select * from plan_versions where municipality_id = $m and trajectory_id in (select id from trajectories where municipality_id = $m and household_id = $h)`,
  plan_actions: `select * from plan_actions where municipality_id = $m and trajectory_id in (select id from trajectories where municipality_id = $m and household_id = $h)`,
  network_members: `select * from network_members where municipality_id = $m and trajectory_id in (select id from trajectories where municipality_id = $m and household_id = $h)`,
  contacts: `select * from contacts where municipality_id = $m and trajectory_id in (select id from trajectories where municipality_id = $m and household_id = $h)`,
  case_conferences: `select * from case_conferences where municipality_id = $m and trajectory_id in (select id from trajectories where municipality_id = $m and household_id = $h)`,
  referrals: `select * from referrals where municipality_id = $m and household_id = $h`,
  // With the name of the organisation that sent the signal: the resident may know the source.
  signals: `select s.*, o.name as sender_name from signals s left join organisations o on o.municipality_id = s.municipality_id and o.id = s.organisation_id where s.municipality_id = $m and s.household_id = $h`,
  // As "Mijn metingen" shows them (measuredVisibleTo): the household's, the person's own and,
  // for an adult, the children's. Another adult's measurement is about that adult.
  assessments: `select * from assessments where municipality_id = $m and trajectory_id in (select id from trajectories where municipality_id = $m and household_id = $h) and (resident_id is null or resident_id = any($v))`,
  assessment_scores: `select s.* from assessment_scores s join assessments a on a.municipality_id = s.municipality_id and a.id = s.assessment_id where s.municipality_id = $m and a.trajectory_id in (select id from trajectories where municipality_id = $m and household_id = $h) and (a.resident_id is null or a.resident_id = any($v))`,
  work_budget_requests: `select * from work_budget_requests where municipality_id = $m and trajectory_id in (select id from trajectories where municipality_id = $m and household_id = $h)`,
  work_budget_returns: `select x.* from work_budget_returns x join work_budget_requests r on r.municipality_id = x.municipality_id and r.id = x.request_id where x.municipality_id = $m and r.trajectory_id in (select id from trajectories where municipality_id = $m and household_id = $h)`,
  resident_invitations: `select id, resident_id, created_at, expires_at, used_at from resident_invitations where municipality_id = $m and resident_id = $r`,
  resident_accounts: `select resident_id, login_name, active, created_at from resident_accounts where municipality_id = $m and resident_id = $r`,
  resident_sessions: `select created_at, last_seen_at, revoked_at from resident_sessions where municipality_id = $m and resident_id = $r`,
  resident_messages: `select * from resident_messages where municipality_id = $m and resident_id = $r`,
  // Each reason as the portal shows it (reasonForResident in exportResident): break the glass only.
  audit_events: `select e.at, e.actor_id, s.name as actor_name, e.actor_role, e.action, e.object_type, e.object_id, e.reason, e.result from audit_events e left join staff s on s.municipality_id = e.municipality_id and s.id = e.actor_id where e.municipality_id = $m and (e.resident_id = $r or e.id = any(audit_list_rows_naming($r))) order by e.at`,
  // The same reads as audit_events, grouped per hour for the privacy officer's alerts.
  audit_reads_by_hour: `select h.day, h.hour, h.actor_id, s.name as actor_name, h.actor_role, h.reads, h.first_at, h.last_at from audit_reads_by_hour h left join staff s on s.municipality_id = h.municipality_id and s.id = h.actor_id where h.municipality_id = $m and h.resident_id = $r order by h.day, h.hour`,
  volunteer_matches: `select id, trajectory_id, status, resident_first_name, task, where_text, when_text, created_at from volunteer_matches where municipality_id = $m and trajectory_id in (select id from trajectories where municipality_id = $m and household_id = $h)`,
  resident_offers: `select * from resident_offers where municipality_id = $m and resident_id = $r`,
  group_participants: `select p.*, g.name as group_name from group_participants p join groups g on g.municipality_id = p.municipality_id and g.id = p.group_id where p.municipality_id = $m and p.resident_id = $r`,
  group_attendance: `select a.session_id, s.starts_at, a.present from group_attendance a join group_sessions s on s.municipality_id = a.municipality_id and s.id = a.session_id where a.municipality_id = $m and a.participant_id in (select id from group_participants where municipality_id = $m and resident_id = $r)`,
  item_loans: `select l.*, i.name as item_name from item_loans l join shared_items i on i.municipality_id = l.municipality_id and i.id = l.item_id where l.municipality_id = $m and l.resident_id = $r`,
  break_glass_grants: `select g.created_at, g.staff_id, s.name as staff_name, g.reason, g.expires_at from break_glass_grants g left join staff s on s.municipality_id = g.municipality_id and s.id = g.staff_id where g.municipality_id = $m and g.household_id = $h`,
  // A case is about the whole household's file; the words of another adult's request are theirs.
  erasure_cases: `select id, source, status, case when resident_id is null or resident_id = any($v) then request_note end as request_note, legal_exception, decided_at, decision_note, created_at from erasure_cases where municipality_id = $m and household_id = $h`,
  signal_imports: `select i.id, i.created_at from signal_imports i where i.municipality_id = $m and i.id in (select import_id from signals where municipality_id = $m and household_id = $h)`,
  // The secret and the recovery codes are credentials, not information about the person.
  resident_second_factors: `select created_at, confirmed_at, cardinality(recovery_code_hashes) as recovery_codes_left from resident_second_factors where municipality_id = $m and resident_id = $r`,
  sign_in_challenges: `select created_at, expires_at, used_at, stage from sign_in_challenges where municipality_id = $m and subject_kind = 'resident' and subject_id = $r`,
};

/** Tables with no resident's data in them (organisation, configuration, money totals, staff). */
export const NOT_ABOUT_RESIDENTS = [
  'kysely_migration',
  'kysely_migration_lock',
  'municipalities',
  'districts',
  'neighbourhoods',
  'teams',
  'team_neighbourhoods',
  'organisations',
  'staff',
  'staff_teams',
  'staff_periods',
  'audit_read_days',
  'audit_read_hours',
  'credentials',
  'sessions',
  'login_failures',
  'sign_in_settings',
  'staff_second_factors',
  'postcode_neighbourhoods',
  'municipality_settings',
  'instrument_texts',
  'work_budgets',
  'work_budget_top_ups',
  'work_budget_allocations',
  'execution_budgets',
  'execution_budget_lines',
  'social_map_entries',
  // The business case: the price list, its assumptions and CBS inhabitants per buurt.
  'prices',
  'business_case_assumptions',
  'neighbourhood_inhabitants',
  // Groups, their sessions and the items of a pool: what the team offers, not who takes part.
  'groups',
  'group_sessions',
  'shared_items',
  // The privacy officer's duty (staff), alert reviews (about staff behaviour) and settings.
  'privacy_duties',
  'privacy_alert_reviews',
  'privacy_settings',
  // Volunteers' own details (not residents'); their right of access is a separate, small export.
  'volunteers',
];

export function exportResident(ctx: ServiceContext, residentId: string, format = 'json') {
  const { municipalityId } = ctx.actor;
  return inTenant(ctx.db, caseScopeOf(ctx.actor), async (trx) => {
    if (ctx.actor.role === 'admin') {
      // The privacy officer handles a request of access for any team's resident.
      await requirePrivacyDuty(trx, ctx.actor);
      await setScope(trx, {
        municipalityId,
        teamIds: (await teams.list(trx, municipalityId)).map((t) => t.id),
      });
    }
    // A worker or team lead: only a resident of their own teams (row-level security decides).
    const resident = await trx
      .selectFrom('residents')
      .select(['id', 'household_id'])
      .where('municipality_id', '=', municipalityId)
      .where('id', '=', residentId)
      .executeTakeFirst();
    if (!resident) throw notFound();
    if (ctx.actor.role !== 'admin') {
      // Only the actor's own teams: a household opened by breaking the glass is read, not handed out.
      await setScope(trx, { municipalityId, teamIds: ctx.actor.teamIds });
      const own = await trx
        .selectFrom('households')
        .select('id')
        .where('municipality_id', '=', municipalityId)
        .where('id', '=', resident.household_id)
        .executeTakeFirst();
      if (!own) throw notFound();
    }
    const visible = await measuredVisibleTo(trx, {
      municipalityId,
      householdId: resident.household_id,
      residentId,
    });
    const data: Record<string, unknown[]> = {};
    for (const [table, query] of Object.entries(EXPORTED_TABLES)) {
      // Our own fixed SQL; the four values go in as bind parameters. PostgreSQL wants every
      // statement to use all parameters it is given, so each query is wrapped once.
      const inner = query
        .replaceAll('$m', '$1::uuid')
        .replaceAll('$r', '$2::uuid')
        .replaceAll('$h', '$3::uuid')
        .replaceAll('$v', '$4::uuid[]');
      const text = `select * from (${inner}) q where $1::uuid is not null and $2::uuid is not null and $3::uuid is not null and $4::uuid[] is not null`;
      const result = await trx.executeQuery(
        CompiledQuery.raw(text, [municipalityId, residentId, resident.household_id, [...visible]]),
      );
      data[table] = result.rows.map((row) => {
        const copy = { ...(row as Record<string, unknown>) };
        // The keyed BSN hash is no information to the resident; say whether a BSN is known.
        if ('bsn_hash' in copy)
          copy.bsn_hash = copy.bsn_hash ? '(vastgelegd als versleutelde sleutel)' : null;
        // The access log gives the reason the portal gives, by the same rule: only the why a
        // worker wrote for this file (break the glass). Other reasons are internal and some name
        // another person (the privacy officer's audit filter holds a staff member's id). The
        // action itself stays, so the resident still sees every access.
        if (table === 'audit_events')
          copy.reason = reasonForResident(String(copy.action), copy.reason as string | null);
        return copy;
      });
    }
    await audit(trx, ctx, {
      action: 'resident.export',
      objectType: 'resident',
      objectId: residentId,
      // The person and each member whose personal items went out with it (an adult's children's
      // measurements and questions, measuredVisibleTo): each of their access logs shows it.
      residentIds: [residentId, ...visible],
      reason: format === 'html' ? 'right of access (inzage), readable' : 'right of access (inzage)',
    });
    return { generatedAt: new Date().toISOString(), residentId, tables: data };
  });
}
