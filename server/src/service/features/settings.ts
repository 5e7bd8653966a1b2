/**
 * Settings of the sharing features (inlay hints, code lens). Read from the `podsight` section
 * like the engine's other settings; untrusted input, so only valid values are kept.
 *
 *   podsight.inlayHints.ports    boolean, default true: after a containerPort, who can reach it
 *   podsight.inlayHints.volumes  boolean, default true: after a volume's name, its mounts
 *   podsight.codeLens.enable     boolean, default true: a summary above each Pod spec
 */
export interface SharingSettings {
  inlayHints: { ports: boolean; volumes: boolean };
  codeLens: { enable: boolean };
}

export const DEFAULT_SHARING_SETTINGS: SharingSettings = {
  inlayHints: { ports: true, volumes: true },
  codeLens: { enable: true },
};

export function normalizeSharingSettings(raw: unknown): SharingSettings {
  const s: SharingSettings = { inlayHints: { ...DEFAULT_SHARING_SETTINGS.inlayHints }, codeLens: { ...DEFAULT_SHARING_SETTINGS.codeLens } };
  if (raw === null || typeof raw !== 'object') return s;
  const r = raw as Record<string, unknown>;
  const ih = r.inlayHints as Record<string, unknown> | undefined;
  if (ih && typeof ih === 'object') {
    if (typeof ih.ports === 'boolean') s.inlayHints.ports = ih.ports;
    if (typeof ih.volumes === 'boolean') s.inlayHints.volumes = ih.volumes;
  }
  // VS Code also hands dotted keys through as written when a setting is set from JSON.
  if (typeof r['inlayHints.ports'] === 'boolean') s.inlayHints.ports = r['inlayHints.ports'] as boolean;
  if (typeof r['inlayHints.volumes'] === 'boolean') s.inlayHints.volumes = r['inlayHints.volumes'] as boolean;
  const cl = r.codeLens as Record<string, unknown> | undefined;
  if (cl && typeof cl === 'object' && typeof cl.enable === 'boolean') s.codeLens.enable = cl.enable;
  if (typeof r['codeLens.enable'] === 'boolean') s.codeLens.enable = r['codeLens.enable'] as boolean;
  return s;
}
