// Sealing resident ID numbers: nobody who reads the database sees one in clear.
//
// The stored form is `{ idCipher, idHash }`: `idCipher` is AES-256-GCM under a key derived from the
// function's `ID_ENCRYPTION_KEY`, bound to the owner's OPENID (additional authenticated data), so a
// cipher copied into another person's profile does not open; `idHash` is an HMAC-SHA256 under a
// second derived key, equal for equal ID numbers, for duplicate detection without decrypting.
import { createCipheriv, createDecipheriv, createHmac, hkdfSync, randomBytes } from 'node:crypto';

/** The function's environment variable: 32 random bytes, base64 (`openssl rand -base64 32`). */
export const ID_KEY_ENV = 'ID_ENCRYPTION_KEY';

/** The cipher text's format version: a later key or algorithm gets a new prefix. */
const VERSION = 'v1';
const IV_BYTES = 12;
const TAG_BYTES = 16;

interface Keys {
  encryption: Buffer;
  lookup: Buffer;
}

let cached: Keys | null = null;
let warned = false;

/**
 * Without the variable (devcloud, a developer's machine) a fixed development key is used, so the
 * emulation works; it is public, so the warning is loud and says how production sets the real one.
 */
function masterKey(): Buffer {
  const configured = process.env[ID_KEY_ENV];
  if (configured) {
    const key = Buffer.from(configured, 'base64');
    if (key.length !== 32) {
      // A wrong key must stop the function, not silently fall back to the public one.
      throw new Error(`${ID_KEY_ENV} must be 32 bytes in base64 (got ${key.length} bytes)`);
    }
    return key;
  }
  if (!warned) {
    warned = true;
    console.warn(
      `!!! ${ID_KEY_ENV} is not set: ID numbers are encrypted with the PUBLIC DEVELOPMENT KEY. ` +
        'Never run like this in production: set the function environment variable ' +
        `${ID_KEY_ENV} to 32 random bytes in base64 (openssl rand -base64 32).`,
    );
  }
  return Buffer.from(
    hkdfSync('sha256', '12309-devcloud-development-key', '', 'development master key', 32),
  );
}

function keys(): Keys {
  if (!cached) {
    const master = masterKey();
    cached = {
      encryption: Buffer.from(hkdfSync('sha256', master, '', 'id-number aes-256-gcm', 32)),
      lookup: Buffer.from(hkdfSync('sha256', master, '', 'id-number hmac-sha256', 32)),
    };
  }
  return cached;
}

/**
 * A keyed hash of a secret the database must not hold in clear (an invitation code): equal for
 * equal values of one purpose, of no use for guessing without the key.
 */
export function secretHash(purpose: string, value: string): string {
  return createHmac('sha256', keys().lookup).update(`${purpose}\n${value}`, 'utf8').digest('hex');
}

/** Equal for equal (normalised) ID numbers; reveals nothing without the key. */
export function idNumberHash(idNumber: string): string {
  return createHmac('sha256', keys().lookup).update(idNumber, 'utf8').digest('hex');
}

export interface SealedIdNumber {
  idCipher: string;
  idHash: string;
}

/** `v1.<iv>.<tag>.<cipher text>` (base64url), bound to `owner`. */
export function sealIdNumber(idNumber: string, owner: string): SealedIdNumber {
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv('aes-256-gcm', keys().encryption, iv, { authTagLength: TAG_BYTES });
  cipher.setAAD(Buffer.from(owner, 'utf8'));
  const body = Buffer.concat([cipher.update(idNumber, 'utf8'), cipher.final()]);
  const parts = [iv, cipher.getAuthTag(), body].map((b) => b.toString('base64url'));
  return { idCipher: [VERSION, ...parts].join('.'), idHash: idNumberHash(idNumber) };
}

/** The ID number inside `idCipher`; throws when it was altered, moved to another owner or the key differs. */
export function openIdNumber(idCipher: string, owner: string): string {
  const [version, iv, tag, body] = idCipher.split('.');
  if (version !== VERSION || !iv || !tag || body === undefined) {
    throw new Error('openIdNumber: not a sealed ID number');
  }
  const decipher = createDecipheriv(
    'aes-256-gcm',
    keys().encryption,
    Buffer.from(iv, 'base64url'),
    {
      authTagLength: TAG_BYTES,
    },
  );
  decipher.setAAD(Buffer.from(owner, 'utf8'));
  decipher.setAuthTag(Buffer.from(tag, 'base64url'));
  return Buffer.concat([
    decipher.update(Buffer.from(body, 'base64url')),
    decipher.final(),
  ]).toString('utf8');
}
