import type { Severity } from './validate/finding';

export type RuleLevel = Severity | 'off';

/** Settings the engine honours; the LSP server and the CLI read them from their own sources. */
export interface PodsightSettings {
  validate: { enable: boolean };
  /** Per-rule severity overrides keyed by rule id. */
  rules: Record<string, RuleLevel>;
  /** Open documents longer than this many characters are not parsed; files on disk larger than this many bytes are not read (server/src/io). */
  maxFileSize: number;
}

export const DEFAULT_SETTINGS: PodsightSettings = {
  validate: { enable: true },
  rules: {},
  maxFileSize: 20 * 1024 * 1024,
};

const LEVELS = new Set<string>(['error', 'warning', 'information', 'hint', 'off']);

/** Reads settings from untrusted JSON (workspace config, --config files), keeping what is valid. */
export function normalizeSettings(raw: unknown): { settings: PodsightSettings; problems: string[] } {
  const problems: string[] = [];
  const s: PodsightSettings = { validate: { ...DEFAULT_SETTINGS.validate }, rules: {}, maxFileSize: DEFAULT_SETTINGS.maxFileSize };
  if (raw === null || typeof raw !== 'object') return { settings: s, problems };
  const r = raw as Record<string, unknown>;
  const validate = r.validate as Record<string, unknown> | undefined;
  if (validate && typeof validate === 'object' && typeof validate.enable === 'boolean') s.validate.enable = validate.enable;
  if (typeof r.maxFileSize === 'number' && r.maxFileSize > 0) s.maxFileSize = r.maxFileSize;
  if (r.rules && typeof r.rules === 'object') {
    for (const [id, level] of Object.entries(r.rules as Record<string, unknown>)) {
      if (typeof level === 'string' && LEVELS.has(level)) s.rules[id] = level as RuleLevel;
      else problems.push(`rules.${id}: expected one of error, warning, information, hint, off`);
    }
  }
  return { settings: s, problems };
}
