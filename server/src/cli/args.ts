/** Command-line parsing for `podsight`. Usage errors are values, never exceptions. */

export type Format = 'text' | 'json' | 'sarif';

export interface CheckArgs {
  command: 'check';
  format: Format;
  config?: string;
  paths: string[];
}

export type ParsedArgs = CheckArgs | { command: 'help' } | { command: 'version' } | { command: 'error'; message: string };

export const USAGE = `Usage: podsight check [--format text|json|sarif] [--config FILE] PATH...

Validates Kubernetes Pod and Node manifests, and the Pod templates of workloads, the way the
API server does. PATH may be a file, a directory (searched for *.yaml and *.yml) or - for stdin.

Options:
  --format FORMAT   text (default), json, or sarif (SARIF 2.1.0 for code scanning)
  --config FILE     JSON settings: {"rules": {"rule-id": "error|warning|information|hint|off"}}
  -h, --help        show this help
  --version         print the version

Exit status: 0 no errors, 1 errors found, 2 bad usage or unreadable input.`;

export function parseArgs(argv: string[]): ParsedArgs {
  if (argv.length === 0) return { command: 'error', message: 'missing command (try: podsight check PATH)' };
  const [cmd, ...rest] = argv;
  if (cmd === '-h' || cmd === '--help' || cmd === 'help') return { command: 'help' };
  if (cmd === '--version' || cmd === '-v') return { command: 'version' };
  if (cmd !== 'check') return { command: 'error', message: `unknown command "${cmd}" (try: podsight check PATH)` };
  const out: CheckArgs = { command: 'check', format: 'text', paths: [] };
  for (let i = 0; i < rest.length; i++) {
    const a = rest[i];
    if (a === '-h' || a === '--help') return { command: 'help' };
    if (a === '--format' || a.startsWith('--format=')) {
      const v = a.includes('=') ? a.slice(a.indexOf('=') + 1) : rest[++i];
      if (v !== 'text' && v !== 'json' && v !== 'sarif') return { command: 'error', message: `--format must be text, json or sarif (got ${v === undefined ? 'nothing' : `"${v}"`})` };
      out.format = v;
    } else if (a === '--config' || a.startsWith('--config=')) {
      const v = a.includes('=') ? a.slice(a.indexOf('=') + 1) : rest[++i];
      if (!v) return { command: 'error', message: '--config needs a FILE' };
      out.config = v;
    } else if (a === '--') {
      out.paths.push(...rest.slice(i + 1));
      break;
    } else if (a.startsWith('-') && a !== '-') {
      return { command: 'error', message: `unknown option "${a}"` };
    } else out.paths.push(a);
  }
  if (out.paths.length === 0) return { command: 'error', message: 'no PATH given (use - for stdin)' };
  return out;
}
