/**
 * Rule family: env — upstream `ValidateEnv` (relaxed names, RelaxedEnvironmentVariableValidation
 * GA), `validateEnvVarValueFrom`, `ValidateEnvFrom` and `validateFileKeyRefVolumes`, for every
 * container kind. Upstream quirk: envFrom "one of" errors are reported on `…envFrom` without the
 * entry index. Duplicate env names are legal (a warning upstream). See docs/rules.md.
 */
import type { KMap, Span } from '../parse/tree';
import { childPath, indexPath } from '../diagnostics/finding';
import { isDNS1123Subdomain, isRelaxedEnvVarName } from '../util/names';
import { entry, msg, report, type PodSpecRule, type RuleContext } from './context';
import { itemMap, missingAt, nodeAt, seqField, strField, structField, valueAt } from './spec/values';
import { at, isSet } from './volume/read';
import { allContainers, type ContainerRef } from './container/walk';
import { checkFieldRef, checkFileKeySelector, checkKeySelector, checkResourceFieldRef } from './container/envSelectors';

const VALUE_FROM_SOURCES = ['fieldRef', 'resourceFieldRef', 'configMapKeyRef', 'secretKeyRef', 'fileKeyRef'] as const;

/** Volume name → whether it is (or defaults to) an emptyDir; later duplicates win, like a Go map. */
function volumeKinds(spec: KMap): Map<string, { emptyDir: boolean; span: Span }> {
  const out = new Map<string, { emptyDir: boolean; span: Span }>();
  for (const item of seqField(spec, 'volumes')?.items ?? []) {
    const v = itemMap(item);
    const name = v && strField(v, 'name');
    if (!v || !name) continue;
    // SetDefaults_Volume: a volume without any source becomes `emptyDir: {}`.
    const sources = v.entries.filter((e) => e.key !== 'name' && isSet(v, e.key)).map((e) => e.key);
    out.set(name.value, { emptyDir: sources.length === 0 || sources.includes('emptyDir'), span: name.e ? valueAt(name.e) : nodeAt(item) });
  }
  return out;
}

function checkValueFrom(ctx: RuleContext, env: KMap, envPath: string, volumes: ReturnType<typeof volumeKinds>): void {
  const vf = structField(env, 'valueFrom');
  if (!vf?.m) return;
  const path = childPath(envPath, 'valueFrom');
  const owner = vf.e!.keySpan;
  let n = 0;
  let undecodable = false;
  for (const key of VALUE_FROM_SOURCES) {
    const s = structField(vf.m, key);
    if (!s) undecodable = true; // a decode error: upstream never gets to count the sources
    if (!s?.m) continue;
    n++;
    const p = childPath(path, key);
    const sOwner = s.e!.keySpan;
    if (key === 'fieldRef') checkFieldRef(ctx, s.m, p, sOwner);
    else if (key === 'resourceFieldRef') checkResourceFieldRef(ctx, s.m, p, sOwner);
    else if (key === 'fileKeyRef') {
      checkFileKeySelector(ctx, s.m, p, sOwner);
      // validateFileKeyRefVolumes: the volume must exist in spec.volumes and be an emptyDir.
      const name = strField(s.m, 'volumeName');
      if (name) {
        const vol = volumes.get(name.value);
        const span = at(name.e, sOwner);
        const vp = childPath(p, 'volumeName');
        if (!vol) report(ctx, 'env-file-key-ref', 'NotFound', vp, span, msg.notFound(name.value));
        else if (!vol.emptyDir)
          report(ctx, 'env-file-key-ref', 'Invalid', vp, span, msg.invalid(name.value, 'referenced volume must be of type emptyDir'), [{ span: vol.span, message: `volume "${name.value}" is defined here` }]);
      }
    } else checkKeySelector(ctx, s.m, p, sOwner);
  }
  const value = strField(env, 'value');
  const R = 'env-value-from';
  if (undecodable) return;
  if (n === 0) report(ctx, R, 'Invalid', path, owner, msg.invalid('', 'must specify one of: `fieldRef`, `resourceFieldRef`, `configMapKeyRef`, `secretKeyRef` or `fileKeyRef`'));
  else if (value && value.value !== '') report(ctx, R, 'Invalid', path, owner, msg.invalid('', 'may not be specified when `value` is not empty'), [{ span: valueAt(value.e!), message: 'value is set here' }]);
  else if (n > 1) report(ctx, R, 'Invalid', path, owner, msg.invalid('', 'may not have more than one field specified at a time'));
}

