/**
 * `podsight`: the engine on the command line, for CI. Reads files, directories and stdin;
 * never writes anything but its report to stdout (and one-line errors to stderr).
 */
import { relative, sep } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { PodsightSettings } from './service';
import { parseArgs, USAGE, type CheckArgs } from './cli/args';
import { byPosition, toJson, toSarif, toText, type FileResult } from './cli/output';
import { toJunit } from './cli/junit';
import { gateExit } from './cli/ciOptions';
import { CliConfig, ConfigError } from './cli/config';
import { runSchedule, ScheduleError } from './cli/schedule';
import { defaultJobs, isCheckWorker, serveCheckWorker, validateFiles } from './cli/parallel';
import { displayName, InputError, loadInputs } from './cli/inputs';
import { escapeText, needsEscape } from './service';
import { RULES_DOC_URL } from './docsUrl';

const VERSION: string = require('../../package.json').version;

class UsageError extends Error {}

// File names and messages quote bytes from the repository (ESC sequences, CR, bidi controls …):
// the text report shows them escaped, one line each. JSON and SARIF keep them raw.
function forTerminal(r: FileResult): FileResult {
  return { file: escapeText(r.file), diagnostics: r.diagnostics.map((d) => (typeof d.message === 'string' && needsEscape(d.message) ? { ...d, message: escapeText(d.message) } : d)) };
}

const note = (line: string): void => void process.stderr.write(`${line}\n`);

/** A file:// URI as a path relative to the working folder, slash-separated (SARIF related locations). */
function relativeUri(uri: string): string | undefined {
  try {
    const rel = relative(process.cwd(), fileURLToPath(uri));
    return (sep === '/' ? rel : rel.split(sep).join('/')).split('/').map(encodeURIComponent).join('/');
  } catch {
    return undefined;
  }
}

async function check(args: CheckArgs): Promise<number> {
  const configs = new CliConfig(args.config, args.ci.exclude, note);
  // The workspace's own settings (the closed-world rule, maxFileSize): those of --config, else
  // of the configuration file that governs the first PATH (the working folder for stdin).
  const configured = (await configs.forFile(args.paths[0])).settings;
  const maxBytes = args.maxFileSize ?? configured.maxFileSize;
  // What is read is within the byte limit, so within the engine's character limit too.
  const settings: PodsightSettings = {
    ...configured,
    maxFileSize: Math.max(configured.maxFileSize, maxBytes),
    workspace: { ...configured.workspace, isWholeCluster: args.wholeCluster === true || configured.workspace.isWholeCluster },
  };
  const inputs = await loadInputs(args.paths, maxBytes, note, (p) => configs.excluded(p));
  // Each file's rules are those of its own configuration file.
  const variants: PodsightSettings[] = [];
  const variantOf = new Map<PodsightSettings, number>();
  const sources = await Promise.all(
    inputs.map(async (f) => {
      const own = (await configs.forFile(f.path)).settings;
      let variant: number | undefined;
      if (own !== configured) {
        variant = variantOf.get(own);
        if (variant === undefined) {
          variant = variants.push({ ...settings, rules: own.rules }) - 1;
          variantOf.set(own, variant);
        }
      }
      return { uri: f.path === '-' ? 'stdin:' : pathToFileURL(f.path).href, text: f.text, variant };
    }),
  );
  const rulesDocUrl = args.ci.rulesDocUrl ?? RULES_DOC_URL;
  const perFile = await validateFiles(sources, settings, rulesDocUrl, args.jobs ?? defaultJobs(), variants);
  const counts = { errors: 0, warnings: 0 };
  const results: FileResult[] = inputs.map((f, i) => {
    for (const d of perFile[i]) {
      if (d.severity === 1) counts.errors++;
      else if (d.severity === 2) counts.warnings++;
    }
    return { file: displayName(f.path), diagnostics: byPosition(perFile[i]) };
  });
  // Related locations (the declarations references point at) name files as the PATHs were given.
  const names = new Map(sources.map((s, i) => [s.uri, results[i].file]));
  const fileOf = (uri: string): string => names.get(uri) ?? uri;
  const report =
    args.format === 'json'
      ? toJson(results, fileOf)
      : args.format === 'sarif'
        ? toSarif(results, { version: VERSION, rulesDocUrl, srcRoot: `${pathToFileURL(process.cwd()).href.replace(/\/?$/, '/')}`, relativeUri })
        : args.format === 'junit'
          ? toJunit(results)
          : toText(results.map(forTerminal));
  process.stdout.write(`${report}\n`);
  const status = gateExit(counts, args.ci);
  if (status === 1 && counts.errors === 0) note(`podsight: ${counts.warnings} warning${counts.warnings === 1 ? '' : 's'}${args.ci.failOn === 'warning' ? ' with --fail-on warning' : `, more than --max-warnings ${args.ci.maxWarnings}`}`);
  return status;
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
  const msg = err instanceof UsageError || err instanceof ConfigError || err instanceof InputError || err instanceof ScheduleError ? err.message : `internal error: ${err instanceof Error ? err.message : String(err)}`;
  // A configuration's problems are one line each (file:line:column: …), each escaped.
  process.stderr.write(msg.split('\n').map((line) => `podsight: ${escapeText(line)}\n`).join(''));
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
