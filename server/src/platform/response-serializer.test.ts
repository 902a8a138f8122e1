import { describe, expect, it, vi } from 'vitest';
import { z } from 'zod';
import type { FastifySerializerCompiler } from 'fastify';
import { isResponseSerializationError } from 'fastify-type-provider-zod';
import { loadConfig } from '../config.js';
import { buildApp } from '../app.js';
import { createDb } from './db.js';
import { checksTheSameBothWays, responseSerializerCompiler } from './response-serializer.js';
import type * as ResponseSerializer from './response-serializer.js';
import { SignalList } from '../modules/signals/signals.schemas.js';

// The app's routes compile their serializers through this module: each route's way of checking
// is recorded, to see which routes the forward check serves.
const compiledRoutes = vi.hoisted(() => [] as { route: string; forward: boolean }[]);
vi.mock('./response-serializer.js', async (importOriginal) => {
  const original = await importOriginal<typeof ResponseSerializer>();
  const recording: typeof original.responseSerializerCompiler = (route) => {
    const schema = route.schema as Parameters<typeof original.checksTheSameBothWays>[0];
    compiledRoutes.push({
      route: `${route.method} ${route.url} ${route.httpStatus}`,
      forward: original.checksTheSameBothWays(
        'properties' in schema ? (schema.properties as typeof schema) : schema,
      ),
    });
    return original.responseSerializerCompiler(route);
  };
  return { ...original, responseSerializerCompiler: recording };
});

function serializerFor(schema: z.ZodType): (data: unknown) => string {
  const compile = responseSerializerCompiler as FastifySerializerCompiler<z.ZodType>;
  return compile({ schema, method: 'GET', url: '/api/v1/test', httpStatus: '200' });
}

const signal = {
  id: '019ab5a2-7c1e-7000-8000-000000000001',
  teamId: '019ab5a2-7c1e-7000-8000-0000000000aa',
  kind: 'rent_arrears',
  reference: 'WS-2026-0001',
  receivedAt: '2026-11-20T08:00:00.000Z',
  address: {
    postcode: '6216 AB',
    houseNumber: 12,
    houseLetter: null,
    houseNumberAddition: null,
    street: 'Brusselsestraat',
    city: 'Maastricht',
  },
  familyName: 'Janssen',
  amountCents: 84_000,
  note: null,
  householdId: null,
  neighbourhoodCode: 'BU09350205',
  neighbourhoodName: 'Brusselsepoort',
  status: 'open',
  outreachAt: null,
  registrationId: null,
  organisationId: null,
  organisationName: null,
  version: 1,
};

describe('the response serializer', () => {
  it('writes what the forward check and the encoding give alike, and drops what the schema does not list', () => {
    const page = { items: [{ ...signal, bsnHash: 'secret' }], nextCursor: null };
    const written = serializerFor(SignalList)(page);
    expect(JSON.parse(written)).toEqual({ items: [signal], nextCursor: null });
    // The extra property is the point: the encoding drops it too.
    const asTyped = page as unknown as z.output<typeof SignalList>;
    expect(written).toBe(JSON.stringify(z.encode(SignalList, asTyped)));
  });

  it('refuses a value that does not fit the schema, instead of sending it', () => {
    const page = { items: [{ ...signal, amountCents: '840' }], nextCursor: null };
    let refusal: unknown;
    try {
      serializerFor(SignalList)(page);
    } catch (error) {
      refusal = error;
    }
    expect(isResponseSerializationError(refusal)).toBe(true);
  });

  it('encodes with a schema that has a codec, as the forward check would not', () => {
    const day = z.codec(z.iso.date(), z.date(), {
      decode: (text) => new Date(`${text}T00:00:00Z`),
      encode: (date) => date.toISOString().slice(0, 10),
    });
    const schema = z.object({ items: z.array(z.object({ on: day })) });
    expect(checksTheSameBothWays(schema)).toBe(false);
    const written = serializerFor(schema)({ items: [{ on: new Date('2026-11-24T00:00:00Z') }] });
    expect(written).toBe('{"items":[{"on":"2026-11-24"}]}');
  });

  it('finds a transform, default or catch wherever it sits in a schema', () => {
    const leaf = z.string();
    const inAnything = (inner: z.ZodType) => [
      z.object({ a: inner }),
      z.array(inner),
      z.union([z.number(), inner]),
      z.record(z.string(), inner),
      z.object({ a: inner.optional().nullable() }),
      z.tuple([z.number(), inner]),
      z.lazy(() => z.object({ a: inner })),
    ];
    for (const schema of inAnything(leaf)) expect(checksTheSameBothWays(schema)).toBe(true);
    for (const directional of [
      leaf.transform((text) => text.length),
      leaf.default('none'),
      leaf.catch('none'),
    ]) {
      for (const schema of inAnything(directional))
        expect(checksTheSameBothWays(schema)).toBe(false);
    }
  });

  it('looks at a recursive schema once, without going round', () => {
    interface Node {
      name: string;
      children: Node[];
    }
    const node: z.ZodType<Node> = z.object({
      name: z.string(),
      get children() {
        return z.array(node);
      },
    });
    expect(checksTheSameBothWays(node)).toBe(true);
  });

  it('serves every response schema of the API with the forward check', async () => {
    compiledRoutes.length = 0; // the tests above compiled their own
    const config = loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'silent' });
    // No query is sent: the routes' serializers are compiled when the app gets ready.
    const db = createDb('postgres://nobody:nothing@127.0.0.1:1/none', 1);
    const app = await buildApp({ config, db, serveWeb: false });
    await app.ready();
    await app.close();
    await db.destroy();
    expect(compiledRoutes.length).toBeGreaterThan(100);
    // A codec in a response schema would be served correctly, by encoding, but slower: if one is
    // added on purpose, list its route here.
    expect(compiledRoutes.filter((compiled) => !compiled.forward)).toEqual([]);
  });
});
