/**
 * A large result (181 Nodes, 1,540 Pods, one Node with 40 Pods) in headless Chromium: Node cards
 * out of view start empty and are filled as they come into view or as the keyboard reaches
 * them, a long Pod list is collapsed behind a "more" button, and a new result keeps the
 * unchanged cards (the same elements), the selection and the scroll position.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Browser, Page } from 'playwright-core';
import { launch, openPreview, pageErrors, postAndRender, posted, simulateTexts } from './harness';
import type { SimulateResult } from '../../server/src/protocol';

/** Used only inside page.evaluate callbacks, which run in the page (the root tsconfig has no DOM lib). */
declare const document: any;
declare const window: any;

const NODES = 180;
const PODS = 1500;
const BIG = 'zz-big';

function nodes(): string {
  const out: string[] = [];
  for (let i = 0; i < NODES; i++) {
    const cpu = i % 50 === 7 ? 16 : 4;
    out.push(`apiVersion: v1\nkind: Node\nmetadata:\n  name: n-${String(i).padStart(3, '0')}\n  labels:\n    topology.kubernetes.io/zone: z-${i % 3}\nstatus:\n  allocatable: {cpu: "${cpu}", memory: 32Gi, pods: "110"}\n`);
  }
  out.push(`apiVersion: v1\nkind: Node\nmetadata:\n  name: ${BIG}\nstatus:\n  allocatable: {cpu: "64", memory: 256Gi, pods: "110"}\n`);
  return out.join('---\n');
}

function pod(name: string, cpu: string, extra = ''): string {
  return `apiVersion: v1\nkind: Pod\nmetadata:\n  name: ${name}\n  namespace: t\nspec:\n${extra}  containers:\n  - name: c\n    image: nginx\n    resources:\n      requests: {cpu: ${cpu}, memory: 64Mi}\n`;
}

/** The mover is last in the queue, so changing its request moves it alone. */
function pods(moverCpu: string): string {
  const out: string[] = [];
  for (let i = 0; i < 40; i++) out.push(pod(`pinned-${String(i).padStart(2, '0')}`, '100m', `  nodeName: ${BIG}\n`));
  for (let i = 0; i < PODS - 1; i++) out.push(pod(`p-${i}`, `${100 + (i % 7) * 10}m`, '  nodeSelector: {topology.kubernetes.io/zone: z-' + (i % 3) + '}\n'));
  out.push(pod('mover', moverCpu, '  nodeSelector: {topology.kubernetes.io/zone: z-1}\n'));
  return out.join('---\n');
}

let browser: Browser;
let first: SimulateResult;
let second: SimulateResult;

before(async () => {
  first = simulateTexts({ 'nodes.yaml': nodes(), 'pods.yaml': pods('100m') });
  second = simulateTexts({ 'nodes.yaml': nodes(), 'pods.yaml': pods('6000m') });
  browser = await launch();
});
after(async () => {
  await browser?.close();
});

async function open(state?: unknown): Promise<Page> {
  const page = await openPreview(browser, { state });
  await postAndRender(page, { type: 'result', result: first, whatIf: {} });
  return page;
}

/** Scrolls a card into view (it is filled then) and shows all its Pods. */
async function showAll(page: Page, node: string): Promise<void> {
  const card = page.locator(`li.card[data-node="${node}"]`);
  await card.scrollIntoViewIfNeeded();
  await page.waitForSelector(`li.card[data-node="${node}"]:not(.shell):not(.stale)`);
  if (await card.locator('button.more').count()) await card.locator('button.more').click();
}

async function done(page: Page): Promise<void> {
  assert.deepEqual(pageErrors(page), []);
  assert.deepEqual(await page.evaluate(() => (globalThis as any).__cspViolations), []);
  await page.close();
}

test('the generated result has what the assertions rely on', () => {
  assert.equal(first.nodes.length, NODES + 1);
  assert.equal(first.pods.length, PODS + 40);
  assert.equal(first.nodes.at(-1)!.pods.length, 40);
  assert.equal(first.detail, 'summary', 'per-Node detail as the server sends it for a cluster this large');
  const a = first.pods.find((p) => p.podName === 'mover')!;
  const b = second.pods.find((p) => p.podName === 'mover')!;
  assert.ok(a.node && b.node && a.node !== b.node, `the mover moves: ${a.node} → ${b.node}`);
  const changed = first.nodes.filter((n, i) => JSON.stringify(n) !== JSON.stringify(second.nodes[i])).map((n) => n.name);
  assert.deepEqual(changed.sort(), [a.node, b.node].sort(), 'only the two Nodes change');
});

