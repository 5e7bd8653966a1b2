/**
 * Scalar resolution as the API server performs it. kubectl and the API server read YAML with
 * go-yaml v2 (YAML 1.1 rules) before turning it into JSON, so an unquoted `0644` is the octal
 * number 420, `yes`/`no`/`on`/`off`/`y`/`n` are booleans, `1_000` is 1000 and `1e3` is a float.
 * Timestamps stay strings (go-yaml v2 keeps them as strings when decoding into interface{}).
 * We parse every scalar as text (the `yaml` package's failsafe schema) and resolve it here, so
 * there is one place that decides what the API server receives.
 */

export type ScalarValue =
  | { type: 'null'; value: null }
  | { type: 'bool'; value: boolean }
  | { type: 'int'; value: number }
  | { type: 'float'; value: number }
  | { type: 'string'; value: string };

const NULLS = new Set(['', '~', 'null', 'Null', 'NULL']);
const TRUES = new Set(['y', 'Y', 'yes', 'Yes', 'YES', 'true', 'True', 'TRUE', 'on', 'On', 'ON']);
const FALSES = new Set(['n', 'N', 'no', 'No', 'NO', 'false', 'False', 'FALSE', 'off', 'Off', 'OFF']);
/** Booleans in YAML 1.1 that a YAML 1.2 reader would keep as strings. */
const YAML11_ONLY_BOOLS = new Set(['y', 'Y', 'yes', 'Yes', 'YES', 'on', 'On', 'ON', 'n', 'N', 'no', 'No', 'NO', 'off', 'Off', 'OFF']);
/** First characters of the null and boolean words above. */
const WORD_STARTS = new Set([...'~nNyYtTfFoO'].map((ch) => ch.charCodeAt(0)));
const FLOAT_RE = /^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$/;
const INT_RE = /^[-+]?(0[xX][0-9a-fA-F]+|0[bB][01]+|0[oO]?[0-7]+|[0-9]+)$/;

/** Resolves a plain (unquoted, untagged) scalar's text. */
export function resolvePlain(text: string): ScalarValue {
  const c = text.charCodeAt(0);
  // go-yaml only tries non-string resolutions when the first character could start one.
  const hint = (c >= 48 && c <= 57) || c === 43 || c === 45 || c === 46; // digit + - .
  // Most scalars are words that cannot be a null or a boolean: skip the set lookups.
  if (!hint && text.length > 0 && !WORD_STARTS.has(c)) return { type: 'string', value: text };
  if (NULLS.has(text)) return { type: 'null', value: null };
  if (TRUES.has(text)) return { type: 'bool', value: true };
  if (FALSES.has(text)) return { type: 'bool', value: false };
  if (!hint) return { type: 'string', value: text };
  switch (text) {
    case '.inf': case '.Inf': case '.INF': case '+.inf': case '+.Inf': case '+.INF':
      return { type: 'float', value: Infinity };
    case '-.inf': case '-.Inf': case '-.INF':
      return { type: 'float', value: -Infinity };
    case '.nan': case '.NaN': case '.NAN':
      return { type: 'float', value: NaN };
  }
  const plain = text.includes('_') ? text.replace(/_/g, '') : text;
  if (INT_RE.test(plain)) {
    const n = parseGoInt(plain);
    if (n !== undefined) return { type: 'int', value: n };
  }
  if (FLOAT_RE.test(plain)) return { type: 'float', value: Number(plain) };
  return { type: 'string', value: text };
}

function parseGoInt(s: string): number | undefined {
  let neg = false;
  let body = s;
  if (body[0] === '+' || body[0] === '-') {
    neg = body[0] === '-';
    body = body.slice(1);
  }
  let n: number;
  if (/^0[xX]/.test(body)) n = parseInt(body.slice(2), 16);
  else if (/^0[bB]/.test(body)) n = parseInt(body.slice(2), 2);
  else if (/^0[oO]/.test(body)) n = parseInt(body.slice(2), 8);
  else if (body.length > 1 && body[0] === '0') n = parseInt(body.slice(1), 8);
  else n = parseInt(body, 10);
  if (!Number.isFinite(n)) return undefined;
  return neg ? -n : n;
}

/**
 * When YAML 1.2 (what most editors and JavaScript tools assume) would read the scalar
 * differently from the API server, a short note saying how; otherwise undefined.
 */
export function yaml12Difference(text: string, resolved: ScalarValue): string | undefined {
  if (resolved.type === 'bool' && YAML11_ONLY_BOOLS.has(text)) {
    return `YAML 1.1, which Kubernetes uses, reads unquoted ${text} as the boolean ${resolved.value}; quote it to keep a string`;
  }
  if (resolved.type === 'int' && /^[-+]?0[0-7]+$/.test(text)) {
    return `YAML 1.1, which Kubernetes uses, reads ${text} as octal (${resolved.value} in decimal), not ${Number(text)}`;
  }
  return undefined;
}

/** Resolves a scalar given its explicit tag, if any (`!!str 3`, `!!int "3"`). */
export function resolveTagged(text: string, tag: string): ScalarValue | undefined {
  switch (tag) {
    case 'tag:yaml.org,2002:str':
      return { type: 'string', value: text };
    case 'tag:yaml.org,2002:null':
      return { type: 'null', value: null };
    case 'tag:yaml.org,2002:bool':
    case 'tag:yaml.org,2002:int':
    case 'tag:yaml.org,2002:float': {
      const r = resolvePlain(text);
      return r.type === 'string' ? undefined : r;
    }
  }
  return undefined;
}
