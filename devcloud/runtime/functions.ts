// The deployed functions as devcloud sees them: the built bundles and their config.json.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseCron } from './cron';

export interface FunctionConfig {
  /** Seconds, as in CloudBase's config.json; CloudBase's default is 3. */
  timeout: number;
  openapi: string[];
  triggers: { name: string; type: string; config: string }[];
}

export interface FunctionInfo {
  name: string;
  dir: string;
  entry: string;
  config: FunctionConfig;
}

export const DEFAULT_TIMEOUT_SECONDS = 3;
export const MAX_TIMEOUT_SECONDS = 60;

export function readFunctionConfig(dir: string): FunctionConfig {
  const file = join(dir, 'config.json');
  const raw = existsSync(file)
    ? (JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>)
    : {};
  const timeout = typeof raw.timeout === 'number' ? raw.timeout : DEFAULT_TIMEOUT_SECONDS;
  if (timeout < 1 || timeout > MAX_TIMEOUT_SECONDS) {
    throw new Error(`${file}: timeout must be 1-${MAX_TIMEOUT_SECONDS} seconds, found ${timeout}`);
  }
  const permissions = (raw.permissions ?? {}) as { openapi?: unknown };
  const openapi = Array.isArray(permissions.openapi) ? permissions.openapi.map(String) : [];
  const triggers = Array.isArray(raw.triggers) ? (raw.triggers as FunctionConfig['triggers']) : [];
  if (triggers.length > 1) throw new Error(`${file}: CloudBase allows one trigger per function`);
  for (const t of triggers) {
    if (t.type !== 'timer') throw new Error(`${file}: unsupported trigger type ${t.type}`);
    parseCron(t.config);
  }
  return { timeout, openapi, triggers };
}

/** Every folder of the build output with an index.js is a function. */
export function discoverFunctions(functionsDir: string): Map<string, FunctionInfo> {
  const found = new Map<string, FunctionInfo>();
  if (!existsSync(functionsDir)) return found;
  for (const d of readdirSync(functionsDir, { withFileTypes: true })) {
    const dir = join(functionsDir, d.name);
    const entry = join(dir, 'index.js');
    if (!d.isDirectory() || !existsSync(entry)) continue;
    found.set(d.name, { name: d.name, dir, entry, config: readFunctionConfig(dir) });
  }
  return found;
}
