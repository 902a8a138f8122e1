// SQL for plan versions and the current plan's typed actions and network.
import { sql } from 'kysely';
import type { Trx } from '../../platform/db.js';
import { amsterdamDate } from '../../platform/dates.js';
import { memberIdsOf } from '../trajectories/trajectories.repository.js';
import { onlyProgress } from './plan-diff.js';
import type { PlanVersionsTable } from '../../db/schema.js';
import type { StoredPlan, PlanChange } from './plans.schemas.js';

type AgreedMethod = PlanVersionsTable['agreement_method'];

/** What became of an agreement: recorded, or why not. */
export type AgreementOutcome =
  | { kind: 'recorded' }
  | { kind: 'not_found' }
  | { kind: 'not_current'; currentVersion: number }
  /**
   * The date lies before `savedOn`, the day (in Amsterdam) `savedVersion` was saved: the oldest
   * version with the same content (only actions ticked off since).
   */
  | { kind: 'before_version'; savedOn: string; savedVersion: number }
  | {
      kind: 'already_agreed';
      currentVersion: number;
      agreedOn: string;
      method: AgreedMethod;
    };

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

  /**
   * Every version, newest first, with `agreed_version`: the version the resident's agreement shown
   * on it was given to. That is the version itself, or, for an agreement kept through progress (see
   * `insert`), the version it was first given to: a version carries its predecessor's agreement
   * exactly when it has the same agreement and differs from it in progress only. The content is
   * compared here (as onlyProgress in plan-diff.ts does) because an agreement given again, on the
   * same day in the same way, to a version whose content changed looks the same in its columns.
   */
  async list(trx: Trx, municipalityId: string, trajectoryId: string) {
    const { rows } = await sql<{
      version: number;
      changes: unknown;
      saved_at: Date;
      saved_by: string;
      saved_by_name: string;
      agreed_on: string | null;
      same_agreement: boolean;
      only_progress: boolean;
    }>`
      with versions as (
        select v.version, v.changes, v.saved_at, v.saved_by, ${savedByName} as saved_by_name,
               v.agreed_on, v.agreement_method, v.agreement_note, v.agreement_recorded_by,
               jsonb_set(v.plan, '{actions}', coalesce((
                 select jsonb_agg(case when a->>'status' = 'dropped' then a else a - 'status' end
                                  order by n)
                   from jsonb_array_elements(v.plan->'actions') with ordinality as x(a, n)),
                 '[]'::jsonb)) as content
          from plan_versions v
         where v.municipality_id = ${municipalityId} and v.trajectory_id = ${trajectoryId})
      select version, changes, saved_at, saved_by, saved_by_name,
             agreed_on,
             (agreed_on, agreement_method, agreement_note, agreement_recorded_by)
               is not distinct from lag((agreed_on, agreement_method, agreement_note,
                                         agreement_recorded_by)) over (order by version)
               as same_agreement,
             content is not distinct from lag(content) over (order by version) as only_progress
        from versions
       order by version`.execute(trx);
    let agreedVersion: number | null = null;
    const listed = rows.map(({ same_agreement, only_progress, ...row }) => {
      const kept = same_agreement && only_progress && agreedVersion !== null;
      agreedVersion = row.agreed_on === null ? null : kept ? agreedVersion : row.version;
      return { ...row, agreed_version: agreedVersion };
    });
    return listed.reverse();
  },

  /**
   * A new version. With `keepAgreementOf` (the version it was made from, when it differs from it
   * in progress only: plan-diff.ts onlyProgress) the resident's agreement of that version, if any,
   * holds for this one too and is copied along: ticking off an action is progress, not a change of
   * what was agreed. `list` tells which version the agreement was given to. Its date may then lie
   * before this version was saved; it may not lie before that version was (`recordAgreement`).
   */
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
      keepAgreementOf: number | null;
    },
  ) {
    const from = row.keepAgreementOf;
    const kept = <T>(column: string) => sql<T>`(
      select ${sql.ref(column)} from plan_versions
       where municipality_id = ${row.municipalityId} and trajectory_id = ${row.trajectoryId}
         and version = ${from})`;
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
        ...(from === null
          ? {}
          : {
              agreed_on: kept<string | null>('agreed_on'),
              agreement_method: kept<PlanVersionsTable['agreement_method']>('agreement_method'),
              agreement_note: kept<string | null>('agreement_note'),
              agreement_recorded_by: kept<string | null>('agreement_recorded_by'),
            }),
      })
      .execute();
  },

  /**
   * Records the resident's agreement to `version`, which must be the current version and may not
   * have one yet (its own, or one kept through progress). The trajectory row is locked for share
   * first: a save or a tick in between would otherwise make a version that misses this agreement.
   * An agreement already recorded is never overwritten: it is the record of what the resident said,
   * when and how; a second one is either the same again or a different account of it, and neither
   * may replace the first without a trace. Nor may the date lie before the calendar day (in
   * Amsterdam, as the date is meant) on which the plan's content was saved: nobody agrees to a
   * plan before it exists; a version saved at 00:30 on the 5th may be agreed to on the 5th.
   *
   * An agreement given on paper is often entered days later, and actions may have been ticked off
   * in between. Such versions hold the content the resident agreed to, so a date before the current
   * version's save reaches back through them (`agreedThrough`): the agreement is recorded on the
   * version that existed that day and on each since, as if it had been kept through the ticks, and
   * the versions list says "akkoord met versie N; sindsdien alleen acties afgevinkt". The caller
   * says why it was refused.
   */
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
  ): Promise<AgreementOutcome> {
    const trajectory = await trx
      .selectFrom('trajectories')
      .select('plan_version')
      .where('municipality_id', '=', municipalityId)
      .where('id', '=', trajectoryId)
      .forShare()
      .executeTakeFirst();
    if (!trajectory || version > trajectory.plan_version) return { kind: 'not_found' };
    const currentVersion = trajectory.plan_version;
    if (version !== currentVersion) return { kind: 'not_current', currentVersion };
    const target = () =>
      trx
        .selectFrom('plan_versions')
        .select(['saved_at', 'agreed_on', 'agreement_method'])
        .where('municipality_id', '=', municipalityId)
        .where('trajectory_id', '=', trajectoryId)
        .where('version', '=', version)
        .executeTakeFirst();
    const alreadyAgreed = (agreedOn: string, method: AgreedMethod) =>
      ({ kind: 'already_agreed', currentVersion, agreedOn, method }) as const;
    const found = await target();
    if (!found) return { kind: 'not_found' };
    if (found.agreed_on) return alreadyAgreed(found.agreed_on, found.agreement_method);
    // The date is compared with the save moment of the version the agreement is given to: this
    // one, or an earlier one with the same content. A later version that only makes progress
    // copies an agreement along (see `insert`) unchecked, and rightly so: its agreed_on may lie
    // before its own saved_at, because the agreement was given to the version it was made from
    // (its `agreed_version` in `list`), and that version's save moment is what the date may not
    // precede.
    let givenTo = version;
    if (agreement.agreedOn < amsterdamDate(new Date(found.saved_at))) {
      const reach = await agreedThrough(
        trx,
        municipalityId,
        trajectoryId,
        version,
        agreement.agreedOn,
      );
      if (reach.kind === 'before_version') return reach;
      givenTo = reach.version;
    }
    const record = (versions: { from: number; to: number }) =>
      trx
        .updateTable('plan_versions')
        .set({
          agreed_on: agreement.agreedOn,
          agreement_method: agreement.method,
          agreement_note: agreement.note,
          agreement_recorded_by: agreement.by,
        })
        .where('municipality_id', '=', municipalityId)
        .where('trajectory_id', '=', trajectoryId)
        .where('version', '>=', versions.from)
        .where('version', '<=', versions.to)
        .where('agreed_on', 'is', null)
        .executeTakeFirst();
    // The current version first: of two agreements at once, only one gets it, and the other
    // (refused below) has then recorded nothing on the earlier versions either.
    const result = await record({ from: version, to: version });
    if (result.numUpdatedRows === 1n) {
      if (givenTo < version) await record({ from: givenTo, to: version - 1 });
      return { kind: 'recorded' };
    }
    // Recorded by someone else in the meantime (the share lock does not keep out another agreement).
    const existing = await target();
    if (!existing?.agreed_on) return { kind: 'not_found' };
    return alreadyAgreed(existing.agreed_on, existing.agreement_method);
  },
};

