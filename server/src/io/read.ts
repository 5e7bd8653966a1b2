/**
 * Reading one untrusted file as text: regular files only, never more than the size limit.
 *
 * A device, FIFO or socket is never opened (opening one can block forever or have effects:
 * a tape rewinds, a watchdog arms). The path is stat'ed first, then its real path is opened
 * with O_NOFOLLOW|O_NONBLOCK and the descriptor fstat'ed: a file swapped for a link, a FIFO or
 * another file between the two is refused, and a FIFO slipped in cannot block the open.
 * At most limit + 1 bytes are ever read, whatever the file claims its size is.
 */
import { constants, type Stats } from 'node:fs';
import { open, realpath, stat } from 'node:fs/promises';
import { MAX_READABLE_BYTES, formatBytes, kindOf } from './limits';
import { errorNote, type SkipNote } from './notes';

export type ReadResult = { ok: true; text: string; bytes: number; mtimeMs: number } | ({ ok: false } & SkipNote);

export interface ReadOptions {
  /** Files larger than this many bytes are not read. */
  maxBytes: number;
  /** The file's real path when known (from a walk); resolved otherwise. */
  realPath?: string;
  /**
   * The identity of the regular file found at the path (a walk's FoundFile); another file there
   * is refused. With `realPath`, the path is not stat'ed again: the descriptor is checked.
   */
  expect?: { dev: number; ino: number };
}

// O_NOFOLLOW and O_NONBLOCK do not exist on Windows, where FIFOs and device files of this kind do not either.
const OPEN_FLAGS = constants.O_RDONLY | (constants.O_NOFOLLOW ?? 0) | (constants.O_NONBLOCK ?? 0) | (constants.O_NOCTTY ?? 0);

const decoder = new TextDecoder('utf-8', { fatal: false });

/** The effective limit: a setting, never above what fits in a string. */
export function byteLimit(maxBytes: number): number {
  return Math.max(0, Math.min(Math.floor(maxBytes), MAX_READABLE_BYTES));
}

export function tooLargeNote(path: string, size: number | undefined, limit: number): SkipNote {
  const what = size === undefined ? `more than ${formatBytes(limit)}` : `${formatBytes(size)} is more than the size limit (${formatBytes(limit)})`;
  return { path, reason: 'too-large', message: size === undefined ? `${what} (the size limit)` : what };
}

export function notRegularNote(path: string, s: Stats): SkipNote {
  return { path, reason: 'not-regular', message: `not a regular file (${kindOf(s)})` };
}

function changed(path: string): ReadResult {
  return { ok: false, path, reason: 'changed', message: 'replaced while being read' };
}

function failed(note: SkipNote): ReadResult {
  return { ok: false, ...note };
}

/** Reads a regular file as UTF-8 text (invalid bytes become U+FFFD, a BOM is dropped). Never throws. */
export async function readTextFile(path: string, options: ReadOptions): Promise<ReadResult> {
  const limit = byteLimit(options.maxBytes);
  // What the path names, through links: from the walk that found it, else stat'ed here. Either
  // way it is a regular file when opened, or it is not opened at all.
  let st: { dev: number; ino: number };
  let real: string;
  if (options.expect && options.realPath) {
    st = options.expect;
    real = options.realPath;
  } else {
    try {
      const s = await stat(path);
      if (!s.isFile()) return failed(notRegularNote(path, s));
      if (s.size > limit) return failed(tooLargeNote(path, s.size, limit));
      if (options.expect && (s.dev !== options.expect.dev || s.ino !== options.expect.ino)) return changed(path);
      st = s;
      real = options.realPath ?? (await realpath(path));
    } catch (err) {
      return failed(errorNote(path, err));
    }
  }
  let fh;
  try {
    fh = await open(real, OPEN_FLAGS);
  } catch (err) {
    // ELOOP here: the real path became a link after it was resolved.
    return (err as NodeJS.ErrnoException).code === 'ELOOP' ? changed(path) : failed(errorNote(path, err));
  }
  try {
    const fst = await fh.stat();
    if (!fst.isFile()) return failed(notRegularNote(path, fst));
    if (fst.dev !== st.dev || fst.ino !== st.ino) return changed(path);
    if (fst.size > limit) return failed(tooLargeNote(path, fst.size, limit));
    // Sized by fstat, grown if the file grows meanwhile, never past limit + 1 bytes.
    let buf = Buffer.allocUnsafe(fst.size + 1);
    let n = 0;
    for (;;) {
      if (n === buf.length) {
        if (n > limit) return failed(tooLargeNote(path, undefined, limit));
        const next = Buffer.allocUnsafe(Math.min(limit + 1, buf.length * 2));
        buf.copy(next, 0, 0, n);
        buf = next;
      }
      const { bytesRead } = await fh.read(buf, n, buf.length - n, null);
      if (bytesRead === 0) break;
      n += bytesRead;
      // All fstat announced, in one short read: the end, as readFile takes it (saves a round trip
      // per file). A file announcing 0 bytes (/proc …) is read until a read returns nothing.
      if (n === fst.size && n > 0) break;
    }
    return { ok: true, text: decoder.decode(buf.subarray(0, n)), bytes: n, mtimeMs: fst.mtimeMs };
  } catch (err) {
    return failed(errorNote(path, err));
  } finally {
    await fh.close().catch(() => undefined);
  }
}

/** Reads a stream (standard input) as UTF-8 text, stopping past the limit without reading the rest. */
export function readStreamText(stream: NodeJS.ReadableStream & { destroy?: () => void }, name: string, maxBytes: number): Promise<ReadResult> {
  const limit = byteLimit(maxBytes);
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let n = 0;
    let settled = false;
    const finish = (r: ReadResult) => {
      if (settled) return;
      settled = true;
      stream.removeListener('data', onData);
      stream.removeListener('end', onEnd);
      stream.removeListener('error', onError);
      resolve(r);
    };
    const onData = (chunk: Buffer | string) => {
      const b = typeof chunk === 'string' ? Buffer.from(chunk) : chunk;
      n += b.length;
      if (n > limit) {
        stream.destroy?.();
        finish(failed(tooLargeNote(name, undefined, limit)));
      } else chunks.push(b);
    };
    const onEnd = () => finish({ ok: true, text: decoder.decode(Buffer.concat(chunks, n)), bytes: n, mtimeMs: 0 });
    const onError = (err: unknown) => finish(failed(errorNote(name, err)));
    stream.on('data', onData);
    stream.on('end', onEnd);
    stream.on('error', onError);
  });
}
