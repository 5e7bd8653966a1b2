/**
 * Text to a stream in chunks, with backpressure: small pieces are gathered into chunks of about
 * 64 KiB, and once the stream's buffer is full (write returns false) the writer waits for
 * 'drain' before making more. stdout to a pipe is asynchronous on POSIX: without the wait a
 * large report would pile up in memory in front of a slow reader.
 */

export interface WritableLike {
  write(chunk: string): boolean;
  on(event: 'error', listener: (err: Error) => void): unknown;
  once(event: 'drain' | 'close', listener: () => void): unknown;
  removeListener(event: 'drain' | 'close', listener: () => void): unknown;
}

const CHUNK = 64 * 1024;

export class ChunkSink {
  private parts: string[] = [];
  private size = 0;
  private failed: Error | undefined;
  /** Settles the wait for 'drain' (also on an error, which may come without 'close'). */
  private wake: (() => void) | undefined;

  constructor(private readonly out: WritableLike) {
    out.on('error', (err) => {
      this.failed ??= err;
      this.wake?.();
    });
  }

  /** Why the stream failed (EPIPE when the reader went away), if it did. */
  get error(): Error | undefined {
    return this.failed;
  }

  /** Adds text; when a chunk went out and the stream is full, the promise resolves on 'drain'. */
  write(text: string): Promise<void> | undefined {
    if (this.failed) throw this.failed;
    this.parts.push(text);
    this.size += text.length;
    return this.size >= CHUNK ? this.flush() : undefined;
  }

  /** Writes what is gathered. */
  flush(): Promise<void> | undefined {
    if (this.failed) throw this.failed;
    if (this.size === 0) return undefined;
    const chunk = this.parts.length === 1 ? this.parts[0] : this.parts.join('');
    this.parts = [];
    this.size = 0;
    if (this.out.write(chunk)) return undefined;
    return new Promise<void>((resolve, reject) => {
      const done = () => {
        this.wake = undefined;
        this.out.removeListener('drain', done);
        this.out.removeListener('close', closed);
        if (this.failed) reject(this.failed);
        else resolve();
      };
      const closed = () => {
        // Closed without an error of its own: nothing more can be written (as when the reader went away).
        this.failed ??= Object.assign(new Error('the output was closed'), { code: 'EPIPE' });
        done();
      };
      this.wake = done;
      this.out.once('drain', done);
      this.out.once('close', closed);
    });
  }
}
