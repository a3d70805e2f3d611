// devcloud hooks below wx-server-sdk's public API; if an SDK upgrade moves the hook points, these
// fail first and say so, instead of every other test failing obscurely (or calling the network).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  EXPECTED_WX_SERVER_SDK_VERSION,
  installDatabaseHook,
  uninstallDatabaseHook,
} from '../../devcloud/hooks/database';
import { openFixture } from './db/helpers';

const root = join(__dirname, '..', '..');

test('When the project is installed, then wx-server-sdk is pinned exactly to the version the hooks were written for', () => {
  const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
  expect(pkg.devDependencies['wx-server-sdk']).toBe(EXPECTED_WX_SERVER_SDK_VERSION);
  const installed = JSON.parse(
    readFileSync(join(root, 'node_modules', 'wx-server-sdk', 'package.json'), 'utf8'),
  );
  expect(installed.version).toBe(EXPECTED_WX_SERVER_SDK_VERSION);
});

test('When the real SDK reads, writes and counts, then every request reaches the hook (none goes to the network)', async () => {
  const f = openFixture({ collections: [{ name: 'probe' }] });
  try {
    await f.db.collection('probe').add({ data: { n: 1 } });
    await f.db.collection('probe').where({ n: 1 }).get();
    await f.db.collection('probe').count();
    expect(f.requests.map((r) => r.api)).toEqual([
      'database.insertDocument',
      'database.getDocument',
      'database.calculateDocument',
    ]);
  } finally {
    f.close();
  }
});

test('When the hook is uninstalled and installed again, then it still routes requests', async () => {
  uninstallDatabaseHook();
  const seen: string[] = [];
  installDatabaseHook(async (api) => {
    seen.push(api);
    return { data: { list: [] }, requestId: 'r' };
  });
  const cloud = require('wx-server-sdk');
  cloud.init({ env: 'test' });
  await cloud.database().collection('anything').where({ a: 1 }).get();
  expect(seen).toEqual(['database.getDocument']);
  uninstallDatabaseHook();
});
