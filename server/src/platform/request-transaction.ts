// The request's transaction: opened by the session check, used by the request's first inTenant.
//
// A signed-in request used to cost four round trips to PostgreSQL: the session check, `begin`
// with the tenant scope, the work, and the audit rows with `commit`. Now the session check is the
// first statement of a transaction that already carries the caller's own scope (`begin; select
// ... from auth_request(...)`, one message, see platform/access.ts), and the request's first
// inTenant continues that transaction instead of beginning another (db.ts). If its scope differs
// from the caller's own (a team lead's report over other teams, a resident's household), it sets
// its own scope first, which costs what `begin` cost before.
//
// Requests without a body and with a small one (platform/access.ts: a known length of at most
// 16 KiB, which arrives with the headers) open it; a small body that takes longer than a second
// has its transaction ended by a timer, so that a slow client never holds a connection for long.
//
// The transaction is held on its connection from the session check until that inTenant takes it.
// Anything else that asks for a connection first (a query outside inTenant), and the end of a
// request that never asked, commits it and gives the connection back: a request never holds a
// connection that nothing will use while it waits for another one.
import { AsyncLocalStorage } from 'node:async_hooks';
import type { PostgresPoolClient } from 'kysely';

export interface RequestTransaction {
  /** The connection, in the transaction. Its release() returns it to the pool. */
  client: PostgresPoolClient & { release(error?: Error): void };
  /** The tenant settings the opening statement applied: [name, value] as `set_config` got them. */
  applied: readonly (readonly [string, string])[];
  /** Statements (values already quoted) that go with the commit: the session's touch. */
  withCommit: string[];
  /** held: open, waiting for the first inTenant; taken: that inTenant's now; closed: over. */
  state: 'held' | 'taken' | 'closed';
}

const requestTransactions = new AsyncLocalStorage<RequestTransaction>();

/**
 * How the request transactions ended in this process: taken by an inTenant (the round trip
 * saved) or ended unused. For the tests and the benchmark; no person data.
 */
export const requestTransactionCounts = { taken: 0, endedUnused: 0 };

/** Runs `next` (the rest of the request) with `transaction` as the request's transaction. */
export function runInRequestTransaction(transaction: RequestTransaction, next: () => void): void {
  requestTransactions.run(transaction, next);
}

/** The current request's transaction while it is still waiting to be taken. */
export function heldRequestTransaction(): RequestTransaction | undefined {
  const transaction = requestTransactions.getStore();
  return transaction?.state === 'held' ? transaction : undefined;
}

/** Hands the held transaction to the inTenant that asks for a connection now. */
export function takeRequestTransaction(transaction: RequestTransaction): RequestTransaction {
  transaction.state = 'taken';
  requestTransactionCounts.taken += 1;
  return transaction;
}

/**
 * Ends a transaction that no inTenant took (commit, so that the session's touch is kept, or
 * rollback when the check found no session) and returns its connection. Safe to call more than
 * once and after an inTenant took it: then it does nothing.
 */
export async function finishRequestTransaction(
  transaction: RequestTransaction,
  end: 'commit' | 'rollback' = 'commit',
): Promise<void> {
  if (transaction.state !== 'held') return;
  transaction.state = 'closed';
  requestTransactionCounts.endedUnused += 1;
  const statements = end === 'commit' ? [...transaction.withCommit, 'commit'] : ['rollback'];
  try {
    await transaction.client.query(statements.join('; '), []);
    transaction.client.release();
  } catch (error) {
    // A connection that failed mid-transaction is not given to anyone else.
    transaction.client.release(error instanceof Error ? error : new Error(String(error)));
    throw error;
  }
}
