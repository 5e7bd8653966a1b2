/**
 * `podsight schedule` at scale, through the bundled CLI: the JSON (and the HTML data block) is
 * streamed yet byte for byte what the engine's report serializes to, the Pod limit refuses
 * oversized inputs in one line before making the Pods, a reader that goes away ends the run
 * quietly, and progress is drawn on a terminal's stderr only (a real pseudo-terminal from
 * util-linux `script`), erased at the end.
 */
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseManifestFile } from '../../server/src/service/parse/manifests';
import { simulateAdmitted as simulate } from '../helpers/simulate';
import { scriptElementEscape } from '../../server/src/cli/html';

const CLI = join(__dirname, '..', '..', 'dist', 'cli.js');
const EXAMPLES = join(__dirname, '..', '..', 'examples');
const ZONE = 'topology.kubernetes.io/zone';

function run(args: string[], input?: string) {
  const r = spawnSync(process.execPath, [CLI, ...args], { input, encoding: 'utf8', maxBuffer: 1 << 28 });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

function nodesYaml(n: number): string {
  const out: string[] = [];
  for (let i = 0; i < n; i++) out.push(`apiVersion: v1\nkind: Node\nmetadata:\n  name: node-${i}\n  labels: {${ZONE}: zone-${i % 3}}\nstatus:\n  allocatable: {cpu: "4", memory: 32Gi, pods: "110"}\n`);
  return out.join('---\n');
}

/** A Deployment whose replicas repel each other by zone: three fit, the others fit nowhere. */
function antiDeployment(replicas: number): string {
  return `apiVersion: apps/v1
kind: Deployment
metadata: {name: anti}
spec:
  replicas: ${replicas}
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
}

function filesOf(paths: string[]) {
  return paths.map((p) => parseManifestFile(pathToFileURL(p).href, 0, readFileSync(p, 'utf8')));
}

let dir: string;
let small: string[];
let large: string[];
before(() => {
  dir = mkdtempSync(join(tmpdir(), 'podsight-schedule-scale-'));
  // 300 Nodes × 1,000 queued Pods: past the 250,000 pairs that auto detail keeps in full.
  writeFileSync(join(dir, 'nodes.yaml'), nodesYaml(300));
  writeFileSync(join(dir, 'anti.yaml'), antiDeployment(1000));
  large = [join(dir, 'nodes.yaml'), join(dir, 'anti.yaml')];
  small = readdirSync(EXAMPLES)
    .filter((f) => /\.ya?ml$/.test(f))
    .sort()
    .map((f) => join(EXAMPLES, f));
});
after(() => rmSync(dir, { recursive: true, force: true }));

describe('podsight schedule: streamed output', () => {
  it('--format json is byte for byte the report as JSON.stringify writes it (full and summary detail)', () => {
    for (const [paths, detail] of [[small, 'full'], [large, 'summary']] as const) {
      const r = run(['schedule', '--format', 'json', ...paths]);
      assert.equal(r.err, '');
      assert.equal(r.code, 0);
      const report = simulate(filesOf(paths));
      assert.equal(report.detail, detail);
      assert.equal(r.out, `${JSON.stringify(report, null, 2)}\n`);
    }
  });

  it('summary detail: unschedulable Pods carry the counts of their message, not 300 verdicts each', () => {
    const report = JSON.parse(run(['schedule', '--format', 'json', ...large]).out) as { pods: Array<{ status: string; filters: object; filterReasons?: Record<string, number>; message?: string }> };
    const stuck = report.pods.filter((p) => p.status === 'unschedulable');
    assert.equal(stuck.length, 997);
    for (const p of stuck) {
      assert.deepEqual(p.filters, {});
      assert.deepEqual(p.filterReasons, { "node(s) didn't match pod anti-affinity rules": 300 });
      assert.match(p.message!, /^0\/300 nodes are available: 300 node\(s\) didn't match pod anti-affinity rules\. /);
    }
  });

  it('--format html: the data block is the panel message, escaped, as the engine serializes it', () => {
    const r = run(['schedule', '--format', 'html', ...large]);
    assert.equal(r.code, 0);
    const data = /<script type="application\/json" id="podsight-message">([^<]*)<\/script>/.exec(r.out);
    assert.ok(data);
    const files = filesOf(large);
    const message = { type: 'result', result: { ...simulate(files), files: files.map((f) => f.uri) }, whatIf: {} };
    assert.equal(data[1], scriptElementEscape(JSON.stringify(message)));
  });

  it('a reader that goes away ends the run quietly', async () => {
    const p = spawn(process.execPath, [CLI, 'schedule', '--format', 'json', ...large]);
    let err = '';
    p.stderr.on('data', (b: Buffer) => (err += b.toString()));
    p.stdout.once('data', () => p.stdout.destroy());
    const code = await new Promise<number | null>((resolve) => p.on('close', resolve));
    assert.equal(err, '');
    assert.equal(code, 0);
  });
});

describe('podsight schedule: the Pod limit', () => {
  it('refuses more Pods than --max-pods in one line, exit 2, before making them', () => {
    const huge = `${nodesYaml(2)}---\n${antiDeployment(1_000_000_000)}`;
    const r = run(['schedule', '--format', 'json', '-'], huge);
    assert.equal(r.code, 2);
    assert.equal(r.out, '');
    assert.equal(r.err, 'podsight: the manifests make 1,000,000,000 Pods (Pod manifests and workload replicas), more than the limit of 200,000; raise it with --max-pods 1000000000\n');
    const five = `${nodesYaml(2)}---\n${antiDeployment(5)}`;
    assert.match(run(['schedule', '--max-pods', '4', '-'], five).err, /^podsight: the manifests make 5 Pods .* more than the limit of 4; raise it with --max-pods 5\n$/);
    const ok = run(['schedule', '--max-pods=5', '-'], five);
    assert.equal(ok.code, 0);
    assert.match(ok.out, /5 Pods/);
  });

  it('refuses a --max-pods that is not a whole number', () => {
    for (const v of ['0', '-3', 'many', '1e6']) {
      const r = run(['schedule', '--max-pods', v, EXAMPLES]);
      assert.equal(r.code, 2, v);
      assert.match(r.err, /^podsight: --max-pods must be a whole number from 1 to 999999999/);
    }
  });
});

const SCRIPT = '/usr/bin/script';
const canPty = existsSync(SCRIPT) && spawnSync(SCRIPT, ['-qec', 'true', '/dev/null'], { stdio: 'ignore' }).status === 0;

/** Runs the CLI with stderr on a pseudo-terminal (stdout to a file): what the terminal received, and the report. */
function onTerminal(args: string[]): { term: string; out: string; code: number | null } {
  const outFile = join(dir, `out-${Math.random().toString(36).slice(2)}.json`);
  const quote = (s: string) => `'${s.replace(/'/g, `'\\''`)}'`;
  const cmd = [process.execPath, CLI, ...args].map(quote).join(' ');
  const r = spawnSync(SCRIPT, ['-qec', `${cmd} > ${quote(outFile)}`, '/dev/null'], { stdio: ['ignore', 'pipe', 'pipe'], encoding: 'utf8', env: { ...process.env, COLUMNS: '100' } });
  return { term: r.stdout, out: readFileSync(outFile, 'utf8'), code: r.status };
}

