/** Helpers for the sharing tests: parse YAML, find positions by text, read hover Markdown. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Hover, Position } from 'vscode-languageserver-types';
import { PodsightService, type ManifestFile } from '../../../server/src/service';

export const service = new PodsightService();

export const EXAMPLES = join(__dirname, '..', '..', '..', 'examples');

export function example(name: string): string {
  return readFileSync(join(EXAMPLES, name), 'utf8');
}

export function parse(text: string, uri = 'file:///w/test.yaml'): ManifestFile {
  return service.parse(uri, 1, text);
}

/** Position of the `nth` occurrence of `needle` (plus `delta` characters). */
export function pos(text: string, needle: string, delta = 0, nth = 0): Position {
  let at = -1;
  for (let i = 0; i <= nth; i++) {
    at = text.indexOf(needle, at + 1);
    if (at < 0) throw new Error(`not found: ${JSON.stringify(needle)} #${nth}`);
  }
  const o = at + delta;
  const before = text.slice(0, o);
  const line = before.split('\n').length - 1;
  return { line, character: o - (before.lastIndexOf('\n') + 1) };
}

/** Text with a `¦` cursor marker → the text without it and the marker's position. */
export function cursor(marked: string): { text: string; position: Position } {
  const o = marked.indexOf('¦');
  if (o < 0) throw new Error('no ¦ marker');
  const text = marked.slice(0, o) + marked.slice(o + 1);
  const before = text.slice(0, o);
  return { text, position: { line: before.split('\n').length - 1, character: o - (before.lastIndexOf('\n') + 1) } };
}

export function md(h: Hover | null): string {
  if (!h) return '';
  return typeof h.contents === 'object' && 'value' in h.contents ? h.contents.value : '';
}

/** The text a range covers. */
export function textOf(text: string, r: { start: Position; end: Position }): string {
  const lines = text.split('\n');
  const off = (p: Position) => lines.slice(0, p.line).reduce((n, l) => n + l.length + 1, 0) + p.character;
  return text.slice(off(r.start), off(r.end));
}

export function pod(spec: string, name = 'demo'): string {
  return `apiVersion: v1\nkind: Pod\nmetadata:\n  name: ${name}\nspec:\n${spec}`;
}
