/**
 * Hover ranges, as a property over every position of the examples and the shared fixtures
 * (with the example Nodes in the workspace index, so the scheduling hovers answer too): a
 * hover's range is never reversed and always contains the cursor; in the indentation before
 * a key there is no hover (never the parent's text).
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Hover, Position } from 'vscode-languageserver-types';
import { WorkspaceIndex } from '../../server/src/service';
import { service } from '../helpers/engine';

const ROOT = join(__dirname, '..', '..');
const EXAMPLES = join(ROOT, 'examples');

function corpus(): Array<[string, string]> {
  const out: Array<[string, string]> = readdirSync(EXAMPLES)
    .filter((f) => f.endsWith('.yaml'))
    .map((f) => [f, readFileSync(join(EXAMPLES, f), 'utf8')]);
  for (const file of ['validation.jsonl', 'scheduler.jsonl']) {
    const lines = readFileSync(join(ROOT, 'test', 'fixtures', file), 'utf8').split('\n');
    lines.forEach((l, i) => {
      if (!l.trim()) return;
      const o = JSON.parse(l) as Record<string, unknown>;
      // Every YAML text a case carries (validation: `yaml`; scheduler: its manifests).
      const walk = (v: unknown, path: string): void => {
        if (typeof v === 'string' && /\bkind:/.test(v)) out.push([`${file}:${i + 1}${path}`, v]);
        else if (Array.isArray(v)) v.forEach((x, k) => walk(x, `${path}[${k}]`));
        else if (v && typeof v === 'object') for (const [k, x] of Object.entries(v)) walk(x, `${path}.${k}`);
      };
      walk(o, '');
    });
  }
  return out;
}

const before = (a: Position, b: Position): boolean => a.line < b.line || (a.line === b.line && a.character <= b.character);
const show = (h: Hover): string => `${JSON.stringify(h.range)} ${(typeof h.contents === 'object' && 'value' in h.contents ? h.contents.value : '').slice(0, 80)}`;

describe('hover ranges over every position of the examples and fixtures', () => {
  const texts = corpus();
  const workspace = new WorkspaceIndex();
  workspace.update(service.parse('file:///nodes.yaml', 1, readFileSync(join(EXAMPLES, 'nodes.yaml'), 'utf8')));

  it(`${texts.length} texts: ranges never reversed, always containing the cursor; nothing in indentation`, () => {
    assert.ok(texts.length > 100, `fixtures found: ${texts.length}`);
    const failures: string[] = [];
    let hovers = 0;
    for (const [name, text] of texts) {
      const file = service.parse(`file:///${name}`, 1, text);
      const lines = text.split('\n');
      for (let line = 0; line < lines.length; line++) {
        const indent = /^[ ]*/.exec(lines[line])![0].length;
        const content = lines[line].trim() !== '' && !lines[line].trimStart().startsWith('#');
        for (let character = 0; character <= lines[line].length; character++) {
          const pos = { line, character };
          const h = service.hover(file, pos, workspace);
          if (!h) continue;
          hovers++;
          const where = `${name} ${line}:${character} ${JSON.stringify(lines[line])}`;
          if (content && character < indent) failures.push(`${where}: hover in indentation: ${show(h)}`);
          if (!h.range) continue;
          if (!before(h.range.start, h.range.end)) failures.push(`${where}: reversed range ${show(h)}`);
          else if (!before(h.range.start, pos) || !before(pos, h.range.end)) failures.push(`${where}: range does not contain the cursor ${show(h)}`);
        }
      }
    }
    assert.ok(hovers > 10_000, `hovers answered: ${hovers}`);
    assert.deepEqual(failures.slice(0, 30), [], `${failures.length} failures`);
  });
});
