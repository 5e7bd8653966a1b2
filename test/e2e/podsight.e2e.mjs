// Podsight in a real VS Code: the packaged .vsix installed into code-server, the examples opened
// from the Explorer, checked through what a user sees (Problems panel, editor hovers, a quick fix,
// inlay hints and a code lens) in Chromium.
// Started by test/e2e/run.mjs (which installs code-server and finds the .vsix first).
//
// The tests share one browser page and run in order; each one opens the file it needs (tabs stay
// open). Pitfalls met on the way:
// - Editor text is rendered per visible line (.view-line), with &nbsp; for spaces and no guaranteed
//   DOM order: reveal a line (goToLine) before looking for it, and sort by style.top to read text.
// - Inlay hints are "injected text": spans inside the .view-line after the document's own text,
//   whose classes are generated (dyn-rule-*), not "inlay"; a paddingLeft hint adds an empty span.
// - Code lenses are content widgets (.contentWidgets .codelens-decoration) placed in a view zone
//   above their line.
// - The Quick Fix menu is an .action-widget list; its rows are .monaco-list-row.action.

import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { cpSync, mkdtempSync, mkdirSync, rmSync, existsSync, readdirSync, readFileSync, statSync, watch, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { spawnSync } from 'node:child_process';
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
const MISSING_VOLUME = 'spec.containers[0].volumeMounts[0].name: Not found: "data"';
const DECLARE_VOLUME = 'Declare volume "data"';

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
    // A YAML file that is no manifest: the preview's editor-title button must not show on it.
    writeFileSync(join(workspace, 'notes.yaml'), '# build settings, not Kubernetes\nretries: 3\ntargets: [linux, darwin]\n');
    // An empty new file, for a Pod written with completion alone (the last test).
    writeFileSync(join(workspace, 'new-pod.yaml'), '');
    // A ConfigMap and a Pod that reads a key of it with a typo (the references test).
    writeFileSync(join(workspace, 'config.yaml'), [
      'apiVersion: v1', 'kind: ConfigMap', 'metadata:', '  name: app-config', '  namespace: shop', 'data:', '  log-level: debug', '---',
      'apiVersion: v1', 'kind: Pod', 'metadata:', '  name: reader', '  namespace: shop', 'spec:', '  containers:', '  - name: app', '    image: nginx:1.27',
      '    env:', '    - name: LOG_LEVEL', '      valueFrom:', '        configMapKeyRef:', '          name: app-config', '          key: log-levl', '',
    ].join('\n'));
    // A StatefulSet whose claim template names a StorageClass that provisions only in a zone
    // where no Node runs: its Pod stays Pending for VolumeBinding (the volume test).
    writeFileSync(join(workspace, 'db-statefulset.yaml'), [
      'apiVersion: storage.k8s.io/v1', 'kind: StorageClass', 'metadata:', '  name: zonal-c', 'provisioner: ebs.csi.aws.com',
      'volumeBindingMode: WaitForFirstConsumer', 'allowedTopologies:', '- matchLabelExpressions:', '  - key: topology.kubernetes.io/zone',
      '    values: [eu-west-1c]', '---',
      'apiVersion: apps/v1', 'kind: StatefulSet', 'metadata:', '  name: db', '  namespace: shop', 'spec:', '  serviceName: db', '  replicas: 1',
      '  selector:', '    matchLabels: {app: db}', '  template:', '    metadata:', '      labels: {app: db}', '    spec:', '      containers:',
      '      - name: postgres', '        image: postgres:17', '        volumeMounts:', '        - name: data', '          mountPath: /var/lib/postgresql/data',
      '  volumeClaimTemplates:', '  - metadata:', '      name: data', '    spec:', '      accessModes: [ReadWriteOnce]', '      storageClassName: zonal-c',
      '      resources:', '        requests:', '          storage: 10Gi', '',
    ].join('\n'));

    let t = Date.now();
    const installed = await installExtension(vsix, extensionsDir, userDataDir);
    step(`${installed.split('\n').pop()} (${Date.now() - t} ms)`);
    assert.ok(readdirSync(extensionsDir).some((n) => n.startsWith('podsight.podsight-')),
      `the .vsix was not unpacked into ${extensionsDir}: ${readdirSync(extensionsDir).join(', ')}`);

    t = Date.now();
    server = await startCodeServer({
      folder: workspace, extensionsDir, userDataDir,
      logFile: join(RESULTS, 'e2e-code-server.log'),
      // No word-based suggestions: every completion item comes from Podsight.
      settings: { 'editor.hover.delay': 200, 'workbench.editor.enablePreview': false, 'editor.wordBasedSuggestions': 'off' },
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

  /** Focuses the workbench without side effects: a click on the active tab, then the mouse off
   *  it, onto the Explorer's empty space. Left on the tab, the mouse brings up the tab's path
   *  tooltip a moment later, and a quick input opening then closes again. */
  async function focusWorkbench() {
    await page.locator('.tabs-container .tab.active').first().click();
    const list = await page.locator('.explorer-folders-view').boundingBox();
    await page.mouse.move(list.x + list.width / 2, list.y + list.height - 10);
  }

  /**
   * Opens the F1 palette, types `text` and waits for `ready` (a locator inside it). The quick
   * input closes again if something takes the focus while it opens (a tab's tooltip, an editor
   * settling), so a few bounded tries, each from a closed palette. Returns the input.
   */
  async function palette(text, ready) {
    const input = page.locator('.quick-input-widget input.input');
    for (let attempt = 1; ; attempt++) {
      try {
        await focusWorkbench();
        await page.keyboard.press('F1');
        await input.waitFor({ timeout: 5_000 });
        await input.fill(text, { timeout: 5_000 });
        await ready.waitFor({ timeout: 5_000 });
        return input;
      } catch (e) {
        if (attempt >= 3) throw new Error(`the palette with ${JSON.stringify(text)} failed ${attempt} times: ${e.message}`);
        await page.keyboard.press('Escape');
        await page.locator('.quick-input-widget').waitFor({ state: 'hidden', timeout: 5_000 }).catch(() => {});
      }
    }
  }

  /** Runs a command from the F1 palette by (the start of) its title. */
  async function runCommand(title) {
    const row = page.locator('.quick-input-widget .monaco-list-row', { hasText: title }).first();
    await palette(`>${title}`, row);
    await row.click();
    await page.locator('.quick-input-widget').waitFor({ state: 'hidden' });
  }

  /** Opens a file of the examples folder (from the Explorer the first time, then its tab). */
  async function openFile(name) {
    const tab = page.locator('.tabs-container .tab', { hasText: name }).first();
    if (await tab.count()) await tab.click();
    else await explorerRow(name).click();
    await page.locator('.tabs-container .tab.active', { hasText: name }).waitFor();
  }

  /** Moves the cursor to line n of the active editor with Go to Line, which also reveals it. The
   *  quick input closes if something takes the focus while it opens, so a few bounded tries. */
  async function goToLine(n) {
    for (let attempt = 1; ; attempt++) {
      try {
        await palette(`:${n}`, page.locator('.quick-input-widget', { hasText: new RegExp(`go to line ${n}\\b`, 'i') }));
        await page.keyboard.press('Enter');
        await page.locator('.quick-input-widget').waitFor({ state: 'hidden', timeout: 5_000 });
        await page.locator('.statusbar-item', { hasText: `Ln ${n}, Col` }).first().waitFor({ timeout: 5_000 });
        return;
      } catch (e) {
        if (attempt >= 3) throw new Error(`Go to Line ${n} failed ${attempt} times: ${e.message}`);
        await page.keyboard.press('Escape');
        await page.locator('.quick-input-widget').waitFor({ state: 'hidden', timeout: 5_000 }).catch(() => {});
      }
    }
  }

  /** Where `word` (its first occurrence in the line's text nodes) is drawn: its centre. */
  async function wordCenter(line, word) {
    const at = await line.evaluate((el, w) => {
      const walker = document.createTreeWalker(el, NodeFilter.SHOW_TEXT);
      for (let n = walker.nextNode(); n; n = walker.nextNode()) {
        const i = n.data.indexOf(w);
        if (i < 0) continue;
        const r = document.createRange();
        r.setStart(n, i); r.setEnd(n, i + w.length);
        const b = r.getBoundingClientRect();
        return { x: b.x + b.width / 2, y: b.y + b.height / 2 };
      }
      return null;
    }, word);
    assert.ok(at, `no \`${word}\` text in the rendered editor line`);
    return at;
  }

  /** Hovers `word` in `line` until `hover` shows. The mouse first leaves the editor until no hover
   *  is left (a hover of a neighbouring line is drawn over this one, and the mouse on it keeps it),
   *  then moves within the word only: a path across other lines shows their hovers first. A move
   *  that lands while the editor is still settling can be missed, so a few bounded tries. */
  async function hoverWord(line, word, hover, what) {
    const away = await page.locator('.explorer-folders-view').boundingBox();
    for (let attempt = 1; ; attempt++) {
      await page.mouse.move(away.x + away.width / 2, away.y + away.height - 10);
      await page.locator('.monaco-hover:visible').first().waitFor({ state: 'hidden', timeout: 5_000 }).catch(() => {});
      const at = await wordCenter(line, word);
      await page.mouse.move(at.x - 4, at.y);
      await page.mouse.move(at.x, at.y, { steps: 4 });
      try {
        await hover.waitFor({ state: 'visible', timeout: 10_000 });
        return;
      } catch (e) {
        if (attempt >= 3) {
          const seen = await page.locator('.monaco-hover').allInnerTexts().catch(() => []);
          throw new Error(`no hover with ${what} over \`${word}\` after ${attempt} tries; hovers in the page: ` +
            `${JSON.stringify(seen.map((h) => h.replace(/\s+/g, ' ').slice(0, 300)))}\n${e.message}`);
        }
      }
    }
  }

  /** The active editor's rendered lines, top to bottom, &nbsp; as spaces (only what is on screen). */
  const visibleText = () => page.evaluate(() => {
    const lines = [...document.querySelectorAll('.editor-instance .monaco-editor .view-lines .view-line')];
    return lines.sort((a, b) => parseFloat(a.style.top) - parseFloat(b.style.top))
      .map((l) => l.textContent.replace(/\u00a0/g, ' ')).join('\n');
  });

  /** Waits for a Problems panel row to show (or, `detached`, to leave: 30 s for a re-validation);
   *  on a timeout the error lists the rows the panel does show. */
  async function problemRow(row, what, state = 'visible') {
    const timeout = state === 'detached' ? 30_000 : 60_000;
    await row.waitFor({ state, timeout }).catch(async (e) => {
      const seen = await page.locator('.markers-panel .monaco-list-row').allInnerTexts().catch(() => []);
      throw new Error(`${state === 'detached' ? 'still a' : 'no'} Problems row ${what} after ${timeout / 1000} s; rows: ` +
        `${JSON.stringify(seen.map((r) => r.replace(/\s+/g, ' ')))}\n${e.message}`);
    });
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
    await problemRow(row, UNKNOWN_FIELD);
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
    // Move onto the key's characters; the hover shows after the editor's hover delay.
    await hoverWord(line, 'image', hover, `"${HOVER_TEXT}"`);
    const text = await hover.innerText();
    assert.ok(text.includes(HOVER_TEXT), text);
    const links = await hover.locator('a').evaluateAll((as) => as.map((a) => a.getAttribute('data-href') || a.getAttribute('href') || ''));
    assert.ok(links.some((h) => h.includes('kubernetes.io/docs/reference/kubernetes-api')),
      `no API reference link in the hover; links: ${JSON.stringify(links)}`);
    await shot('hover.png');
    console.log(`  · hover: ${JSON.stringify(text.replace(/\s+/g, ' ').slice(0, 160))}`);
  }));

  /** Waits until the status bar puts the active editor's cursor on line `n`, in columns [lo, hi]. */
  async function cursorAt(n, lo, hi, timeout = 5_000) {
    await page.waitForFunction(([ln, a, b]) => {
      const item = [...document.querySelectorAll('.statusbar-item')].map((e) => e.textContent).find((t) => /Ln \d+, Col \d+/.test(t));
      const m = item && /Ln (\d+), Col (\d+)/.exec(item);
      return !!m && Number(m[1]) === ln && Number(m[2]) >= a && Number(m[2]) <= b;
    }, [n, lo, hi], { timeout });
  }

  /**
   * Applies the Quick Fix titled `title` (its start) at `word` on the one line of `file` that
   * matches `lineRe`, as a user does: Go to Line, a click on the word, Ctrl+., a click on the
   * action. The code actions VS Code asks for are those at the cursor, so the cursor is confirmed
   * on the word (the status bar's "Ln X, Col Y") before every Ctrl+.: a click that lands while the
   * editor is still settling (the Go to Line input closing, a lens or hint being laid out) leaves
   * it elsewhere, and then no fix is offered. A few bounded tries, each starting over from the
   * click. Returns the action's title.
   */
  async function applyQuickFix(file, lineRe, word, title) {
    const lines = readFileSync(join(tmp, 'examples', file), 'utf8').split('\n');
    const at = lines.map((l, i) => (lineRe.test(l) ? i : -1)).filter((i) => i >= 0);
    assert.equal(at.length, 1, `${file}: ${at.length} lines match ${lineRe}`);
    const n = at[0] + 1;
    const col = lines[at[0]].indexOf(word) + 1; // the word spans columns [col, col + length]
    await goToLine(n);
    const line = editorLine(new RegExp(lineRe.source.replace(/ /g, '\\s'))); // spaces render as &nbsp;
    await line.waitFor();
    const action = page.locator('.action-widget .monaco-list-row.action', { hasText: title }).first();
    for (let attempt = 1; ; attempt++) {
      try {
        const c = await wordCenter(line, word);
        await page.mouse.click(c.x, c.y);
        await cursorAt(n, col, col + word.length);
        await page.keyboard.press('Control+.');
        await action.waitFor({ state: 'visible', timeout: 10_000 });
        break;
      } catch (e) {
        const seen = await page.locator('.action-widget .monaco-list-row').allInnerTexts().catch(() => []);
        const cursor = await page.locator('.statusbar-item', { hasText: /Ln \d+, Col \d+/ }).first().innerText().catch(() => '?');
        if (attempt >= 3) {
          throw new Error(`no Quick Fix starting with ${title} on \`${word}\` (${file} Ln ${n}, Col ${col}) after ${attempt} tries; ` +
            `cursor at ${cursor}; actions offered: ${JSON.stringify(seen)}\n${e.message}`);
        }
        await page.keyboard.press('Escape');
        await page.locator('.action-widget').first().waitFor({ state: 'hidden' }).catch(() => {});
      }
    }
    const text = (await action.locator('.title').innerText()).trim();
    assert.ok(text.startsWith(title), text);
    await action.click();
    await page.locator('.action-widget').first().waitFor({ state: 'hidden' });
    return text;
  }

  /** Resolves with the text of `file` once it contains `want`: read now, then again whenever its
   *  folder reports a change (the editor's save is written by another process, maybe by rename). */
  function fileContaining(file, want, what, timeout = 15_000) {
    return new Promise((done, fail) => {
      let over = false;
      const watcher = watch(dirname(file));
      const finish = (err, text) => {
        if (over) return;
        over = true;
        clearTimeout(timer);
        watcher.close();
        if (err) fail(err); else done(text);
      };
      const check = () => {
        let text;
        try { text = readFileSync(file, 'utf8'); } catch { return; } // mid-rename
        if (text.includes(want)) finish(null, text);
      };
      const timer = setTimeout(() => {
        let text = '';
        try { text = readFileSync(file, 'utf8'); } catch {}
        finish(new Error(`${file} did not get ${what} within ${timeout} ms:\n${text}`));
      }, timeout);
      watcher.on('change', check);
      watcher.on('error', (e) => finish(e));
      check(); // after the watcher is set up, so a write in between is not missed
    });
  }

  it('declares a missing volume with the Quick Fix on its mount', { timeout: 120_000 }, () => guard('quickfix', async () => {
    await openFile('mistakes.yaml');
    await runCommand('View: Focus Problems');
    const panel = page.locator('.markers-panel');
    const problem = panel.locator('.monaco-list-row', { hasText: MISSING_VOLUME }).first();
    await problemRow(problem, MISSING_VOLUME);
    assert.match(await problem.innerText(), /volume-mount-name/);

    // The cursor on `data` in `    - name: data` (under volumeMounts), then Ctrl+.
    const title = await applyQuickFix('mistakes.yaml', /^\s{4}-\s+name:\s+data\s*$/, 'data', DECLARE_VOLUME);

    // The edit: a `volumes:` list under the Pod spec (indented like `containers:`) with `data`.
    // On screen, the new volume's name is followed by its inlay hint (`app:/data rw`), so the
    // rendered lines are compared by their start; saved, the file must hold exactly the lines.
    const declared = ['  volumes:', '  - name: data', '    emptyDir: {}'];
    await goToLine(28);
    await page.waitForFunction((want) => {
      const lines = [...document.querySelectorAll('.editor-instance .monaco-editor .view-lines .view-line')]
        .sort((a, b) => parseFloat(a.style.top) - parseFloat(b.style.top))
        .map((l) => l.textContent.replace(/\u00a0/g, ' '));
      const i = lines.indexOf(want[0]);
      return i >= 0 && want.every((w, k) => lines[i + k]?.startsWith(w));
    }, declared).catch(async (e) => {
      throw new Error(`the editor does not show the declared volume; visible text:\n${await visibleText()}\n${e.message}`);
    });
    // The editor's text, exactly, on disk (a temporary copy): VS Code saves files changed by a
    // code action itself (files.refactoring.autoSave; the tab is not marked dirty while saving);
    // if it has not, Ctrl+S does. Then the file is read until the write lands (bounded).
    const dirty = page.locator('.tabs-container .tab.active.dirty');
    if (await dirty.count()) await page.keyboard.press('Control+s');
    await dirty.waitFor({ state: 'detached' });
    const want = `  restartPolicy: Sometimes\n${declared.join('\n')}\n`;
    const saved = await fileContaining(join(tmp, 'examples', 'mistakes.yaml'), want, 'the Pod spec ending with the declared volume');
    assert.ok(saved.includes('    volumeMounts:\n    - name: data\n      mountPath: /data\n'), saved);

    // Re-validated: the NotFound problem is gone, the file's other problems stay.
    await problemRow(problem, MISSING_VOLUME, 'detached');
    await panel.locator('.monaco-list-row', { hasText: UNKNOWN_FIELD }).first().waitFor();
    await shot('quickfix.png');
    console.log(`  · quick fix: ${JSON.stringify(title)}; ${await panel.locator('.monaco-list-row').count()} Problems rows left`);
  }));

  it('explains who shares a volume when hovering its name', { timeout: 90_000 }, () => guard('sharing-hover', async () => {
    await openFile('web-pod.yaml');
    await goToLine(60);
    const line = editorLine(/^\s{2}-\s+name:\s+html/); // the volumes list, not the mounts (deeper)
    await line.waitFor();
    const hover = page.locator('.monaco-hover', { hasText: 'fetch-content' }).first();
    await hoverWord(line, 'html', hover, '`fetch-content`');
    const text = (await hover.innerText()).replace(/\s+/g, ' ');
    for (const want of ['emptyDir', 'html', 'fetch-content', 'nginx']) {
      assert.ok(text.includes(want), `the hover lacks ${want}: ${text}`);
    }
    await shot('sharing-hover.png');
    console.log(`  · sharing hover: ${JSON.stringify(text.slice(0, 200))}`);
  }));

  it('shows inlay hints after a containerPort and a volume name, and the sharing code lens', { timeout: 90_000 }, () => guard('inlay-hints', async () => {
    await openFile('web-pod.yaml');
    const panelPart = page.locator('.part.panel').first();
    if (await panelPart.isVisible()) { // room for `spec:` (line 12) and line 32 together
      await runCommand('View: Hide Panel');
      await panelPart.waitFor({ state: 'hidden' });
    }
    await goToLine(1);

    // Injected after the document's own text in the rendered line (see the pitfalls above).
    const hintIn = (line, re) => line.locator('span[class*="dyn-rule"], [class*="inlay"]', { hasText: re }).first();
    const portLine = editorLine(/containerPort:\s*8080/);
    const portHint = hintIn(portLine, /reachable\sby/); // &nbsp; between words
    await portHint.waitFor({ timeout: 30_000 }).catch(async (e) => {
      throw new Error(`no inlay hint after containerPort: 8080; line: ${await portLine.innerHTML().catch(() => '')}\n${e.message}`);
    });
    const portLabel = (await portHint.textContent()).replace(/\u00a0/g, ' ');
    assert.match(portLabel, /^reachable by log-shipper, metrics$/);
    const [numberBox, hintBox] = [await portLine.locator('span', { hasText: /^8080$/ }).last().boundingBox(), await portHint.boundingBox()];
    assert.ok(numberBox && hintBox && hintBox.x >= numberBox.x + numberBox.width, 'the hint is not drawn after 8080');

    // The code lens sits right above `spec:`.
    const lens = page.locator('.editor-instance .monaco-editor .contentWidgets .codelens-decoration', { hasText: 'share one Pod IP' }).first();
    await lens.waitFor();
    const spec = editorLine(/^spec:\s*$/);
    const [lensBox, specBox] = [await lens.boundingBox(), await spec.boundingBox()];
    assert.ok(lensBox && specBox, 'code lens or spec: line not laid out');
    assert.ok(lensBox.y + lensBox.height <= specBox.y + 2 && lensBox.y >= specBox.y - 2 * specBox.height,
      `the code lens is not just above spec: (lens ${JSON.stringify(lensBox)}, spec: ${JSON.stringify(specBox)})`);
    const lensText = (await lens.innerText()).trim();
    await shot('inlay-hints.png');

    // And after a volume's name: who mounts it, where, read-only or read-write. The full label is
    // `fetch-content:/html rw · nginx:/usr/share/nginx/html ro`; the editor cuts long hints short
    // (editor.inlayHints.maximumLength, 43 by default) with an ellipsis.
    await goToLine(60);
    const volumeHint = hintIn(editorLine(/^\s{2}-\s+name:\s+html/), /fetch-content:\/html\srw/);
    await volumeHint.waitFor();
    const volumeLabel = (await volumeHint.textContent()).replace(/\u00a0/g, ' ');
    assert.match(volumeLabel, /^fetch-content:\/html rw · nginx:\//);
    console.log(`  · code lens: ${JSON.stringify(lensText)}; inlay hints: ${JSON.stringify(portLabel)}, ${JSON.stringify(volumeLabel)}`);
  }));

  it('opens the scheduling preview from the code lens: a Pod on its Node, and why one fits nowhere', { timeout: 120_000 }, () => guard('preview', async () => {
    await openFile('web-pod.yaml');
    await goToLine(1);
    const lens = page.locator('.editor-instance .monaco-editor .contentWidgets .codelens-decoration a', { hasText: 'Preview scheduling' }).first();
    await lens.waitFor({ timeout: 30_000 });
    await lens.click();
    // The webview's content lives in a nested frame (the outer one hosts fake.html).
    const view = page.frameLocator('iframe.webview').frameLocator('iframe#active-frame');
    await view.locator('li.card[data-node="worker-1"]').waitFor({ timeout: 60_000 });
    await view.locator('li.card button.pod[data-pod="shop/web"]').waitFor();
    const stuck = view.locator('li[data-unschedulable="media/render-farm"] p.message');
    await stuck.waitFor();
    assert.match(await stuck.innerText(), /^0\/3 nodes are available: .*Insufficient cpu/);
    const summary = await view.locator('#summary').innerText();
    // render-farm (cpu) and the StatefulSet's db-0 (its volume; the volume test looks closer).
    assert.match(summary, /2 unschedulable/);
    // examples/mistakes.yaml's Pod is one the API server refuses: listed as rejected, not placed.
    assert.match(summary, /1 rejected/);
    await shot('preview.png');
    console.log(`  · preview: ${JSON.stringify(summary)}`);
  }));

  // The preview's webview content lives in a nested frame (the outer one hosts fake.html).
  const previewView = () => page.frameLocator('iframe.webview').frameLocator('iframe#active-frame');

  /** Waits until the active editor's cursor is on a line in [lo, hi] (1-based). */
  async function cursorWithin(lo, hi, what) {
    await page.waitForFunction(([a, b]) => {
      const item = [...document.querySelectorAll('.statusbar-item')].map((e) => e.textContent).find((t) => /Ln \d+, Col/.test(t));
      const n = item ? Number(/Ln (\d+)/.exec(item)[1]) : -1;
      return n >= a && n <= b;
    }, [lo, hi]).catch(async (e) => {
      throw new Error(`the cursor (Ln ${await cursorLine()}) did not move to ${what} (Ln ${lo}–${hi})\n${e.message}`);
    });
  }

  /** The active editor's cursor line (1-based), from the status bar. */
  async function cursorLine() {
    const text = await page.locator('.statusbar-item', { hasText: /Ln \d+, Col \d+/ }).first().innerText();
    return Number(/Ln (\d+)/.exec(text)[1]);
  }

  it('reveals a Pod\'s and a Node\'s manifest when they are clicked in the preview', { timeout: 120_000 }, () => guard('preview-reveal', async () => {
    const view = previewView();
    await view.locator('button.pod[data-pod="shop/web"]').first().click();
    await page.locator('.tabs-container .tab.active', { hasText: 'web-pod.yaml' }).first().waitFor();
    const podLines = readFileSync(join(tmp, 'examples', 'web-pod.yaml'), 'utf8').split('\n');
    const podStart = podLines.findIndex((l) => l.startsWith('apiVersion:')) + 1;
    const podName = podLines.findIndex((l) => /^\s+name: web\s*$/.test(l)) + 1;
    await cursorWithin(podStart, podName, 'the web Pod\'s manifest');
    const line = await cursorLine();

    await view.locator('li.card[data-node="worker-2"] button.node-name').click();
    await page.locator('.tabs-container .tab.active', { hasText: 'nodes.yaml' }).first().waitFor();
    const nodeLines = readFileSync(join(tmp, 'examples', 'nodes.yaml'), 'utf8').split('\n');
    const nameLine = nodeLines.findIndex((l) => /^\s+name: worker-2\s*$/.test(l)) + 1;
    await cursorWithin(nameLine - 5, nameLine, 'the worker-2 Node manifest');
    console.log(`  · reveal: shop/web → web-pod.yaml Ln ${line}; worker-2 → nodes.yaml Ln ${await cursorLine()}`);
  }));

  it('updates the preview as the manifest is edited, without saving', { timeout: 120_000 }, () => guard('preview-update', async () => {
    const view = previewView();
    const message = view.locator('li[data-unschedulable="media/render-farm"] p.message');
    assert.match(await message.innerText(), /Insufficient cpu/);
    await openFile('batch-pod.yaml');
    const lines = readFileSync(join(tmp, 'examples', 'batch-pod.yaml'), 'utf8').split('\n');
    const cpu = lines.findIndex((l) => /^\s+cpu: "16"\s*$/.test(l)) + 1;
    assert.ok(cpu > 0, 'no cpu: "16" request in batch-pod.yaml');
    await goToLine(cpu);
    await page.keyboard.press('End');
    await page.keyboard.press('Shift+Home'); // to the first non-blank character
    await page.keyboard.type('cpu: 500m');
    await page.keyboard.press('Escape'); // close a suggestion list, if one opened
    await editorLine(/cpu:\s500m/).waitFor(); // spaces render as &nbsp;
    // Now only memory is short on every Node: the scheduler's message says so, live.
    await view.locator('li[data-unschedulable="media/render-farm"] p.message', { hasText: /Insufficient memory/, hasNotText: /Insufficient cpu/ }).waitFor({ timeout: 30_000 });
    const after = await message.innerText();
    assert.doesNotMatch(after, /Insufficient cpu/);
    // The server saw the editor's text, not the file: on disk the request is still 16 CPUs.
    assert.match(readFileSync(join(tmp, 'examples', 'batch-pod.yaml'), 'utf8'), /cpu: "16"/);
    console.log(`  · after the edit: ${JSON.stringify(after)}`);
  }));

  it('shows a Pending StatefulSet Pod with its volume reason, and how many more replicas fit', { timeout: 120_000 }, () => guard('preview-volumes', async () => {
    const view = previewView();
    // db-0, the claim its volumeClaimTemplate creates waiting for its first consumer: the class
    // provisions only in eu-west-1c, where no Node is; gpu-1's taint stops it first there.
    const stuck = view.locator('li[data-unschedulable="shop/db-0"]');
    await stuck.waitFor({ timeout: 30_000 });
    const message = await stuck.locator('p.message').innerText();
    assert.match(message, /^0\/3 nodes are available: 1 node\(s\) had untolerated taint\(s\), 2 node\(s\) didn't find available persistent volumes to bind\./);
    // Its detail: VolumeBinding's verdict on each zoned worker.
    await stuck.locator('button.pod[data-pod="shop/db-0"]').click();
    await view.locator('#detail-h', { hasText: 'shop/db-0' }).waitFor();
    for (const node of ['worker-1', 'worker-2']) {
      const verdict = (await view.locator(`#detail tr[data-detail-node="${node}"] td.fail`).innerText()).trim();
      assert.equal(verdict, "VolumeBinding: node(s) didn't find available persistent volumes to bind", node);
    }
    await view.locator('#detail button', { hasText: 'Close' }).click();
    await view.locator('#detail').waitFor({ state: 'detached' });

    // Room for more: the preview's answer is the CLI's on the same files (the only unsaved edit,
    // batch-pod.yaml's, leaves render-farm unschedulable and taking nothing either way).
    const key = 'Deployment/shop/api';
    await view.locator(`[data-workload="${key}"] button`, { hasText: 'Room for more?' }).click();
    const answer = view.locator(`[data-capacity="${key}"]`);
    await answer.waitFor({ timeout: 30_000 });
    const text = (await answer.innerText()).trim();
    const cli = spawnSync(process.execPath, [join(ROOT, 'dist', 'cli.js'), 'schedule', '--format', 'json', '--capacity', 'deployment/shop/api', join(tmp, 'examples')], { encoding: 'utf8' });
    assert.ok(cli.stdout, `podsight schedule failed (${cli.status}): ${cli.stderr}`);
    const c = JSON.parse(cli.stdout).capacity;
    assert.ok(c.fit >= 1 && c.blocker, `the CLI's answer: ${JSON.stringify(c)}`);
    assert.equal(text, `${c.fit} more replica${c.fit === 1 ? '' : 's'} fit; the next one does not: ${c.blocker.message}`);
    // The probe replicas are drawn on the Nodes, marked as such (cards fill near the viewport,
    // so one is looked for, not all).
    await view.locator('button.pod.probe').first().waitFor({ state: 'attached' });
    await shot('preview-volumes.png');
    await view.locator(`[data-workload="${key}"] button`, { hasText: 'Hide room' }).click();
    await answer.waitFor({ state: 'detached' });
    await view.locator('button.pod.probe').first().waitFor({ state: 'detached' });
    console.log(`  · db-0: ${JSON.stringify(message.slice(0, 140))}; room: ${JSON.stringify(text.slice(0, 120))}`);
  }));

  it('offers the editor-title preview button only on files with Pods or Nodes', { timeout: 90_000 }, () => guard('title-button', async () => {
    const button = page.locator('.editor-group-container.active .editor-actions a.action-label[aria-label^="Preview Scheduling"]');
    await openFile('nodes.yaml');
    await button.first().waitFor();
    await openFile('notes.yaml');
    await button.first().waitFor({ state: 'detached' });
    await openFile('web-pod.yaml');
    await button.first().waitFor();
  }));

  /** Picks a color theme with the palette, as a user does; waits for the workbench to switch. */
  async function colorTheme(name, cls) {
    // Not "Preferences: Browse Color Themes in Marketplace", which lists the same words.
    const row = page.locator('.quick-input-widget .monaco-list-row', { hasText: 'Preferences: Color Theme' }).first();
    const input = await palette('>Preferences: Color Theme', row);
    await row.click();
    await page.locator('.quick-input-widget .monaco-list-row', { hasText: name }).first().waitFor();
    await input.fill(name);
    await page.locator('.quick-input-widget .monaco-list-row.focused', { hasText: name }).first().waitFor();
    await page.keyboard.press('Enter');
    await page.locator(`.monaco-workbench.${cls}`).waitFor();
    await page.locator('.quick-input-widget').waitFor({ state: 'hidden' });
  }

  it('follows the light and the dark theme', { timeout: 120_000 }, () => guard('themes', async () => {
    const view = previewView();
    // The webview's text colour, and the theme's editor background it is drawn on (the host
    // passes theme colours in as --vscode-* variables; the page itself may be transparent).
    const colors = async () => view.locator('#summary').evaluate((el) => {
      const probe = document.createElement('div');
      probe.style.backgroundColor = 'var(--vscode-editor-background)';
      document.body.append(probe);
      const bg = getComputedStyle(probe).backgroundColor;
      probe.remove();
      return { fg: getComputedStyle(el).color, bg };
    });
    await colorTheme('Light Modern', 'vs');
    await view.locator('li.card[data-node="worker-1"]').waitFor();
    const light = await colors();
    await page.locator('iframe.webview').first().screenshot({ path: join(RESULTS, 'preview-light.png') });
    await colorTheme('Dark Modern', 'vs-dark');
    const dark = await colors();
    await page.locator('iframe.webview').first().screenshot({ path: join(RESULTS, 'preview-dark.png') });
    const lum = (c) => { const [r, g, b] = c.match(/\d+/g).map(Number); return 0.2126 * r + 0.7152 * g + 0.0722 * b; };
    assert.ok(lum(light.fg) < lum(light.bg), `light theme: text ${light.fg} on ${light.bg}`);
    assert.ok(lum(dark.fg) > lum(dark.bg), `dark theme: text ${dark.fg} on ${dark.bg}`);
    console.log(`  · themes: light ${light.fg} on ${light.bg}; dark ${dark.fg} on ${dark.bg}`);
  }));

  it('opens "Preview as stored" from its code lens: the Pod with what the API server adds', { timeout: 90_000 }, () => guard('stored', async () => {
    await openFile('web-pod.yaml');
    await goToLine(1);
    const lens = page.locator('.editor-instance .monaco-editor .contentWidgets .codelens-decoration a', { hasText: 'Preview as stored' }).first();
    await lens.waitFor({ timeout: 30_000 });
    await lens.click();
    // A read-only document beside the source, named for the object.
    const tab = page.locator('.tabs-container .tab', { hasText: 'Pod-web.stored.yaml' }).first();
    await tab.waitFor({ timeout: 30_000 });
    // Defaults (the pull policy of a tagged image) and admission (the ServiceAccount's token volume).
    const group = page.locator('.editor-group-container', { has: page.locator('.tab.active', { hasText: 'Pod-web.stored.yaml' }) }).first();
    const line = (re) => group.locator('.monaco-editor .view-lines .view-line', { hasText: re }).first();
    await line(/imagePullPolicy:\s*IfNotPresent/).waitFor({ timeout: 30_000 });
    // Lines below the fold are not rendered: find them as a user would (the editor scrolls there).
    const find = async (text, re) => {
      await tab.click();
      await group.locator('.monaco-editor .view-lines').first().click();
      await page.keyboard.press('Control+f');
      const input = group.locator('.find-widget textarea, .find-widget input').first();
      await input.waitFor();
      await input.fill(text);
      await page.keyboard.press('Enter');
      await line(re).waitFor();
      await page.keyboard.press('Escape');
    };
    await find('serviceAccountName', /serviceAccountName:\s*default/);
    await find('kube-api-access-', /name:\s*kube-api-access-/);
    await shot('stored.png');
    console.log(`  · stored preview: ${await group.locator('.monaco-editor .view-lines .view-line').count()} lines shown`);
  }));

  it('shows the Service code lens on both sides: what it selects, and who selects the template', { timeout: 90_000 }, () => guard('service-lens', async () => {
    // One editor group: Go to Line must move this editor, not one left open beside it.
    await runCommand('View: Close All Editor Groups');
    await openFile('api-deployment.yaml');
    await goToLine(1);
    // The lens of the editor shown (another group may hold a hidden one of the same file).
    const lens = (re) => page.locator('.editor-instance .monaco-editor .contentWidgets .codelens-decoration:visible', { hasText: re }).first();
    // Above the Deployment's Pod template: the Service that selects it, with its port mapping.
    await lens(/selected by Service api \(80→http\)/).waitFor({ timeout: 30_000 });
    const lines = readFileSync(join(tmp, 'examples', 'api-deployment.yaml'), 'utf8').split('\n');
    const service = lines.findIndex((l) => /^kind: Service\s*$/.test(l)) + 1;
    await goToLine(service);
    await lens(/selects 1 Pod template/).waitFor({ timeout: 30_000 });
    await shot('service-lens.png');
    console.log(`  · service lens: ${JSON.stringify(await lens(/selects/).innerText())}`);
  }));

  it('explains a Node in its manifest: the Pods placed there and their use, and a taint on hover', { timeout: 90_000 }, () => guard('node-facts', async () => {
    await openFile('nodes.yaml');
    await goToLine(1);
    const lens = (re) => page.locator('.editor-instance .monaco-editor .contentWidgets .codelens-decoration', { hasText: re }).first();
    // Above each Node: the Pods the simulation places there, and their use of allocatable.
    await lens(/^\s*\d+ Pods?:/).waitFor({ timeout: 60_000 });
    await lens(/cpu [\d.]+m?\/[\d.]+ \(\d+ %\)/).waitFor();
    const lensText = (await lens(/cpu /).innerText()).trim();
    // The gpu-1 taint: its effect in words, and who tolerates it.
    const lines = readFileSync(join(tmp, 'examples', 'nodes.yaml'), 'utf8').split('\n');
    const taintLine = lines.findIndex((l) => /^\s*- key: nvidia\.com\/gpu\s*$/.test(l)) + 1;
    await goToLine(taintLine);
    const hover = page.locator('.monaco-hover', { hasText: /Tolerated by|not scheduled here/ }).first();
    await hoverWord(editorLine(/key:\s*nvidia\.com\/gpu/), 'nvidia.com/gpu', hover, 'the taint\'s effect');
    const text = (await hover.innerText()).replace(/\s+/g, ' ');
    assert.match(text, /new Pods that do not tolerate it are not scheduled here/);
    await shot('node-facts.png');
    console.log(`  · node lens: ${JSON.stringify(lensText)}; taint hover: ${JSON.stringify(text.slice(0, 160))}`);
  }));

  it('flags a ConfigMap key typo in the kubelet\'s words and fixes it from its quick fix', { timeout: 120_000 }, () => guard('reference-fix', async () => {
    await runCommand('View: Close All Editor Groups');
    await openFile('config.yaml');
    await runCommand('View: Focus Problems');
    const panel = page.locator('.markers-panel');
    const problem = panel.locator('.monaco-list-row', { hasText: /couldn't find key log-levl in ConfigMap shop\/app-config/ }).first();
    await problemRow(problem, 'for the key typo');
    // The kubelet's consequence, and the closed-world case that made it a warning.
    assert.match(await problem.innerText(), /CreateContainerConfigError/);
    const title = await applyQuickFix('config.yaml', /^ +key: log-levl$/, 'log-levl', 'Change to "log-level"');
    await editorLine(/key:\s*log-level\s*$/).waitFor();
    // Validated again: the typo's problem leaves the panel.
    await problemRow(problem, 'for the key typo', 'detached');
    await shot('reference-fix.png');
    console.log(`  · reference fix: ${JSON.stringify(title)}; the problem is gone`);
  }));

  it('completes a Pod from an empty new file with Podsight\'s completion alone, to no findings', { timeout: 150_000 }, () => guard('completion', async () => {
    await runCommand('View: Close All Editor Groups');
    await openFile('new-pod.yaml');
    await runCommand('View: Focus Problems');
    const panel = page.locator('.markers-panel');
    await panel.waitFor();
    const editor = page.locator('.editor-instance .monaco-editor').first();
    await editor.locator('.view-lines').click();
    const widget = page.locator('.editor-widget.suggest-widget');
    /** Accepts the suggestion labelled exactly `label` (asking for suggestions when none show). */
    const accept = async (label) => {
      const row = widget.locator('.monaco-list-row').filter({ has: page.locator('.label-name', { hasText: new RegExp(`^${label}$`) }) }).first();
      for (let attempt = 1; ; attempt++) {
        if (!(await row.isVisible())) await page.keyboard.press('Control+Space');
        try {
          await row.waitFor({ state: 'visible', timeout: 10_000 });
          break;
        } catch (e) {
          const seen = await widget.locator('.monaco-list-row .label-name').allInnerTexts().catch(() => []);
          if (attempt >= 3) throw new Error(`no suggestion ${label} after ${attempt} tries; offered: ${JSON.stringify(seen)}\n${e.message}`);
          await page.keyboard.press('Escape');
        }
      }
      await row.click();
      // Accepted: the row goes (a key's completion may open the list again, with its values, at
      // once; the widget itself need not hide).
      await row.waitFor({ state: 'hidden' });
    };

    // The Pod skeleton: a snippet, left at its defaults.
    await accept('Pod');
    await page.keyboard.press('Escape');
    await editorLine(/containerPort:\s*80/).waitFor();
    // A field name half typed in the container: the YAML is broken until it is completed, and
    // Podsight says so (the evidence that the file is being validated at all).
    await page.keyboard.press('Control+End');
    await page.keyboard.type('    imagePull');
    const fileRow = panel.locator('.monaco-list-row', { hasText: 'new-pod.yaml' }).first();
    await fileRow.waitFor({ timeout: 60_000 });
    await accept('imagePullPolicy');
    // Its value from the enum's choices (a snippet choice).
    await accept('IfNotPresent');
    await page.keyboard.press('Escape');
    await page.keyboard.press('End');
    await page.keyboard.press('Enter');
    await page.keyboard.type('terminationM');
    await accept('terminationMessagePolicy');
    await accept('File');
    await page.keyboard.press('Escape');

    const want = 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: app\nspec:\n  containers:\n  - name: app\n    image: nginx:1.27\n    ports:\n    - containerPort: 80\n    imagePullPolicy: IfNotPresent\n    terminationMessagePolicy: File';
    await editorLine(/^\s{4}terminationMessagePolicy:\sFile$/).waitFor();
    await page.keyboard.press('Control+s');
    await page.locator('.tabs-container .tab.active.dirty').waitFor({ state: 'detached' });
    // A clean tab does not mean the write has landed: the file is read as the folder reports it.
    const saved = await fileContaining(join(tmp, 'examples', 'new-pod.yaml'), want, 'the completed Pod');
    assert.equal(saved.trimEnd(), want);
    // No finding left for the file: its group leaves the Problems panel.
    await problemRow(fileRow, 'for new-pod.yaml', 'detached');
    await shot('completion.png');
    console.log(`  · completion: a Pod of ${want.split('\n').length} lines from an empty file, no findings`);
  }));
});
