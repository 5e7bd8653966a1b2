/**
 * `podsight schedule --format html` opened in headless Chromium from a file: the real webview
 * bundle, inlined, fed by the embedded simulation. It must show the same placement as the JSON
 * report, load nothing, raise no CSP violation, keep manifest strings as text, and hide what
 * needs the editor (what-if, refresh).
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { launch, ROOT } from './harness';

/** Used only inside page.evaluate callbacks, which run in the page (the root tsconfig has no DOM lib). */
declare const document: any;

const CLI = join(ROOT, 'dist', 'cli.js');
const EXAMPLES = join(ROOT, 'examples');

function cli(args: string[]): { code: number | null; out: string; err: string } {
  const r = spawnSync(process.execPath, [CLI, 'schedule', ...args], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

interface Opened {
  page: Page;
  /** Every URL the page asked for (only the file itself is allowed). */
  requests: string[];
  /** Console errors, page errors and CSP violations. */
  problems: string[];
}

let browser: Browser;
let dir: string;
before(async () => {
  browser = await launch();
  dir = mkdtempSync(join(tmpdir(), 'podsight-standalone-'));
});
after(async () => {
  await browser?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

async function open(html: string, name: string): Promise<Opened> {
  const file = join(dir, name);
  writeFileSync(file, html);
  const page = await browser.newPage();
  const requests: string[] = [];
  const problems: string[] = [];
  page.on('request', (r) => requests.push(r.url()));
  page.on('console', (m) => {
    if (m.type() === 'error' || m.type() === 'warning') problems.push(`console ${m.type()}: ${m.text()}`);
  });
  page.on('pageerror', (e) => problems.push(`page error: ${String(e)}`));
  // Injected by the browser driver, outside the page's CSP: it only records violations.
  await page.addInitScript(`document.addEventListener('securitypolicyviolation', (e) => console.error('CSP violation: ' + e.violatedDirective + ' ' + e.blockedURI));`);
  await page.goto(pathToFileURL(file).href);
  await page.waitForSelector('#summary');
  return { page, requests, problems };
}

describe('podsight schedule --format html in Chromium', () => {
  it('shows examples/ as the JSON report places it, and loads nothing', async () => {
    const json = cli(['--format', 'json', EXAMPLES]);
    const report = JSON.parse(json.out) as { nodes: { name: string; pods: string[] }[]; pods: { name: string; node: string | null; status: string; message?: string }[] };
    const html = cli(['--format', 'html', EXAMPLES]);
    assert.equal(html.code, 0);
    assert.equal(html.err, '');
    const { page, requests, problems } = await open(html.out, 'examples.html');
    try {
      assert.deepEqual(requests, [pathToFileURL(join(dir, 'examples.html')).href], 'nothing but the file itself is loaded');
      // The Pods on their Nodes, as the JSON report places them.
      const webNode = report.pods.find((p) => p.name === 'shop/web')!.node!;
      assert.equal(await page.locator(`[data-node="${webNode}"] [data-pod="shop/web"]`).count(), 1);
      // The Pod the API server refuses (examples/mistakes.yaml) is listed, not placed.
      const broken = report.pods.find((p) => p.name === 'default/broken')!;
      assert.equal(broken.status, 'rejected');
      assert.match(broken.message!, /^Pod "broken" is invalid: /);
      for (const n of report.nodes) {
        const shown = await page.$$eval(`[data-node="${n.name}"] [data-pod]`, (els) => els.map((e) => e.getAttribute('data-pod')));
        assert.deepEqual(shown, n.pods, `Pods on ${n.name}`);
      }
      // render-farm fits nowhere, with kube-scheduler's message.
      const farm = report.pods.find((p) => p.name === 'media/render-farm')!;
      assert.equal(farm.status, 'unschedulable');
      assert.equal(await page.locator('[data-unschedulable="media/render-farm"] .message').textContent(), farm.message);
      assert.match(farm.message!, /^0\/3 nodes are available: /);
      assert.match((await page.locator('#summary').textContent())!, /^5 of 7 Pods placed on 3 Nodes · 1 unschedulable.* · 1 rejected/);

      // What needs the editor is hidden; the Pod detail works locally.
      for (const sel of ['[data-focus="cordon:worker-1"]', '[data-focus="remove:worker-1"]', '[data-focus="refresh"]', '#workloads']) {
        assert.equal(await page.locator(sel).first().isVisible(), false, `${sel} hidden`);
      }
      await page.locator(`[data-node="${webNode}"] [data-pod="shop/web"]`).click();
      await page.waitForSelector('#detail');
      assert.match((await page.locator('#detail').textContent())!, new RegExp(`Scheduled on ${webNode}`));
      assert.equal(await page.locator(`#detail tr.chosen[data-detail-node="${webNode}"]`).count(), 1);
      // Node name (reveal) is a no-op here: the page stays as it is.
      await page.locator('[data-node="worker-2"] button.node-name').click();
      assert.equal(await page.locator('#detail').count(), 1);

      // Theme: the stand-in --vscode-* variables follow the browser's colour scheme.
      const bg = () => page.evaluate(() => (globalThis as any).getComputedStyle(document.body).backgroundColor as string);
      await page.emulateMedia({ colorScheme: 'light' });
      assert.equal(await bg(), 'rgb(255, 255, 255)');
      await page.emulateMedia({ colorScheme: 'dark' });
      assert.equal(await bg(), 'rgb(31, 31, 31)');

      assert.deepEqual(problems, []);
      assert.equal(requests.length, 1);
    } finally {
      await page.close();
    }
  });

  it('keeps hostile manifest strings as text: nothing runs, nothing breaks out', async () => {
    const SCRIPT = '</script><script>window.pwned=1</script>';
    const IMG = '<img src=x onerror="window.pwned=2">';
    const yaml = `apiVersion: v1
kind: Node
metadata:
  name: ${JSON.stringify(`n1${SCRIPT}`)}
  labels:
    evil.example/a: ${JSON.stringify(SCRIPT)}
    evil.example/b: ${JSON.stringify(IMG)}
    evil.example/c: "<!--<script>window.pwned=3</script>\u2028\u2029&amp;"
spec:
  taints:
  - {key: evil.example/t, value: ${JSON.stringify(IMG)}, effect: NoSchedule}
status:
  allocatable: {cpu: "2", memory: 4Gi, pods: "10"}
---
apiVersion: v1
kind: Pod
metadata:
  name: ${JSON.stringify(SCRIPT)}
  namespace: ${JSON.stringify(IMG)}
spec:
  tolerations: [{operator: Exists}]
  containers: [{name: c, image: ${JSON.stringify(IMG)}}]
---
apiVersion: v1
kind: Pod
metadata:
  name: ${JSON.stringify(IMG)}
spec:
  containers: [{name: c, image: ${JSON.stringify(SCRIPT)}}]
`;
    const manifests = join(dir, 'hostile.yaml');
    writeFileSync(manifests, yaml);
    // Rendering under test: the hostile Pods as written (the API server would refuse their names).
    const html = cli(['--format', 'html', '--as-written', manifests]);
    assert.equal(html.code, 0, html.err);
    const { page, requests, problems } = await open(html.out, 'hostile.html');
    try {
      const count = await page.locator('button.pod').count();
      assert.equal(count, 2);
      for (let i = 0; i < count; i++) {
        await page.locator('button.pod').nth(i).click();
        await page.waitForSelector('#detail');
      }
      await page.waitForTimeout(100);
      const found = await page.evaluate(() => ({
        pwned: (globalThis as any).pwned,
        scripts: document.scripts.length,
        injected: document.querySelectorAll('#app script, #app img, #app iframe, #app svg, #app style').length,
        pods: Array.from(document.querySelectorAll('[data-pod]')).map((e: any) => e.getAttribute('data-pod') as string),
        cards: Array.from(document.querySelectorAll('[data-node]')).map((e: any) => e.getAttribute('data-node') as string),
        text: document.getElementById('app').textContent as string,
      }));
      assert.equal(found.pwned, undefined, 'no payload ran');
      assert.equal(found.scripts, 3, 'the data block, the stand-in and the bundle: no more');
      assert.equal(found.injected, 0, 'no element came from a manifest');
      assert.deepEqual(found.cards, [`n1${SCRIPT}`]);
      assert.ok(found.pods.includes(`${IMG}/${SCRIPT}`), 'the tolerating Pod is on the hostile Node');
      for (const s of [SCRIPT, IMG, `n1${SCRIPT}`, `default/${IMG}`]) assert.ok(found.text.includes(s), `shown as text: ${s}`);
      assert.equal(await page.locator('[data-unschedulable]').count(), 1);
      assert.deepEqual(problems, [], 'no console error, no CSP violation');
      assert.equal(requests.length, 1, 'the <img> payloads were never loaded');
    } finally {
      await page.close();
    }
  });
});
