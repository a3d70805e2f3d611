// The platform's state: one SQLite file (`<dir>/platform.sqlite`, WAL) for subscription quotas, sent
// messages, phone-number codes and stored files' metadata, and a folder of file bytes
// (`<dir>/files/`). With dir ':memory:' both live in memory (tests).

import Database from 'better-sqlite3';
import { createHash, randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export const MEMORY = ':memory:';
export const PLATFORM_DB_FILE = 'platform.sqlite';

const SCHEMA_VERSION = 1;

const SCHEMA = `
CREATE TABLE IF NOT EXISTS subscription_quota (
  openid TEXT NOT NULL,
  template_id TEXT NOT NULL,
  remaining INTEGER NOT NULL,
  updated_at INTEGER NOT NULL,
  PRIMARY KEY (openid, template_id)
) WITHOUT ROWID;

CREATE TABLE IF NOT EXISTS subscription_decision (
  id INTEGER PRIMARY KEY,
  openid TEXT NOT NULL,
  template_id TEXT NOT NULL,
  result TEXT NOT NULL,
  at INTEGER NOT NULL
);

CREATE TABLE IF NOT EXISTS sent_message (
  id INTEGER PRIMARY KEY,
  touser TEXT NOT NULL,
  template_id TEXT NOT NULL,
  template_key TEXT,
  page TEXT,
  data TEXT NOT NULL,
  miniprogram_state TEXT,
  lang TEXT,
  fn TEXT NOT NULL,
  sent_at INTEGER NOT NULL
);
CREATE INDEX IF NOT EXISTS sent_message_touser ON sent_message (touser, id);

CREATE TABLE IF NOT EXISTS phone_code (
  code TEXT PRIMARY KEY,
  openid TEXT NOT NULL,
  phone TEXT NOT NULL,
  country_code TEXT NOT NULL,
  issued_at INTEGER NOT NULL,
  used_at INTEGER
) WITHOUT ROWID;

CREATE TABLE IF NOT EXISTS stored_file (
  file_id TEXT PRIMARY KEY,
  cloud_path TEXT NOT NULL,
  blob TEXT NOT NULL,
  size INTEGER NOT NULL,
  openid TEXT,
  fn TEXT NOT NULL,
  uploaded_at INTEGER NOT NULL
) WITHOUT ROWID;

CREATE TABLE IF NOT EXISTS temp_url (
  token TEXT PRIMARY KEY,
  file_id TEXT NOT NULL,
  expires_at INTEGER NOT NULL
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS temp_url_expiry ON temp_url (expires_at);
`;

export function openPlatformDb(dir: string): Database.Database {
  const memory = dir === MEMORY;
  if (!memory) mkdirSync(dir, { recursive: true });
  const db = new Database(memory ? MEMORY : join(dir, PLATFORM_DB_FILE));
  if (!memory) {
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = FULL');
  }
  db.pragma('busy_timeout = 5000');
  const version = db.pragma('user_version', { simple: true }) as number;
  if (version > SCHEMA_VERSION) {
    throw new Error(
      `devcloud platform: ${dir} has schema ${version}, newer than this code (${SCHEMA_VERSION})`,
    );
  }
  db.exec(SCHEMA);
  db.pragma(`user_version = ${SCHEMA_VERSION}`);
  return db;
}

/** Where file bytes live: a folder, or memory. */
export interface BlobStore {
  /** Stores bytes and answers the blob name to keep in the metadata. */
  put(key: string, bytes: Uint8Array): string;
  get(blob: string): Uint8Array | null;
  delete(blob: string): void;
}

export function openBlobStore(dir: string): BlobStore {
  if (dir === MEMORY) {
    const blobs = new Map<string, Uint8Array>();
    return {
      put(key, bytes) {
        const blob = blobName(key);
        blobs.set(blob, Uint8Array.from(bytes));
        return blob;
      },
      get: (blob) => blobs.get(blob) ?? null,
      delete: (blob) => void blobs.delete(blob),
    };
  }
  const filesDir = join(dir, 'files');
  mkdirSync(filesDir, { recursive: true });
  return {
    put(key, bytes) {
      const blob = blobName(key);
      const tmp = join(filesDir, `.${blob}.${randomBytes(4).toString('hex')}.tmp`);
      writeFileSync(tmp, bytes);
      renameSync(tmp, join(filesDir, blob));
      return blob;
    },
    get(blob) {
      try {
        return readFileSync(join(filesDir, blob));
      } catch (e) {
        if ((e as NodeJS.ErrnoException).code === 'ENOENT') return null;
        throw e;
      }
    },
    delete(blob) {
      rmSync(join(filesDir, blob), { force: true });
    },
  };
}

/** A file-system-safe name for a file id. */
function blobName(key: string): string {
  return createHash('sha256').update(key).digest('hex');
}