/**
 * The version an agreement dated `agreedOn` was given to, going back from `version` through the
 * versions it differs from only in progress (onlyProgress: actions ticked off or reopened) and
 * without an agreement of their own: the newest of them that existed on that day (in Amsterdam).
 * None existed yet: the date is refused, naming the oldest version with this content.
 */
async function agreedThrough(
  trx: Trx,
  municipalityId: string,
  trajectoryId: string,
  version: number,
  agreedOn: string,
): Promise<
  { kind: 'given_to'; version: number } | Extract<AgreementOutcome, { kind: 'before_version' }>
> {
  const versions = await trx
    .selectFrom('plan_versions')
    .select(['version', 'plan', 'saved_at', 'agreed_on'])
    .where('municipality_id', '=', municipalityId)
    .where('trajectory_id', '=', trajectoryId)
    .where('version', '<=', version)
    .orderBy('version', 'desc')
    .execute();
  const [current, ...earlier] = versions;
  if (!current) throw new Error(`plan version ${version} disappeared under a share lock`);
  let oldest = current;
  for (const candidate of earlier) {
    // Stored by this module only, as StoredPlan (see `insert`).
    const same = onlyProgress(candidate.plan as StoredPlan, oldest.plan as StoredPlan);
    if (candidate.agreed_on !== null || !same) break;
    oldest = candidate;
    if (amsterdamDate(new Date(candidate.saved_at)) <= agreedOn)
      return { kind: 'given_to', version: candidate.version };
  }
  return {
    kind: 'before_version',
    savedOn: amsterdamDate(new Date(oldest.saved_at)),
    savedVersion: oldest.version,
  };
}

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
