import { sql } from 'kysely';
import type { Db, Trx } from '../../platform/db.js';

export const accounts = {
  /** Across tenants, through the SECURITY DEFINER sign-in function (see the first migration). */
  async findForLogin(db: Db, email: string) {
    const { rows } = await sql<{
      staff_id: string;
      municipality_id: string;
      password_hash: string;
      active: boolean;
    }>`select * from auth_account_for_login(${email})`.execute(db);
    return rows[0] ?? null;
  },
};

export const loginFailures = {
  /** One row per key, now; returns the rows' addresses so that this attempt can be taken back. */
  async record(db: Db, keyHashes: string[]): Promise<string[]> {
    const { rows } = await sql<{ row: string }>`
      insert into login_failures (key_hash) select unnest(${keyHashes}::text[])
      returning ctid::text as row`.execute(db);
    return rows.map((r) => r.row);
  },
  async countsSince(db: Db, keyHashes: string[], since: Date): Promise<Map<string, number>> {
    const rows = await db
      .selectFrom('login_failures')
      .select((eb) => ['key_hash', eb.fn.countAll<number>().as('count')])
      .where('key_hash', 'in', keyHashes)
      .where('failed_at', '>', since)
      .groupBy('key_hash')
      .execute();
    return new Map(rows.map((r) => [r.key_hash, r.count]));
  },
  /**
   * In one statement: takes back the rows of one attempt, forgets every failure of `clearKeys`,
   * and drops rows older than `before` (they say nothing any more; the table stays small). The
   * key is checked beside the row address, so a row moved in between can only ever be another
   * row of the same key, which is worth exactly as much.
   */
  async remove(
    db: Db,
    remove: { rows: string[]; keyHashes: string[]; clearKeys: string[]; before: Date },
  ): Promise<void> {
    await sql`
      delete from login_failures
      where (ctid = any(${remove.rows}::tid[]) and key_hash = any(${remove.keyHashes}::text[]))
         or key_hash = any(${remove.clearKeys}::text[])
         or failed_at < ${remove.before}`.execute(db);
  },
};

export const sessions = {
  async create(
    trx: Trx,
    session: { municipalityId: string; staffId: string; tokenHash: string; csrfToken: string },
  ): Promise<void> {
    await trx
      .insertInto('sessions')
      .values({
        municipality_id: session.municipalityId,
        staff_id: session.staffId,
        token_hash: session.tokenHash,
        csrf_token: session.csrfToken,
      })
      .execute();
  },
  /** Ends every open session of a staff member (but the one of `exceptTokenHash`); how many. */
  async revokeAllOf(
    trx: Trx,
    municipalityId: string,
    staffId: string,
    exceptTokenHash?: string,
  ): Promise<number> {
    let query = trx
      .updateTable('sessions')
      .set({ revoked_at: new Date() })
      .where('municipality_id', '=', municipalityId)
      .where('staff_id', '=', staffId)
      .where('revoked_at', 'is', null);
    if (exceptTokenHash) query = query.where('token_hash', '<>', exceptTokenHash);
    const result = await query.executeTakeFirst();
    return Number(result.numUpdatedRows);
  },
  /** A staff or a resident session: the token is in one of the two tables. */
  async revoke(trx: Trx, tokenHash: string): Promise<void> {
    await trx
      .updateTable('sessions')
      .set({ revoked_at: new Date() })
      .where('token_hash', '=', tokenHash)
      .execute();
    await trx
      .updateTable('resident_sessions')
      .set({ revoked_at: new Date() })
      .where('token_hash', '=', tokenHash)
      .execute();
  },
};
