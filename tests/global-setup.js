// Tests run the built bundles, so build first (esbuild takes well under a second).
const { execFileSync } = require('node:child_process');
const { join } = require('node:path');

module.exports = async () => {
  execFileSync(process.execPath, [join(__dirname, '..', 'scripts', 'build.mjs')], {
    stdio: 'inherit',
  });
};
