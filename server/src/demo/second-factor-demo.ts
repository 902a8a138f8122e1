// The demo's second factor: admin@ and gemeente@ must sign in with TOTP (their roles require it),
// so they are enrolled with one fixed, published secret. Anyone can compute the codes: this is a
// demo convenience that must never exist in a real database. `npm run demo:totp admin` prints
// the current code; an authenticator app can also be set up with the secret from the README.
import type { Trx } from '../platform/db.js';
import { seal } from '../platform/secret-box.js';
import { base32Decode, totpAt } from '../platform/totp.js';

export const DEMO_TOTP_SECRET = 'SAMENKRACHTDEMOGEHEIMADMINGEMEEN';
export const DEMO_TOTP_ACCOUNTS = [
  'admin@maastricht.demo',
  'gemeente@maastricht.demo',
  // The privacy officer is an admin (with the privacy duty): the admin rule applies.
  'privacy@maastricht.demo',
] as const;

/** The code a demo account's authenticator shows at this moment (or at `timeMs`). */
export function demoTotpCode(timeMs = Date.now()): string {
  return totpAt(base32Decode(DEMO_TOTP_SECRET), timeMs);
}

export async function seedSecondFactors(
  trx: Trx,
  municipalityId: string,
  staffByEmail: Map<string, string>,
  secretKey: string,
): Promise<void> {
  const sealed = seal(secretKey, 'totp', base32Decode(DEMO_TOTP_SECRET));
  for (const email of DEMO_TOTP_ACCOUNTS) {
    const staffId = staffByEmail.get(email);
    if (!staffId) continue;
    await trx
      .insertInto('staff_second_factors')
      .values({
        municipality_id: municipalityId,
        staff_id: staffId,
        secret_encrypted: sealed,
        confirmed_at: new Date(),
        last_used_step: null,
      })
      .execute();
  }
}
