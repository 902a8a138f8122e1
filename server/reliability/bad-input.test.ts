// Every endpoint of the published API is fed invalid input — missing, unknown and wrongly typed
// fields, huge strings, NUL characters (in every string field, nested ones too, and in every path
// and query parameter), year 0000 in every date field and parameter, malformed JSON and CSV, a
// wrong content type, bad path and query values — by every role. Each answer must be a 4xx problem document, never a 5xx, and the data must be
// exactly as before (a checksum over every table).
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import type { LightMyRequestResponse } from 'fastify';
import { createDemoEnv, login, type Session, type TestEnv } from '../test/harness.js';

interface Schema {
  type?: string | string[];
  format?: string;
  enum?: unknown[];
  properties?: Record<string, Schema>;
  required?: string[];
  items?: Schema;
  anyOf?: Schema[];
  $ref?: string;
}
interface Operation {
  parameters?: { name: string; in: 'path' | 'query'; schema: Schema; required?: boolean }[];
  requestBody?: { content: Record<string, { schema: Schema }> };
}

const spec = JSON.parse(
  readFileSync(path.resolve(import.meta.dirname, '..', '..', 'openapi.json'), 'utf8'),
) as {
  paths: Record<string, Record<string, Operation>>;
  components?: { schemas?: Record<string, Schema> };
};

/** Endpoints whose side effect is the session itself. */
const SKIP = new Set(['post /api/v1/auth/logout']);

function resolve(schema: Schema): Schema {
  if (schema.$ref)
    return resolve(spec.components?.schemas?.[schema.$ref.split('/').pop() ?? ''] ?? {});
  return schema;
}

function validParam(name: string, schema: Schema): string {
  const s = resolve(schema);
  if (s.enum?.length) return String(s.enum[0]);
  if (s.format === 'uuid') return randomUUID();
  // A valid day, so that the body and query behind such a path are validated too.
  if (s.format === 'date') return '2026-01-05';
  if (s.type === 'integer' || s.type === 'number') return name === 'year' ? '2099' : '1';
  return 'x';
}

function wrongValue(schema: Schema): unknown {
  const s = resolve(schema);
  const type = Array.isArray(s.type) ? s.type[0] : s.type;
  switch (type) {
    case 'string':
      return 12345;
    case 'integer':
    case 'number':
      return 'not-a-number';
    case 'boolean':
      return 'maybe';
    case 'array':
      return 'not-a-list';
    case 'object':
      return 7;
    default:
      return { unexpected: true };
  }
}

const NUL_TEXT = 'a\u0000b';

/** Whether a value of this schema may be a string (a nullable string is an anyOf). */
function takesString(schema: Schema): boolean {
  const s = resolve(schema);
  const types = Array.isArray(s.type) ? s.type : [s.type];
  return types.includes('string') || (s.anyOf ?? []).some(takesString);
}

/** The object or list schema inside a schema (a nullable object is an anyOf), if any. */
function container(schema: Schema): Schema | undefined {
  const s = resolve(schema);
  if (s.properties || s.items) return s;
  return (s.anyOf ?? []).map(resolve).find((option) => option.properties || option.items);
}

/**
 * A body for every string field, nested ones too (a list's first item), holding a NUL character:
 * PostgreSQL cannot store one, so each must be a 400 naming the field (`resident.familyName`,
 * `actions.0.description`), never a 500 from the database. The rest of the body may be missing:
 * the NUL is refused before validation.
 */
function nulBodies(schema: Schema, depth = 0): { path: (string | number)[]; value: unknown }[] {
  const s = container(schema);
  if (!s || depth > 3) return [];
  if (s.items) {
    const items = s.items;
    if (takesString(items)) return [{ path: [0], value: [NUL_TEXT] }];
    return nulBodies(items, depth + 1).map(({ path, value }) => ({
      path: [0, ...path],
      value: [value],
    }));
  }
  return Object.entries(s.properties ?? {}).flatMap(([name, property]) => {
    if (takesString(property)) return [{ path: [name], value: { [name]: NUL_TEXT } }];
    return nulBodies(property, depth + 1).map(({ path, value }) => ({
      path: [name, ...path],
      value: { [name]: value },
    }));
  });
}

