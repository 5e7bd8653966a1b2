/**
 * The image reference grammar the kubelet applies before pulling (the docker/distribution
 * `reference` grammar it parses names with): `[domain/]path[:tag][@digest]`. A reference it
 * cannot parse never reaches the registry: the container waits with reason InvalidImageName.
 * Returns why a reference does not parse, in plain words, or undefined when it parses.
 * Linear in the length of the reference.
 */

/** One lowercase path component: alphanumeric runs joined by `.`, `_`, `__` or dashes. */
const PATH_COMPONENT = /^[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*$/;
/** A domain component: alphanumeric, inner dashes allowed, either case. */
const DOMAIN_COMPONENT = /^[a-zA-Z0-9](?:[a-zA-Z0-9-]*[a-zA-Z0-9])?$/;
const PORT = /^[0-9]+$/;
const TAG = /^[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}$/;
const DIGEST = /^([A-Za-z][A-Za-z0-9]*(?:[-_+.][A-Za-z][A-Za-z0-9]*)*):(.*)$/;
const IMAGE_ID = /^[a-f0-9]{64}$/;
/** Digest algorithms the registry client knows, with their hex length. */
const DIGEST_LENGTHS: Record<string, number> = { sha256: 64, sha384: 96, sha512: 128 };
const NAME_MAX = 255;

/** True when the first path element names a registry host (the reference grammar's rule). */
function isDomain(first: string): boolean {
  return first.includes('.') || first.includes(':') || first === 'localhost' || first.toLowerCase() !== first;
}

function domainProblem(domain: string): string | undefined {
  let host = domain;
  let port: string | undefined;
  if (host.startsWith('[')) {
    const close = host.indexOf(']');
    if (close < 0) return `registry host "${domain}" has an unclosed "["`;
    const rest = host.slice(close + 1);
    if (rest !== '' && !rest.startsWith(':')) return `registry host "${domain}" is not host[:port]`;
    port = rest === '' ? undefined : rest.slice(1);
    host = '';
    if (!/^[0-9A-Fa-f:.]+$/.test(domain.slice(1, close))) return `registry host "${domain}" is not a valid IPv6 address in brackets`;
  } else {
    const colon = host.indexOf(':');
    if (colon >= 0) {
      port = host.slice(colon + 1);
      host = host.slice(0, colon);
    }
  }
  if (port !== undefined && !PORT.test(port)) return `registry port "${port}" must be a number`;
  if (host !== '') {
    for (const part of host.split('.')) {
      if (part === '') return `registry host "${domain}" has an empty name between dots`;
      if (!DOMAIN_COMPONENT.test(part)) return `registry host "${domain}" may only contain letters, digits, "-" and "."`;
    }
  }
  return undefined;
}

function digestProblem(digest: string): string | undefined {
  const m = DIGEST.exec(digest);
  if (!m) return `digest "${digest}" must be algorithm:hex (e.g. sha256: followed by 64 hex digits)`;
  const [, algorithm, hex] = m;
  const want = Object.prototype.hasOwnProperty.call(DIGEST_LENGTHS, algorithm) ? DIGEST_LENGTHS[algorithm] : undefined;
  if (want === undefined) return `digest algorithm "${algorithm}" is not supported (sha256, sha384 or sha512)`;
  if (!/^[0-9a-f]*$/.test(hex)) return `digest "${digest}" must use lowercase hexadecimal digits`;
  if (hex.length !== want) return `a ${algorithm} digest has ${want} hex digits, not ${hex.length}`;
  return undefined;
}

export function imageReferenceProblem(ref: string): string | undefined {
  // Images repeat (every container of a Pod of half a million names the same one, and real
  // files reuse a few): each distinct text is judged once, the answers kept for a while.
  const known = judged.get(ref);
  if (known !== undefined || judged.has(ref)) return known;
  const problem = judge(ref);
  if (judged.size >= JUDGED) judged.clear();
  if (ref.length <= 512) judged.set(ref, problem);
  return problem;
}

/** Answers of imageReferenceProblem by text, at most JUDGED of them (then forgotten at once). */
const judged = new Map<string, string | undefined>();
const JUDGED = 1024;

function judge(ref: string): string | undefined {
  if (ref === '') return undefined;
  if (/[\s\u0000-\u001f\u007f]/.test(ref)) return 'it contains whitespace or control characters';
  if (IMAGE_ID.test(ref)) return 'a 64-character hexadecimal string is an image ID, not a repository name';
  let rest = ref;
  const at = rest.indexOf('@');
  if (at >= 0) {
    const d = digestProblem(rest.slice(at + 1));
    if (d) return d;
    rest = rest.slice(0, at);
  }
  const lastSlash = rest.lastIndexOf('/');
  const colon = rest.indexOf(':', lastSlash + 1);
  if (colon >= 0) {
    const tag = rest.slice(colon + 1);
    if (!TAG.test(tag))
      return tag === ''
        ? 'the tag after ":" is empty'
        : `tag "${tag}" must be 1 to 128 letters, digits, "_", "." or "-", not starting with "." or "-"`;
    rest = rest.slice(0, colon);
  }
  if (rest === '') return 'the repository name is empty';
  if (rest.length > NAME_MAX) return `the repository name is longer than ${NAME_MAX} characters`;
  const parts = rest.split('/');
  let first = 0;
  if (parts.length > 1 && isDomain(parts[0])) {
    const d = domainProblem(parts[0]);
    if (d) return d;
    first = 1;
  }
  for (let i = first; i < parts.length; i++) {
    const p = parts[i];
    if (p === '') return 'it has an empty path component (a leading, trailing or doubled "/")';
    if (PATH_COMPONENT.test(p)) continue;
    if (PATH_COMPONENT.test(p.toLowerCase())) return `the repository name must be lowercase ("${p}")`;
    return `path component "${p}" may only contain lowercase letters and digits, joined by ".", "_", "__" or "-"`;
  }
  return undefined;
}
