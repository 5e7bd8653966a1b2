import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import {
  checksFor,
  evaluatePodSecurity,
  findNamespace,
  forbiddenDetail,
  forbiddenReason,
  parseLevel,
  parseVersion,
  podSecurityForNamespace,
  podSecurityForObject,
  policyToEvaluate,
  readPodSecurityConfig,
  levelVersionString,
  LATEST,
  type CreateFinding,
  type Level,
  type PodPaths,
  type PodSecurityConfig,
  type PodSecurityResult,
  type Version,
} from '../../../server/src/service/createPath/podSecurity';
import { parseManifestFile } from '../../../server/src/service/parse/manifests';
import { toPlain, type PlainObject } from '../../../server/src/service/model/plain';
import fc from 'fast-check';

/** Plain JSON as the create path hands it over: null-prototype objects. */
function plain(x: unknown): PlainObject {
  const conv = (v: unknown): unknown => {
    if (Array.isArray(v)) return v.map(conv);
    if (v && typeof v === 'object') {
      const o = Object.create(null) as Record<string, unknown>;
      for (const [k, val] of Object.entries(v)) o[k] = conv(val);
      return o;
    }
    return v;
  };
  return conv(x) as PlainObject;
}

function ver(s: string): Version {
  const r = parseVersion(s);
  assert.equal(r.error, undefined, s);
  return r.version;
}

type Json = Record<string, unknown>;

function evalPod(spec: Json, level: Level, version = 'latest', metadata: Json = {}, paths?: PodPaths): PodSecurityResult {
  return evaluatePodSecurity(plain({ metadata: { name: 'web', ...metadata }, spec }), level, ver(version), paths);
}

/** The one violation of a check, failing the test when the check passed. */
function violation(r: PodSecurityResult, id: string) {
  const v = r.violations.find((x) => x.id === id);
  assert.ok(v, `expected check ${id} to fail; failed: ${r.violations.map((x) => x.id).join(', ') || 'none'}`);
  return v;
}

function ids(r: PodSecurityResult): string[] {
  return r.violations.map((v) => v.id);
}

/** A container meeting the restricted level, so tests see only the check they exercise. */
function good(name: string, sc: Json = {}): Json {
  return {
    name,
    image: 'registry.example/app:1',
    securityContext: { allowPrivilegeEscalation: false, capabilities: { drop: ['ALL'] }, ...sc },
  };
}
const RESTRICTED_POD_SC = { runAsNonRoot: true, seccompProfile: { type: 'RuntimeDefault' } };

describe('levels and versions', () => {
  test('levels: the three names; anything else is an error and reads as restricted', () => {
    assert.deepEqual(parseLevel('baseline'), { level: 'baseline' });
    assert.deepEqual(parseLevel('Restricted'), { level: 'restricted', error: 'must be one of privileged, baseline, restricted' });
    assert.deepEqual(parseLevel(''), { level: 'restricted', error: 'must be one of privileged, baseline, restricted' });
  });

  test('versions: latest or v1.N without leading zeros; anything else is an error and reads as latest', () => {
    for (const ok of ['latest', 'v1.0', 'v1.9', 'v1.35', 'v1.99', 'v1.9223372036854775807']) assert.equal(parseVersion(ok).error, undefined, ok);
    for (const bad of ['1.25', 'v1.025', 'v1.', 'v2.0', 'V1.25', 'v1.25.0', 'Latest', '', ' v1.25', 'v1.9223372036854775808', 'v1.99999999999999999999']) {
      const r = parseVersion(bad);
      assert.equal(r.error, 'must be "latest" or "v1.x"', bad);
      assert.ok(r.version.latest, bad);
    }
  });

  test('level:version text keeps the pinned version even past the newest policy', () => {
    assert.equal(levelVersionString({ level: 'restricted', version: ver('v1.99') }), 'restricted:v1.99');
    assert.equal(levelVersionString({ level: 'baseline', version: LATEST }), 'baseline:latest');
  });

  test('a version past 1.35 (and latest) evaluates as 1.35', () => {
    const names = (v: string) => checksFor('restricted', ver(v)).map((c) => c.id);
    assert.deepEqual(names('v1.99'), names('latest'));
    assert.deepEqual(names('v1.36'), names('v1.35'));
    assert.notDeepEqual(names('v1.34'), names('v1.35'));
  });
});

describe('the namespace policy (PolicyToEvaluate)', () => {
  const labels = (o: Record<string, string>) => new Map(Object.entries(o));
  const p = (o: Record<string, string>) => {
    const r = policyToEvaluate(labels(o));
    return {
      enforce: levelVersionString(r.policy.enforce),
      audit: levelVersionString(r.policy.audit),
      warn: levelVersionString(r.policy.warn),
      errors: r.errors,
    };
  };

  test('no labels: privileged:latest for every mode', () => {
    assert.deepEqual(p({}), { enforce: 'privileged:latest', audit: 'privileged:latest', warn: 'privileged:latest', errors: [] });
  });

  test('warn follows a stricter enforce level and its version, unless warn has labels of its own', () => {
    assert.deepEqual(p({ 'pod-security.kubernetes.io/enforce': 'baseline', 'pod-security.kubernetes.io/enforce-version': 'v1.30' }), {
      enforce: 'baseline:v1.30',
      audit: 'privileged:latest',
      warn: 'baseline:v1.30',
      errors: [],
    });
    assert.equal(p({ 'pod-security.kubernetes.io/enforce': 'baseline', 'pod-security.kubernetes.io/warn-version': 'v1.25' }).warn, 'baseline:v1.25');
    assert.equal(p({ 'pod-security.kubernetes.io/enforce': 'restricted', 'pod-security.kubernetes.io/warn': 'baseline' }).warn, 'baseline:latest');
    assert.equal(p({ 'pod-security.kubernetes.io/enforce': 'restricted', 'pod-security.kubernetes.io/warn': 'privileged' }).warn, 'privileged:latest');
  });

  test('invalid labels: enforce fails closed (restricted), audit and warn fail open (privileged), versions read as latest', () => {
    const r = p({
      'pod-security.kubernetes.io/enforce': 'strict',
      'pod-security.kubernetes.io/audit': 'all',
      'pod-security.kubernetes.io/audit-version': '1.25',
      'pod-security.kubernetes.io/warn': 'loud',
    });
    assert.equal(r.enforce, 'restricted:latest');
    assert.equal(r.audit, 'privileged:latest');
    // A bad enforce level does not make warn follow it.
    assert.equal(r.warn, 'privileged:latest');
    assert.deepEqual(
      r.errors.map((e) => [e.label, e.value, e.detail]),
      [
        ['pod-security.kubernetes.io/enforce', 'strict', 'must be one of privileged, baseline, restricted'],
        ['pod-security.kubernetes.io/audit', 'all', 'must be one of privileged, baseline, restricted'],
        ['pod-security.kubernetes.io/audit-version', '1.25', 'must be "latest" or "v1.x"'],
        ['pod-security.kubernetes.io/warn', 'loud', 'must be one of privileged, baseline, restricted'],
      ],
    );
  });

  test('the configured defaults apply to modes without labels', () => {
    const { config } = readPodSecurityConfig({ defaults: { enforce: 'baseline', audit: 'restricted', 'audit-version': 'v1.30' } });
    const r = policyToEvaluate(labels({ 'pod-security.kubernetes.io/warn': 'restricted' }), config.defaults);
    assert.equal(levelVersionString(r.policy.enforce), 'baseline:latest');
    assert.equal(levelVersionString(r.policy.audit), 'restricted:v1.30');
    assert.equal(levelVersionString(r.policy.warn), 'restricted:latest');
  });
});

