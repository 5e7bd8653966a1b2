/**
 * The API server's warnings about the files a volume writes (`warningsForOverlappingVirtualPaths`
 * in pkg/api/pod/warnings.go): two items of one configMap, secret, downward API or projected
 * volume writing the same path, or one writing a file where another needs a directory
 * (`a` and `a/b`), and projected sources that set nothing. Paths lose trailing slashes first.
 *
 * Upstream compares each path with every earlier one; here the earlier paths live in a trie of
 * path segments, so each path costs its own length, and at most MAX_REPORTED overlaps are
 * reported per path (in upstream's order) to keep the output bounded.
 */
import type { KMap, Span } from '../../parse/tree';
import { childPath, indexPath } from '../../diagnostics/finding';
import { report, type PodSpecRule, type RuleContext } from '../context';
import { itemMap, nodeAt, seqField, strField, structField, valueAt } from '../spec/values';

const MAX_REPORTED = 3;

interface Written {
  path: string;
  /** Where it came from inside a projected volume (`ConfigMap "x"`), '' elsewhere. */
  source: string;
  at: Span;
  order: number;
}

interface TrieNode {
  children: Map<string, TrieNode>;
  /** The first paths ending exactly here. */
  ends: Written[];
  /** The first paths ending strictly below. */
  below: Written[];
}

function node(): TrieNode {
  return { children: new Map(), ends: [], below: [] };
}

function show(w: Written): string {
  return w.source ? `${JSON.stringify(w.path)} (${w.source})` : JSON.stringify(w.path);
}

/** Tracks the written paths of one volume and reports each new path's overlaps. */
class Overlaps {
  private readonly root = node();
  private order = 0;

  constructor(
    private readonly ctx: RuleContext,
    private readonly field: string,
    private readonly prefix: string,
  ) {}

  add(raw: string, source: string, at: Span): void {
    let path = raw;
    while (path.endsWith('/')) path = path.slice(0, -1);
    if (path === '') return;
    const w: Written = { path, source, at, order: this.order++ };
    const hits: Written[] = [];
    const segments = path.split('/');
    let n = this.root;
    const passed: TrieNode[] = [];
    for (const s of segments) {
      hits.push(...n.ends); // an earlier path is a directory of this one
      passed.push(n);
      let next = n.children.get(s);
      if (!next) {
        next = node();
        n.children.set(s, next);
      }
      n = next;
    }
    hits.push(...n.ends, ...n.below); // the same path, or this one is a directory of an earlier one
    hits.sort((a, b) => a.order - b.order);
    for (const h of hits.slice(0, MAX_REPORTED))
      report(this.ctx, 'overlapping-volume-paths', undefined, this.field, at, `${this.prefix}: overlapping paths: ${show(w)} with ${show(h)}`, [{ span: h.at, message: `${JSON.stringify(h.path)} is written here` }]);
    if (n.ends.length < MAX_REPORTED) n.ends.push(w);
    for (const p of passed.slice(1)) if (p.below.length < MAX_REPORTED) p.below.push(w);
  }
}

/** The `path` of each item of a list (`items[k].path`). */
function itemPaths(list: KMap | null | undefined): Array<{ value: string; at: Span }> | undefined {
  const items = list ? seqField(list, 'items') : undefined;
  if (!items?.e || items.e.value.kind !== 'seq') return undefined; // nil items: skipped upstream
  const out: Array<{ value: string; at: Span }> = [];
  for (const it of items.items) {
    const m = itemMap(it);
    const p = m ? strField(m, 'path') : undefined;
    if (p) out.push({ value: p.value, at: p.e ? valueAt(p.e) : nodeAt(it) });
  }
  return out;
}

const PROJECTION_KINDS = ['secret', 'configMap', 'downwardAPI', 'serviceAccountToken', 'clusterTrustBundle', 'podCertificate'];

