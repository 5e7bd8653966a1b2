/**
 * Upstream `validateHandler` and its actions (`validateExecAction`, `validateHTTPGetAction`,
 * `validateTCPSocketAction`, `validateGRPCAction`, `validateSleepAction`), shared by probes
 * (exec/httpGet/tcpSocket/grpc) and lifecycle hooks (exec/httpGet/tcpSocket/sleep). Judged
 * after defaulting: httpGet path `/` and scheme `HTTP` fill in empty values. Upstream quirk:
 * header-name errors sit on `…httpHeaders` without the header index.
 */
import type { KMap, Span } from '../../parse/tree';
import { childPath } from '../../diagnostics/finding';
import { isValidPortName, isValidPortNum } from '../../util/names';
import { entry, msg, report, type RuleContext } from '../context';
import { intField, itemMap, missingAt, seqField, strField, structField, valueAt } from '../spec/values';
import type { RuleId } from '../../diagnostics/catalog';

export const PROBE_HANDLERS = ['exec', 'httpGet', 'tcpSocket', 'grpc'] as const;
export const LIFECYCLE_HANDLERS = ['exec', 'httpGet', 'tcpSocket', 'sleep'] as const;

const HTTP_SCHEMES = ['HTTP', 'HTTPS'];
const HEADER_NAME = /^[-A-Za-z0-9]+$/;
const HEADER_MESSAGE = "a valid HTTP header must consist of alphanumeric characters or '-' (e.g. 'X-Header-Name', regex used for validation is '[-A-Za-z0-9]+')";

/** `ValidatePortNumOrName` on an IntOrString field; absent means the integer 0. */
function checkPortNumOrName(ctx: RuleContext, rule: RuleId, m: KMap, path: string, owner: Span): void {
  const e = entry(m, 'port');
  const p = childPath(path, 'port');
  if (!e || (e.value.kind === 'scalar' && e.value.v.type === 'null')) {
    report(ctx, rule, 'Invalid', p, e ? e.keySpan : missingAt(m, owner), msg.invalid(0, isValidPortNum(0)[0]));
    return;
  }
  const v = e.value;
  if (v.kind !== 'scalar') return; // decode error
  if (v.v.type === 'string') {
    for (const d of isValidPortName(v.v.value)) report(ctx, rule, 'Invalid', p, valueAt(e), msg.invalid(v.v.value, d));
  } else if (v.v.type === 'int' || (v.v.type === 'float' && Number.isInteger(v.v.value))) {
    for (const d of isValidPortNum(v.v.value as number)) report(ctx, rule, 'Invalid', p, valueAt(e), msg.invalid(v.v.value as number, d));
  }
}

function checkAction(ctx: RuleContext, rule: RuleId, key: string, action: KMap, path: string, owner: Span, grace: number | undefined): void {
  switch (key) {
    case 'exec': {
      const cmd = seqField(action, 'command');
      if (cmd && cmd.items.length === 0) report(ctx, rule, 'Required', childPath(path, 'command'), cmd.e ? cmd.e.keySpan : owner, msg.required());
      return;
    }
    case 'httpGet': {
      checkPortNumOrName(ctx, rule, action, path, owner);
      const scheme = strField(action, 'scheme');
      if (scheme?.e && scheme.value !== '' && !HTTP_SCHEMES.includes(scheme.value))
        report(ctx, rule, 'NotSupported', childPath(path, 'scheme'), valueAt(scheme.e), msg.notSupported(scheme.value, HTTP_SCHEMES));
      const headers = seqField(action, 'httpHeaders');
      for (const item of headers?.items ?? []) {
        const h = itemMap(item);
        const name = h && strField(h, 'name');
        if (!h || !name || HEADER_NAME.test(name.value)) continue;
        report(ctx, rule, 'Invalid', childPath(path, 'httpHeaders'), name.e ? valueAt(name.e) : missingAt(h, headers!.e!.keySpan), msg.invalid(name.value, HEADER_MESSAGE));
      }
      return;
    }
    case 'tcpSocket':
      return checkPortNumOrName(ctx, rule, action, path, owner);
    case 'grpc': {
      const port = intField(action, 'port');
      if (!port) return;
      const value = port.value ?? 0;
      for (const d of isValidPortNum(value)) report(ctx, rule, 'Invalid', childPath(path, 'port'), port.e ? valueAt(port.e) : missingAt(action, owner), msg.invalid(value, d));
      return;
    }
    case 'sleep': {
      // A nil grace period (undecodable) is reported elsewhere; PodLifecycleSleepActionAllowZero is GA.
      const s = intField(action, 'seconds');
      if (!s || grace === undefined) return;
      const value = s.value ?? 0;
      if (value < 0 || value > grace)
        report(ctx, rule, 'Invalid', path, s.e ? valueAt(s.e) : owner, msg.invalid(value, `must be non-negative and less than terminationGracePeriodSeconds (${grace})`));
      return;
    }
  }
}

/**
 * `validateHandler`: exactly one action, checked in upstream's order (later ones are the
 * Forbidden extras). `owner` is the key of the probe or hook.
 */
export function checkHandler(ctx: RuleContext, rule: RuleId, h: KMap, path: string, owner: Span, kinds: readonly string[], grace: number | undefined): void {
  let n = 0;
  let undecodable = false;
  for (const key of kinds) {
    const f = structField(h, key);
    if (!f) {
      undecodable = true;
      continue;
    }
    if (!f.m) continue;
    const p = childPath(path, key);
    if (n > 0) {
      report(ctx, rule, 'Forbidden', p, f.e!.keySpan, msg.forbidden('may not specify more than 1 handler type'));
      continue;
    }
    n++;
    checkAction(ctx, rule, key, f.m, p, f.e!.keySpan, grace);
  }
  if (n === 0 && !undecodable) report(ctx, rule, 'Required', path, owner, msg.required('must specify a handler type'));
}
