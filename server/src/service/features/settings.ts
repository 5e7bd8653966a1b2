/**
 * The settings the sharing features read (inlay hints, code lens): a part of PodsightSettings,
 * read by the same normaliser (service/settings.ts).
 */
import { DEFAULT_SETTINGS, normalizeSettings, type PodsightSettings } from '../settings';

export type SharingSettings = Pick<PodsightSettings, 'inlayHints' | 'codeLens'>;

export const DEFAULT_SHARING_SETTINGS: SharingSettings = { inlayHints: DEFAULT_SETTINGS.inlayHints, codeLens: DEFAULT_SETTINGS.codeLens };

export function normalizeSharingSettings(raw: unknown): SharingSettings {
  const { inlayHints, codeLens } = normalizeSettings(raw).settings;
  return { inlayHints, codeLens };
}
