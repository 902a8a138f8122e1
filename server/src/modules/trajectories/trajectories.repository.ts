// SQL for trajectories (the period of support of one household, with one coordinator).
import type { Trx } from '../../platform/db.js';

export const trajectories = {
  findOpenForHousehold(trx: Trx, municipalityId: string, householdId: string) {
    return trx
      .selectFrom('trajectories')
      .select(['id', 'coordinator_id', 'status'])
      .where('municipality_id', '=', municipalityId)
      .where('household_id', '=', householdId)
      .where('status', '!=', 'closed')
      .executeTakeFirst();
  },
  async insert(
    trx: Trx,
    row: {
      municipalityId: string;
      id: string;
      householdId: string;
      teamId: string;
      coordinatorId: string;
      registrationId: string | null;
      openedAt: Date;
    },
  ) {
    await trx
      .insertInto('trajectories')
      .values({
        municipality_id: row.municipalityId,
        id: row.id,
        household_id: row.householdId,
        team_id: row.teamId,
        coordinator_id: row.coordinatorId,
        registration_id: row.registrationId,
        opened_at: row.openedAt,
      })
      .execute();
  },
};
