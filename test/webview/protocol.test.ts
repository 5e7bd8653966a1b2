/** The preview's messages are checked on receipt, and its HTML shell is locked down. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { isHostToWebviewMessage, isWebviewToHostMessage } from '../../server/src/protocol';
import { makeNonce, previewHtml } from '../../client/src/preview/html';
import { simulateExamples } from './harness';

test('webview → host messages are validated', () => {
  for (const ok of [
    { type: 'ready' },
    { type: 'refresh' },
    { type: 'openSampleNodes' },
    { type: 'reveal', target: 'pod', name: 'shop/web' },
    { type: 'select', pod: 'shop/web' },
    { type: 'select', pod: null },
    { type: 'whatIf', whatIf: {} },
    { type: 'whatIf', whatIf: { cordon: ['a'], uncordon: [], remove: ['b'], replicas: { 'Deployment/shop/api': 3 } } },
  ]) assert.ok(isWebviewToHostMessage(ok), JSON.stringify(ok));
  for (const bad of [
    null,
    'ready',
    [],
    { type: 'nope' },
    { type: 'reveal', target: 'file', name: 'x' },
    { type: 'reveal', target: 'pod', name: 3 },
    { type: 'reveal', target: 'pod', name: 'x'.repeat(2000) },
    { type: 'select' },
    { type: 'select', pod: 7 },
    { type: 'select', pod: 'x'.repeat(2000) },
    { type: 'whatIf', whatIf: { cordon: 'a' } },
    { type: 'whatIf', whatIf: { replicas: { a: -1 } } },
    { type: 'whatIf', whatIf: { replicas: { a: 1.5 } } },
    { type: 'whatIf', whatIf: { evil: [] } },
  ]) assert.ok(!isWebviewToHostMessage(bad), JSON.stringify(bad));
});

test('host → webview messages are validated', () => {
  const result = simulateExamples();
  assert.ok(isHostToWebviewMessage({ type: 'result', result, whatIf: {} }));
  assert.ok(isHostToWebviewMessage({ type: 'loading' }));
  assert.ok(isHostToWebviewMessage({ type: 'error', message: 'x' }));
  assert.ok(!isHostToWebviewMessage({ type: 'result', result, whatIf: { cordon: 1 } }));
  // The Node lens's focus: a Node name, nothing else.
  assert.ok(isHostToWebviewMessage({ type: 'result', result, whatIf: {}, focus: { focusNode: 'worker-1' } }));
  assert.ok(!isHostToWebviewMessage({ type: 'result', result, whatIf: {}, focus: { focusNode: 7 } }));
  assert.ok(!isHostToWebviewMessage({ type: 'result', result, whatIf: {}, focus: 'worker-1' }));
  assert.ok(!isHostToWebviewMessage({ type: 'result', result: { ...result, pods: [{ name: 'a' }] }, whatIf: {} }));
  assert.ok(!isHostToWebviewMessage({ type: 'error' }));
});

test('the HTML shell: default-src none, script by nonce only, nonces differ', () => {
  const a = makeNonce();
  const b = makeNonce();
  assert.notEqual(a, b);
  assert.equal(Buffer.from(a, 'base64').length, 16);
  const html = previewHtml({ cspSource: 'https://x.vscode-cdn.net', scriptUri: 'https://x/webview.js', styleUri: 'https://x/webview.css', nonce: a });
  const csp = /http-equiv="Content-Security-Policy" content="([^"]*)"/.exec(html)?.[1] ?? '';
  assert.match(csp, /default-src 'none'/);
  assert.match(csp, new RegExp(`script-src 'nonce-${a.replace(/[+/=]/g, (c) => `\\${c}`)}'`));
  assert.doesNotMatch(csp, /unsafe-inline|unsafe-eval/);
  assert.equal((html.match(/<script/g) ?? []).length, 1);
  assert.match(html, new RegExp(`<script nonce="${a.replace(/[+/=]/g, (c) => `\\${c}`)}" src="https://x/webview.js">`));
});