describe('baseline checks', () => {
  test('privileged: containers that set privileged=true, init containers first', () => {
    const spec = {
      initContainers: [{ name: 'setup', securityContext: { privileged: true } }],
      containers: [
        { name: 'app', securityContext: { privileged: true } },
        { name: 'sidecar', securityContext: { privileged: false } },
      ],
    };
    const v = violation(evalPod(spec, 'baseline'), 'privileged');
    assert.equal(v.reason, 'privileged');
    assert.equal(v.detail, 'containers "setup", "app" must not set securityContext.privileged=true');
    assert.deepEqual(v.fields, ['spec.initContainers[0].securityContext.privileged', 'spec.containers[0].securityContext.privileged']);
    assert.ok(ids(evalPod(spec, 'restricted')).includes('privileged'), 'baseline checks run at restricted too');
    assert.deepEqual(evalPod(spec, 'privileged'), { allowed: true, violations: [] });
  });

  test('hostNamespaces: hostNetwork, hostPID, hostIPC set to true', () => {
    const v = violation(evalPod({ hostNetwork: true, hostPID: false, hostIPC: true, containers: [{ name: 'c' }] }, 'baseline'), 'hostNamespaces');
    assert.equal(v.reason, 'host namespaces');
    assert.equal(v.detail, 'hostNetwork=true, hostIPC=true');
    assert.deepEqual(v.fields, ['spec.hostNetwork', 'spec.hostIPC']);
  });

  test('hostPathVolumes at baseline; replaced by restrictedVolumes at restricted', () => {
    const spec = {
      containers: [{ name: 'c' }],
      volumes: [
        { name: 'logs', hostPath: { path: '/var/log' } },
        { name: 'scratch', emptyDir: {} },
        { name: 'sock', hostPath: { path: '/run/app.sock', type: 'Socket' } },
      ],
    };
    const v = violation(evalPod(spec, 'baseline'), 'hostPathVolumes');
    assert.equal(v.reason, 'hostPath volumes');
    assert.equal(v.detail, 'volumes "logs", "sock"');
    assert.deepEqual(v.fields, ['spec.volumes[0].hostPath', 'spec.volumes[2].hostPath']);
    const r = evalPod(spec, 'restricted');
    assert.ok(!ids(r).includes('hostPathVolumes'));
    assert.equal(violation(r, 'restrictedVolumes').detail, 'volumes "logs", "sock" use restricted volume type "hostPath"');
  });

  test('hostPorts: distinct ports in string order, singular and plural', () => {
    const spec = {
      containers: [
        { name: 'a', ports: [{ containerPort: 80, hostPort: 8080 }, { containerPort: 9000, hostPort: 0 }] },
        { name: 'b', ports: [{ containerPort: 443, hostPort: 443 }, { containerPort: 10000, hostPort: 10000 }, { containerPort: 8080, hostPort: 8080 }] },
        { name: 'c', ports: [{ containerPort: 81 }] },
      ],
    };
    const v = violation(evalPod(spec, 'baseline'), 'hostPorts');
    assert.equal(v.reason, 'hostPort');
    assert.equal(v.detail, 'containers "a", "b" use hostPorts 10000, 443, 8080');
    assert.deepEqual(v.fields, [
      'spec.containers[0].ports[0].hostPort',
      'spec.containers[1].ports[0].hostPort',
      'spec.containers[1].ports[1].hostPort',
      'spec.containers[1].ports[2].hostPort',
    ]);
    const one = violation(evalPod({ containers: [{ name: 'a', ports: [{ containerPort: 53, hostPort: 53 }] }] }, 'baseline'), 'hostPorts');
    assert.equal(one.detail, 'container "a" uses hostPort 53');
  });

  test('hostProbesAndHostLifecycle: from policy v1.34 only; containers and hosts are sorted sets', () => {
    const spec = {
      containers: [
        {
          name: 'web',
          livenessProbe: { httpGet: { host: '10.0.0.1', port: 80 } },
          readinessProbe: { httpGet: { host: '', port: 80 } },
          lifecycle: { preStop: { tcpSocket: { host: 'db.internal', port: 5432 } } },
        },
        { name: 'api', startupProbe: { tcpSocket: { host: '10.0.0.1', port: 8080 } } },
      ],
    };
    assert.ok(!ids(evalPod(spec, 'baseline', 'v1.33')).includes('hostProbesAndHostLifecycle'));
    const v = violation(evalPod(spec, 'baseline', 'v1.34'), 'hostProbesAndHostLifecycle');
    assert.equal(v.reason, 'probe or lifecycle host');
    assert.equal(v.detail, 'containers "api", "web" use probe or lifecycle hosts "10.0.0.1", "db.internal"');
    assert.deepEqual(v.fields, [
      'spec.containers[0].livenessProbe.httpGet.host',
      'spec.containers[0].lifecycle.preStop.tcpSocket.host',
      'spec.containers[1].startupProbe.tcpSocket.host',
    ]);
    const one = violation(evalPod({ containers: [{ name: 'w', lifecycle: { postStart: { httpGet: { host: 'example.com', port: 80 } } } }] }, 'baseline'), 'hostProbesAndHostLifecycle');
    assert.equal(one.detail, 'container "w" uses probe or lifecycle host "example.com"');
  });

  test('capabilities_baseline: added capabilities outside the default set', () => {
    const spec = {
      containers: [
        { name: 'a', securityContext: { capabilities: { add: ['NET_ADMIN', 'CHOWN'] } } },
        { name: 'b', securityContext: { capabilities: { add: ['SYS_TIME', 'NET_ADMIN'] } } },
        { name: 'c', securityContext: { capabilities: { add: ['KILL', 'NET_BIND_SERVICE'] } } },
      ],
    };
    const v = violation(evalPod(spec, 'baseline'), 'capabilities_baseline');
    assert.equal(v.reason, 'non-default capabilities');
    assert.equal(v.detail, 'containers "a", "b" must not include "NET_ADMIN", "SYS_TIME" in securityContext.capabilities.add');
    assert.deepEqual(v.fields, [
      'spec.containers[0].securityContext.capabilities.add[0]',
      'spec.containers[1].securityContext.capabilities.add[0]',
      'spec.containers[1].securityContext.capabilities.add[1]',
    ]);
    // Restricted before v1.22 had no capabilities check of its own: the baseline one applies.
    const r21 = evalPod(spec, 'restricted', 'v1.21');
    assert.equal(violation(r21, 'capabilities_baseline').detail, v.detail);
    assert.ok(!ids(r21).includes('capabilities_restricted'));
    const r22 = evalPod(spec, 'restricted', 'v1.22');
    assert.ok(!ids(r22).includes('capabilities_baseline'));
    assert.equal(
      violation(r22, 'capabilities_restricted').detail,
      'containers "a", "b", "c" must set securityContext.capabilities.drop=["ALL"]; containers "a", "b", "c" must not include "CHOWN", "KILL", "NET_ADMIN", "SYS_TIME" in securityContext.capabilities.add',
    );
  });

  test('appArmorProfile: Pod, containers and the beta annotations', () => {
    const spec = {
      securityContext: { appArmorProfile: { type: 'Unconfined' } },
      containers: [
        { name: 'a', securityContext: { appArmorProfile: { type: 'Localhost', localhostProfile: 'k8s-apparmor' } } },
        { name: 'b', securityContext: { appArmorProfile: { type: 'Unconfined' } } },
      ],
    };
    const metadata = {
      annotations: {
        'container.apparmor.security.beta.kubernetes.io/b': 'unconfined',
        'container.apparmor.security.beta.kubernetes.io/a': 'localhost/k8s-apparmor',
        'container.apparmor.security.beta.kubernetes.io/c': '',
        team: 'web',
      },
    };
    const v = violation(evalPod(spec, 'baseline', 'latest', metadata), 'appArmorProfile');
    assert.equal(v.reason, 'forbidden AppArmor profiles');
    assert.equal(
      v.detail,
      'pod and container "b" and annotation must not set AppArmor profile type to "Unconfined", "container.apparmor.security.beta.kubernetes.io/b="unconfined""',
    );
    assert.deepEqual(v.fields, [
      'spec.securityContext.appArmorProfile.type',
      'spec.containers[1].securityContext.appArmorProfile.type',
      'metadata.annotations[container.apparmor.security.beta.kubernetes.io/b]',
    ]);
    const podOnly = violation(evalPod({ securityContext: { appArmorProfile: { type: 'Unconfined' } }, containers: [{ name: 'a' }] }, 'baseline'), 'appArmorProfile');
    assert.equal(podOnly.reason, 'forbidden AppArmor profile');
    assert.equal(podOnly.detail, 'pod must not set AppArmor profile type to "Unconfined"');
  });

  test('appArmorProfile: annotation values are quoted as Go quotes them', () => {
    const metadata = { annotations: { 'container.apparmor.security.beta.kubernetes.io/x': 'un"con\nfined\u0001' } };
    const v = violation(evalPod({ containers: [{ name: 'x' }] }, 'baseline', 'latest', metadata), 'appArmorProfile');
    assert.equal(v.detail, 'annotation must not set AppArmor profile type to "container.apparmor.security.beta.kubernetes.io/x="un\\"con\\nfined\\x01""');
  });

  test('seLinuxOptions: type, user and role; container_engine_t allowed from v1.31', () => {
    const spec = {
      securityContext: { seLinuxOptions: { type: 'spc_t', level: 's0:c123,c456' } },
      containers: [
        { name: 'a', securityContext: { seLinuxOptions: { user: 'system_u', role: 'system_r' } } },
        { name: 'b', securityContext: { seLinuxOptions: { type: 'container_engine_t' } } },
        { name: 'c', securityContext: { seLinuxOptions: { type: 'container_t' } } },
      ],
    };
    const v30 = violation(evalPod(spec, 'baseline', 'v1.30'), 'seLinuxOptions');
    assert.equal(v30.reason, 'seLinuxOptions');
    assert.equal(
      v30.detail,
      'pod and containers "a", "b" set forbidden securityContext.seLinuxOptions: types "container_engine_t", "spc_t"; user may not be set; role may not be set',
    );
    assert.deepEqual(v30.fields, [
      'spec.securityContext.seLinuxOptions.type',
      'spec.containers[0].securityContext.seLinuxOptions.user',
      'spec.containers[0].securityContext.seLinuxOptions.role',
      'spec.containers[1].securityContext.seLinuxOptions.type',
    ]);
    const v31 = violation(evalPod(spec, 'baseline', 'v1.31'), 'seLinuxOptions');
    assert.equal(v31.detail, 'pod and container "a" set forbidden securityContext.seLinuxOptions: type "spc_t"; user may not be set; role may not be set');
    assert.ok(evalPod({ containers: [{ name: 'c', securityContext: { seLinuxOptions: { type: 'container_init_t', level: 's0' } } }] }, 'baseline').allowed);
  });

  test('procMount: baseline relaxes for user-namespaced Pods from v1.35; restricted keeps the check', () => {
    const spec = (hostUsers?: boolean) => ({
      ...(hostUsers === undefined ? {} : { hostUsers }),
      containers: [
        { name: 'a', securityContext: { procMount: 'Unmasked' } },
        { name: 'b', securityContext: { procMount: 'Default' } },
      ],
    });
    const base = violation(evalPod(spec(), 'baseline'), 'procMount');
    assert.equal(base.reason, 'procMount');
    assert.equal(base.detail, 'container "a" must not set securityContext.procMount to "Unmasked"');
    assert.deepEqual(base.fields, ['spec.containers[0].securityContext.procMount']);
    assert.ok(ids(evalPod(spec(false), 'baseline', 'v1.34')).includes('procMount'));
    assert.ok(evalPod(spec(false), 'baseline', 'v1.35').allowed);
    assert.ok(ids(evalPod(spec(true), 'baseline', 'v1.35')).includes('procMount'));
    const restricted = evalPod({ ...spec(false), securityContext: RESTRICTED_POD_SC, containers: spec(false).containers.map((c) => good(c.name, c.securityContext)) }, 'restricted');
    assert.deepEqual(ids(restricted), ['procMount_restricted']);
    assert.equal(restricted.violations[0].detail, base.detail);
    assert.deepEqual(ids(evalPod({ ...spec(false), securityContext: RESTRICTED_POD_SC, containers: spec(false).containers.map((c) => good(c.name, c.securityContext)) }, 'restricted', 'v1.34')), ['procMount']);
  });

  test('seccompProfile_baseline: the alpha annotations before v1.19 (empty values forbidden), the fields from v1.19', () => {
    const metadata = {
      annotations: {
        'seccomp.security.alpha.kubernetes.io/pod': 'unconfined',
        'container.seccomp.security.alpha.kubernetes.io/app': '',
        'container.seccomp.security.alpha.kubernetes.io/ghost': 'unconfined',
        'container.seccomp.security.alpha.kubernetes.io/tool': 'docker/default',
      },
    };
    const spec = {
      securityContext: { seccompProfile: { type: 'Unconfined' } },
      containers: [
        { name: 'app', securityContext: { seccompProfile: { type: 'Unconfined' } } },
        { name: 'tool', securityContext: { seccompProfile: { type: 'Localhost', localhostProfile: 'p.json' } } },
      ],
    };
    const v18 = violation(evalPod(spec, 'baseline', 'v1.18', metadata), 'seccompProfile_baseline');
    assert.equal(v18.reason, 'seccompProfile');
    assert.equal(v18.detail, 'forbidden annotations container.seccomp.security.alpha.kubernetes.io/app="", seccomp.security.alpha.kubernetes.io/pod="unconfined"');
    assert.deepEqual(v18.fields, ['metadata.annotations[seccomp.security.alpha.kubernetes.io/pod]', 'metadata.annotations[container.seccomp.security.alpha.kubernetes.io/app]']);
    const v19 = violation(evalPod(spec, 'baseline', 'v1.19', metadata), 'seccompProfile_baseline');
    assert.equal(v19.detail, 'pod and container "app" must not set securityContext.seccompProfile.type to "Unconfined"');
    assert.deepEqual(v19.fields, ['spec.securityContext.seccompProfile.type', 'spec.containers[0].securityContext.seccompProfile.type']);
    // Restricted had no seccomp check of its own before v1.19.
    assert.ok(ids(evalPod(spec, 'restricted', 'v1.18', metadata)).includes('seccompProfile_baseline'));
    assert.ok(!ids(evalPod(spec, 'restricted', 'v1.19', metadata)).includes('seccompProfile_baseline'));
    const oneAnnotation = violation(evalPod({ containers: [{ name: 'c' }] }, 'baseline', 'v1.10', { annotations: { 'seccomp.security.alpha.kubernetes.io/pod': 'unconfined' } }), 'seccompProfile_baseline');
    assert.equal(oneAnnotation.detail, 'forbidden annotation seccomp.security.alpha.kubernetes.io/pod="unconfined"');
  });

  test('sysctls: the allowed set grows at v1.27, v1.29 and v1.32', () => {
    const spec = {
      securityContext: {
        sysctls: [
          { name: 'net.ipv4.ip_local_reserved_ports', value: '30000-30100' },
          { name: 'net.ipv4.tcp_keepalive_time', value: '600' },
          { name: 'net.ipv4.tcp_rmem', value: '4096 87380 16777216' },
          { name: 'kernel.msgmax', value: '65536' },
          { name: 'net.ipv4.tcp_syncookies', value: '1' },
        ],
      },
      containers: [{ name: 'c' }],
    };
    const detail = (v: string) => violation(evalPod(spec, 'baseline', v), 'sysctls').detail;
    assert.equal(violation(evalPod(spec, 'baseline', 'v1.26'), 'sysctls').reason, 'forbidden sysctls');
    assert.equal(detail('v1.26'), 'net.ipv4.ip_local_reserved_ports, net.ipv4.tcp_keepalive_time, net.ipv4.tcp_rmem, kernel.msgmax');
    assert.equal(detail('v1.27'), 'net.ipv4.tcp_keepalive_time, net.ipv4.tcp_rmem, kernel.msgmax');
    assert.equal(detail('v1.28'), 'net.ipv4.tcp_keepalive_time, net.ipv4.tcp_rmem, kernel.msgmax');
    assert.equal(detail('v1.29'), 'net.ipv4.tcp_rmem, kernel.msgmax');
    assert.equal(detail('v1.31'), 'net.ipv4.tcp_rmem, kernel.msgmax');
    assert.equal(detail('v1.32'), 'kernel.msgmax');
    assert.deepEqual(violation(evalPod(spec, 'baseline', 'latest'), 'sysctls').fields, ['spec.securityContext.sysctls[3].name']);
  });

  test('windowsHostProcess: the Pod and containers that set hostProcess=true', () => {
    const spec = {
      securityContext: { windowsOptions: { hostProcess: true } },
      containers: [
        { name: 'a', securityContext: { windowsOptions: { hostProcess: true } } },
        { name: 'b', securityContext: { windowsOptions: { hostProcess: false } } },
      ],
    };
    const v = violation(evalPod(spec, 'baseline'), 'windowsHostProcess');
    assert.equal(v.reason, 'hostProcess');
    assert.equal(v.detail, 'pod and container "a" must not set securityContext.windowsOptions.hostProcess=true');
    assert.deepEqual(v.fields, ['spec.securityContext.windowsOptions.hostProcess', 'spec.containers[0].securityContext.windowsOptions.hostProcess']);
  });

  test('a Pod meeting baseline passes it and fails restricted', () => {
    const spec = { containers: [{ name: 'c', image: 'nginx', ports: [{ containerPort: 80 }], securityContext: { capabilities: { add: ['NET_BIND_SERVICE'] } } }] };
    assert.ok(evalPod(spec, 'baseline').allowed);
    assert.ok(!evalPod(spec, 'restricted').allowed);
  });
});

