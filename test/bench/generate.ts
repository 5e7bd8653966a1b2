/**
 * Deterministic workloads for benchmarks: multi-document files of Pods and Nodes of about the
 * requested number of lines, generated from a seed.
 */

function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

export function podYaml(i: number, r: () => number): string {
  const app = `app-${i % 50}`;
  const port = 8000 + Math.floor(r() * 1000);
  return `apiVersion: v1
kind: Pod
metadata:
  name: ${app}-${i}
  namespace: team-${i % 7}
  labels:
    app.kubernetes.io/name: ${app}
    tier: ${i % 3 === 0 ? 'frontend' : 'backend'}
spec:
  nodeSelector:
    kubernetes.io/os: linux
  tolerations:
  - key: dedicated
    operator: Equal
    value: batch
    effect: NoSchedule
  containers:
  - name: app
    image: registry.example.com/${app}:1.${i % 10}.0
    ports:
    - name: http
      containerPort: ${port}
    env:
    - name: LOG_LEVEL
      value: info
    - name: POD_NAME
      valueFrom:
        fieldRef:
          fieldPath: metadata.name
    resources:
      requests:
        cpu: ${50 + Math.floor(r() * 500)}m
        memory: ${64 + Math.floor(r() * 512)}Mi
      limits:
        memory: 1Gi
    readinessProbe:
      httpGet:
        path: /healthz
        port: http
    volumeMounts:
    - name: data
      mountPath: /data
  - name: sidecar
    image: registry.example.com/proxy:2.1.0
    ports:
    - containerPort: ${port + 1000}
    volumeMounts:
    - name: data
      mountPath: /shared
      readOnly: true
  volumes:
  - name: data
    emptyDir: {}
`;
}

export function nodeYaml(i: number, r: () => number): string {
  return `apiVersion: v1
kind: Node
metadata:
  name: node-${i}
  labels:
    kubernetes.io/hostname: node-${i}
    kubernetes.io/os: linux
    topology.kubernetes.io/zone: zone-${i % 3}
spec:
  taints:
  - key: dedicated
    value: batch
    effect: NoSchedule
status:
  capacity:
    cpu: "${2 + Math.floor(r() * 30)}"
    memory: ${8 + Math.floor(r() * 120)}Gi
    pods: "110"
  allocatable:
    cpu: "${2 + Math.floor(r() * 30)}"
    memory: ${8 + Math.floor(r() * 120)}Gi
    pods: "110"
`;
}

/** A multi-document file of roughly `lines` lines: nine Pods for each Node. */
export function manifestOfLines(lines: number, seed = 1): string {
  const r = rng(seed);
  const docs: string[] = [];
  let count = 0;
  for (let i = 0; count < lines; i++) {
    const d = i % 10 === 9 ? nodeYaml(i, r) : podYaml(i, r);
    docs.push(d);
    count += d.split('\n').length;
  }
  return docs.join('---\n');
}
