/**
 * `podsight schedule` through the bundled CLI (dist/cli.js): every scenario of
 * test/fixtures/scheduler.jsonl via --format json (placement, any-of ties, feasible set, exact
 * message), the text table, the standalone HTML file, formats, flags and exit codes.
 */
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SCHEDULER_CASES } from '../helpers/schedulerCases';

const CLI = join(__dirname, '..', '..', 'dist', 'cli.js');
const EXAMPLES = join(__dirname, '..', '..', 'examples');

interface ReportPod {
  name: string;
  podName: string;
  node: string | null;
  message?: string;
  feasible?: string[];
  ties?: string[];
  status: string;
}


function run(args: string[], input?: string, cwd?: string) {
  const r = spawnSync(process.execPath, [CLI, ...args], { input, encoding: 'utf8', cwd });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

function runAsync(args: string[]): Promise<{ code: number | null; out: string; err: string }> {
  return new Promise((resolve) => {
    const p = spawn(process.execPath, [CLI, ...args]);
    let out = '';
    let err = '';
    p.stdout.on('data', (b: Buffer) => (out += b.toString()));
    p.stderr.on('data', (b: Buffer) => (err += b.toString()));
    p.on('close', (code) => resolve({ code, out, err }));
  });
}

// The scenarios are kube-scheduler's own view: Pods as they reach it (its tests feed them
// through a fake clientset, no API server), so they run --as-written. By default the API server
// admits each Pod first; a Pod it admits must land exactly where the scenario says, and one it
// refuses is rejected with its words (a Pod overhead without a RuntimeClass, for instance).
describe('podsight schedule: the shared scenarios through --format json', () => {
  let dir: string;
  const results = new Map<string, { code: number | null; out: string; err: string }>();
  const admitted = new Map<string, { code: number | null; out: string; err: string }>();
  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'podsight-schedule-'));
    const queue = [...SCHEDULER_CASES];
    const worker = async () => {
      for (let c = queue.shift(); c; c = queue.shift()) {
        const d = join(dir, c.id);
        mkdirSync(d);
        writeFileSync(join(d, 'nodes.yaml'), c.nodes);
        writeFileSync(join(d, 'pods.yaml'), c.pods);
        results.set(c.id, await runAsync(['schedule', '--format', 'json', '--as-written', join(d, 'nodes.yaml'), join(d, 'pods.yaml')]));
        admitted.set(c.id, await runAsync(['schedule', '--format', 'json', join(d, 'nodes.yaml'), join(d, 'pods.yaml')]));
      }
    };
    await Promise.all([worker(), worker(), worker(), worker()]);
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  for (const c of SCHEDULER_CASES) {
    it(c.id, () => {
      const r = results.get(c.id)!;
      assert.equal(r.err, '');
      const report = JSON.parse(r.out) as { version: number; pods: ReportPod[] };
      assert.equal(report.version, 1);
      for (const e of c.expect) {
        const got = report.pods.find((p) => (e.pod.includes('/') ? p.name === e.pod : p.podName === e.pod));
        assert.ok(got, `${e.pod} in the report`);
        assert.match(got.name, /^[^/]+\/[^/]+$/, 'name is namespace/name');
        if (typeof e.node === 'string' && e.node.startsWith('any-of:')) {
          const set = e.node.slice('any-of:['.length, -1).split(',');
          assert.ok(got.node !== null && set.includes(got.node), `${e.pod} on one of ${set}`);
          assert.deepEqual([...(got.ties ?? [])].sort(), [...set].sort());
        } else assert.equal(got.node, e.node, `${e.pod} placement`);
        if (e.feasible) assert.deepEqual([...(got.feasible ?? [])].sort(), [...e.feasible].sort(), `${e.pod} feasible`);
        if (e.message !== undefined) assert.equal(got.message, e.message);
        const through = (JSON.parse(admitted.get(c.id)!.out) as { pods: Array<ReportPod & { status: string }> }).pods.find((p) => p.name === got.name)!;
        if (through.status === 'rejected') assert.match(through.message!, /is (invalid|forbidden)/, `${e.pod}: refused in the API server's words`);
        else if (!(typeof e.node === 'string' && e.node.startsWith('any-of:'))) assert.equal(through.node, got.node, `${e.pod}: admitted, placed as the scenario says`);
      }
      assert.equal(r.code, 0, 'a simulation that ran exits 0');
    });
  }
});

