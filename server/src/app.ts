// Builds the Fastify app: used by main.ts and by the tests (through app.inject).
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import Fastify, { type FastifyInstance } from 'fastify';
import cookie from '@fastify/cookie';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import fastifyStatic from '@fastify/static';
import {
  jsonSchemaTransform,
  jsonSchemaTransformObject,
  validatorCompiler,
} from 'fastify-type-provider-zod';
import type { Config } from './config.js';
import type { Db } from './platform/db.js';
import { loggerOptions } from './platform/logger.js';
import { registerAccessControl } from './platform/access.js';
import { registerErrorHandler } from './platform/error-handler.js';
import { refuseNulCharacters } from './platform/nul-characters.js';
import { responseSerializerCompiler } from './platform/response-serializer.js';
import { healthRoutes } from './modules/health/health.routes.js';
import { authRoutes } from './modules/auth/auth.routes.js';
import { organisationRoutes } from './modules/organisation/organisation.routes.js';
import { registrationRoutes } from './modules/registrations/registrations.routes.js';
import { householdRoutes } from './modules/households/households.routes.js';
import { signalRoutes } from './modules/signals/signals.routes.js';
import { postcodeTableRoutes } from './modules/organisation/postcode-table.js';
import { trajectoryRoutes } from './modules/trajectories/trajectories.routes.js';
import { residentMessageRoutes } from './modules/resident-messages/resident-messages.routes.js';
import { referralRoutes } from './modules/referrals/referrals.routes.js';
import { assessmentRoutes } from './modules/assessments/assessments.routes.js';
import { budgetRoutes } from './modules/budget/budget.routes.js';
import { reportRoutes } from './modules/reports/reports.routes.js';
import { portalRoutes } from './modules/portal/portal.routes.js';
import { socialMapRoutes } from './modules/social-map/social-map.routes.js';
import { businessCaseRoutes } from './modules/business-case/business-case.routes.js';
import { groupRoutes } from './modules/groups/groups.routes.js';
import { itemPoolRoutes } from './modules/item-pool/item-pool.routes.js';
import { privacyRoutes } from './modules/privacy/privacy.routes.js';
import { scheduleRetentionJob } from './modules/privacy/retention.service.js';

const webDist = path.resolve(
  path.dirname(fileURLToPath(import.meta.url)),
  '..',
  '..',
  'web',
  'dist',
);

export interface BuildOptions {
  config: Config;
  db: Db;
  /** Serve the built web app (off in API tests). */
  serveWeb?: boolean;
}

export async function buildApp({
  config,
  db,
  serveWeb = true,
}: BuildOptions): Promise<FastifyInstance> {
  const app = Fastify({
    logger: loggerOptions(config.LOG_LEVEL),
    bodyLimit: 1024 * 1024,
    trustProxy: config.NODE_ENV === 'production',
    // Request ids tie a log line to an audit row without naming anyone.
    genReqId: () => crypto.randomUUID(),
  });
  // JSON only (the CSV imports add their own parser): anything else is answered with 415.
  app.removeContentTypeParser('text/plain');
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(responseSerializerCompiler);

  await app.register(cookie);
  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'Samenkracht API',
        description:
          'The public API of Samenkracht, the information system of neighbourhood social teams. ' +
          'Errors are application/problem+json with Dutch and English texts. State-changing requests ' +
          'need the session cookie and the header x-csrf-token.',
        version: '1.0.0',
      },
      components: {
        securitySchemes: {
          session: { type: 'apiKey', in: 'cookie', name: 'sk_session' },
          csrf: { type: 'apiKey', in: 'header', name: 'x-csrf-token' },
        },
      },
    },
    transform: jsonSchemaTransform,
    transformObject: jsonSchemaTransformObject,
  });
  await app.register(swaggerUi, { routePrefix: '/api/docs' });

  const spa = serveWeb && existsSync(webDist);
  registerErrorHandler(app, db, { spa });
  registerAccessControl(app, db, config);
  refuseNulCharacters(app);

  await app.register(healthRoutes(db));
  await app.register(authRoutes(db, config));
  await app.register(organisationRoutes(db, config));
  await app.register(registrationRoutes(db, config));
  await app.register(householdRoutes(db, config));
  await app.register(signalRoutes(db, config));
  await app.register(postcodeTableRoutes(db, config));
  await app.register(trajectoryRoutes(db, config));
  await app.register(residentMessageRoutes(db, config));
  await app.register(referralRoutes(db, config));
  await app.register(assessmentRoutes(db, config));
  await app.register(budgetRoutes(db, config));
  await app.register(reportRoutes(db, config));
  await app.register(portalRoutes(db, config));
  await app.register(socialMapRoutes(db, config));
  await app.register(businessCaseRoutes(db, config));
  await app.register(groupRoutes(db, config));
  await app.register(itemPoolRoutes(db, config));
  await app.register(privacyRoutes(db, config));
  // Lists files past retention every day for the privacy officer (tests call it directly).
  if (config.NODE_ENV !== 'test') scheduleRetentionJob(app, db);

  app.get(
    '/api/openapi.json',
    { config: { access: { kind: 'public' } }, schema: { hide: true } },
    () => app.swagger(),
  );

  if (spa) await app.register(fastifyStatic, { root: webDist, wildcard: false });
  return app;
}
