/**
 * Rule family: containers — upstream `validateContainerCommon` (name, image), name uniqueness
 * of `validateContainers` / `validateInitContainers` / `validateEphemeralContainers`,
 * `validateContainerOnlyForPod` (image whitespace), container `restartPolicy` /
 * `restartPolicyRules` (ContainerRestartRules beta, on in 1.35), the fields init containers
 * may only set as sidecars, and the fields ephemeral containers may not set. The
 * `spec.ephemeralContainers: cannot be set on create` error itself belongs to podSpec.ts.
 * Enum fields (imagePullPolicy, terminationMessagePolicy) are in enums.ts. See docs/rules.md.
 */
import type { KMap, Span } from '../parse/tree';
import { childPath, indexPath } from '../diagnostics/finding';
import { isDNS1123Label } from '../util/names';
import { entry, msg, pastCap, report, type PodSpecRule, type RuleContext } from './context';
import { itemMap, missingAt, nodeAt, seqField, strField, structField, valueAt } from './spec/values';
import { isSet } from './volume/read';
import { containersOf, isPod, isRestartable, type ContainerRef } from './container/walk';

const R_NAME = 'container-name';
const R_DUP = 'duplicate-container-name';
const R_IMAGE = 'container-image';
const R_RESTART = 'container-restart-policy';
const R_INIT = 'init-container-field';
const R_EPHEMERAL = 'ephemeral-container-field';

/** Where to point at something missing from a container: its first key, or the item. */
function anchorOf(ref: ContainerRef): Span {
  return missingAt(ref.c, nodeAt(ref.item));
}

interface NameInfo {
  value: string;
  span: Span;
}

/** Name required and a DNS label; returns the decoded name (undefined when it does not decode). */
function checkName(ctx: RuleContext, ref: ContainerRef): NameInfo | undefined {
  const f = strField(ref.c, 'name');
  if (!f) return undefined;
  const span = f.e ? valueAt(f.e) : anchorOf(ref);
  // Paths are built for findings only: these checks run for every container of a Pod.
  if (f.value === '') report(ctx, R_NAME, 'Required', childPath(ref.path, 'name'), span, msg.required());
  else for (const m of isDNS1123Label(f.value)) report(ctx, R_NAME, 'Invalid', childPath(ref.path, 'name'), span, msg.invalid(f.value, m));
  return { value: f.value, span };
}

// Go's strings.TrimSpace set (unicode.IsSpace): JS `\s` differs (it has U+FEFF, lacks U+0085).
const GO_SPACE = '\\t\\n\\v\\f\\r \\u0085\\u00a0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000';
const EDGE_SPACE = new RegExp(`^[${GO_SPACE}]|[${GO_SPACE}]$`);

/** Image required; on Pods (and always for ephemeral containers) no surrounding whitespace. */
function checkImage(ctx: RuleContext, ref: ContainerRef, pod: boolean): void {
  const f = strField(ref.c, 'image');
  if (!f) return;
  const span = f.e ? valueAt(f.e) : anchorOf(ref);
  if (f.value === '') report(ctx, R_IMAGE, 'Required', childPath(ref.path, 'image'), span, msg.required());
  // validateContainerOnlyForPod: Pods only (templates keep " " as an image placeholder), but
  // validateEphemeralContainers applies it to ephemeral containers everywhere.
  if ((pod || ref.kind === 'ephemeralContainers') && EDGE_SPACE.test(f.value))
    report(ctx, R_IMAGE, 'Invalid', childPath(ref.path, 'image'), span, msg.invalid(f.value, 'must not have leading or trailing whitespace'));
}

const CONTAINER_RESTART_POLICIES = ['Always', 'Never', 'OnFailure'];
const RESTART_RULE_ACTIONS = ['Restart'];
const EXIT_CODE_OPERATORS = ['In', 'NotIn'];
const MAX_RESTART_RULES = 20;
const MAX_EXIT_CODES = 255;

