// SQL of the organisation model, and nothing else. Every query names the municipality itself
// (row-level security checks it a second time).
import { sql, type Selectable } from 'kysely';
import type { Trx } from '../../platform/db.js';
import type { StaffPeriodsTable, StaffRole } from '../../db/schema.js';

/** A stretch of a staff member's history as the services read it. */
export type StaffStretch = Omit<Selectable<StaffPeriodsTable>, 'municipality_id' | 'staff_id'>;

/** What a correction may change in a stretch (the columns granted to the app role). */
export type StaffStretchCorrection = Partial<
  Pick<
    StaffStretch,
    'valid_from' | 'valid_until' | 'hours_per_week' | 'organisation_id' | 'team_ids'
  >
>;

const STRETCH_COLUMNS = [
  'valid_from',
  'valid_until',
  'role',
  'organisation_id',
  'team_ids',
  'hours_per_week',
  'active',
] as const satisfies readonly (keyof StaffStretch)[];

export const neighbourhoods = {
  listWithDistricts(trx: Trx, municipalityId: string) {
    return trx
      .selectFrom('neighbourhoods as n')
      .innerJoin('districts as d', (join) =>
        join
          .onRef('d.municipality_id', '=', 'n.municipality_id')
          .onRef('d.code', '=', 'n.district_code'),
      )
      .select(['n.code', 'n.name', 'n.district_code', 'd.name as district_name'])
      .where('n.municipality_id', '=', municipalityId)
      .orderBy('n.code')
      .execute();
  },
  async existingCodes(trx: Trx, municipalityId: string, codes: string[]): Promise<Set<string>> {
    if (codes.length === 0) return new Set();
    const rows = await trx
      .selectFrom('neighbourhoods')
      .select('code')
      .where('municipality_id', '=', municipalityId)
      .where('code', 'in', codes)
      .execute();
    return new Set(rows.map((r) => r.code));
  },
};

const teamColumns = ['id', 'name', 'type', 'working_area', 'version'] as const;

