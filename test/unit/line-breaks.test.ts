/**
 * Line breaks as LSP defines them (LF, CRLF, lone CR) in the engine: the line index, the
 * document split, the fast reader, comment suppressions, quick fixes, and — as a property
 * over the examples and the shared fixtures — the same diagnostics and the same hovers at the
 * same lines and characters whichever line break a manifest uses.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Diagnostic } from 'vscode-languageserver-types';
import { LineIndex, lineBreakOf, loneCrAsLf } from '../../server/src/service/parse/lineIndex';
import { splitDocuments } from '../../server/src/service/parse/manifests';
import { fastTree } from '../../server/src/service/parse/fastTree';
import { WorkspaceIndex } from '../../server/src/service';
import { service, validate } from '../helpers/engine';

const ROOT = join(__dirname, '..', '..');
const BREAKS = ['\n', '\r\n', '\r'] as const;
const withBreak = (text: string, eol: string): string => text.replace(/\n/g, eol);

function manifests(): Array<[string, string]> {
  const out: Array<[string, string]> = readdirSync(join(ROOT, 'examples'))
    .filter((f) => f.endsWith('.yaml'))
    .map((f) => [f, readFileSync(join(ROOT, 'examples', f), 'utf8')]);
  readFileSync(join(ROOT, 'test', 'fixtures', 'validation.jsonl'), 'utf8')
    .split('\n')
    .forEach((l, i) => {
      if (l.trim()) out.push([`validation.jsonl:${i + 1}`, (JSON.parse(l) as { yaml: string }).yaml]);
    });
  // What the examples lack: block and multi-line quoted scalars, a multi-line flow sequence,
  // an inline silencing comment, `...` and `---` markers, a syntax error, a tab.
  out.push([
    'crafted-1',
    'apiVersion: v1\nkind: Pod\nmetadata:\n  name: demo\n  annotations:\n    note: |\n      line one\n      line two\n    quoted: "a\n      b"\nspec:\n  containers:\n  - name: app\n    image: nginx:1.27\n    # podsight-disable-next-line unknown-field\n    foo: bar\n    bar: baz\n    args: [a,\n      b]\n---\napiVersion: v1\nkind: Pod\nmetadata: [\n',
  ]);
  out.push([
    'crafted-2',
    'apiVersion: v1\nkind: Pod\nmetadata:\n  name: Bad_Name\nspec:\n  containers:\n  - name: a\n    image: x\n    ports:\n    - containerPort: 80\n  - name: b\n    image: y\n    ports:\n    - containerPort: 80\n  volumes:\n  - name: v\n    emptyDir: {}\n...\n---\napiVersion: v1\nkind: Node\nmetadata:\n  name: n\n  labels: {a: "b"}\n',
  ]);
  out.push(['crafted-3', 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: demo\nspec:\n  containers:\n  - name: app\n    image: nginx:1.27\n    volumeMounts:\n    - name: data\n      mountPath: /data\n\t  bad: tab\n']);
  return out;
}

/** Results with the line breaks inside inserted text (fixes, edits, completions) written back as LF. */
const asLf = (ds: Diagnostic[] | unknown, eol: string): unknown => ds == null ? ds : JSON.parse(JSON.stringify(ds, (k, v: unknown) => ((k === 'newText' || k === 'insertText') && typeof v === 'string' ? v.split(eol).join('\n') : v)));