test('every Node has a card; cards out of view stay empty until they come into view', async () => {
  const page = await open();
  try {
    const counts = await page.evaluate(() => ({
      cards: document.querySelectorAll('li.card').length,
      shells: document.querySelectorAll('li.card.shell').length,
      pods: document.querySelectorAll('li.card button.pod').length,
    }));
    assert.equal(counts.cards, NODES + 1);
    assert.ok(counts.shells > NODES / 2, `most cards are not filled yet: ${JSON.stringify(counts)}`);
    assert.ok(counts.pods > 0 && counts.pods < PODS / 2, JSON.stringify(counts));
    // Every card in the viewport is filled.
    const emptyInView = await page.evaluate(() =>
      Array.from(document.querySelectorAll('li.card.shell')).filter((e: any) => {
        const r = e.getBoundingClientRect();
        return r.bottom > 0 && r.top < window.innerHeight;
      }).length,
    );
    assert.equal(emptyInView, 0);
    // Scrolled into view, the last card is filled; its 40 Pods show 16 and a "more" button.
    const big = page.locator(`li.card[data-node="${BIG}"]`);
    assert.equal(await big.locator('button.pod').count(), 0);
    await big.scrollIntoViewIfNeeded();
    await page.waitForSelector(`li.card[data-node="${BIG}"] button.more`);
    assert.equal(await big.locator('button.pod').count(), 16);
    assert.equal(await big.locator('button.more').textContent(), 'Show 24 more Pods');
    assert.equal(await big.locator('button.more').getAttribute('aria-expanded'), 'false');
  } finally {
    await done(page);
  }
});

test('keyboard: the arrows go on into a card not filled yet, and through "more" to a collapsed Pod, which Enter selects', async () => {
  const page = await open();
  try {
    // The last Pod of the last filled card: ArrowDown fills the next card and focuses its first Pod.
    const last = await page.evaluate(() => {
      const filled = Array.from(document.querySelectorAll('li.card:not(.shell)')).filter((c: any) => c.querySelector('button.pod'));
      const card = filled.at(-1) as any;
      const next = card.nextElementSibling;
      return { pod: (Array.from(card.querySelectorAll('button.pod')).at(-1) as any).getAttribute('data-pod'), next: next.getAttribute('data-node'), nextShell: next.classList.contains('shell') };
    });
    assert.ok(last.nextShell, 'the next card is not filled yet');
    await page.focus(`button.pod[data-pod="${last.pod}"]`);
    await page.keyboard.press('ArrowDown');
    const now = await page.evaluate(() => ({ pod: document.activeElement?.getAttribute('data-pod'), node: document.activeElement?.closest('li.card')?.getAttribute('data-node') }));
    assert.equal(now.node, last.next);
    assert.equal(now.pod, first.nodes.find((n) => n.name === last.next)!.pods[0]);
    await page.keyboard.press('ArrowUp');
    assert.equal(await page.evaluate(() => document.activeElement?.getAttribute('data-pod')), last.pod);

    // The collapsed list: from its last shown Pod, ArrowDown reaches "more"; Enter shows the rest
    // and focuses the first of them; Enter selects it.
    const big = first.nodes.at(-1)!;
    await page.locator(`li.card[data-node="${BIG}"]`).scrollIntoViewIfNeeded();
    await page.waitForSelector(`li.card[data-node="${BIG}"] button.more`);
    await page.focus(`button.pod[data-pod="${big.pods[15]}"]`);
    await page.keyboard.press('ArrowDown');
    assert.equal(await page.evaluate(() => document.activeElement?.className), 'more');
    await page.keyboard.press('Enter');
    assert.equal(await page.locator(`li.card[data-node="${BIG}"] button.pod`).count(), 40);
    assert.equal(await page.evaluate(() => document.activeElement?.getAttribute('data-pod')), big.pods[16]);
    await page.keyboard.press('ArrowDown');
    assert.equal(await page.evaluate(() => document.activeElement?.getAttribute('data-pod')), big.pods[17]);
    await page.keyboard.press('Enter');
    await page.waitForSelector('#detail');
    assert.equal(await page.textContent('#detail-h'), big.pods[17]);
    assert.deepEqual((await posted(page)).at(-1), { type: 'reveal', target: 'pod', name: big.pods[17] });
    assert.equal(await page.getAttribute(`button.pod[data-pod="${big.pods[17]}"]`, 'aria-pressed'), 'true');
    assert.equal(await page.evaluate(() => document.activeElement?.getAttribute('data-pod')), big.pods[17], 'focus stays on the Pod');
  } finally {
    await done(page);
  }
});

