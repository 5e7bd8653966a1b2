/**
 * The preview shows control, escape and bidi characters of manifest strings visibly: in the
 * panel (a posted result) and in `podsight schedule --format html` opened from a file. Text
 * nodes, tooltips and accessible names hold no raw ESC, BEL, NUL or U+202E; the data sent back
 * to the host (reveal) keeps the raw name.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { launch, openPreview, pageErrors, post, posted, simulateTexts, ROOT } from './harness';
import { DISPLAY_ATTACK, DISPLAY_ATTACK_SHOWN, HIDDEN_CHAR, displayAttackManifests } from '../helpers/hostile';

/** Used only inside page.evaluate callbacks, which run in the page (the root tsconfig has no DOM lib). */
declare const document: any;

let browser: Browser;
let dir: string;
before(async () => {
  browser = await launch();
  dir = mkdtempSync(join(tmpdir(), 'podsight-webview-escape-'));
});
after(async () => {
  await browser?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

/** Every Pod's detail opened, then all text, tooltips and accessible names of the page. */
async function shown(page: Page): Promise<{ text: string; attrs: string[] }> {
  const count = await page.$$eval('button.pod', (els) => els.length);
  assert.ok(count >= 2, `${count} Pods shown`);
  for (let i = 0; i < count; i++) {
    await page.locator('button.pod').nth(i).click();
    await page.waitForSelector('#detail');
  }
  return page.evaluate(() => ({
    text: document.getElementById('app').textContent as string,
    attrs: Array.from(document.querySelectorAll('[title], [aria-label]')).flatMap((e: any) => [e.getAttribute('title'), e.getAttribute('aria-label')].filter((v: string | null) => v !== null)),
  }));
}

function assertVisible(where: string, s: { text: string; attrs: string[] }): void {
  assert.doesNotMatch(s.text, HIDDEN_CHAR, `${where}: raw character in ${JSON.stringify(s.text.slice(0, 2000))}`);
  for (const a of s.attrs) assert.doesNotMatch(a, HIDDEN_CHAR, `${where}: raw character in attribute ${JSON.stringify(a)}`);
  for (const want of [`node${DISPLAY_ATTACK_SHOWN}`, `ns${DISPLAY_ATTACK_SHOWN}/pod${DISPLAY_ATTACK_SHOWN}`, `stuck${DISPLAY_ATTACK_SHOWN}`, `key${DISPLAY_ATTACK_SHOWN}`, `Node "node${DISPLAY_ATTACK_SHOWN}" is declared more than once`]) {
    assert.ok(s.text.includes(want), `${where}: ${JSON.stringify(want)} not shown`);
  }
  assert.ok(s.attrs.some((a) => a.includes(`node${DISPLAY_ATTACK_SHOWN}`)), `${where}: accessible names escaped too`);
}

describe('control and bidi characters in the preview', () => {
  it('the panel shows them escaped and sends the raw name back', async () => {
    const { nodes, pods } = displayAttackManifests();
    const result = simulateTexts({ 'nodes.yaml': nodes, 'pods.yaml': pods });
    assert.equal(result.nodes[0].name, `node${DISPLAY_ATTACK}`, 'the engine keeps the raw name');
    const page = await openPreview(browser);
    try {
      await post(page, { type: 'result', result, whatIf: {} });
      await page.waitForSelector('#summary');
      assertVisible('panel', await shown(page));
      await page.locator('li.card button.node-name').first().click();
      assert.deepEqual((await posted(page)).at(-1), { type: 'reveal', target: 'node', name: `node${DISPLAY_ATTACK}` });
      assert.deepEqual(pageErrors(page), []);
    } finally {
      await page.close();
    }
  });

  it('schedule --format html shows them escaped', async () => {
    const { nodes, pods } = displayAttackManifests();
    writeFileSync(join(dir, 'nodes.yaml'), nodes);
    writeFileSync(join(dir, 'pods.yaml'), pods);
    const r = spawnSync(process.execPath, [join(ROOT, 'dist', 'cli.js'), 'schedule', '--format', 'html', dir], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
    assert.equal(r.status, 0, r.stderr);
    // Nothing hidden in the file itself either (the embedded JSON escapes it).
    assert.doesNotMatch(r.stdout, HIDDEN_CHAR);
    const file = join(dir, 'schedule.html');
    writeFileSync(file, r.stdout);
    const page = await browser.newPage();
    try {
      await page.goto(pathToFileURL(file).href);
      await page.waitForSelector('#summary');
      assertVisible('html export', await shown(page));
    } finally {
      await page.close();
    }
  });
});