/**
 * Year 0000, which z.iso.date() and z.iso.datetime() let through and PostgreSQL cannot store as a
 * date (22008) and stores as 1 BC in a timestamptz: the shared schemas (date-schemas.ts) refuse it
 * with the field named.
 */
const YEAR_ZERO: Record<string, string> = {
  date: '0000-01-01',
  'date-time': '0000-01-01T10:00:00Z',
};

/** The date format of a schema (a nullable date is an anyOf), if it is a date or a moment. */
function dateFormat(schema: Schema): string | undefined {
  const s = resolve(schema);
  if (s.format && s.format in YEAR_ZERO) return s.format;
  return (s.anyOf ?? []).map(dateFormat).find(Boolean);
}

/** A body for every date field, nested ones too (a list's first item), holding year 0000. */
function yearZeroBodies(
  schema: Schema,
  depth = 0,
): { path: (string | number)[]; value: unknown }[] {
  const s = container(schema);
  if (!s || depth > 3) return [];
  if (s.items) {
    const format = dateFormat(s.items);
    if (format) return [{ path: [0], value: [YEAR_ZERO[format]] }];
    return yearZeroBodies(s.items, depth + 1).map(({ path, value }) => ({
      path: [0, ...path],
      value: [value],
    }));
  }
  return Object.entries(s.properties ?? {}).flatMap(([name, property]) => {
    const format = dateFormat(property);
    if (format) return [{ path: [name], value: { [name]: YEAR_ZERO[format] } }];
    return yearZeroBodies(property, depth + 1).map(({ path, value }) => ({
      path: [name, ...path],
      value: { [name]: value },
    }));
  });
}

/** Invalid JSON bodies for one operation, each with a label for the failure message. */
function badBodies(schema: Schema): {
  label: string;
  payload: string;
  contentType: string;
  nulField?: string;
  dateField?: string;
}[] {
  const s = resolve(schema);
  const json = (label: string, value: unknown) => ({
    label,
    payload: JSON.stringify(value),
    contentType: 'application/json',
  });
  const bodies: {
    label: string;
    payload: string;
    contentType: string;
    nulField?: string;
    dateField?: string;
  }[] = [
    { label: 'malformed JSON', payload: '{"unterminated": ', contentType: 'application/json' },
    {
      label: 'wrong content type',
      payload: 'a=1&b=2',
      contentType: 'application/x-www-form-urlencoded',
    },
    json('not an object', [1, 2, 3]),
    json('unknown field', { thisFieldDoesNotExist: true }),
  ];
  if ((s.required ?? []).length > 0) bodies.push(json('missing required fields', {}));
  for (const [name, property] of Object.entries(s.properties ?? {})) {
    bodies.push(json(`wrong type for ${name}`, { [name]: wrongValue(property) }));
    const p = resolve(property);
    if (p.type === 'string' && !p.enum)
      bodies.push(json(`huge ${name}`, { [name]: 'x'.repeat(100_000) }));
  }
  for (const { path, value } of nulBodies(s))
    bodies.push({ ...json(`NUL in ${path.join('.')}`, value), nulField: path.join('.') });
  for (const { path, value } of yearZeroBodies(s))
    bodies.push({ ...json(`year 0000 in ${path.join('.')}`, value), dateField: path.join('.') });
  return bodies;
}

let env: TestEnv;
let sessions: Session[];

