// SQL for the messages residents send from the portal (the portal writes them: portal.service.ts).
import { sql } from 'kysely';
import type { Trx } from '../../platform/db.js';
import type { TimeIdKeyset } from '../../platform/list-cursor.js';

export const residentMessages = {
  /**
   * A page, newest first (what came in last is what a worker opening the trajectory wants to
   * see), then by id, newest id first (two messages may share a moment), after the last row of
   * the previous page (`after`); `created_at_key` is the row's sort key for the next cursor.
   */
  list(
    trx: Trx,
    municipalityId: string,
    trajectoryId: string,
    page: { after?: TimeIdKeyset | undefined; limit: number },
  ) {
    let query = trx
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
        sql<string>`m.created_at::text`.as('created_at_key'),
      ])
      .where('m.municipality_id', '=', municipalityId)
      .where('m.trajectory_id', '=', trajectoryId);
    if (page.after) {
      // Both keys run newest first, so one row comparison says "after the previous page".
      const { at, id } = page.after;
      query = query.where(sql<boolean>`(m.created_at, m.id) < (${at}::timestamptz, ${id}::uuid)`);
    }
    return query
      .orderBy('m.created_at', 'desc')
      .orderBy('m.id', 'desc')
      .limit(page.limit)
      .execute();
  },

  /**
   * How many of the trajectory's messages no worker has marked read yet, over every page: the
   * count a worker sees before opening older pages. A number, no person data.
   */
  async countUnread(trx: Trx, municipalityId: string, trajectoryId: string): Promise<number> {
    const row = await trx
      .selectFrom('resident_messages')
      .select((eb) => eb.fn.countAll<string>().as('unread'))
      .where('municipality_id', '=', municipalityId)
      .where('trajectory_id', '=', trajectoryId)
      .where('read_at', 'is', null)
      .executeTakeFirstOrThrow();
    return Number(row.unread);
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
