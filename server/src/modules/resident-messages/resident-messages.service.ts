// The trajectory's workers read what its residents sent from the portal, and mark it read. The
// portal promises the resident that their coordinator reads it ("Uw regisseur leest dit").
import { audit } from '../../platform/audit.js';
import type { ServiceContext } from '../../platform/context.js';
import { inTenant } from '../../platform/db.js';
import { notFound } from '../../platform/errors.js';
import { openTimeIdCursor, sealTimeIdCursor } from '../../platform/list-cursor.js';
import { caseScopeOf } from '../organisation/team-scope.js';
import { findTrajectoryInScope } from '../trajectories/trajectories.service.js';
import { residentMessages } from './resident-messages.repository.js';
import type { ResidentMessage, ResidentMessagePage } from './resident-messages.schemas.js';

type Row = Awaited<ReturnType<typeof residentMessages.list>>[number];

const toMessage = (row: Row): ResidentMessage => ({
  id: row.id,
  kind: row.kind,
  actionId: row.action_id,
  actionDescription: row.action_description,
  text: row.text,
  createdAt: new Date(row.created_at).toISOString(),
  readAt: row.read_at ? new Date(row.read_at).toISOString() : null,
  resident: {
    id: row.resident_id,
    name: [row.given_name, row.family_name].filter(Boolean).join(' '),
  },
});

/**
 * One page of the messages, newest first, the cursor of the next page when older messages follow
 * (one row more than the page is read to tell, as for the journal), and how many are unread over
 * every page, so that an unread message on a later page is not missed.
 */
export function listResidentMessages(
  ctx: ServiceContext,
  trajectoryId: string,
  query: { limit: number; cursor?: string | undefined },
): Promise<ResidentMessagePage> {
  // A bad cursor is refused before the transaction: nothing is read or recorded.
  const after = openTimeIdCursor(
    ctx.config.secretKey,
    'resident-messages.newest-first',
    query.cursor,
  );
  const scope = caseScopeOf(ctx.actor);
  return inTenant(ctx.db, scope, async (trx) => {
    await findTrajectoryInScope(trx, ctx, trajectoryId);
    const rows = await residentMessages.list(trx, scope.municipalityId, trajectoryId, {
      after,
      limit: query.limit + 1,
    });
    const page = rows.slice(0, query.limit);
    const unreadCount = await residentMessages.countUnread(trx, scope.municipalityId, trajectoryId);
    // One row per resident whose messages were read: each sees it in their own access log.
    await audit(trx, ctx, {
      action: 'resident_message.list',
      objectType: 'trajectory',
      objectId: trajectoryId,
      residentIds: [...new Set(page.map((row) => row.resident_id))],
    });
    const last = page.at(-1);
    return {
      items: page.map(toMessage),
      nextCursor:
        rows.length > query.limit && last
          ? sealTimeIdCursor(ctx.config.secretKey, 'resident-messages.newest-first', {
              at: last.created_at_key,
              id: last.id,
            })
          : null,
      unreadCount,
    };
  });
}

export function markResidentMessageRead(
  ctx: ServiceContext,
  trajectoryId: string,
  messageId: string,
): Promise<{ id: string; readAt: string }> {
  const scope = caseScopeOf(ctx.actor);
  return inTenant(ctx.db, scope, async (trx) => {
    const marked = await residentMessages.markRead(
      trx,
      scope.municipalityId,
      trajectoryId,
      messageId,
    );
    if (!marked?.read_at) throw notFound();
    await audit(trx, ctx, {
      action: 'resident_message.read',
      objectType: 'resident_message',
      objectId: messageId,
      residentId: marked.resident_id,
    });
    return { id: marked.id, readAt: new Date(marked.read_at).toISOString() };
  });
}
