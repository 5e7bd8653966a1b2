import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { WorkspaceIndex } from '../../../server/src/service';
import { example, md, parse, pod, pos, service, textOf } from './util';

const web = example('web-pod.yaml');
const webFile = parse(web);
const hover = (text: string, needle: string, delta = 0, nth = 0, ws?: WorkspaceIndex) => service.hover(parse(text), pos(text, needle, delta, nth), ws);

describe('sharing hover on examples/web-pod.yaml', () => {
  it('a containerPort says who reaches it at localhost, above the field documentation', () => {
    const h = service.hover(webFile, pos(web, 'containerPort: 8080', 16));
    const text = md(h);
    assert.match(text, /^\*\*port 8080\/TCP `http` of `nginx`\*\*/);
    assert.match(text, /`log-shipper` \(sidecar\) and `metrics` can reach this at localhost:8080\./);
    assert.match(text, /Used by name in readinessProbe\.httpGet\./);
    // The field documentation stays, below a rule.
    const [sharing, field] = text.split('\n\n---\n\n');
    assert.ok(sharing && field, text);
    assert.match(field, /\*\*containerPort\*\* `integer`/);
    assert.equal(textOf(web, h!.range!), '8080');
  });

  it('a volume says who writes and who reads it, and its lifetime', () => {
    const text = md(service.hover(webFile, pos(web, '- name: html\n    emptyDir', 9)));
    assert.match(text, /^\*\*emptyDir `html`\*\*: written by `fetch-content` \(init\) at `\/html`; read by `nginx` at `\/usr\/share\/nginx\/html` \(read-only\) — shared by 2 containers\./);
    assert.match(text, /`fetch-content` \(init\) runs first, so `nginx` starts with what it wrote\./);
    assert.match(text, /deleted with the Pod/);
  });

  it('a volumeMount names the volume, the other containers mounting it and how', () => {
    const text = md(service.hover(webFile, pos(web, 'mountPath: /var/log/nginx\n      readOnly', 14)));
    assert.match(text, /^\*\*`log-shipper` mounts `logs`\*\* at `\/var\/log\/nginx` \(read-only\)/);
    assert.match(text, /emptyDir — deleted with the Pod\./);
    assert.match(text, /Also written by `nginx` at `\/var\/log\/nginx`\./);
  });

  it('a container name tells its lifecycle and what it shares', () => {
    const sidecar = md(service.hover(webFile, pos(web, 'name: log-shipper', 8)));
    assert.match(sidecar, /^\*\*sidecar `log-shipper`\*\*/);
    assert.match(sidecar, /starts before `nginx` and `metrics`, keeps running alongside them/);
    const init = md(service.hover(webFile, pos(web, 'name: fetch-content', 8)));
    assert.match(init, /Runs to completion before the app containers start, one init container at a time \(step 1 of 1\)\./);
    const nginx = md(service.hover(webFile, pos(web, 'name: nginx', 8)));
    assert.match(nginx, /Starts after `fetch-content` has completed; sidecar `log-shipper` starts before it and runs alongside\./);
    assert.match(nginx, /Volumes: `html` at `\/usr\/share\/nginx\/html` \(ro, with `fetch-content`\), `logs` at `\/var\/log\/nginx` \(rw, with `log-shipper`\)\./);
  });

  it('a named probe port resolves to the containerPort', () => {
    const text = md(service.hover(webFile, pos(web, 'port: http', 7)));
    assert.match(text, /^\*\*readinessProbe\.httpGet\*\* → port 8080\/TCP `http` of `nginx`/);
  });
});

