/**
 * Quick fixes computed after the rules ran, from each finding's rule id, spans and the
 * document text: the rules stay about upstream semantics, and every fix lives here.
 * - volume-mount-name (Not found): declare the volume as `emptyDir: {}`, unless a volume of
 *   that name is declared and was rejected for a problem of its own (then the finding points
 *   at it, and nothing is offered: a second one would be a Duplicate once the first is fixed);
 * - every NotSupported value and malformed byte quantities (valueFixes.ts);
 * - duplicate container / port / volume names: rename the second one;
 * - a request above (or unequal to) its limit: raise the limit, or lower the request.
 * Other fixes (did-you-mean for unknown fields, quoting, octal file modes) are attached where
 * the finding is made.
 */
import type { K8sObject } from '../parse/manifests';
import { child, entry, type KMap, type KNode, type Span } from '../parse/tree';
import { podSpecOf } from '../model/podSpecs';
import { containersOf } from '../model/containers';
import type { Finding, Fix } from '../diagnostics/finding';
import { columnAt, endOfLine, replaceSpan } from './fixes';
import { notSupportedFixes, quantityUnitFixes } from './valueFixes';
import type { RuleId } from '../diagnostics/catalog';

const PLAIN_NAME = /^[a-z0-9]([-a-z0-9.]*[a-z0-9])?$/;

function yamlName(name: string): string {
  return PLAIN_NAME.test(name) && !/^[0-9.]+$/.test(name) ? name : JSON.stringify(name);
}

function unquote(text: string): string {
  const t = text.trim();
  if ((t.startsWith('"') && t.endsWith('"')) || (t.startsWith("'") && t.endsWith("'"))) return t.slice(1, -1);
  return t;
}

/** End of the last non-blank character of a node. */
function contentEnd(text: string, n: Span): number {
  let e = n.end;
  while (e > n.start && /\s/.test(text[e - 1])) e--;
  return e;
}

function declareVolume(text: string, spec: KMap, name: string): Fix | undefined {
  const vname = yamlName(name);
  const title = `Declare volume "${name}" as emptyDir: {}`;
  const volumes = entry(spec, 'volumes');
  const firstKey = spec.entries.find((e) => !e.merged);
  if (!firstKey) return undefined;
  if (volumes && volumes.value.kind === 'seq') {
    const seq = volumes.value;
    if (text[seq.start] === '[') {
      const close = contentEnd(text, seq) - 1;
      if (text[close] !== ']') return undefined;
      const item = `{name: ${vname}, emptyDir: {}}`;
      return replaceSpan(title, { start: close, end: close }, seq.items.length ? `, ${item}` : item, true);
    }
    const last = seq.items[seq.items.length - 1];
    if (!last) return undefined;
    let dash = last.start - 1;
    while (dash > 0 && text[dash] === ' ') dash--;
    if (text[dash] !== '-') return undefined;
    const col = columnAt(text, dash);
    const at = endOfLine(text, contentEnd(text, last));
    const nl = at > 0 && text[at - 1] !== '\n' ? '\n' : '';
    return replaceSpan(title, { start: at, end: at }, `${nl}${' '.repeat(col)}- name: ${vname}\n${' '.repeat(col + 2)}emptyDir: {}\n`, true);
  }
  if (volumes) return undefined; // `volumes:` with a non-list value: the type error comes first
  if (text[spec.start] === '{') return undefined; // flow-style spec: no safe place to add a block
  const ind = ' '.repeat(columnAt(text, firstKey.keySpan.start));
  const at = endOfLine(text, contentEnd(text, spec));
  const nl = at > 0 && text[at - 1] !== '\n' ? '\n' : '';
  return replaceSpan(title, { start: at, end: at }, `${nl}${ind}volumes:\n${ind}- name: ${vname}\n${ind}  emptyDir: {}\n`, true);
}

/**
 * The name of a declared volume called `name`: the API server leaves a volume that fails its
 * own validation out of the names mounts may use, so its mounts are Not found too.
 */
function declaredVolume(spec: KMap, name: string): Span | undefined {
  for (const v of seqItems(child(spec, 'volumes'))) {
    const n = child(v, 'name');
    if (n && n.kind === 'scalar' && n.text === name) return { start: n.start, end: n.end };
  }
  return undefined;
}

