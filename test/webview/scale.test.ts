/**
 * The preview at scale, in headless Chromium: above the Node-count threshold it shows node pools
 * and a utilisation heat map instead of a card per Node; a pool expands (by keyboard) to its
 * Nodes' cards, capped; heat-map cells name their Node and its use in text, carry marks beside
 * colour, move by arrow keys and open the Node; the search box filters Nodes and Pods by name,
 * namespace and label. Expected numbers are computed from the simulation's result, not typed in.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Browser, Page } from 'playwright-core';
import { launch, openPreview, pageErrors, postAndRender, simulateExamples, simulateTexts } from './harness';
import type { SimulateResult } from '../../server/src/protocol';
import { previewResult } from '../../client/src/preview/message';

/** Used only inside page.evaluate callbacks, which run in the page (the root tsconfig has no DOM lib). */
declare const document: any;
declare const getComputedStyle: any;

/** Above the webview's AGGREGATE_ABOVE (1,000). */
const NODES = 1050;
const PODS = 1500;
const HOT = 'hot';
const CORDONED = 'eks-ng-1-301';

type Plan = { name: string; labels: Record<string, string>; cpu: number };

/** Each Node's name and labels: GKE, EKS and AKS pools, instance-type-only Nodes, one with no labels. */
function plan(): Plan[] {
  const out: Plan[] = [];
  for (let i = 0; i < NODES - 1; i++) {
    if (i < 300) out.push({ name: `gke-gpool-${i}`, labels: { 'cloud.google.com/gke-nodepool': 'gpool', 'topology.kubernetes.io/zone': `z-${i % 2}` }, cpu: 4 });
    else if (i < 600) out.push({ name: `eks-ng-1-${i}`, labels: { 'eks.amazonaws.com/nodegroup': 'ng-1', 'node.kubernetes.io/instance-type': 'm6i.large', 'topology.kubernetes.io/zone': `z-${i % 3}` }, cpu: 4 });
    else if (i < 800) out.push({ name: `aks-agent-${i}`, labels: { 'kubernetes.azure.com/agentpool': 'agent' }, cpu: 4 });
    else out.push({ name: `vm-${i}`, labels: { 'node.kubernetes.io/instance-type': i % 2 ? 'c5.xlarge' : 'm5.xlarge', 'topology.kubernetes.io/zone': 'z-0' }, cpu: 4 });
  }
  out.push({ name: HOT, labels: {}, cpu: 1 });
  return out;
}

/** The pool a planned Node belongs to, as the test states it (not the webview's code). */
function expectedPool(p: Plan): string {
  const l = p.labels;
  const by = l['cloud.google.com/gke-nodepool'] ? `cloud.google.com/gke-nodepool=${l['cloud.google.com/gke-nodepool']}` : l['eks.amazonaws.com/nodegroup'] ? `eks.amazonaws.com/nodegroup=${l['eks.amazonaws.com/nodegroup']}` : l['kubernetes.azure.com/agentpool'] ? `kubernetes.azure.com/agentpool=${l['kubernetes.azure.com/agentpool']}` : l['node.kubernetes.io/instance-type'] ? `node.kubernetes.io/instance-type=${l['node.kubernetes.io/instance-type']}` : 'no node-pool or instance-type label';
  const zone = l['topology.kubernetes.io/zone'];
  return zone ? `${by} · zone ${zone}` : by;
}

function nodesYaml(): string {
  return plan()
    .map((p) => {
      const labels = Object.entries(p.labels).map(([k, v]) => `\n    ${k}: ${v}`).join('');
      return `apiVersion: v1\nkind: Node\nmetadata:\n  name: ${p.name}\n  labels:${labels || ' {}'}\nspec:\n  unschedulable: ${p.name === CORDONED}\nstatus:\n  allocatable: {cpu: "${p.cpu}", memory: 16Gi, pods: "110"}\n`;
    })
    .join('---\n');
}

