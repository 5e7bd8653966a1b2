/**
 * The layers of ARCHITECTURE.md, checked on every import of the source tree:
 * - the engine (server/src/service/**) imports its own modules, `yaml` and the LSP *types* only:
 *   no node:* or other built-in module, no vscode, no LSP connection, and none of Node's own
 *   globals (Buffer, process, require): it runs in a browser as it does in Node;
 * - the hosts (server.ts, lsp/, cli.ts, cli/) reach the engine through its façade
 *   (service/index.ts) only;
 * - the input layer (io/) imports nothing of the engine or the hosts;
 * - the client (client/**) imports nothing of the server but the protocol file, and the
 *   protocol file nothing but the engine's one pure escaper;
 * - no folder of the engine imports one that imports it back (validate ⇄ rules and the like).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { dirname, join, resolve, sep } from 'node:path';

const ROOT = join(__dirname, '..', '..');

interface SourceFile {
  /** Path relative to the repository, with forward slashes. */
  path: string;
  text: string;
}

interface Import {
  from: string;
  specifier: string;
  /** `import type …`, `export type …` or `import('…')` in a type: nothing of it runs. */
  typeOnly: boolean;
  /** Repository-relative target for relative specifiers (without extension resolution). */
  target?: string;
}

const IMPORT = /(?:^|[\n;])\s*(?:import|export)\s[^'"`]*?from\s*['"]([^'"]+)['"]|(?:^|[\n;])\s*import\s*['"]([^'"]+)['"]|\bimport\(\s*['"]([^'"]+)['"]\s*\)|\brequire\(\s*['"]([^'"]+)['"]\s*\)/g;

export function importsOf(file: SourceFile, exists: (p: string) => boolean): Import[] {
  const out: Import[] = [];
  // Comments may quote imports (`from '...'` in prose): they are not code.
  for (const m of codeOf(file.text).matchAll(IMPORT)) {
    const specifier = m[1] ?? m[2] ?? m[3] ?? m[4];
    const imp: Import = { from: file.path, specifier, typeOnly: /^[\s;]*(import|export)\s+type\b/.test(m[0]) || m[3] !== undefined };
    if (specifier.startsWith('.')) imp.target = resolveModule(join(dirname(file.path), specifier), exists);
    out.push(imp);
  }
  return out;
}

/** Source without its comments: prose may quote imports (`from '...'`) and globals. */
function codeOf(text: string): string {
  return text.replace(/\/\*[\s\S]*?\*\//g, '').replace(/(^|[^:'"`])\/\/[^\n]*/g, '$1');
}

/** Node's own globals, as code uses them (a member access or a call). */
const NODE_GLOBALS = /(?<![\w.$])(Buffer|process|require|__dirname|__filename)(?=\s*[.(])/g;

function resolveModule(p: string, exists: (p: string) => boolean): string {
  const base = p.split(sep).join('/');
  for (const c of [`${base}.ts`, `${base}/index.ts`, base]) if (exists(c)) return c;
  return base;
}

const ENGINE = 'server/src/service/';
const ENGINE_PACKAGES = new Set(['yaml', 'vscode-languageserver-types', 'vscode-languageserver-textdocument']);
const BUILTINS = new Set(builtinModules);
const HOSTS = [/^server\/src\/server\.ts$/, /^server\/src\/lsp\//, /^server\/src\/cli\.ts$/, /^server\/src\/cli\//];

/** Every import that breaks a layer rule, as `file: specifier — why`. */
export function violations(files: SourceFile[], exists: (p: string) => boolean): string[] {
  const out: string[] = [];
  const folderEdges = new Map<string, Set<string>>();
  for (const f of files) {
    for (const imp of importsOf(f, exists)) {
      const bad = (why: string) => out.push(`${f.path}: ${imp.specifier} — ${why}`);
      const t = imp.target;
      if (f.path.startsWith(ENGINE)) {
        if (!t) {
          if (imp.specifier.startsWith('node:') || BUILTINS.has(imp.specifier)) bad('the engine does no I/O');
          else if (!ENGINE_PACKAGES.has(imp.specifier)) bad('the engine imports only yaml and the LSP types');
        } else if (!t.startsWith(ENGINE)) bad('the engine imports only its own modules');
        else {
          const a = f.path.slice(ENGINE.length).split('/');
          const b = t.slice(ENGINE.length).split('/');
          if (a.length > 1 && b.length > 1 && a[0] !== b[0]) {
            let set = folderEdges.get(a[0]);
            if (!set) folderEdges.set(a[0], (set = new Set()));
            set.add(b[0]);
          }
        }
      } else if (HOSTS.some((r) => r.test(f.path))) {
        if (t?.startsWith(ENGINE) && t !== `${ENGINE}index.ts`) bad('the hosts use the engine through its façade (service/index.ts)');
      } else if (f.path.startsWith('server/src/io/')) {
        if (t && !t.startsWith('server/src/io/')) bad('the input layer stands alone');
      } else if (f.path === 'server/src/protocol.ts') {
        if (t && t !== `${ENGINE}util/escape.ts` && !(t === `${ENGINE}index.ts` && imp.typeOnly)) bad('the protocol file shares only the escaper, and types of the façade');
      } else if (f.path.startsWith('client/')) {
        if (t?.startsWith('server/') && t !== 'server/src/protocol.ts') bad('the client talks to the server through the protocol file only');
      }
    }
  }
  for (const f of files) {
    if (!f.path.startsWith(ENGINE)) continue;
    for (const m of codeOf(f.text).matchAll(NODE_GLOBALS)) out.push(`${f.path}: ${m[1]} — the engine uses no global of Node`);
  }
  for (const [a, targets] of folderEdges) {
    for (const b of targets) if (a < b && folderEdges.get(b)?.has(a)) out.push(`server/src/service/${a}/ ⇄ server/src/service/${b}/ — folders of the engine import each other`);
  }
  return out.sort();
}

function sources(dir: string, out: SourceFile[] = []): SourceFile[] {
  for (const name of readdirSync(join(ROOT, dir)).sort()) {
    const rel = `${dir}/${name}`;
    if (name === 'generated' || name === 'node_modules') continue;
    if (statSync(join(ROOT, rel)).isDirectory()) sources(rel, out);
    else if (name.endsWith('.ts') && !name.endsWith('.d.ts')) out.push({ path: rel, text: readFileSync(join(ROOT, rel), 'utf8') });
  }
  return out;
}

const onDisk = (p: string): boolean => {
  try {
    return statSync(resolve(ROOT, p)).isFile();
  } catch {
    return false;
  }
};

test('every import of the source tree keeps to its layer', () => {
  const files = [...sources('server/src'), ...sources('client')];
  assert.ok(files.length > 200, `read ${files.length} files`);
  assert.deepEqual(violations(files, onDisk), []);
});

test('the check sees each kind of crossing (it would fail on them)', () => {
  const known = new Set(['server/src/service/index.ts', 'server/src/service/parse/tree.ts', 'server/src/service/rules/a.ts', 'server/src/service/validate/b.ts', 'server/src/service/util/escape.ts', 'server/src/protocol.ts', 'server/src/lsp/x.ts']);
  const exists = (p: string) => known.has(p);
  const files: SourceFile[] = [
    { path: 'server/src/service/parse/tree.ts', text: "import { readFileSync } from 'node:fs';\nimport * as vscode from 'vscode';\nimport { x } from '../../lsp/x';\n// import { y } from 'fs'; (prose)\n" },
    { path: 'server/src/service/rules/a.ts', text: "import { b } from '../validate/b';\nconst n = Buffer.byteLength(s); // Buffer.from in prose\n" },
    { path: 'server/src/service/validate/b.ts', text: "export { a } from '../rules/a';\n" },
    { path: 'server/src/lsp/x.ts', text: "import { entry } from '../service/parse/tree';\nimport { PodsightService } from '../service';\n" },
    { path: 'server/src/io/w.ts', text: "import { escapeText } from '../service/util/escape';\n" },
    { path: 'client/src/y.ts', text: "import { PodsightService } from '../../server/src/service';\nimport { escapeText } from '../../server/src/protocol';\n" },
  ];
  assert.deepEqual(violations(files, exists), [
    "client/src/y.ts: ../../server/src/service — the client talks to the server through the protocol file only",
    'server/src/io/w.ts: ../service/util/escape — the input layer stands alone',
    'server/src/lsp/x.ts: ../service/parse/tree — the hosts use the engine through its façade (service/index.ts)',
    'server/src/service/parse/tree.ts: ../../lsp/x — the engine imports only its own modules',
    'server/src/service/parse/tree.ts: node:fs — the engine does no I/O',
    'server/src/service/parse/tree.ts: vscode — the engine imports only yaml and the LSP types',
    'server/src/service/rules/ ⇄ server/src/service/validate/ — folders of the engine import each other',
    'server/src/service/rules/a.ts: Buffer — the engine uses no global of Node',
  ]);
});
