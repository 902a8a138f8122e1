import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { sql } from 'kysely';
import { z } from 'zod';
import type { Db } from '../../platform/db.js';
import { access } from '../../platform/access.js';

const Health = z.object({
  status: z.enum(['ok', 'degraded']),
  database: z.enum(['ok', 'unreachable']),
});

export function healthRoutes(db: Db) {
  return async function (app: FastifyInstance): Promise<void> {
    app.withTypeProvider<ZodTypeProvider>().get(
      '/api/health',
      {
        config: { access: access.public() },
        schema: {
          tags: ['health'],
          summary: 'Liveness and database reachability (503 when the database is unreachable)',
          response: { 200: Health, 503: Health },
        },
      },
      async (_request, reply) => {
        try {
          await sql`select 1`.execute(db);
          return { status: 'ok' as const, database: 'ok' as const };
        } catch {
          return reply.status(503).send({ status: 'degraded', database: 'unreachable' });
        }
      },
    );
  };
}
