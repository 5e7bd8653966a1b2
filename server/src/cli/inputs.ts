/**
 * The CLI's inputs through the input layer (../io): the PATHs given (files, directories, `-`
 * for stdin) become texts in argument order, each directory's files in name order. What is
 * skipped inside a tree is a note on stderr; a PATH given that cannot be read is an error
 * (exit 2). An oversized file is skipped with a note, named or found.
 */
import { isAbsolute, relative } from 'node:path';
import { walkFiles, type FoundFile } from '../io/walk';
import { readStreamText, readTextFile, type ReadResult } from '../io/read';
import { noteLine, type SkipNote } from '../io/notes';
import { escapeText } from '../service';

export interface InputText {
  /** The path as given or found; `-` for stdin. */
  path: string;
  text: string;
}

/** A PATH given on the command line could not be read: one line, exit 2. */
export class InputError extends Error {}

export function displayName(path: string): string {
  if (path === '-') return '<stdin>';
  return isAbsolute(path) ? relative(process.cwd(), path) || path : path;
}

/** A note as the one line written to stderr: the path shown relative, everything escaped. */
export function noteForTerminal(note: SkipNote): string {
  return `podsight: ${escapeText(noteLine(note, note.path === '-' ? 'standard input' : displayName(note.path)))}`;
}

/** Reads at most this many files at once: enough to hide latency, few enough descriptors. */
const READ_CONCURRENCY = 16;

async function readAll(files: FoundFile[], maxBytes: number): Promise<ReadResult[]> {
  const out: ReadResult[] = new Array(files.length);
  let next = 0;
  const worker = async () => {
    for (let i = next++; i < files.length; i = next++) {
      const f = files[i];
      out[i] = await readTextFile(f.path, { maxBytes, realPath: f.realPath, expect: f });
    }
  };
  await Promise.all(Array.from({ length: Math.min(READ_CONCURRENCY, files.length) }, worker));
  return out;
}

/**
 * The texts of `paths` and the notes on what was skipped. Throws InputError for a PATH given
 * that is missing, unreadable or not a regular file or directory.
 */
export async function loadInputs(paths: readonly string[], maxBytes: number, note: (line: string) => void, excluded?: (path: string) => Promise<boolean>): Promise<InputText[]> {
  const roots = paths.map((p) => (p === '-' ? undefined : p));
  const walked = await walkFiles(
    roots.filter((p): p is string => p !== undefined),
    { maxFileSize: maxBytes },
  );
  // Indices of the walk's roots back to argument positions.
  const argOf: number[] = [];
  roots.forEach((p, i) => p !== undefined && argOf.push(i));
  const failed = walked.failed[0];
  if (failed) throw new InputError(`cannot read ${failed.path}: ${failed.message}${/FIFO/.test(failed.message) ? ' (use - to read a pipe)' : ''}`);

  // Excluded files (--exclude, a configuration file's exclude) are not read at all.
  if (excluded) {
    const drop = await Promise.all(walked.files.map((f) => excluded(f.path)));
    walked.files = walked.files.filter((_, i) => !drop[i]);
  }
  const read = await readAll(walked.files, maxBytes);
  const notes: SkipNote[] = [...walked.notes];
  const byArg = new Map<number, InputText[]>();
  walked.files.forEach((f, i) => {
    const r = read[i];
    if (!r.ok) {
      if (f.explicit && r.reason !== 'too-large') throw new InputError(`cannot read ${f.path}: ${r.message}`);
      notes.push(r);
      return;
    }
    const arg = argOf[f.root];
    const list = byArg.get(arg) ?? [];
    list.push({ path: f.path, text: r.text });
    byArg.set(arg, list);
  });

  const out: InputText[] = [];
  let stdin: ReadResult | undefined; // read once, however often `-` is given
  for (let i = 0; i < paths.length; i++) {
    if (paths[i] !== '-') {
      for (const t of byArg.get(i) ?? []) out.push(t);
      continue;
    }
    if (stdin) continue;
    stdin = await readStreamText(process.stdin, '-', maxBytes);
    if (stdin.ok) out.push({ path: '-', text: stdin.text });
    else if (stdin.reason === 'too-large') notes.push(stdin);
    else throw new InputError(`cannot read stdin: ${stdin.message}`);
  }
  for (const n of notes) note(noteForTerminal(n));
  if (walked.omittedNotes) note(`podsight: … and ${walked.omittedNotes.toLocaleString('en-US')} more skipped paths`);
  return out;
}