function podsYaml(hotPods: number): string {
  const out: string[] = [];
  for (let i = 0; i < PODS; i++) {
    const app = i % 10 === 0 ? 'web' : 'api';
    out.push(`apiVersion: v1\nkind: Pod\nmetadata:\n  name: ${app}-${i}\n  namespace: team-${i % 3}\n  labels: {app: ${app}}\nspec:\n  containers:\n  - name: c\n    image: nginx\n    resources:\n      requests: {cpu: 50m, memory: 64Mi}\n`);
  }
  // Pinned past the hot Node's 1 cpu: 160% when both are there.
  for (let i = 0; i < hotPods; i++) out.push(`apiVersion: v1\nkind: Pod\nmetadata:\n  name: pinned-${i}\n  namespace: ops\nspec:\n  nodeName: ${HOT}\n  containers:\n  - name: c\n    image: nginx\n    resources:\n      requests: {cpu: 800m}\n`);
  return out.join('---\n');
}

let browser: Browser;
let first: SimulateResult;
let second: SimulateResult;

before(async () => {
  const nodes = nodesYaml();
  first = simulateTexts({ 'nodes.yaml': nodes, 'pods.yaml': podsYaml(2) });
  second = simulateTexts({ 'nodes.yaml': nodes, 'pods.yaml': podsYaml(0) });
  browser = await launch();
});
after(async () => {
  await browser?.close();
});

/** Opens the preview with `result` as the panel posts it. */
async function open(result: SimulateResult = first, state?: unknown): Promise<Page> {
  const page = await openPreview(browser, { state });
  await postAndRender(page, { type: 'result', result: previewResult(result, undefined), whatIf: {} });
  return page;
}

async function done(page: Page): Promise<void> {
  assert.deepEqual(pageErrors(page), []);
  assert.deepEqual(await page.evaluate(() => (globalThis as any).__cspViolations), []);
  await page.close();
}

function useOf(n: SimulateResult['nodes'][number]): number {
  const r = (a: number | undefined, b: number | undefined) => ((b ?? 0) > 0 ? (a ?? 0) / b! : (a ?? 0) > 0 ? Infinity : 0);
  return Math.max(r(n.requested.cpu, n.allocatable.cpu), r(n.requested.memory, n.allocatable.memory), r(n.pods.length, n.allocatable.pods));
}

test('the generated result has what the assertions rely on', () => {
  assert.equal(first.nodes.length, NODES);
  assert.equal(first.pods.length, PODS + 2);
  const hot = first.nodes.find((n) => n.name === HOT)!;
  assert.equal(hot.pods.length, 2);
  assert.ok(useOf(hot) > 1, 'the hot Node is over-committed');
  assert.equal(second.nodes.find((n) => n.name === HOT)!.pods.length, 0);
  assert.deepEqual(first.pods.find((p) => p.podName === 'web-0')!.labels, { app: 'web' }, 'Pod entries carry their labels');
});

test('the panel posts a summary-detail result less what only the selected Pod\'s detail reads', () => {
  assert.equal(first.detail, 'summary');
  const placed = first.pods.filter((p) => p.status === 'scheduled' && p.ties?.length && Object.keys(p.scores).length);
  assert.ok(placed.length > 1, 'Pods with ties and scores');
  const [sel, other] = placed;
  const posted = previewResult(first, sel.name);
  const { source: _s, ...selWithout } = sel;
  assert.deepEqual(posted.pods.find((p) => p.name === sel.name), selWithout, 'the selected Pod whole but its location');
  const o = posted.pods.find((p) => p.name === other.name)!;
  assert.deepEqual([o.ties, o.skippedScorePlugins, o.source, o.scores], [undefined, undefined, undefined, {}]);
  assert.equal(o.status, other.status);
  assert.equal(o.node, other.node);
  assert.deepEqual(o.labels, other.labels);
  assert.ok(posted.nodes.every((n, i) => n.source === undefined && n.pods === first.nodes[i].pods));
  assert.ok(JSON.stringify(posted).length < JSON.stringify(first).length * 0.7, 'smaller');
  const full = { ...first, detail: 'full' as const };
  assert.equal(previewResult(full, undefined), full, 'full detail is posted as it is');
});