export const teams = {
  list(trx: Trx, municipalityId: string, onlyId?: string) {
    let query = trx
      .selectFrom('teams')
      .select(teamColumns)
      .select((eb) =>
        eb.fn
          .coalesce(
            sql<string[]>`(select array_agg(tn.neighbourhood_code order by tn.neighbourhood_code)
              from team_neighbourhoods tn
              where tn.municipality_id = teams.municipality_id and tn.team_id = teams.id)`,
            sql<string[]>`'{}'::text[]`,
          )
          .as('neighbourhood_codes'),
      )
      .where('municipality_id', '=', municipalityId);
    if (onlyId) query = query.where('id', '=', onlyId);
    return query.orderBy('name').execute();
  },
  async find(trx: Trx, municipalityId: string, id: string) {
    const rows = await teams.list(trx, municipalityId, id);
    return rows[0] ?? null;
  },
  async existingIds(trx: Trx, municipalityId: string, ids: string[]): Promise<Set<string>> {
    if (ids.length === 0) return new Set();
    const rows = await trx
      .selectFrom('teams')
      .select('id')
      .where('municipality_id', '=', municipalityId)
      .where('id', 'in', ids)
      .execute();
    return new Set(rows.map((r) => r.id));
  },
  async nameTaken(trx: Trx, municipalityId: string, name: string, exceptId?: string) {
    let query = trx
      .selectFrom('teams')
      .select('id')
      .where('municipality_id', '=', municipalityId)
      .where(sql<string>`lower(name)`, '=', name.toLowerCase());
    if (exceptId) query = query.where('id', '!=', exceptId);
    return (await query.executeTakeFirst()) !== undefined;
  },
  async insert(
    trx: Trx,
    team: {
      municipalityId: string;
      id: string;
      name: string;
      type: 'social' | 'youth_family' | 'integral';
      workingArea: string;
    },
  ) {
    await trx
      .insertInto('teams')
      .values({
        municipality_id: team.municipalityId,
        id: team.id,
        name: team.name,
        type: team.type,
        working_area: team.workingArea,
      })
      .execute();
  },
  /** Applies the change only when the version is still the one the caller read. */
  async updateIfVersion(
    trx: Trx,
    municipalityId: string,
    id: string,
    version: number,
    changes: {
      name?: string;
      type?: 'social' | 'youth_family' | 'integral';
      working_area?: string;
    },
  ): Promise<boolean> {
    const result = await trx
      .updateTable('teams')
      .set({ ...changes, version: sql`version + 1`, updated_at: new Date() })
      .where('municipality_id', '=', municipalityId)
      .where('id', '=', id)
      .where('version', '=', version)
      .executeTakeFirst();
    return result.numUpdatedRows === 1n;
  },
  async replaceNeighbourhoods(trx: Trx, municipalityId: string, teamId: string, codes: string[]) {
    await trx
      .deleteFrom('team_neighbourhoods')
      .where('municipality_id', '=', municipalityId)
      .where('team_id', '=', teamId)
      .execute();
    if (codes.length === 0) return;
    await trx
      .insertInto('team_neighbourhoods')
      .values(
        codes.map((code) => ({
          municipality_id: municipalityId,
          team_id: teamId,
          neighbourhood_code: code,
        })),
      )
      .execute();
  },
  /**
   * Hours per partner organisation of the active staff of a team. A member of several teams counts
   * in each for an equal part of their hours, as the business case counts them (staff-hours.ts),
   * so that the teams add up to the hours that exist; rounded to the hundredth like there.
   */
  composition(trx: Trx, municipalityId: string, teamId: string) {
    return trx
      .selectFrom('staff_teams as st')
      .innerJoin('staff as s', (join) =>
        join
          .onRef('s.municipality_id', '=', 'st.municipality_id')
          .onRef('s.id', '=', 'st.staff_id'),
      )
      .leftJoin('organisations as o', (join) =>
        join
          .onRef('o.municipality_id', '=', 's.municipality_id')
          .onRef('o.id', '=', 's.organisation_id'),
      )
      .select([
        'o.id as organisation_id',
        'o.name as organisation_name',
        (eb) => eb.fn.countAll<number>().as('staff_count'),
        sql<number>`round(sum(s.hours_per_week / (
          select count(*) from staff_teams mine
          where mine.municipality_id = st.municipality_id and mine.staff_id = st.staff_id)), 2)`.as(
          'hours',
        ),
      ])
      .where('st.municipality_id', '=', municipalityId)
      .where('st.team_id', '=', teamId)
      .where('s.active', '=', true)
      .groupBy(['o.id', 'o.name'])
      .orderBy('o.name')
      .execute();
  },
  /**
   * How many active members of the team with one of `roles` have fewer than `minimumHours` a week,
   * counting their hours in total over all their teams (not the part the composition gives
   * each team). Only the number: for whoever may not see who.
   */
  async countBelowHours(
    trx: Trx,
    municipalityId: string,
    teamId: string,
    roles: readonly StaffRole[],
    minimumHours: number,
  ): Promise<number> {
    const row = await membersBelowHours(trx, municipalityId, teamId, roles, minimumHours)
      .select((eb) => eb.fn.countAll<number>().as('count'))
      .executeTakeFirst();
    return Number(row?.count ?? 0);
  },
  /** The same members (countBelowHours), by name, with their total hours a week. */
  listBelowHours(
    trx: Trx,
    municipalityId: string,
    teamId: string,
    roles: readonly StaffRole[],
    minimumHours: number,
  ) {
    return membersBelowHours(trx, municipalityId, teamId, roles, minimumHours)
      .select(['s.id', 's.name', 's.hours_per_week'])
      .orderBy('s.name')
      .orderBy('s.id')
      .execute();
  },
};

/** Active members of a team with one of `roles` whose hours a week are below `minimumHours`. */
function membersBelowHours(
  trx: Trx,
  municipalityId: string,
  teamId: string,
  roles: readonly StaffRole[],
  minimumHours: number,
) {
  return trx
    .selectFrom('staff_teams as st')
    .innerJoin('staff as s', (join) =>
      join.onRef('s.municipality_id', '=', 'st.municipality_id').onRef('s.id', '=', 'st.staff_id'),
    )
    .where('st.municipality_id', '=', municipalityId)
    .where('st.team_id', '=', teamId)
    .where('s.active', '=', true)
    .where('s.role', 'in', [...roles])
    .where('s.hours_per_week', '<', minimumHours);
}

