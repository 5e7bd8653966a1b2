/**
 * `podsight`: the engine on the command line, for CI. Reads files, directories and stdin;
 * never writes anything but its report to stdout (and one-line errors to stderr).
 */
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { normalizeSettings, DEFAULT_SETTINGS, type PodsightSettings } from './service';
import { parseArgs, USAGE, type CheckArgs } from './cli/args';
import { byPosition, toJson, toSarif, toText, type FileResult } from './cli/output';
import { runSchedule, ScheduleError } from './cli/schedule';
import { defaultJobs, isCheckWorker, serveCheckWorker, validateFiles } from './cli/parallel';
import { displayName, InputError, loadInputs } from './cli/inputs';
import { escapeText, needsEscape } from './service';
import { readTextFile } from './io/read';

const VERSION: string = require('../../package.json').version;
// The rule documentation ships beside the bundle (docs/rules.md in the package).
const RULES_DOC_URL = pathToFileURL(join(__dirname, '..', 'docs', 'rules.md')).href;

class UsageError extends Error {}

/** A settings file is small; anything larger is not one. */
const MAX_CONFIG_BYTES = 1024 * 1024;

async function loadConfig(path: string | undefined): Promise<PodsightSettings> {
  if (!path) return DEFAULT_SETTINGS;
  const read = await readTextFile(path, { maxBytes: MAX_CONFIG_BYTES });
  if (!read.ok) throw new UsageError(`cannot use --config ${path}: ${read.message}`);
  let raw: unknown;
  try {
    raw = JSON.parse(read.text);
  } catch {
    throw new UsageError(`cannot use --config ${path}: not valid JSON`);
  }
  // Accept both {"rules": …, "workspace": {…}} and the VS Code settings shape
  // {"podsight.rules": …, "podsight.workspace.isWholeCluster": …}.
  const obj = raw !== null && typeof raw === 'object' && !Array.isArray(raw) ? (raw as Record<string, unknown>) : {};
  const shaped: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(obj)) shaped[k.startsWith('podsight.') ? k.slice('podsight.'.length) : k] = v;
  const { settings, problems } = normalizeSettings(shaped);
  if (problems.length) throw new UsageError(`--config ${path}: ${problems[0]}`);
  return settings;
}

// File names and messages quote bytes from the repository (ESC sequences, CR, bidi controls …):
// the text report shows them escaped, one line each. JSON and SARIF keep them raw.
function forTerminal(r: FileResult): FileResult {
  return { file: escapeText(r.file), diagnostics: r.diagnostics.map((d) => (typeof d.message === 'string' && needsEscape(d.message) ? { ...d, message: escapeText(d.message) } : d)) };
}

const note = (line: string): void => void process.stderr.write(`${line}\n`);

async function check(args: CheckArgs): Promise<number> {
  const configured = await loadConfig(args.config);
  const maxBytes = args.maxFileSize ?? configured.maxFileSize;
  // What is read is within the byte limit, so within the engine's character limit too.
  const settings: PodsightSettings = {
    ...configured,
    maxFileSize: Math.max(configured.maxFileSize, maxBytes),
    workspace: { ...configured.workspace, isWholeCluster: args.wholeCluster === true || configured.workspace.isWholeCluster },
  };
  const inputs = await loadInputs(args.paths, maxBytes, note);
  const sources = inputs.map((f) => ({ uri: f.path === '-' ? 'stdin:' : pathToFileURL(f.path).href, text: f.text }));
  const perFile = await validateFiles(sources, settings, RULES_DOC_URL, args.jobs ?? defaultJobs());
  let errors = 0;
  const results: FileResult[] = inputs.map((f, i) => {
    for (const d of perFile[i]) if (d.severity === 1) errors++;
    return { file: displayName(f.path), diagnostics: byPosition(perFile[i]) };
  });
  // Related locations (the declarations references point at) name files as the PATHs were given.
  const names = new Map(sources.map((s, i) => [s.uri, results[i].file]));
  const fileOf = (uri: string): string => names.get(uri) ?? uri;
  const report = args.format === 'json' ? toJson(results, fileOf) : args.format === 'sarif' ? toSarif(results, VERSION, RULES_DOC_URL, fileOf) : toText(results.map(forTerminal));
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
      process.stderr.write(`podsight: ${escapeText(args.message)}\n`);
      return 2;
    case 'check':
      return check(args);
    case 'schedule':
      return runSchedule(args, {
        load: (paths, maxBytes) => loadInputs(paths, maxBytes, note),
        out: process.stdout,
        error: (t) => process.stderr.write(`${t}\n`),
        progress: args.progress && process.stderr.isTTY ? process.stderr : undefined,
      });
  }
}

// Bad input is answered in one line; an internal failure too, without a stack trace.
function fail(err: unknown): void {
  const msg = err instanceof UsageError || err instanceof InputError || err instanceof ScheduleError ? err.message : `internal error: ${err instanceof Error ? err.message : String(err)}`;
  process.stderr.write(`podsight: ${escapeText(msg)}\n`);
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
