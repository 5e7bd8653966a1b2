// `npm start`: try Podsight in a real VS Code without installing anything by hand.
//
// Installs what is missing (node_modules, code-server with its Node 24 into .cache/), packages the
// extension, installs the .vsix into .cache/start/extensions and serves code-server on examples/
// at http://127.0.0.1:3000 until Ctrl-C.
//
//   npm start                      # http://127.0.0.1:3000
//   npm start -- --port 8080       # or PORT=8080 npm start
//   npm start -- --desktop         # VS Code desktop (`code` on PATH) with the extension under development

import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync, mkdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);

function option(name) {
  const i = args.indexOf(name);
  if (i >= 0) return args[i + 1];
  const eq = args.find((a) => a.startsWith(`${name}=`));
  return eq?.slice(name.length + 1);
}

if (args.includes('--help') || args.includes('-h')) {
  console.log('usage: npm start [-- --port N] [-- --desktop]\n' +
    '  serves code-server with Podsight on examples/ at http://127.0.0.1:3000 (PORT or --port to change);\n' +
    '  --desktop opens VS Code desktop (`code` on PATH) with the extension under development instead.');
  process.exit(0);
}

const port = Number(option('--port') ?? process.env.PORT ?? 3000);
if (!Number.isInteger(port) || port <= 0 || port > 65535) {
  console.error(`start: not a port: ${option('--port') ?? process.env.PORT}`);
  process.exit(2);
}

function sh(cmd, cmdArgs, what) {
  console.log(`start: ${what} ...`);
  const r = spawnSync(cmd, cmdArgs, { cwd: ROOT, stdio: 'inherit' });
  if (r.status !== 0) {
    console.error(`start: ${what} failed (${r.error?.message ?? `exit ${r.status}`})`);
    process.exit(r.status || 1);
  }
}

function onPath(cmd) {
  return (process.env.PATH ?? '').split(':').some((d) => d && existsSync(join(d, cmd)));
}

if (!existsSync(join(ROOT, 'node_modules', '.package-lock.json')) && !existsSync(join(ROOT, 'node_modules', 'typescript'))) {
  sh('npm', ['ci'], 'installing dependencies (npm ci)');
}

if (args.includes('--desktop')) {
  if (onPath('code')) {
    sh('npm', ['run', 'build'], 'building');
    const child = spawn('code', [`--extensionDevelopmentPath=${ROOT}`, join(ROOT, 'examples')], { stdio: 'inherit' });
    child.on('exit', (code) => process.exit(code ?? 0));
    process.on('SIGINT', () => child.kill('SIGINT'));
    // `code` returns once the window is open; nothing more to do here.
  } else {
    console.error('start: --desktop needs VS Code\'s `code` command on PATH; serving code-server instead.');
  }
}

if (!args.includes('--desktop') || !onPath('code')) {
  const { ensureCodeServer, installExtension, startCodeServer } = await import('./code-server.mjs');
  await ensureCodeServer();
  sh('npm', ['run', 'package'], 'packaging the extension (npm run package)');
  const { version } = JSON.parse(await (await import('node:fs/promises')).readFile(join(ROOT, 'package.json'), 'utf8'));
  let vsix = join(ROOT, `podsight-${version}.vsix`);
  if (!existsSync(vsix)) {
    vsix = readdirSync(ROOT).filter((n) => /^podsight-.*\.vsix$/.test(n)).map((n) => join(ROOT, n))
      .sort((a, b) => statSync(b).mtimeMs - statSync(a).mtimeMs)[0];
  }
  if (!vsix) { console.error('start: npm run package made no .vsix'); process.exit(1); }

  const base = join(ROOT, '.cache', 'start');
  const extensionsDir = join(base, 'extensions');
  const userDataDir = join(base, 'user-data');
  mkdirSync(base, { recursive: true });
  console.log(`start: installing ${vsix.slice(ROOT.length + 1)} into .cache/start/extensions ...`);
  console.log(`start: ${await installExtension(vsix, extensionsDir, userDataDir)}`);

  let server;
  try {
    server = await startCodeServer({
      port, folder: join(ROOT, 'examples'), extensionsDir, userDataDir,
      logFile: join(base, 'code-server.log'),
      settings: {},
    });
  } catch (e) {
    console.error(`start: ${e.message}`);
    if (/EADDRINUSE|address already in use/i.test(e.message)) console.error(`start: port ${port} is taken; try --port N`);
    process.exit(1);
  }
  console.log(`\nPodsight in code-server: ${server.url}/\n  workspace: examples/ (edits there change the repo's examples)\n` +
    `  log: .cache/start/code-server.log\n  Ctrl-C to stop.\n`);
  let stopping = false;
  const stop = async () => {
    if (stopping) return;
    stopping = true;
    console.log('\nstart: stopping code-server ...');
    await server.stop();
    process.exit(0);
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
  server.exited.then((e) => {
    if (stopping) return;
    console.error(`start: code-server exited (${e.signal ?? `exit ${e.code}`}); see .cache/start/code-server.log`);
    process.exit(1);
  });
}