const organisationColumns = [
  'id',
  'name',
  'contact_name',
  'contact_email',
  'contact_phone',
  'version',
] as const;

export const organisations = {
  list(trx: Trx, municipalityId: string) {
    return trx
      .selectFrom('organisations')
      .select(organisationColumns)
      .where('municipality_id', '=', municipalityId)
      .orderBy('name')
      .execute();
  },
  find(trx: Trx, municipalityId: string, id: string) {
    return trx
      .selectFrom('organisations')
      .select(organisationColumns)
      .where('municipality_id', '=', municipalityId)
      .where('id', '=', id)
      .executeTakeFirst();
  },
  async nameTaken(trx: Trx, municipalityId: string, name: string, exceptId?: string) {
    let query = trx
      .selectFrom('organisations')
      .select('id')
      .where('municipality_id', '=', municipalityId)
      .where(sql<string>`lower(name)`, '=', name.toLowerCase());
    if (exceptId) query = query.where('id', '!=', exceptId);
    return (await query.executeTakeFirst()) !== undefined;
  },
  async insert(
    trx: Trx,
    org: {
      municipalityId: string;
      id: string;
      name: string;
      contactName: string;
      contactEmail: string;
      contactPhone: string;
    },
  ) {
    await trx
      .insertInto('organisations')
      .values({
        municipality_id: org.municipalityId,
        id: org.id,
        name: org.name,
        contact_name: org.contactName,
        contact_email: org.contactEmail,
        contact_phone: org.contactPhone,
      })
      .execute();
  },
  async updateIfVersion(
    trx: Trx,
    municipalityId: string,
    id: string,
    version: number,
    changes: {
      name?: string;
      contact_name?: string;
      contact_email?: string;
      contact_phone?: string;
    },
  ): Promise<boolean> {
    const result = await trx
      .updateTable('organisations')
      .set({ ...changes, version: sql`version + 1`, updated_at: new Date() })
      .where('municipality_id', '=', municipalityId)
      .where('id', '=', id)
      .where('version', '=', version)
      .executeTakeFirst();
    return result.numUpdatedRows === 1n;
  },
};

const staffColumns = [
  'id',
  'name',
  'email',
  'role',
  'organisation_id',
  'hours_per_week',
  'expertise',
  'active',
  'version',
  'oidc_subject',
] as const;

export interface StaffScope {
  municipalityId: string;
  /** Only staff in one of these teams; null means the whole municipality. */
  withinTeams: readonly string[] | null;
}

