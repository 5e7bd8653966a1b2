/**
 * The server's notes on workspace paths its disk scans skipped (loops, devices, FIFOs, files
 * over podsight.maxFileSize …), written once each to the client's log: the scans run again on
 * every simulation and file event, and one line per path is enough.
 */
import type { Connection } from 'vscode-languageserver/node';
import { noteLine, type SkipNote } from '../io/notes';
import { escapeText } from '../service';

/** Bounds the memory of what was said; past it, nothing more is logged. */
const MAX_REMEMBERED = 2000;
const said = new WeakMap<Connection, Set<string>>();

export function logSkipped(connection: Connection, note: SkipNote): void {
  let seen = said.get(connection);
  if (!seen) said.set(connection, (seen = new Set()));
  const line = `podsight: ${escapeText(noteLine(note))}`;
  if (seen.has(line) || seen.size >= MAX_REMEMBERED) return;
  seen.add(line);
  connection.console.info(line);
}