describe('restricted checks', () => {
  test('allowPrivilegeEscalation: from v1.8; Windows Pods exempt from v1.25', () => {
    const spec = { securityContext: RESTRICTED_POD_SC, containers: [{ name: 'a' }, { name: 'b', securityContext: { allowPrivilegeEscalation: true } }, good('c')] };
    const v = violation(evalPod(spec, 'restricted'), 'allowPrivilegeEscalation');
    assert.equal(v.reason, 'allowPrivilegeEscalation != false');
    assert.equal(v.detail, 'containers "a", "b" must set securityContext.allowPrivilegeEscalation=false');
    assert.deepEqual(v.fields, ['spec.containers[0].securityContext.allowPrivilegeEscalation', 'spec.containers[1].securityContext.allowPrivilegeEscalation']);
    assert.ok(!ids(evalPod(spec, 'restricted', 'v1.7')).includes('allowPrivilegeEscalation'));
    assert.ok(ids(evalPod(spec, 'restricted', 'v1.8')).includes('allowPrivilegeEscalation'));
    const windows = { ...spec, os: { name: 'windows' } };
    assert.ok(ids(evalPod(windows, 'restricted', 'v1.24')).includes('allowPrivilegeEscalation'));
    assert.ok(!ids(evalPod(windows, 'restricted', 'v1.25')).includes('allowPrivilegeEscalation'));
  });

  test('capabilities_restricted: drop ALL (exactly), add only NET_BIND_SERVICE; Windows exempt from v1.25', () => {
    const spec = {
      securityContext: RESTRICTED_POD_SC,
      containers: [
        good('a', { capabilities: { drop: ['all'] } }),
        good('b', { capabilities: { drop: ['ALL'], add: ['NET_BIND_SERVICE'] } }),
        good('c', { capabilities: { drop: ['ALL'], add: ['NET_RAW'] } }),
        { name: 'd', securityContext: { allowPrivilegeEscalation: false } },
      ],
    };
    const v = violation(evalPod(spec, 'restricted'), 'capabilities_restricted');
    assert.equal(v.reason, 'unrestricted capabilities');
    assert.equal(
      v.detail,
      'containers "a", "d" must set securityContext.capabilities.drop=["ALL"]; container "c" must not include "NET_RAW" in securityContext.capabilities.add',
    );
    assert.deepEqual(v.fields, [
      'spec.containers[0].securityContext.capabilities.drop',
      'spec.containers[3].securityContext.capabilities.drop',
      'spec.containers[2].securityContext.capabilities.add[0]',
    ]);
    const windows = { ...spec, os: { name: 'windows' } };
    assert.ok(ids(evalPod(windows, 'restricted', 'v1.24')).includes('capabilities_restricted'));
    assert.ok(!ids(evalPod(windows, 'restricted', 'v1.25')).includes('capabilities_restricted'));
  });

  test('restrictedVolumes: only the allowed inline sources; the first restricted source names the type', () => {
    const spec = {
      securityContext: RESTRICTED_POD_SC,
      containers: [good('c')],
      volumes: [
        { name: 'a', nfs: { server: 'nfs.example', path: '/' } },
        { name: 'b', configMap: { name: 'cfg' } },
        { name: 'c', gcePersistentDisk: { pdName: 'disk' } },
        { name: 'd', csi: { driver: 'csi.example' } },
        { name: 'e', image: { reference: 'registry.example/data:1' } },
        { name: 'f', nfs: { server: 'nfs.example', path: '/x' } },
        { name: 'g' },
        { name: 'h', persistentVolumeClaim: { claimName: 'data' } },
        { name: 'i', ephemeral: { volumeClaimTemplate: { spec: {} } } },
        { name: 'j', projected: { sources: [] } },
        { name: 'k', downwardAPI: {} },
        { name: 'l', secret: { secretName: 's' } },
        { name: 'm', emptyDir: {} },
      ],
    };
    const v = violation(evalPod(spec, 'restricted'), 'restrictedVolumes');
    assert.equal(v.reason, 'restricted volume types');
    // A volume with no source is defaulted to emptyDir before admission; read raw it is "unknown".
    assert.equal(v.detail, 'volumes "a", "c", "f", "g" use restricted volume types "gcePersistentDisk", "nfs", "unknown"');
    assert.deepEqual(v.fields, ['spec.volumes[0].nfs', 'spec.volumes[2].gcePersistentDisk', 'spec.volumes[5].nfs', 'spec.volumes[6]']);
    const one = violation(evalPod({ ...spec, volumes: [{ name: 'x', rbd: { image: 'i', monitors: ['m'] } }] }, 'restricted'), 'restrictedVolumes');
    assert.equal(one.detail, 'volume "x" uses restricted volume type "rbd"');
    assert.ok(evalPod({ ...spec, volumes: spec.volumes.slice(7) }, 'restricted').allowed);
  });

  test('runAsNonRoot: implicit, explicit, Pod-level; user namespaces relax it from v1.35', () => {
    const base = { securityContext: { seccompProfile: { type: 'RuntimeDefault' } } };
    const implicit = violation(evalPod({ ...base, containers: [good('a'), good('b')] }, 'restricted'), 'runAsNonRoot');
    assert.equal(implicit.reason, 'runAsNonRoot != true');
    assert.equal(implicit.detail, 'pod or containers "a", "b" must set securityContext.runAsNonRoot=true');
    assert.deepEqual(implicit.fields, ['spec.containers[0].securityContext.runAsNonRoot', 'spec.containers[1].securityContext.runAsNonRoot']);
    const partly = violation(evalPod({ ...base, containers: [good('a', { runAsNonRoot: true }), good('b')] }, 'restricted'), 'runAsNonRoot');
    assert.equal(partly.detail, 'pod or container "b" must set securityContext.runAsNonRoot=true');
    const explicit = violation(
      evalPod({ securityContext: { ...base.securityContext, runAsNonRoot: true }, containers: [good('a'), good('b', { runAsNonRoot: false })] }, 'restricted'),
      'runAsNonRoot',
    );
    assert.equal(explicit.detail, 'container "b" must not set securityContext.runAsNonRoot=false');
    assert.deepEqual(explicit.fields, ['spec.containers[1].securityContext.runAsNonRoot']);
    const podFalse = violation(
      evalPod({ securityContext: { ...base.securityContext, runAsNonRoot: false }, containers: [good('a', { runAsNonRoot: false }), good('b')] }, 'restricted'),
      'runAsNonRoot',
    );
    assert.equal(podFalse.detail, 'pod and container "a" must not set securityContext.runAsNonRoot=false');
    assert.deepEqual(podFalse.fields, ['spec.securityContext.runAsNonRoot', 'spec.containers[0].securityContext.runAsNonRoot']);
    assert.ok(evalPod({ securityContext: RESTRICTED_POD_SC, containers: [good('a'), good('b')] }, 'restricted').allowed);
    const userns = { ...base, hostUsers: false, containers: [good('a')] };
    assert.ok(ids(evalPod(userns, 'restricted', 'v1.34')).includes('runAsNonRoot'));
    assert.ok(evalPod(userns, 'restricted', 'v1.35').allowed);
  });

  test('runAsUser: from v1.23; user namespaces relax it from v1.35', () => {
    const spec = {
      securityContext: { ...RESTRICTED_POD_SC, runAsUser: 0 },
      containers: [good('c', { runAsUser: 0 }), good('d', { runAsUser: 1000 })],
    };
    const v = violation(evalPod(spec, 'restricted'), 'runAsUser');
    assert.equal(v.reason, 'runAsUser=0');
    assert.equal(v.detail, 'pod and container "c" must not set runAsUser=0');
    assert.deepEqual(v.fields, ['spec.securityContext.runAsUser', 'spec.containers[0].securityContext.runAsUser']);
    assert.ok(!ids(evalPod(spec, 'restricted', 'v1.22')).includes('runAsUser'));
    assert.ok(ids(evalPod(spec, 'restricted', 'v1.23')).includes('runAsUser'));
    assert.ok(ids(evalPod({ ...spec, hostUsers: false }, 'restricted', 'v1.34')).includes('runAsUser'));
    assert.ok(!ids(evalPod({ ...spec, hostUsers: false }, 'restricted', 'v1.35')).includes('runAsUser'));
  });

  test('seccompProfile_restricted: required on the Pod or every container; bad explicit types first; Windows exempt from v1.25', () => {
    const sc = { runAsNonRoot: true };
    const none = violation(evalPod({ securityContext: sc, containers: [good('a'), good('b', { seccompProfile: { type: 'Localhost', localhostProfile: 'p.json' } }), good('c')] }, 'restricted'), 'seccompProfile_restricted');
    assert.equal(none.reason, 'seccompProfile');
    assert.equal(none.detail, 'pod or containers "a", "c" must set securityContext.seccompProfile.type to "RuntimeDefault" or "Localhost"');
    assert.deepEqual(none.fields, ['spec.containers[0].securityContext.seccompProfile.type', 'spec.containers[2].securityContext.seccompProfile.type']);
    const explicit = violation(
      evalPod({ securityContext: { ...sc, seccompProfile: { type: 'RuntimeDefault' } }, containers: [good('a'), good('b', { seccompProfile: { type: 'Unconfined' } })] }, 'restricted'),
      'seccompProfile_restricted',
    );
    assert.equal(explicit.detail, 'container "b" must not set securityContext.seccompProfile.type to "Unconfined"');
    const badPod = violation(evalPod({ securityContext: { ...sc, seccompProfile: { type: 'Unconfined' } }, containers: [good('a')] }, 'restricted'), 'seccompProfile_restricted');
    assert.equal(badPod.detail, 'pod must not set securityContext.seccompProfile.type to "Unconfined"');
    assert.ok(evalPod({ securityContext: { ...sc, seccompProfile: { type: 'RuntimeDefault' } }, containers: [good('a')] }, 'restricted').allowed);
    const windows = { os: { name: 'windows' }, securityContext: sc, containers: [good('a')] };
    assert.ok(ids(evalPod(windows, 'restricted', 'v1.24')).includes('seccompProfile_restricted'));
    assert.ok(!ids(evalPod(windows, 'restricted', 'v1.25')).includes('seccompProfile_restricted'));
  });

  test('ephemeral containers are checked after containers', () => {
    const v = violation(
      evalPod({ containers: [{ name: 'app', securityContext: { privileged: true } }], ephemeralContainers: [{ name: 'debugger', securityContext: { privileged: true } }] }, 'baseline'),
      'privileged',
    );
    assert.equal(v.detail, 'containers "app", "debugger" must not set securityContext.privileged=true');
    assert.deepEqual(v.fields, ['spec.containers[0].securityContext.privileged', 'spec.ephemeralContainers[0].securityContext.privileged']);
  });
});