export const staff = {
  /** The organisation an account belongs to (a partner's: whose lists and referrals it handles). */
  async organisationOf(trx: Trx, municipalityId: string, staffId: string): Promise<string | null> {
    const row = await trx
      .selectFrom('staff')
      .select('organisation_id')
      .where('municipality_id', '=', municipalityId)
      .where('id', '=', staffId)
      .executeTakeFirst();
    return row?.organisation_id ?? null;
  },

  /** Keyset-paged by (name, id); `after` is the last row of the previous page. */
  list(
    trx: Trx,
    scope: StaffScope,
    filter: { id?: string; teamId?: string; after?: { name: string; id: string }; limit: number },
  ) {
    let query = trx
      .selectFrom('staff')
      .select(staffColumns)
      .select(
        sql<string[]>`coalesce((select array_agg(st.team_id order by st.team_id) from staff_teams st
          where st.municipality_id = staff.municipality_id and st.staff_id = staff.id), '{}')`.as(
          'team_ids',
        ),
      )
      .where('municipality_id', '=', scope.municipalityId);
    const { withinTeams } = scope;
    if (withinTeams) {
      if (withinTeams.length === 0) return Promise.resolve([]);
      query = query.where((eb) =>
        eb.exists(
          eb
            .selectFrom('staff_teams as st')
            .select(sql`1`.as('one'))
            .whereRef('st.municipality_id', '=', 'staff.municipality_id')
            .whereRef('st.staff_id', '=', 'staff.id')
            .where('st.team_id', 'in', withinTeams),
        ),
      );
    }
    if (filter.teamId) {
      const teamId = filter.teamId;
      query = query.where((eb) =>
        eb.exists(
          eb
            .selectFrom('staff_teams as st')
            .select(sql`1`.as('one'))
            .whereRef('st.municipality_id', '=', 'staff.municipality_id')
            .whereRef('st.staff_id', '=', 'staff.id')
            .where('st.team_id', '=', teamId),
        ),
      );
    }
    if (filter.id) query = query.where('id', '=', filter.id);
    if (filter.after) {
      const { name, id } = filter.after;
      query = query.where(sql<boolean>`(name, id) > (${name}, ${id}::uuid)`);
    }
    return query.orderBy('name').orderBy('id').limit(filter.limit).execute();
  },
  async find(trx: Trx, scope: StaffScope, id: string) {
    const rows = await staff.list(trx, scope, { id, limit: 1 });
    return rows[0] ?? null;
  },
  /** Another account signs in with this address (`exceptId`: the staff member changing theirs). */
  async emailTaken(trx: Trx, email: string, exceptId?: string): Promise<boolean> {
    // Unique over all tenants (it is the login name); the index answers even under RLS by
    // rejecting the insert, so ask the sign-in function, which sees all tenants.
    const { rows } = await sql<{
      staff_id: string;
    }>`select staff_id from auth_account_for_login(${email})`.execute(trx);
    return rows.some((row) => row.staff_id !== exceptId);
  },
  /**
   * Locks the municipality's active administrators until the transaction ends, so that changes
   * that might leave none are made one after the other: the second then counts what the first
   * left (row locks are re-checked against the condition once the first commits).
   */
  async lockActiveAdmins(trx: Trx, municipalityId: string): Promise<void> {
    await trx
      .selectFrom('staff')
      .select('id')
      .where('municipality_id', '=', municipalityId)
      .where('role', '=', 'admin')
      .where('active', '=', true)
      .orderBy('id')
      .forUpdate()
      .execute();
  },
  async countActiveAdmins(trx: Trx, municipalityId: string): Promise<number> {
    const row = await trx
      .selectFrom('staff')
      .select((eb) => eb.fn.countAll<string>().as('count'))
      .where('municipality_id', '=', municipalityId)
      .where('role', '=', 'admin')
      .where('active', '=', true)
      .executeTakeFirst();
    return Number(row?.count ?? 0);
  },
  /**
   * The trajectories not yet closed that the staff member coordinates, counted per team (only
   * teams with one or more). Reads the trajectories of the teams the transaction's scope opens.
   */
  openTrajectoriesCoordinated(trx: Trx, municipalityId: string, staffId: string) {
    return trx
      .selectFrom('trajectories')
      .select(['team_id', (eb) => eb.fn.countAll<string>().as('count')])
      .where('municipality_id', '=', municipalityId)
      .where('coordinator_id', '=', staffId)
      .where('status', '!=', 'closed')
      .groupBy('team_id')
      .orderBy('team_id')
      .execute();
  },
  async insert(
    trx: Trx,
    row: {
      municipalityId: string;
      id: string;
      name: string;
      email: string;
      role: StaffRole;
      organisationId: string | null;
      hoursPerWeek: number;
      expertise: string[];
      passwordHash: string;
    },
  ) {
    await trx
      .insertInto('staff')
      .values({
        municipality_id: row.municipalityId,
        id: row.id,
        name: row.name,
        email: row.email,
        role: row.role,
        organisation_id: row.organisationId,
        hours_per_week: row.hoursPerWeek,
        expertise: row.expertise,
      })
      .execute();
    await trx
      .insertInto('credentials')
      .values({
        municipality_id: row.municipalityId,
        staff_id: row.id,
        password_hash: row.passwordHash,
      })
      .execute();
  },
  async updateIfVersion(
    trx: Trx,
    municipalityId: string,
    id: string,
    version: number,
    changes: {
      name?: string;
      email?: string;
      role?: StaffRole;
      organisation_id?: string | null;
      hours_per_week?: number;
      expertise?: string[];
      active?: boolean;
      oidc_subject?: string | null;
    },
  ): Promise<boolean> {
    const result = await trx
      .updateTable('staff')
      .set({ ...changes, version: sql`version + 1`, updated_at: new Date() })
      .where('municipality_id', '=', municipalityId)
      .where('id', '=', id)
      .where('version', '=', version)
      .executeTakeFirst();
    return result.numUpdatedRows === 1n;
  },
  /** Another staff member of the municipality already linked to this identity-provider subject. */
  async oidcSubjectTaken(trx: Trx, municipalityId: string, subject: string, exceptId: string) {
    const row = await trx
      .selectFrom('staff')
      .select('id')
      .where('municipality_id', '=', municipalityId)
      .where('oidc_subject', '=', subject)
      .where('id', '<>', exceptId)
      .executeTakeFirst();
    return row !== undefined;
  },
  async replaceTeams(trx: Trx, municipalityId: string, staffId: string, teamIds: string[]) {
    await trx
      .deleteFrom('staff_teams')
      .where('municipality_id', '=', municipalityId)
      .where('staff_id', '=', staffId)
      .execute();
    if (teamIds.length === 0) return;
    await trx
      .insertInto('staff_teams')
      .values(
        teamIds.map((team_id) => ({ municipality_id: municipalityId, staff_id: staffId, team_id })),
      )
      .execute();
  },
};

