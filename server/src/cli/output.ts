/** Renders check results as text, the JSON contract of DESIGN.md, or SARIF 2.1.0. */
import type { Diagnostic } from 'vscode-languageserver-types';
import { RULES, ruleInfo, type DiagnosticData } from '../service';

export interface FileResult {
  file: string;
  diagnostics: Diagnostic[];
}

const SEVERITY_NAMES = ['error', 'error', 'warning', 'information', 'hint'] as const;

export function severityName(d: Diagnostic): (typeof SEVERITY_NAMES)[number] {
  return SEVERITY_NAMES[d.severity ?? 1];
}

/**
 * A file's findings in reading order (line, then column; equal starts keep the engine's order,
 * which puts an object's errors before its advice), as every report lists them.
 */
export function byPosition(ds: Diagnostic[]): Diagnostic[] {
  return ds
    .map((d, i) => ({ d, i }))
    .sort((a, b) => a.d.range.start.line - b.d.range.start.line || a.d.range.start.character - b.d.range.start.character || a.i - b.i)
    .map((x) => x.d);
}

/** The file name a related location's URI is shown as (the CLI's PATH as given), or the URI. */
export type FileOf = (uri: string) => string;

const asUri: FileOf = (uri) => uri;

/** Related locations (the declaration a reference misses, the other half of a conflict). */
function relatedOf(d: Diagnostic, fileOf: FileOf): Array<{ file: string; range: Diagnostic['range']; message: string }> | undefined {
  if (!d.relatedInformation?.length) return undefined;
  return d.relatedInformation.map((r) => ({ file: fileOf(r.location.uri), range: r.location.range, message: r.message }));
}

export function toJson(results: FileResult[], fileOf: FileOf = asUri): string {
  return JSON.stringify(
    {
      version: 1,
      files: results.map((r) => ({
        file: r.file,
        diagnostics: r.diagnostics.map((d) => {
          const data = (d.data ?? {}) as DiagnosticData;
          const out: Record<string, unknown> = {
            severity: severityName(d),
            code: String(d.code ?? ''),
            message: d.message,
          };
          if (data.field) out.field = data.field;
          if (data.errorType) out.errorType = data.errorType;
          if (data.stage) out.stage = data.stage;
          out.range = d.range;
          const related = relatedOf(d, fileOf);
          if (related) out.related = related;
          return out;
        }),
      })),
    },
    null,
    2,
  );
}

export function toText(results: FileResult[]): string {
  const lines: string[] = [];
  let errors = 0;
  let others = 0;
  for (const r of results) {
    for (const d of r.diagnostics) {
      const sev = severityName(d);
      if (sev === 'error') errors++;
      else others++;
      lines.push(`${r.file}:${d.range.start.line + 1}:${d.range.start.character + 1}: ${sev} [${String(d.code)}] ${d.message}`);
    }
  }
  const files = results.length;
  lines.push(`${errors} error${errors === 1 ? '' : 's'}, ${others} other finding${others === 1 ? '' : 's'} in ${files} file${files === 1 ? '' : 's'}`);
  return lines.join('\n');
}

const SARIF_LEVEL = { error: 'error', warning: 'warning', information: 'note', hint: 'note', off: 'none' } as const;

export function toSarif(results: FileResult[], version: string, rulesDocUrl: string, fileOf: FileOf = asUri): string {
  const used = new Set<string>();
  for (const r of results) for (const d of r.diagnostics) used.add(String(d.code));
  const ruleIds = Object.keys(RULES).filter((id) => used.has(id));
  for (const id of used) if (!ruleIds.includes(id)) ruleIds.push(id);
  const index = new Map(ruleIds.map((id, i) => [id, i]));
  const sarif = {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'podsight',
            version,
            informationUri: rulesDocUrl,
            rules: ruleIds.map((id) => {
              const info = ruleInfo(id);
              return {
                id,
                name: id,
                shortDescription: { text: info?.summary ?? id },
                helpUri: `${rulesDocUrl}#${id}`,
                defaultConfiguration: { level: SARIF_LEVEL[info?.severity ?? 'error'] },
              };
            }),
          },
        },
        results: results.flatMap((r) =>
          r.diagnostics.map((d) => {
            const data = (d.data ?? {}) as DiagnosticData;
            const related = relatedOf(d, fileOf);
            return {
              ruleId: String(d.code),
              ruleIndex: index.get(String(d.code)) ?? 0,
              level: SARIF_LEVEL[severityName(d)],
              message: { text: d.message },
              locations: [
                {
                  physicalLocation: {
                    artifactLocation: { uri: sarifUri(r.file) },
                    region: {
                      startLine: d.range.start.line + 1,
                      startColumn: d.range.start.character + 1,
                      endLine: d.range.end.line + 1,
                      endColumn: d.range.end.character + 1,
                    },
                  },
                },
              ],
              ...(related
                ? {
                    relatedLocations: related.map((r, id) => ({
                      id,
                      message: { text: r.message },
                      physicalLocation: {
                        artifactLocation: { uri: sarifUri(r.file) },
                        region: { startLine: r.range.start.line + 1, startColumn: r.range.start.character + 1, endLine: r.range.end.line + 1, endColumn: r.range.end.character + 1 },
                      },
                    })),
                  }
                : {}),
              ...(data.field ? { properties: { field: data.field, errorType: data.errorType } } : {}),
            };
          }),
        ),
      },
    ],
  };
  return JSON.stringify(sarif, null, 2);
}

/** SARIF artifact URIs are relative, forward-slashed and percent-encoded. */
function sarifUri(file: string): string {
  const rel = file.replace(/\\/g, '/').replace(/^\.\//, '');
  return rel === '<stdin>' ? 'stdin' : encodeURI(rel);
}
