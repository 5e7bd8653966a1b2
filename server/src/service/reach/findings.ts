/**
 * Findings on a Service declared in the workspace: a selector that selects nothing (under the
 * closed-world rule), a did-you-mean when it narrowly misses the labels of a Pod that no Service
 * selects, and target ports the selected containers do not declare. All are advisory: the API
 * server accepts the Service; the cluster would route nothing (or less than meant) through it.
 */
import type { Location } from 'vscode-languageserver-types';
import type { KMap } from '../parse/tree';
import { entry } from '../parse/tree';
import { locateFieldPath } from '../model/fieldPath';
import type { Finding } from '../diagnostics/finding';
import { closestNames } from '../util/closestNames';
import type { IndexedPod, IndexedService, ReachIndex } from './index';
import { resolveTargetPort } from './service';
import { podTitle, podList } from './words';

/** Places a Pod or template of the workspace for related information (undefined: not placeable). */
export type LocatePod = (p: IndexedPod) => Location | undefined;

/** At most this many Pods are named in one message or listed as related information. */
const NAMED = 3;

function selectorWords(sel: Record<string, string>): string {
  return Object.keys(sel)
    .map((k) => `${k}=${sel[k]}`)
    .join(', ');
}

/** A label value or key as a YAML plain scalar when it reads back as that string, else quoted. */
export function yamlString(v: string): string {
  const plain = /^[A-Za-z_][A-Za-z0-9_./-]*$/.test(v) && !/^(y|Y|yes|Yes|YES|n|N|no|No|NO|true|True|TRUE|false|False|FALSE|on|On|ON|off|Off|OFF|null|Null|NULL)$/.test(v);
  return plain ? v : JSON.stringify(v);
}

export function serviceFindings(node: KMap, s: IndexedService, reach: ReachIndex, locate: LocatePod): Finding[] {
  const out: Finding[] = [];
  const f = s.facts;
  if (!f.selector) return out;
  const selected = reach.selectedBy(s);
  const at = (field: string) => {
    const span = locateFieldPath(node, field).span;
    return { start: span.start, end: span.end };
  };
  if (selected.length === 0) {
    // On the selector's key: its value spans all its lines.
    const spec = entry(node, 'spec');
    const selKey = spec && spec.value.kind === 'map' ? entry(spec.value, 'selector')?.keySpan : undefined;
    out.push(selectsNothing(s, reach, selKey ? { start: selKey.start, end: selKey.end } : at('spec.selector')));
    for (const miss of reach.nearMisses(s).slice(0, NAMED)) {
      const selNode = locateFieldPath(node, 'spec.selector').node;
      const e = selNode && selNode.kind === 'map' ? entry(selNode, miss.key) : undefined;
      if (!e) continue;
      const target = miss.part === 'value' ? { start: e.value.start, end: e.value.end } : { start: e.keySpan.start, end: e.keySpan.end };
      const wrote = `${miss.key}: ${f.selector[miss.key]}`;
      const meant = `${miss.suggestion.key}: ${miss.suggestion.value}`;
      const finding: Finding = {
        rule: 'service-selector-near-miss',
        span: target,
        field: `spec.selector[${miss.key}]`,
        standalone: true,
        message: `Service "${f.name}" selects no Pod with ${wrote}; did you mean ${meant}? ${podTitle(miss.pod.facts)} has that label and no Service selects it`,
        fixes: [{ title: `Change the selector to ${meant}`, preferred: true, edits: [{ span: target, newText: yamlString(miss.part === 'value' ? miss.suggestion.value : miss.suggestion.key) }] }],
      };
      const loc = locate(miss.pod);
      if (loc) finding.elsewhere = [{ location: loc, message: `${podTitle(miss.pod.facts)}: ${meant}` }];
      out.push(finding);
    }
    return out;
  }
  for (const sp of f.ports) {
    const t = sp.targetPort;
    if (t === undefined) continue;
    const field = sp.targetPortWritten ? `spec.ports[${sp.index}].targetPort` : `spec.ports[${sp.index}].port`;
    if (typeof t === 'string') {
      const missing = selected.filter((p) => resolveTargetPort(sp, p.facts).number === undefined);
      if (missing.length === 0) continue;
      const names = [...new Set(selected.flatMap((p) => p.facts.ports.filter((x) => x.protocol === sp.protocol && x.name).map((x) => x.name!)))];
      const close = closestNames(t, names, 1);
      const declared = names.length ? ` (they declare ${names.slice(0, 5).map((n) => `"${n}"`).join(', ')}${names.length > 5 ? ` and ${names.length - 5} more` : ''})` : '';
      const who = missing.length === selected.length ? `none of the ${selected.length === 1 ? 'selected Pod' : `${selected.length} selected Pods and templates`}` : `${missing.length} of the ${selected.length} selected Pods and templates (${podList(missing.map((p) => p.facts), NAMED)})`;
      const finding: Finding = {
        rule: 'service-target-port-not-found',
        span: at(field),
        field,
        message: `targetPort "${t}" names no ${sp.protocol} container port of ${who}${declared}: those Pods get no endpoint for port ${sp.port ?? '?'}`,
      };
      if (close.length) finding.fixes = [{ title: `Change targetPort to ${close[0]}`, preferred: true, edits: [{ span: at(field), newText: yamlString(close[0]) }] }];
      addPods(finding, missing, locate, (p) => `${podTitle(p.facts)} declares no port named "${t}"`);
      out.push(finding);
    } else {
      // A number is used as it is; only a slip among listed ports is worth a note.
      const listing = selected.filter((p) => p.facts.ports.some((x) => x.protocol === sp.protocol));
      if (listing.length !== selected.length) continue;
      if (selected.some((p) => resolveTargetPort(sp, p.facts).declared)) continue;
      const numbers = [...new Set(selected.flatMap((p) => p.facts.ports.filter((x) => x.protocol === sp.protocol && x.containerPort !== undefined).map((x) => x.containerPort!)))];
      const finding: Finding = {
        rule: 'service-target-port-undeclared',
        span: at(field),
        field,
        message: `targetPort ${t} is not among the ${sp.protocol} ports the selected containers declare (${numbers.slice(0, 5).join(', ')}${numbers.length > 5 ? ', …' : ''}); traffic still goes to ${t}, where nothing may listen`,
      };
      addPods(finding, selected, locate, (p) => `${podTitle(p.facts)} declares ${p.facts.ports.map((x) => x.containerPort).filter((x) => x !== undefined).slice(0, 5).join(', ')}`);
      out.push(finding);
    }
  }
  return out;
}

