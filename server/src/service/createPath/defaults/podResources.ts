/**
 * The resource arithmetic of a Pod's create path: SetDefaults_Pod (container limits copied
 * into missing requests, the pod-level requests and hugepage limits of PodLevelResources,
 * which is on by default in 1.35) and the QoS class PrepareForCreate stores.
 * Quantities keep their format through sums as resource.Quantity.Add does.
 */
import { childPath, keyPath } from '../../diagnostics/finding';
import { isObj, type Plain, type PlainObject } from '../../model/plain';
import { parseQuantity, quantityFromNumber, compareQuantities, type Quantity } from '../../util/quantity';
import { formatQuantity } from './quantityText';
import { memoByText } from './memo';
import { deepCopy, newObject, own, type Recorder } from './record';
import { eachObject, objAt } from './podSpec';

function quantityOf(v: Plain | undefined): Quantity | undefined {
  if (typeof v === 'string') return parsedQuantity(v);
  const r = typeof v === 'number' ? quantityFromNumber(v) : undefined;
  return r && r.ok ? r.q : undefined;
}

// Quantities are values: the parsed ones are shared (nothing changes a Quantity).
const parsedQuantity = memoByText((text): Quantity | undefined => {
  const r = parseQuantity(text);
  return r.ok ? r.q : undefined;
});

function add(a: Quantity, b: Quantity): Quantity {
  const den = a.den > b.den ? a.den : b.den;
  const num = a.num * (den / a.den) + b.num * (den / b.den);
  // Quantity.Add: a zero receiver takes the format of what is added.
  return { num, den, format: a.num === 0n ? b.format : a.format };
}

/** A resource list being summed: the value, and the text to store when it was never added to. */
type Sum = Map<string, { q: Quantity; text: Plain }>;

function addList(list: Sum, resources: PlainObject | undefined): void {
  if (!resources) return;
  for (const name of Object.keys(resources)) {
    const q = quantityOf(resources[name]);
    if (!q) continue;
    const cur = list.get(name);
    if (!cur) list.set(name, { q, text: resources[name] ?? null });
    else list.set(name, { q: add(cur.q, q), text: formatQuantity(add(cur.q, q)) });
  }
}

function maxList(list: Sum, other: Sum): void {
  for (const [name, v] of other) {
    const cur = list.get(name);
    if (!cur || compareQuantities(v.q, cur.q) > 0) list.set(name, v);
  }
}

/**
 * AggregateContainerRequests / AggregateContainerLimits of component-helpers: the sum over
 * regular containers and sidecars, or the largest init container (plus the sidecars started
 * before it), whichever is larger.
 */
function aggregate(spec: PlainObject, which: 'requests' | 'limits'): Sum {
  const total: Sum = new Map();
  eachObject(spec, 'containers', '', (c) => addList(total, objAt(objAt(c, 'resources'), which)));
  const sidecars: Sum = new Map();
  const initMax: Sum = new Map();
  eachObject(spec, 'initContainers', '', (c) => {
    const list = objAt(objAt(c, 'resources'), which);
    if (c.restartPolicy === 'Always') {
      // A sidecar runs on: it counts in the sum (which is never below the running total
      // of sidecars an init container would also see).
      addList(total, list);
      addList(sidecars, list);
    } else {
      // own + the sidecars started before it; names only sidecars have never exceed their
      // running total, which the sum below already counts.
      const use: Sum = new Map();
      addList(use, list);
      for (const [name, v] of use) {
        const sidecar = sidecars.get(name);
        if (sidecar) use.set(name, { q: add(v.q, sidecar.q), text: formatQuantity(add(v.q, sidecar.q)) });
      }
      maxList(initMax, use);
    }
  });
  maxList(total, initMax);
  return total;
}

const isHugePages = (name: string) => name.startsWith('hugepages-');
const isPodLevelResource = (name: string) => name === 'cpu' || name === 'memory' || isHugePages(name);

/** SetDefaults_Pod: what defaulting does to a Pod but not to a Pod template. */
export function defaultPodOnly(pod: PlainObject, rec: Recorder): void {
  const spec = objAt(pod, 'spec');
  if (!spec) return;
  for (const list of ['containers', 'initContainers']) {
    // Paths are only recorded (no finding): none are built when nothing is listed.
    eachObject(spec, list, rec.listing ? 'spec' : undefined, (c, p) => {
      const resources = objAt(c, 'resources');
      const limits = objAt(resources, 'limits');
      if (!resources || !limits) return;
      const rp = childPath(childPath(p, 'resources'), 'requests');
      const requests = rec.object(resources, 'requests', rp);
      if (!requests) return;
      for (const name of Object.keys(limits)) {
        if (!own(requests, name)) rec.fillEntry(requests, name, deepCopy(limits[name] ?? null), rp);
      }
    });
  }
  defaultHugePagePodLimits(spec, rec);
  defaultPodRequests(spec, rec);
  rec.fillIn(spec, 'enableServiceLinks', true, 'spec');
  if (spec.hostNetwork === true) {
    for (const list of ['containers', 'initContainers']) {
      eachObject(spec, list, 'spec', (c, p) =>
        eachObject(c, 'ports', p, (port, pp) => {
          const cp = port.containerPort;
          if (typeof cp === 'number' && cp !== 0) rec.fill(port, 'hostPort', cp, childPath(pp, 'hostPort'));
        }),
      );
    }
  }
}

