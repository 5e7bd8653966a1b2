// `npm run test:vscode`: the extension-host suite (test/vscode/suite) in VS Code desktop, through
// @vscode/test-electron. It needs to download VS Code; where that is impossible (no internet beyond
// the npm registry) it says so in one line and exits 0 — the code-server run (npm run test:e2e)
// makes the same two checks against a real VS Code there.

import { cpSync, mkdtempSync, rmSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { spawn } from 'node:child_process';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { downloadAndUnzipVSCode, runTests, ProgressReportStage } from '@vscode/test-electron';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const VERSION = process.env.PODSIGHT_VSCODE_VERSION ?? 'stable';
const PROBE_MS = Number(process.env.PODSIGHT_VSCODE_PROBE_MS ?? 20_000);

if (!existsSync(join(ROOT, 'dist', 'extension.js'))) {
  console.error('test:vscode: dist/extension.js is missing; run `npm run build` first (npm run test:vscode does).');
  process.exit(1);
}

function skip(reason) {
  console.log(`test:vscode skipped: VS Code cannot be downloaded here (${reason}); ` +
    'the code-server e2e run (npm run test:e2e) covers the same checks');
  process.exit(0);
}

// A reporter that notes when bytes start arriving (and prints one progress line per 10%, so a real
// download shows it is alive).
let downloading = false;
let lastTenth = -1;
const reporter = {
  report(r) {
    if (r.stage === ProgressReportStage.Downloading) {
      if (!downloading) console.log(`test:vscode: downloading VS Code from ${r.url}`);
      downloading = true;
      const tenth = r.totalBytes ? Math.floor((10 * r.bytesSoFar) / r.totalBytes) : 0;
      if (tenth > lastTenth) { lastTenth = tenth; console.log(`test:vscode: ${tenth * 10}%`); }
    } else if (r.stage === ProgressReportStage.FoundMatchingInstall) {
      downloading = true;
    }
  },
  error() {},
};

let vscodeExecutablePath;
try {
  // The download's own timeout is an idle timeout; the race bounds the wait for the first answer
  // (version lookup, first bytes): once bytes arrive the download may take as long as it needs.
  // A copy already in .vscode-test/ is used without the network.
  let timer;
  const attempt = downloadAndUnzipVSCode({
    version: VERSION, timeout: PROBE_MS, cachePath: join(ROOT, '.vscode-test'), reporter,
  });
  const probe = new Promise((resolveProbe, reject) => {
    timer = setTimeout(() => (downloading ? resolveProbe(attempt)
      : reject(new Error(`no answer within ${PROBE_MS / 1000} s`))), PROBE_MS);
  });
  vscodeExecutablePath = await Promise.race([attempt, probe]);
  clearTimeout(timer);
} catch (e) {
  skip(String(e?.message ?? e).split('\n')[0].slice(0, 200));
}

// VS Code desktop needs a display: on a headless Linux machine use Xvfb when it is installed.
let xvfb;
if (process.platform === 'linux' && !process.env.DISPLAY) {
  const bin = (process.env.PATH ?? '').split(':').map((d) => join(d, 'Xvfb')).find((p) => existsSync(p));
  if (bin) {
    const display = `:${90 + (process.pid % 9)}`;
    xvfb = spawn(bin, [display, '-screen', '0', '1280x1024x24', '-nolisten', 'tcp'], { stdio: 'ignore' });
    process.env.DISPLAY = display;
  } else {
    console.log('test:vscode: no DISPLAY and no Xvfb (apt-get install -y xvfb); VS Code may fail to start');
  }
}

const workspace = mkdtempSync(join(tmpdir(), 'podsight-vscode-'));
cpSync(join(ROOT, 'examples'), join(workspace, 'examples'), { recursive: true });
let code = 1;
try {
  code = await runTests({
    vscodeExecutablePath,
    extensionDevelopmentPath: ROOT,
    extensionTestsPath: join(ROOT, 'test', 'vscode', 'suite', 'index.js'),
    extensionTestsEnv: { PODSIGHT_TEST_WORKSPACE: join(workspace, 'examples') },
    launchArgs: [
      join(workspace, 'examples'),
      '--disable-extensions', '--disable-workspace-trust', '--skip-welcome', '--skip-release-notes',
      '--disable-gpu', '--no-sandbox',
      `--user-data-dir=${join(workspace, 'user-data')}`,
    ],
  });
} catch (e) {
  console.error(`test:vscode failed: ${e?.message ?? e}`);
  code = 1;
} finally {
  rmSync(workspace, { recursive: true, force: true });
  xvfb?.kill();
}
process.exit(code);
