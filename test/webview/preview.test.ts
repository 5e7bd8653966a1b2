/**
 * The scheduling preview webview, bundled (dist/webview/webview.js), in headless Chromium: a result
 * from the real engine on examples/ goes in, the DOM is asserted; clicks and keys come out as
 * protocol messages.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Browser, Page } from 'playwright-core';
import { launch, openPreview, pageErrors, post, posted, simulateExamples, simulateTexts } from './harness';

/** Used only inside page.evaluate callbacks, which run in the page (the root tsconfig has no DOM lib). */
declare const document: any;

let browser: Browser;
const result = simulateExamples();
const RENDER_FARM = result.pods.find((p) => p.name === 'media/render-farm')!;

before(async () => {
  browser = await launch();
});
after(async () => {
  await browser?.close();
});

async function withResult(fn: (page: Page) => Promise<void>, state?: unknown): Promise<void> {
  const page = await openPreview(browser, { state });
  try {
    await post(page, { type: 'result', result, whatIf: {} });
    await page.waitForSelector('#summary');
    await fn(page);
    assert.deepEqual(pageErrors(page), []);
    assert.deepEqual(await page.evaluate(() => (globalThis as any).__cspViolations), [], 'the bundle runs under the host CSP without violations');
  } finally {
    await page.close();
  }
}

test('the engine result on examples/ has what the assertions rely on', () => {
  assert.equal(RENDER_FARM.status, 'unschedulable');
  assert.ok(RENDER_FARM.message && RENDER_FARM.message.startsWith('0/3 nodes are available'));
  assert.equal(result.pods.find((p) => p.name === 'shop/web')?.node, 'worker-1');
});

test('renders the summary, Node cards with resource bars and Pods, and the unschedulable Pod with its exact message', async () => {
  await withResult(async (page) => {
    assert.equal(await page.textContent('#summary'), '6 of 7 Pods placed on 3 Nodes · 1 unschedulable');
    const cards = await page.$$eval('li.card', (els) => els.map((e) => e.getAttribute('data-node')));
    assert.deepEqual(cards, ['worker-1', 'worker-2', 'gpu-1']);
    const onWorker1 = await page.$$eval('li.card[data-node="worker-1"] button.pod', (els) => els.map((e) => e.textContent));
    assert.ok(onWorker1.includes('shop/web'), `shop/web on worker-1: ${onWorker1.join(', ')}`);
    const meters = await page.$$eval('li.card[data-node="worker-1"] [role="meter"]', (els) => els.map((e) => [e.getAttribute('aria-label'), e.getAttribute('aria-valuetext')]));
    assert.deepEqual(
      meters.map((m) => m[0]),
      ['cpu', 'memory', 'ephemeral-storage', 'pods'].filter((r) => meters.some((m) => m[0] === r)),
    );
    assert.equal(meters.find((m) => m[0] === 'cpu')?.[1], '800m / 1930m requested');
    assert.ok(meters.find((m) => m[0] === 'pods')?.[1]?.startsWith('2 / 110'), JSON.stringify(meters));
    const msg = await page.textContent('[data-unschedulable="media/render-farm"] .message');
    assert.equal(msg, RENDER_FARM.message);
    assert.match((await page.textContent('#unsched-h')) ?? '', /Unschedulable \(1\)/);
    assert.equal(await page.$eval('ul.nodes', (e) => (globalThis as any).getComputedStyle(e).display), 'grid', 'the stylesheet loaded under the CSP');
  });
});

