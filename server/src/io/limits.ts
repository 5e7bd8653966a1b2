/**
 * What the input layer reads and how far it goes, shared by the CLI and the language server:
 * a repository is untrusted input (symlink loops, devices, FIFOs, huge files, deep trees).
 */
import type { Stats, Dirent } from 'node:fs';

/** Manifest files found inside directories (a file named explicitly is read whatever its name). */
export const YAML_FILE = /\.ya?ml$/i;

/** Directories never searched inside a tree: dependencies, and every dot-directory (.git, .hg, .cache …). */
const SKIP_NAMES = new Set(['node_modules']);

export function isSkippedDir(name: string): boolean {
  return SKIP_NAMES.has(name) || name.startsWith('.');
}

export const DEFAULT_MAX_FILE_SIZE = 20 * 1024 * 1024;

/**
 * Whatever a setting says, no file larger than this is read: its text would not fit in one
 * JavaScript string (V8 stops at 2^29 − 24 UTF-16 units), and no manifest is that large.
 */
export const MAX_READABLE_BYTES = 500 * 1024 * 1024;

export interface WalkLimits {
  /** Directory levels searched below a root (the root's own entries are level 1). */
  maxDepth: number;
  /** Directory entries looked at in one walk, over all roots; the walk stops there with a note. */
  maxEntries: number;
  /** Files listed in one walk; the walk stops there with a note. */
  maxFiles: number;
  /**
   * Bytes of the files listed in one walk, all together: many files each under the size limit
   * must not add up to more text than the process can hold. The walk stops there with a note.
   */
  maxTotalBytes: number;
}

export const DEFAULT_WALK_LIMITS: WalkLimits = { maxDepth: 32, maxEntries: 200_000, maxFiles: 50_000, maxTotalBytes: 512 * 1024 * 1024 };

/** The kind of a non-regular file in words, for notes: `a FIFO`, `a character device` … */
export function kindOf(s: Stats | Dirent): string {
  if (s.isDirectory()) return 'a directory';
  if (s.isFIFO()) return 'a FIFO';
  if (s.isSocket()) return 'a socket';
  if (s.isCharacterDevice()) return 'a character device';
  if (s.isBlockDevice()) return 'a block device';
  if (s.isSymbolicLink()) return 'a symbolic link';
  return 'not a regular file';
}

export function formatBytes(n: number): string {
  return `${n.toLocaleString('en-US')} bytes`;
}
