/**
 * Upstream's relative-path checks (`validatePathNoBacksteps`, `validateLocalDescendingPath`,
 * `ValidateLocalNonReservedPath`), returning the detail messages. The API server runs on
 * Linux, where `filepath.ToSlash` changes nothing, so only `/` separates path elements.
 */

export const MUST_BE_RELATIVE = 'must be a relative path';
export const NO_BACKSTEPS = "must not contain '..'";
export const NO_LEADING_DOTS = "must not start with '..'";

/** `validatePathNoBacksteps`: one message even for `../../..`. */
export function backstepErrors(p: string): string[] {
  return p.split('/').includes('..') ? [NO_BACKSTEPS] : [];
}

/** `validateLocalDescendingPath`: not absolute, no `..` element. */
export function localDescendingErrors(p: string): string[] {
  const out = p.startsWith('/') ? [MUST_BE_RELATIVE] : [];
  return out.concat(backstepErrors(p));
}

/** `ValidateLocalNonReservedPath`: adds `..foo` (but `../` is already the backstep error). */
export function localNonReservedErrors(p: string): string[] {
  const out = localDescendingErrors(p);
  if (p.startsWith('..') && !p.startsWith('../')) out.push(NO_LEADING_DOTS);
  return out;
}