test('a restored panel selecting a Pod hidden in a collapsed list shows it, with its detail', async () => {
  const hidden = first.nodes.at(-1)!.pods[30];
  const page = await open({ selectedPod: hidden });
  try {
    assert.equal(await page.textContent('#detail-h'), hidden);
    await page.locator(`li.card[data-node="${BIG}"]`).scrollIntoViewIfNeeded();
    await page.waitForSelector(`li.card[data-node="${BIG}"] button.pod[aria-pressed="true"]`);
    assert.equal(await page.getAttribute(`li.card[data-node="${BIG}"] button.pod[aria-pressed="true"]`, 'data-pod'), hidden);
    assert.equal(await page.locator(`li.card[data-node="${BIG}"] button.more`).count(), 0, 'the list holding the selected Pod is expanded');
  } finally {
    await done(page);
  }
});

test('an update keeps the unchanged cards, the selection, the focus and the scroll position; the changed cards show the new placement', async () => {
  const page = await open();
  try {
    const moverFrom = first.pods.find((p) => p.podName === 'mover')!.node!;
    const moverTo = second.pods.find((p) => p.podName === 'mover')!.node!;
    // A Pod on a Node the update does not change, in the middle of the list.
    const middle = first.nodes.slice(NODES / 2).find((n) => n.name !== moverFrom && n.name !== moverTo && n.pods.length)!;
    const selectedNode = middle.name;
    const selected = middle.pods[0];
    // Select a Pod in the middle of the list (its card filled on the way), then scroll there.
    await page.locator(`li.card[data-node="${selectedNode}"]`).scrollIntoViewIfNeeded();
    await page.click(`button.pod[data-pod="${selected}"]`);
    await page.waitForSelector('#detail');
    await showAll(page, moverFrom);
    await page.waitForSelector(`li.card[data-node="${moverFrom}"] button.pod[data-pod="t/mover"]`);
    await page.focus(`li.card[data-node="${moverFrom}"] button.node-name`);
    const mark = await page.evaluate((names) => {
      for (const c of document.querySelectorAll('li.card')) c.__mark = c.getAttribute('data-node');
      const card = document.querySelector(`li.card[data-node="${names.from}"]`);
      return { scrollY: window.scrollY, top: card.getBoundingClientRect().top, focus: document.activeElement?.getAttribute('data-focus') };
    }, { from: moverFrom });

    await postAndRender(page, { type: 'result', result: second, whatIf: {} });

    const after = await page.evaluate((names) => {
      const cards = Array.from(document.querySelectorAll('li.card')) as any[];
      return {
        kept: cards.filter((c) => c.__mark === c.getAttribute('data-node')).map((c) => c.getAttribute('data-node')),
        scrollY: window.scrollY,
        top: document.querySelector(`li.card[data-node="${names.from}"]`).getBoundingClientRect().top,
        focus: document.activeElement?.getAttribute('data-focus'),
        pressed: Array.from(document.querySelectorAll('button.pod[aria-pressed="true"]')).map((b: any) => b.getAttribute('data-pod')),
        onFrom: Array.from(document.querySelectorAll(`li.card[data-node="${names.from}"] button.pod`)).map((b: any) => b.getAttribute('data-pod')),
      };
    }, { from: moverFrom });
    assert.equal(after.kept.length, NODES + 1, 'every card element is kept (the changed ones are refilled in place)');
    assert.equal(after.scrollY, mark.scrollY);
    assert.equal(after.top, mark.top);
    assert.equal(after.focus, mark.focus);
    assert.deepEqual(after.pressed, [selected]);
    assert.equal(await page.textContent('#detail-h'), selected);
    assert.ok(!after.onFrom.includes('t/mover'), 'the card in view shows the mover gone');
    // The card the mover went to is current once it is in view.
    await showAll(page, moverTo);
    await page.waitForSelector(`li.card[data-node="${moverTo}"] button.pod[data-pod="t/mover"]`);
  } finally {
    await done(page);
  }
});

