// SQL for plan versions and the current plan's typed actions and network.
import { sql } from 'kysely';
import type { Trx } from '../../platform/db.js';
import { memberIdsOf } from '../trajectories/trajectories.repository.js';
import type { StoredPlan, PlanChange } from './plans.schemas.js';

/**
 * Who saved version `v`: a staff member, or the resident (ticking off their own action in the
 * portal). One expression every query of a version selects, instead of the same two joins in each.
 */
const savedByName = sql<string>`coalesce(
  (select s.name from staff s where s.municipality_id = v.municipality_id and s.id = v.saved_by),
  (select rs.given_name || ' ' || rs.family_name from residents rs
    where rs.municipality_id = v.municipality_id and rs.id = v.saved_by),
  '?')`;

/** The columns of a plan version as the plan shows it (plan_versions v). */
const VERSION_COLUMNS = [
  'v.version',
  'v.plan',
  'v.changes',
  'v.saved_at',
  'v.saved_by',
  'v.agreed_on',
  'v.agreement_method',
  'v.agreement_note',
] as const;

export const planVersions = {
  find(trx: Trx, municipalityId: string, trajectoryId: string, version: number) {
    return trx
      .selectFrom('plan_versions as v')
      .select([...VERSION_COLUMNS, savedByName.as('saved_by_name')])
      .where('v.municipality_id', '=', municipalityId)
      .where('v.trajectory_id', '=', trajectoryId)
      .where('v.version', '=', version)
      .executeTakeFirst();
  },

  /**
   * Opening a plan in one statement: the trajectory (under row-level security, so undefined when
   * it is not in scope) with its current plan version and the ids of its household's members (for
   * the audit row), and the version asked for (the current one by default), whose columns are
   * null when there is none.
   */
  findWithTrajectory(
    trx: Trx,
    municipalityId: string,
    trajectoryId: string,
    version: number | undefined,
  ) {
    return trx
      .selectFrom('trajectories as t')
      .leftJoin('plan_versions as v', (join) => {
        const ofTrajectory = join
          .onRef('v.municipality_id', '=', 't.municipality_id')
          .onRef('v.trajectory_id', '=', 't.id');
        return version === undefined
          ? ofTrajectory.onRef('v.version', '=', 't.plan_version')
          : ofTrajectory.on('v.version', '=', version);
      })
      .select([
        ...VERSION_COLUMNS,
        savedByName.as('saved_by_name'),
        't.plan_version as current_version',
        memberIdsOf('t').as('member_ids'),
      ])
      .where('t.municipality_id', '=', municipalityId)
      .where('t.id', '=', trajectoryId)
      .executeTakeFirst();
  },

  list(trx: Trx, municipalityId: string, trajectoryId: string) {
    return trx
      .selectFrom('plan_versions as v')
      .select([
        'v.version',
        'v.changes',
        'v.saved_at',
        'v.saved_by',
        savedByName.as('saved_by_name'),
        'v.agreed_on',
      ])
      .where('v.municipality_id', '=', municipalityId)
      .where('v.trajectory_id', '=', trajectoryId)
      .orderBy('v.version', 'desc')
      .execute();
  },
  async insert(
    trx: Trx,
    row: {
      municipalityId: string;
      teamId: string;
      trajectoryId: string;
      version: number;
      plan: StoredPlan;
      changes: PlanChange[];
      savedBy: string;
      savedByResident?: boolean;
    },
  ) {
    await trx
      .insertInto('plan_versions')
      .values({
        municipality_id: row.municipalityId,
        team_id: row.teamId,
        trajectory_id: row.trajectoryId,
        version: row.version,
        plan: JSON.stringify(row.plan),
        changes: JSON.stringify(row.changes),
        saved_by: row.savedBy,
        saved_by_resident: row.savedByResident ?? false,
      })
      .execute();
  },
  async recordAgreement(
    trx: Trx,
    municipalityId: string,
    trajectoryId: string,
    version: number,
    agreement: {
      agreedOn: string;
      method: 'in_person' | 'signature' | 'portal' | 'verbal';
      note: string | null;
      by: string;
    },
  ): Promise<boolean> {
    const result = await trx
      .updateTable('plan_versions')
      .set({
        agreed_on: agreement.agreedOn,
        agreement_method: agreement.method,
        agreement_note: agreement.note,
        agreement_recorded_by: agreement.by,
      })
      .where('municipality_id', '=', municipalityId)
      .where('trajectory_id', '=', trajectoryId)
      .where('version', '=', version)
      .executeTakeFirst();
    return result.numUpdatedRows === 1n;
  },
};

/** The current plan's actions and network, replaced with every save (history lives in plan_versions). */
export const currentPlan = {
  async replace(
    trx: Trx,
    municipalityId: string,
    teamId: string,
    trajectoryId: string,
    plan: StoredPlan,
  ) {
    await trx
      .deleteFrom('plan_actions')
      .where('municipality_id', '=', municipalityId)
      .where('trajectory_id', '=', trajectoryId)
      .execute();
    await trx
      .deleteFrom('network_members')
      .where('municipality_id', '=', municipalityId)
      .where('trajectory_id', '=', trajectoryId)
      .execute();
    if (plan.actions.length > 0) {
      await trx
        .insertInto('plan_actions')
        .values(
          plan.actions.map((a, position) => ({
            municipality_id: municipalityId,
            id: a.id,
            team_id: teamId,
            trajectory_id: trajectoryId,
            position,
            description: a.description,
            owner_type: a.ownerType,
            owner_name: a.ownerName,
            domain: a.domain,
            due_date: a.dueDate,
            status: a.status,
          })),
        )
        .execute();
    }
    if (plan.network.length > 0) {
      await trx
        .insertInto('network_members')
        .values(
          plan.network.map((n, position) => ({
            municipality_id: municipalityId,
            id: n.id,
            team_id: teamId,
            trajectory_id: trajectoryId,
            position,
            name: n.name,
            relation: n.relation,
            closeness: n.closeness,
            role_in_plan: n.roleInPlan,
          })),
        )
        .execute();
    }
  },
};
