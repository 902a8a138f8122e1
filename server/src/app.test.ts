import { describe, expect, it } from 'vitest';
import { loadConfig } from './config.js';
import { buildApp } from './app.js';
import { createDb } from './platform/db.js';
import { createTestEnv } from '../test/harness.js';

describe('the app', () => {
  it('answers health with the database status', async () => {
    const env = await createTestEnv();
    const response = await env.app.inject({ method: 'GET', url: '/api/health' });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({ status: 'ok', database: 'ok' });
  });

  it('answers health with 503 when the database is unreachable', async () => {
    const config = loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'silent' });
    // Port 1 on loopback: nothing listens there.
    const db = createDb('postgres://nobody:nothing@127.0.0.1:1/none', 1);
    const app = await buildApp({ config, db, serveWeb: false });
    const response = await app.inject({ method: 'GET', url: '/api/health' });
    expect(response.statusCode).toBe(503);
    expect(response.json()).toEqual({ status: 'degraded', database: 'unreachable' });
    await app.close();
    await db.destroy();
  });

  it('refuses to start when a route declares no access rule', async () => {
    const config = loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'silent' });
    const db = createDb('postgres://nobody:nothing@127.0.0.1:1/none', 1);
    const app = await buildApp({ config, db, serveWeb: false });
    expect(() => app.get('/api/v1/forgotten', () => ({ secret: true }))).toThrow(
      /declares no access rule/,
    );
    await app.close();
    await db.destroy();
  });

  it('answers 415 to a body that is not JSON, and 404 as a problem document to an unknown path', async () => {
    const env = await createTestEnv();
    const wrongType = await env.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      headers: { 'content-type': 'text/plain' },
      payload: 'email=a&password=b',
    });
    expect(wrongType.statusCode).toBe(415);
    const unknown = await env.app.inject({ method: 'GET', url: '/api/v1/nothing-here' });
    expect(unknown.statusCode).toBe(404);
    expect(unknown.headers['content-type']).toContain('application/problem+json');
  });

  it('publishes an OpenAPI 3.1 document that lists the fixed paths', async () => {
    const env = await createTestEnv();
    const doc = (await env.app.inject({ method: 'GET', url: '/api/openapi.json' })).json<{
      openapi: string;
      paths: Record<string, unknown>;
    }>();
    expect(doc.openapi).toBe('3.1.0');
    for (const path of [
      '/api/health',
      '/api/v1/auth/login',
      '/api/v1/teams/{id}',
      '/api/v1/staff/{id}',
    ]) {
      expect(doc.paths).toHaveProperty([path]);
    }
  });
});

describe('configuration', () => {
  it('reports every invalid setting at once', () => {
    expect(() => loadConfig({ PORT: 'abc', DATABASE_URL: 'mysql://x', LOG_LEVEL: 'loud' })).toThrow(
      /PORT[\s\S]*DATABASE_URL[\s\S]*LOG_LEVEL|PORT[\s\S]*LOG_LEVEL[\s\S]*DATABASE_URL/,
    );
  });

  it('loads demo data with DATABASE_URL only when asked with --demo', () => {
    const env = { DATABASE_URL: 'postgres://u:p@db.internal:5432/samenkracht' };
    expect(loadConfig(env, []).DEMO).toBe(false);
    expect(loadConfig(env, ['--demo']).DEMO).toBe(true);
  });
});