describe('which checks run, and in which order', () => {
  const names = (level: Level, v: string) => checksFor(level, ver(v)).map((c) => c.id);

  test('baseline ids sorted, then restricted ids sorted; overridden baseline checks dropped at restricted', () => {
    assert.deepEqual(names('baseline', 'latest'), [
      'appArmorProfile',
      'capabilities_baseline',
      'hostNamespaces',
      'hostPathVolumes',
      'hostPorts',
      'hostProbesAndHostLifecycle',
      'privileged',
      'procMount',
      'seLinuxOptions',
      'seccompProfile_baseline',
      'sysctls',
      'windowsHostProcess',
    ]);
    assert.deepEqual(names('restricted', 'latest'), [
      'appArmorProfile',
      'hostNamespaces',
      'hostPorts',
      'hostProbesAndHostLifecycle',
      'privileged',
      'seLinuxOptions',
      'sysctls',
      'windowsHostProcess',
      'allowPrivilegeEscalation',
      'capabilities_restricted',
      'procMount_restricted',
      'restrictedVolumes',
      'runAsNonRoot',
      'runAsUser',
      'seccompProfile_restricted',
    ]);
    assert.deepEqual(names('privileged', 'latest'), []);
  });

  test('early versions: restricted v1.0 and v1.22', () => {
    assert.deepEqual(names('restricted', 'v1.0'), [
      'appArmorProfile',
      'capabilities_baseline',
      'hostNamespaces',
      'hostPorts',
      'privileged',
      'procMount',
      'seLinuxOptions',
      'seccompProfile_baseline',
      'sysctls',
      'windowsHostProcess',
      'restrictedVolumes',
      'runAsNonRoot',
    ]);
    assert.deepEqual(names('restricted', 'v1.22'), [
      'appArmorProfile',
      'hostNamespaces',
      'hostPorts',
      'privileged',
      'procMount',
      'seLinuxOptions',
      'sysctls',
      'windowsHostProcess',
      'allowPrivilegeEscalation',
      'capabilities_restricted',
      'restrictedVolumes',
      'runAsNonRoot',
      'seccompProfile_restricted',
    ]);
  });

  test('aggregation: reasons joined with ", ", details in parentheses, baseline failures first', () => {
    const r = evalPod({ hostNetwork: true, containers: [{ name: 'c', image: 'nginx', securityContext: { privileged: true } }] }, 'restricted');
    assert.equal(forbiddenReason(r.violations), 'host namespaces, privileged, allowPrivilegeEscalation != false, unrestricted capabilities, runAsNonRoot != true, seccompProfile');
    assert.equal(
      forbiddenDetail(r.violations),
      'host namespaces (hostNetwork=true), privileged (container "c" must not set securityContext.privileged=true), allowPrivilegeEscalation != false (container "c" must set securityContext.allowPrivilegeEscalation=false), unrestricted capabilities (container "c" must set securityContext.capabilities.drop=["ALL"]), runAsNonRoot != true (pod or container "c" must set securityContext.runAsNonRoot=true), seccompProfile (pod or container "c" must set securityContext.seccompProfile.type to "RuntimeDefault" or "Localhost")',
    );
  });
});

