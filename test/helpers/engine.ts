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
  return validate(yaml)
    .filter((d) => d.severity === 1)
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