describe('sharing hover: collisions, host namespaces, odd names', () => {
  const clash = pod(`  containers:
  - name: app
    image: a
    ports:
    - containerPort: 9090
  - name: metrics
    image: m
    ports:
    - containerPort: 9090
  - name: sidecar
    image: s
`);

  it('says when two containers declare one port', () => {
    const text = md(hover(clash, 'containerPort: 9090', 16));
    assert.match(text, /`metrics` and `sidecar` can reach this at localhost:9090\./);
    assert.match(text, /⚠ `app` and `metrics` both declare 9090\/TCP — only one can bind it\./);
  });

  it('explains hostNetwork, hostPID, hostIPC and shareProcessNamespace', () => {
    const t = pod(`  hostNetwork: true
  hostPID: true
  hostIPC: true
  shareProcessNamespace: true
  containers:
  - name: agent
    image: a
    ports:
    - containerPort: 9100
`);
    assert.match(md(hover(t, 'hostNetwork')), /the Pod uses the Node's network namespace: `agent` see the Node's interfaces .* bind ports on the Node's IP \(9100\/TCP\)/);
    assert.match(md(hover(t, 'hostNetwork')), /dnsPolicy: ClusterFirstWithHostNet/);
    assert.match(md(hover(t, 'hostPID: true', 10)), /see every process on the Node/);
    assert.match(md(hover(t, 'hostIPC')), /Node's IPC namespace/);
    assert.match(md(hover(t, 'shareProcessNamespace')), /the pause container is PID 1/);
    assert.match(md(hover(t, 'containerPort')), /Bound on the \*\*Node's IP\*\*/);
    const hostPort = md(hover(pod('  containers:\n  - name: a\n    image: a\n    ports:\n    - containerPort: 80\n      hostPort: 8080\n'), 'hostPort'));
    assert.match(hostPort, /Published on the Node's IP at port 8080: one such Pod per Node/);
  });

  it('explains hostname and subdomain with the DNS name they give', () => {
    const t = pod('  hostname: db-0\n  subdomain: db\n  containers:\n  - name: a\n    image: a\n').replace('  name: demo\n', '  name: demo\n  namespace: prod\n');
    assert.match(md(hover(t, 'subdomain')), /headless Service named `db` in the same namespace, the Pod gets the DNS name `db-0\.db\.prod\.svc\.cluster\.local`/);
    assert.match(md(hover(t, 'hostname: db', 11)), /`hostname` in `a` returns `db-0`/);
  });

  it('warns on a mount of an undeclared volume and a probe naming an unknown port', () => {
    const t = pod(`  containers:
  - name: a
    image: a
    ports:
    - name: http
      containerPort: 80
    livenessProbe:
      httpGet:
        port: htp
    volumeMounts:
    - name: dta
      mountPath: /data
  volumes:
  - name: data
    emptyDir: {}
`);
    assert.match(md(hover(t, 'name: dta', 7)), /⚠ This Pod declares no volume named `dta` \(volumes: `data`\)/);
    assert.match(md(hover(t, 'port: htp', 7)), /⚠ `a` declares no port named `htp` \(its ports: `http`\)/);
    assert.match(md(hover(t, '- name: data', 9)), /⚠ No container mounts it\./);
  });

  it('explains configMap views, subPath and memory-backed emptyDir', () => {
    const t = pod(`  containers:
  - name: a
    image: a
    volumeMounts:
    - name: conf
      mountPath: /etc/a.yaml
      subPath: a.yaml
      readOnly: false
    - name: cache
      mountPath: /cache
  volumes:
  - name: conf
    configMap:
      name: a-config
  - name: cache
    emptyDir:
      medium: Memory
      sizeLimit: 64Mi
`);
    const conf = md(hover(t, '- name: conf\n    configMap', 9));
    assert.match(conf, /^\*\*configMap `conf`\*\* \(`a-config`\)/);
    assert.match(conf, /read-only view .* updated in place/);
    assert.match(conf, /`a` mounts it with subPath: no updates reach that mount\./);
    const mount = md(hover(t, 'mountPath: /etc/a.yaml', 3));
    assert.match(mount, /^\*\*`a` mounts `conf`\*\* at `\/etc\/a\.yaml` \(read-only\)/);
    assert.match(mount, /Only `a\.yaml` of the volume is mounted; with subPath the container never sees updates of the source\./);
    assert.match(mount, /configMap volumes are always mounted read-only\./);
    assert.match(md(hover(t, '- name: cache\n    emptyDir', 9)), /Backed by RAM \(tmpfs\): what is written counts against the memory limits .* up to 64Mi/);
  });

  it('escapes manifest strings in Markdown', () => {
    const t = pod('  containers:\n  - name: "a`b"\n    image: a\n    volumeMounts:\n    - name: v\n      mountPath: "/x`y"\n  volumes:\n  - name: v\n    emptyDir: {}\n');
    const text = md(hover(t, '- name: v\n    emptyDir', 9));
    assert.ok(text.includes('`` a`b ``'), text);
    assert.ok(text.includes('`` /x`y ``'), text);
  });

  it('workload templates get the same explanations', () => {
    const api = example('api-deployment.yaml');
    const text = md(hover(api, '- name: cache\n        emptyDir', 9));
    assert.match(text, /^\*\*emptyDir \(memory\) `cache`\*\*: written by `api` at `\/cache`\./);
    assert.match(md(hover(api, 'name: cache', 8)), /`api` mounts `cache`/);
  });

  it('with the workspace Nodes, nodeSelector and tolerations say which Nodes match', () => {
    const ws = new WorkspaceIndex();
    ws.update(parse(example('nodes.yaml'), 'file:///w/nodes.yaml'));
    const job = example('gpu-job.yaml');
    assert.match(md(hover(job, 'accelerator: nvidia', 2, 0, ws)), /^Nodes with `accelerator: nvidia-l4`: `gpu-1` \(1 of 3 Nodes declared in the workspace\)\./);
    assert.match(md(hover(job, 'key: nvidia', 2, 0, ws)), /^Tolerates `nvidia.com\/gpu=present:NoSchedule` of `gpu-1`\./);
    const other = job.replace('accelerator: nvidia-l4', 'accelerator: nvidia-a100');
    assert.match(md(hover(other, 'accelerator: nvidia', 2, 0, ws)), /⚠ None of the 3 Nodes declared in the workspace has `accelerator: nvidia-a100` \(values of `accelerator`: `nvidia-l4`\)/);
    // Without Nodes, only the field documentation.
    assert.doesNotMatch(md(hover(job, 'accelerator: nvidia', 2)), /Nodes with/);
  });

  it('leaves other positions to the field documentation alone', () => {
    const text = md(service.hover(webFile, pos(web, 'image: nginx', 2)));
    assert.match(text, /^\*\*image\*\* `string`/);
    assert.doesNotMatch(text, /---/);
  });
});