// ── Admission: findings for Pods, workloads and Namespaces ──

function namespace(name: string, labels: Record<string, string>) {
  return { name, value: plain({ apiVersion: 'v1', kind: 'Namespace', metadata: { name, labels } }), uri: `file:///ws/${name}.yaml` };
}

const barePod = plain({ apiVersion: 'v1', kind: 'Pod', metadata: { name: 'web', namespace: 'prod' }, spec: { containers: [{ name: 'c', image: 'nginx' }] } });

/**
 * PodSecurity's findings, with each related Namespace label checked to carry the declared
 * Namespace object (so the integration can place it in that file), then compared as data.
 */
function admit(kind: string, object: PlainObject, labels: Record<string, string>, config?: PodSecurityConfig, username?: string): CreateFinding[] {
  const ns = namespace('prod', labels);
  return podSecurityForObject({ kind, object, namespace: ns, config, username }).map((f) => ({
    ...f,
    ...(f.related && {
      related: f.related.map(({ object: o, ...r }) => {
        if (r.uri !== undefined) assert.equal(o, ns.value, 'a related field of the Namespace carries the Namespace object');
        return r;
      }),
    }),
  }));
}

const RESTRICTED_MESSAGE =
  'allowPrivilegeEscalation != false (container "c" must set securityContext.allowPrivilegeEscalation=false), unrestricted capabilities (container "c" must set securityContext.capabilities.drop=["ALL"]), runAsNonRoot != true (pod or container "c" must set securityContext.runAsNonRoot=true), seccompProfile (pod or container "c" must set securityContext.seccompProfile.type to "RuntimeDefault" or "Localhost")';