/**
 * Resource lists known to hold a key. Defaulting only adds keys to them, so a list once seen
 * non-empty stays so; V8 enumerates every key of a large (dictionary-mode) object even to find
 * the first, and a pod-level list of half a million names was asked three times.
 */
const knownNonEmpty = new WeakSet<PlainObject>();

function nonEmpty(o: PlainObject | undefined): o is PlainObject {
  if (!o) return false;
  if (knownNonEmpty.has(o)) return true;
  // Not Object.keys(o).length: no array of every key of a list of half a million names.
  for (const _ in o) {
    knownNonEmpty.add(o);
    return true;
  }
  return false;
}

function defaultHugePagePodLimits(spec: PlainObject, rec: Recorder): void {
  const resources = objAt(spec, 'resources');
  if (!resources) return;
  const limits = objAt(resources, 'limits');
  const requests = objAt(resources, 'requests');
  if (!nonEmpty(limits) && !nonEmpty(requests)) return;
  if (own(resources, 'limits') && !limits) return;
  const podLimits = limits ?? newObject();
  const added: string[] = [];
  for (const [name, v] of aggregate(spec, 'limits')) {
    if (!isHugePages(name) || (requests && own(requests, name)) || own(podLimits, name)) continue;
    podLimits[name] = v.text;
    added.push(name);
  }
  if (added.length === 0) return;
  if (!limits) rec.note('spec.resources.limits', podLimits, 'default');
  // Paths only when the changes are listed: half a million of them for a findings-only run otherwise.
  else if (rec.listing) for (const name of added) rec.note(keyPath('spec.resources.limits', name), podLimits[name] ?? null, 'default');
  resources.limits = podLimits;
}

function defaultPodRequests(spec: PlainObject, rec: Recorder): void {
  const resources = objAt(spec, 'resources');
  const limits = objAt(resources, 'limits');
  if (!resources || !nonEmpty(limits)) return;
  if (own(resources, 'requests') && !isObj(resources.requests)) return;
  const requests = objAt(resources, 'requests');
  const podRequests = requests ?? newObject();
  const added: string[] = [];
  for (const [name, v] of aggregate(spec, 'requests')) {
    // Overcommit is allowed for the native resources but hugepages.
    if (own(podRequests, name) || !isPodLevelResource(name) || isHugePages(name)) continue;
    podRequests[name] = v.text;
    added.push(name);
  }
  for (const name of Object.keys(limits)) {
    if (own(podRequests, name) || !isPodLevelResource(name)) continue;
    podRequests[name] = deepCopy(limits[name] ?? null);
    added.push(name);
  }
  if (added.length === 0) return;
  if (!requests) rec.note('spec.resources.requests', podRequests, 'default');
  else if (rec.listing) for (const name of added) rec.note(keyPath('spec.resources.requests', name), podRequests[name] ?? null, 'default');
  resources.requests = podRequests;
}

/** qos.ComputePodQOS: BestEffort, Burstable or Guaranteed, from cpu and memory. */
export function podQOSClass(spec: PlainObject | undefined): 'BestEffort' | 'Burstable' | 'Guaranteed' {
  const requests = new Map<string, Quantity>();
  const limits = new Map<string, Quantity>();
  let guaranteed = true;
  // Which of cpu (1) and memory (2) a list sets: a number, not a Set per container.
  const BOTH = 3;
  const take = (list: PlainObject | undefined, into: Map<string, Quantity>): number => {
    let found = 0;
    if (!list) return found;
    for (let bit = 1; bit <= 2; bit++) {
      const name = bit === 1 ? 'cpu' : 'memory';
      const q = own(list, name) ? quantityOf(list[name]) : undefined;
      if (!q || q.num <= 0n) continue;
      found |= bit;
      const cur = into.get(name);
      into.set(name, cur ? add(cur, q) : q);
    }
    return found;
  };
  const podResources = objAt(spec, 'resources');
  if (spec && isObj(podResources)) {
    take(objAt(podResources, 'requests'), requests);
    const limitList = objAt(podResources, 'limits');
    if (nonEmpty(limitList)) {
      if (take(limitList, limits) !== BOTH) guaranteed = false;
    }
  } else {
    for (const list of ['containers', 'initContainers']) {
      eachObject(spec, list, undefined, (c) => {
        const resources = objAt(c, 'resources');
        take(objAt(resources, 'requests'), requests);
        if (take(objAt(resources, 'limits'), limits) !== BOTH) guaranteed = false;
      });
    }
  }
  if (requests.size === 0 && limits.size === 0) return 'BestEffort';
  if (guaranteed) {
    for (const [name, req] of requests) {
      const lim = limits.get(name);
      if (!lim || compareQuantities(lim, req) !== 0) {
        guaranteed = false;
        break;
      }
    }
  }
  return guaranteed && requests.size === limits.size ? 'Guaranteed' : 'Burstable';
}
