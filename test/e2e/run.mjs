// `npm run test:e2e` (after `npm run package`): Podsight's .vsix installed into a real VS Code —
// code-server, from npm, running on Node 24 from npm — driven by Playwright in Debian's Chromium.
//
// This file prepares (installs code-server into .cache/ the first time, finds the .vsix, checks
// Chromium), then runs the checks in podsight.e2e.mjs with node's test runner, whose summary ends
// the output. Screenshots and, on failure, logs go to test-results/.

import { existsSync, readdirSync, statSync, mkdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { spawnSync } from 'node:child_process';
import { ensureCodeServer } from '../../scripts/code-server.mjs';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const CHROMIUM = process.env.PODSIGHT_CHROMIUM ?? '/usr/bin/chromium';

function newestVsix() {
  const found = readdirSync(ROOT)
    .filter((n) => /^podsight-.*\.vsix$/.test(n))
    .map((n) => ({ p: join(ROOT, n), t: statSync(join(ROOT, n)).mtimeMs }))
    .sort((a, b) => b.t - a.t);
  return found[0]?.p;
}

const t0 = Date.now();
const vsix = process.env.PODSIGHT_E2E_VSIX ? resolve(process.env.PODSIGHT_E2E_VSIX) : newestVsix();
if (!vsix || !existsSync(vsix)) {
  console.error('test:e2e: no podsight-*.vsix at the repo root; run `npm run package` first (npm run test:e2e does).');
  process.exit(1);
}
if (!existsSync(CHROMIUM)) {
  console.error(`test:e2e: ${CHROMIUM} is missing; install it with: apt-get install -y chromium`);
  process.exit(1);
}

console.log(`test:e2e: ensuring code-server (cache: .cache/code-server) ...`);
const cs = await ensureCodeServer();
console.log(`test:e2e: code-server ${cs.version} ready after ${((Date.now() - t0) / 1000).toFixed(1)} s; vsix: ${vsix}`);

mkdirSync(join(ROOT, 'test-results'), { recursive: true });
const r = spawnSync(process.execPath, [
  '--test', '--test-reporter=spec',
  join(ROOT, 'test', 'e2e', 'podsight.e2e.mjs'),
], {
  stdio: 'inherit', cwd: ROOT,
  env: { ...process.env, PODSIGHT_E2E_VSIX: vsix, PODSIGHT_CHROMIUM: CHROMIUM },
});
process.exit(r.status ?? 1);
