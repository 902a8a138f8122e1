// A text/csv body parser for the routes that import lists. Registered inside a route plugin, it
// applies to that plugin's routes only: everywhere else a CSV body is still refused with 415.
import type { FastifyInstance } from 'fastify';

/** 10,000 signal lines of ~150 bytes fit easily; a whole city's postcode table too. */
export const CSV_BODY_LIMIT = 20 * 1024 * 1024;

export function acceptCsv(app: FastifyInstance): void {
  app.addContentTypeParser(
    'text/csv',
    { parseAs: 'string', bodyLimit: CSV_BODY_LIMIT },
    (_request, body, done) => done(null, body),
  );
}
