// Extension-host suite for @vscode/test-electron (test/vscode/run.mjs): the same two checks as the
// code-server e2e run, through the VS Code API. No test framework: run() resolves when both pass
// and rejects with every failure otherwise (test-electron turns that into a non-zero exit).

const assert = require('node:assert/strict');
const path = require('node:path');
const vscode = require('vscode');

const UNKNOWN_FIELD = 'unknown field "spec.containers[0].foo"';
const HOVER_TEXT = 'Container image name';

function examples() {
  const dir = process.env.PODSIGHT_TEST_WORKSPACE
    ?? vscode.workspace.workspaceFolders?.[0]?.uri.fsPath;
  assert.ok(dir, 'no workspace folder with the examples');
  return dir;
}

/** Resolves with the first value of `probe()` that is truthy, re-checked on every diagnostics change. */
function whenDiagnostics(uri, probe, timeoutMs) {
  return new Promise((resolve, reject) => {
    const check = () => {
      const hit = probe(vscode.languages.getDiagnostics(uri));
      if (hit) { done(); resolve(hit); }
    };
    const sub = vscode.languages.onDidChangeDiagnostics((e) => {
      if (e.uris.some((u) => u.toString() === uri.toString())) check();
    });
    const timer = setTimeout(() => {
      done();
      const seen = vscode.languages.getDiagnostics(uri).map((d) => `${d.source}/${d.code?.value ?? d.code}: ${d.message}`);
      reject(new Error(`no matching diagnostic within ${timeoutMs} ms; diagnostics: ${JSON.stringify(seen)}`));
    }, timeoutMs);
    function done() { clearTimeout(timer); sub.dispose(); }
    check();
  });
}

const tests = {
  async 'reports the unknown field as a podsight error'() {
    const uri = vscode.Uri.file(path.join(examples(), 'mistakes.yaml'));
    const doc = await vscode.workspace.openTextDocument(uri);
    await vscode.window.showTextDocument(doc);
    assert.equal(doc.languageId, 'yaml');
    const diag = await whenDiagnostics(uri, (all) => all.find((d) => d.message.includes(UNKNOWN_FIELD)), 60_000);
    assert.equal(diag.source, 'podsight');
    assert.equal(diag.severity, vscode.DiagnosticSeverity.Error);
    assert.equal(String(diag.code?.value ?? diag.code), 'unknown-field');
    assert.equal(diag.range.start.line, 12, 'on line 13 (`foo: bar`)');
  },

  async 'shows Kubernetes field documentation when hovering image'() {
    const uri = vscode.Uri.file(path.join(examples(), 'mistakes.yaml'));
    const doc = await vscode.workspace.openTextDocument(uri);
    await vscode.window.showTextDocument(doc);
    const line = doc.lineAt(10);
    const col = line.text.indexOf('image');
    assert.ok(col >= 0, `line 11 is not the image line: ${line.text}`);
    const pos = new vscode.Position(10, col + 2);
    // The server may still be starting: ask again until a hover comes back (bounded).
    const deadline = Date.now() + 60_000;
    let text = '';
    while (Date.now() < deadline) {
      const hovers = (await vscode.commands.executeCommand('vscode.executeHoverProvider', uri, pos)) ?? [];
      text = hovers.flatMap((h) => h.contents.map((c) => (typeof c === 'string' ? c : c.value))).join('\n');
      if (text.includes(HOVER_TEXT)) break;
      await new Promise((r) => setTimeout(r, 250));
    }
    assert.ok(text.includes(HOVER_TEXT), `hover text: ${JSON.stringify(text)}`);
    assert.match(text, /kubernetes\.io\/docs\/reference\/kubernetes-api/);
  },
};

async function run() {
  const ext = vscode.extensions.all.find((e) => e.packageJSON?.name === 'podsight');
  assert.ok(ext, 'the Podsight extension is not loaded');
  const failures = [];
  for (const [name, fn] of Object.entries(tests)) {
    const t0 = Date.now();
    try {
      await fn();
      console.log(`✔ ${name} (${Date.now() - t0} ms)`);
    } catch (e) {
      console.log(`✖ ${name} (${Date.now() - t0} ms)\n  ${e?.stack ?? e}`);
      failures.push(name);
    }
  }
  const total = Object.keys(tests).length;
  console.log(`ℹ tests ${total}\nℹ pass ${total - failures.length}\nℹ fail ${failures.length}`);
  if (failures.length) throw new Error(`${failures.length} of ${total} failed: ${failures.join('; ')}`);
}

module.exports = { run };
