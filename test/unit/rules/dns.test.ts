import { test } from 'node:test';
import assert from 'node:assert/strict';
import { dataOf, errorPairs, pod, textAt, errors } from '../../helpers/engine';

const APP = '  containers:\n  - name: app\n    image: nginx:1.27\n';

test('dnsPolicy None with a full dnsConfig (relaxed searches, IPv6, ".") is valid', () => {
  const yaml = pod(
    `  dnsPolicy: None\n  dnsConfig:\n    nameservers: [1.1.1.1, 010.0.0.1, "FE80::0202:B3FF:FE1E:8329"]\n    searches: [_srv.example.com, corp.local., "."]\n    options:\n    - {name: ndots, value: "2"}\n    - name: edns0\n${APP}`,
  );
  assert.deepEqual(errorPairs(yaml), []);
  assert.deepEqual(errorPairs(pod(`  dnsConfig:\n    searches: [svc.corp]\n${APP}`)), []);
});

test('dnsPolicy None needs dnsConfig', () => {
  const yaml = pod(`  dnsPolicy: None\n${APP}`);
  const ds = errors(yaml);
  assert.equal(ds.length, 1);
  assert.equal(ds[0].message, 'spec.dnsConfig: Required value: must provide `dnsConfig` when `dnsPolicy` is None');
  assert.equal(textAt(yaml, ds[0]), 'None');
});

test('dnsPolicy None needs a nameserver, and that stops the other dnsConfig checks', () => {
  const ds = errors(pod(`  dnsPolicy: None\n  dnsConfig:\n    searches: [Bad_Domain]\n    options: [{value: x}]\n${APP}`));
  assert.deepEqual(
    ds.map((d) => d.message),
    ['spec.dnsConfig.nameservers: Required value: must provide at least one DNS nameserver when `dnsPolicy` is None'],
  );
});

test('nameservers: at most 3 (value rendered as a JSON list), each an IP address', () => {
  const yaml = pod(`  dnsConfig:\n    nameservers: [127.0.0.1, 10.0.0.10, 8.8.8.8, dns.google]\n${APP}`);
  const ds = errors(yaml);
  assert.deepEqual(ds.map((d) => `${dataOf(d).field} ${dataOf(d).errorType}`), ['spec.dnsConfig.nameservers Invalid', 'spec.dnsConfig.nameservers[3] Invalid']);
  assert.equal(ds[0].message, 'spec.dnsConfig.nameservers: Invalid value: ["127.0.0.1","10.0.0.10","8.8.8.8","dns.google"]: must not have more than 3 nameservers');
  assert.equal(ds[1].message, 'spec.dnsConfig.nameservers[3]: Invalid value: "dns.google": must be a valid IP address, (e.g. 10.9.8.7 or 2001:db8::ffff)');
  assert.equal(textAt(yaml, ds[1]), 'dns.google');
});

test('searches: one trailing dot stripped, underscores allowed, uppercase rejected; count and length limits', () => {
  const ds = errors(pod(`  dnsConfig:\n    searches: ["Corp.Example.", "a..b", "_ok.x_y"]\n${APP}`));
  assert.deepEqual(ds.map((d) => dataOf(d).field), ['spec.dnsConfig.searches[0]', 'spec.dnsConfig.searches[1]']);
  assert.match(ds[0].message, /^spec\.dnsConfig\.searches\[0\]: Invalid value: "Corp\.Example": a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '_', '-' or '\.'/);
  const many = Array.from({ length: 33 }, (_, i) => `d${i}.example`).join(', ');
  assert.deepEqual(errorPairs(pod(`  dnsConfig:\n    searches: [${many}]\n${APP}`)), ['spec.dnsConfig.searches Invalid']);
  const long = Array.from({ length: 9 }, () => 'a'.repeat(250)).join(', ');
  const ls = errors(pod(`  dnsConfig:\n    searches: [${long}]\n${APP}`));
  assert.deepEqual(ls.map((d) => dataOf(d).field), ['spec.dnsConfig.searches']);
  assert.match(ls[0].message, /must not have more than 2048 characters \(including spaces\) in the search list$/);
});

test('options need a name (Required on the option)', () => {
  const yaml = pod(`  dnsConfig:\n    options:\n    - value: "2"\n    - name: ""\n${APP}`);
  const ds = errors(yaml);
  assert.deepEqual(ds.map((d) => `${dataOf(d).field} ${dataOf(d).errorType}`), ['spec.dnsConfig.options[0] Required', 'spec.dnsConfig.options[1] Required']);
  assert.equal(ds[0].message, 'spec.dnsConfig.options[0]: Required value: must not be empty');
});
