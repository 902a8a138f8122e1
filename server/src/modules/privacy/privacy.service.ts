// The privacy officer's tools (the admin with that duty): the full audit log with filters, and
// the right of access, a complete export of everything held about one resident.
import { CompiledQuery, sql } from 'kysely';
import type { ServiceContext } from '../../platform/context.js';
import { inTenant, setScope } from '../../platform/db.js';
import { notFound } from '../../platform/errors.js';
import { audit } from '../../platform/audit.js';
import { teams } from '../organisation/organisation.repository.js';

export function listAudit(
  ctx: ServiceContext,
  query: { residentId?: string; actorId?: string; from?: string; to?: string; limit: number },
) {
  const { municipalityId } = ctx.actor;
  return inTenant(ctx.db, { municipalityId, teamIds: [] }, async (trx) => {
    let q = trx
      .selectFrom('audit_events')
      .select([
        'at',
        'actor_id',
        'actor_role',
        'action',
        'resident_id',
        'object_type',
        'object_id',
        'reason',
        'result',
      ])
      .where('municipality_id', '=', municipalityId)
      .where(
        sql<boolean>`(at at time zone 'Europe/Amsterdam')::date between ${query.from ?? '1900-01-01'}::date and ${query.to ?? '2999-12-31'}::date`,
      );
    if (query.residentId) q = q.where('resident_id', '=', query.residentId);
    if (query.actorId) q = q.where('actor_id', '=', query.actorId);
    const rows = await q.orderBy('at', 'desc').limit(query.limit).execute();
    await audit(trx, ctx, {
      action: 'audit.read',
      objectType: 'audit',
      residentId: query.residentId ?? null,
      reason: query.actorId ? `actor ${query.actorId}` : null,
    });
    return rows.map((r) => ({
      at: new Date(r.at).toISOString(),
      actorId: r.actor_id,
      actorRole: r.actor_role,
      action: r.action,
      residentId: r.resident_id,
      object: r.object_id ? `${r.object_type}:${r.object_id}` : r.object_type,
      reason: r.reason,
      result: r.result,
    }));
  });
}

/**
 * Every table that holds person data, and how to find one resident's rows in it. A table that
 * is neither here nor in NOT_ABOUT_RESIDENTS fails the export test: a new table cannot be
 * forgotten in the right of access.
 */
export const EXPORTED_TABLES: Record<string, string> = {
  residents: `select * from residents where municipality_id = $m and id = $r`,
  households: `select * from households where municipality_id = $m and id = $h`,
  registrations: `select * from registrations where municipality_id = $m and (resident_id = $r or household_id = $h)`,
  trajectories: `select * from trajectories where municipality_id = $m and household_id = $h`,
  trajectory_events: `select * from trajectory_events where municipality_id = $m and trajectory_id in (select id from trajectories where municipality_id = $m and household_id = $h)`,
  plan_versions: `select * from plan_versions where municipality_id = $m and trajectory_id in (select id from trajectories where municipality_id = $m and household_id = $h)`,
  plan_actions: `select * from plan_actions where municipality_id = $m and trajectory_id in (select id from trajectories where municipality_id = $m and household_id = $h)`,
  network_members: `select * from network_members where municipality_id = $m and trajectory_id in (select id from trajectories where municipality_id = $m and household_id = $h)`,
  contacts: `select * from contacts where municipality_id = $m and trajectory_id in (select id from trajectories where municipality_id = $m and household_id = $h)`,
  case_conferences: `select * from case_conferences where municipality_id = $m and trajectory_id in (select id from trajectories where municipality_id = $m and household_id = $h)`,
  referrals: `select * from referrals where municipality_id = $m and household_id = $h`,
  signals: `select * from signals where municipality_id = $m and household_id = $h`,
  assessments: `select * from assessments where municipality_id = $m and trajectory_id in (select id from trajectories where municipality_id = $m and household_id = $h)`,
  assessment_scores: `select s.* from assessment_scores s join assessments a on a.municipality_id = s.municipality_id and a.id = s.assessment_id where s.municipality_id = $m and a.trajectory_id in (select id from trajectories where municipality_id = $m and household_id = $h)`,
  work_budget_requests: `select * from work_budget_requests where municipality_id = $m and trajectory_id in (select id from trajectories where municipality_id = $m and household_id = $h)`,
  work_budget_returns: `select x.* from work_budget_returns x join work_budget_requests r on r.municipality_id = x.municipality_id and r.id = x.request_id where x.municipality_id = $m and r.trajectory_id in (select id from trajectories where municipality_id = $m and household_id = $h)`,
  resident_invitations: `select id, resident_id, created_at, expires_at, used_at from resident_invitations where municipality_id = $m and resident_id = $r`,
  resident_accounts: `select resident_id, login_name, active, created_at from resident_accounts where municipality_id = $m and resident_id = $r`,
  resident_sessions: `select created_at, last_seen_at, revoked_at from resident_sessions where municipality_id = $m and resident_id = $r`,
  resident_messages: `select * from resident_messages where municipality_id = $m and resident_id = $r`,
  audit_events: `select at, actor_id, actor_role, action, object_type, object_id, reason, result from audit_events where municipality_id = $m and resident_id = $r`,
  volunteer_matches: `select id, trajectory_id, status, resident_first_name, task, where_text, when_text, created_at from volunteer_matches where municipality_id = $m and trajectory_id in (select id from trajectories where municipality_id = $m and household_id = $h)`,
  resident_offers: `select * from resident_offers where municipality_id = $m and resident_id = $r`,
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
  // Volunteers' own details (not residents'); their right of access is a separate, small export.
  'volunteers',
];

export function exportResident(ctx: ServiceContext, residentId: string) {
  const { municipalityId } = ctx.actor;
  return inTenant(ctx.db, { municipalityId, teamIds: [] }, async (trx) => {
    // The privacy officer handles a request of access for any team's resident.
    await setScope(trx, {
      municipalityId,
      teamIds: (await teams.list(trx, municipalityId)).map((t) => t.id),
    });
    const resident = await trx
      .selectFrom('residents')
      .select(['id', 'household_id'])
      .where('municipality_id', '=', municipalityId)
      .where('id', '=', residentId)
      .executeTakeFirst();
    if (!resident) throw notFound();
    const data: Record<string, unknown[]> = {};
    for (const [table, query] of Object.entries(EXPORTED_TABLES)) {
      // Our own fixed SQL; the three values go in as bind parameters. PostgreSQL wants every
      // statement to use all parameters it is given, so each query is wrapped once.
      const inner = query
        .replaceAll('$m', '$1::uuid')
        .replaceAll('$r', '$2::uuid')
        .replaceAll('$h', '$3::uuid');
      const text = `select * from (${inner}) q where $1::uuid is not null and $2::uuid is not null and $3::uuid is not null`;
      const result = await trx.executeQuery(
        CompiledQuery.raw(text, [municipalityId, residentId, resident.household_id]),
      );
      data[table] = result.rows.map((row) => {
        const copy = { ...(row as Record<string, unknown>) };
        // The keyed BSN hash is no information to the resident; say whether a BSN is known.
        if ('bsn_hash' in copy)
          copy.bsn_hash = copy.bsn_hash ? '(vastgelegd als versleutelde sleutel)' : null;
        return copy;
      });
    }
    await audit(trx, ctx, {
      action: 'resident.export',
      objectType: 'resident',
      objectId: residentId,
      residentId,
      reason: 'right of access (inzage)',
    });
    return { generatedAt: new Date().toISOString(), residentId, tables: data };
  });
}
