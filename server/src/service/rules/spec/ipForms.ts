/**
 * `GetWarningsForIP` (apimachinery): a legacy IP field accepts what `ParseIPSloppy` reads, but
 * forms a strict parser (`netip.ParseAddr`) rejects — IPv4 octets with leading zeros — or that
 * are IPv4-mapped IPv6 are warned about with the form Go prints; a valid IPv6 address not in
 * RFC 5952 canonical form gets its own warning. Call only on values `isSloppyIP` accepts.
 */

interface Parsed {
  /** 4 bytes for IPv4, 16 for IPv6. */
  bytes: number[];
  /** True when netip.ParseAddr would accept the text as written. */
  strict: boolean;
}

function parseV4(s: string): Parsed | undefined {
  const parts = s.split('.');
  if (parts.length !== 4) return undefined;
  const bytes: number[] = [];
  let strict = true;
  for (const p of parts) {
    if (!/^[0-9]+$/.test(p)) return undefined;
    const n = Number.parseInt(p, 10);
    if (n > 255) return undefined;
    if (p.length > 1 && p[0] === '0') strict = false;
    if (p.length > 3) strict = false;
    bytes.push(n);
  }
  return { bytes, strict };
}

function parseV6(s: string): Parsed | undefined {
  let strict = true;
  let head = s;
  let tail4: Parsed | undefined;
  const lastColon = s.lastIndexOf(':');
  if (s.indexOf('.', lastColon) > lastColon) {
    tail4 = parseV4(s.slice(lastColon + 1));
    if (!tail4) return undefined;
    strict = strict && tail4.strict;
    head = s.slice(0, lastColon + 1);
    // "…:1.2.3.4" leaves a trailing single colon; "::1.2.3.4" leaves "::".
    if (head.endsWith(':') && !head.endsWith('::')) head = head.slice(0, -1);
  }
  const groupsWanted = tail4 ? 6 : 8;
  const dbl = head.indexOf('::');
  const split = (t: string) => (t === '' ? [] : t.split(':'));
  const left = dbl >= 0 ? split(head.slice(0, dbl)) : split(head);
  const right = dbl >= 0 ? split(head.slice(dbl + 2)) : [];
  const groups: number[] = [];
  for (const g of [...left, ...right]) {
    if (!/^[0-9a-fA-F]+$/.test(g)) return undefined;
    if (g.length > 4) strict = false;
    groups.push(Number.parseInt(g, 16));
  }
  const missing = groupsWanted - groups.length;
  if (missing < 0 || (dbl < 0 && missing !== 0)) return undefined;
  const all = dbl >= 0 ? [...groups.slice(0, left.length), ...new Array<number>(missing).fill(0), ...groups.slice(left.length)] : groups;
  const bytes: number[] = [];
  for (const g of all) bytes.push(g >> 8, g & 0xff);
  if (tail4) bytes.push(...tail4.bytes);
  return { bytes, strict };
}

function isV4Mapped(b: number[]): boolean {
  return b.length === 16 && b.slice(0, 10).every((x) => x === 0) && b[10] === 0xff && b[11] === 0xff;
}

/** RFC 5952 text of 16 bytes (lowercase, longest zero run of two or more groups as `::`). */
function formatV6(b: number[]): string {
  const g: number[] = [];
  for (let i = 0; i < 16; i += 2) g.push((b[i] << 8) | b[i + 1]);
  let bestStart = -1;
  let bestLen = 1;
  for (let i = 0; i < 8; ) {
    if (g[i] !== 0) {
      i++;
      continue;
    }
    let j = i;
    while (j < 8 && g[j] === 0) j++;
    if (j - i > bestLen) {
      bestStart = i;
      bestLen = j - i;
    }
    i = j;
  }
  const hex = (xs: number[]) => xs.map((x) => x.toString(16)).join(':');
  if (bestStart < 0) return hex(g);
  return `${hex(g.slice(0, bestStart))}::${hex(g.slice(bestStart + bestLen))}`;
}

/** What Go's `net.IP.String()` prints: IPv4 (also for IPv4-mapped IPv6) dotted, else RFC 5952. */
function goString(b: number[]): string {
  if (b.length === 4) return b.join('.');
  if (isV4Mapped(b)) return b.slice(12).join('.');
  return formatV6(b);
}

/** The upstream warning detail (after `path: `) for `value`, or undefined when it is standard. */
export function ipFormWarning(value: string): string | undefined {
  const p = value.includes(':') ? parseV6(value) : parseV4(value);
  if (!p) return undefined;
  if (!p.strict || isV4Mapped(p.bytes))
    return `non-standard IP address ${JSON.stringify(value)} will be considered invalid in a future Kubernetes release: use ${JSON.stringify(goString(p.bytes))}`;
  if (p.bytes.length === 16) {
    const canonical = formatV6(p.bytes);
    if (canonical !== value) return `IPv6 address ${JSON.stringify(value)} should be in RFC 5952 canonical format (${JSON.stringify(canonical)})`;
  }
  return undefined;
}
