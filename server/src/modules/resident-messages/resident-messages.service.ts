// The trajectory's workers read what its residents sent from the portal, and mark it read. The
// portal promises the resident that their coordinator reads it ("Uw regisseur leest dit").
import { audit } from '../../platform/audit.js';
import type { ServiceContext } from '../../platform/context.js';
import { inTenant } from '../../platform/db.js';
import { notFound } from '../../platform/errors.js';
import { caseScopeOf } from '../organisation/team-scope.js';
import { findTrajectoryInScope } from '../trajectories/trajectories.service.js';
import { residentMessages } from './resident-messages.repository.js';
import type { ResidentMessage } from './resident-messages.schemas.js';

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

export function listResidentMessages(
  ctx: ServiceContext,
  trajectoryId: string,
  limit: number,
): Promise<ResidentMessage[]> {
  const scope = caseScopeOf(ctx.actor);
  return inTenant(ctx.db, scope, async (trx) => {
    await findTrajectoryInScope(trx, ctx, trajectoryId);
    const rows = await residentMessages.list(trx, scope.municipalityId, trajectoryId, limit);
    // One row per resident whose messages were read: each sees it in their own access log.
    await audit(trx, ctx, {
      action: 'resident_message.list',
      objectType: 'trajectory',
      objectId: trajectoryId,
      residentIds: [...new Set(rows.map((row) => row.resident_id))],
    });
    return rows.map(toMessage);
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