test('an update leaves unchanged cards untouched: the same elements with the same content', async () => {
  const page = await open();
  try {
    const before = await page.evaluate(() => {
      const out: Record<string, number> = {};
      for (const c of document.querySelectorAll('li.card:not(.shell)')) {
        const first = c.firstElementChild;
        first.__old = 1;
        out[c.getAttribute('data-node')] = 1;
      }
      return Object.keys(out);
    });
    await postAndRender(page, { type: 'result', result: second, whatIf: {} });
    const moverFrom = first.pods.find((p) => p.podName === 'mover')!.node!;
    const moverTo = second.pods.find((p) => p.podName === 'mover')!.node!;
    const untouched = await page.evaluate((names) => names.filter((n: string) => document.querySelector(`li.card[data-node="${n}"]`)?.firstElementChild?.__old === 1), before);
    assert.deepEqual(
      untouched,
      before.filter((n) => n !== moverFrom && n !== moverTo),
    );
  } finally {
    await done(page);
  }
});

test('a restored scroll position shows filled cards', async () => {
  const page = await open({ scrollY: 4000 });
  try {
    const seen = await page.evaluate(() => ({
      scrollY: window.scrollY,
      emptyInView: Array.from(document.querySelectorAll('li.card.shell')).filter((e: any) => {
        const r = e.getBoundingClientRect();
        return r.bottom > 0 && r.top < window.innerHeight;
      }).length,
      filledInView: Array.from(document.querySelectorAll('li.card:not(.shell)')).filter((e: any) => {
        const r = e.getBoundingClientRect();
        return r.bottom > 0 && r.top < window.innerHeight;
      }).length,
    }));
    // Near the saved position: filling the cards above it (by estimate until then) may move it
    // a little, which scroll anchoring absorbs to keep what is in view in place.
    assert.ok(Math.abs(seen.scrollY - 4000) < 200, String(seen.scrollY));
    assert.equal(seen.emptyInView, 0);
    assert.ok(seen.filledInView > 0);
  } finally {
    await done(page);
  }
});

test('the detail of a Pod folds the Nodes the simulation did not evaluate into one row that lists them', async () => {
  const page = await open();
  try {
    const pod = first.pods.find((p) => p.name === first.nodes[0].pods[0])!; // on the first card, in view
    await page.click(`button.pod[data-pod="${pod.name}"]`);
    await page.waitForSelector('#detail');
    // Summary detail: the chosen Node's scores, the Nodes tied with it, and any verdicts kept.
    const ties = new Set(pod.ties ?? []);
    const evaluated = first.nodes.filter((n) => n.name in pod.filters || n.name in pod.scores || ties.has(n.name)).map((n) => n.name);
    const notEvaluated = NODES + 1 - evaluated.length;
    assert.ok(evaluated.includes(pod.node!) && notEvaluated > 20, `${evaluated.length} evaluated`);
    const rows = await page.$$eval('#detail tbody tr[data-detail-node]', (els) => els.map((e) => [e.getAttribute('data-detail-node'), e.querySelector('td')?.textContent]));
    assert.deepEqual(
      rows.map(([n]) => n),
      evaluated,
      'only the evaluated Nodes have a row',
    );
    for (const [n, text] of rows) if (pod.filters[n!]) assert.equal(text, `${pod.filterPlugins[n!]}: ${pod.filters[n!]}`);
    assert.equal(await page.textContent('#detail tr.chosen td.total'), String(pod.scores[pod.node!].total));
    // Tied Nodes: a badge on each listed one, and how many there were in all.
    assert.equal(await page.locator('#detail tbody th .badge', { hasText: /^tie$/ }).count(), ties.size);
    if ((pod.tieCount ?? 0) > 1) assert.match((await page.textContent('#detail p')) ?? '', new RegExp(`${pod.tieCount} Nodes tied for the best total`));
    assert.match((await page.textContent('#detail tr.folded')) ?? '', new RegExp(`^${notEvaluated} Nodes not evaluated`));
    await page.click('#detail tr.folded button');
    await page.waitForSelector('#detail tr.folded', { state: 'detached' });
    const all = await page.$$eval('#detail tbody tr[data-detail-node]', (els) => els.map((e) => [e.getAttribute('data-detail-node'), e.querySelector('td')?.textContent]));
    assert.equal(all.length, NODES + 1);
    assert.equal(all.filter(([n, t]) => t === 'not evaluated' && !evaluated.includes(n!)).length, notEvaluated);
  } finally {
    await done(page);
  }
});

