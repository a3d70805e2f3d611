// npm run bench: every benchmark, printing its figures. Speed targets are checked here, never in tests.
import { benchDb } from './db.mjs';
import { benchPetition } from './petition.mjs';
import { benchPublish } from './publish.mjs';
import { benchLaws } from './laws.mjs';
import { benchRedaction } from './redaction.mjs';

const log = (line) => console.log(line);
const started = Date.now();
log(`# 12309 WeChat benchmarks (${new Date().toISOString()}, node ${process.version})`);
await benchDb({ log });
await benchPetition({ log });
await benchRedaction({ log });
await benchPublish({ log });
await benchLaws({ log });
log(`# done in ${((Date.now() - started) / 1000).toFixed(1)} s`);