/** The files one projected source writes, with upstream's source labels (first matching kind). */
function projectionPaths(s: KMap): Array<{ value: string; source: string; at: Span }> {
  const cm = structField(s, 'configMap')?.m;
  const cmItems = itemPaths(cm);
  if (cm && cmItems) return cmItems.map((p) => ({ ...p, source: `ConfigMap ${JSON.stringify(strField(cm, 'name')?.value ?? '')}` }));
  const secret = structField(s, 'secret')?.m;
  const secretItems = itemPaths(secret);
  if (secret && secretItems) return secretItems.map((p) => ({ ...p, source: `Secret ${JSON.stringify(strField(secret, 'name')?.value ?? '')}` }));
  const dapi = itemPaths(structField(s, 'downwardAPI')?.m);
  if (dapi) return dapi.map((p) => ({ ...p, source: 'DownwardAPI' }));
  const one = (m: KMap | null | undefined, key: string, source: string) => {
    const f = m ? strField(m, key) : undefined;
    return f?.e ? [{ value: f.value, source, at: valueAt(f.e) }] : [];
  };
  const token = structField(s, 'serviceAccountToken')?.m;
  if (token) return one(token, 'path', 'ServiceAccountToken');
  const ctb = structField(s, 'clusterTrustBundle')?.m;
  if (ctb) {
    const name = strField(ctb, 'name');
    const label = name?.set ? name.value : (strField(ctb, 'signerName')?.value ?? '');
    return one(ctb, 'path', `ClusterTrustBundle ${JSON.stringify(label)}`);
  }
  const cert = structField(s, 'podCertificate')?.m;
  if (cert)
    return [
      ...one(cert, 'certificateChainPath', 'PodCertificate chain'),
      ...one(cert, 'keyPath', 'PodCertificate key'),
      ...one(cert, 'credentialBundlePath', 'PodCertificate credential bundle'),
    ].filter((p) => p.value !== '');
  return [];
}

const volumePaths: PodSpecRule = (ctx, site) => {
  seqField(site.spec, 'volumes')?.items.forEach((item, i) => {
    const v = itemMap(item);
    if (!v) return;
    const name = JSON.stringify(strField(v, 'name')?.value ?? '');
    const field = indexPath(childPath(site.path, 'volumes'), i);
    const cm = structField(v, 'configMap')?.m;
    const cmItems = itemPaths(cm);
    if (cm && cmItems) {
      const o = new Overlaps(ctx, field, `volume ${name} (ConfigMap ${JSON.stringify(strField(cm, 'name')?.value ?? '')})`);
      for (const p of cmItems) o.add(p.value, '', p.at);
    }
    const secret = structField(v, 'secret')?.m;
    const secretItems = itemPaths(secret);
    if (secret && secretItems) {
      const o = new Overlaps(ctx, field, `volume ${name} (Secret ${JSON.stringify(strField(secret, 'secretName')?.value ?? '')})`);
      for (const p of secretItems) o.add(p.value, '', p.at);
    }
    const dapi = itemPaths(structField(v, 'downwardAPI')?.m);
    if (dapi) {
      const o = new Overlaps(ctx, field, `volume ${name} (DownwardAPI)`);
      for (const p of dapi) o.add(p.value, '', p.at);
    }
    const projected = structField(v, 'projected')?.m;
    const sources = projected ? seqField(projected, 'sources') : undefined;
    if (!sources) return;
    const o = new Overlaps(ctx, field, `volume ${name} (Projected)`);
    sources.items.forEach((s, k) => {
      const m = itemMap(s);
      if (!m) return;
      if (!PROJECTION_KINDS.some((kind) => structField(m, kind)?.m)) {
        report(ctx, 'empty-projection-source', undefined, indexPath(childPath(childPath(field, 'projected'), 'sources'), k), nodeAt(s), `volume ${name} (Projected) has no sources provided`);
        return;
      }
      for (const p of projectionPaths(m)) o.add(p.value, p.source, p.at);
    });
  });
};

export const volumePathRules: PodSpecRule[] = [volumePaths];
