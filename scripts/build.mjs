// Bundles the extension client, the language server and the CLI with esbuild.
import { build } from 'esbuild';
import { chmodSync, copyFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const production = process.argv.includes('--production') || process.env.NODE_ENV === 'production';

const common = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  sourcemap: production ? false : 'linked',
  minify: production,
  legalComments: 'none',
  logLevel: 'warning',
  absWorkingDir: root,
};

await Promise.all([
  build({ ...common, entryPoints: ['client/src/extension.ts'], outfile: 'dist/extension.js', external: ['vscode'] }),
  build({ ...common, entryPoints: ['server/src/server.ts'], outfile: 'dist/server.js', banner: { js: '#!/usr/bin/env node' } }),
  build({ ...common, entryPoints: ['server/src/cli.ts'], outfile: 'dist/cli.js', banner: { js: '#!/usr/bin/env node' } }),
  // The scheduling preview's webview: a browser program (no vscode, no node), and its stylesheet,
  // alone in dist/webview/ (the panel's only localResourceRoot).
  build({ ...common, platform: 'browser', target: 'chrome120', format: 'iife', entryPoints: ['client/webview/main.ts'], outfile: 'dist/webview/webview.js' }),
  build({ ...common, platform: 'browser', entryPoints: ['client/webview/webview.css'], outfile: 'dist/webview/webview.css', format: undefined, target: undefined }),
]);
for (const f of ['dist/server.js', 'dist/cli.js']) chmodSync(join(root, f), 0o755);
// The configuration file's JSON Schema, as the engine enforces it, for the editor
// (contributes.yamlValidation / jsonValidation).
copyFileSync(join(root, 'server/src/service/config/podsight.schema.json'), join(root, 'dist/podsight.schema.json'));
console.log(`build: dist/extension.js, dist/server.js, dist/cli.js, dist/podsight.schema.json, dist/webview/webview.{js,css}${production ? ' (production)' : ''}`);
