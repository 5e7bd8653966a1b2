/**
 * Glob patterns of the `exclude` setting and `--exclude`, matched against slash-separated
 * relative paths: `*` and `?` within one segment, `[abc]`/`[a-z]`/`[!a]` classes, `{a,b}`
 * alternatives, `**` as a whole segment for any number of segments. A pattern without a slash
 * matches a name at any depth (as in .gitignore); a pattern that matches a folder excludes all
 * below it. Matching is dynamic programming over segments and characters, so its cost is
 * bounded by pattern length × path length, whatever the pattern (no regex backtracking).
 */

/** More alternatives than this from `{…}` expansion is refused (a pattern, not a program). */
const MAX_ALTERNATIVES = 64;

export interface Glob {
  source: string;
  /** Each alternative as its segments. */
  alternatives: string[][];
}

/** The pattern compiled, or why it is not one. */
export function compileGlob(pattern: string): Glob | string {
  let p = pattern.replace(/\\/g, '/').trim();
  if (!p) return 'an empty pattern';
  if (p.startsWith('./')) p = p.slice(2);
  if (p.endsWith('/')) p = p.slice(0, -1);
  const anchored = p.includes('/');
  if (p.startsWith('/')) p = p.slice(1);
  const expanded = expandBraces(p);
  if (typeof expanded === 'string') return expanded;
  return { source: pattern, alternatives: expanded.map((a) => (anchored ? a.split('/') : ['**', ...a.split('/')])) };
}

function expandBraces(p: string): string[] | string {
  const open = p.indexOf('{');
  if (open === -1) return [p];
  let depth = 0;
  let close = -1;
  const parts: number[] = [];
  for (let i = open; i < p.length; i++) {
    const c = p[i];
    if (c === '{') depth++;
    else if (c === '}' && --depth === 0) {
      close = i;
      break;
    } else if (c === ',' && depth === 1) parts.push(i);
  }
  if (close === -1) return `an unclosed "{" in ${JSON.stringify(p)}`;
  const bounds = [open, ...parts, close];
  const out: string[] = [];
  for (let k = 0; k + 1 < bounds.length; k++) {
    const rest = expandBraces(p.slice(0, open) + p.slice(bounds[k] + 1, bounds[k + 1]) + p.slice(close + 1));
    if (typeof rest === 'string') return rest;
    out.push(...rest);
    if (out.length > MAX_ALTERNATIVES) return `more than ${MAX_ALTERNATIVES} alternatives in ${JSON.stringify(p)}`;
  }
  return out;
}

/** One segment against a name: `*`, `?`, classes; DP over (pattern position, name position). */
function matchSegment(pat: string, name: string): boolean {
  // reach[j]: the pattern so far matches name[0, j).
  let reach = new Array<boolean>(name.length + 1).fill(false);
  reach[0] = true;
  let i = 0;
  while (i < pat.length) {
    const c = pat[i];
    const next = new Array<boolean>(name.length + 1).fill(false);
    if (c === '*') {
      let any = false;
      for (let j = 0; j <= name.length; j++) next[j] = any = any || reach[j];
      i++;
    } else {
      let test: (ch: string) => boolean;
      if (c === '?') {
        test = () => true;
        i++;
      } else if (c === '[' && pat.indexOf(']', i + 2) !== -1) {
        const end = pat.indexOf(']', i + 2);
        let body = pat.slice(i + 1, end);
        const negate = body[0] === '!' || body[0] === '^';
        if (negate) body = body.slice(1);
        test = (ch) => {
          let hit = false;
          for (let k = 0; k < body.length; k++) {
            if (body[k + 1] === '-' && k + 2 < body.length) {
              if (ch >= body[k] && ch <= body[k + 2]) hit = true;
              k += 2;
            } else if (body[k] === ch) hit = true;
          }
          return hit !== negate;
        };
        i = end + 1;
      } else {
        test = (ch) => ch === c;
        i++;
      }
      for (let j = 0; j < name.length; j++) if (reach[j] && test(name[j])) next[j + 1] = true;
    }
    reach = next;
  }
  return reach[name.length];
}

/** Segments against segments, `**` spanning any number; DP as above. */
function matchSegments(pat: string[], path: string[]): boolean {
  let reach = new Array<boolean>(path.length + 1).fill(false);
  reach[0] = true;
  for (const seg of pat) {
    const next = new Array<boolean>(path.length + 1).fill(false);
    if (seg === '**') {
      let any = false;
      for (let j = 0; j <= path.length; j++) next[j] = any = any || reach[j];
    } else for (let j = 0; j < path.length; j++) if (reach[j] && matchSegment(seg, path[j])) next[j + 1] = true;
    reach = next;
  }
  return reach[path.length];
}

/**
 * Whether a relative path (slash-separated, no leading `./`), or a folder above it, matches.
 * Paths outside the base (`../…`) never match.
 */
export function globMatches(glob: Glob, relPath: string): boolean {
  const path = relPath.split('/').filter((s) => s !== '' && s !== '.');
  if (path.length === 0 || path[0] === '..') return false;
  for (const alt of glob.alternatives) {
    for (let n = 1; n <= path.length; n++) if (matchSegments(alt, path.slice(0, n))) return true;
  }
  return false;
}
