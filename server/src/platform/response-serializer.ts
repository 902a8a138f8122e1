// Every answer is checked against its route's response schema before it leaves the server
// (ARCHITECTURE.md, "response schemas decide what leaves the server"): a property the schema does
// not list is dropped, and a value that does not fit is refused with a 500, never sent.
//
// Why not the type provider's own serializer: it checks with `safeEncode`, the direction Zod has
// for codecs. In that direction Zod runs every schema that has checks twice (a first pass without
// its checks, then the checks), and skips its compiled object parsers. A schema without a codec,
// transform, default or catch gives the same answer in both directions, so for those this module
// checks forwards, with `safeParse`: 0.07 against 0.2 ms for a page of 100 signals
// (bench/README.md, session 15). A schema that has one keeps `safeEncode`, found once per route.
import type { FastifySerializerCompiler } from 'fastify';
import { ResponseSerializationError } from 'fastify-type-provider-zod';
import { $ZodType, safeEncode, safeParse } from 'zod/v4/core';

/**
 * Zod types whose forward and backward runs can give different values: transforms and codecs
 * (both are pipes), and the types that fill in or replace a value when parsing.
 */
const DIRECTIONAL_TYPES: ReadonlySet<string> = new Set([
  'pipe',
  'transform',
  'default',
  'prefault',
  'catch',
  'success',
]);

/** Whether checking `schema` forwards gives the same value as encoding with it. */
export function checksTheSameBothWays(schema: $ZodType, seen: Set<$ZodType> = new Set()): boolean {
  if (seen.has(schema)) return true; // a recursive schema, already being looked at
  seen.add(schema);
  const def = schema._zod.def;
  if (DIRECTIONAL_TYPES.has(def.type)) return false;
  // The inner schemas sit in the definition: shape, element, options, innerType, keyType and so
  // on, by type. Looking at every property finds them without a list of types to keep up to date.
  const inner: unknown[] =
    def.type === 'lazy' ? [(def as unknown as { getter: () => unknown }).getter()] : [];
  for (const value of Object.values(def) as unknown[]) {
    if (value instanceof $ZodType) inner.push(value);
    else if (Array.isArray(value)) inner.push(...(value as unknown[]));
    else if (value && typeof value === 'object')
      inner.push(...Object.values(value as Record<string, unknown>));
  }
  return inner.every((child) => !(child instanceof $ZodType) || checksTheSameBothWays(child, seen));
}

type ResponseSchema = $ZodType | { properties: $ZodType };

function zodSchemaOf(schema: ResponseSchema): $ZodType {
  if (schema instanceof $ZodType) return schema;
  if (schema.properties instanceof $ZodType) return schema.properties;
  throw new Error(`a response schema must be a Zod schema: ${JSON.stringify(schema)}`);
}

export const responseSerializerCompiler: FastifySerializerCompiler<ResponseSchema> = ({
  schema,
  method,
  url,
}) => {
  const zodSchema = zodSchemaOf(schema);
  const check = checksTheSameBothWays(zodSchema) ? safeParse : safeEncode;
  return (data) => {
    const result = check(zodSchema, data);
    if (result.error) throw new ResponseSerializationError(method, url, { cause: result.error });
    return JSON.stringify(result.data);
  };
};
