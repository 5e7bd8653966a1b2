/**
 * IP parsing as `netutils.ParseIPSloppy` (a fork of Go 1.16's `net.ParseIP`): IPv4 octets may
 * have leading zeros (`010.1.1.1`), IPv6 may embed a dotted IPv4 tail, no zones, no brackets.
 * Legacy fields (`hostAliases[i].ip`, `dnsConfig.nameservers[i]`) accept exactly this while
 * StrictIPCIDRValidation is off (the 1.35 default).
 */

export const INVALID_IP_MESSAGE = 'must be a valid IP address, (e.g. 10.9.8.7 or 2001:db8::ffff)';

const BIG = 0xffffff;

/** Go's dtoi: decimal digits at `s[i..]`; returns [value, length] or undefined. */
function dtoi(s: string, i: number): [number, number] | undefined {
  let n = 0;
  let j = i;
  for (; j < s.length && s.charCodeAt(j) >= 48 && s.charCodeAt(j) <= 57; j++) {
    n = n * 10 + (s.charCodeAt(j) - 48);
    if (n >= BIG) return undefined;
  }
  return j === i ? undefined : [n, j - i];
}

function hexVal(c: number): number {
  if (c >= 48 && c <= 57) return c - 48;
  if (c >= 97 && c <= 102) return c - 87;
  if (c >= 65 && c <= 70) return c - 55;
  return -1;
}

/** Go's xtoi: hex digits at `s[i..]`; returns [value, length] or undefined. */
function xtoi(s: string, i: number): [number, number] | undefined {
  let n = 0;
  let j = i;
  for (; j < s.length; j++) {
    const h = hexVal(s.charCodeAt(j));
    if (h < 0) break;
    n = n * 16 + h;
    if (n >= BIG) return undefined;
  }
  return j === i ? undefined : [n, j - i];
}

function isIPv4(s: string): boolean {
  let i = 0;
  for (let octet = 0; octet < 4; octet++) {
    if (i >= s.length) return false;
    if (octet > 0) {
      if (s[i] !== '.') return false;
      i++;
    }
    const d = dtoi(s, i);
    if (!d || d[0] > 0xff) return false;
    i += d[1];
  }
  return i === s.length;
}

function isIPv6(s: string): boolean {
  let ellipsis = -1;
  let i = 0; // bytes filled
  let p = 0; // position in s
  if (s.length >= 2 && s[0] === ':' && s[1] === ':') {
    ellipsis = 0;
    p = 2;
    if (p === s.length) return true;
  }
  while (i < 16) {
    const x = xtoi(s, p);
    if (!x || x[0] > 0xffff) return false;
    if (p + x[1] < s.length && s[p + x[1]] === '.') {
      if (ellipsis < 0 && i !== 12) return false;
      if (i + 4 > 16) return false;
      if (!isIPv4(s.slice(p))) return false;
      p = s.length;
      i += 4;
      break;
    }
    i += 2;
    p += x[1];
    if (p === s.length) break;
    if (s[p] !== ':' || p + 1 === s.length) return false;
    p++;
    if (s[p] === ':') {
      if (ellipsis >= 0) return false;
      ellipsis = i;
      p++;
      if (p === s.length) break;
    }
  }
  if (p !== s.length) return false;
  if (i < 16) return ellipsis >= 0;
  return ellipsis < 0;
}

/** True when `ParseIPSloppy` accepts `s`. */
export function isSloppyIP(s: string): boolean {
  for (let i = 0; i < s.length; i++) {
    if (s[i] === '.') return isIPv4(s);
    if (s[i] === ':') return isIPv6(s);
  }
  return false;
}
