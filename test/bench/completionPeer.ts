/**
 * Completion side by side: the positions of test/fixtures/completion-positions.ts asked of
 * Podsight (the real server over stdio) and of yaml-language-server with the Kubernetes JSON
 * schemas of ../shared/k8s-json-schema (pod.json, node.json: the peer harness of peer.ts, with
 * completion on). For each position: how many of the labels that must be offered are, and
 * whether a label that must not be offered is. The peer has schemas for Pods and Nodes only;
 * other kinds are given pod.json by the dispatch, as in peer.ts, and counted as they come.
 *
 * Run: node --import tsx test/bench/completionPeer.ts (after npm run build). Prints a table and,
 * with --json, the rows as JSON.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createMessageConnection, StreamMessageReader, StreamMessageWriter, type MessageConnection } from 'vscode-jsonrpc/node';
import type { CompletionItem, CompletionList } from 'vscode-languageserver-protocol';
import { COMPLETION_CASES } from '../fixtures/completion-positions';
import { peerSchemaDir, peerUnavailable, peerYamlSettings } from './peer';

const ROOT = join(__dirname, '..', '..');

interface Side {
  conn: MessageConnection;
  proc: ChildProcess;
}

async function start(args: string[], settings: (section: string | undefined) => unknown, cwd: string): Promise<Side> {
  const proc = spawn(process.execPath, args, { stdio: ['pipe', 'pipe', 'pipe'], cwd });
  proc.stderr!.resume();
  const conn = createMessageConnection(new StreamMessageReader(proc.stdout!), new StreamMessageWriter(proc.stdin!));
  conn.onRequest('workspace/configuration', (p: { items: Array<{ section?: string }> }) => p.items.map((it) => settings(it.section)));
  conn.onNotification(() => undefined);
  conn.onRequest(() => null);
  conn.listen();
  await conn.sendRequest('initialize', {
    processId: process.pid,
    rootUri: null,
    workspaceFolders: null,
    capabilities: { workspace: { configuration: true }, textDocument: { completion: { completionItem: { snippetSupport: true } } } },
  });
  conn.sendNotification('initialized', {});
  return { conn, proc };
}

function cursor(marked: string): { text: string; position: { line: number; character: number } } {
  const o = marked.indexOf('¦');
  const text = marked.slice(0, o) + marked.slice(o + 1);
  const before = text.slice(0, o);
  return { text, position: { line: before.split('\n').length - 1, character: o - (before.lastIndexOf('\n') + 1) } };
}

async function labels(side: Side, uri: string, marked: string): Promise<string[]> {
  const { text, position } = cursor(marked);
  side.conn.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'yaml', version: 1, text } });
  const r = (await side.conn.sendRequest('textDocument/completion', { textDocument: { uri }, position })) as CompletionList | CompletionItem[] | null;
  side.conn.sendNotification('textDocument/didClose', { textDocument: { uri } });
  const items = Array.isArray(r) ? r : (r?.items ?? []);
  // yaml-language-server labels skeleton-like items by their text; compare on the first word too.
  return items.map((i) => i.label.trim());
}

async function main(): Promise<void> {
  const why = peerUnavailable();
  const tmp = mkdtempSync(join(tmpdir(), 'podsight-completion-peer-'));
  const podsight = await start([join(ROOT, 'dist', 'server.js'), '--stdio'], (s) => (s === 'podsight' ? {} : null), tmp);
  let peer: Side | undefined;
  if (!why) {
    const yaml = peerYamlSettings(tmp, peerSchemaDir(), { completion: true, globs: ['*.yaml'] });
    peer = await start([join(ROOT, 'node_modules', 'yaml-language-server', 'bin', 'yaml-language-server'), '--stdio'], (s) => (s === 'yaml' ? yaml : null), tmp);
    peer.conn.sendNotification('workspace/didChangeConfiguration', { settings: { yaml } });
  }
  const rows: Array<{ name: string; want: number; podsight: number; podsightWrong: string[]; peer?: number; peerWrong?: string[] }> = [];
  let n = 0;
  for (const c of COMPLETION_CASES) {
    const uri = `file:///completion/case-${n++}.yaml`;
    const ours = await labels(podsight, uri, c.marked);
    const row: (typeof rows)[number] = {
      name: c.name,
      want: c.offers.length,
      podsight: c.offers.filter((l) => ours.includes(l)).length,
      podsightWrong: (c.not ?? []).filter((l) => ours.includes(l)),
    };
    if (peer) {
      const theirs = await labels(peer, uri, c.marked);
      row.peer = c.offers.filter((l) => theirs.includes(l)).length;
      row.peerWrong = (c.not ?? []).filter((l) => theirs.includes(l));
    }
    rows.push(row);
  }
  for (const s of [podsight, peer]) {
    if (!s) continue;
    await s.conn.sendRequest('shutdown').catch(() => undefined);
    s.conn.sendNotification('exit');
    s.proc.kill();
  }
  rmSync(tmp, { recursive: true, force: true });
  if (process.argv.includes('--json')) {
    console.log(JSON.stringify({ peer: why ? `skipped: ${why}` : 'yaml-language-server + k8s-json-schema (pod.json, node.json)', rows }, null, 2));
    return;
  }
  const full = (got: number | undefined, want: number, wrong: string[] | undefined) => (got === undefined ? '—' : `${got}/${want}${wrong?.length ? ` (wrongly: ${wrong.join(', ')})` : ''}`);
  console.log(`| position | Podsight | yaml-language-server${why ? ` (skipped: ${why})` : ''} |\n|---|---|---|`);
  for (const r of rows) console.log(`| ${r.name} | ${full(r.podsight, r.want, r.podsightWrong)} | ${full(r.peer, r.want, r.peerWrong)} |`);
  const sum = (f: (r: (typeof rows)[number]) => boolean) => rows.filter(f).length;
  console.log(`\nPositions answered in full: Podsight ${sum((r) => r.podsight === r.want && !r.podsightWrong.length)}/${rows.length}` + (peer ? `, yaml-language-server ${sum((r) => r.peer === r.want && !r.peerWrong?.length)}/${rows.length}` : ''));
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
