/**
 * Loads the real bundled webview (dist/webview/webview.js + .css) in headless Chromium,
 * inside the very HTML shell (and CSP) the panel host serves, with a stand-in for
 * `acquireVsCodeApi` that records posted messages and state.
 */
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { spawnSync } from 'node:child_process';
import { chromium, type Browser, type Page } from 'playwright-core';
import { previewHtml } from '../../client/src/preview/html';
import { parseManifestFile } from '../../server/src/service/parse/manifests';
import { simulate, type SimulateOptions } from '../../server/src/service/scheduler';
import type { HostToWebviewMessage, SimulateResult } from '../../server/src/protocol';

export const ROOT = join(__dirname, '..', '..');
const ORIGIN = 'https://webview.test';

export function ensureBundle(): void {
  if (!existsSync(join(ROOT, 'dist', 'webview', 'webview.js')) || !existsSync(join(ROOT, 'dist', 'webview', 'webview.css'))) {
    const r = spawnSync(process.execPath, [join(ROOT, 'scripts', 'build.mjs')], { stdio: 'inherit' });
    if (r.status !== 0) throw new Error('build failed');
  }
}

export async function launch(): Promise<Browser> {
  ensureBundle();
  return chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic'],
  });
}

/** The simulation of files (name → YAML text), as the server would return it. */
export function simulateTexts(texts: Record<string, string>, options?: SimulateOptions): SimulateResult {
  const files = Object.entries(texts).map(([name, text]) => parseManifestFile(pathToFileURL(join(ROOT, 'examples', name)).href, 1, text));
  return { ...simulate(files, options), files: files.map((f) => f.uri) };
}

/** The simulation of examples/. */
export function simulateExamples(): SimulateResult {
  const dir = join(ROOT, 'examples');
  const texts: Record<string, string> = {};
  for (const n of readdirSync(dir).filter((f) => /\.ya?ml$/.test(f)).sort()) texts[n] = readFileSync(join(dir, n), 'utf8');
  return simulateTexts(texts);
}

export interface OpenOptions {
  /** Serve the page with the host's CSP (default true). Off, the DOM building alone must be safe. */
  csp?: boolean;
  /** State returned by getState() at start (a restored panel). */
  state?: unknown;
}

/** Opens the preview page; the stand-in API records into window.__posted / window.__state. */
export async function openPreview(browser: Browser, o: OpenOptions = {}): Promise<Page> {
  const page = await browser.newPage();
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  (page as Page & { errors: string[] }).errors = errors;
  // A string, not a function: tsx's transform would add helpers the page does not have.
  await page.addInitScript(`(() => {
    const w = window;
    w.__posted = [];
    w.__state = ${JSON.stringify(o.state ?? null)};
    w.__cspViolations = [];
    document.addEventListener('securitypolicyviolation', (e) => w.__cspViolations.push(e.violatedDirective + ' ' + e.blockedURI));
    let acquired = false;
    w.acquireVsCodeApi = () => {
      if (acquired) throw new Error('acquireVsCodeApi called twice');
      acquired = true;
      return {
        postMessage: (m) => w.__posted.push(JSON.parse(JSON.stringify(m))),
        getState: () => w.__state,
        setState: (s) => { w.__state = JSON.parse(JSON.stringify(s)); },
      };
    };
  })();`);
  let html = previewHtml({ cspSource: ORIGIN, scriptUri: `${ORIGIN}/dist/webview/webview.js`, styleUri: `${ORIGIN}/dist/webview/webview.css`, nonce: 'dGVzdC1ub25jZS0xMjM0NQ==' });
  if (o.csp === false) html = html.replace(/<meta http-equiv="Content-Security-Policy"[^>]*>/, '');
  await page.route(`${ORIGIN}/**`, async (route) => {
    const path = new URL(route.request().url()).pathname;
    if (path === '/index.html') return route.fulfill({ status: 200, contentType: 'text/html', body: html });
    if (path === '/dist/webview/webview.js' || path === '/dist/webview/webview.css') {
      return route.fulfill({ status: 200, contentType: path.endsWith('.js') ? 'text/javascript' : 'text/css', body: readFileSync(join(ROOT, path)) });
    }
    return route.fulfill({ status: 404, body: '' });
  });
  await page.goto(`${ORIGIN}/index.html`);
  await page.waitForFunction(() => (globalThis as any).__posted.some((m: any) => m.type === 'ready'));
  return page;
}

export async function post(page: Page, m: HostToWebviewMessage | unknown): Promise<void> {
  await page.evaluate((msg) => (globalThis as any).postMessage(msg, '*'), m);
}

export async function posted(page: Page): Promise<any[]> {
  return page.evaluate(() => (globalThis as any).__posted);
}

export function pageErrors(page: Page): string[] {
  return (page as Page & { errors: string[] }).errors;
}

/**
 * Posts a message and resolves once the webview has handled it and the next frame has run
 * (a listener added after the webview's runs after it, in the same dispatch): no timers.
 */
export async function postAndRender(page: Page, m: HostToWebviewMessage | unknown): Promise<void> {
  await page.evaluate(
    (msg) =>
      new Promise<void>((resolve) => {
        const w = globalThis as any;
        w.addEventListener('message', () => w.requestAnimationFrame(() => resolve()), { once: true });
        w.postMessage(msg, '*');
      }),
    m,
  );
}
