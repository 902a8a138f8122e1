// SQL for the messages residents send from the portal (the portal writes them: portal.service.ts).
import type { Trx } from '../../platform/db.js';

export const residentMessages = {
  /** Newest first: what came in last is what a worker opening the trajectory wants to see. */
  list(trx: Trx, municipalityId: string, trajectoryId: string, limit: number) {
    return (
      trx
        .selectFrom('resident_messages as m')
        .leftJoin('residents as r', (join) =>
          join
            .onRef('r.municipality_id', '=', 'm.municipality_id')
            .onRef('r.id', '=', 'm.resident_id'),
        )
        // The action as the current plan has it; gone (null) once the plan no longer holds it.
        .leftJoin('plan_actions as a', (join) =>
          join
            .onRef('a.municipality_id', '=', 'm.municipality_id')
            .onRef('a.trajectory_id', '=', 'm.trajectory_id')
            .onRef('a.id', '=', 'm.action_id'),
        )
        .select([
          'a.description as action_description',
          'm.id',
          'm.kind',
          'm.action_id',
          'm.text',
          'm.created_at',
          'm.read_at',
          'm.resident_id',
          'r.given_name',
          'r.family_name',
        ])
        .where('m.municipality_id', '=', municipalityId)
        .where('m.trajectory_id', '=', trajectoryId)
        .orderBy('m.created_at', 'desc')
        .orderBy('m.id', 'desc')
        .limit(limit)
        .execute()
    );
  },

  /** Marks a message read; one already read keeps the moment it was first read. */
  markRead(trx: Trx, municipalityId: string, trajectoryId: string, messageId: string) {
    return trx
      .updateTable('resident_messages')
      .set((eb) => ({ read_at: eb.fn.coalesce('read_at', eb.fn<Date>('now', [])) }))
      .where('municipality_id', '=', municipalityId)
      .where('trajectory_id', '=', trajectoryId)
      .where('id', '=', messageId)
      .returning(['id', 'read_at', 'resident_id'])
      .executeTakeFirst();
  },
};
