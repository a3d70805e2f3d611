// Copies a package.json and the installed closure of its `dependencies` into a staging folder.
//
// miniprogram-ci's npm build (packNpmManually) globs every package.json below the package.json's
// folder and reads the whole package tree (~5 s over this repository's 275 MB node_modules); in
// the staging folder it sees only the runtime packages, with the same nested layout, so it packs
// the same files in a fraction of the time. Only `dependencies` are followed, as the npm build
// does (devDependencies and peerDependencies are never packed).
import { cpSync, existsSync, mkdirSync, readFileSync, realpathSync } from 'node:fs';
import { basename, dirname, join, relative, sep } from 'node:path';

function readJson(file) {
  return JSON.parse(readFileSync(file, 'utf8'));
}

/** Node's lookup: `<dir>/node_modules/<name>`, walking up from `fromDir` but not above `root`. */
function findInstalled(name, fromDir, root) {
  let dir = fromDir;
  for (;;) {
    const candidate = join(dir, 'node_modules', name);
    if (existsSync(join(candidate, 'package.json'))) return candidate;
    if (dir === root) return null;
    const parent = dirname(dir);
    if (parent === dir || relative(root, parent).startsWith('..')) return null;
    dir = parent;
  }
}

/**
 * @param {string} packageJsonPath absolute path of the package.json whose dependencies are packed
 * @param {string} stageDir folder that receives package.json and node_modules/
 * @returns {{ dependencies: string[], copied: string[], missing: string[] }}
 *   `copied` are paths relative to the package folder (node_modules/a, node_modules/a/node_modules/b)
 */
export function stageNpmDependencies(packageJsonPath, stageDir) {
  const root = dirname(packageJsonPath);
  const pkg = readJson(packageJsonPath);
  mkdirSync(stageDir, { recursive: true });
  cpSync(packageJsonPath, join(stageDir, 'package.json'));
  const dependencies = Object.keys(pkg.dependencies ?? {});
  const copied = new Set();
  const missing = [];
  const queue = dependencies.map((name) => ({ name, fromDir: root, requiredBy: 'package.json' }));
  while (queue.length > 0) {
    const { name, fromDir, requiredBy } = queue.shift();
    const found = findInstalled(name, fromDir, root);
    if (!found) {
      missing.push(`${name} (required by ${requiredBy})`);
      continue;
    }
    const rel = relative(root, found);
    if (copied.has(rel)) continue;
    copied.add(rel);
    const source = realpathSync(found);
    cpSync(source, join(stageDir, rel), {
      recursive: true,
      dereference: true,
      // nested node_modules are copied when (and if) they are resolved as dependencies
      filter: (src) => !(basename(src) === 'node_modules' && src !== source),
    });
    const manifest = readJson(join(found, 'package.json'));
    for (const dep of Object.keys(manifest.dependencies ?? {})) {
      queue.push({ name: dep, fromDir: found, requiredBy: manifest.name ?? rel });
    }
  }
  return {
    dependencies,
    copied: [...copied].map((p) => p.split(sep).join('/')).sort(),
    missing,
  };
}