describe('admission of a Pod', () => {
  test('enforce: the Pod is forbidden with every failed check; the warning is not added', () => {
    const out = admit('Pod', barePod, { 'pod-security.kubernetes.io/enforce': 'restricted' });
    assert.equal(out.length, 1);
    const f = out[0];
    assert.equal(f.rule, 'pod-security-enforce');
    assert.equal(f.errorType, 'Forbidden');
    assert.equal(f.severity, undefined);
    assert.equal(f.message, `pods "web" is forbidden: violates PodSecurity "restricted:latest": ${RESTRICTED_MESSAGE}`);
    assert.equal(f.field, 'spec.containers[0].securityContext.allowPrivilegeEscalation');
    assert.deepEqual(f.related, [
      { field: 'spec.containers[0].securityContext.allowPrivilegeEscalation', message: 'allowPrivilegeEscalation != false (container "c" must set securityContext.allowPrivilegeEscalation=false)' },
      { field: 'spec.containers[0].securityContext.capabilities.drop', message: 'unrestricted capabilities (container "c" must set securityContext.capabilities.drop=["ALL"])' },
      { field: 'spec.containers[0].securityContext.runAsNonRoot', message: 'runAsNonRoot != true (pod or container "c" must set securityContext.runAsNonRoot=true)' },
      {
        field: 'spec.containers[0].securityContext.seccompProfile.type',
        message: 'seccompProfile (pod or container "c" must set securityContext.seccompProfile.type to "RuntimeDefault" or "Localhost")',
      },
      { field: 'metadata.labels[pod-security.kubernetes.io/enforce]', message: 'Namespace "prod" sets PodSecurity enforce to restricted:latest', uri: 'file:///ws/prod.yaml' },
    ]);
  });

  test('enforce with a pinned version names it; a passing Pod gets nothing', () => {
    const out = admit('Pod', barePod, { 'pod-security.kubernetes.io/enforce': 'restricted', 'pod-security.kubernetes.io/enforce-version': 'v1.21' });
    // v1.21: no capabilities_restricted yet, so the capability check is the baseline one (which passes).
    assert.equal(
      out[0].message,
      'pods "web" is forbidden: violates PodSecurity "restricted:v1.21": allowPrivilegeEscalation != false (container "c" must set securityContext.allowPrivilegeEscalation=false), runAsNonRoot != true (pod or container "c" must set securityContext.runAsNonRoot=true), seccompProfile (pod or container "c" must set securityContext.seccompProfile.type to "RuntimeDefault" or "Localhost")',
    );
    assert.deepEqual(admit('Pod', barePod, { 'pod-security.kubernetes.io/enforce': 'baseline' }), []);
  });

  test('warn: a Pod that passes enforce gets the "would violate" warning of the warn level', () => {
    const out = admit('Pod', barePod, { 'pod-security.kubernetes.io/enforce': 'baseline', 'pod-security.kubernetes.io/warn': 'restricted' });
    assert.deepEqual(
      out.map((f) => [f.rule, f.severity, f.errorType, f.message, f.field]),
      [['pod-security-warn', 'warning', undefined, `would violate PodSecurity "restricted:latest": ${RESTRICTED_MESSAGE}`, 'spec.containers[0].securityContext.allowPrivilegeEscalation']],
    );
    assert.deepEqual(out[0].related?.at(-1), {
      field: 'metadata.labels[pod-security.kubernetes.io/warn]',
      message: 'Namespace "prod" sets PodSecurity warn to restricted:latest',
      uri: 'file:///ws/prod.yaml',
    });
  });

  test('audit: reported and marked as audit; not repeated when enforce or warn already says the same', () => {
    const hostNet = plain({ metadata: { name: 'net' }, spec: { hostNetwork: true, containers: [{ name: 'c', image: 'nginx' }] } });
    const both = admit('Pod', hostNet, { 'pod-security.kubernetes.io/audit': 'restricted', 'pod-security.kubernetes.io/warn': 'baseline' });
    assert.deepEqual(
      both.map((f) => [f.rule, f.severity, f.message]),
      [
        ['pod-security-warn', 'warning', 'would violate PodSecurity "baseline:latest": host namespaces (hostNetwork=true)'],
        ['pod-security-audit', 'warning', `audit (pod-security.kubernetes.io/audit-violations): would violate PodSecurity "restricted:latest": host namespaces (hostNetwork=true), ${RESTRICTED_MESSAGE}`],
      ],
    );
    assert.deepEqual(
      admit('Pod', barePod, { 'pod-security.kubernetes.io/enforce': 'restricted', 'pod-security.kubernetes.io/audit': 'restricted' }).map((f) => f.rule),
      ['pod-security-enforce'],
    );
    assert.deepEqual(
      admit('Pod', barePod, { 'pod-security.kubernetes.io/warn': 'restricted', 'pod-security.kubernetes.io/audit': 'restricted' }).map((f) => f.rule),
      ['pod-security-warn'],
    );
    const pinned = admit('Pod', barePod, {
      'pod-security.kubernetes.io/warn': 'restricted',
      'pod-security.kubernetes.io/audit': 'restricted',
      'pod-security.kubernetes.io/audit-version': 'v1.21',
    });
    assert.deepEqual(pinned.map((f) => f.rule), ['pod-security-warn', 'pod-security-audit']);
    assert.match(pinned[1].message, /^audit \(pod-security\.kubernetes\.io\/audit-violations\): would violate PodSecurity "restricted:v1\.21": /);
  });

  test('a generated name is not known before creation', () => {
    const gen = plain({ metadata: { generateName: 'web-' }, spec: { hostPID: true, containers: [{ name: 'c' }] } });
    assert.equal(admit('Pod', gen, { 'pod-security.kubernetes.io/enforce': 'baseline' })[0].message, 'pods "web-<random>" is forbidden: violates PodSecurity "baseline:latest": host namespaces (hostPID=true)');
  });

  test('a namespace with an invalid enforce label: the Pod is evaluated at restricted, and the finding says why', () => {
    const out = admit('Pod', barePod, { 'pod-security.kubernetes.io/enforce': 'strict', 'pod-security.kubernetes.io/warn': 'loud' });
    assert.equal(out.length, 1);
    assert.equal(out[0].message, `pods "web" is forbidden: violates PodSecurity "restricted:latest": ${RESTRICTED_MESSAGE}`);
    assert.deepEqual(out[0].related?.at(-1), {
      field: 'metadata.labels[pod-security.kubernetes.io/enforce]',
      message: 'Invalid value: "strict": must be one of privileged, baseline, restricted; PodSecurity evaluates enforce as restricted:latest',
      uri: 'file:///ws/prod.yaml',
    });
  });

  test('a fully privileged namespace, or one not declared here, gives nothing', () => {
    assert.deepEqual(admit('Pod', barePod, { 'pod-security.kubernetes.io/enforce': 'privileged', team: 'a' }), []);
    assert.deepEqual(podSecurityForObject({ kind: 'Pod', object: barePod, namespace: undefined }), []);
    assert.deepEqual(podSecurityForObject({ kind: 'Service', object: barePod, namespace: namespace('prod', { 'pod-security.kubernetes.io/enforce': 'restricted' }) }), []);
  });
});

