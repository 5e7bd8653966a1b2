import type { Severity } from './validate/finding';

export type RuleLevel = Severity | 'off';

/** Settings the engine honours; the LSP server and the CLI read them from their own sources. */
export interface PodsightSettings {
  validate: { enable: boolean };
  /** Per-rule severity overrides keyed by rule id. */
  rules: Record<string, RuleLevel>;
  /** Open documents longer than this many characters are not parsed; files on disk larger than this many bytes are not read (server/src/io). */
  maxFileSize: number;
  /**
   * The closed-world rule (workspace/model.ts): with `isWholeCluster`, the workspace declares the
   * whole cluster, so a reference to an object it does not declare is an error everywhere.
   */
  workspace: { isWholeCluster: boolean };
}

export const DEFAULT_SETTINGS: PodsightSettings = {
  validate: { enable: true },
  rules: {},
  maxFileSize: 20 * 1024 * 1024,
  workspace: { isWholeCluster: false },
};

const LEVELS = new Set<string>(['error', 'warning', 'information', 'hint', 'off']);

/** Reads settings from untrusted JSON (workspace config, --config files), keeping what is valid. */
export function normalizeSettings(raw: unknown): { settings: PodsightSettings; problems: string[] } {
  const problems: string[] = [];
  const s: PodsightSettings = { validate: { ...DEFAULT_SETTINGS.validate }, rules: {}, maxFileSize: DEFAULT_SETTINGS.maxFileSize, workspace: { ...DEFAULT_SETTINGS.workspace } };
  if (raw === null || typeof raw !== 'object') return { settings: s, problems };
  const r = raw as Record<string, unknown>;
  const validate = r.validate as Record<string, unknown> | undefined;
  if (validate && typeof validate === 'object' && typeof validate.enable === 'boolean') s.validate.enable = validate.enable;
  if (typeof r.maxFileSize === 'number' && r.maxFileSize > 0) s.maxFileSize = r.maxFileSize;
  const ws = r.workspace as Record<string, unknown> | undefined;
  const whole = ws && typeof ws === 'object' ? ws.isWholeCluster : r['workspace.isWholeCluster'];
  if (typeof whole === 'boolean') s.workspace.isWholeCluster = whole;
  else if (whole !== undefined) problems.push('workspace.isWholeCluster: expected true or false');
  if (r.rules && typeof r.rules === 'object') {
    for (const [id, level] of Object.entries(r.rules as Record<string, unknown>)) {
      if (typeof level === 'string' && LEVELS.has(level)) s.rules[id] = level as RuleLevel;
      else problems.push(`rules.${id}: expected one of error, warning, information, hint, off`);
    }
  }
  return { settings: s, problems };
}
