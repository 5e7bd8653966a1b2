/**
 * Rule family: probes and lifecycle — upstream `validateLivenessProbe`,
 * `validateReadinessProbe`, `validateStartupProbe`, `validateProbe` and `validateLifecycle`,
 * run for regular containers and sidecars (init containers with `restartPolicy: Always`).
 * Plain init and ephemeral containers may not set these at all (containers.ts). Judged after
 * `SetDefaults_Probe`: timeoutSeconds, periodSeconds, successThreshold and failureThreshold
 * of 0 (or absent) become 1, 10, 1 and 3. The lifecycle `stopSignal` field is dropped while the
 * ContainerStopSignals gate is off (1.35 default). See docs/rules.md.
 */
import type { KMap, Span } from '../parse/tree';
import { childPath } from '../diagnostics/finding';
import { msg, report, type PodSpecRule, type RuleContext } from './context';
import { intField, structField, valueAt } from './spec/values';
import { containersOf, gracePeriod, isRestartable, type ContainerRef } from './container/walk';
import { checkHandler, LIFECYCLE_HANDLERS, PROBE_HANDLERS } from './container/handler';

const PROBE_RULE = 'container-probe';
const LIFECYCLE_RULE = 'lifecycle-handler';

/** Probe integer fields with the value `SetDefaults_Probe` gives 0 (initialDelaySeconds has none). */
const PROBE_COUNTS: Array<[string, number]> = [
  ['initialDelaySeconds', 0],
  ['timeoutSeconds', 1],
  ['periodSeconds', 10],
  ['successThreshold', 1],
  ['failureThreshold', 3],
];

type ProbeKind = 'livenessProbe' | 'readinessProbe' | 'startupProbe';

function checkProbe(ctx: RuleContext, ref: ContainerRef, kind: ProbeKind, grace: number | undefined): void {
  const f = structField(ref.c, kind);
  if (!f?.m) return;
  const probe: KMap = f.m;
  const path = childPath(ref.path, kind);
  const owner: Span = f.e!.keySpan;
  checkHandler(ctx, PROBE_RULE, probe, path, owner, PROBE_HANDLERS, grace);
  let success: number | undefined;
  for (const [key, dflt] of PROBE_COUNTS) {
    const v = intField(probe, key);
    if (!v) continue;
    const value = !v.value ? dflt : v.value;
    if (key === 'successThreshold') success = value;
    if (value < 0) report(ctx, PROBE_RULE, 'Invalid', childPath(path, key), valueAt(v.e!), msg.invalid(value, 'must be greater than or equal to 0'));
  }
  const tgp = intField(probe, 'terminationGracePeriodSeconds');
  const tgpPath = childPath(path, 'terminationGracePeriodSeconds');
  if (tgp?.e && tgp.value !== undefined && tgp.value <= 0) report(ctx, PROBE_RULE, 'Invalid', tgpPath, valueAt(tgp.e), msg.invalid(tgp.value, 'must be greater than 0'));
  if (kind === 'readinessProbe') {
    if (tgp?.e && tgp.value !== undefined) report(ctx, PROBE_RULE, 'Invalid', tgpPath, valueAt(tgp.e), msg.invalid(tgp.value, 'must not be set for readinessProbes'));
  } else if (success !== undefined && success !== 1) {
    const v = intField(probe, 'successThreshold')!;
    report(ctx, PROBE_RULE, 'Invalid', childPath(path, 'successThreshold'), valueAt(v.e!), msg.invalid(success, 'must be 1'));
  }
}

function checkLifecycle(ctx: RuleContext, ref: ContainerRef, grace: number | undefined): void {
  const f = structField(ref.c, 'lifecycle');
  if (!f?.m) return;
  const path = childPath(ref.path, 'lifecycle');
  for (const hook of ['postStart', 'preStop']) {
    const h = structField(f.m, hook);
    if (h?.m) checkHandler(ctx, LIFECYCLE_RULE, h.m, childPath(path, hook), h.e!.keySpan, LIFECYCLE_HANDLERS, grace);
  }
}

const probeRules: PodSpecRule = (ctx, { spec, path }) => {
  const grace = gracePeriod(spec);
  const refs = [...containersOf(spec, path, 'containers'), ...containersOf(spec, path, 'initContainers').filter((r) => isRestartable(r.c))];
  for (const ref of refs) {
    checkLifecycle(ctx, ref, grace);
    for (const kind of ['livenessProbe', 'readinessProbe', 'startupProbe'] as const) checkProbe(ctx, ref, kind, grace);
  }
};

export const probesRules: PodSpecRule[] = [probeRules];