describe('line breaks: LF, CRLF and lone CR', () => {
  it('the line index counts each kind of break once, and positions past a line end stop before its break', () => {
    const text = 'a\nbb\r\nccc\rdddd\r\r\n\n';
    const idx = new LineIndex(text);
    assert.equal(idx.lineCount, 7);
    assert.deepEqual([0, 1, 2, 3, 4, 5, 6].map((l) => idx.lineStart(l)), [0, 2, 6, 10, 15, 17, 18]);
    assert.deepEqual(idx.positionAt(11), { line: 3, character: 1 });
    assert.deepEqual(idx.positionAt(text.length), { line: 6, character: 0 });
    // End of line: before LF, before CRLF, before a lone CR.
    assert.equal(idx.offsetAt({ line: 0, character: 99 }), 1);
    assert.equal(idx.offsetAt({ line: 1, character: 99 }), 4);
    assert.equal(idx.offsetAt({ line: 2, character: 99 }), 9);
    assert.equal(idx.offsetAt({ line: 4, character: 99 }), 15);
    for (let o = 0; o <= text.length; o++) {
      const p = idx.positionAt(o);
      // Every offset that is not inside a CRLF maps back to itself.
      if (!(text[o - 1] === '\r' && text[o] === '\n')) assert.equal(idx.offsetAt(p), o, `offset ${o}`);
    }
    // The same lines whichever break is used.
    for (const eol of BREAKS) assert.equal(new LineIndex(withBreak('a\nb\n\nc', eol)).lineCount, 4);
  });

  it('lone CR becomes LF at the same offset; CRLF and LF stay; the first break is the file’s', () => {
    assert.equal(loneCrAsLf('a\rb\r\nc\nd\r'), 'a\nb\r\nc\nd\n');
    assert.equal(loneCrAsLf('x\r\n'), 'x\r\n');
    assert.deepEqual(['a\nb\r\n', 'a\r\nb\n', 'a\rb\n', 'ab'].map(lineBreakOf), ['\n', '\r\n', '\r', '\n']);
  });

  it('splits documents at `---` after any line break, and only there', () => {
    for (const eol of BREAKS) {
      const text = withBreak('a: 1\n---\nb: 2\n--- # c\nc: 3\n', eol);
      const chunks = splitDocuments(text);
      assert.equal(chunks.length, 3, JSON.stringify(eol));
      assert.equal(chunks.map((c) => c.text).join(''), text);
      assert.ok(chunks[1].text.startsWith('---'));
    }
    // U+2028 and U+2029 are not line breaks in LSP or YAML 1.2: no split after them.
    assert.equal(splitDocuments('a: "x\u2028---"\nb: 1\u2029--- 2\n').length, 1);
  });

  it('the fast reader declines a lone CR (the engine gives it LF instead) and reads CRLF', () => {
    assert.equal(fastTree('a: 1\rb: 2\r'), undefined);
    const lf = fastTree('a: 1\nb: 2\n');
    const crlf = fastTree('a: 1\r\nb: 2\r\n');
    assert.ok(lf && crlf);
    assert.deepEqual(fastTree('a: 1\nb: 2\n'), fastTree(loneCrAsLf('a: 1\rb: 2\r')));
  });

  it('an inline silencing comment silences the next line, not the rest of a CR file', () => {
    const pod = 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: demo\nspec:\n  containers:\n  - name: app\n    image: nginx:1.27\n    # podsight-disable-next-line unknown-field\n    foo: 1\n    bar: 2\n';
    for (const eol of BREAKS) {
      const ds = validate(withBreak(pod, eol));
      assert.deepEqual(
        ds.map((d) => [d.code, d.range.start.line, d.range.start.character]),
        [['unknown-field', 10, 4]],
        JSON.stringify(eol),
      );
    }
  });

  it('quick fixes insert lines with the file’s own line break', () => {
    const pod = 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: demo\nspec:\n  containers:\n  - name: app\n    image: nginx:1.27\n    volumeMounts:\n    - name: data\n      mountPath: /data\n';
    for (const eol of BREAKS) {
      const d = validate(withBreak(pod, eol)).find((x) => x.code === 'volume-mount-name');
      const texts = ((d?.data as { fixes?: Array<{ edits: Array<{ newText: string }> }> })?.fixes ?? []).flatMap((f) => f.edits.map((e) => e.newText));
      const multiLine = texts.filter((t) => /[\r\n]/.test(t));
      assert.ok(multiLine.length > 0, `a fix inserts lines (${JSON.stringify(eol)}): ${JSON.stringify(texts)}`);
      for (const t of multiLine) assert.equal(t.replace(/\r\n|\r|\n/g, (b) => (b === eol ? '' : 'X')).includes('X'), false, `${JSON.stringify(eol)}: ${JSON.stringify(t)}`);
    }
  });

  const texts = manifests();

  it(`the same diagnostics at the same positions with LF, CRLF and CR (${texts.length} manifests)`, () => {
    let withDiagnostics = 0;
    for (const [name, text] of texts) {
      const lf = validate(text);
      if (lf.length) withDiagnostics++;
      for (const eol of ['\r\n', '\r']) assert.deepEqual(asLf(validate(withBreak(text, eol)), eol), asLf(lf, '\n'), `${name} with ${JSON.stringify(eol)}`);
    }
    assert.ok(withDiagnostics > 80, `manifests with diagnostics: ${withDiagnostics}`);
  });

  it('the same hover, completion, definition, references and rename at every position of the examples, and the same symbols, folding, hints and lenses, with LF, CRLF and CR', () => {
    const nodes = service.parse('file:///nodes.yaml', 1, readFileSync(join(ROOT, 'examples', 'nodes.yaml'), 'utf8'));
    const workspace = new WorkspaceIndex();
    workspace.update(nodes);
    for (const [name, text] of texts.filter(([n]) => n.endsWith('.yaml') || n.startsWith('crafted'))) {
      const files = BREAKS.map((eol) => service.parse(`file:///${name}`, 1, withBreak(text, eol)));
      const same = (what: string, f: (file: (typeof files)[number]) => unknown): void => {
        const [lf, crlf, cr] = files.map(f);
        assert.deepEqual(asLf(crlf as Diagnostic[], '\r\n'), asLf(lf as Diagnostic[], '\n'), `${name} ${what} CRLF`);
        assert.deepEqual(asLf(cr as Diagnostic[], '\r'), asLf(lf as Diagnostic[], '\n'), `${name} ${what} CR`);
      };
      same('symbols', (f) => service.documentSymbols(f));
      same('folding', (f) => service.foldingRanges(f));
      same('inlay hints', (f) => service.inlayHints(f));
      same('code lenses', (f) => service.codeLenses(f));
      const lines = text.split('\n');
      let answered = 0;
      for (let line = 0; line < lines.length; line++) {
        for (let character = 0; character <= lines[line].length; character++) {
          const at = { line, character };
          if (service.hover(files[0], at, workspace)) answered++;
          same(`hover ${line}:${character}`, (f) => service.hover(f, at, workspace));
          same(`completion ${line}:${character}`, (f) => service.completion(f, at, workspace));
          same(`definition ${line}:${character}`, (f) => service.definition(f, at));
          same(`references ${line}:${character}`, (f) => service.references(f, at));
          same(`rename ${line}:${character}`, (f) => service.rename(f, at, 'renamed'));
        }
      }
      if (name.endsWith('.yaml')) assert.ok(answered > 0, `${name}: some hovers`);
    }
  });
});
