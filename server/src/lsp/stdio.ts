/**
 * The connection over stdio (`--stdio`, any LSP editor), read by our strict framing
 * (./framing.ts) instead of vscode-jsonrpc's lenient reader. A broken or oversized header
 * ends the process with one line on stderr: an editor restarts a server that exited, but
 * cannot tell that a live one has stopped listening. IPC (`--node-ipc`, how VS Code starts
 * us) carries whole messages and keeps the library's own transport.
 */
import { writeSync } from 'node:fs';
import { format } from 'node:util';
import { AbstractMessageReader, createConnection, Disposable, ProposedFeatures, StreamMessageWriter, type Connection, type DataCallback, type Message } from 'vscode-languageserver/node';
import { DEFAULT_FRAME_LIMITS, FrameDecoder, FramingError, type FrameLimits } from './framing';

/** Reads LSP messages from a byte stream; broken framing is handed to `onFatal`, once. */
export class StrictStreamMessageReader extends AbstractMessageReader {
  private closed = false;

  constructor(
    private readonly input: NodeJS.ReadableStream,
    private readonly onFatal: (reason: string) => void,
    private readonly limits: FrameLimits = DEFAULT_FRAME_LIMITS,
  ) {
    super();
  }

  listen(callback: DataCallback): Disposable {
    const decoder = new FrameDecoder(this.limits);
    const deliver = (body: Uint8Array): void => {
      let message: unknown;
      try {
        message = JSON.parse(Buffer.from(body.buffer, body.byteOffset, body.byteLength).toString('utf8'));
      } catch (err) {
        // The frame was whole, so the stream is still in step: report and read on.
        this.fireError(new Error(`message body is not JSON: ${err instanceof Error ? err.message : String(err)}`));
        return;
      }
      if (typeof message !== 'object' || message === null || Array.isArray(message)) {
        this.fireError(new Error('message body is not a JSON object'));
        return;
      }
      try {
        callback(message as Message);
      } catch (err) {
        this.fireError(err);
      }
    };
    const onData = (chunk: Buffer | string): void => {
      try {
        decoder.push(typeof chunk === 'string' ? Buffer.from(chunk, 'utf8') : chunk, deliver);
      } catch (err) {
        // After any failure inside the decoder its position in the stream is unknown.
        detach();
        this.onFatal(err instanceof FramingError ? err.message : `reading messages failed: ${err instanceof Error ? err.message : String(err)}`);
      }
    };
    const onError = (err: unknown): void => this.fireError(err);
    const onEnd = (): void => {
      if (this.closed) return;
      this.closed = true;
      this.fireClose();
    };
    const detach = (): void => {
      this.input.removeListener('data', onData);
      this.input.removeListener('error', onError);
      this.input.removeListener('end', onEnd);
      this.input.removeListener('close', onEnd);
    };
    this.input.on('data', onData);
    this.input.on('error', onError);
    this.input.on('end', onEnd);
    this.input.on('close', onEnd);
    return Disposable.create(detach);
  }
}

/** Ends the process on lost framing: one line on stderr, exit status 1. */
function fatal(reason: string): never {
  // Synchronous: nothing else may be written, and the process ends right after.
  writeSync(2, `podsight-language-server: ${reason.replace(/[\x00-\x1f\x7f]/g, ' ')}; exiting\n`);
  process.exit(1);
}

export function createStdioConnection(): Connection {
  const reader = new StrictStreamMessageReader(process.stdin, fatal);
  const connection = createConnection(ProposedFeatures.all, reader, new StreamMessageWriter(process.stdout));
  // What the library does when it owns stdio itself: exit when the client closes our input
  // (status 0 only after a shutdown request), and keep console output off stdout, which
  // carries the protocol.
  let shutdown = false;
  connection.onShutdown(() => {
    shutdown = true;
  });
  reader.onClose(() => process.exit(shutdown ? 0 : 1));
  reader.onError((err) => connection.console.error(`podsight: ignored a message: ${err.message}`));
  const toStderr = (...args: unknown[]): void => void process.stderr.write(`${format(...args)}\n`);
  console.log = console.info = console.debug = toStderr;
  return connection;
}
