// Once per test run: one embedded PostgreSQL in a temporary directory, migrated into a template
// database that every test file clones (CREATE DATABASE ... TEMPLATE takes ~20 ms).
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import type { TestProject } from 'vitest/node';
import { createDb } from '../src/platform/db.js';
import { createLogger } from '../src/platform/logger.js';
import { startEmbeddedPostgres } from '../src/platform/embedded-postgres.js';
import { ensureAppRole, migrateToLatest } from '../src/db/migrate.js';

export const TEMPLATE_DATABASE = 'samenkracht_template';

declare module 'vitest' {
  export interface ProvidedContext {
    ownerUrl: string;
    appUrl: string;
  }
}

export default async function setup(project: TestProject) {
  const dataDir = await mkdtemp(path.join(tmpdir(), 'samenkracht-test-'));
  const server = await startEmbeddedPostgres(dataDir, createLogger('silent'));
  const admin = createDb(server.ownerUrl, 1);
  await sql`create database ${sql.id(TEMPLATE_DATABASE)}`.execute(admin);
  const templateUrl = new URL(server.ownerUrl);
  templateUrl.pathname = `/${TEMPLATE_DATABASE}`;
  const template = createDb(templateUrl.toString(), 1);
  await ensureAppRole(template, decodeURIComponent(new URL(server.appUrl).password));
  await migrateToLatest(template);
  await template.destroy();
  await admin.destroy();
  project.provide('ownerUrl', server.ownerUrl);
  project.provide('appUrl', server.appUrl);
  return async () => {
    await server.stop();
    await rm(dataDir, { recursive: true, force: true });
  };
}