describe('admission of workloads', () => {
  const template = { metadata: { labels: { app: 'web' } }, spec: { hostNetwork: true, containers: [{ name: 'c', image: 'nginx' }] } };
  const objects: Record<string, { object: Json; prefix: string }> = {
    Deployment: { object: { spec: { selector: {}, template } }, prefix: 'spec.template.spec' },
    StatefulSet: { object: { spec: { selector: {}, serviceName: 's', template } }, prefix: 'spec.template.spec' },
    DaemonSet: { object: { spec: { selector: {}, template } }, prefix: 'spec.template.spec' },
    ReplicaSet: { object: { spec: { selector: {}, template } }, prefix: 'spec.template.spec' },
    ReplicationController: { object: { spec: { template } }, prefix: 'spec.template.spec' },
    Job: { object: { spec: { template } }, prefix: 'spec.template.spec' },
    CronJob: { object: { spec: { schedule: '* * * * *', jobTemplate: { spec: { template } } } }, prefix: 'spec.jobTemplate.spec.template.spec' },
    PodTemplate: { object: { template }, prefix: 'template.spec' },
  };

  for (const [kind, { object, prefix }] of Object.entries(objects)) {
    test(`${kind}: never rejected; its template gets the warning, with paths into the template`, () => {
      const o = plain({ metadata: { name: 'web' }, ...object });
      const out = admit(kind, o, { 'pod-security.kubernetes.io/enforce': 'baseline' });
      assert.deepEqual(
        out.map((f) => [f.rule, f.message, f.field]),
        [['pod-security-warn', 'would violate PodSecurity "baseline:latest": host namespaces (hostNetwork=true)', `${prefix}.hostNetwork`]],
      );
      // Warn followed enforce: the related note points at the enforce label.
      assert.deepEqual(out[0].related?.at(-1), {
        field: 'metadata.labels[pod-security.kubernetes.io/enforce]',
        message: 'Namespace "prod" has no pod-security.kubernetes.io/warn label: warn follows enforce (baseline:latest)',
        uri: 'file:///ws/prod.yaml',
      });
    });
  }

  test('template annotations are read at the template path', () => {
    const d = plain({
      metadata: { name: 'web' },
      spec: { template: { metadata: { annotations: { 'container.apparmor.security.beta.kubernetes.io/c': 'unconfined' } }, spec: { containers: [{ name: 'c' }] } } },
    });
    const out = admit('Deployment', d, { 'pod-security.kubernetes.io/warn': 'baseline' });
    assert.equal(out[0].field, 'spec.template.metadata.annotations[container.apparmor.security.beta.kubernetes.io/c]');
  });

  test('enforce alone with privileged warn and audit: workloads are skipped', () => {
    const d = plain({ metadata: { name: 'web' }, spec: { template } });
    assert.deepEqual(admit('Deployment', d, { 'pod-security.kubernetes.io/enforce': 'baseline', 'pod-security.kubernetes.io/warn': 'privileged' }), []);
  });

  test('a ReplicationController without a template has nothing to check', () => {
    assert.deepEqual(admit('ReplicationController', plain({ metadata: { name: 'rc' }, spec: { replicas: 0 } }), { 'pod-security.kubernetes.io/warn': 'restricted' }), []);
  });
});

describe('exemptions and configuration', () => {
  const { config, errors } = readPodSecurityConfig({
    defaults: { enforce: 'baseline' },
    exemptions: { namespaces: ['prod'], usernames: ['system:serviceaccount:ci:deployer'], runtimeClasses: ['kata'] },
  });

  test('without an AdmissionConfiguration: privileged:latest everywhere, no exemptions', () => {
    const r = readPodSecurityConfig(undefined);
    assert.deepEqual(r.errors, []);
    assert.equal(levelVersionString(r.config.defaults.enforce), 'privileged:latest');
    assert.deepEqual(r.config.exemptions, { usernames: [], namespaces: [], runtimeClasses: [] });
  });

  test('exempt namespace, user and RuntimeClass skip PodSecurity', () => {
    assert.deepEqual(errors, []);
    const hostPid = plain({ metadata: { name: 'p' }, spec: { hostPID: true, containers: [{ name: 'c' }] } });
    assert.deepEqual(podSecurityForObject({ kind: 'Pod', object: hostPid, namespace: namespace('prod', {}), config }), []);
    const other = namespace('apps', {});
    assert.equal(podSecurityForObject({ kind: 'Pod', object: hostPid, namespace: other, config })[0].message, 'pods "p" is forbidden: violates PodSecurity "baseline:latest": host namespaces (hostPID=true)');
    assert.deepEqual(podSecurityForObject({ kind: 'Pod', object: hostPid, namespace: other, config, username: 'system:serviceaccount:ci:deployer' }), []);
    assert.equal(podSecurityForObject({ kind: 'Pod', object: hostPid, namespace: other, config, username: 'alice' }).length, 1);
    const kata = plain({ metadata: { name: 'p' }, spec: { runtimeClassName: 'kata', hostPID: true, containers: [{ name: 'c' }] } });
    assert.deepEqual(podSecurityForObject({ kind: 'Pod', object: kata, namespace: other, config }), []);
  });

  test('built-in namespaces are unlabelled; undeclared ones are unknown', () => {
    const declared = { get: (kind: string, ns: string) => (kind === 'Namespace' && ns === '' ? [namespace('prod', { 'pod-security.kubernetes.io/enforce': 'restricted' })] : []) };
    assert.equal(findNamespace(declared, 'prod')?.uri, 'file:///ws/prod.yaml');
    assert.deepEqual(findNamespace(declared, 'kube-system'), { name: 'kube-system' });
    assert.equal(findNamespace(declared, 'elsewhere'), undefined);
    const hostPid = plain({ metadata: { name: 'p' }, spec: { hostPID: true, containers: [{ name: 'c' }] } });
    assert.deepEqual(podSecurityForObject({ kind: 'Pod', object: hostPid, namespace: findNamespace(declared, 'default') }), []);
    // Configured defaults apply to an unlabelled built-in namespace.
    assert.equal(podSecurityForObject({ kind: 'Pod', object: hostPid, namespace: findNamespace(declared, 'default'), config }).length, 1);
  });

  test('invalid configuration: upstream validation texts; bad entries dropped', () => {
    const r = readPodSecurityConfig({
      defaults: { enforce: 'baseline', 'enforce-version': 'v1.30', warn: 'bogus', 'audit-version': '1.2' },
      exemptions: { namespaces: ['kube-system', 'Bad.NS', 'kube-system'], usernames: [''], runtimeClasses: ['gvisor'] },
    });
    assert.deepEqual(r.errors, [
      { field: 'defaults.warn', message: 'Invalid value: "bogus": must be one of privileged, baseline, restricted' },
      { field: 'defaults.audit-version', message: 'Invalid value: "1.2": must be "latest" or "v1.x"' },
      {
        field: 'exemptions.namespaces[1]',
        message:
          "Invalid value: \"Bad.NS\": a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')",
      },
      { field: 'exemptions.namespaces[2]', message: 'Duplicate value: "kube-system"' },
      { field: 'exemptions.usernames[0]', message: 'Invalid value: "": username must not be empty' },
    ]);
    assert.equal(levelVersionString(r.config.defaults.enforce), 'baseline:v1.30');
    assert.equal(levelVersionString(r.config.defaults.warn), 'privileged:latest');
    assert.deepEqual(r.config.exemptions, { usernames: [], namespaces: ['kube-system'], runtimeClasses: ['gvisor'] });
  });
});

describe('admission of a Namespace', () => {
  test('invalid labels reject it, one field error per label', () => {
    const ns = plain({
      metadata: {
        name: 'prod',
        labels: {
          'pod-security.kubernetes.io/enforce': 'strict',
          'pod-security.kubernetes.io/enforce-version': '1.30',
          'pod-security.kubernetes.io/warn': 'restricted',
          'pod-security.kubernetes.io/warn-version': 'v1.031',
        },
      },
    });
    assert.deepEqual(podSecurityForNamespace(ns), [
      { rule: 'pod-security-labels', field: 'metadata.labels[pod-security.kubernetes.io/enforce]', errorType: 'Invalid', message: 'Invalid value: "strict": must be one of privileged, baseline, restricted' },
      { rule: 'pod-security-labels', field: 'metadata.labels[pod-security.kubernetes.io/enforce-version]', errorType: 'Invalid', message: 'Invalid value: "1.30": must be "latest" or "v1.x"' },
      { rule: 'pod-security-labels', field: 'metadata.labels[pod-security.kubernetes.io/warn-version]', errorType: 'Invalid', message: 'Invalid value: "v1.031": must be "latest" or "v1.x"' },
    ]);
    assert.deepEqual(podSecurityForNamespace(plain({ metadata: { name: 'ok', labels: { 'pod-security.kubernetes.io/enforce': 'restricted' } } })), []);
  });

  test('an exempt namespace that sets a policy is warned that it will be ignored', () => {
    const { config } = readPodSecurityConfig({ exemptions: { namespaces: ['kube-system'] } });
    const ns = (labels: Record<string, string>) => plain({ metadata: { name: 'kube-system', labels } });
    assert.deepEqual(
      podSecurityForNamespace(ns({ 'pod-security.kubernetes.io/warn': 'baseline', 'pod-security.kubernetes.io/enforce': 'restricted', 'pod-security.kubernetes.io/audit-version': 'v1.30' }), config),
      [
        {
          rule: 'pod-security-exempt-namespace',
          field: 'metadata.labels',
          message: 'namespace "kube-system" is exempt from Pod Security, and the policy (enforce=restricted:latest, warn=baseline:latest) will be ignored',
          severity: 'warning',
        },
      ],
    );
    assert.deepEqual(podSecurityForNamespace(ns({ 'pod-security.kubernetes.io/enforce': 'privileged' }), config), []);
    assert.deepEqual(podSecurityForNamespace(plain({ metadata: { name: 'apps', labels: { 'pod-security.kubernetes.io/enforce': 'restricted' } } }), config), []);
  });
});