function addPods(finding: Finding, pods: readonly IndexedPod[], locate: LocatePod, message: (p: IndexedPod) => string): void {
  for (const p of pods.slice(0, NAMED)) {
    const loc = locate(p);
    if (loc) (finding.elsewhere ??= []).push({ location: loc, message: message(p) });
  }
}

function selectsNothing(s: IndexedService, reach: ReachIndex, span: { start: number; end: number }): Finding {
  const f = s.facts;
  const sel = selectorWords(f.selector ?? {});
  const base = `Service "${f.name}" selects no Pod: no Pod or Pod template in namespace "${f.namespace}" has the labels ${sel}`;
  const count = reach.podCount(f.namespace);
  if (reach.complete) {
    return { rule: 'service-selects-nothing', span, field: 'spec.selector', standalone: true, severity: 'warning', message: `${base} (the workspace is declared to be the whole cluster, so the Service would have no endpoints)` };
  }
  if (count > 0) {
    return {
      rule: 'service-selects-nothing',
      span,
      field: 'spec.selector',
      standalone: true,
      severity: 'warning',
      message: `${base} (the workspace declares ${count === 1 ? 'one Pod or Pod template' : `${count} Pods and Pod templates`} in namespace "${f.namespace}" but none with these labels; unless Pods come from elsewhere, the Service has no endpoints)`,
    };
  }
  return {
    rule: 'service-selects-nothing',
    span,
    field: 'spec.selector',
    standalone: true,
    severity: 'information',
    message: `Service "${f.name}" selects no Pod declared here (the workspace declares no Pods or Pod templates in namespace "${f.namespace}"); if the cluster has no Pod with the labels ${sel} either, the Service has no endpoints`,
  };
}
