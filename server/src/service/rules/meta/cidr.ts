/**
 * `netutils.ParseCIDRSloppy` (Go 1.16's `net.ParseCIDR`, kept by k8s.io/utils): IPv4 octets
 * may carry leading zeros, the prefix length may too, host bits may be set. Returns the IP
 * family of the masked network the way `netutils.IsIPv6` sees it (an IPv4-mapped IPv6 network
 * counts as IPv4), or undefined when Go would reject the text.
 */

export const INVALID_CIDR_MESSAGE = 'must be a valid CIDR value, (e.g. 10.9.8.0/24 or 2001:db8::/64)';

const BIG = 0xffffff;

function digitsAt(s: string, i: number, radix: 10 | 16): [number, number] | undefined {
  let n = 0;
  let j = i;
  for (; j < s.length; j++) {
    const c = s.charCodeAt(j);
    let d: number;
    if (c >= 48 && c <= 57) d = c - 48;
    else if (radix === 16 && c >= 97 && c <= 102) d = c - 87;
    else if (radix === 16 && c >= 65 && c <= 70) d = c - 55;
    else break;
    n = n * radix + d;
    if (n >= BIG) return undefined;
  }
  return j === i ? undefined : [n, j - i];
}

function parseIPv4(s: string): number[] | undefined {
  const out: number[] = [];
  let i = 0;
  for (let k = 0; k < 4; k++) {
    if (k > 0) {
      if (s[i] !== '.') return undefined;
      i++;
    }
    const d = digitsAt(s, i, 10);
    if (!d || d[0] > 0xff) return undefined;
    out.push(d[0]);
    i += d[1];
  }
  return i === s.length ? out : undefined;
}

function parseIPv6(s: string): number[] | undefined {
  const ip = new Array<number>(16).fill(0);
  let ellipsis = -1;
  let i = 0;
  let p = 0;
  if (s.length >= 2 && s[0] === ':' && s[1] === ':') {
    ellipsis = 0;
    p = 2;
    if (p === s.length) return ip;
  }
  while (i < 16) {
    const x = digitsAt(s, p, 16);
    if (!x || x[0] > 0xffff) return undefined;
    if (p + x[1] < s.length && s[p + x[1]] === '.') {
      if (ellipsis < 0 && i !== 12) return undefined;
      if (i + 4 > 16) return undefined;
      const v4 = parseIPv4(s.slice(p));
      if (!v4) return undefined;
      ip.splice(i, 4, ...v4);
      p = s.length;
      i += 4;
      break;
    }
    ip[i] = x[0] >> 8;
    ip[i + 1] = x[0] & 0xff;
    i += 2;
    p += x[1];
    if (p === s.length) break;
    if (s[p] !== ':' || p + 1 === s.length) return undefined;
    p++;
    if (s[p] === ':') {
      if (ellipsis >= 0) return undefined;
      ellipsis = i;
      p++;
      if (p === s.length) break;
    }
  }
  if (p !== s.length) return undefined;
  if (i < 16) {
    if (ellipsis < 0) return undefined;
    const n = 16 - i;
    for (let j = i - 1; j >= ellipsis; j--) ip[j + n] = ip[j];
    for (let j = ellipsis + n - 1; j >= ellipsis; j--) ip[j] = 0;
  } else if (ellipsis >= 0) return undefined;
  return ip;
}

export type IPFamily = 'IPv4' | 'IPv6';

export function parseCIDRSloppy(s: string): IPFamily | undefined {
  const slash = s.indexOf('/');
  if (slash < 0) return undefined;
  const addr = s.slice(0, slash);
  const mask = s.slice(slash + 1);
  const v4 = parseIPv4(addr);
  const ip = v4 ?? parseIPv6(addr);
  if (!ip) return undefined;
  const n = digitsAt(mask, 0, 10);
  if (!n || n[1] !== mask.length || n[0] > 8 * ip.length) return undefined;
  if (v4) return 'IPv4';
  // The network address (IP & mask) is IPv4 when it is ::ffff:a.b.c.d (Go's To4).
  const bits = n[0];
  const masked = ip.map((b, k) => {
    const keep = Math.max(0, Math.min(8, bits - 8 * k));
    return b & ((0xff << (8 - keep)) & 0xff);
  });
  const mapped = masked.slice(0, 10).every((b) => b === 0) && masked[10] === 0xff && masked[11] === 0xff;
  return mapped ? 'IPv4' : 'IPv6';
}
