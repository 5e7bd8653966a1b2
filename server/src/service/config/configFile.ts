/**
 * The project configuration file, `.podsight.yaml` (or `.podsight.yml`, `.podsight.json`), read
 * from its text: checked against podsight.schema.json (the schema the editor is given too),
 * with every problem located in the file. What is valid is kept; what is not is reported and
 * dropped, so one typo does not silence the rest of the file. Finding the file (walking up
 * from each manifest) is the hosts' job: it needs the file system.
 */
import { LineCounter, parseDocument, type Node } from 'yaml';
import type { Range } from 'vscode-languageserver-types';
import schemaJson from './podsight.schema.json';
import { checkSchema, type SchemaNode, type SchemaProblem } from './jsonSchema';
import { compileGlob, globMatches, type Glob } from './glob';
import { RULES } from '../diagnostics/catalog';
import type { PodsightSettings, RuleLevel } from '../settings';

/** The JSON Schema of the configuration file (contributed to the editor as is). */
export const CONFIG_SCHEMA = schemaJson as SchemaNode & { $id: string };

/** File names, in the order they are looked for in each folder. */
export const CONFIG_FILE_NAMES = ['.podsight.yaml', '.podsight.yml', '.podsight.json'] as const;

/** A configuration file is small; a larger one is refused unread. */
export const MAX_CONFIG_BYTES = 256 * 1024;

/** The Kubernetes versions Podsight reproduces (the versions issue adds more). */
export const KUBERNETES_VERSIONS = ['1.35'] as const;
export type KubernetesVersion = (typeof KUBERNETES_VERSIONS)[number];

export interface PodsightConfig {
  rules: Record<string, RuleLevel>;
  /** The `exclude` patterns, compiled; relative to the configuration file's folder. */
  exclude: Glob[];
  kubernetesVersion?: KubernetesVersion;
  maxFileSize?: number;
  workspace: { isWholeCluster?: boolean };
}

export interface ConfigProblem {
  message: string;
  /** 0-based, as LSP ranges. */
  range: Range;
  severity: 'error' | 'warning';
}

export const EMPTY_CONFIG: PodsightConfig = { rules: {}, exclude: [], workspace: {} };

/** Whether a file name (the last path segment) is a configuration file's. */
export function isConfigFileName(name: string): boolean {
  return (CONFIG_FILE_NAMES as readonly string[]).includes(name);
}

/** Reads a configuration file's text. Never throws. */
export function parseConfig(text: string): { config: PodsightConfig; problems: ConfigProblem[] } {
  const lines = new LineCounter();
  const problems: ConfigProblem[] = [];
  const at = (offset: number) => {
    const p = lines.linePos(Math.min(offset, text.length));
    return { line: p.line - 1, character: p.col - 1 };
  };
  const located = (message: string, start: number, end: number, severity: ConfigProblem['severity'] = 'error'): ConfigProblem => ({ message, range: { start: at(start), end: at(end) }, severity });
  const config: PodsightConfig = { rules: {}, exclude: [], workspace: {} };
  if (text.length > MAX_CONFIG_BYTES) return { config, problems: [located(`the file is larger than ${MAX_CONFIG_BYTES} bytes; a configuration file is short`, 0, 0)] };
  // Aliases are refused outright (a config file has no use for them, and they can bomb).
  const doc = parseDocument(text, { lineCounter: lines, uniqueKeys: true, prettyErrors: false });
  for (const e of doc.errors) problems.push(located(`not valid ${text.trimStart().startsWith('{') ? 'JSON or ' : ''}YAML: ${e.message.split('\n')[0]}`, e.pos[0], e.pos[1]));
  if (problems.length) return { config, problems };
  const root = doc.contents as Node | null;
  if (root === null) return { config, problems }; // an empty file: the defaults
  const found: SchemaProblem[] = [];
  checkSchema(root, CONFIG_SCHEMA, '', [0, text.length], found);
  for (const p of found) problems.push(located(p.message, p.start, p.end));
  const bad = new Set(found.map((p) => p.path));
  let value: Record<string, unknown>;
  try {
    value = doc.toJS({ maxAliasCount: 0 }) as Record<string, unknown>;
  } catch (err) {
    problems.push(located(`cannot be read: ${err instanceof Error ? err.message : String(err)}`, 0, 0));
    return { config, problems };
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return { config, problems };
  // Keep what passed the schema; positions of the keys for the checks the schema cannot make.
  const keyRange = (path: string[]): [number, number] => {
    const node = doc.getIn(path.slice(0, -1), true) as { items?: Array<{ key: Node; value: Node }> } | undefined;
    const pair = node?.items?.find((p) => String((p.key as { value?: unknown }).value) === path[path.length - 1]);
    return (pair?.key?.range ? [pair.key.range[0], pair.key.range[1]] : [0, 0]) as [number, number];
  };
  if (value.rules && typeof value.rules === 'object' && !bad.has('rules')) {
    for (const [id, level] of Object.entries(value.rules as Record<string, unknown>)) {
      if (bad.has(`rules.${id}`)) continue;
      if (!(id in RULES)) {
        const [s, e] = keyRange(['rules', id]);
        problems.push(located(`rules.${id}: no rule has this id (see docs/rules.md); the setting is ignored`, s, e, 'warning'));
        continue;
      }
      config.rules[id] = level as RuleLevel;
    }
  }
  if (Array.isArray(value.exclude) && !bad.has('exclude')) {
    value.exclude.forEach((pattern, i) => {
      if (bad.has(`exclude[${i}]`) || typeof pattern !== 'string') return;
      const glob = compileGlob(pattern);
      if (typeof glob === 'string') {
        const node = doc.getIn(['exclude', i], true) as Node | undefined;
        const r = node?.range ?? [0, 0];
        problems.push(located(`exclude[${i}]: ${glob}`, r[0], r[1]));
      } else config.exclude.push(glob);
    });
  }
  if (typeof value.kubernetesVersion === 'string' && !bad.has('kubernetesVersion')) config.kubernetesVersion = value.kubernetesVersion as KubernetesVersion;
  if (typeof value.maxFileSize === 'number' && !bad.has('maxFileSize')) config.maxFileSize = value.maxFileSize;
  const ws = value.workspace as Record<string, unknown> | undefined;
  if (ws && typeof ws === 'object' && typeof ws.isWholeCluster === 'boolean' && !bad.has('workspace.isWholeCluster')) config.workspace.isWholeCluster = ws.isWholeCluster;
  return { config, problems };
}

/** Whether `relPath` (relative to the configuration file's folder, slash-separated) is excluded. */
export function isExcluded(globs: readonly Glob[], relPath: string): boolean {
  return globs.some((g) => globMatches(g, relPath));
}

/**
 * A resource's settings with its configuration file merged in. The editor's settings win, key by
 * key: a rule the user re-levelled in the editor keeps that level, the file's other rules apply;
 * `workspace.isWholeCluster` is the editor's when the user set it there (`editorSetWholeCluster`)
 * and the file's otherwise. The CLI has no editor: there the file decides (over the defaults).
 */
export function mergeConfig(editor: PodsightSettings, config: PodsightConfig, editorSetWholeCluster: boolean): PodsightSettings {
  return {
    ...editor,
    rules: { ...config.rules, ...editor.rules },
    workspace: { isWholeCluster: editorSetWholeCluster ? editor.workspace.isWholeCluster : (config.workspace.isWholeCluster ?? editor.workspace.isWholeCluster) },
  };
}

export { compileGlob, globMatches, type Glob };
