/**
 * `podsight`: the engine on the command line, for CI. Reads files, directories and stdin;
 * never writes anything but its report to stdout (and one-line errors to stderr).
 */
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join, relative, isAbsolute } from 'node:path';
import { pathToFileURL } from 'node:url';
import { PodsightService, normalizeSettings, DEFAULT_SETTINGS, type PodsightSettings } from './service';
import { parseArgs, USAGE, type CheckArgs } from './cli/args';
import { toJson, toSarif, toText, type FileResult } from './cli/output';
import { runSchedule } from './cli/schedule';

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

function check(args: CheckArgs): number {
  const settings = loadConfig(args.config);
  const files: string[] = [];
  for (const p of args.paths) {
    if (p === '-') files.push('-');
    else collect(p, files);
  }
  const service = new PodsightService({ rulesDocUrl: RULES_DOC_URL });
  const results: FileResult[] = [];
  let errors = 0;
  for (const f of files) {
    const text = readText(f);
    const uri = f === '-' ? 'stdin:' : pathToFileURL(f).href;
    const parsed = service.parse(uri, 0, text, undefined, settings);
    const diagnostics = service.validate(parsed, settings);
    for (const d of diagnostics) if (d.severity === 1) errors++;
    results.push({ file: displayName(f), diagnostics });
  }
  const report = args.format === 'json' ? toJson(results) : args.format === 'sarif' ? toSarif(results, VERSION, RULES_DOC_URL) : toText(results);
  process.stdout.write(`${report}\n`);
  return errors > 0 ? 1 : 0;
}

function main(argv: string[]): number {
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
      return runSchedule(args, { collect, readText, write: (t) => process.stdout.write(t), error: (t) => process.stderr.write(`${t}\n`) });
  }
}

try {
  process.exitCode = main(process.argv.slice(2));
} catch (err) {
  // Bad input is answered in one line; an internal failure too, without a stack trace.
  const msg = err instanceof UsageError ? err.message : `internal error: ${err instanceof Error ? err.message : String(err)}`;
  process.stderr.write(`podsight: ${msg}\n`);
  process.exitCode = 2;
}
