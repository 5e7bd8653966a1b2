/**
 * The tag of a container image as kube's parsers.ParseImageName reads it (through
 * distribution/reference's ParseNormalizedNamed), for the imagePullPolicy default: no tag and
 * no digest means "latest"; a reference that does not parse has no tag at all. Written as a
 * linear scan rather than the upstream regular expression, so hostile input costs O(n).
 */

import { memoByText } from './memo';

const NAME_TOTAL_LENGTH_MAX = 255;
/** Longer than any valid reference (a 255-byte name, a 128-byte tag and a sha512 digest). */
const REFERENCE_MAX = 1024;
const DIGEST_HEX: Record<string, number> = { sha256: 64, sha384: 96, sha512: 128 };

function isLowerAlnum(c: string): boolean {
  return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
}

function isAlnum(c: string): boolean {
  return isLowerAlnum(c) || (c >= 'A' && c <= 'Z');
}

function isWord(c: string): boolean {
  return isAlnum(c) || c === '_';
}

/** `[a-z0-9]+(?:(?:[._]|__|[-]+)[a-z0-9]+)*` */
function isPathComponent(s: string): boolean {
  if (s.length === 0 || !isLowerAlnum(s[0]) || !isLowerAlnum(s[s.length - 1])) return false;
  let i = 0;
  while (i < s.length) {
    if (isLowerAlnum(s[i])) {
      i++;
      continue;
    }
    let j = i;
    while (j < s.length && !isLowerAlnum(s[j])) j++;
    const sep = s.slice(i, j);
    if (!(sep === '.' || sep === '_' || sep === '__' || /^-+$/.test(sep))) return false;
    i = j;
  }
  return true;
}

/** `host(:port)?` where host is a domain name or a bracketed IPv6 address. */
function isDomainAndPort(s: string): boolean {
  let host = s;
  let port: string | undefined;
  if (s.startsWith('[')) {
    const close = s.indexOf(']');
    if (close < 0) return false;
    host = s.slice(0, close + 1);
    const rest = s.slice(close + 1);
    if (rest) {
      if (rest[0] !== ':') return false;
      port = rest.slice(1);
    }
    if (!/^\[[a-fA-F0-9:]+\]$/.test(host)) return false;
  } else {
    const colon = s.indexOf(':');
    if (colon >= 0) {
      host = s.slice(0, colon);
      port = s.slice(colon + 1);
    }
    const labels = host.split('.');
    for (const l of labels) {
      if (l.length === 0 || !isAlnum(l[0]) || !isAlnum(l[l.length - 1])) return false;
      for (const c of l) if (!isAlnum(c) && c !== '-') return false;
    }
  }
  return port === undefined || /^[0-9]+$/.test(port);
}

function isTag(s: string): boolean {
  if (s.length === 0 || s.length > 128 || !isWord(s[0])) return false;
  for (const c of s) if (!isWord(c) && c !== '.' && c !== '-') return false;
  return true;
}

function isDigest(s: string): boolean {
  const colon = s.indexOf(':');
  if (colon <= 0) return false;
  const algorithm = s.slice(0, colon);
  const encoded = s.slice(colon + 1);
  const hex = Object.prototype.hasOwnProperty.call(DIGEST_HEX, algorithm) ? DIGEST_HEX[algorithm] : undefined;
  return hex !== undefined && encoded.length === hex && /^[a-f0-9]+$/.test(encoded);
}

/** The name is either `domain/path…` or only path components. */
function isName(name: string): boolean {
  if (name.length > NAME_TOTAL_LENGTH_MAX) return false;
  const parts = name.split('/');
  if (parts.slice(1).every(isPathComponent) && (isPathComponent(parts[0]) || (parts.length > 1 && isDomainAndPort(parts[0])))) return true;
  return false;
}

/**
 * The tag ParseImageName reports: the written tag, "latest" when the reference has neither a
 * tag nor a digest, and "" when it has only a digest or does not parse.
 */
export function imageTag(image: string): string {
  if (image.length === 0 || image.length > REFERENCE_MAX) return '';
  if (/^[a-f0-9]{64}$/.test(image)) return '';
  // splitDockerDomain: the first segment is a registry when it looks like one.
  const slash = image.indexOf('/');
  const first = slash < 0 ? '' : image.slice(0, slash);
  const remainder =
    slash < 0 || (!/[.:]/.test(first) && first !== 'localhost' && first.toLowerCase() === first) ? image : image.slice(slash + 1);
  const colon = remainder.indexOf(':');
  const remoteName = colon < 0 ? remainder : remainder.slice(0, colon);
  if (remoteName.toLowerCase() !== remoteName) return '';
  const domain = remainder === image ? 'docker.io' : first;
  let rest = `${domain}/${remainder}`;
  let digest: string | undefined;
  const at = rest.indexOf('@');
  if (at >= 0) {
    digest = rest.slice(at + 1);
    rest = rest.slice(0, at);
    if (!isDigest(digest)) return '';
  }
  let tag: string | undefined;
  const lastColon = rest.lastIndexOf(':');
  if (lastColon > rest.lastIndexOf('/')) {
    tag = rest.slice(lastColon + 1);
    rest = rest.slice(0, lastColon);
    if (!isTag(tag)) return '';
  }
  if (!isName(rest)) return '';
  if (tag !== undefined) return tag;
  return digest === undefined ? 'latest' : '';
}

/** The imagePullPolicy the API server defaults for an image (`Always` for :latest). */
export function defaultPullPolicy(image: unknown): 'Always' | 'IfNotPresent' {
  return pullPolicy(typeof image === 'string' ? image : '');
}

const pullPolicy = memoByText((image): 'Always' | 'IfNotPresent' => (imageTag(image) === 'latest' ? 'Always' : 'IfNotPresent'));