describe('input read as the API server reads it', () => {
  test('a manifest parsed from YAML (1.1 booleans included) goes through the same path', () => {
    const text = [
      'apiVersion: apps/v1',
      'kind: Deployment',
      'metadata: {name: web, namespace: prod}',
      'spec:',
      '  template:',
      '    spec:',
      '      containers:',
      '      - name: app',
      '        image: nginx',
      '        securityContext:',
      '          privileged: yes',
      '',
    ].join('\n');
    const obj = parseManifestFile('file:///ws/web.yaml', 1, text).documents[0].doc.objects[0];
    const out = admit(obj.kind, toPlain(obj.node) as PlainObject, { 'pod-security.kubernetes.io/warn': 'baseline' });
    assert.equal(out[0].message, 'would violate PodSecurity "baseline:latest": privileged (container "app" must not set securityContext.privileged=true)');
    assert.equal(out[0].field, 'spec.template.spec.containers[0].securityContext.privileged');
  });

  test('values of the wrong type read as absent, never thrown on', () => {
    const spec = {
      hostNetwork: 'true',
      securityContext: 'x',
      volumes: [null, 3, { name: 7, hostPath: 'str' }],
      containers: [null, 'c', { name: ['x'], securityContext: { privileged: 1, capabilities: { add: [1, null] } }, ports: [{ hostPort: '80' }, { hostPort: 80.5 }] }],
      initContainers: { a: 1 },
    };
    const r = evalPod(spec, 'baseline');
    assert.ok(r.allowed, JSON.stringify(r.violations));
    const rr = evalPod(spec, 'restricted');
    // The container without a name still has to meet restricted; its name reads as empty.
    assert.equal(violation(rr, 'allowPrivilegeEscalation').detail, 'container "" must set securityContext.allowPrivilegeEscalation=false');
    assert.deepEqual(violation(rr, 'allowPrivilegeEscalation').fields, ['spec.containers[2].securityContext.allowPrivilegeEscalation']);
  });
});

describe('hostile input', () => {
  const KEYS = [
    'containers', 'initContainers', 'ephemeralContainers', 'securityContext', 'privileged', 'hostNetwork', 'hostPID', 'hostIPC', 'volumes',
    'hostPath', 'nfs', 'emptyDir', 'name', 'ports', 'hostPort', 'capabilities', 'add', 'drop', 'appArmorProfile', 'type', 'seLinuxOptions', 'user',
    'role', 'procMount', 'seccompProfile', 'sysctls', 'windowsOptions', 'hostProcess', 'allowPrivilegeEscalation', 'runAsNonRoot', 'runAsUser',
    'hostUsers', 'os', 'livenessProbe', 'httpGet', 'tcpSocket', 'host', 'lifecycle', 'preStop', 'annotations', 'runtimeClassName', '__proto__', 'constructor',
  ];
  const { tree } = fc.letrec<{ tree: unknown }>((tie) => ({
    tree: fc.oneof(
      { depthSize: 'small' },
      fc.constantFrom(true, false, 0, 1, 80, -1, 2.5, 'ALL', 'Unconfined', 'windows', '', 'x', 'container.apparmor.security.beta.kubernetes.io/x', null),
      fc.array(tie('tree'), { maxLength: 4 }),
      fc.dictionary(fc.constantFrom(...KEYS), tie('tree'), { maxKeys: 6 }),
    ),
  }));

  test('random trees never throw; every violation names fields inside the Pod it read', () => {
    fc.assert(
      fc.property(tree, tree, (spec, metadata) => {
        const pod = plain({ metadata, spec });
        for (const level of ['baseline', 'restricted'] as const) {
          for (const version of ['v1.0', 'v1.18', 'v1.24', 'v1.34', 'latest']) {
            const r = evaluatePodSecurity(pod, level, ver(version), { metadataPath: 'spec.template.metadata', specPath: 'spec.template.spec' });
            assert.equal(r.allowed, r.violations.length === 0);
            for (const v of r.violations) {
              assert.ok(v.reason.length > 0);
              assert.ok(v.fields.length > 0, v.id);
              for (const f of v.fields) assert.ok(f.startsWith('spec.template.spec') || f.startsWith('spec.template.metadata.annotations['), f);
            }
            assert.deepEqual(evaluatePodSecurity(pod, level, ver(version), { metadataPath: 'spec.template.metadata', specPath: 'spec.template.spec' }), r);
          }
        }
        const labels = { 'pod-security.kubernetes.io/enforce': 'restricted', 'pod-security.kubernetes.io/audit': 'baseline' };
        for (const f of admit('Pod', pod, labels)) assert.ok(f.field.startsWith('spec') || f.field.startsWith('metadata'));
        admit('CronJob', plain({ spec: { jobTemplate: { spec: { template: { metadata, spec } } } } }), labels);
      }),
      { numRuns: 300 },
    );
  });

  test('growth-rate guard: sixteen times the containers cost about sixteen times the time', () => {
    const pod = (n: number) => {
      const containers = Array.from({ length: n }, (_, i) => ({
        name: `c${i}`,
        ports: [{ containerPort: 1000 + i, hostPort: 1000 + i }],
        readinessProbe: { httpGet: { host: `h${i}`, port: 80 } },
        securityContext: { privileged: true, capabilities: { add: [`CAP_${i}`] }, seLinuxOptions: { type: `t${i}` }, procMount: 'Unmasked', seccompProfile: { type: 'Unconfined' } },
      }));
      const volumes = Array.from({ length: n }, (_, i) => ({ name: `v${i}`, nfs: { server: 's', path: `/${i}` } }));
      const annotations = Object.fromEntries(containers.map((c) => [`container.apparmor.security.beta.kubernetes.io/${c.name}`, 'unconfined']));
      return plain({ metadata: { name: 'big', annotations }, spec: { containers, volumes, securityContext: { sysctls: containers.map((c) => ({ name: `k.${c.name}` })) } } });
    };
    const time = (p: PlainObject, reps: number) => {
      const t0 = process.hrtime.bigint();
      for (let i = 0; i < reps; i++) {
        evaluatePodSecurity(p, 'baseline', LATEST);
        evaluatePodSecurity(p, 'restricted', LATEST);
      }
      return Number(process.hrtime.bigint() - t0) / reps;
    };
    const small = pod(200);
    const large = pod(3200);
    time(small, 16); // warm up
    // Interleaved, best of several, the same total work on each side; the whole comparison is
    // repeated when a busy machine spoils it (a quadratic fails every attempt).
    let ratio = Infinity;
    for (let attempt = 0; attempt < 3 && ratio >= 64; attempt++) {
      let bestSmall = Infinity;
      let bestLarge = Infinity;
      for (let run = 0; run < 7; run++) {
        bestSmall = Math.min(bestSmall, time(small, 32));
        bestLarge = Math.min(bestLarge, time(large, 2));
      }
      ratio = Math.min(ratio, bestLarge / bestSmall);
    }
    // Linear work gives about 16 (n log n a little more); quadratic work would give about 256.
    assert.ok(ratio < 64, `time ratio for 16× the input: ${ratio.toFixed(1)}`);
    const f = admit('Pod', large, { 'pod-security.kubernetes.io/enforce': 'restricted' });
    assert.equal(f[0].rule, 'pod-security-enforce');
    assert.ok(f[0].related!.length > 3200 * 8);
  });
});