test('above the threshold: a row per node pool with its Nodes, Pods and requests of allocatable, and no card per Node', async () => {
  const page = await open();
  try {
    const byPool = new Map<string, string[]>();
    for (const p of plan()) byPool.set(expectedPool(p), [...(byPool.get(expectedPool(p)) ?? []), p.name]);
    const rows = await page.evaluate(() =>
      Array.from(document.querySelectorAll('tr.pool')).map((tr: any) => ({ name: tr.querySelector('button.pool-name').textContent, cells: Array.from(tr.querySelectorAll('td')).map((td: any) => td.textContent), expanded: tr.querySelector('button.pool-name').getAttribute('aria-expanded') })),
    );
    assert.equal(await page.locator('li.card').count(), 0, 'no Node cards');
    assert.deepEqual(rows.map((r) => r.name).sort(), [...byPool.keys()].sort());
    const nodeOf = new Map(first.nodes.map((n) => [n.name, n]));
    for (const r of rows) {
      const names = byPool.get(r.name)!;
      const pods = names.reduce((s, n) => s + nodeOf.get(n)!.pods.length, 0);
      const cpuReq = names.reduce((s, n) => s + (nodeOf.get(n)!.requested.cpu ?? 0), 0);
      const cpuAlloc = names.reduce((s, n) => s + (nodeOf.get(n)!.allocatable.cpu ?? 0), 0);
      assert.equal(r.cells[0], String(names.length), r.name);
      assert.equal(r.cells[1], String(pods), r.name);
      assert.ok(r.cells[2].endsWith(`(${Math.round((cpuReq / cpuAlloc) * 100)}%)`), `${r.name}: cpu ${r.cells[2]}`);
      assert.equal(r.expanded, 'false');
    }
    assert.ok(await page.locator('#pools th', { hasText: 'memory' }).count(), 'a memory column');
  } finally {
    await done(page);
  }
});

test('a pool expands from the keyboard to its Nodes\' cards (capped, with "more"), and collapses', async () => {
  const page = await open();
  try {
    const pool = 'cloud.google.com/gke-nodepool=gpool · zone z-0';
    const members = plan().filter((p) => expectedPool(p) === pool).map((p) => p.name);
    const toggle = page.locator('button.pool-name', { hasText: pool });
    await toggle.focus();
    await page.keyboard.press('Enter');
    assert.equal(await toggle.getAttribute('aria-expanded'), 'true');
    const shown = await page.evaluate(() => Array.from(document.querySelectorAll('li.card')).map((c: any) => c.getAttribute('data-node')));
    assert.equal(shown.length, 60);
    assert.deepEqual(shown, members.slice(0, 60), 'the pool\'s Nodes, in order');
    assert.equal(await page.evaluate(() => document.activeElement?.textContent), pool, 'focus stays on the pool');
    const more = page.locator('tr.pool-nodes button.more');
    assert.equal(await more.textContent(), `Show 60 more of ${members.length - 60} Nodes not shown`);
    await more.click();
    assert.equal(await page.locator('li.card').count(), 120);
    assert.deepEqual((await page.evaluate(() => (globalThis as any).__state.pools)).length, 1, 'the expanded pool is saved state');
    await toggle.focus();
    await page.keyboard.press('Enter');
    assert.equal(await toggle.getAttribute('aria-expanded'), 'false');
    assert.equal(await page.locator('li.card').count(), 0);
  } finally {
    await done(page);
  }
});

