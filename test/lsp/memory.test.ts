/**
 * After work on a large document the server gives its garbage back once idle: V8 alone would
 * keep it until the heap nears its limit (a 50,000-line file opened and edited left ~240 MB
 * resident with under 40 MB live). Through the real server process.
 */
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, type TestServer } from '../helpers/lsp';
import { manifestOfLines } from '../bench/generate';
import { SERVER_STATS_REQUEST, type ServerStats } from '../../server/src/protocol';

describe('memory after large documents', () => {
  let s: TestServer;
  before(async () => {
    s = await startServer({ validate: { debounceMs: 0 } });
  });
  after(async () => {
    await s.close();
  });

  const stats = (): Promise<ServerStats> => s.conn.sendRequest(SERVER_STATS_REQUEST) as Promise<ServerStats>;

  it('does not collect after small documents', async () => {
    const uri = 'file:///small.yaml';
    const wait = s.diagnostics(uri);
    s.open(uri, manifestOfLines(300, 1));
    await wait;
    assert.equal((await stats()).idleCollections, 0);
  });

  it('collects once idle after a large document, and the live heap is small again', async () => {
    const uri = 'file:///large.yaml';
    const text = manifestOfLines(20_000, 2);
    assert.ok(text.length > 250_000);
    const wait = s.diagnostics(uri);
    s.open(uri, text);
    await wait;
    // The collection runs when the server has been idle for a moment: ask until it has
    // (each answer is immediate; bounded).
    const deadline = Date.now() + 15_000;
    let st = await stats();
    while (st.idleCollections === 0 && Date.now() < deadline) {
      await new Promise((r) => setImmediate(r));
      st = await stats();
    }
    assert.equal(st.idleCollections, 1, 'no idle collection within 15 s');
    // The 20,000-line file's trees are live (it is open); the garbage of parsing it is not.
    assert.ok(st.heapUsedMB < 80, `live heap ${st.heapUsedMB.toFixed(0)} MB after the collection`);
  });
});
