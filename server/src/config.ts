// Every setting of the server, validated once at start-up. All problems are reported together so
// that an operator fixes a bad environment in one go (CONVENTIONS.md, habit 8).
import path from 'node:path';
import { z } from 'zod';

const booleanFlag = z
  .enum(['true', 'false', '1', '0', ''])
  .optional()
  .transform((value) => value === 'true' || value === '1');

const ConfigSchema = z.object({
  NODE_ENV: z.enum(['development', 'test', 'production']).default('development'),
  PORT: z.coerce.number().int().min(1).max(65535).default(3000),
  /** Loopback by default; set 0.0.0.0 in a container or behind a proxy. */
  HOST: z.string().default('127.0.0.1'),
  /** Where the embedded PostgreSQL keeps its files (and its generated passwords). */
  DATA_DIR: z.string().default('./data'),
  /** An external PostgreSQL 15+ as its owner role (runs migrations). No embedded server then. */
  DATABASE_URL: z.url({ protocol: /^postgres(ql)?$/ }).optional(),
  /** The app's own login role: owns nothing, cannot bypass row-level security. */
  APP_DATABASE_URL: z.url({ protocol: /^postgres(ql)?$/ }).optional(),
  /** Load the demo municipality into an empty database. Always on for the embedded database. */
  DEMO: booleanFlag,
  /**
   * With the demo: its two years of generated history too (default true; false starts faster,
   * with the hand-made records only).
   */
  DEMO_HISTORY: z
    .enum(['true', 'false', '1', '0', ''])
    .optional()
    .transform((value) => value !== 'false' && value !== '0'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  /** Cookies get `Secure` unless this is explicitly false (plain-http development). */
  COOKIE_SECURE: z.enum(['true', 'false']).optional(),
  SESSION_IDLE_MINUTES: z.coerce
    .number()
    .int()
    .min(1)
    .max(24 * 60)
    .default(30),
  SESSION_ABSOLUTE_HOURS: z.coerce.number().int().min(1).max(72).default(12),
  /** Failed logins per e-mail address (or per client address) in the window before 429. */
  LOGIN_MAX_FAILURES: z.coerce.number().int().min(1).max(1000).default(5),
  LOGIN_WINDOW_MINUTES: z.coerce
    .number()
    .int()
    .min(1)
    .max(24 * 60)
    .default(15),
  /**
   * Keys the hash that recognises a BSN again without storing it. Generated into DATA_DIR for the
   * embedded database; required in production with DATABASE_URL. Never change it afterwards.
   */
  SECRET_KEY: z.string().min(32).optional(),
  DB_POOL_SIZE: z.coerce.number().int().min(1).max(200).default(10),
  /**
   * The address users reach the app at (scheme, host, port; no path). The OpenID Connect
   * redirect URI is built from it: <PUBLIC_URL>/api/v1/auth/oidc/callback. Default
   * http://localhost:<PORT>.
   */
  PUBLIC_URL: z.url({ protocol: /^https?$/ }).optional(),
});

export type Config = Omit<
  z.output<typeof ConfigSchema>,
  'COOKIE_SECURE' | 'SECRET_KEY' | 'PUBLIC_URL'
> & {
  cookieSecure: boolean;
  /** PUBLIC_URL without a trailing slash. */
  publicUrl: string;
  dataDir: string;
  /** SECRET_KEY, or the one main.ts settles on (see resolveSecretKey there). */
  secretKey: string;
};

export class ConfigError extends Error {}

export function loadConfig(env: NodeJS.ProcessEnv = process.env, argv: string[] = []): Config {
  const parsed = ConfigSchema.safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((issue) => `  ${issue.path.join('.')}: ${issue.message}`);
    throw new ConfigError(`Invalid configuration:\n${lines.join('\n')}`);
  }
  const { COOKIE_SECURE, SECRET_KEY, PUBLIC_URL, ...settings } = parsed.data;
  if (settings.NODE_ENV === 'production' && settings.DATABASE_URL && !SECRET_KEY) {
    throw new ConfigError('Invalid configuration:\n  SECRET_KEY: required in production');
  }
  return {
    ...settings,
    DEMO: settings.DEMO || argv.includes('--demo'),
    // Secure cookies need https; the local quick start runs on plain http.
    cookieSecure:
      COOKIE_SECURE === undefined ? settings.NODE_ENV === 'production' : COOKIE_SECURE === 'true',
    dataDir: path.resolve(settings.DATA_DIR),
    publicUrl: (PUBLIC_URL ?? `http://localhost:${settings.PORT}`).replace(/\/+$/, ''),
    secretKey: SECRET_KEY ?? '',
  };
}
