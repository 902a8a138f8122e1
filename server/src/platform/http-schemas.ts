// Schemas shared by many routes: ids, list envelopes and the problem document.
import { z } from 'zod';

export const Id = z.uuid();
export const IdParams = z.strictObject({ id: z.uuid() });

export const InvalidParamSchema = z.object({
  name: z.string(),
  reason: z.string(),
  reasonNl: z.string(),
});

export const ProblemSchema = z
  .looseObject({
    type: z.string(),
    title: z.string(),
    titleNl: z.string(),
    status: z.number().int(),
    detail: z.string(),
    detailNl: z.string(),
    code: z.string(),
    invalidParams: z.array(InvalidParamSchema).optional(),
  })
  .meta({
    id: 'Problem',
    description: 'application/problem+json (RFC 9457), in English and Dutch',
  });

export function listOf<T extends z.ZodType>(item: T) {
  return z.object({ items: z.array(item), nextCursor: z.string().nullable() });
}

/**
 * A list that is always answered whole, being short by nature (a trajectory's case conferences,
 * the instruments, a team's composition): the envelope every list of the API has (API.md), with
 * `nextCursor` always null, so that a client reads every list the same way.
 */
export function wholeListOf<T extends z.ZodType>(item: T) {
  return z.object({
    items: z.array(item),
    nextCursor: z.null().meta({ description: 'Always null: this list is answered whole' }),
  });
}

/** The answer of a whole list (wholeListOf). */
export function whole<T>(items: T[]): { items: T[]; nextCursor: null } {
  return { items, nextCursor: null };
}

/** The error answers every authenticated route can give, for the OpenAPI description. */
export const problemResponses = {
  400: ProblemSchema,
  401: ProblemSchema,
  403: ProblemSchema,
  404: ProblemSchema,
  409: ProblemSchema,
} as const;

/**
 * The largest PostgreSQL integer, the type of every version column: a larger version sent is a
 * 400 naming the field, not a database error ("integer out of range", a 500).
 */
export const PG_INTEGER_MAX = 2_147_483_647;

/** A version number for optimistic concurrency: PATCH/PUT send the version they read. */
export const Version = z.number().int().min(1).max(PG_INTEGER_MAX);

/** The version an edit started from where 0 means "none yet" (a first plan, first settings). */
export const BaseVersion = z.number().int().min(0).max(PG_INTEGER_MAX);
