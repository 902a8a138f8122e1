// A real municipality's first day: its tenant, its CBS buurten and one functional administrator
// (`npm run setup:municipality`, server/scripts/setup-municipality.ts). No demo data. Everything
// else (teams, partner organisations, staff) the administrator then sets up in the app.
import { randomBytes } from 'node:crypto';
import { parseArgs } from 'node:util';
import { z } from 'zod';
import { inTenant, type Db } from '../../platform/db.js';
import { newId } from '../../platform/ids.js';
import { hashPassword } from '../../platform/passwords.js';
import { writeAudit } from '../../platform/audit.js';
import {
  loadCbsAreas,
  referenceAreasOf,
  referenceMunicipalities,
} from '../../db/reference-areas.js';
import { staff } from './organisation.repository.js';

/** A refusal that names the option, in Dutch and English. Nothing has been changed when thrown. */
export class SetupError extends Error {
  constructor(
    readonly option: string,
    readonly reasonNl: string,
    readonly reasonEn: string,
  ) {
    super(`--${option}: ${reasonNl} / ${reasonEn}`);
    this.name = 'SetupError';
  }
}

export interface SetupOptions {
  name: string;
  cbsCode: string;
  adminEmail: string;
  adminName: string;
}

const OPTIONS = ['name', 'cbs-code', 'admin-email', 'admin-name'] as const;

export const SETUP_USAGE =
  'Gebruik / usage: npm run setup:municipality -- --name "Gemeente Maastricht" --cbs-code GM0935 ' +
  '--admin-email beheer@maastricht.nl --admin-name "Naam Beheerder"';

const required = (option: string) => new SetupError(option, 'is verplicht', 'is required');

function text(option: string, value: string | undefined): string {
  const trimmed = value?.trim() ?? '';
  if (trimmed === '') throw required(option);
  if (trimmed.length > 200)
    throw new SetupError(option, 'is langer dan 200 tekens', 'is longer than 200 characters');
  return trimmed;
}

/** Checks the options as given (each problem names its option); the first problem is thrown. */
export function validateSetupOptions(
  raw: Partial<Record<(typeof OPTIONS)[number], string>>,
): SetupOptions {
  const name = text('name', raw.name);
  const cbsCode = raw['cbs-code']?.trim() ?? '';
  if (cbsCode === '') throw required('cbs-code');
  if (!/^GM[0-9]{4}$/.test(cbsCode)) {
    throw new SetupError(
      'cbs-code',
      `"${cbsCode}" is geen CBS-gemeentecode (GM en 4 cijfers, bijvoorbeeld GM0935)`,
      `"${cbsCode}" is not a CBS municipality code (GM and 4 digits, for example GM0935)`,
    );
  }
  const adminEmail = raw['admin-email']?.trim() ?? '';
  if (adminEmail === '') throw required('admin-email');
  // The same rule as an account made in the app (organisation.schemas.ts).
  if (!z.email().max(320).safeParse(adminEmail).success) {
    throw new SetupError(
      'admin-email',
      `"${adminEmail}" is geen geldig e-mailadres`,
      `"${adminEmail}" is not a valid e-mail address`,
    );
  }
  const adminName = text('admin-name', raw['admin-name']);
  return { name, cbsCode, adminEmail, adminName };
}

/** The command line (`--name X` or `--name=X`); an unknown or repeated option is refused too. */
export function parseSetupArguments(argv: readonly string[]): SetupOptions {
  let parsed;
  try {
    parsed = parseArgs({
      args: [...argv],
      options: Object.fromEntries(OPTIONS.map((o) => [o, { type: 'string' as const }])),
      strict: true,
      allowPositionals: false,
    });
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    const option = /'--?([^' ]+)/.exec(message)?.[1] ?? 'options';
    throw new SetupError(
      option,
      `onbekende of onvolledige optie (bekend: ${OPTIONS.map((o) => `--${o}`).join(', ')})`,
      `unknown or incomplete option (known: ${OPTIONS.map((o) => `--${o}`).join(', ')})`,
    );
  }
  return validateSetupOptions(parsed.values);
}

/**
 * 24 characters from 18 random bytes (144 bits), shown once by the command. The app has no
 * password change of its own yet, so this stays the account's password: it must be strong on its
 * own, and the second factor the role requires guards it as well.
 */
export function initialPassword(): string {
  return randomBytes(18).toString('base64url');
}

export interface SetupResult {
  municipalityId: string;
  adminId: string;
  /** Shown once by the command; stored only as its argon2id hash. */
  password: string;
  districts: number;
  neighbourhoods: number;
}

