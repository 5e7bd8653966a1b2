/**
 * The API server's warnings for a Node (`WarningsOnCreate` of the node registry strategy):
 * `spec.externalID` is deprecated and unused. (`spec.configSource` also warns, but it is
 * dropped before the warnings are computed on create, so a created Node never gets it.)
 */
import { report, type ObjectRule } from '../context';
import { strField, structField } from '../spec/values';

export const nodeDeprecatedFields: ObjectRule = (ctx) => {
  if (ctx.object.kind !== 'Node') return;
  const spec = structField(ctx.object.node, 'spec')?.m;
  const id = spec ? strField(spec, 'externalID') : undefined;
  if (!id?.e || id.value === '') return;
  report(ctx, 'deprecated-node-field', undefined, 'spec.externalID', id.e.keySpan, 'this field is deprecated, and is unused by Kubernetes');
};

export const nodeWarningRules: ObjectRule[] = [nodeDeprecatedFields];
