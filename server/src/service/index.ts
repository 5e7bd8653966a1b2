/**
 * The engine's façade. Pure: no VS Code, no LSP connection, no file system, no clock. The
 * LSP server and the CLI both call these functions with text and settings they obtained.
 */
import { CodeActionKind, DiagnosticSeverity, type CodeAction, type Diagnostic, type Hover, type Position, type TextEdit } from 'vscode-languageserver-types';
import type { CodeLens, CompletionList, DocumentSymbol, FoldingRange, InlayHint, Location, Range } from 'vscode-languageserver-types';
import * as features from './features';
import { parseManifestFile, type ManifestFile } from './parse/manifests';
import { validateDocument } from './validate';
import type { Finding, Severity } from './validate/finding';
import { annotationSuppressions, commentSuppressions, isSilenced } from './validate/suppress';
import { ruleInfo } from './rules/catalog';
import { fieldHover } from './hover/fieldHover';
import { clipMessage } from './util/text';
import { DEFAULT_SETTINGS, type PodsightSettings } from './settings';

export type { ManifestFile } from './parse/manifests';
export { DEFAULT_SETTINGS, normalizeSettings, type PodsightSettings } from './settings';
export { RULES, ruleInfo } from './rules/catalog';
export { SCHEMA_KUBERNETES_VERSION, SCHEMA_SOURCE } from './schema';
export { WorkspaceIndex, normalizeSharingSettings, DEFAULT_SHARING_SETTINGS, type SharingSettings, type RenameResult } from './features';

/** A quick fix as it travels with a diagnostic: edits with absolute ranges. */
export interface DiagnosticFix {
  title: string;
  preferred?: boolean;
  edits: TextEdit[];
}

/** What travels in `Diagnostic.data`: the upstream path and error type, and quick fixes. */
export interface DiagnosticData {
  field?: string;
  errorType?: string;
  fixes?: DiagnosticFix[];
}

export interface EngineOptions {
  /** Base URL of the rule documentation; `#rule-id` is appended. */
  rulesDocUrl?: string;
}

const SEVERITY: Record<Severity, DiagnosticSeverity> = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  information: DiagnosticSeverity.Information,
  hint: DiagnosticSeverity.Hint,
};