test('the heat map: a cell per Node named in text, marks beside colour, arrow keys, Enter opens the Node', async () => {
  const page = await open();
  try {
    assert.equal(await page.locator('.heatmap .cell').count(), NODES);
    assert.equal(await page.locator('.heatmap .cell[tabindex="0"]').count(), 1, 'one tab stop');
    const hot = page.locator(`.heatmap .cell[data-node="${HOT}"]`);
    const hotUse = Math.round(useOf(first.nodes.find((n) => n.name === HOT)!) * 100);
    assert.match((await hot.getAttribute('aria-label'))!, new RegExp(`^${HOT}: ${hotUse}% used — cpu ${hotUse}%`));
    assert.equal(await hot.evaluate((e: any) => getComputedStyle(e, '::after').content), '"✕"', 'over-commitment is marked, not only coloured');
    assert.match((await page.locator(`.heatmap .cell[data-node="${CORDONED}"]`).getAttribute('aria-label'))!, /\(cordoned\)/);
    const over = first.nodes.filter((n) => useOf(n) >= 1.0000001).length;
    const cordoned = first.nodes.filter((n) => n.unschedulable).length;
    const summary = (await page.locator('#heatmap-summary').textContent())!;
    assert.ok(summary.startsWith(`${NODES} Nodes by the highest`), summary);
    assert.ok(summary.includes(`${over} over 100%`) && summary.includes(`${cordoned} cordoned`), summary);
    assert.equal(await page.locator('#heatmap').getAttribute('aria-describedby'), 'heatmap-summary');

    // Arrow keys: by cell, by row (the grid's columns as laid out), to the ends.
    await page.locator('.heatmap .cell[tabindex="0"]').focus();
    const at = () => page.evaluate(() => Array.prototype.indexOf.call(document.querySelector('.heatmap').children, document.activeElement));
    assert.equal(await at(), 0);
    await page.keyboard.press('ArrowRight');
    assert.equal(await at(), 1);
    const cols = await page.evaluate(() => {
      const cells = Array.from(document.querySelector('.heatmap').children) as any[];
      return cells.filter((c) => c.offsetTop === cells[0].offsetTop).length;
    });
    await page.keyboard.press('ArrowDown');
    assert.equal(await at(), 1 + cols);
    assert.equal(await page.locator('.heatmap .cell[tabindex="0"]').count(), 1);
    await page.keyboard.press('End');
    assert.equal(await at(), NODES - 1);

    // Enter on a cell: its pool opens and its card has the focus.
    await page.locator(`.heatmap .cell[data-node="${CORDONED}"]`).focus();
    await page.keyboard.press('Enter');
    assert.equal(await page.evaluate(() => document.activeElement?.closest('li.card')?.getAttribute('data-node')), CORDONED);
    assert.equal(await page.locator(`li.card[data-node="${CORDONED}"] .badge.warn`).textContent(), 'cordoned');
  } finally {
    await done(page);
  }
});

test('a result with a focus (the Node lens clicked) opens that Node\'s pool and focuses its card', async () => {
  const page = await openPreview(browser);
  try {
    await postAndRender(page, { type: 'result', result: previewResult(first, undefined), whatIf: {}, focus: { focusNode: HOT } });
    assert.equal(await page.evaluate(() => document.activeElement?.closest('li.card')?.getAttribute('data-node')), HOT);
    assert.equal(await page.locator(`button.pool-name[aria-expanded="true"]`).textContent(), expectedPool(plan().find((p) => p.name === HOT)!));
    assert.equal(await page.locator('li.card').count(), 1, 'the hot Node is its pool');
  } finally {
    await done(page);
  }
});

