// API.md: every list answers `{ items, nextCursor }`, paged or whole (http-schemas.ts wholeListOf),
// so that a partner's system reads every list of the API the same way.
import { expect, it } from 'vitest';
import { loadConfig } from '../config.js';
import { buildApp } from '../app.js';
import { createDb } from './db.js';

interface JsonSchema {
  $ref?: string;
  properties?: Record<string, unknown>;
}

it('gives every answer that is a list of items a nextCursor', async () => {
  const config = loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'silent' });
  // No query is sent: the OpenAPI document is built from the routes' schemas.
  const db = createDb('postgres://nobody:nothing@127.0.0.1:1/none', 1);
  const app = await buildApp({ config, db, serveWeb: false });
  await app.ready();
  const document = app.swagger() as {
    paths: Record<string, Record<string, { responses?: Record<string, unknown> }>>;
    components?: { schemas?: Record<string, JsonSchema> };
  };
  await app.close();
  await db.destroy();
  const resolve = (schema: JsonSchema): JsonSchema => {
    let found = schema;
    while (found.$ref) found = document.components?.schemas?.[found.$ref.split('/').pop()!] ?? {};
    return found;
  };
  const lists: string[] = [];
  const withoutCursor: string[] = [];
  for (const [path, operations] of Object.entries(document.paths)) {
    for (const [method, operation] of Object.entries(operations)) {
      for (const status of ['200', '201']) {
        const answer = operation.responses?.[status] as
          { content?: Record<string, { schema?: JsonSchema }> } | undefined;
        const schema = answer?.content?.['application/json']?.schema;
        if (!schema) continue;
        const properties = Object.keys(resolve(schema).properties ?? {});
        // A list is an answer of items and nothing else but its cursor (a report with items and
        // totals beside them is a document, not a list).
        if (
          !properties.includes('items') ||
          properties.some((p) => !['items', 'nextCursor'].includes(p))
        )
          continue;
        lists.push(`${method.toUpperCase()} ${path}`);
        if (!properties.includes('nextCursor'))
          withoutCursor.push(`${method.toUpperCase()} ${path}`);
      }
    }
  }
  expect(lists.length).toBeGreaterThan(30);
  expect(withoutCursor).toEqual([]);
});
