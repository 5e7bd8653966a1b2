/**
 * Manifest strings are hostile input: names, labels, taints, images, annotations and messages
 * carrying markup, event handlers, javascript: URLs and CSS escapes must show as text and never
 * run. The page is served WITHOUT the CSP here, so the DOM building alone is what is tested
 * (the CSP is a second line of defence, exercised in preview.test.ts).
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Browser } from 'playwright-core';
import { launch, openPreview, pageErrors, post, posted, simulateTexts } from './harness';
import type { SimulateResult } from '../../server/src/protocol';

const PAYLOADS = [
  '<script>window.__xss = 1</script>',
  '<img src=x onerror="window.__xss=2">',
  '"><svg onload="window.__xss=3">',
  'javascript:window.__xss=4',
  "'\"><iframe src=\"javascript:window.__xss=5\"></iframe>",
  '</style><style>body{background:url(javascript:window.__xss=6)}</style>',
  '\\3c script\\3e window.__xss=7\\3c /script\\3e',
  '<a href="javascript:window.__xss=8">x</a>',
];

/** Used only inside page.evaluate callbacks, which run in the page (the root tsconfig has no DOM lib). */
declare const document: any;

let browser: Browser;
before(async () => {
  browser = await launch();
});
after(async () => {
  await browser?.close();
});

function q(s: string): string {
  return JSON.stringify(s); // a YAML double-quoted scalar
}

/** Hostile strings through the real engine (labels, taints, images, annotations) … */
function hostileFromEngine(): SimulateResult {
  const labels = PAYLOADS.map((p, i) => `    evil.example/k${i}: ${q(p)}`).join('\n');
  const nodes = `apiVersion: v1
kind: Node
metadata:
  name: worker-1
  labels:
${labels}
spec:
  taints:
  - key: evil.example/t
    value: ${q(PAYLOADS[1])}
    effect: NoSchedule
status:
  allocatable: {cpu: "2", memory: 4Gi, pods: "10", ${q(PAYLOADS[2])}: "3"}
`;
  const pods = PAYLOADS.map(
    (p, i) => `---
apiVersion: v1
kind: Pod
metadata:
  name: pod-${i}
  namespace: default
  annotations:
    evil: ${q(p)}
  labels:
    evil.example/l: ${q(p)}
spec:
  nodeSelector:
    evil.example/k${i}: ${q(p + 'x')}
  containers:
  - name: c
    image: ${q(p)}
`,
  );
  return simulateTexts({ 'nodes.yaml': nodes, 'pods.yaml': pods.join('') });
}

/** … and straight into every string field the webview shows (names, messages, notes). */
function hostileInjected(base: SimulateResult): SimulateResult {
  const r = structuredClone(base);
  r.nodes.forEach((n, i) => {
    const old = n.name;
    n.name = PAYLOADS[i % PAYLOADS.length];
    for (const p of r.pods) {
      if (p.node === old) p.node = n.name;
      for (const m of [p.filters, p.filterPlugins, p.scores] as Record<string, unknown>[]) if (old in m) ((m[n.name] = m[old]), delete m[old]);
    }
  });
  r.pods.forEach((p, i) => {
    const old = p.name;
    p.name = `${PAYLOADS[i % PAYLOADS.length]}#${i}`;
    p.message = PAYLOADS[(i + 1) % PAYLOADS.length];
    p.warnings = [PAYLOADS[(i + 2) % PAYLOADS.length]];
    for (const n of r.nodes) n.pods = n.pods.map((x) => (x === old ? p.name : x));
  });
  r.notes = [...PAYLOADS];
  return r;
}

test('the XSS corpus never executes and is shown as text', async () => {
  const fromEngine = hostileFromEngine();
  assert.ok(fromEngine.nodes.length === 1 && fromEngine.pods.length === PAYLOADS.length, 'the engine read the hostile manifests');
  const injected = hostileInjected(fromEngine);
  const page = await openPreview(browser, { csp: false });
  try {
    for (const result of [fromEngine, injected]) {
      await post(page, { type: 'result', result, whatIf: { cordon: [PAYLOADS[0]] } });
      await page.waitForSelector('#summary');
      // Open the detail of every Pod (renders names, verdicts, messages, warnings).
      const count = await page.$$eval('button.pod', (els) => els.length);
      for (let i = 0; i < count; i++) {
        await page.locator('button.pod').nth(i).click();
        await page.waitForSelector('#detail');
      }
      await page.waitForTimeout(100);
      assert.equal(await page.evaluate(() => (globalThis as any).__xss), undefined, 'no payload ran');
      const found = await page.evaluate(() => ({
        scripts: document.querySelectorAll('#app script, #app img, #app svg, #app iframe, #app a, #app style').length,
        handlers: Array.from(document.querySelectorAll('#app *')).filter((e: any) => Array.from(e.attributes as ArrayLike<{ name: string }>).some((a) => a.name.startsWith('on') || a.name === 'href' || a.name === 'src')).length,
        text: document.getElementById('app')!.textContent,
      }));
      assert.equal(found.scripts, 0, 'no element came from a payload');
      assert.equal(found.handlers, 0, 'no handler or URL attribute');
      const shown = result === injected ? PAYLOADS : [PAYLOADS[1]]; // taint value from the engine run
      for (const p of shown) assert.ok(found.text!.includes(p), `shown as text: ${p}`);
    }
    // A hostile name goes back to the host as data, unchanged.
    await page.locator('li.card button.node-name').first().click();
    assert.deepEqual((await posted(page)).at(-1), { type: 'reveal', target: 'node', name: injected.nodes[0].name });
    assert.deepEqual(pageErrors(page), []);
  } finally {
    await page.close();
  }
});
