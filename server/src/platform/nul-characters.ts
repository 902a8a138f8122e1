// PostgreSQL cannot store a NUL character (U+0000): not in text (error 22021) nor in jsonb
// (22P05), and zod's strings accept it. Such a request used to reach SQL and came back as a 500
// without a field. Now every JSON body, query string and path parameter is looked through before
// validation and before the handler: a NUL is a 400 naming each field where it was, with the
// names zod's errors use (validation.ts). A CSV body is a string and passes: its importer names
// the line and column (signals/signal-lines.ts). The error handler keeps 22021 and 22P05 as a
// 400 without a field for anything that comes another way.
import type { FastifyInstance } from 'fastify';
import { AppError, type InvalidParam } from './errors.js';
import { fieldName } from './validation.js';

const NUL = '\u0000';

/** More names say nothing more; a body of thousands of such strings gets a short answer. */
const MAX_NAMED = 50;

export const NUL_REASON = {
  reason: 'may not contain a NUL character',
  reasonNl: 'mag geen NUL-teken bevatten',
};

/** The paths of every string (and key) in a parsed JSON value that holds a NUL. */
export function pathsWithNul(value: unknown, path: PropertyKey[] = []): PropertyKey[][] {
  if (typeof value === 'string') return value.includes(NUL) ? [path] : [];
  if (Array.isArray(value)) return value.flatMap((item, i) => pathsWithNul(item, [...path, i]));
  if (value === null || typeof value !== 'object') return [];
  return Object.entries(value).flatMap(([key, item]) =>
    // A key with a NUL is named with it written out, so that the name itself can be shown.
    key.includes(NUL)
      ? [[...path, key.replaceAll(NUL, '\\u0000')]]
      : pathsWithNul(item, [...path, key]),
  );
}

function nulParams(location: string, value: unknown): InvalidParam[] {
  return pathsWithNul(value).map((path) => ({ name: fieldName(location, path), ...NUL_REASON }));
}

export function refuseNulCharacters(app: FastifyInstance): void {
  app.addHook('preValidation', (request, _reply, done) => {
    const invalid = [
      ...nulParams('params', request.params),
      ...nulParams('query', request.query),
      ...(typeof request.body === 'object' ? nulParams('body', request.body) : []),
    ];
    if (invalid.length === 0) return done();
    done(new AppError('validation_failed', { invalidParams: invalid.slice(0, MAX_NAMED) }));
  });
}
