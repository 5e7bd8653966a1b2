/**
 * `validatePodDNSConfig` (with `validateDNSPolicy`'s defaulting: an empty dnsPolicy is
 * ClusterFirst). RelaxedDNSSearchValidation is GA in 1.35: search domains may contain `_`, a
 * single trailing dot is ignored and the search `.` alone is accepted.
 */
import { childPath, indexPath } from '../../diagnostics/finding';
import { isDNS1123SubdomainWithUnderscore } from '../../util/names';
import { utf8Length } from '../../util/text';
import { entry, msg, report, type PodSpecRule } from '../context';
import { INVALID_IP_MESSAGE, isSloppyIP } from './ip';
import { goJSONStrings, invalidRendered, missingAt, nodeAt, seqField, strField, stringItems, valueAt } from './values';

const MAX_NAMESERVERS = 3;
const MAX_SEARCH_PATHS = 32;
const MAX_SEARCH_CHARS = 2048;

const dnsConfig: PodSpecRule = (ctx, { spec, path }) => {
  const policy = strField(spec, 'dnsPolicy');
  if (!policy) return; // not a string: the object does not decode
  const cfgEntry = entry(spec, 'dnsConfig');
  const cfgNode = cfgEntry?.value;
  if (cfgNode && cfgNode.kind !== 'map' && !(cfgNode.kind === 'scalar' && cfgNode.v.type === 'null')) return;
  const cfg = cfgNode?.kind === 'map' ? cfgNode : undefined;
  const cPath = childPath(path, 'dnsConfig');
  const nsPath = childPath(cPath, 'nameservers');
  const ns = cfg ? seqField(cfg, 'nameservers') : { items: [] };
  if (!ns) return;

  if (policy.value === 'None') {
    const at = policy.e ? valueAt(policy.e) : missingAt(spec);
    if (!cfg) {
      report(ctx, 'dns-config-required', 'Required', cPath, cfgEntry ? cfgEntry.keySpan : at, msg.required('must provide `dnsConfig` when `dnsPolicy` is None'));
      return;
    }
    if (ns.items.length === 0) {
      const nsAt = 'e' in ns && ns.e ? ns.e.keySpan : cfgEntry ? cfgEntry.keySpan : at;
      report(ctx, 'dns-nameservers', 'Required', nsPath, nsAt, msg.required('must provide at least one DNS nameserver when `dnsPolicy` is None'));
      return;
    }
  }
  if (!cfg) return;

  const servers = stringItems(ns.items);
  if (servers) {
    if (servers.length > MAX_NAMESERVERS && 'e' in ns && ns.e)
      report(ctx, 'dns-nameservers', 'Invalid', nsPath, ns.e.keySpan, invalidRendered(goJSONStrings(servers.map((s) => s.value)), `must not have more than ${MAX_NAMESERVERS} nameservers`));
    servers.forEach((s, i) => {
      if (!isSloppyIP(s.value)) report(ctx, 'dns-nameservers', 'Invalid', indexPath(nsPath, i), nodeAt(s.node), msg.invalid(s.value, INVALID_IP_MESSAGE));
    });
  }

  const se = seqField(cfg, 'searches');
  const searches = se ? stringItems(se.items) : undefined;
  if (searches && se?.e) {
    const sPath = childPath(cPath, 'searches');
    const list = searches.map((s) => s.value);
    if (list.length > MAX_SEARCH_PATHS)
      report(ctx, 'dns-searches', 'Invalid', sPath, se.e.keySpan, invalidRendered(goJSONStrings(list), `must not have more than ${MAX_SEARCH_PATHS} search paths`));
    if (utf8Length(list.join(' ')) > MAX_SEARCH_CHARS)
      report(ctx, 'dns-searches', 'Invalid', sPath, se.e.keySpan, invalidRendered(goJSONStrings(list), `must not have more than ${MAX_SEARCH_CHARS} characters (including spaces) in the search list`));
    searches.forEach((s, i) => {
      if (s.value === '.') return;
      const domain = s.value.endsWith('.') ? s.value.slice(0, -1) : s.value;
      for (const m of isDNS1123SubdomainWithUnderscore(domain)) report(ctx, 'dns-searches', 'Invalid', indexPath(sPath, i), nodeAt(s.node), msg.invalid(domain, m));
    });
  }

  const opts = seqField(cfg, 'options');
  opts?.items.forEach((o, i) => {
    if (o.kind !== 'map' && !(o.kind === 'scalar' && o.v.type === 'null')) return;
    const name = o.kind === 'map' ? strField(o, 'name') : { value: '', set: false };
    if (!name || name.value !== '') return;
    const at = name.e ? valueAt(name.e) : o.kind === 'map' ? missingAt(o, nodeAt(o)) : (opts.e?.keySpan ?? nodeAt(o));
    report(ctx, 'dns-option-name', 'Required', indexPath(childPath(cPath, 'options'), i), at, msg.required('must not be empty'));
  });
};

export const dnsRules: PodSpecRule[] = [dnsConfig];