test('clicking a Pod selects it (state), shows per-Node filters and scores, and asks the host to reveal it', async () => {
  await withResult(async (page) => {
    await page.click('li.card[data-node="worker-1"] button.pod[data-pod="shop/web"]');
    await page.waitForSelector('#detail');
    const out = await posted(page);
    assert.deepEqual(out.slice(-2), [{ type: 'select', pod: 'shop/web' }, { type: 'reveal', target: 'pod', name: 'shop/web' }], 'the host learns the selection (it asks for that Pod\'s detail)');
    assert.equal((await page.evaluate(() => (globalThis as any).__state)).selectedPod, 'shop/web');
    assert.equal(await page.textContent('#detail-h'), 'shop/web');
    const chosen = await page.$$eval('#detail tr.chosen', (els) => els.map((e) => e.getAttribute('data-detail-node')));
    assert.deepEqual(chosen, ['worker-1']);
    const web = result.pods.find((p) => p.name === 'shop/web')!;
    const total = await page.textContent('#detail tr.chosen td.total');
    assert.equal(total, String(web.scores['worker-1'].total));
    assert.equal(await page.getAttribute('button.pod[data-pod="shop/web"]', 'aria-pressed'), 'true');

    // The unschedulable Pod: every Node shows its filter verdict (plugin: reason).
    await page.click('[data-unschedulable="media/render-farm"] button.pod');
    await page.waitForFunction(() => document.getElementById('detail-h')?.textContent === 'media/render-farm');
    const verdicts = await page.$$eval('#detail tbody tr', (rows) => rows.map((r) => [r.getAttribute('data-detail-node'), r.querySelector('td')?.textContent]));
    for (const [node, text] of verdicts) {
      const reason = RENDER_FARM.filters[node!];
      assert.ok(reason && text?.includes(reason), `${node}: ${text}`);
      assert.ok(text?.startsWith(RENDER_FARM.filterPlugins[node!]), `${node}: ${text}`);
    }
    assert.equal((await page.$$('#detail tr.chosen')).length, 0);

    // Node name → reveal the Node.
    await page.click('li.card[data-node="gpu-1"] button.node-name');
    assert.deepEqual((await posted(page)).at(-1), { type: 'reveal', target: 'node', name: 'gpu-1' });
  });
});

test('keyboard: arrows move between Pods, Enter selects, Escape closes the detail', async () => {
  await withResult(async (page) => {
    await page.focus('button.pod');
    const first = await page.evaluate(() => document.activeElement?.getAttribute('data-pod'));
    await page.keyboard.press('ArrowDown');
    const second = await page.evaluate(() => document.activeElement?.getAttribute('data-pod'));
    assert.notEqual(second, first);
    await page.keyboard.press('Enter');
    await page.waitForSelector('#detail');
    assert.deepEqual((await posted(page)).at(-1), { type: 'reveal', target: 'pod', name: second });
    assert.equal(await page.evaluate(() => document.activeElement?.getAttribute('data-pod')), second, 'focus survives the re-render');
    await page.keyboard.press('Escape');
    assert.equal(await page.$('#detail'), null);
    assert.deepEqual((await posted(page)).at(-1), { type: 'select', pod: null });
  });
});

test('a restored panel keeps its selection, and a new result keeps it too', async () => {
  await withResult(
    async (page) => {
      assert.deepEqual((await posted(page)).slice(0, 2), [{ type: 'select', pod: 'shop/web' }, { type: 'ready' }], 'the host knows the selection before it simulates');
      assert.equal(await page.textContent('#detail-h'), 'shop/web');
      await post(page, { type: 'result', result, whatIf: {} });
      assert.equal(await page.textContent('#detail-h'), 'shop/web');
    },
    { selectedPod: 'shop/web' },
  );
});

test('room for more: asks the host, shows the answer, marks the probe replicas', async () => {
  await withResult(async (page) => {
    const key = 'Deployment/shop/api';
    await page.click(`[data-workload="${key}"] button:has-text("Room for more?")`);
    assert.deepEqual((await posted(page)).at(-1), { type: 'capacity', workload: key });
    // The host's answer: the result with the question answered and one probe replica placed.
    const probe = { ...result.pods.find((p) => p.workload?.name === 'api')!, name: 'shop/api-probe-1', podName: 'api-probe-1', capacityProbe: true };
    const nodes = result.nodes.map((n) => (n.name === probe.node ? { ...n, pods: [...n.pods, probe.name] } : n));
    const answered = { ...result, nodes, pods: [...result.pods, probe], capacity: { workload: key, current: 3, fit: 1, tried: 2, max: 1000, blocker: { pod: 'shop/api-probe-2', message: '0/3 nodes are available: 3 Insufficient cpu.' } } };
    await post(page, { type: 'result', result: answered, whatIf: {} });
    assert.equal(await page.textContent(`[data-capacity="${key}"]`), '1 more replica fit; the next one does not: 0/3 nodes are available: 3 Insufficient cpu.');
    assert.equal(await page.getAttribute('button.pod[data-pod="shop/api-probe-1"]', 'class'), `pod status-${probe.status} probe`);
    // The probe is not counted as a replica of the workload.
    assert.equal(await page.textContent(`[data-workload="${key}"] .wl-count`), '3');
    await page.click(`[data-workload="${key}"] button:has-text("Hide room")`);
    assert.deepEqual((await posted(page)).at(-1), { type: 'capacity', workload: null });
  });
});

