/**
 * DOM building for the preview: elements from createElement, strings only as text nodes.
 * Never innerHTML, never a URL or an inline handler built from data. Text shown (text nodes,
 * tooltips, accessible names) has its control, bidi and invisible characters made visible by
 * the engine's escaper, so a name cannot pass for another; data-* attributes keep the raw
 * strings the host is sent back.
 */
import { escapeText } from '../../server/src/protocol';

/** Attributes a person reads or hears. */
const SHOWN_ATTRS = new Set(['title', 'aria-label']);

export type Child = Node | string | null | undefined | false;
/** Attributes allowed from the webview; none of them can carry script (no href/src/on*). */
export type Attrs = Partial<Record<'class' | 'id' | 'role' | 'title' | 'type' | 'tabindex' | 'scope' | 'colspan' | `aria-${string}` | `data-${string}`, string>>;

export function h<K extends keyof HTMLElementTagNameMap>(tag: K, attrs: Attrs = {}, ...children: Child[]): HTMLElementTagNameMap[K] {
  const el = document.createElement(tag);
  for (const k in attrs) {
    const v = attrs[k as keyof Attrs];
    if (v !== undefined) el.setAttribute(k, SHOWN_ATTRS.has(k) ? escapeText(v, { newlines: true }) : v);
  }
  for (const c of children) {
    if (c === null || c === undefined || c === false) continue;
    el.appendChild(typeof c === 'string' ? document.createTextNode(escapeText(c)) : c);
  }
  return el;
}

export function button(label: string, attrs: Attrs, onClick: (e: MouseEvent) => void): HTMLButtonElement {
  const b = h('button', { type: 'button', ...attrs }, label);
  b.addEventListener('click', onClick);
  return b;
}

/**
 * Makes `parent`'s children exactly `desired`, in order, without detaching the ones that stay
 * (a detached subtree loses its style and layout and costs them again when re-attached).
 */
export function reconcileChildren(parent: Node, desired: readonly Node[]): void {
  const keep = new Set(desired);
  for (let c = parent.firstChild; c; ) {
    const next = c.nextSibling;
    if (!keep.has(c)) parent.removeChild(c);
    c = next;
  }
  let cur = parent.firstChild;
  for (const d of desired) {
    if (cur === d) {
      cur = cur.nextSibling;
      continue;
    }
    parent.insertBefore(d, cur);
  }
}
