/**
 * Hostile inputs for the robustness suites (test/lsp/hostile.test.ts through the server,
 * test/cli/hostile.test.ts through the CLI): deterministic, generated on demand.
 */


export const HEAD = 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: hostile\n';

export function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

/** ≥ 10 MB of tiny Pods; every 1000th has an unknown field. */
export function tenMegabytes(): { text: string; pods: number; typos: number } {
  const parts: string[] = [];
  let size = 0;
  let i = 0;
  let typos = 0;
  while (size < 10 * 1024 * 1024) {
    const typo = i % 1000 === 999;
    if (typo) typos++;
    const p = `apiVersion: v1\nkind: Pod\nmetadata:\n  name: p${i}\nspec:\n  containers:\n  - name: c\n    image: nginx:1.27\n${typo ? '    imag: x\n' : ''}---\n`;
    parts.push(p);
    size += p.length;
    i++;
  }
  return { text: parts.join(''), pods: i, typos };
}

export const deepBlockSeq = (): string => `${HEAD}spec:\n  containers:\n  ${'- '.repeat(10_000)}x\n`;
/** Indented maps, one space per level: 10,000 levels would be 50 MB (beyond maxFileSize), so 3,000 (4.5 MB). */
export function deepBlockMap(): string {
  const out = [`${HEAD}spec:\n`];
  for (let i = 0; i < 3000; i++) out.push(`${' '.repeat(1 + i)}k${i}:\n`);
  out.push(`${' '.repeat(3001)}v: 1\n`);
  return out.join('');
}
export const deepFlowSeq = (): string => `${HEAD}spec: ${'['.repeat(10_000)}${']'.repeat(10_000)}\n`;
export const deepFlowMap = (): string => `${HEAD}spec: ${'{a: '.repeat(10_000)}1${'}'.repeat(10_000)}\n`;
/** Billion laughs: 10^11 strings if expanded. */
export function aliasBomb(): string {
  let s = `${HEAD}  annotations:\n    a0: &a0 "lol"\n`;
  for (let i = 1; i < 12; i++) s += `    a${i}: &a${i} [${Array(10).fill(`*a${i - 1}`).join(', ')}]\n`;
  return `${s}spec:\n  containers: *a11\n`;
}
/** Each map merges the previous one: quadratic expansion. */
export function mergeChain(n = 2000): string {
  let s = '    x0: &m0 {k0: 0}\n';
  for (let i = 1; i < n; i++) s += `    x${i}: &m${i}\n      <<: *m${i - 1}\n      k${i}: ${i}\n`;
  return `${HEAD}  labels:\n${s}spec:\n  containers: []\n`;
}
/** Random bytes (NUL and ESC included), after a Pod header or alone. */
export function binary(bytes: number, seed: number): Buffer {
  const r = rng(seed);
  const b = Buffer.alloc(bytes);
  for (let i = 0; i < bytes; i++) b[i] = Math.floor(r() * 256);
  b[10] = 0;
  b[11] = 0x1b;
  return b;
}
/** Invalid UTF-8 in a name and an image: lone continuation bytes, a truncated sequence, 0xFF. */
export function invalidUtf8(): Buffer {
  return Buffer.concat([
    Buffer.from('apiVersion: v1\nkind: Pod\nmetadata:\n  name: bad'),
    Buffer.from([0xff, 0xfe, 0xc3, 0x28, 0x80]),
    Buffer.from('\nspec:\n  containers:\n  - name: app\n    image: nginx'),
    Buffer.from([0xe2, 0x82]),
    Buffer.from('\n'),
  ]);
}
/** One 5 MB line: an annotation value. */
export const longLine = (): string => `${HEAD}  annotations:\n    blob: ${'a'.repeat(5 * 1024 * 1024)}\nspec:\n  containers:\n  - name: app\n    image: nginx:1.27\n`;
/** One 5 MB line: a whole Pod in flow style, with 250,000 labels, one of them invalid. */
export function longFlowLine(): string {
  const labels = Array.from({ length: 250_000 }, (_, i) => `"k${i}": "v"`);
  labels[1234] = '"bad": "-not valid-"';
  return `{"apiVersion": "v1", "kind": "Pod", "metadata": {"name": "one-line", "labels": {${labels.join(', ')}}}, "spec": {"containers": [{"name": "app", "image": "nginx:1.27"}]}}\n`;
}
/** Long scalars: 300,000-character name, container name and image. */
export const longScalars = (): string => `${HEAD.replace('name: hostile', `name: ${'n'.repeat(300_000)}`)}spec:\n  containers:\n  - name: ${'c'.repeat(300_000)}\n    image: ${'i'.repeat(300_000)}\n`;

// ---- harness --------------------------------------------------------------------------------

/**
 * Strings that attack whoever reads a text output: a window title (ESC ]0;… BEL), a cleared
 * screen (ESC [2J), an OSC 8 hyperlink, a right-to-left override that reorders what follows,
 * and NUL. Every human-readable output must show them escaped (server/src/service/util/escape.ts).
 */
export const DISPLAY_ATTACKS = {
  title: '\x1b]0;pwned\x07',
  clear: '\x1b[2J',
  link: '\x1b]8;;https://evil.example/\x1b\\click\x1b]8;;\x1b\\',
  rlo: '\u202e',
  nul: '\x00',
} as const;

/** All of them in one string. */
export const DISPLAY_ATTACK = Object.values(DISPLAY_ATTACKS).join('');

/** The same as escapeText shows it. */
export const DISPLAY_ATTACK_SHOWN = '\\x1b]0;pwned\\x07\\x1b[2J\\x1b]8;;https://evil.example/\\x1b\\click\\x1b]8;;\\x1b\\\\u202e\\x00';

/** A character that must never reach a human-readable output raw (LF and TAB allowed). */
export const HIDDEN_CHAR = /[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200b-\u200f\u202a-\u202e\u2066-\u2069\ufeff]/;

/** A YAML double-quoted scalar of `s` (JSON's escapes are YAML's). */
export const yamlQuoted = (s: string): string => JSON.stringify(s);

/**
 * Nodes and Pods carrying DISPLAY_ATTACK in every string a text output shows: Node name (declared
 * twice, for a note), zone label, taint key and value; Pod name, namespace, an unknown field, a
 * PriorityClass (a warning); one Pod left unschedulable (a message).
 */
export function displayAttackManifests(): { nodes: string; pods: string } {
  const a = DISPLAY_ATTACK;
  const q = yamlQuoted;
  const nodes = `apiVersion: v1
kind: Node
metadata:
  name: ${q(`node${a}`)}
  labels:
    topology.kubernetes.io/zone: ${q(`zone${a}`)}
spec:
  taints:
  - key: ${q(`key${a}`)}
    value: ${q(`value${a}`)}
    effect: NoSchedule
status:
  allocatable: {cpu: "4", memory: 8Gi, pods: "110"}
---
apiVersion: v1
kind: Node
metadata:
  name: ${q(`node${a}`)}
`;

  const pods = `apiVersion: v1
kind: Pod
metadata:
  name: ${q(`pod${a}`)}
  namespace: ${q(`ns${a}`)}
spec:
  priorityClassName: ${q(`prio${a}`)}
  tolerations:
  - operator: Exists
  containers:
  - name: app
    image: nginx:1.27
    ${q(`field${a}`)}: 1
---
apiVersion: v1
kind: Pod
metadata:
  name: ${q(`stuck${a}`)}
spec:
  containers:
  - name: app
    image: nginx:1.27
`;
  return { nodes, pods };
}
