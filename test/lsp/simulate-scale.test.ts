/**
 * `podsight/simulate` at scale, through the real server process: a large what-if runs in slices,
 * so the server answers a hover while it runs and a cancellation ends it with RequestCancelled;
 * a newer simulate supersedes a running one; what-if values past the bounds are refused with a
 * one-line InvalidParams; a large simulation answers in summary detail.
 */
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { CancellationTokenSource, ResponseError } from 'vscode-jsonrpc/node';
import { ErrorCodes, LSPErrorCodes } from 'vscode-languageserver-protocol';
import { startServer, type TestServer } from '../helpers/lsp';
import { SIMULATE_LIMITS, SIMULATE_REQUEST, type SimulateParams, type SimulateResult } from '../../server/src/protocol';

const ZONE = 'topology.kubernetes.io/zone';
const NODES = 300;
const WORKLOAD = 'Deployment/default/anti';

function nodesYaml(): string {
  const out: string[] = [];
  for (let i = 0; i < NODES; i++) out.push(`apiVersion: v1\nkind: Node\nmetadata:\n  name: node-${i}\n  labels: {${ZONE}: zone-${i % 3}}\nstatus:\n  allocatable: {cpu: "4", memory: 32Gi, pods: "110"}\n`);
  return out.join('---\n');
}

/** Replicas that repel each other by zone: three fit, the others fit nowhere. */
const DEPLOYMENT = `apiVersion: apps/v1
kind: Deployment
metadata: {name: anti}
spec:
  replicas: 3
  selector: {matchLabels: {app: anti}}
  template:
    metadata: {labels: {app: anti}}
    spec:
      affinity:
        podAntiAffinity:
          requiredDuringSchedulingIgnoredDuringExecution:
          - {topologyKey: ${ZONE}, labelSelector: {matchLabels: {app: anti}}}
      containers:
      - {name: c, image: registry.k8s.io/pause:3.10, resources: {requests: {cpu: 100m}}}
`;

const POD_URI = 'file:///elsewhere/pod.yaml';
const POD = 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: demo\nspec:\n  containers:\n  - name: app\n    image: nginx:1.27\n';

/** Settles with the answer or the ResponseError (never throws). */
function settle<T>(p: Promise<T>): Promise<{ result?: T; error?: ResponseError<unknown> }> {
  return p.then(
    (result) => ({ result }),
    (error: ResponseError<unknown>) => ({ error }),
  );
}