function checkEnv(ctx: RuleContext, ref: ContainerRef, volumes: ReturnType<typeof volumeKinds>): void {
  const list = seqField(ref.c, 'env');
  if (!list) return;
  const listPath = childPath(ref.path, 'env');
  list.items.forEach((item, k) => {
    const env = itemMap(item);
    if (!env) return;
    const p = indexPath(listPath, k);
    const name = strField(env, 'name');
    if (name) {
      const span = name.e ? valueAt(name.e) : missingAt(env, nodeAt(item));
      if (name.value === '') report(ctx, 'env-var-name', 'Required', childPath(p, 'name'), span, msg.required());
      else for (const d of isRelaxedEnvVarName(name.value)) report(ctx, 'env-var-name', 'Invalid', childPath(p, 'name'), span, msg.invalid(name.value, d));
    }
    checkValueFrom(ctx, env, p, volumes);
  });
}

/** `ValidateConfigMapName(name, prefix=true)`: `maskTrailingDash` first (sic: drops two characters). */
function envSourceNameErrors(name: string): string[] {
  const masked = name.length > 1 && name.endsWith('-') ? `${name.slice(0, -2)}a` : name;
  return isDNS1123Subdomain(masked);
}

function checkEnvFrom(ctx: RuleContext, ref: ContainerRef): void {
  const list = seqField(ref.c, 'envFrom');
  if (!list) return;
  const R = 'env-from';
  const listPath = childPath(ref.path, 'envFrom');
  list.items.forEach((item, k) => {
    const src = itemMap(item);
    if (!src) return;
    const p = indexPath(listPath, k);
    const anchor = missingAt(src, nodeAt(item));
    const prefix = strField(src, 'prefix');
    if (prefix?.e && prefix.value !== '')
      for (const d of isRelaxedEnvVarName(prefix.value)) report(ctx, R, 'Invalid', childPath(p, 'prefix'), valueAt(prefix.e), msg.invalid(prefix.value, d));
    let n = 0;
    let undecodable = false;
    for (const key of ['configMapRef', 'secretRef']) {
      const s = structField(src, key);
      if (!s) undecodable = true;
      if (!s?.m) continue;
      n++;
      const name = strField(s.m, 'name');
      if (!name) continue;
      const np = childPath(childPath(p, key), 'name');
      const span = at(name.e, s.e!.keySpan);
      if (name.value === '') report(ctx, R, 'Required', np, span, msg.required());
      else for (const d of envSourceNameErrors(name.value)) report(ctx, R, 'Invalid', np, span, msg.invalid(name.value, d));
    }
    // Upstream quirk: these two are reported on the list, not the entry.
    if (undecodable) return;
    if (n === 0) report(ctx, R, 'Invalid', listPath, anchor, msg.invalid('', 'must specify one of: `configMapRef` or `secretRef`'));
    else if (n > 1) report(ctx, R, 'Invalid', listPath, entry(src, 'secretRef')!.keySpan, msg.invalid('', 'may not have more than one field specified at a time'));
  });
}

const envRule: PodSpecRule = (ctx, site) => {
  const volumes = volumeKinds(site.spec);
  for (const ref of allContainers(site)) {
    checkEnv(ctx, ref, volumes);
    checkEnvFrom(ctx, ref);
  }
};

export const envRules: PodSpecRule[] = [envRule];