describe('podsight schedule', () => {
  it('admits each Pod first: LimitRange defaults count, a Pod the API server refuses is rejected; --as-written skips it', () => {
    const input = [
      'apiVersion: v1\nkind: Node\nmetadata:\n  name: a\nstatus:\n  allocatable: {cpu: "3", memory: 8Gi, pods: "110"}\n',
      'apiVersion: v1\nkind: LimitRange\nmetadata:\n  name: l\n  namespace: default\nspec:\n  limits:\n  - type: Container\n    defaultRequest: {cpu: "2"}\n    default: {cpu: "2"}\n',
      'apiVersion: v1\nkind: Pod\nmetadata:\n  name: one\nspec:\n  containers:\n  - name: a\n    image: nginx:1.27\n',
      'apiVersion: v1\nkind: Pod\nmetadata:\n  name: two\nspec:\n  containers:\n  - name: a\n    image: nginx:1.27\n',
      'apiVersion: v1\nkind: Pod\nmetadata:\n  name: bad\nspec:\n  restartPolicy: Sometimes\n  containers:\n  - name: a\n    image: nginx:1.27\n',
    ].join('---\n');
    const pods = (args: string[]) => Object.fromEntries((JSON.parse(run(['schedule', '--format', 'json', ...args, '-'], input).out).pods as Array<{ podName: string; status: string; node: string | null; message?: string }>).map((p) => [p.podName, p]));
    const admittedRun = pods([]);
    assert.equal(admittedRun.one.node, 'a');
    assert.equal(admittedRun.two.status, 'unschedulable', 'the LimitRange default request of 2 cpu leaves no room for a second');
    assert.equal(admittedRun.bad.status, 'rejected');
    assert.match(admittedRun.bad.message!, /^Pod "bad" is invalid: spec\.restartPolicy: Unsupported value: "Sometimes"/);
    const written = pods(['--as-written']);
    assert.equal(written.two.node, 'a');
    assert.equal(written.bad.node, 'a');
  });

  it('what-if flags: --cordon keeps what runs, --drain evicts, --add-copies grows a pool, --replicas scales', () => {
    const nodes = ['a', 'b'].map((n) => `apiVersion: v1\nkind: Node\nmetadata: {name: ${n}}\nstatus: {allocatable: {cpu: "4", memory: 8Gi, pods: "110"}}\n`);
    const web = 'apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: web, namespace: shop}\nspec:\n  replicas: 2\n  selector: {matchLabels: {app: web}}\n  template:\n    metadata: {labels: {app: web}}\n    spec:\n      containers:\n      - {name: app, image: "nginx:1.27", resources: {requests: {cpu: "1"}}}\n';
    const input = [...nodes, web].join('---\n');
    const report = (args: string[]) => JSON.parse(run(['schedule', '--format', 'json', ...args, '-'], input).out) as { nodes: Array<{ name: string; pods: string[]; unschedulable: boolean }>; pods: Array<{ status: string; node: string | null }> };
    const base = report([]);
    const onA = base.nodes.find((n) => n.name === 'a')!.pods;
    const cordoned = report(['--cordon', 'a']);
    assert.deepEqual(cordoned.nodes.find((n) => n.name === 'a')!.pods, onA, 'cordon keeps the Pods that run there');
    assert.equal(cordoned.nodes.find((n) => n.name === 'a')!.unschedulable, true);
    const drained = report(['--drain', 'a']);
    assert.deepEqual(drained.nodes.find((n) => n.name === 'a')!.pods, []);
    assert.equal(drained.nodes.find((n) => n.name === 'b')!.pods.length, 2);
    const grown = report(['--add-copies', 'a=2', '--replicas', 'deployment/shop/web=11']);
    assert.deepEqual(grown.nodes.map((n) => n.name), ['a', 'b', 'a-copy-1', 'a-copy-2']);
    assert.equal(grown.pods.filter((p) => p.status === 'scheduled').length, 11);
    assert.equal(run(['schedule', '--add-copies', 'a', '-'], input).code, 2);
    assert.equal(run(['schedule', '--replicas', 'web=3', '-'], input).code, 2);
  });

  it('--capacity: how many more replicas fit and what stops the next one, in text and JSON', () => {
    const nodes = ['a', 'b'].map((n) => `apiVersion: v1\nkind: Node\nmetadata: {name: ${n}}\nstatus: {allocatable: {cpu: "4", memory: 8Gi, pods: "110"}}\n`);
    const web = 'apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: web, namespace: shop}\nspec:\n  replicas: 2\n  selector: {matchLabels: {app: web}}\n  template:\n    metadata: {labels: {app: web}}\n    spec:\n      containers:\n      - {name: app, image: "nginx:1.27", resources: {requests: {cpu: "1"}}}\n';
    const input = [...nodes, web].join('---\n');
    const json = JSON.parse(run(['schedule', '--format', 'json', '--capacity', 'deploy/shop/web', '-'], input).out);
    assert.equal(json.capacity.workload, 'Deployment/shop/web');
    assert.equal(json.capacity.current, 2);
    assert.equal(json.capacity.fit, 6);
    assert.match(json.capacity.blocker.message, /^0\/2 nodes are available: 2 Insufficient cpu\./);
    assert.equal(json.pods.filter((p: { capacityProbe?: boolean }) => p.capacityProbe).length, 7);
    const text = run(['schedule', '--capacity', 'deployment/shop/web', '--fail-on-unschedulable', '-'], input);
    assert.equal(text.code, 0, 'the probe that did not fit is no Pod of the workspace');
    assert.match(text.out, /Capacity of Deployment\/shop\/web \(2 replicas now\):\n  6 more replicas fit; the next one \(shop\/web-[a-z0-9-]+\) does not:\n    0\/2 nodes are available: 2 Insufficient cpu\./);
    assert.doesNotMatch(text.out, /Unschedulable \(/);
    const capped = JSON.parse(run(['schedule', '--format', 'json', '--capacity', 'deployment/shop/web', '--capacity-max', '3', '-'], input).out);
    assert.deepEqual([capped.capacity.fit, capped.capacity.tried, capped.capacity.blocker], [3, 3, undefined]);
    assert.equal(run(['schedule', '--capacity', 'pod/x', '-'], input).code, 2);
    assert.match(JSON.parse(run(['schedule', '--format', 'json', '--capacity', 'deployment/nope', '-'], input).out).capacity.problem, /no workload Deployment\/default\/nope/);
  });

  it('samples Nodes as kube-scheduler does on large clusters; --all-nodes evaluates every Node', () => {
    const nodes = Array.from({ length: 300 }, (_, i) => `apiVersion: v1\nkind: Node\nmetadata:\n  name: n${i}\nstatus:\n  allocatable: {cpu: "4", memory: 8Gi, pods: "110"}\n`);
    const input = [...nodes, 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  containers:\n  - name: a\n    image: nginx:1.27\n'].join('---\n');
    const pod = (args: string[]) => JSON.parse(run(['schedule', '--format', 'json', '--detail', 'full', ...args, '-'], input).out).pods[0];
    // 300 Nodes: adaptive 50 − 300/125 = 48 % → the search stops at 144 feasible Nodes.
    assert.equal(pod([]).feasibleCount, 144);
    assert.equal(pod(['--all-nodes']).feasibleCount, 300);
    assert.match(run(['schedule', '--help']).out, /--all-nodes/);
  });

  it('prints Pods by Node for examples/', () => {
    const r = run(['schedule', EXAMPLES]);
    assert.equal(r.err, '');
    assert.match(r.out, /^kube-scheduler 1\.35 default profile: 3 Nodes, \d+ Pods/);
    assert.match(r.out, /\nworker-1  zone eu-west-1a\n  cpu /);
    assert.match(r.out, /shop\/api-[a-z0-9]+-[a-z0-9]{5}\s+scheduled · Deployment api/);
    assert.match(r.out, /gpu-1 .*\[taint nvidia\.com\/gpu=present:NoSchedule\][\s\S]*ml\/train-[a-z0-9]{5}/);
  });

  it('lists the unschedulable with the scheduler\'s message; --fail-on-unschedulable exits 1', () => {
    const nodes = 'apiVersion: v1\nkind: Node\nmetadata:\n  name: small\nstatus:\n  allocatable: {cpu: "1", memory: 1Gi, pods: "110"}\n';
    const pods = 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: big\nspec:\n  containers:\n  - name: c\n    image: x\n    resources: {requests: {cpu: "2"}}\n';
    const r = run(['schedule', '-'], `${nodes}---\n${pods}`);
    assert.equal(r.code, 0);
    assert.equal(run(['schedule', '--fail-on-unschedulable', '-'], `${nodes}---\n${pods}`).code, 1);
    const ex = run(['schedule', '--fail-on-unschedulable', EXAMPLES]);
    assert.equal(ex.code, 1, 'examples/batch-pod.yaml fits no Node');
    assert.match(ex.out, /Unschedulable \(1\):\n  media\/render-farm\n    0\/3 nodes are available: /);
    assert.match(r.out, /Unschedulable \(1\):\n  default\/big\n    0\/1 nodes are available: 1 Insufficient cpu\. no new claims to deallocate, preemption: 0\/1 nodes are available: 1 Preemption is not helpful for scheduling\./);
  });

  it('speaks the v1.33 dialect on request', () => {
    const yaml = 'apiVersion: v1\nkind: Node\nmetadata: {name: node1}\nspec: {taints: [{key: k, value: v, effect: NoSchedule}]}\nstatus: {allocatable: {cpu: "1", memory: 1Gi, pods: "9"}}\n---\napiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec: {containers: [{name: c, image: x}]}\n';
    const r = run(['schedule', '--format=json', '--scheduler-version', '1.33', '-'], yaml);
    const pod = (JSON.parse(r.out) as { pods: ReportPod[] }).pods[0];
    assert.equal(pod.message, '0/1 nodes are available: 1 node(s) had untolerated taint {k: v}. preemption: 0/1 nodes are available: 1 Preemption is not helpful for scheduling.');
  });

  it('--format html: one standalone file, no external resources, a CSP with a fresh nonce', () => {
    const a = run(['schedule', '--format', 'html', EXAMPLES]);
    assert.equal(a.err, '');
    assert.equal(a.code, 0, 'exit status as for text and json');
    const html = a.out;
    assert.match(html, /^<!DOCTYPE html>/);
    // Nothing is loaded from anywhere: no URL, no src/href, no stylesheet link, import or url().
    assert.doesNotMatch(html, /https?:\/\/|@import|url\(|sourceMappingURL/i);
    const markup = html.replace(/(<(script|style)\b[^>]*>)[\s\S]*?(<\/\2>)/g, '$1$3');
    assert.doesNotMatch(markup, /\s(?:src|href|srcset|action|poster|data)\s*=/i);
    assert.doesNotMatch(markup, /<(?:link|iframe|object|embed|img|base)\b/i);
    const csp = /<meta http-equiv="Content-Security-Policy" content="([^"]*)">/.exec(html);
    assert.ok(csp, 'a CSP meta element');
    const policy = csp[1].replace(/&#39;|&apos;/g, "'");
    assert.match(policy, /^default-src 'none';/);
    const nonce = /script-src 'nonce-([A-Za-z0-9+/=]{22,})'/.exec(policy)?.[1];
    assert.ok(nonce, 'script-src by nonce');
    assert.match(policy, new RegExp(`style-src 'nonce-${nonce.replace(/[+/=]/g, '\\$&')}'`));
    assert.doesNotMatch(policy, /unsafe-inline|unsafe-eval|\*/);
    // Every executable script and every style carries the nonce; the data block is not executable.
    const scripts = [...html.matchAll(/<script\b([^>]*)>/g)].map((m) => m[1]);
    assert.ok(scripts.length >= 3);
    for (const attrs of scripts) if (!/type="application\/json"/.test(attrs)) assert.equal(attrs.trim(), `nonce="${nonce}"`);
    for (const m of html.matchAll(/<style\b([^>]*)>/g)) assert.equal(m[1].trim(), `nonce="${nonce}"`);
    // The real bundle is inlined, and a new nonce is drawn for every file.
    assert.match(html, /acquireVsCodeApi/);
    const b = run(['schedule', '--format', 'html', EXAMPLES]).out;
    assert.notEqual(/nonce-([^']+)'/.exec(b)?.[1], nonce);
    assert.equal(run(['schedule', '--format', 'html', '--fail-on-unschedulable', EXAMPLES]).code, 1, 'render-farm fits no Node');
  });

  it('--format html: a manifest cannot close the data block', () => {
    const yaml = 'apiVersion: v1\nkind: Node\nmetadata:\n  name: n1\n  labels: {evil: "</script><script>window.pwned=1</script><!--\u2028&amp;"}\nstatus: {allocatable: {cpu: "1", memory: 1Gi, pods: "9"}}\n';
    const r = run(['schedule', '--format', 'html', '-'], yaml);
    assert.equal(r.code, 0);
    const data = /<script type="application\/json" id="podsight-message">([^<]*)<\/script>/.exec(r.out);
    assert.ok(data, 'the data block has no < inside');
    assert.doesNotMatch(data[1], /[<>&\u2028\u2029]/);
    const msg = JSON.parse(data[1]) as { type: string; result: { nodes: { labels: Record<string, string> }[] } };
    assert.equal(msg.type, 'result');
    assert.equal(msg.result.nodes[0].labels.evil, '</script><script>window.pwned=1</script><!--\u2028&amp;');
  });

  it('--format html without the preview bundle: one line, exit 2', () => {
    const dir = mkdtempSync(join(tmpdir(), 'podsight-nobundle-'));
    try {
      mkdirSync(join(dir, 'dist'));
      writeFileSync(join(dir, 'dist', 'cli.js'), readFileSync(CLI));
      const r = spawnSync(process.execPath, [join(dir, 'dist', 'cli.js'), 'schedule', '--format', 'html', EXAMPLES], { encoding: 'utf8' });
      assert.equal(r.status, 2);
      assert.equal(r.stdout, '');
      assert.match(r.stderr, /^podsight: the scheduling preview bundle is missing \(.*webview\.js\); rebuild with npm run build\n$/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('refuses bad flags and missing paths with exit 2', () => {
    assert.equal(run(['schedule', '--format', 'xml', EXAMPLES]).code, 2);
    assert.match(run(['schedule', '--scheduler-version', '1.20', EXAMPLES]).err, /--scheduler-version must be 1\.33, 1\.34 or 1\.35/);
    assert.match(run(['schedule']).err, /no PATH given/);
    assert.match(run(['schedule', '/no/such/file.yaml']).err, /cannot read \/no\/such\/file\.yaml/);
    assert.equal(run(['schedule', '--bogus', EXAMPLES]).code, 2);
  });

  it('--help mentions schedule', () => {
    assert.match(run(['--help']).out, /podsight schedule \[--format text\|json\|html\]/);
  });
});