describe('podsight/simulate at scale', () => {
  let s: TestServer;
  let dir: string;
  const huge: SimulateParams = { whatIf: { replicas: { [WORKLOAD]: SIMULATE_LIMITS.maxReplicas } } };

  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'podsight-simulate-scale-'));
    writeFileSync(join(dir, 'nodes.yaml'), nodesYaml());
    writeFileSync(join(dir, 'anti.yaml'), DEPLOYMENT);
    s = await startServer({}, { rootUri: pathToFileURL(dir).href });
    const opened = s.diagnostics(POD_URI);
    s.open(POD_URI, POD);
    await opened;
  });
  after(async () => {
    await s.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('answers a hover while a large what-if runs, and a cancelled simulate answers RequestCancelled', async () => {
    const source = new CancellationTokenSource();
    let finished = false;
    const sim = settle(s.conn.sendRequest<SimulateResult>(SIMULATE_REQUEST, huge, source.token)).then((r) => ((finished = true), r));
    const hover = (await s.conn.sendRequest('textDocument/hover', { textDocument: { uri: POD_URI }, position: { line: 7, character: 6 } })) as { contents: { value: string } };
    assert.match(hover.contents.value, /Container image name/);
    assert.equal(finished, false, 'the hover was answered while the simulation ran');
    // Another request of the server's own is answered meanwhile too.
    const stats = (await s.conn.sendRequest('podsight/serverStats')) as { openDocuments: number };
    assert.equal(stats.openDocuments, 1);
    assert.equal(finished, false);
    source.cancel();
    const r = await sim;
    assert.equal(r.result, undefined, 'cancelled before the end');
    assert.equal(r.error?.code, LSPErrorCodes.RequestCancelled);
    // The server is free again: a small simulation is answered in full.
    const small = await s.conn.sendRequest<SimulateResult>(SIMULATE_REQUEST, {});
    assert.equal(small.summary.pods, 3 + 1, 'the replicas and the open Pod');
    assert.equal(small.summary.nodes, NODES);
  });

  it('a newer simulate supersedes a running one', async () => {
    const first = settle(s.conn.sendRequest<SimulateResult>(SIMULATE_REQUEST, huge));
    const second = settle(s.conn.sendRequest<SimulateResult>(SIMULATE_REQUEST, { whatIf: { replicas: { [WORKLOAD]: 5 } } }));
    const [a, b] = await Promise.all([first, second]);
    assert.equal(a.error?.code, LSPErrorCodes.ServerCancelled);
    assert.match(a.error!.message, /superseded by a newer podsight\/simulate request/);
    assert.equal(b.result?.summary.pods, 5 + 1);
  });

  it('refuses what-if values past the bounds with one line', async () => {
    const refuse = async (params: unknown, message: RegExp) => {
      const r = await settle(s.conn.sendRequest(SIMULATE_REQUEST, params));
      assert.equal(r.error?.code, ErrorCodes.InvalidParams, JSON.stringify(params).slice(0, 100));
      assert.match(r.error!.message, message);
      assert.doesNotMatch(r.error!.message, /\n/);
    };
    await refuse({ whatIf: { replicas: { [WORKLOAD]: 1_000_000_000 } } }, /^podsight\/simulate: whatIf\.replicas\["Deployment\/default\/anti"\] is 1000000000, more than 200000 replicas$/);
    await refuse({ whatIf: { replicas: { [WORKLOAD]: -1 } } }, /must be a whole number of replicas/);
    await refuse({ whatIf: { cordon: Array.from({ length: SIMULATE_LIMITS.maxWhatIfEntries + 1 }, (_, i) => `n${i}`) } }, /whatIf\.cordon has 10001 entries, more than 10000/);
    await refuse({ whatIf: { replicas: Object.fromEntries(Array.from({ length: SIMULATE_LIMITS.maxWhatIfEntries + 1 }, (_, i) => [`Deployment/x/w${i}`, 1])) } }, /whatIf\.replicas has 10001 entries/);
    await refuse({ detailFor: Array.from({ length: SIMULATE_LIMITS.maxDetailFor + 1 }, (_, i) => `default/p${i}`) }, /detailFor has 17 entries, more than 16/);
    await refuse({ whatIf: { remove: ['x'.repeat(SIMULATE_LIMITS.maxNameLength + 1)] } }, /names of at most 1024 characters/);
    await refuse({ whatIf: [] }, /whatIf must be an object/);
    await refuse({ capacity: { workload: WORKLOAD, max: SIMULATE_LIMITS.maxCapacity + 1 } }, /capacity\.max must be a whole number from 1 to 10000/);
    await refuse({ whatIf: { copies: { n0: SIMULATE_LIMITS.maxCopies + 1 } } }, /whatIf\.copies adds more than 5000 Nodes/);
    await refuse({ allNodes: 'yes' }, /allNodes must be true or false/);
  });

  it('answers "room for more?" and the operational what-ifs through the server', async () => {
    // Zone anti-affinity: three replicas fit on three zones, none more.
    const r = await s.conn.sendRequest<SimulateResult>(SIMULATE_REQUEST, { capacity: { workload: WORKLOAD } });
    assert.equal(r.capacity?.workload, WORKLOAD);
    assert.equal(r.capacity?.fit, 0);
    assert.match(r.capacity!.blocker!.message, /didn't match pod anti-affinity rules/);
    assert.equal(r.pods.filter((p) => p.capacityProbe).length, 1);
    const grown = await s.conn.sendRequest<SimulateResult>(SIMULATE_REQUEST, { whatIf: { copies: { 'node-0': 2 } } });
    assert.equal(grown.nodes.length, NODES + 2);
  });

  it('a large simulation answers in summary detail, with the reason counts of each Pod that fits nowhere', async () => {
    const r = await s.conn.sendRequest<SimulateResult>(SIMULATE_REQUEST, { detail: 'full', whatIf: { replicas: { [WORKLOAD]: 2000 } } });
    assert.equal(r.detail, 'summary', 'full detail of 2,000 Pods × 300 Nodes is not sent');
    assert.ok(r.notes.some((n) => /per-Node detail of every Pod was asked for, but 2001 Pods × 300 Nodes is more than 250000 pairs/.test(n)), r.notes.join('\n'));
    const stuck = r.pods.filter((p) => p.status === 'unschedulable');
    assert.equal(stuck.length, 1997);
    for (const p of stuck) {
      assert.deepEqual(p.filters, {});
      assert.deepEqual(p.filterReasons, { "node(s) didn't match pod anti-affinity rules": NODES });
    }
    // The Pod asked for by name keeps its per-Node verdicts.
    const name = stuck[0].name;
    const one = await s.conn.sendRequest<SimulateResult>(SIMULATE_REQUEST, { detailFor: [name], whatIf: { replicas: { [WORKLOAD]: 2000 } } });
    const p = one.pods.find((x) => x.name === name)!;
    assert.equal(Object.keys(p.filters).length, NODES);
    assert.equal(p.filterReasons, undefined);
  });
});
