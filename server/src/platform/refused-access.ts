// A signed-in caller who is refused (403) or asks for something outside their reach (404) leaves a
// row in the audit trail too: NEN 7513 logs attempts, and a worker probing files of other teams
// is what the privacy officer must be able to see. The row names the route and the id asked for,
// never a body or a query string (those may hold person data).
import type { FastifyRequest } from 'fastify';
import { inTenant, type Db } from './db.js';
import { writeAudit } from './audit.js';
import type { ErrorCode } from './errors.js';

/** Ids in paths are UUIDs; anything else asked for is cut short before it is stored. */
const MAX_OBJECT_ID_LENGTH = 100;

export async function auditRefusal(
  db: Db,
  request: FastifyRequest,
  code: ErrorCode,
): Promise<void> {
  const actor = request.actor;
  const route = request.routeOptions.url;
  if (!actor || !route?.startsWith('/api/')) return;
  if (code !== 'forbidden' && code !== 'not_found') return;
  const params = (request.params ?? {}) as Record<string, unknown>;
  const id = typeof params.id === 'string' ? params.id.slice(0, MAX_OBJECT_ID_LENGTH) : null;
  // '/api/v1/trajectories/:id/plan' -> 'trajectories'
  const objectType = route.split('/')[3] ?? 'unknown';
  await inTenant(db, { municipalityId: actor.municipalityId, teamIds: [] }, (trx) =>
    writeAudit(
      trx,
      { municipalityId: actor.municipalityId, staffId: actor.staffId, role: actor.role },
      request.id,
      {
        action: 'access.refused',
        objectType,
        objectId: id,
        reason: `${request.method} ${route}`,
        result: code === 'forbidden' ? 'denied' : 'not_found',
      },
    ),
  );
}