/** Documents that look like one of our kinds even when they failed to parse into one. */
const KIND_LINE = /^kind:[ \t]*["']?(Pod|Node|NodeList|List|PodTemplate|ReplicationController|Deployment|StatefulSet|DaemonSet|ReplicaSet|Job|CronJob)["']?[ \t]*(#.*)?$/m;

const CONTROL = /[\x00-\x08\x0b-\x1f\x7f-\x9f]/;
const CONTROLS = new RegExp(CONTROL.source, 'g');

/**
 * Messages quote the user's values, which may be binary garbage or hundreds of kilobytes
 * long: control characters are shown escaped and very long messages are shortened in the
 * middle, so every problem stays one readable line.
 */
export function readable(message: string): string {
  const m = CONTROL.test(message) ? message.replace(CONTROLS, (c) => `\\x${c.charCodeAt(0).toString(16).padStart(2, '0')}`) : message;
  return clipMessage(m);
}

export class PodsightService {
  /** The documentation link of each rule, built once (a file may hold many thousand diagnostics). */
  private readonly links = new Map<string, string>();

  constructor(private readonly options: EngineOptions = {}) {}

  parse(uri: string, version: number, text: string, previous?: ManifestFile, settings: PodsightSettings = DEFAULT_SETTINGS): ManifestFile {
    return parseManifestFile(uri, version, text, previous, { maxFileSize: settings.maxFileSize });
  }

  /** Whether the file holds anything Podsight validates. */
  isManifest(file: ManifestFile): boolean {
    return file.documents.some((d) => d.doc.objects.length > 0);
  }

  validate(file: ManifestFile, settings: PodsightSettings = DEFAULT_SETTINGS): Diagnostic[] {
    if (!settings.validate.enable) return [];
    const out: Diagnostic[] = [];
    if (file.tooLarge) {
      if (KIND_LINE.test(file.text.slice(0, 1_000_000))) {
        this.push(out, file, 0, { rule: 'file-too-large', span: { start: 0, end: 0 }, message: `File not validated: ${file.tooLarge.size.toLocaleString('en-US')} characters is more than podsight.maxFileSize (${file.tooLarge.limit.toLocaleString('en-US')})` }, settings);
      }
      return out;
    }
    const comments = commentSuppressions(file.text, (o) => file.lines.positionAt(o).line);
    const none = new Set<string>();
    for (const placed of file.documents) {
      const doc = placed.doc;
      if (doc.templated) continue;
      const result = validateDocument(doc);
      if (result.syntax.length > 0 && (doc.objects.length > 0 || KIND_LINE.test(doc.text))) {
        for (const f of result.syntax) this.push(out, file, placed.offset, f, settings, comments, none);
      }
      for (const o of result.objects) {
        const silenced = o.findings.length ? annotationSuppressions(o.object) : none;
        for (const f of o.findings) this.push(out, file, placed.offset, f, settings, comments, silenced);
      }
    }
    return out;
  }

  /**
   * Quick fixes for the given diagnostics (as the editor sends them back): the fixes computed
   * at validation time, as WorkspaceEdits on this document.
   */
  codeActions(uri: string, diagnostics: Diagnostic[]): CodeAction[] {
    const actions: CodeAction[] = [];
    for (const d of diagnostics) {
      if (d.source !== 'podsight') continue;
      const fixes = (d.data as DiagnosticData | undefined)?.fixes;
      if (!Array.isArray(fixes)) continue;
      for (const fix of fixes) {
        actions.push({
          title: fix.title,
          kind: CodeActionKind.QuickFix,
          diagnostics: [d],
          isPreferred: fix.preferred === true,
          edit: { changes: { [uri]: fix.edits } },
        });
      }
    }
    return actions;
  }

  /** Field documentation, with what the containers share on top where that applies. */
  hover(file: ManifestFile, position: Position, workspace?: features.WorkspaceIndex): Hover | null {
    const offset = file.lines.offsetAt(position);
    return features.combineHover(file, features.sharingHover(file, offset, workspace), fieldHover(file, offset));
  }

  // What a Pod's containers share: see features/ and sharing/.
  inlayHints(file: ManifestFile, range?: Range, settings?: features.SharingSettings): InlayHint[] {
    return features.inlayHints(file, range, settings);
  }

  codeLenses(file: ManifestFile, settings?: features.SharingSettings, previewCommand?: string): CodeLens[] {
    return settings?.codeLens.enable === false ? [] : features.codeLenses(file, previewCommand);
  }

  definition(file: ManifestFile, position: Position): Location[] {
    return features.definition(file, file.lines.offsetAt(position));
  }

  references(file: ManifestFile, position: Position, includeDeclaration = true): Location[] {
    return features.references(file, file.lines.offsetAt(position), includeDeclaration);
  }

  prepareRename(file: ManifestFile, position: Position): { range: Range; placeholder: string } | null {
    return features.prepareRename(file, file.lines.offsetAt(position));
  }

  rename(file: ManifestFile, position: Position, newName: string): features.RenameResult {
    return features.rename(file, file.lines.offsetAt(position), newName);
  }

  completion(file: ManifestFile, position: Position, workspace?: features.WorkspaceIndex): CompletionList | null {
    return features.completion(file, position, workspace);
  }

  documentSymbols(file: ManifestFile): DocumentSymbol[] {
    return features.documentSymbols(file);
  }

  foldingRanges(file: ManifestFile): FoldingRange[] {
    return features.foldingRanges(file);
  }

  private push(
    out: Diagnostic[],
    file: ManifestFile,
    base: number,
    f: Finding,
    settings: PodsightSettings,
    comments?: Map<number, Set<string>>,
    annotation?: Set<string>,
  ): void {
    const info = ruleInfo(f.rule);
    const level = settings.rules[f.rule] ?? info?.severity ?? 'error';
    if (level === 'off') return;
    const range = file.lines.range(base + f.span.start, base + f.span.end);
    if (comments && annotation && isSilenced(f.rule, range.start.line, comments, annotation)) return;
    const d: Diagnostic = {
      range,
      severity: SEVERITY[level],
      code: f.rule,
      source: 'podsight',
      message: readable(f.field && !f.message.includes(f.field) ? `${f.field}: ${f.message}` : f.message),
    };
    if (this.options.rulesDocUrl) {
      let href = this.links.get(f.rule);
      if (href === undefined) this.links.set(f.rule, (href = `${this.options.rulesDocUrl}#${f.rule}`));
      d.codeDescription = { href };
    }
    if (f.field || f.errorType || f.fixes) {
      const data: DiagnosticData = { field: f.field, errorType: f.errorType };
      if (f.fixes) {
        data.fixes = f.fixes.map((x) => ({
          title: x.title,
          preferred: x.preferred,
          edits: x.edits.map((e) => ({ range: file.lines.range(base + e.span.start, base + e.span.end), newText: e.newText })),
        }));
      }
      d.data = data;
    }
    if (f.related?.length) {
      d.relatedInformation = f.related.map((r) => ({
        location: { uri: file.uri, range: file.lines.range(base + r.span.start, base + r.span.end) },
        message: r.message,
      }));
    }
    out.push(d);
  }
}
