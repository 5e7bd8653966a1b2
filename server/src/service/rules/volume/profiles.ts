/**
 * Security-context sub-objects shared by the Pod and container security contexts:
 * `validateSeccompProfileField`, `ValidateAppArmorProfileField`,
 * `validateWindowsSecurityContextOptions`. Each takes the security-context map and its
 * upstream path; rule ids `seccomp-profile`, `apparmor-profile`, `windows-options`.
 */
import type { KEntry, KMap } from '../../parse/tree';
import { childPath } from '../../diagnostics/finding';
import { isDNS1123Subdomain } from '../../util/names';
import { utf8Length } from '../../util/text';
import { msg, report, type RuleContext } from '../context';
import { goJSONString, invalidRendered, strField, structField, valueAt } from '../spec/values';
import { localDescendingErrors } from './paths';
import { at } from './read';

const PROFILE_TYPES = ['Localhost', 'RuntimeDefault', 'Unconfined'];


export function checkSeccompProfile(ctx: RuleContext, sc: KMap, scPath: string): void {
  const sp = structField(sc, 'seccompProfile');
  if (!sp?.m) return;
  const path = childPath(scPath, 'seccompProfile');
  const owner = sp.e!.keySpan;
  const type = strField(sp.m, 'type');
  const local = strField(sp.m, 'localhostProfile');
  if (!type || !local) return;
  const R = 'seccomp-profile';
  if (type.value === '') report(ctx, R, 'Required', childPath(path, 'type'), at(type.e, owner), msg.required('type is required when seccompProfile is set'));
  else if (!PROFILE_TYPES.includes(type.value)) report(ctx, R, 'NotSupported', childPath(path, 'type'), at(type.e, owner), msg.notSupported(type.value, PROFILE_TYPES));
  const lPath = childPath(path, 'localhostProfile');
  if (type.value === 'Localhost') {
    if (!local.set) report(ctx, R, 'Required', lPath, owner, msg.required('must be set when seccomp type is Localhost'));
    else for (const d of localDescendingErrors(local.value)) report(ctx, R, 'Invalid', lPath, at(local.e, owner), msg.invalid(local.value, d));
  } else if (local.set) {
    // The bad value is the internal SeccompProfile struct, which has no JSON tags.
    const rendered = `{"Type":${goJSONString(type.value)},"LocalhostProfile":${goJSONString(local.value)}}`;
    report(ctx, R, 'Invalid', lPath, at(local.e, owner), invalidRendered(rendered, 'can only be set when seccomp type is Localhost'));
  }
}

const MAX_APPARMOR_PROFILE = 4095;

export function checkAppArmorProfile(ctx: RuleContext, sc: KMap, scPath: string): void {
  const ap = structField(sc, 'appArmorProfile');
  if (!ap?.m) return;
  const path = childPath(scPath, 'appArmorProfile');
  const owner = ap.e!.keySpan;
  const type = strField(ap.m, 'type');
  const local = strField(ap.m, 'localhostProfile');
  if (!type || !local) return;
  const R = 'apparmor-profile';
  const lPath = childPath(path, 'localhostProfile');
  const lAt = at(local.e, owner);
  switch (type.value) {
    case 'Localhost': {
      const missing = 'must be set when AppArmor type is Localhost';
      if (!local.set) {
        report(ctx, R, 'Required', lPath, owner, msg.required(missing));
        break;
      }
      const trimmed = local.value.trim();
      if (trimmed !== local.value) report(ctx, R, 'Invalid', lPath, lAt, msg.invalid(local.value, 'must not be padded with whitespace'));
      else if (trimmed === '') report(ctx, R, 'Required', lPath, lAt, msg.required(missing));
      if (utf8Length(local.value) > MAX_APPARMOR_PROFILE) report(ctx, R, 'TooLong', lPath, lAt, msg.tooLong(MAX_APPARMOR_PROFILE));
      break;
    }
    case 'RuntimeDefault':
    case 'Unconfined':
      if (local.set) report(ctx, R, 'Invalid', lPath, lAt, msg.invalid(local.value, 'can only be set when AppArmor type is Localhost'));
      break;
    case '':
      report(ctx, R, 'Required', childPath(path, 'type'), at(type.e, owner), msg.required('type is required when appArmorProfile is set'));
      break;
    default:
      report(ctx, R, 'NotSupported', childPath(path, 'type'), at(type.e, owner), msg.notSupported(type.value, PROFILE_TYPES));
  }
}

