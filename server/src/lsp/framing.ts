/**
 * The LSP base protocol's framing, read strictly: header lines `Name: value` ending in CRLF,
 * an empty line, then exactly Content-Length bytes of UTF-8 JSON.
 *
 * vscode-jsonrpc's stream reader is lenient in ways that leave a server alive but deaf: a
 * header without Content-Length or with a negative one is reported and then the stream stays
 * stuck; LF-only line ends are never recognised as the end of a header, so every later byte
 * is buffered (and rescanned on each chunk) forever; a huge Content-Length is buffered with no
 * cap. Once framing is lost nothing after it can be trusted, so this decoder throws a
 * FramingError instead and the server exits; the client starts a fresh one.
 *
 * Work is linear in the input: header bytes are scanned once each, bodies are sliced, never
 * rescanned, and memory is bounded by the caps below.
 */

/**
 * Largest message body accepted. A didOpen or full-text didChange carries the whole document
 * as a JSON string: a document at the default podsight.maxFileSize (20 Mi UTF-16 code units)
 * is at most 60 MiB of UTF-8 (3 bytes per BMP code unit, 4 per surrogate pair = 2 per unit),
 * and ordinary text gains little from JSON escaping, so 64 MiB passes every document the
 * server would validate, while a Content-Length of gigabytes is refused before a byte of it
 * is buffered. (VS Code itself does not sync files over 50 MB to extensions.)
 */
export const MAX_MESSAGE_BYTES = 64 * 1024 * 1024;
/** A header is `Content-Length` and perhaps `Content-Type`: under 100 bytes. 8 KiB is lavish. */
export const MAX_HEADER_BYTES = 8 * 1024;

export interface FrameLimits {
  maxMessageBytes: number;
  maxHeaderBytes: number;
}

export const DEFAULT_FRAME_LIMITS: FrameLimits = { maxMessageBytes: MAX_MESSAGE_BYTES, maxHeaderBytes: MAX_HEADER_BYTES };

/** Framing is lost: the stream cannot be read further. The message is one line. */
export class FramingError extends Error {
  override readonly name = 'FramingError';
}

const CR = 13;
const LF = 10;
const HT = 9;
/** RFC 9110 token characters (header field names). */
const TOKEN = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;
const TOKEN_CHAR = /^[!#$%&'*+.^_`|~0-9A-Za-z-]$/;
const CHARSET = /;\s*charset\s*=\s*"?([^";\s]*)/i;

/**
 * Incremental decoder: push chunks as they arrive, receive each complete body. After a
 * FramingError it stays failed and ignores further input.
 */
export class FrameDecoder {
  private failed = false;
  // Header state.
  private inHeader = true;
  private line = '';
  private afterCR = false;
  /** Whether the current header line has passed its name (reached the colon). */
  private inValue = false;
  private headerBytes = 0;
  private contentLength: number | undefined;
  // Body state.
  private remaining = 0;
  private parts: Uint8Array[] = [];

  constructor(private readonly limits: FrameLimits = DEFAULT_FRAME_LIMITS) {}

  push(chunk: Uint8Array, onBody: (body: Uint8Array) => void): void {
    if (this.failed) return;
    try {
      this.consume(chunk, onBody);
    } catch (err) {
      if (err instanceof FramingError) this.failed = true;
      throw err;
    }
  }

  private consume(chunk: Uint8Array, onBody: (body: Uint8Array) => void): void {
    let i = 0;
    while (i < chunk.length) {
      if (this.inHeader) {
        const b = chunk[i++];
        if (++this.headerBytes > this.limits.maxHeaderBytes) throw new FramingError(`message header longer than ${this.limits.maxHeaderBytes} bytes`);
        if (this.afterCR) {
          if (b !== LF) throw new FramingError('CR not followed by LF in a message header');
          this.afterCR = false;
          if (this.endLine() && this.remaining === 0) this.finish(onBody);
        } else if (b === CR) this.afterCR = true;
        else if (b === LF) throw new FramingError('message header line ends in LF without CR (header lines end in CRLF)');
        else if ((b < 0x20 && b !== HT) || b > 0x7e) throw new FramingError(`byte 0x${b.toString(16).padStart(2, '0')} in a message header (headers are printable ASCII)`);
        else {
          const c = String.fromCharCode(b);
          // Checked as it arrives, so that a body sent without a header (`{…`) fails at once
          // rather than after the header limit.
          if (!this.inValue) {
            if (c === ':') this.inValue = true;
            else if (!TOKEN_CHAR.test(c)) throw new FramingError('message header line is not "Name: value"');
          }
          this.line += c;
        }
      } else {
        const take = Math.min(this.remaining, chunk.length - i);
        this.parts.push(chunk.subarray(i, i + take));
        i += take;
        this.remaining -= take;
        if (this.remaining === 0) this.finish(onBody);
      }
    }
  }

  /** Handles one complete header line; true when it was the empty line ending the header. */
  private endLine(): boolean {
    const line = this.line;
    this.line = '';
    this.inValue = false;
    if (line === '') {
      if (this.contentLength === undefined) throw new FramingError('message header without Content-Length');
      this.inHeader = false;
      this.remaining = this.contentLength;
      return true;
    }
    const colon = line.indexOf(':');
    const name = colon > 0 ? line.slice(0, colon) : '';
    if (!TOKEN.test(name)) throw new FramingError('message header line is not "Name: value"');
    const value = line.slice(colon + 1).replace(/^[ \t]+|[ \t]+$/g, '');
    switch (name.toLowerCase()) {
      case 'content-length': {
        if (this.contentLength !== undefined) throw new FramingError('message header with two Content-Length fields');
        if (!/^[0-9]{1,16}$/.test(value)) throw new FramingError('Content-Length is not a non-negative decimal number');
        const n = Number(value);
        if (n > this.limits.maxMessageBytes) throw new FramingError(`message of ${n} bytes is over the limit of ${this.limits.maxMessageBytes} bytes`);
        this.contentLength = n;
        break;
      }
      case 'content-type': {
        const charset = CHARSET.exec(value)?.[1].toLowerCase();
        if (charset !== undefined && charset !== 'utf-8' && charset !== 'utf8') throw new FramingError('Content-Type names a charset other than utf-8');
        break;
      }
      default:
      // Other header fields are allowed by the protocol and mean nothing to us.
    }
    return false;
  }

  private finish(onBody: (body: Uint8Array) => void): void {
    const parts = this.parts;
    const body = parts.length === 1 ? parts[0] : concat(parts, this.contentLength ?? 0);
    this.parts = [];
    this.inHeader = true;
    this.headerBytes = 0;
    this.contentLength = undefined;
    this.remaining = 0;
    onBody(body);
  }
}

function concat(parts: Uint8Array[], length: number): Uint8Array {
  const out = new Uint8Array(length);
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}
