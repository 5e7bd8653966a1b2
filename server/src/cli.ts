/**
 * `podsight`: the engine on the command line, for CI. Reads files, directories and stdin;
 * never writes anything but its report to stdout (and one-line errors to stderr).
 */
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join, relative, isAbsolute } from 'node:path';
import { pathToFileURL } from 'node:url';
import { normalizeSettings, DEFAULT_SETTINGS, type PodsightSettings } from './service';
import { parseArgs, USAGE, type CheckArgs } from './cli/args';
import { toJson, toSarif, toText, type FileResult } from './cli/output';
import { runSchedule, ScheduleError } from './cli/schedule';
import { defaultJobs, isCheckWorker, serveCheckWorker, validateFiles } from './cli/parallel';

const VERSION: string = require('../../package.json').version;
// The rule documentation ships beside the bundle (docs/rules.md in the package).
const RULES_DOC_URL = pathToFileURL(join(__dirname, '..', 'docs', 'rules.md')).href;

class UsageError extends Error {}

const SKIP_DIRS = new Set(['node_modules', '.git']);

function collect(path: string, out: string[]): void {
  let st;
  try {
    st = statSync(path);
  } catch (err) {
    throw new UsageError(`cannot read ${path}: ${(err as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file or directory' : (err as Error).message}`);
  }
  if (st.isDirectory()) {
    let names: string[];
    try {
      names = readdirSync(path).sort();
    } catch (err) {
      throw new UsageError(`cannot read directory ${path}: ${(err as Error).message}`);
    }
    for (const name of names) {
      if (SKIP_DIRS.has(name)) continue;
      const p = join(path, name);
      let s;
      try {
        s = statSync(p);
      } catch {
        continue; // a dangling link inside a tree is not the user's input
      }
      if (s.isDirectory()) collect(p, out);
      else if (/\.ya?ml$/i.test(name)) out.push(p);
    }
  } else out.push(path);
}

const decoder = new TextDecoder('utf-8', { fatal: false });

function readText(path: string): string {
  try {
    return decoder.decode(path === '-' ? readFileSync(0) : readFileSync(path));
  } catch (err) {
    throw new UsageError(`cannot read ${path === '-' ? 'stdin' : path}: ${(err as Error).message}`);
  }
}

function loadConfig(path: string | undefined): PodsightSettings {
  if (!path) return DEFAULT_SETTINGS;
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(path, 'utf8'));
  } catch (err) {
    throw new UsageError(`cannot use --config ${path}: ${err instanceof SyntaxError ? 'not valid JSON' : (err as Error).message}`);
  }
  // Accept both {"rules": …} and the VS Code settings shape {"podsight.rules": …}.
  const obj = (raw ?? {}) as Record<string, unknown>;
  const shaped = 'podsight.rules' in obj ? { rules: obj['podsight.rules'] } : obj;
  const { settings, problems } = normalizeSettings(shaped);
  if (problems.length) throw new UsageError(`--config ${path}: ${problems[0]}`);
  return settings;
}

function displayName(path: string): string {
  if (path === '-') return '<stdin>';
  return isAbsolute(path) ? relative(process.cwd(), path) || path : path;
}

// Control characters read from a file (ESC sequences, CR, NUL …) quoted in messages or file
// names must not reach a terminal raw; the text report shows them escaped, one line each.
const CONTROL = /[\x00-\x08\x0a-\x1f\x7f-\x9f]/;
const escapeControls = (s: string): string => s.replace(/[\x00-\x08\x0a-\x1f\x7f-\x9f]/g, (c) => `\\x${c.charCodeAt(0).toString(16).padStart(2, '0')}`);

function forTerminal(r: FileResult): FileResult {
  return { file: escapeControls(r.file), diagnostics: r.diagnostics.map((d) => (typeof d.message === 'string' && CONTROL.test(d.message) ? { ...d, message: escapeControls(d.message) } : d)) };
}

async function check(args: CheckArgs): Promise<number> {
  const settings = loadConfig(args.config);
  const files: string[] = [];
  for (const p of args.paths) {
    if (p === '-') files.push('-');
    else collect(p, files);
  }
  const sources = files.map((f) => ({ uri: f === '-' ? 'stdin:' : pathToFileURL(f).href, text: readText(f) }));
  const perFile = await validateFiles(sources, settings, RULES_DOC_URL, args.jobs ?? defaultJobs());
  let errors = 0;
  const results: FileResult[] = files.map((f, i) => {
    for (const d of perFile[i]) if (d.severity === 1) errors++;
    return { file: displayName(f), diagnostics: perFile[i] };
  });
  const report = args.format === 'json' ? toJson(results) : args.format === 'sarif' ? toSarif(results, VERSION, RULES_DOC_URL) : toText(results.map(forTerminal));
  process.stdout.write(`${report}\n`);
  return errors > 0 ? 1 : 0;
}

function main(argv: string[]): number | Promise<number> {
  const args = parseArgs(argv);
  switch (args.command) {
    case 'help':
      process.stdout.write(`${USAGE}\n`);
      return 0;
    case 'version':
      process.stdout.write(`${VERSION}\n`);
      return 0;
    case 'error':
      process.stderr.write(`podsight: ${args.message}\n`);
      return 2;
    case 'check':
      return check(args);
    case 'schedule':
      return runSchedule(args, {
        collect,
        readText,
        out: process.stdout,
        error: (t) => process.stderr.write(`${t}\n`),
        progress: args.progress && process.stderr.isTTY ? process.stderr : undefined,
      });
  }
}

// Bad input is answered in one line; an internal failure too, without a stack trace.
function fail(err: unknown): void {
  const msg = err instanceof UsageError || err instanceof ScheduleError ? err.message : `internal error: ${err instanceof Error ? err.message : String(err)}`;
  process.stderr.write(`podsight: ${msg}\n`);
  process.exitCode = 2;
}

if (isCheckWorker()) serveCheckWorker();
else {
  try {
    void Promise.resolve(main(process.argv.slice(2))).then((code) => {
      process.exitCode = code;
    }, fail);
  } catch (err) {
    fail(err);
  }
}