describe('podsight schedule: progress', { skip: canPty ? false : `no pseudo-terminal: ${SCRIPT} (util-linux) is missing or cannot run` }, () => {
  const ERASE = '\r\x1b[2K';
  const FRAME = /(Parsing +\[[#-]{24}\] [\d,]+\/[\d,]+ files|(Reading|Scheduling|Retrying \(pass \d+\)|Writing) +\[[#-]{24}\] [\d,]+\/[\d,]+ Pods)/;

  it('on a terminal: a bar with Pods done/total, redrawn in place, erased at the end; the report unchanged', () => {
    const r = onTerminal(['schedule', '--format', 'json', ...large]);
    assert.equal(r.code, 0);
    const frames = r.term.split(ERASE).filter((f) => f !== '');
    assert.ok(frames.length >= 1, `a bar was drawn: ${JSON.stringify(r.term.slice(0, 200))}`);
    for (const f of frames) assert.match(f, new RegExp(`^${FRAME.source}(  [\\d.,]+ (Pods|files)/s  ETA \\d+:\\d\\d(:\\d\\d)?)?$`), 'each frame is one bar, nothing else');
    for (const phase of ['Parsing', 'Reading', 'Scheduling', 'Writing']) assert.ok(frames.some((f) => f.startsWith(phase)), `each phase is shown as it begins: ${phase}`);
    assert.ok(r.term.endsWith(ERASE), 'the last thing on the terminal erases the bar');
    assert.equal(r.out, run(['schedule', '--format', 'json', ...large]).out, 'the report is what it is without a terminal');
  });

  it('--no-progress: nothing on the terminal', () => {
    const r = onTerminal(['schedule', '--no-progress', '--format', 'json', ...large]);
    assert.equal(r.code, 0);
    assert.equal(r.term, '');
  });

  it('stderr not a terminal: nothing on it', () => {
    const r = run(['schedule', '--format', 'json', ...large]);
    assert.equal(r.err, '');
  });
});