/** 300 Nodes in 3 zones and 1,000 Pods that repel each other by zone: three fit, the rest fit nowhere (summary detail). */
function antiTexts(): Record<string, string> {
  const nodes: string[] = [];
  for (let i = 0; i < 300; i++) nodes.push(`apiVersion: v1\nkind: Node\nmetadata:\n  name: a-${String(i).padStart(3, '0')}\n  labels: {topology.kubernetes.io/zone: z-${i % 3}}\nstatus:\n  allocatable: {cpu: "4", memory: 32Gi, pods: "110"}\n`);
  const deploy = `apiVersion: apps/v1
kind: Deployment
metadata: {name: anti, namespace: t}
spec:
  replicas: 1000
  selector: {matchLabels: {app: anti}}
  template:
    metadata: {labels: {app: anti}}
    spec:
      affinity:
        podAntiAffinity:
          requiredDuringSchedulingIgnoredDuringExecution:
          - {topologyKey: topology.kubernetes.io/zone, labelSelector: {matchLabels: {app: anti}}}
      containers:
      - {name: c, image: nginx, resources: {requests: {cpu: 100m}}}
`;
  return { 'nodes.yaml': nodes.join('---\n'), 'anti.yaml': deploy };
}

test('summary detail: an unschedulable Pod shows how many Nodes gave each reason, then its per-Node verdicts once the host sends them', async () => {
  const summary = simulateTexts(antiTexts());
  assert.equal(summary.detail, 'summary');
  const stuck = summary.pods.find((p) => p.status === 'unschedulable')!;
  assert.deepEqual(stuck.filters, {});
  const page = await openPreview(browser);
  try {
    await postAndRender(page, { type: 'result', result: summary, whatIf: {} });
    await page.click(`[data-unschedulable="${stuck.name}"] button.pod`);
    await page.waitForSelector('#detail tr.reasons');
    assert.deepEqual((await posted(page)).filter((m) => m.type === 'select').at(-1), { type: 'select', pod: stuck.name });
    assert.equal(
      await page.textContent('#detail tr.reasons'),
      "Per-Node verdicts were not kept for this Pod (summary detail); Nodes by reason:300 × node(s) didn't match pod anti-affinity rules",
    );
    assert.equal(await page.locator('#detail tbody tr[data-detail-node]').count(), 0, 'no Node is listed as "not evaluated"');
    // The host simulates again with this Pod's detail (detailFor): every Node's verdict.
    const detailed = simulateTexts(antiTexts(), { detailFor: [stuck.name] });
    await postAndRender(page, { type: 'result', result: detailed, whatIf: {} });
    assert.equal(await page.locator('#detail tr.reasons').count(), 0);
    const rows = await page.$$eval('#detail tbody tr[data-detail-node]', (els) => els.map((e) => e.querySelector('td')?.textContent));
    assert.equal(rows.length, 300);
    assert.ok(rows.every((t) => t === "InterPodAffinity: node(s) didn't match pod anti-affinity rules"), rows[0] ?? '');
  } finally {
    await done(page);
  }
});

test('a result with a focus (the Node lens clicked) brings that Node card into view, filled, with its name focused', async () => {
  const page = await open();
  const target = 'n-150';
  assert.equal(await page.locator(`li.card[data-node="${target}"]:not(.shell)`).count(), 0, 'the far card starts empty');
  await postAndRender(page, { type: 'result', result: first, whatIf: {}, focus: { focusNode: target } });
  await page.waitForSelector(`li.card[data-node="${target}"]:not(.shell):not(.stale)`);
  const state = await page.evaluate((name: string) => {
    const el = document.activeElement;
    const card = document.querySelector(`li.card[data-node="${name}"]`);
    const r = card.getBoundingClientRect();
    return { focused: el?.classList.contains('node-name') ? el.textContent : null, inView: r.top < window.innerHeight && r.bottom > 0 };
  }, target);
  assert.deepEqual(state, { focused: target, inView: true });
  await done(page);
});
