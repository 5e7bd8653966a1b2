/**
 * The options of `podsight check` that gate a CI run and shape its report for CI systems:
 * --fail-on, --max-warnings, --exclude, --rules-doc-url. Kept apart from args.ts so the command
 * line grows without every option touching one function.
 */

export interface CiOptions {
  /** The lowest severity that fails the check (exit 1); default `error`. */
  failOn: 'error' | 'warning';
  /** More warnings than this fails the check; undefined: no limit. */
  maxWarnings?: number;
  /** Glob patterns of files not to check, relative to the working folder. */
  exclude: string[];
  /** Base URL of the rule documentation (`#rule-id` is appended). */
  rulesDocUrl?: string;
}

export const DEFAULT_CI_OPTIONS: CiOptions = { failOn: 'error', exclude: [] };

export const CI_USAGE = `  --fail-on LEVEL   error (default) or warning: the lowest severity that makes exit 1
  --max-warnings N  exit 1 when there are more than N warnings (errors always count)
  --exclude GLOB    do not check files matching GLOB (relative to the working folder;
                    repeatable; adds to the exclude list of the configuration file)
  --rules-doc-url URL
                    where rule ids link to (default: docs/rules.md in the repository)`;

type Parsed = { consumed: number } | { error: string } | undefined;

/**
 * Reads the option at argv[i] into `out` if it is one of ours: how many arguments it took, a
 * usage error, or undefined when it is not ours.
 */
export function parseCiOption(argv: readonly string[], i: number, out: CiOptions): Parsed {
  const a = argv[i];
  const name = a.includes('=') ? a.slice(0, a.indexOf('=')) : a;
  if (!['--fail-on', '--max-warnings', '--exclude', '--rules-doc-url'].includes(name)) return undefined;
  const inline = a.includes('=');
  const v = inline ? a.slice(a.indexOf('=') + 1) : argv[i + 1];
  const consumed = inline ? 1 : 2;
  const shown = v === undefined ? 'nothing' : `"${v}"`;
  switch (name) {
    case '--fail-on':
      if (v !== 'error' && v !== 'warning') return { error: `--fail-on must be error or warning (got ${shown})` };
      out.failOn = v;
      return { consumed };
    case '--max-warnings':
      if (v === undefined || !/^(0|[1-9][0-9]{0,8})$/.test(v)) return { error: `--max-warnings must be a whole number from 0 to 999999999 (got ${shown})` };
      out.maxWarnings = Number(v);
      return { consumed };
    case '--exclude':
      if (!v) return { error: '--exclude needs a GLOB' };
      out.exclude.push(v);
      return { consumed };
    default:
      if (!v || !/^https?:\/\/[^\s]+$/.test(v)) return { error: `--rules-doc-url must be an http(s) URL (got ${shown})` };
      out.rulesDocUrl = v;
      return { consumed };
  }
}

/** The exit status of a check: 1 when the findings cross the gate, else 0. */
export function gateExit(counts: { errors: number; warnings: number }, options: CiOptions): 0 | 1 {
  if (counts.errors > 0) return 1;
  if (options.failOn === 'warning' && counts.warnings > 0) return 1;
  if (options.maxWarnings !== undefined && counts.warnings > options.maxWarnings) return 1;
  return 0;
}