test('a new result keeps the heat map cells and changes only what changed', async () => {
  const page = await open();
  try {
    await page.evaluate(() => {
      (globalThis as any).__cell = document.querySelector('.heatmap .cell');
      (globalThis as any).__hot = document.querySelector('.heatmap .cell[data-node="hot"]');
    });
    await postAndRender(page, { type: 'result', result: previewResult(second, undefined), whatIf: {} });
    const kept = await page.evaluate(() => ({ first: (globalThis as any).__cell === document.querySelector('.heatmap .cell'), hot: (globalThis as any).__hot === document.querySelector('.heatmap .cell[data-node="hot"]') }));
    assert.deepEqual(kept, { first: true, hot: true });
    const hot = page.locator(`.heatmap .cell[data-node="${HOT}"]`);
    assert.doesNotMatch((await hot.getAttribute('class'))!, /over/);
    assert.match((await hot.getAttribute('aria-label'))!, /^hot: 0% used/);
  } finally {
    await done(page);
  }
});

test('search: "/" reaches it; Pods by label and namespace, Nodes by name and label, capped; Escape clears', async () => {
  const page = await open();
  try {
    await page.locator('body').press('/');
    assert.equal(await page.evaluate(() => document.activeElement?.id), 'search');
    await page.keyboard.type('app=web');
    const web = first.pods.filter((p) => p.labels?.app === 'web');
    assert.ok(web.length > 100);
    assert.equal(await page.locator('#search-count').textContent(), `0 Nodes and ${web.length} Pods match “app=web”`);
    assert.deepEqual(
      await page.evaluate(() => Array.from(document.querySelectorAll('.found-pods [data-found-pod]')).map((e: any) => e.getAttribute('data-found-pod'))),
      web.slice(0, 100).map((p) => p.name),
    );
    assert.equal(await page.locator('#search-results button.more').textContent(), `Show ${Math.min(100, web.length - 100)} more of ${web.length - 100} Pods not shown`);
    assert.equal(await page.locator('#pools').count(), 0, 'the results replace the pools and the heat map');
    assert.equal(await page.evaluate(() => document.activeElement?.id), 'search', 'typing keeps the focus');

    await page.fill('#search', 'team-1/ app=web');
    const both = web.filter((p) => p.namespace === 'team-1').length;
    assert.equal(await page.locator('#search-count').textContent(), `0 Nodes and ${both} Pods match “team-1/ app=web”`);

    await page.fill('#search', 'topology.kubernetes.io/zone=z-1 eks');
    const nodes = first.nodes.filter((n) => n.labels['topology.kubernetes.io/zone'] === 'z-1' && n.name.includes('eks'));
    assert.equal(await page.locator('#search-count').textContent(), `${nodes.length} Nodes and 0 Pods match “topology.kubernetes.io/zone=z-1 eks”`);
    assert.deepEqual(
      await page.evaluate(() => Array.from(document.querySelectorAll('#search-results li.card')).map((e: any) => e.getAttribute('data-node'))),
      nodes.slice(0, 50).map((n) => n.name),
    );

    await page.focus('#search');
    await page.keyboard.press('Escape');
    assert.equal(await page.inputValue('#search'), '');
    assert.equal(await page.locator('#search-results').count(), 0);
    assert.equal(await page.locator('tr.pool').count() > 1, true, 'the pools are back');
  } finally {
    await done(page);
  }
});

test('below the threshold the cards stay, and the search filters them', async () => {
  const examples = simulateExamples();
  const page = await open(examples);
  try {
    assert.equal(await page.locator('#pools').count(), 0);
    assert.equal(await page.locator('#heatmap').count(), 0);
    assert.equal(await page.locator('li.card').count(), examples.nodes.length);
    const target = examples.nodes[examples.nodes.length - 1].name;
    await page.fill('#search', target);
    const expected = examples.nodes.filter((n) => n.name.toLowerCase().includes(target.toLowerCase())).map((n) => n.name);
    assert.deepEqual(await page.evaluate(() => Array.from(document.querySelectorAll('li.card')).map((e: any) => e.getAttribute('data-node'))), expected);
    await page.fill('#search', '');
    assert.equal(await page.locator('li.card').count(), examples.nodes.length);
  } finally {
    await done(page);
  }
});
