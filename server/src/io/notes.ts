/** What the input layer says about the paths it did not read, and why. */

export type SkipReason =
  /** Does not exist (or a path component is not a directory). */
  | 'missing'
  /** Permission denied or another I/O error. */
  | 'unreadable'
  /** A device, FIFO, socket …: never opened. */
  | 'not-regular'
  /** Larger than the size limit: not read. */
  | 'too-large'
  /** A symbolic link leading back to a directory above it, or a cycle of links. */
  | 'loop'
  /** A directory or file reached a second time (through a link): listed once. */
  | 'duplicate'
  /** A symbolic link to nothing. */
  | 'broken-link'
  /** Below the depth limit: not searched. */
  | 'too-deep'
  /** The entry or file limit of a walk was reached: the rest is not searched. */
  | 'limit'
  /** Replaced or changed type between being found and being opened. */
  | 'changed';

export interface SkipNote {
  /** The path as reached from the root it was found under. */
  path: string;
  reason: SkipReason;
  /** Why, in a few words (no path): `not a regular file (a FIFO)`. */
  message: string;
}

/** One line for a person: `skipped k8s/x.yaml: not a regular file (a FIFO)`. Escape it before printing. */
export function noteLine(note: SkipNote, shownPath: string = note.path): string {
  return `${note.reason === 'limit' ? 'stopped searching' : 'skipped'} ${shownPath}: ${note.message}`;
}

/** The reason and words for a failed file-system call. */
export function errorNote(path: string, err: unknown): SkipNote {
  const code = (err as NodeJS.ErrnoException)?.code;
  switch (code) {
    case 'ENOENT':
    case 'ENOTDIR':
      return { path, reason: 'missing', message: 'no such file or directory' };
    case 'ELOOP':
      return { path, reason: 'loop', message: 'too many levels of symbolic links' };
    case 'EACCES':
    case 'EPERM':
      return { path, reason: 'unreadable', message: 'permission denied' };
    case 'ENAMETOOLONG':
      return { path, reason: 'unreadable', message: 'file name too long' };
    default:
      return { path, reason: 'unreadable', message: code ? `cannot be read (${code})` : `cannot be read (${err instanceof Error ? err.message : String(err)})` };
  }
}