/**
 * The staff's history of teams and hours (staff_periods): the database's trigger records each
 * change; the administrator's corrections and splits go through `correct` and `split`.
 */
export const staffPeriods = {
  /** One staff member's stretches, newest first. */
  async list(trx: Trx, municipalityId: string, staffId: string) {
    return trx
      .selectFrom('staff_periods')
      .select(STRETCH_COLUMNS)
      .where('municipality_id', '=', municipalityId)
      .where('staff_id', '=', staffId)
      .orderBy('valid_from', 'desc')
      .execute();
  },
  /** One staff member's stretches, oldest first, locked until the transaction ends. */
  async lockAll(trx: Trx, municipalityId: string, staffId: string) {
    return trx
      .selectFrom('staff_periods')
      .select(STRETCH_COLUMNS)
      .where('municipality_id', '=', municipalityId)
      .where('staff_id', '=', staffId)
      .orderBy('valid_from')
      .forUpdate()
      .execute();
  },
  /** A correction of the stretch that starts on `validFrom` (the columns the app may change). */
  async correct(
    trx: Trx,
    municipalityId: string,
    staffId: string,
    validFrom: string,
    values: StaffStretchCorrection,
  ) {
    await trx
      .updateTable('staff_periods')
      .set(values)
      .where('municipality_id', '=', municipalityId)
      .where('staff_id', '=', staffId)
      .where('valid_from', '=', validFrom)
      .execute();
  },
  /**
   * Cuts `stretch` on `on`: it ends the day before, and a copy holds from `on` to where it ended.
   * Closing it first, so that there is never a second open stretch (staff_periods_open).
   */
  async split(
    trx: Trx,
    municipalityId: string,
    staffId: string,
    stretch: StaffStretch,
    on: string,
  ) {
    await this.correct(trx, municipalityId, staffId, stretch.valid_from, { valid_until: on });
    await trx
      .insertInto('staff_periods')
      .values({ ...stretch, municipality_id: municipalityId, staff_id: staffId, valid_from: on })
      .execute();
  },
  /** The first day of the stretch that still holds (undefined: no history yet). */
  async openSince(trx: Trx, municipalityId: string, staffId: string): Promise<string | undefined> {
    const row = await trx
      .selectFrom('staff_periods')
      .select('valid_from')
      .where('municipality_id', '=', municipalityId)
      .where('staff_id', '=', staffId)
      .where('valid_until', 'is', null)
      .executeTakeFirst();
    return row?.valid_from;
  },
};
