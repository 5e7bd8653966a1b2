/**
 * `ValidateTolerations`. TaintTolerationComparisonOperators is alpha (off) in 1.35, so `Lt` /
 * `Gt` are NotSupported (upstream still lists them among the supported values).
 */
import { childPath, indexPath } from '../../diagnostics/finding';
import { isValidLabelValue } from '../../util/names';
import { msg, report, type PodSpecRule } from '../context';
import { validateLabelName } from './labelSelector';
import { fieldAt, intField, itemMap, nodeAt, seqField, strField, valueAt } from './values';

const TAINT_EFFECTS = ['NoSchedule', 'PreferNoSchedule', 'NoExecute'];

/** `ValidateTolerations`. Upstream quirk: value errors are reported on `.operator`. */
export const tolerations: PodSpecRule = (ctx, { spec, path }) => {
  const s = seqField(spec, 'tolerations');
  if (!s) return;
  const tPath = childPath(path, 'tolerations');
  s.items.forEach((n, i) => {
    const t = itemMap(n);
    if (!t) return;
    const p = indexPath(tPath, i);
    const fb = nodeAt(n);
    const key = strField(t, 'key');
    const op = strField(t, 'operator');
    const value = strField(t, 'value');
    const effect = strField(t, 'effect');
    const secs = intField(t, 'tolerationSeconds');
    const opPath = childPath(p, 'operator');
    if (key && key.value !== '') validateLabelName(ctx, 'toleration-key', key.value, childPath(p, 'key'), fieldAt(t, key, fb));
    if (key && op && key.value === '' && op.value !== 'Exists')
      report(ctx, 'toleration-operator', 'Invalid', opPath, fieldAt(t, op, fb), msg.invalid(op.value, 'operator must be Exists when `key` is empty, which means "match all values and all keys"'));
    if (secs?.e && secs.value !== undefined && effect && effect.value !== 'NoExecute')
      report(ctx, 'toleration-effect', 'Invalid', childPath(p, 'effect'), effect.e ? valueAt(effect.e) : secs.e.keySpan, msg.invalid(effect.value, "effect must be 'NoExecute' when `tolerationSeconds` is set"));
    if (op && value) {
      switch (op.value) {
        case 'Equal':
        case '': {
          const errs = isValidLabelValue(value.value);
          if (errs.length) report(ctx, 'toleration-operator', 'Invalid', opPath, fieldAt(t, value, fb), msg.invalid(value.value, errs.join(';')));
          break;
        }
        case 'Exists':
          if (value.value !== '') report(ctx, 'toleration-operator', 'Invalid', opPath, fieldAt(t, value, fb), msg.invalid(value.value, "value must be empty when `operator` is 'Exists'"));
          break;
        case 'Lt':
        case 'Gt':
          report(ctx, 'toleration-operator', 'NotSupported', opPath, fieldAt(t, op, fb), msg.notSupported(op.value, ['Equal', 'Exists', 'Lt', 'Gt']));
          break;
        default:
          report(ctx, 'toleration-operator', 'NotSupported', opPath, fieldAt(t, op, fb), msg.notSupported(op.value, ['Equal', 'Exists']));
      }
    }
    if (effect?.e && effect.value !== '' && !TAINT_EFFECTS.includes(effect.value))
      report(ctx, 'toleration-effect', 'NotSupported', childPath(p, 'effect'), valueAt(effect.e), msg.notSupported(effect.value, TAINT_EFFECTS));
  });
};
