// The one place where errors become HTTP answers: application/problem+json (RFC 9457) with the
// title and detail in English and Dutch and, for validation, every invalid field named.
import type { FastifyError, FastifyInstance } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import type { z } from 'zod';
import { AppError, errorTexts, type ErrorCode, type InvalidParam } from './errors.js';
import { issuesToInvalidParams } from './validation.js';
import type { Db } from './db.js';
import { auditRefusal } from './refused-access.js';

export interface Problem {
  type: string;
  title: string;
  titleNl: string;
  status: number;
  detail: string;
  detailNl: string;
  code: ErrorCode;
  invalidParams?: InvalidParam[];
  [extra: string]: unknown;
}

export function problemOf(error: AppError): Problem {
  const text = errorTexts[error.code];
  return {
    type: `https://samenkracht.example/problems/${error.code.replaceAll('_', '-')}`,
    title: text.en,
    titleNl: text.nl,
    status: text.status,
    detail: error.detailEn ?? text.en,
    detailNl: error.detailNl ?? text.nl,
    code: error.code,
    ...(error.invalidParams ? { invalidParams: error.invalidParams } : {}),
    ...error.extra,
  };
}

/** What the `pg` driver throws, without a code, when the connection under a request was lost. */
const LOST_CONNECTION = /^(Connection terminated|Client has encountered a connection error)/;

export function isDatabaseDown(error: unknown): boolean {
  const { code, syscall } = error as { code?: unknown; syscall?: unknown };
  const message = error instanceof Error ? error.message : '';
  return (
    LOST_CONNECTION.test(message) ||
    code === 'ECONNREFUSED' ||
    code === 'ECONNRESET' ||
    code === 'EPIPE' ||
    // Over the embedded server's Unix socket: while PostgreSQL restarts, its socket file can be
    // gone for a moment (seen in the kill -9 fault test). Only a failed connect, not any missing file.
    (code === 'ENOENT' && syscall === 'connect') ||
    code === '57P01' || // admin_shutdown
    code === '57P03' || // cannot_connect_now
    (typeof code === 'string' && code.startsWith('08')) // connection exceptions
  );
}

/** Fastify's own errors (body parsing, content type, size) mapped to our codes. */
function fromFastifyError(error: FastifyError): AppError | null {
  switch (error.code) {
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
      return new AppError('unsupported_media_type');
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return new AppError('payload_too_large');
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
      return new AppError('validation_failed', {
        invalidParams: [{ name: '(body)', reason: 'is required', reasonNl: 'is verplicht' }],
      });
    case 'FST_ERR_CTP_INVALID_JSON_BODY':
      return new AppError('validation_failed', {
        invalidParams: [
          { name: '(body)', reason: 'is not valid JSON', reasonNl: 'is geen geldige JSON' },
        ],
      });
    default:
      if (error instanceof SyntaxError || error.statusCode === 400) {
        return new AppError('validation_failed', {
          invalidParams: [
            { name: '(body)', reason: 'could not be read', reasonNl: 'kon niet worden gelezen' },
          ],
        });
      }
      return null;
  }
}

/**
 * Unique indexes that stand for one field of a request body: a duplicate names that field, so a
 * form can show the message at it. Names are unique without regard to case (`lower(name)`), so
 * "Koffieochtend" and "koffieochtend" are the same. A constraint not listed here (a race on a rule
 * of several rows, such as one open trajectory per household) stays a conflict without a field.
 */
const UNIQUE_FIELDS: Record<string, InvalidParam> = Object.fromEntries(
  [
    'social_map_entries_name',
    'teams_name_unique',
    'organisations_name_unique',
    'groups_name',
    'shared_items_name',
  ]
    .map((constraint): [string, InvalidParam] => [
      constraint,
      {
        name: 'name',
        reason: 'is already in use (capitals do not count)',
        reasonNl: 'is al in gebruik (hoofdletters tellen niet mee)',
      },
    ])
    .concat([
      [
        'resident_accounts_login',
        { name: 'loginName', reason: 'is already in use', reasonNl: 'is al in gebruik' },
      ],
    ]),
);

/** A unique constraint caught a duplicate or a race that the service's own check could not see. */
function uniqueViolation(error: unknown): AppError {
  const constraint = (error as { constraint?: unknown }).constraint;
  const field = typeof constraint === 'string' ? UNIQUE_FIELDS[constraint] : undefined;
  return new AppError('conflict', field ? { invalidParams: [field] } : {});
}

