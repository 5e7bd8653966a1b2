/** Helpers for engine-level tests: validate a YAML string and read diagnostics compactly. */
import type { Diagnostic } from 'vscode-languageserver-types';
import { PodsightService, DEFAULT_SETTINGS, type DiagnosticData, type PodsightSettings } from '../../server/src/service';

export const service = new PodsightService({ rulesDocUrl: 'https://example.test/rules.md' });

/** The engine always produces plain-text messages. */
export type Diag = Diagnostic & { message: string };

export function validate(yaml: string, settings: PodsightSettings = DEFAULT_SETTINGS): Diag[] {
  return service.validate(service.parse('file:///test.yaml', 1, yaml, undefined, settings), settings) as Diag[];
}

export function dataOf(d: Diagnostic): DiagnosticData {
  return (d.data ?? {}) as DiagnosticData;
}

/** `field errorType` for every error-severity diagnostic, sorted. */
export function errorPairs(yaml: string): string[] {
  return errors(yaml)
    .map((d) => `${dataOf(d).field} ${dataOf(d).errorType}`)
    .sort();
}

/** The text a range covers in the source. */
export function textAt(yaml: string, d: Diagnostic): string {
  const lines = yaml.split('\n');
  if (d.range.start.line !== d.range.end.line) return lines.slice(d.range.start.line, d.range.end.line + 1).join('\n');
  return lines[d.range.start.line].slice(d.range.start.character, d.range.end.character);
}

export function pod(spec: string, extraMeta = ''): string {
  return `apiVersion: v1\nkind: Pod\nmetadata:\n  name: demo\n${extraMeta}spec:\n${spec}`;
}

/** Applies a quick fix's edits to the text (edits do not overlap; applied from the end). */
export function applyFix(yaml: string, d: Diagnostic, title?: RegExp): string {
  const fixes = dataOf(d).fixes ?? [];
  const fix = title ? fixes.find((f) => title.test(f.title)) : fixes[0];
  if (!fix) throw new Error(`no fix${title ? ` matching ${title}` : ''} on: ${d.message}`);
  const lineStarts = [0];
  for (let i = 0; i < yaml.length; i++) if (yaml[i] === '\n') lineStarts.push(i + 1);
  const off = (p: { line: number; character: number }) => lineStarts[p.line] + p.character;
  const edits = [...fix.edits].sort((a, b) => off(b.range.start) - off(a.range.start));
  let out = yaml;
  for (const e of edits) out = out.slice(0, off(e.range.start)) + e.newText + out.slice(off(e.range.end));
  return out;
}

/**
 * Error-severity diagnostics of decoding and field validation (the rule families), without what
 * the create path adds after them (admission, PrepareForCreate: `data.stage`).
 */
export function errors(yaml: string): Diag[] {
  return validate(yaml).filter((d) => d.severity === 1 && !dataOf(d).stage);
}

/** The one error of a manifest; fails (listing them) when there is not exactly one. */
export function only(yaml: string): Diag {
  const ds = errors(yaml);
  if (ds.length !== 1) throw new Error(`expected exactly one error, got ${ds.length}:\n${ds.map((d) => d.message).join('\n')}`);
  return ds[0];
}