const isUniqueViolation = (error: unknown, constraint: string) =>
  typeof error === 'object' &&
  error !== null &&
  (error as { code?: string }).code === '23505' &&
  (error as { constraint?: string }).constraint === constraint;

const municipalityExists = (code: string, existingName: string) =>
  new SetupError(
    'cbs-code',
    `er bestaat al een gemeente met code ${code}${existingName ? ` (${existingName})` : ''}; er is niets veranderd`,
    `a municipality with code ${code}${existingName ? ` (${existingName})` : ''} already exists; nothing was changed`,
  );

const emailInUse = () =>
  new SetupError(
    'admin-email',
    'is al in gebruik voor een ander account; er is niets veranderd',
    'is already in use by another account; nothing was changed',
  );

/**
 * As the owner, in one transaction with the new tenant's scope: the municipality, its CBS wijken
 * and buurten, and an active administrator with a random initial password. The role admin always needs
 * a second factor (ALWAYS_SECOND_FACTOR_ROLES), so the first sign-in asks to set one up.
 */
export async function setUpMunicipality(owner: Db, options: SetupOptions): Promise<SetupResult> {
  const areas = await referenceAreasOf(options.cbsCode);
  if (areas.neighbourhoods.length === 0) {
    const known = (await referenceMunicipalities()).map((m) => `${m.code} ${m.name}`).join(', ');
    throw new SetupError(
      'cbs-code',
      `voor ${options.cbsCode} zijn geen CBS-buurten meegeleverd (wel voor: ${known}); voeg ze toe aan server/src/db/reference`,
      `no CBS neighbourhoods are shipped for ${options.cbsCode} (there are for: ${known}); add them to server/src/db/reference`,
    );
  }
  const password = initialPassword();
  // Hash outside the transaction: it takes tens of milliseconds and needs no database.
  const passwordHash = await hashPassword(password);
  const municipalityId = newId();
  const adminId = newId();
  try {
    return await inTenant(owner, { municipalityId, teamIds: [] }, async (trx) => {
      // The owner's own policies (owner_lookup, owner_sign_in) let it see every tenant here.
      const existing = await trx
        .selectFrom('municipalities')
        .select('name')
        .where('code', '=', options.cbsCode)
        .executeTakeFirst();
      if (existing) throw municipalityExists(options.cbsCode, existing.name);
      if (await staff.emailTaken(trx, options.adminEmail)) throw emailInUse();
      await trx
        .insertInto('municipalities')
        .values({ id: municipalityId, code: options.cbsCode, name: options.name })
        .execute();
      const counts = await loadCbsAreas(trx, municipalityId, options.cbsCode);
      await staff.insert(trx, {
        municipalityId,
        id: adminId,
        name: options.adminName,
        email: options.adminEmail,
        role: 'admin',
        organisationId: null,
        hoursPerWeek: 0,
        expertise: [],
        passwordHash,
      });
      await writeAudit(
        trx,
        { municipalityId, staffId: null, role: 'system' },
        `setup-municipality-${municipalityId}`,
        { action: 'staff.create', objectType: 'staff', objectId: adminId },
      );
      return { municipalityId, adminId, password, ...counts };
    });
  } catch (error) {
    // Two set-ups at once: the loser meets the unique indexes; the same answer as checked above.
    if (isUniqueViolation(error, 'municipalities_code_key'))
      throw municipalityExists(options.cbsCode, '');
    if (isUniqueViolation(error, 'staff_email_unique')) throw emailInUse();
    throw error;
  }
}

/** What the command prints once: what was made, and the password that is never shown again. */
export function setupReport(options: SetupOptions, result: SetupResult): string {
  return [
    '',
    `Gemeente ingericht / municipality set up: ${options.name} (${options.cbsCode})`,
    `  ${result.districts} wijken / districts, ${result.neighbourhoods} buurten / neighbourhoods (CBS 2024)`,
    `  Functioneel beheerder / administrator: ${options.adminName} <${options.adminEmail}>`,
    '',
    `Startwachtwoord / initial password: ${result.password}`,
    '',
    'Dit wachtwoord wordt maar één keer getoond en nergens anders bewaard. Geef het veilig door.',
    'Bij de eerste aanmelding stelt de beheerder tweestapsverificatie in (een authenticator-app);',
    'daarna maakt de beheerder in de app de teams, organisaties en medewerkers aan.',
    'This password is shown only this once and kept nowhere else. Hand it over securely.',
    'At the first sign-in the administrator sets up a second factor (an authenticator app);',
    'then the administrator creates the teams, organisations and staff in the app.',
    '',
  ].join('\n');
}