async function checksum(): Promise<Record<string, string>> {
  const { rows } = await sql<{ table_name: string }>`
    select table_name from information_schema.tables where table_schema = 'public' and table_type = 'BASE TABLE'
      -- Sessions note their last use, and the few requests that succeed (a read with an ignored
      -- extra parameter) are audited by design; every other table must be untouched.
      and table_name not in ('sessions', 'resident_sessions', 'login_failures', 'audit_events') order by table_name`.execute(
    env.owner,
  );
  const sums: Record<string, string> = {};
  for (const { table_name } of rows) {
    const result = await sql<{
      sum: string | null;
    }>`select md5(string_agg(t::text, '|' order by t::text)) as sum from ${sql.table(table_name)} t`.execute(
      env.owner,
    );
    sums[table_name] = result.rows[0]?.sum ?? 'empty';
  }
  return sums;
}

beforeAll(async () => {
  env = await createDemoEnv();
  sessions = [];
  for (const email of [
    'worker@maastricht.demo',
    'teamlead@maastricht.demo',
    'gemeente@maastricht.demo',
    'admin@maastricht.demo',
  ]) {
    sessions.push(await login(env.app, email));
  }
});

describe('bad input against every endpoint', () => {
  it('answers 4xx with a problem document, never 5xx, and changes nothing', async () => {
    const before = await checksum();
    const failures: string[] = [];
    let requests = 0;
    const check = (label: string, status: number, contentType: string | undefined) => {
      requests++;
      if (
        status >= 500 ||
        status < 400 ||
        !String(contentType).includes('application/problem+json')
      ) {
        failures.push(`${label}: ${status} ${contentType}`);
      }
    };
    // A NUL is refused before validation and the handler: a 400 names its field. (Only a refusal
    // before the body is read, 401 or 403, may come first.)
    const checkNul = (label: string, field: string, response: LightMyRequestResponse) => {
      if (response.statusCode !== 400) return;
      const named = response
        .json<{ invalidParams?: { name: string; reason: string; reasonNl: string }[] }>()
        .invalidParams?.some(
          (p) => p.name === field && p.reasonNl === 'mag geen NUL-teken bevatten',
        );
      if (!named) failures.push(`${label}: 400 without naming ${field}: ${response.body}`);
    };
    // Year 0000 in a date field is refused by validation: a 400 names the field (the rest of the
    // body may be missing and be named too). Only a 400 is judged: a refusal by role comes first.
    const checkYearZero = (
      key: string,
      label: string,
      field: string,
      response: LightMyRequestResponse,
    ) => {
      if (response.statusCode !== 400) return;
      const named = response
        .json<{ invalidParams?: { name: string }[] }>()
        .invalidParams?.some((p) => p.name === field);
      if (!named) failures.push(`${key}: ${label}: 400 without naming ${field}: ${response.body}`);
    };
    for (const [route, methods] of Object.entries(spec.paths)) {
      for (const [method, operation] of Object.entries(methods)) {
        const key = `${method} ${route}`;
        if (SKIP.has(key) || route.startsWith('/api/docs') || route === '/api/openapi.json')
          continue;
        const params = operation.parameters ?? [];
        const fill = (overrides: Record<string, string> = {}) =>
          route.replace(
            /\{(\w+)\}/g,
            (_, name: string) =>
              overrides[name] ??
              validParam(name, params.find((p) => p.name === name)?.schema ?? {}),
          );
        const cases: {
          label: string;
          url: string;
          payload?: string;
          contentType?: string;
          /** The field named when a NUL character is refused. */
          nulField?: string;
          /** The field named when year 0000 is refused. */
          dateField?: string;
        }[] = [];
        for (const p of params.filter((x) => x.in === 'path')) {
          cases.push({ label: `bad path ${p.name}`, url: fill({ [p.name]: 'not-a-valid-value' }) });
          cases.push({
            label: `NUL in path ${p.name}`,
            url: fill({ [p.name]: encodeURIComponent(NUL_TEXT) }),
            nulField: `params.${p.name}`,
          });
          const format = dateFormat(p.schema);
          if (format)
            cases.push({
              label: `year 0000 in path ${p.name}`,
              url: fill({ [p.name]: encodeURIComponent(YEAR_ZERO[format] ?? '') }),
              dateField: `params.${p.name}`,
            });
        }
        for (const p of params.filter((x) => x.in === 'query')) {
          const s = resolve(p.schema);
          // Free text (a search box) has no wrong value, only a too long one.
          const freeText = s.type === 'string' && !s.format && !s.enum && !('pattern' in s);
          if (!freeText)
            cases.push({
              label: `bad query ${p.name}`,
              url: `${fill()}?${p.name}=${encodeURIComponent('%%%not valid%%%')}`,
            });
          cases.push({
            label: `huge query ${p.name}`,
            url: `${fill()}?${p.name}=${'9'.repeat(5000)}`,
          });
          cases.push({
            label: `NUL in query ${p.name}`,
            url: `${fill()}?${p.name}=${encodeURIComponent(NUL_TEXT)}`,
            nulField: `query.${p.name}`,
          });
          const format = dateFormat(p.schema);
          // Without the year check this reached SQL: a 500 (22008) on a GET with no other input.
          if (format)
            cases.push({
              label: `year 0000 in query ${p.name}`,
              url: `${fill()}?${p.name}=${encodeURIComponent(YEAR_ZERO[format] ?? '')}`,
              dateField: `querystring.${p.name}`,
            });
        }
        cases.push({ label: 'unknown query parameter', url: `${fill()}?notAParameter=1` });
        const content = operation.requestBody?.content ?? {};
        if (content['application/json']) {
          for (const body of badBodies(content['application/json'].schema))
            cases.push({
              label: body.label,
              url: fill(),
              payload: body.payload,
              contentType: body.contentType,
              ...(body.nulField ? { nulField: body.nulField } : {}),
              ...(body.dateField ? { dateField: body.dateField } : {}),
            });
        }
        if (content['text/csv']) {
          cases.push({
            label: 'CSV without a header',
            url: fill(),
            payload: '\u0000\u0001garbage;;;\n"unterminated',
            contentType: 'text/csv',
          });
          cases.push({
            label: 'CSV as JSON',
            url: fill(),
            payload: '{"a":1}',
            contentType: 'application/json',
          });
        }
        // A NUL case is judged once, by the first role let through to it (the others' 403
        // comes before the body is looked at): it keeps the run well inside its time limit.
        const nulJudged = new Set<string>();
        const dateJudged = new Set<string>();
        for (const session of sessions) {
          for (const c of cases) {
            if (c.nulField && nulJudged.has(c.label)) continue;
            if (c.dateField && dateJudged.has(c.label)) continue;
            const response = await env.app.inject({
              method: method.toUpperCase() as 'GET',
              url: c.url,
              headers: {
                cookie: session.cookie,
                'x-csrf-token': session.csrfToken,
                ...(c.contentType ? { 'content-type': c.contentType } : {}),
              },
              ...(c.payload !== undefined ? { payload: c.payload } : {}),
            });
            // A route that takes no query at all may ignore an unknown parameter and answer 200.
            if (c.label === 'unknown query parameter' && response.statusCode < 300) continue;
            // The OpenID Connect routes are browser navigations, not API calls: bad input sends
            // the browser back to the sign-in page with the error in the address (303), which is
            // what a person needs; a problem document would strand them on raw JSON.
            if (
              key.includes('/api/v1/auth/oidc/') &&
              response.statusCode === 303 &&
              String(response.headers.location).startsWith('/inloggen?fout=')
            )
              continue;
            check(
              `${key} as ${session.user.role}: ${c.label}`,
              response.statusCode,
              response.headers['content-type'] as string | undefined,
            );
            if (c.nulField && response.statusCode !== 401 && response.statusCode !== 403) {
              nulJudged.add(c.label);
              checkNul(`${key} as ${session.user.role}: ${c.label}`, c.nulField, response);
            }
            if (c.dateField && response.statusCode === 400) {
              dateJudged.add(c.label);
              checkYearZero(key, `as ${session.user.role}: ${c.label}`, c.dateField, response);
            }
          }
        }
      }
    }
    expect(failures).toEqual([]);
    expect(requests).toBeGreaterThan(1000);
    expect(await checksum()).toEqual(before);
  });
});