/** `validateContainerRestartPolicy`: the policy value and each restart rule. */
function checkRestartPolicy(ctx: RuleContext, ref: ContainerRef): void {
  const policy = strField(ref.c, 'restartPolicy');
  const rules = seqField(ref.c, 'restartPolicyRules');
  if (!policy || !rules) return;
  if (!policy.set && rules.items.length === 0) return; // the usual container: nothing to check or name
  const policyPath = childPath(ref.path, 'restartPolicy');
  const hasRules = rules.items.length > 0;
  if (!policy.set) {
    if (!hasRules) return;
    report(ctx, R_RESTART, 'Required', policyPath, rules.e!.keySpan, msg.required('must specify restartPolicy when restart rules are used'));
  } else if (!CONTAINER_RESTART_POLICIES.includes(policy.value)) {
    report(ctx, R_RESTART, 'NotSupported', policyPath, valueAt(policy.e!), msg.notSupported(policy.value, CONTAINER_RESTART_POLICIES));
  }
  const rulesPath = childPath(ref.path, 'restartPolicyRules');
  if (rules.items.length > MAX_RESTART_RULES) report(ctx, R_RESTART, 'TooLong', rulesPath, rules.e!.keySpan, msg.tooLong(MAX_RESTART_RULES));
  rules.items.forEach((item, i) => {
    const rule = itemMap(item);
    if (!rule) return;
    const rulePath = indexPath(rulesPath, i);
    const anchor = missingAt(rule, nodeAt(item));
    const action = strField(rule, 'action');
    if (action && !RESTART_RULE_ACTIONS.includes(action.value))
      report(ctx, R_RESTART, 'NotSupported', childPath(rulePath, 'action'), action.e ? valueAt(action.e) : anchor, msg.notSupported(action.value, RESTART_RULE_ACTIONS));
    const exit = structField(rule, 'exitCodes');
    if (!exit) return;
    const exitPath = childPath(rulePath, 'exitCodes');
    if (!exit.m) {
      report(ctx, R_RESTART, 'Required', exitPath, exit.e ? exit.e.keySpan : anchor, msg.required('must be specified'));
      return;
    }
    const op = strField(exit.m, 'operator');
    if (op && !EXIT_CODE_OPERATORS.includes(op.value))
      report(ctx, R_RESTART, 'NotSupported', childPath(exitPath, 'operator'), op.e ? valueAt(op.e) : missingAt(exit.m, exit.e!.keySpan), msg.notSupported(op.value, EXIT_CODE_OPERATORS));
    const values = seqField(exit.m, 'values');
    if (values?.e && values.items.length > MAX_EXIT_CODES) report(ctx, R_RESTART, 'TooLong', childPath(exitPath, 'values'), values.e.keySpan, msg.tooLong(MAX_EXIT_CODES));
  });
}

/** `validateInitContainerRestartPolicy` (RestartAllContainers gate off). */
function checkInitRestartPolicy(ctx: RuleContext, ref: ContainerRef): void {
  const policy = strField(ref.c, 'restartPolicy');
  const rules = seqField(ref.c, 'restartPolicyRules');
  if (!policy || !rules) return;
  if (!policy.set) {
    if (rules.items.length > 0)
      report(ctx, R_RESTART, 'Required', childPath(ref.path, 'restartPolicy'), rules.e!.keySpan, msg.required('must specify restartPolicy when restart rules are used'));
    return;
  }
  if (policy.value === 'Always') {
    if (rules.items.length > 0)
      report(ctx, R_RESTART, 'Forbidden', childPath(ref.path, 'restartPolicyRules'), rules.e!.keySpan, msg.forbidden('restartPolicyRules are not allowed for init containers with restart policy Always'), [
        { span: valueAt(policy.e!), message: 'restartPolicy is Always' },
      ]);
    return;
  }
  checkRestartPolicy(ctx, ref);
}

const SIDECAR_ONLY = ['lifecycle', 'livenessProbe', 'readinessProbe', 'startupProbe'];

/** Plain init containers run to completion: no lifecycle hooks or probes. */
function checkInitOnlyFields(ctx: RuleContext, ref: ContainerRef): void {
  if (isRestartable(ref.c)) return;
  for (const key of SIDECAR_ONLY) {
    const e = entry(ref.c, key);
    if (e && isSet(ref.c, key))
      report(ctx, R_INIT, 'Forbidden', childPath(ref.path, key), e.keySpan, msg.forbidden('may not be set for init containers without restartPolicy=Always'));
  }
}

