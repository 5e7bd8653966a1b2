/**
 * The preview's presentation, in headless Chromium on the real bundle: the summary says how
 * many Pods were placed; a Node that declares no ephemeral-storage has no "0B / 0B" row; each
 * resource row writes both numbers in one unit; the Pod detail table fits the default
 * half-width panel; and in the HTML export (`schedule --format html`) Node names wrap only at
 * their - and . boundaries, never inside a word.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { launch, openPreview, pageErrors, post, ROOT, simulateExamples } from './harness';

/** Used only inside page.evaluate callbacks, which run in the page (the root tsconfig has no DOM lib). */
declare const document: any;

/**
 * VS Code's default layout on a 1280-pixel-wide window: activity bar (48) and side bar (300),
 * the editor area split in two: the preview's half is 466 pixels wide.
 */
const HALF_PANEL = Math.floor((1280 - 48 - 300) / 2);

let browser: Browser;
const result = simulateExamples();
before(async () => {
  browser = await launch();
});
after(async () => {
  await browser?.close();
});

async function withPreview(width: number, fn: (page: Page) => Promise<void>): Promise<void> {
  const page = await openPreview(browser);
  try {
    await page.setViewportSize({ width, height: 900 });
    await post(page, { type: 'result', result, whatIf: {} });
    await page.waitForSelector('#summary');
    await fn(page);
    assert.deepEqual(pageErrors(page), []);
  } finally {
    await page.close();
  }
}

test('the summary counts the Pods placed', async () => {
  const s = result.summary;
  assert.equal(s.pods, 7);
  await withPreview(900, async (page) => {
    assert.equal(await page.textContent('#summary'), `${s.scheduled + s.pinned} of 7 Pods placed on 3 Nodes · ${s.unschedulable} unschedulable`);
  });
});

test('no resource rows for what a Node does not declare; both numbers of a row in one unit', async () => {
  const declared = (name: string) => Object.keys(result.nodes.find((n) => n.name === name)!.allocatable).filter((r) => result.nodes.find((n) => n.name === name)!.allocatable[r] > 0);
  // What the examples give the assertions: worker-2 declares no ephemeral-storage, worker-1 does.
  assert.ok(!declared('worker-2').includes('ephemeral-storage'));
  assert.ok(declared('worker-1').includes('ephemeral-storage'));
  await withPreview(900, async (page) => {
    const rows = (node: string) => page.$$eval(`li.card[data-node="${node}"] .res`, (els: any[]) => els.map((e) => [e.querySelector('.res-name').textContent, e.querySelector('.res-num').textContent]));
    for (const node of ['worker-1', 'worker-2', 'gpu-1']) {
      const shown = await rows(node);
      assert.deepEqual(
        shown.map((r) => r[0]),
        declared(node),
        `${node}: its declared resources only`,
      );
      assert.ok(!shown.some((r) => /^0B \/ 0B$/.test(r[1])), JSON.stringify(shown));
      for (const [res, text] of shown) {
        const units = text.split(' / ').map((v: string) => v.replace(/^[0-9.]+/, ''));
        assert.equal(units.length, 2, text);
        assert.equal(units[0], units[1], `${node} ${res}: "${text}" in one unit`);
      }
    }
    const memory = (await rows('worker-1')).find((r) => r[0] === 'memory')![1];
    assert.match(memory, /^[0-9.]+Gi \/ [0-9.]+Gi$/, memory);
  });
});

test('the Pod detail table fits the default half-width panel', async () => {
  await withPreview(HALF_PANEL, async (page) => {
    await page.click('li.card[data-node="worker-1"] button.pod[data-pod="shop/web"]');
    await page.waitForSelector('#detail table');
    const [table, wrap, cols] = await page.evaluate(() => {
      const t = document.querySelector('#detail table');
      return [t.scrollWidth, document.querySelector('#detail .table-wrap').clientWidth, t.querySelectorAll('thead th').length];
    });
    assert.ok(cols >= 6, `score columns shown (${cols})`);
    assert.ok(table <= wrap, `table ${table}px wide in a ${wrap}px panel`);
    // Plugin names wrap between their words only: each heading's text is the plugin's whole name.
    const heads = await page.$$eval('#detail th.plugin', (els: any[]) => els.map((e) => [e.firstChild.textContent, e.getAttribute('title')]));
    assert.ok(heads.length >= 3);
    for (const [first, title] of heads) assert.ok(title.startsWith(first), `${first} starts ${title}`);
  });
});

test('HTML export: Node names wrap at - and . only, never inside a word', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'podsight-polish-'));
  try {
    const names = ['ip-10-0-113-250.eu-west-1.compute.internal', 'gke-production-cluster-default-pool-3f2a9c1d-x7kq'];
    const nodes = names.map((n) => `apiVersion: v1\nkind: Node\nmetadata:\n  name: ${n}\nstatus:\n  allocatable:\n    cpu: "4"\n    memory: 8Gi\n    pods: "110"\n`).join('---\n');
    writeFileSync(join(dir, 'nodes.yaml'), nodes);
    const r = spawnSync(process.execPath, [join(ROOT, 'dist', 'cli.js'), 'schedule', '--format', 'html', join(dir, 'nodes.yaml')], { encoding: 'utf8' });
    assert.equal(r.status, 0, r.stderr);
    writeFileSync(join(dir, 'schedule.html'), r.stdout);
    const page = await browser.newPage();
    try {
      // Narrow enough that both names must wrap.
      await page.setViewportSize({ width: 300, height: 900 });
      await page.goto(pathToFileURL(join(dir, 'schedule.html')).href);
      await page.waitForSelector('li.card .node-name');
      const breaks = await page.$$eval('li.card .node-name', (els: any[]) =>
        els.map((el) => {
          // The character after which each line ends, from the layout of every character.
          const text = el.firstChild;
          const range = document.createRange();
          let top: number | undefined;
          const after: string[] = [];
          for (let i = 0; i < text.length; i++) {
            range.setStart(text, i);
            range.setEnd(text, i + 1);
            const t = range.getBoundingClientRect().top;
            if (top !== undefined && t > top + 1) after.push(text.data[i - 1]);
            top = t;
          }
          return { name: text.data, after };
        }),
      );
      assert.equal(breaks.length, 2);
      for (const b of breaks) {
        assert.ok(b.after.length > 0, `${b.name} wraps at this width`);
        for (const c of b.after) assert.match(c, /[-.]/, `${b.name} breaks after "${c}"`);
      }
    } finally {
      await page.close();
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
