/** How Pods and templates are named in messages, lenses and hovers. */
import type { PodFacts } from './podFacts';

/** `Pod web`, `Deployment api (template)`. */
export function podTitle(p: PodFacts): string {
  return p.kind === 'Pod' ? `Pod ${p.name || '(unnamed)'}` : `${p.kind} ${p.name || '(unnamed)'} (template)`;
}

/** The first `n` titles, and how many more. */
export function podList(pods: readonly PodFacts[], n: number): string {
  const shown = pods.slice(0, n).map(podTitle);
  return pods.length > n ? `${shown.join(', ')} and ${pods.length - n} more` : shown.join(', ');
}

/** `3 Pods`, `1 Pod and 2 Pod templates`, `2 Pod templates`. */
export function podCount(pods: readonly PodFacts[]): string {
  const n = pods.filter((p) => p.kind === 'Pod').length;
  const t = pods.length - n;
  const parts: string[] = [];
  if (n) parts.push(`${n} Pod${n === 1 ? '' : 's'}`);
  if (t) parts.push(`${t} Pod template${t === 1 ? '' : 's'}`);
  return parts.join(' and ') || 'no Pod';
}
