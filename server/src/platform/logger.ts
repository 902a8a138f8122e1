// Application logs carry ids, never people: no bodies, no query strings (a search for a name
// would otherwise end up in the log), and secrets are redacted.
import pino from 'pino';
import type { FastifyServerOptions } from 'fastify';

export type Logger = pino.Logger;

export const redactPaths = [
  'req.headers.cookie',
  'req.headers.authorization',
  'req.headers["x-csrf-token"]',
  'res.headers["set-cookie"]',
  '*.password',
  '*.email',
  '*.bsn',
];

export function loggerOptions(level: string): FastifyServerOptions['logger'] {
  return {
    level,
    redact: { paths: redactPaths, censor: '[redacted]' },
    serializers: {
      req: (request: { method: string; url: string; id: string }) => ({
        method: request.method,
        // Only the path: query strings may contain names, postcodes or birth dates.
        path: request.url.split('?')[0],
        id: request.id,
      }),
    },
  };
}

/** To stdout by default; a command whose stdout is its answer logs to stderr (`destination` 2). */
export function createLogger(level: string, destination: 1 | 2 = 1): Logger {
  const options = { level, redact: { paths: redactPaths, censor: '[redacted]' } };
  return destination === 2 ? pino(options, pino.destination(2)) : pino(options);
}