test('what-if: drain and +1 copy post their what-if; the header says what is assumed', async () => {
  await withResult(async (page) => {
    await page.click('li.card[data-node="worker-2"] .actions button:has-text("Drain")');
    assert.deepEqual((await posted(page)).at(-1).whatIf.drain, ['worker-2']);
    await page.click('li.card[data-node="worker-1"] .actions button:has-text("+1 copy")');
    assert.deepEqual((await posted(page)).at(-1).whatIf.copies, { 'worker-1': 1 });
    await page.click('li.card[data-node="worker-1"] .actions button:has-text("+1 copy")');
    assert.deepEqual((await posted(page)).at(-1).whatIf.copies, { 'worker-1': 2 });
    await post(page, { type: 'result', result, whatIf: { drain: ['worker-2'], copies: { 'worker-1': 2 } } });
    const note = await page.textContent('.whatif-note');
    assert.match(note!, /drained: worker-2/);
    assert.match(note!, /worker-1 \+ 2 copies/);
  });
});

test('what-if: cordon and remove post a what-if; a what-if result shows the reset', async () => {
  await withResult(async (page) => {
    await page.click('li.card[data-node="worker-1"] .actions button:has-text("Cordon")');
    assert.deepEqual((await posted(page)).at(-1), { type: 'whatIf', whatIf: { cordon: ['worker-1'], uncordon: [] } });
    await page.click('li.card[data-node="gpu-1"] .actions button:has-text("Remove")');
    const last = (await posted(page)).at(-1);
    assert.deepEqual(last.whatIf.remove, ['gpu-1']);
    await page.click('[data-workload="Deployment/shop/api"] button:has-text("+")');
    assert.deepEqual((await posted(page)).at(-1).whatIf.replicas, { 'Deployment/shop/api': 4 });
    await post(page, { type: 'result', result, whatIf: { remove: ['gpu-1'] } });
    await page.click('button:has-text("Reset what-if")');
    assert.deepEqual((await posted(page)).at(-1), { type: 'whatIf', whatIf: {} });
  });
});

test('empty states: no Nodes explains and offers a sample nodes.yaml; no Pods says so', async () => {
  const page = await openPreview(browser);
  try {
    await post(page, { type: 'result', result: simulateTexts({ 'web-pod.yaml': 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: a\nspec:\n  containers:\n  - name: c\n    image: nginx\n' }), whatIf: {} });
    await page.waitForSelector('#empty-nodes-h');
    await page.click('button:has-text("Open a sample nodes.yaml")');
    assert.deepEqual((await posted(page)).at(-1), { type: 'openSampleNodes' });
    await post(page, { type: 'result', result: simulateTexts({ 'nodes.yaml': 'apiVersion: v1\nkind: Node\nmetadata:\n  name: n1\nstatus:\n  allocatable:\n    cpu: "2"\n    memory: 4Gi\n    pods: "10"\n' }), whatIf: {} });
    await page.waitForSelector('#no-pods');
    assert.equal(await page.$('#empty-nodes-h'), null);
    assert.match((await page.textContent('#summary')) ?? '', /^0 Pods on 1 Node/);
    assert.deepEqual(pageErrors(page), []);
  } finally {
    await page.close();
  }
});

test('messages that do not match the protocol are ignored; an error message is shown', async () => {
  await withResult(async (page) => {
    const before = await page.textContent('#app');
    for (const bad of [null, 'result', { type: 'result', result: 'x' }, { type: 'result', result: { ...result, nodes: [{ name: 1 }] }, whatIf: {} }, { type: 'nope' }]) await post(page, bad);
    assert.equal(await page.textContent('#app'), before);
    await post(page, { type: 'error', message: 'server <b>down</b>' });
    assert.equal(await page.textContent('[role="alert"]'), 'The simulation failed: server <b>down</b>');
  });
});
