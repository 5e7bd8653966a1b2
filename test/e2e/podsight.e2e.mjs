// Podsight in a real VS Code: the packaged .vsix installed into code-server, the examples opened
// from the Explorer, checked through what a user sees (Problems panel, editor hover) in Chromium.
// Started by test/e2e/run.mjs (which installs code-server and finds the .vsix first).

import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { cpSync, mkdtempSync, mkdirSync, rmSync, existsSync, readdirSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { installExtension, startCodeServer } from '../../scripts/code-server.mjs';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const RESULTS = join(ROOT, 'test-results');
const CHROMIUM = process.env.PODSIGHT_CHROMIUM ?? '/usr/bin/chromium';
const KEEP = process.env.PODSIGHT_E2E_KEEP === '1';

function newestVsix() {
  return readdirSync(ROOT)
    .filter((n) => /^podsight-.*\.vsix$/.test(n))
    .map((n) => join(ROOT, n))
    .sort((a, b) => statSync(b).mtimeMs - statSync(a).mtimeMs)[0];
}

const UNKNOWN_FIELD = 'unknown field "spec.containers[0].foo"';
const HOVER_TEXT = 'Container image name';

describe('Podsight in code-server (real VS Code, Chromium)', () => {
  let tmp; let server; let browser; let page;
  let failed = false;
  const step = (msg) => console.log(`  · ${msg}`);

  before(async () => {
    try { await setUp(); } catch (e) {
      failed = true;
      if (page) await shot('e2e-failure-setup.png').catch(() => {});
      throw e;
    }
  }, { timeout: 240_000 });

  async function setUp() {
    const vsix = process.env.PODSIGHT_E2E_VSIX ?? newestVsix();
    assert.ok(vsix && existsSync(vsix), 'no podsight-*.vsix (run npm run package)');
    mkdirSync(RESULTS, { recursive: true });
    rmSync(join(RESULTS, 'e2e-code-server.log'), { force: true });
    rmSync(join(RESULTS, 'e2e-logs'), { recursive: true, force: true });
    for (const n of readdirSync(RESULTS)) if (/^e2e-failure-.*\.png$/.test(n)) rmSync(join(RESULTS, n));
    tmp = mkdtempSync(join(tmpdir(), 'podsight-e2e-'));
    const extensionsDir = join(tmp, 'extensions');
    const userDataDir = join(tmp, 'user-data');
    const workspace = join(tmp, 'examples');
    cpSync(join(ROOT, 'examples'), workspace, { recursive: true }); // never the repo's own files

    let t = Date.now();
    const installed = await installExtension(vsix, extensionsDir, userDataDir);
    step(`${installed.split('\n').pop()} (${Date.now() - t} ms)`);
    assert.ok(readdirSync(extensionsDir).some((n) => n.startsWith('podsight.podsight-')),
      `the .vsix was not unpacked into ${extensionsDir}: ${readdirSync(extensionsDir).join(', ')}`);

    t = Date.now();
    server = await startCodeServer({
      folder: workspace, extensionsDir, userDataDir,
      logFile: join(RESULTS, 'e2e-code-server.log'),
      settings: { 'editor.hover.delay': 200, 'workbench.editor.enablePreview': false },
    });
    step(`code-server answering at ${server.url} (${Date.now() - t} ms)`);

    browser = await chromium.launch({
      executablePath: CHROMIUM,
      headless: true,
      args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update',
        '--disable-sync', '--no-first-run', '--disable-quic'],
    });
    const context = await browser.newContext({ viewport: { width: 1400, height: 900 } });
    page = await context.newPage();
    page.setDefaultTimeout(30_000);
    t = Date.now();
    await page.goto(server.url, { waitUntil: 'domcontentloaded' });
    await page.locator('.monaco-workbench').waitFor({ timeout: 60_000 });
    await explorerRow('mistakes.yaml').waitFor({ timeout: 60_000 });
    step(`workbench with the examples folder loaded (${Date.now() - t} ms)`);

    // Open mistakes.yaml from the Explorer tree, as a user would.
    await explorerRow('mistakes.yaml').click();
    await page.locator('.tabs-container .tab', { hasText: 'mistakes.yaml' }).waitFor();
    await editorLine(/foo:\s*bar/).waitFor();
  }

  after(async () => {
    if (failed && server) {
      // The extension host's logs (including the Podsight output channel) next to the screenshots.
      try {
        const logs = join(tmp, 'user-data', 'logs');
        if (existsSync(logs)) cpSync(logs, join(RESULTS, 'e2e-logs'), { recursive: true });
      } catch {}
    }
    await browser?.close().catch(() => {});
    await server?.stop().catch(() => {});
    if (tmp && !KEEP) rmSync(tmp, { recursive: true, force: true });
    else if (tmp) console.log(`  · kept ${tmp}`);
  });

  const explorerRow = (name) => page.locator('.explorer-folders-view .monaco-list-row', { hasText: name }).first();
  const editorLine = (re) => page.locator('.editor-instance .monaco-editor .view-lines .view-line', { hasText: re }).first();
  const shot = (name) => page.screenshot({ path: join(RESULTS, name) });
  const slug = (s) => s.replace(/[^a-z0-9]+/gi, '-').replace(/^-|-$/g, '').toLowerCase().slice(0, 60);

  /** Runs a command from the F1 palette by (the start of) its title. */
  async function runCommand(title) {
    await page.locator('.tabs-container .tab.active').first().click(); // focus the workbench, no side effects
    await page.keyboard.press('F1');
    const input = page.locator('.quick-input-widget input.input');
    await input.waitFor();
    await input.fill(`>${title}`);
    const row = page.locator('.quick-input-widget .monaco-list-row', { hasText: title }).first();
    await row.waitFor();
    await row.click();
    await page.locator('.quick-input-widget').waitFor({ state: 'hidden' });
  }

  async function guard(name, fn) {
    try { await fn(); } catch (e) {
      failed = true;
      await shot(`e2e-failure-${slug(name)}.png`).catch(() => {});
      throw e;
    }
  }

  it('lists the unknown field in the Problems panel', { timeout: 90_000 }, () => guard('problems', async () => {
    await runCommand('View: Focus Problems');
    const panel = page.locator('.markers-panel');
    await panel.waitFor();
    const row = panel.locator('.monaco-list-row', { hasText: UNKNOWN_FIELD }).first();
    await row.waitFor({ timeout: 60_000 }).catch(async (e) => {
      const seen = await panel.locator('.monaco-list-row').allInnerTexts().catch(() => []);
      throw new Error(`no Problems row with ${UNKNOWN_FIELD} within 60 s; rows: ` +
        `${JSON.stringify(seen.map((r) => r.replace(/\s+/g, ' ')))}\n${e.message}`);
    });
    const text = await row.innerText();
    assert.match(text, /unknown field "spec\.containers\[0\]\.foo"/);
    assert.match(text, /podsight/);
    await row.scrollIntoViewIfNeeded();
    await shot('problems.png');
    const rows = await panel.locator('.monaco-list-row').allInnerTexts();
    console.log(`  · Problems panel: ${rows.length} rows, e.g. ${JSON.stringify(text.replace(/\s+/g, ' '))}`);
  }));

  it('shows the Kubernetes field documentation when hovering `image`', { timeout: 90_000 }, () => guard('hover', async () => {
    await page.locator('.tabs-container .tab', { hasText: 'mistakes.yaml' }).click();
    const line = editorLine(/image:\s*busybox/);
    await line.waitFor();
    const hover = page.locator('.monaco-hover', { hasText: HOVER_TEXT }).first();
    // Move onto the key's characters; the hover shows after the editor's hover delay. A move that
    // lands while the editor is still settling can be missed, so a few bounded tries.
    for (let attempt = 1; ; attempt++) {
      const at = await line.evaluate((el) => {
        const walker = document.createTreeWalker(el, NodeFilter.SHOW_TEXT);
        for (let n = walker.nextNode(); n; n = walker.nextNode()) {
          const i = n.data.indexOf('image');
          if (i < 0) continue;
          const r = document.createRange();
          r.setStart(n, i); r.setEnd(n, i + 'image'.length);
          const b = r.getBoundingClientRect();
          return { x: b.x + b.width / 2, y: b.y + b.height / 2 };
        }
        return null;
      });
      assert.ok(at, 'no `image` text in the rendered editor line');
      await page.mouse.move(at.x - 30, at.y + 40);
      await page.mouse.move(at.x, at.y, { steps: 5 });
      try {
        await hover.waitFor({ state: 'visible', timeout: 10_000 });
        break;
      } catch (e) {
        if (attempt >= 3) {
          const seen = await page.locator('.monaco-hover').allInnerTexts().catch(() => []);
          throw new Error(`no hover with "${HOVER_TEXT}" over \`image\` after ${attempt} tries; hovers in the page: ` +
            `${JSON.stringify(seen.map((h) => h.replace(/\s+/g, ' ').slice(0, 300)))}\n${e.message}`);
        }
      }
    }
    const text = await hover.innerText();
    assert.ok(text.includes(HOVER_TEXT), text);
    const links = await hover.locator('a').evaluateAll((as) => as.map((a) => a.getAttribute('data-href') || a.getAttribute('href') || ''));
    assert.ok(links.some((h) => h.includes('kubernetes.io/docs/reference/kubernetes-api')),
      `no API reference link in the hover; links: ${JSON.stringify(links)}`);
    await shot('hover.png');
    console.log(`  · hover: ${JSON.stringify(text.replace(/\s+/g, ' ').slice(0, 160))}`);
  }));
});