function namesIn(nodes: KNode[]): Set<string> {
  const out = new Set<string>();
  for (const n of nodes) {
    const v = child(n, 'name');
    if (v && v.kind === 'scalar') out.add(v.text);
  }
  return out;
}

/**
 * The first free `name-2`, `name-3` … among the names of one list. A list with thousands of
 * duplicates asks for the same name thousands of times: each answer is computed once, and
 * each taken `x-i` belongs to the search of one name only, so all searches together stay
 * linear in the number of names.
 */
class FreeNames {
  private readonly next = new Map<string, string>();
  constructor(private readonly taken: Set<string>) {}

  after(name: string): string {
    let free = this.next.get(name);
    if (free === undefined) {
      let i = 2;
      while (this.taken.has(`${name}-${i}`)) i++;
      free = `${name}-${i}`;
      this.next.set(name, free);
    }
    return free;
  }
}

function renameFix(next: string, span: Span): Fix {
  return replaceSpan(`Rename to "${next}"`, span, yamlName(next), true);
}

function seqItems(n: KNode | undefined): KNode[] {
  return n && n.kind === 'seq' ? n.items : [];
}

export function attachQuickFixes(obj: K8sObject, text: string, findings: Finding[]): void {
  let site: ReturnType<typeof podSpecOf> | null = null;
  const getSite = () => (site === null ? (site = podSpecOf(obj)) : site);
  // Per rule, the names already used in the list its duplicates are renamed within.
  const free = new Map<string, FreeNames>();
  const freeNames = (rule: RuleId, s: NonNullable<ReturnType<typeof podSpecOf>>): FreeNames => {
    let f = free.get(rule);
    if (!f) {
      const taken =
        rule === 'duplicate-volume-name'
          ? namesIn(seqItems(child(s.spec, 'volumes')))
          : rule === 'duplicate-container-name'
            ? new Set(containersOf(s).map((c) => c.name ?? ''))
            : namesIn(containersOf(s).flatMap((c) => seqItems(child(c.node, 'ports'))));
      f = new FreeNames(taken);
      free.set(rule, f);
    }
    return f;
  };
  for (const f of findings) {
    if (f.fixes || f.omitted !== undefined) continue;
    let fix: Fix | Fix[] | undefined;
    switch (f.rule) {
      case 'volume-mount-name': {
        const s = getSite();
        if (f.errorType !== 'NotFound' || !s) break;
        const name = unquote(text.slice(f.span.start, f.span.end));
        const rejected = declaredVolume(s.spec, name);
        if (rejected) {
          // The rule says so already (volume-mount-name's related "defined here but has errors").
          if (!f.related?.some((r) => r.span.start === rejected.start)) {
            (f.related ??= []).push({ span: rejected, message: `volume "${name}" is defined here but has errors, so the API server does not register it` });
          }
          break;
        }
        fix = declareVolume(text, s.spec, name);
        break;
      }
      case 'invalid-quantity':
        fix = quantityUnitFixes(f, text);
        break;
      case 'duplicate-container-name':
      case 'duplicate-volume-name':
      case 'duplicate-port-name': {
        const s = getSite();
        if (!s || f.errorType !== 'Duplicate') break;
        const name = unquote(text.slice(f.span.start, f.span.end));
        fix = renameFix(freeNames(f.rule, s).after(name), f.span);
        break;
      }
      case 'container-resources': {
        const limit = f.related?.find((r) => r.message.endsWith(' limit'));
        if (!limit || f.errorType !== 'Invalid') break;
        const resource = limit.message.slice(0, -' limit'.length);
        const req = text.slice(f.span.start, f.span.end);
        const lim = text.slice(limit.span.start, limit.span.end);
        fix = [
          replaceSpan(`Raise the ${resource} limit to ${unquote(req)}`, limit.span, req, true),
          replaceSpan(`Lower the ${resource} request to ${unquote(lim)}`, f.span, lim),
        ];
        break;
      }
    }
    if (!fix && f.errorType === 'NotSupported') fix = notSupportedFixes(f, text);
    if (fix) f.fixes = Array.isArray(fix) ? fix : [fix];
  }
}