const GMSA_MAX = 64 * 1024;
const DOMAIN_MAX = 256;
const USER_MAX = 104;
const CONTROL = /[\x00-\x1f\x7f]/;
const NETBIOS = /^[^\\/:*?"<>|.][^\\/:*?"<>|]{0,14}$/u;
const DNS_DOMAIN = /^[a-zA-Z0-9](?:[a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?(?:\.[a-zA-Z0-9](?:[a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?)*$/;
const USER_BAD_CHARS = /["/\\:;|=,+*?<>@[\]]/;
const USER_DOTS_SPACES = /^[. ]+$/;

/** The detail messages `validateWindowsSecurityContextOptions` gives a runAsUserName. */
function runAsUserNameErrors(v: string): string[] {
  if (v.length === 0) return ['runAsUserName cannot be an empty string'];
  if (CONTROL.test(v)) return ['runAsUserName cannot contain control characters'];
  const parts = v.split('\\');
  if (parts.length > 2) return ['runAsUserName cannot contain more than one backslash'];
  const out: string[] = [];
  const hasDomain = parts.length === 2;
  const domain = hasDomain ? parts[0] : '';
  const user = hasDomain ? parts[1] : parts[0];
  if (utf8Length(domain) >= DOMAIN_MAX) out.push(`runAsUserName's Domain length must be under ${DOMAIN_MAX} characters`);
  if (hasDomain && !(NETBIOS.test(domain) || DNS_DOMAIN.test(domain))) out.push("runAsUserName's Domain doesn't match the NetBios nor the DNS format");
  const ul = utf8Length(user);
  if (ul === 0) out.push("runAsUserName's User cannot be empty");
  else if (ul > USER_MAX) out.push(`runAsUserName's User length must not be longer than ${USER_MAX} characters`);
  if (USER_DOTS_SPACES.test(user)) out.push("runAsUserName's User cannot contain only periods or spaces");
  if (USER_BAD_CHARS.test(user)) out.push(`runAsUserName's User cannot contain the following characters: "/\\:;|=,+*?<>@[]`);
  return out;
}

export function checkWindowsOptions(ctx: RuleContext, sc: KMap, scPath: string): void {
  const wo = structField(sc, 'windowsOptions');
  if (!wo?.m) return;
  const path = childPath(scPath, 'windowsOptions');
  const R = 'windows-options';
  const invalid = (key: string, f: { value: string; e?: KEntry }, detail: string) =>
    report(ctx, R, 'Invalid', childPath(path, key), f.e ? valueAt(f.e) : wo.e!.keySpan, invalidRendered(goJSONString(f.value), detail));
  const specName = strField(wo.m, 'gmsaCredentialSpecName');
  if (specName?.set) for (const d of isDNS1123Subdomain(specName.value)) invalid('gmsaCredentialSpecName', specName, d);
  const spec = strField(wo.m, 'gmsaCredentialSpec');
  if (spec?.set) {
    const n = utf8Length(spec.value);
    if (n === 0) invalid('gmsaCredentialSpec', spec, 'gmsaCredentialSpec cannot be an empty string');
    else if (n > GMSA_MAX) invalid('gmsaCredentialSpec', spec, 'gmsaCredentialSpec size must be under 64 KiB');
  }
  const user = strField(wo.m, 'runAsUserName');
  if (user?.set) for (const d of runAsUserNameErrors(user.value)) invalid('runAsUserName', user, d);
}
