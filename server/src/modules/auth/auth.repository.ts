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
  async countSince(db: Db, keyHash: string, since: Date): Promise<number> {
    const row = await db
      .selectFrom('login_failures')
      .select((eb) => eb.fn.countAll<number>().as('count'))
      .where('key_hash', '=', keyHash)
      .where('failed_at', '>', since)
      .executeTakeFirstOrThrow();
    return row.count;
  },
  async add(db: Db, keyHashes: string[]): Promise<void> {
    await db
      .insertInto('login_failures')
      .values(keyHashes.map((key_hash) => ({ key_hash })))
      .execute();
  },
  async clear(db: Db, keyHash: string): Promise<void> {
    await db.deleteFrom('login_failures').where('key_hash', '=', keyHash).execute();
  },
  /** Old rows say nothing any more; dropping them keeps the table small. */
  async prune(db: Db, before: Date): Promise<void> {
    await db.deleteFrom('login_failures').where('failed_at', '<', before).execute();
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
