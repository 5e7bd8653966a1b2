/**
 * The settings the engine and its hosts honour, read from untrusted JSON (the `podsight`
 * section of the editor's settings, per resource; the CLI's --config file) by one normaliser
 * that keeps what is valid and says what it dropped.
 */
import type { Severity } from './diagnostics/finding';

export type RuleLevel = Severity | 'off';

export interface PodsightSettings {
  /** `debounceMs`: the delay between the last edit and re-validation (the server's). */
  validate: { enable: boolean; debounceMs: number };
  /** Per-rule severity overrides keyed by rule id. */
  rules: Record<string, RuleLevel>;
  /** Open documents longer than this many characters are not parsed; files on disk larger than this many bytes are not read (server/src/io). */
  maxFileSize: number;
  /**
   * The closed-world rule (workspace/model.ts): with `isWholeCluster`, the workspace declares the
   * whole cluster, so a reference to an object it does not declare is an error everywhere.
   */
  workspace: { isWholeCluster: boolean };
  /** After a containerPort: who reaches it; after a volume's name: who mounts it. */
  inlayHints: { ports: boolean; volumes: boolean; nodes: boolean };
  /** The summary lens above each Pod spec. */
  codeLens: { enable: boolean };
  /**
   * `evaluateAllNodes`: the scheduling simulation (the preview, and the Node facts of the Node
   * manifest) evaluates every Node instead of kube-scheduler's node sampling.
   */
  schedule: { evaluateAllNodes: boolean };
}

export const DEFAULT_SETTINGS: PodsightSettings = {
  validate: { enable: true, debounceMs: 15 },
  rules: {},
  maxFileSize: 20 * 1024 * 1024,
  workspace: { isWholeCluster: false },
  inlayHints: { ports: true, volumes: true, nodes: true },
  codeLens: { enable: true },
  schedule: { evaluateAllNodes: false },
};

const LEVELS = new Set<string>(['error', 'warning', 'information', 'hint', 'off']);
const MAX_DEBOUNCE_MS = 2000;

/**
 * A setting's value: nested (`{ inlayHints: { ports } }`) or dotted (`'inlayHints.ports'`, as
 * VS Code hands settings written in JSON through).
 */
function read(r: Record<string, unknown>, path: string): unknown {
  if (path in r) return r[path];
  let v: unknown = r;
  for (const k of path.split('.')) {
    if (v === null || typeof v !== 'object') return undefined;
    v = (v as Record<string, unknown>)[k];
  }
  return v;
}

/** Reads settings from untrusted JSON (workspace config, --config files), keeping what is valid. */
export function normalizeSettings(raw: unknown): { settings: PodsightSettings; problems: string[] } {
  const problems: string[] = [];
  const s: PodsightSettings = {
    validate: { ...DEFAULT_SETTINGS.validate },
    rules: {},
    maxFileSize: DEFAULT_SETTINGS.maxFileSize,
    workspace: { ...DEFAULT_SETTINGS.workspace },
    inlayHints: { ...DEFAULT_SETTINGS.inlayHints },
    codeLens: { ...DEFAULT_SETTINGS.codeLens },
    schedule: { ...DEFAULT_SETTINGS.schedule },
  };
  if (raw === null || typeof raw !== 'object') return { settings: s, problems };
  const r = raw as Record<string, unknown>;
  const bool = (path: string, set: (v: boolean) => void): void => {
    const v = read(r, path);
    if (typeof v === 'boolean') set(v);
    // null: unset (workspace.isWholeCluster defaults to null so a configuration file can decide)
    else if (v !== undefined && v !== null) problems.push(`${path}: expected true or false`);
  };
  bool('validate.enable', (v) => (s.validate.enable = v));
  const debounce = read(r, 'validate.debounceMs');
  if (typeof debounce === 'number' && debounce >= 0 && debounce <= MAX_DEBOUNCE_MS) s.validate.debounceMs = debounce;
  else if (debounce !== undefined) problems.push(`validate.debounceMs: expected a number of milliseconds from 0 to ${MAX_DEBOUNCE_MS}`);
  if (typeof r.maxFileSize === 'number' && r.maxFileSize > 0) s.maxFileSize = r.maxFileSize;
  else if (r.maxFileSize !== undefined) problems.push('maxFileSize: expected a positive number');
  bool('workspace.isWholeCluster', (v) => (s.workspace.isWholeCluster = v));
  bool('inlayHints.ports', (v) => (s.inlayHints.ports = v));
  bool('inlayHints.volumes', (v) => (s.inlayHints.volumes = v));
  bool('inlayHints.nodes', (v) => (s.inlayHints.nodes = v));
  bool('codeLens.enable', (v) => (s.codeLens.enable = v));
  bool('schedule.evaluateAllNodes', (v) => (s.schedule.evaluateAllNodes = v));
  if (r.rules && typeof r.rules === 'object') {
    for (const [id, level] of Object.entries(r.rules as Record<string, unknown>)) {
      if (typeof level === 'string' && LEVELS.has(level)) s.rules[id] = level as RuleLevel;
      else problems.push(`rules.${id}: expected one of error, warning, information, hint, off`);
    }
  }
  return { settings: s, problems };
}