/** EphemeralContainerCommon fields outside upstream's allow-list, in struct order. */
const EPHEMERAL_FORBIDDEN = ['ports', 'resources', 'resizePolicy', 'restartPolicy', 'restartPolicyRules', 'livenessProbe', 'readinessProbe', 'startupProbe', 'lifecycle'];

/** A field differs from its Go zero value (`validateFieldAllowList` uses reflect.DeepEqual). */
function nonZero(c: KMap, key: string): boolean {
  if (!isSet(c, key)) return false;
  if (key !== 'resources') return true; // pointers and slices: any written value, even `[]`
  const r = entry(c, key)!.value;
  return r.kind !== 'map' || ['limits', 'requests', 'claims'].some((k) => isSet(r, k));
}

function checkEphemeralFields(ctx: RuleContext, ref: ContainerRef): void {
  for (const key of EPHEMERAL_FORBIDDEN) {
    if (nonZero(ref.c, key))
      report(ctx, R_EPHEMERAL, 'Forbidden', childPath(ref.path, key), entry(ref.c, key)!.keySpan, msg.forbidden('cannot be set for an Ephemeral Container'));
  }
}

function duplicate(ctx: RuleContext, ref: ContainerRef, name: NameInfo, first: Span | undefined): void {
  if (pastCap(ctx, R_DUP)) return report(ctx, R_DUP, 'Duplicate', '', name.span, '');
  report(ctx, R_DUP, 'Duplicate', childPath(ref.path, 'name'), name.span, msg.duplicate(name.value), first ? [{ span: first, message: `container "${name.value}" is first defined here` }] : undefined);
}

const containerRules: PodSpecRule = (ctx, site) => {
  const pod = isPod(ctx);
  const regular = containersOf(site.spec, site.path, 'containers');
  const init = containersOf(site.spec, site.path, 'initContainers');
  const ephemeral = containersOf(site.spec, site.path, 'ephemeralContainers');
  // validateContainers: names unique among regular containers (empty names included).
  const names = new Map<string, Span>();
  for (const ref of regular) {
    const name = checkName(ctx, ref);
    checkImage(ctx, ref, pod);
    checkRestartPolicy(ctx, ref);
    if (!name) continue;
    if (names.has(name.value)) duplicate(ctx, ref, name, names.get(name.value));
    else names.set(name.value, name.span);
  }
  if (init.length === 0 && ephemeral.length === 0) return;
  // Every decoded name of regular and init containers (empty ones too), with its first span:
  // so far, those of the regular containers. (Only built when other lists follow: a copy of
  // half a million names is not free.)
  const others = new Map(names);
  // validateInitContainers: unique among regular and earlier (named) init containers.
  for (const ref of init) {
    const name = checkName(ctx, ref);
    checkImage(ctx, ref, pod);
    checkInitRestartPolicy(ctx, ref);
    checkInitOnlyFields(ctx, ref);
    if (!name) continue;
    if (!others.has(name.value)) others.set(name.value, name.span);
    if (names.has(name.value)) duplicate(ctx, ref, name, names.get(name.value));
    else if (name.value !== '') names.set(name.value, name.span);
  }
  if (ephemeral.length === 0) return;
  // validateEphemeralContainers: unique across all kinds; the target must be a regular or init container.
  const all = new Map(others);
  for (const ref of ephemeral) {
    const name = checkName(ctx, ref);
    checkImage(ctx, ref, pod);
    checkEphemeralFields(ctx, ref);
    if (name) {
      if (all.has(name.value)) duplicate(ctx, ref, name, all.get(name.value));
      else all.set(name.value, name.span);
    }
    const target = strField(ref.c, 'targetContainerName');
    if (target?.e && target.value !== '' && !others.has(target.value))
      report(ctx, 'ephemeral-target-container', 'NotFound', childPath(ref.path, 'targetContainerName'), valueAt(target.e), msg.notFound(target.value));
  }
};

export const containersRules: PodSpecRule[] = [containerRules];
