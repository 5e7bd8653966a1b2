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

/** The base the artifact URIs of a SARIF report are relative to (GitHub resolves it to the checkout). */
export const SARIF_SRCROOT = '%SRCROOT%';

export interface SarifOptions {
  version: string;
  /** Base URL of the rule documentation, hosted (`#rule-id` anchors). */
  rulesDocUrl: string;
  /** file:// URL of the folder the artifact URIs are relative to (ends with `/`). */
  srcRoot: string;
  /** A related location's URI as a path relative to srcRoot, or undefined if outside it. */
  relativeUri(uri: string): string | undefined;
}

/** A rule's help as GitHub shows it under an alert: plain text and Markdown, from the catalog. */
function ruleHelp(id: string, url: string): { text: string; markdown: string } {
  const info = ruleInfo(id);
  const doc = info?.doc ?? {};
  const text = [info?.summary ?? id, doc.why ? `Why: ${doc.why}` : '', doc.fix ? `Fix: ${doc.fix}` : '', `Documentation: ${url}`].filter(Boolean).join('\n\n');
  const markdown = [
    info?.summary ?? id,
    doc.why ? `**Why:** ${doc.why}` : '',
    doc.example ? `**Example:**\n\n\`\`\`yaml\n${doc.example.trimEnd()}\n\`\`\`` : '',
    doc.fix ? `**Fix:** ${doc.fix}` : '',
    `[Documentation of \`${id}\`](${url})`,
  ]
    .filter(Boolean)
    .join('\n\n');
  return { text, markdown };
}

/** FNV-1a, 64 bits as hex: a short stable hash for fingerprints (not a security boundary). */
function fnv64(s: string): string {
  let h = 0xcbf29ce484222325n;
  for (let i = 0; i < s.length; i++) h = BigInt.asUintN(64, (h ^ BigInt(s.charCodeAt(i))) * 0x100000001b3n);
  return h.toString(16).padStart(16, '0');
}

/**
 * partialFingerprints: the same finding keeps its fingerprint when lines move above it. Built
 * from the rule, the file, the field path and the object's identity (apiVersion/kind
 * namespace/name), never the line; a finding outside any object (YAML syntax) falls back to
 * its message. Equal keys in one file are numbered in reading order, so they stay distinct.
 */
function fingerprint(rule: string, file: string, d: Diagnostic, seen: Map<string, number>): string {
  const data = (d.data ?? {}) as DiagnosticData;
  const key = `${rule}|${file}|${data.field ?? ''}|${data.object ?? d.message}`;
  const n = seen.get(key) ?? 0;
  seen.set(key, n + 1);
  return `${fnv64(key)}:${n + 1}`;
}

const region = (r: Diagnostic['range']) => ({ startLine: r.start.line + 1, startColumn: r.start.character + 1, endLine: r.end.line + 1, endColumn: r.end.character + 1 });

export function toSarif(results: FileResult[], options: SarifOptions): string {
  const used = new Set<string>();
  for (const r of results) for (const d of r.diagnostics) used.add(String(d.code));
  const ruleIds = Object.keys(RULES).filter((id) => used.has(id));
  for (const id of used) if (!ruleIds.includes(id)) ruleIds.push(id);
  const index = new Map(ruleIds.map((id, i) => [id, i]));
  const docUrl = (id: string) => `${options.rulesDocUrl}#${id}`;
  const sarif = {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'podsight',
            semanticVersion: options.version,
            version: options.version,
            informationUri: options.rulesDocUrl,
            rules: ruleIds.map((id) => {
              const info = ruleInfo(id);
              return {
                id,
                name: id,
                shortDescription: { text: info?.summary ?? id },
                fullDescription: { text: info?.doc?.why ? `${info.summary} ${info.doc.why}` : (info?.summary ?? id) },
                help: ruleHelp(id, docUrl(id)),
                helpUri: docUrl(id),
                defaultConfiguration: { level: SARIF_LEVEL[info?.severity ?? 'error'] },
                properties: { tags: ['kubernetes', info?.upstream ? 'api-server' : 'advice'], precision: 'very-high' },
              };
            }),
          },
        },
        originalUriBaseIds: { [SARIF_SRCROOT]: { uri: options.srcRoot } },
        results: results.flatMap((r) => {
          const seen = new Map<string, number>();
          const uri = sarifUri(r.file);
          return r.diagnostics.map((d) => {
            const data = (d.data ?? {}) as DiagnosticData;
            const rule = String(d.code);
            const related = (d.relatedInformation ?? []).flatMap((info, id) => {
              const rel = info.location.uri.startsWith('file:') ? options.relativeUri(info.location.uri) : undefined;
              if (rel === undefined) return [];
              return [{ id, physicalLocation: { artifactLocation: { uri: rel, uriBaseId: SARIF_SRCROOT }, region: region(info.location.range) }, message: { text: info.message } }];
            });
            return {
              ruleId: rule,
              ruleIndex: index.get(rule) ?? 0,
              level: SARIF_LEVEL[severityName(d)],
              message: { text: d.message },
              locations: [{ physicalLocation: { artifactLocation: { uri, uriBaseId: SARIF_SRCROOT }, region: region(d.range) } }],
              ...(related.length ? { relatedLocations: related } : {}),
              partialFingerprints: { 'podsightFinding/v1': fingerprint(rule, uri, d, seen) },
              ...(data.field ? { properties: { field: data.field, ...(data.errorType ? { errorType: data.errorType } : {}) } } : {}),
            };
          });
        }),
      },
    ],
  };
  return JSON.stringify(sarif, null, 2);
}

/** SARIF artifact URIs are relative, forward-slashed and percent-encoded. */
export function sarifUri(file: string): string {
  const rel = file.replace(/\\/g, '/').replace(/^\.\//, '');
  return rel === '<stdin>' ? 'stdin' : rel.split('/').map(encodeURIComponent).join('/');
}
