// Secrets the server must read back (TOTP seeds, an identity provider's client secret, the
// position in a list that a client hands back) are stored or sent encrypted with AES-256-GCM.
// The key is derived from SECRET_KEY with HKDF, one key per purpose, so that a database dump alone
// reveals none of them. Format: v1.<iv>.<tag>.<ciphertext> (base64url).
import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from 'node:crypto';

export type SecretPurpose = 'totp' | 'oidc-client-secret' | 'oidc-state' | 'list-cursor';

/**
 * Derived keys, kept once made: a list's cursor is sealed on every page of the signals list, a
 * request path where deriving the key again each time showed in the CPU profile. They hold
 * nothing that SECRET_KEY, already in memory, does not.
 */
const derivedKeys = new Map<string, Buffer>();

function keyFor(secretKey: string, purpose: SecretPurpose): Buffer {
  if (secretKey.length < 32) throw new Error('SECRET_KEY is missing or too short');
  const name = `${purpose}\u0000${secretKey}`;
  let key = derivedKeys.get(name);
  if (!key) {
    key = Buffer.from(hkdfSync('sha256', secretKey, 'samenkracht', `secret-box:${purpose}`, 32));
    derivedKeys.set(name, key);
  }
  return key;
}

export function seal(secretKey: string, purpose: SecretPurpose, plain: Buffer): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', keyFor(secretKey, purpose), iv);
  const body = Buffer.concat([cipher.update(plain), cipher.final()]);
  const parts = [iv, cipher.getAuthTag(), body].map((part) => part.toString('base64url'));
  return ['v1', ...parts].join('.');
}

export function open(secretKey: string, purpose: SecretPurpose, sealed: string): Buffer {
  const [version, iv, tag, body] = sealed.split('.');
  if (version !== 'v1' || !iv || !tag || body === undefined) throw new Error('not a sealed secret');
  const decipher = createDecipheriv(
    'aes-256-gcm',
    keyFor(secretKey, purpose),
    Buffer.from(iv, 'base64url'),
  );
  decipher.setAuthTag(Buffer.from(tag, 'base64url'));
  return Buffer.concat([decipher.update(Buffer.from(body, 'base64url')), decipher.final()]);
}
