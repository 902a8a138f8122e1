import { describe, expect, it } from 'vitest';
import { base32Decode, base32Encode, hotp, otpauthUri, totpAt, verifyTotp } from './totp.js';
import { open, seal } from './secret-box.js';

// RFC 6238, appendix B: the seeds are the ASCII strings "1234567890" repeated to the key length
// of each hash (20, 32 and 64 bytes); 8-digit codes.
const seed = (length: number) => Buffer.from('1234567890'.repeat(7).slice(0, length), 'ascii');
const SHA1 = seed(20);
const SHA256 = seed(32);
const SHA512 = seed(64);

const RFC6238: [number, string, string, string][] = [
  // [unix time, SHA-1, SHA-256, SHA-512]
  [59, '94287082', '46119246', '90693936'],
  [1111111109, '07081804', '68084774', '25091201'],
  [1111111111, '14050471', '67062674', '99943326'],
  [1234567890, '89005924', '91819424', '93441116'],
  [2000000000, '69279037', '90698825', '38618901'],
  [20000000000, '65353130', '77737706', '47863826'],
];

describe('TOTP (RFC 6238)', () => {
  it.each(RFC6238)('at %i s gives the RFC test vectors', (seconds, sha1, sha256, sha512) => {
    expect(totpAt(SHA1, seconds * 1000, 8, 'sha1')).toBe(sha1);
    expect(totpAt(SHA256, seconds * 1000, 8, 'sha256')).toBe(sha256);
    expect(totpAt(SHA512, seconds * 1000, 8, 'sha512')).toBe(sha512);
  });

  it('gives the RFC 4226 HOTP vectors (6 digits, counters 0 and 9)', () => {
    // RFC 4226, appendix D: secret "12345678901234567890".
    expect(hotp(SHA1, 0)).toBe('755224');
    expect(hotp(SHA1, 9)).toBe('520489');
  });

  it('accepts the code of the previous, current and next 30-second step, and no other', () => {
    const now = 1_111_111_111_000; // step 37037037 (1111111111 / 30 = 37037037.03)
    const code = (step: number) => hotp(SHA1, step);
    expect(verifyTotp(SHA1, code(37037036), now, null)).toBe(37037036);
    expect(verifyTotp(SHA1, code(37037037), now, null)).toBe(37037037);
    expect(verifyTotp(SHA1, code(37037038), now, null)).toBe(37037038);
    expect(verifyTotp(SHA1, code(37037035), now, null)).toBeNull();
    expect(verifyTotp(SHA1, code(37037039), now, null)).toBeNull();
  });

  it('refuses a code of a step that was already used, or of an earlier one (replay)', () => {
    const now = 1_111_111_111_000;
    expect(verifyTotp(SHA1, hotp(SHA1, 37037037), now, 37037037)).toBeNull();
    expect(verifyTotp(SHA1, hotp(SHA1, 37037036), now, 37037037)).toBeNull();
    expect(verifyTotp(SHA1, hotp(SHA1, 37037038), now, 37037037)).toBe(37037038);
  });

  it('refuses codes of the wrong length or with letters', () => {
    const now = 59_000;
    expect(verifyTotp(SHA1, '12345', now, null)).toBeNull();
    expect(verifyTotp(SHA1, 'abcdef', now, null)).toBeNull();
  });

  it('round-trips base32 (RFC 4648 example "foobar" = MZXW6YTBOI)', () => {
    expect(base32Encode(Buffer.from('foobar'))).toBe('MZXW6YTBOI');
    expect(base32Decode('mzxw 6ytb oi').toString()).toBe('foobar');
  });

  it('builds an otpauth URI with issuer, account and the base32 secret', () => {
    const uri = otpauthUri(Buffer.from('foobar'), 'Samenkracht', 'a@b.nl');
    expect(uri).toBe(
      'otpauth://totp/Samenkracht:a%40b.nl?secret=MZXW6YTBOI&issuer=Samenkracht&algorithm=SHA1&digits=6&period=30',
    );
  });
});

describe('secret box', () => {
  const key = 'k'.repeat(40);
  it('opens what it sealed, and not with another key or purpose', () => {
    const sealed = seal(key, 'totp', Buffer.from('geheim'));
    expect(sealed.startsWith('v1.')).toBe(true);
    expect(sealed).not.toContain('geheim');
    expect(open(key, 'totp', sealed).toString()).toBe('geheim');
    expect(() => open('x'.repeat(40), 'totp', sealed)).toThrow();
    expect(() => open(key, 'oidc-client-secret', sealed)).toThrow();
  });
});