/** character_not_in_repertoire (a NUL in text), untranslatable_character (a NUL in jsonb). */
const UNSTORABLE_TEXT = new Set(['22021', '22P05']);
const UNSTORABLE_TEXT_DETAIL = {
  en: 'A text contains a character that cannot be stored (such as a NUL character).',
  nl: 'Een tekst bevat een teken dat niet kan worden opgeslagen (zoals een NUL-teken).',
};

/**
 * datetime_field_overflow (year 0, 30 February) and invalid_datetime_format: a day or moment the
 * database cannot take. The schemas refuse these with the field named (date-schemas.ts); this
 * catches one that reaches SQL another way, such as a birth date read from a search box.
 */
const UNSTORABLE_DATE = new Set(['22008', '22007']);
const UNSTORABLE_DATE_DETAIL = {
  en: 'A date or time is not a valid calendar date (such as year 0000 or 30 February).',
  nl: 'Een datum of tijd is geen geldige kalenderdatum (zoals het jaar 0000 of 30 februari).',
};

export function registerErrorHandler(
  app: FastifyInstance,
  db: Db,
  options: { spa: boolean },
): void {
  app.setErrorHandler(async (error: FastifyError, request, reply) => {
    let appError: AppError;
    if (error instanceof AppError) {
      appError = error;
    } else if (hasZodFastifySchemaValidationErrors(error)) {
      const location = error.validationContext ?? 'body';
      const issues = error.validation.map(
        (v) =>
          ({
            ...(v.params as object),
            code: v.keyword,
            message: v.message,
            path: v.instancePath.split('/').filter(Boolean),
          }) as unknown as z.core.$ZodIssue,
      );
      appError = new AppError('validation_failed', {
        invalidParams: issuesToInvalidParams(location, issues),
      });
    } else if ((error as { code?: unknown }).code === '23505') {
      appError = uniqueViolation(error);
    } else if (UNSTORABLE_TEXT.has(String((error as { code?: unknown }).code))) {
      // A NUL (or a character the database cannot take) that came past refuseNulCharacters
      // (nul-characters.ts), which names the field: this one cannot, but it is still bad input.
      appError = new AppError('validation_failed', { detail: UNSTORABLE_TEXT_DETAIL });
    } else if (UNSTORABLE_DATE.has(String((error as { code?: unknown }).code))) {
      appError = new AppError('validation_failed', { detail: UNSTORABLE_DATE_DETAIL });
    } else if ((error as { code?: unknown }).code === '42501') {
      // Row-level security refused a write (a row outside the caller's teams, e.g. a household
      // opened read-only by breaking the glass): the caller may read it but not change it.
      appError = new AppError('forbidden');
    } else if (isDatabaseDown(error)) {
      request.log.error({ err: { code: (error as { code?: unknown }).code } }, 'database down');
      appError = new AppError('database_unavailable');
    } else {
      appError = fromFastifyError(error) ?? new AppError('internal');
      // 5xx hides internals from the caller; the log gets the error (messages carry no bodies).
      if (appError.code === 'internal') request.log.error({ err: error }, 'unhandled error');
    }
    if (appError.code === 'forbidden' || appError.code === 'not_found') {
      // Best effort: the caller gets the same answer whether or not the row could be written.
      await auditRefusal(db, request, appError.code).catch((auditError: unknown) =>
        request.log.error(
          { err: { code: (auditError as { code?: unknown }).code } },
          'refused access not audited',
        ),
      );
    }
    const problem = problemOf(appError);
    return reply.status(problem.status).type('application/problem+json').send(problem);
  });

  app.setNotFoundHandler((request, reply) => {
    // The single-page app handles its own routes; unknown /api paths stay a 404 problem.
    // A missing file (a stale /assets/x.js after a rebuild) stays a 404.
    const path = request.url.split('?')[0] ?? '';
    const looksLikeFile = /\.[a-z0-9]+$/i.test(path);
    if (options.spa && request.method === 'GET' && !path.startsWith('/api/') && !looksLikeFile) {
      return reply.sendFile('index.html');
    }
    const problem = problemOf(new AppError('not_found'));
    return reply.status(404).type('application/problem+json').send(problem);
  });
}
