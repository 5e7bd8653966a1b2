/**
 * Families of hostile manifests that grow with a size parameter, for the growth guard
 * (test/unit/growth.test.ts) and the near-cap budget of `npm run bench` (test/bench/hostile.ts).
 * Each family repeats one pattern until the text reaches the requested number of characters,
 * so the work per character of two sizes can be compared. Deterministic; nothing is written
 * to disk.
 */

export interface Family {
  name: string;
  /** A text of about `chars` characters (a little more: whole items only). */
  make(chars: number): string;
  /** Offsets worth hovering / asking references at (a few, spread over the text). */
  probes?: (text: string) => number[];
}

const POD = 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: hostile\n';

/** Repeats `item(i)` after `head` until the text reaches `chars`, then appends `tail`. */
function grow(chars: number, head: string, item: (i: number) => string, tail = ''): string {
  const parts = [head];
  let size = head.length + tail.length;
  for (let i = 0; size < chars; i++) {
    const s = item(i);
    parts.push(s);
    size += s.length;
  }
  parts.push(tail);
  return parts.join('');
}

/** Offsets of every `needle` (at most `max`, spread evenly over the matches). */
export function spread(text: string, needle: string, max = 8): number[] {
  const all: number[] = [];
  for (let i = text.indexOf(needle); i !== -1; i = text.indexOf(needle, i + 1)) all.push(i + needle.length);
  if (all.length <= max) return all;
  const out: number[] = [];
  for (let k = 0; k < max; k++) out.push(all[Math.floor((k * (all.length - 1)) / (max - 1))]);
  return out;
}

const one = '  containers:\n  - name: app\n    image: nginx:1.27\n';

/** A container list item with extra lines indented under it. */
const container = (name: string, extra = ''): string => `  - name: ${name}\n    image: nginx:1.27\n${extra}`;

export const FAMILIES: Family[] = [
  // ---- duplicate names in every list with a uniqueness rule -----------------------------------
  { name: 'duplicate containers', make: (c) => grow(c, `${POD}spec:\n  containers:\n`, () => container('c')), probes: (t) => spread(t, 'name: c') },
  { name: 'duplicate quoted containers', make: (c) => grow(c, `${POD}spec:\n  containers:\n`, () => container('"c"')) },
  { name: 'duplicate containers, taken rename targets', make: (c) => grow(c, `${POD}spec:\n  containers:\n`, (i) => container(i % 2 ? 'c' : `c-${i / 2 + 2}`)) },
  { name: 'duplicate init containers', make: (c) => grow(c, `${POD}spec:\n${one}  initContainers:\n`, () => container('i')) },
  { name: 'duplicate sidecars', make: (c) => grow(c, `${POD}spec:\n${one}  initContainers:\n`, () => container('s', '    restartPolicy: Always\n')) },
  { name: 'duplicate ephemeral containers', make: (c) => grow(c, `${POD}spec:\n${one}  ephemeralContainers:\n`, () => '  - name: e\n    image: busybox\n    targetContainerName: app\n') },
  {
    name: 'duplicate volumes',
    make: (c) => grow(c, `${POD}spec:\n  containers:\n  - name: app\n    image: nginx\n    volumeMounts:\n    - name: v\n      mountPath: /v\n  volumes:\n`, () => '  - name: v\n    emptyDir: {}\n'),
    probes: (t) => spread(t, '- name: v'),
  },
  { name: 'duplicate volume mounts', make: (c) => grow(c, `${POD}spec:\n  volumes:\n  - name: v\n    emptyDir: {}\n  containers:\n  - name: app\n    image: nginx\n    volumeMounts:\n`, () => '    - name: v\n      mountPath: /v\n'), probes: (t) => spread(t, 'name: v') },
  { name: 'undeclared volume mounts', make: (c) => grow(c, `${POD}spec:\n  containers:\n  - name: app\n    image: nginx\n    volumeMounts:\n`, (i) => `    - name: m${i}\n      mountPath: /m${i}\n`, '  volumes:\n  - name: x\n    emptyDir: {}\n') },
  { name: 'duplicate volume devices', make: (c) => grow(c, `${POD}spec:\n  volumes:\n  - name: v\n    persistentVolumeClaim:\n      claimName: c\n  containers:\n  - name: app\n    image: nginx\n    volumeDevices:\n`, () => '    - name: v\n      devicePath: /dev/v\n') },
  { name: 'duplicate port names', make: (c) => grow(c, `${POD}spec:\n  containers:\n  - name: app\n    image: nginx\n    ports:\n`, (i) => `    - name: http\n      containerPort: ${1 + (i % 60000)}\n`), probes: (t) => spread(t, 'name: http') },
  { name: 'duplicate host ports', make: (c) => grow(c, `${POD}spec:\n  containers:\n  - name: app\n    image: nginx\n    ports:\n`, () => '    - containerPort: 80\n      hostPort: 80\n') },
  { name: 'same port in many containers', make: (c) => grow(c, `${POD}spec:\n  containers:\n`, (i) => container(`c${i}`, '    ports:\n    - containerPort: 80\n      hostIP: 10.0.0.1\n')), probes: (t) => spread(t, 'containerPort: 8') },
  // The fixed containers stay well under the smallest size, so both sizes grow the init containers.
  { name: 'same port in init containers, probed by number', make: (c) => grow(c, `${POD}spec:\n  initContainers:\n`, (i) => container(`i${i}`, '    ports:\n    - containerPort: 80\n'), `  containers:\n${Array.from({ length: 40 }, (_, i) => container(`c${i}`, '    readinessProbe:\n      tcpSocket:\n        port: 80\n')).join('')}`) },
  { name: 'probes naming undeclared ports', make: (c) => grow(c, `${POD}spec:\n  containers:\n`, (i) => container(`c${i}`, '    ports:\n    - name: web\n      containerPort: 80\n    livenessProbe:\n      httpGet:\n        port: http\n    readinessProbe:\n      tcpSocket:\n        port: 9999\n')) },
  { name: 'duplicate env', make: (c) => grow(c, `${POD}spec:\n  containers:\n  - name: app\n    image: nginx\n    env:\n`, () => '    - name: A\n      value: b\n') },
  { name: 'duplicate envFrom', make: (c) => grow(c, `${POD}spec:\n  containers:\n  - name: app\n    image: nginx\n    envFrom:\n`, () => '    - configMapRef:\n        name: cm\n') },
  { name: 'duplicate tolerations', make: (c) => grow(c, `${POD}spec:\n${one}  tolerations:\n`, () => '  - key: k\n    operator: Equal\n    value: v\n    effect: NoSchedule\n') },
  { name: 'duplicate node taints', make: (c) => grow(c, 'apiVersion: v1\nkind: Node\nmetadata:\n  name: n\nspec:\n  taints:\n', () => '  - key: k\n    value: v\n    effect: NoSchedule\n') },
  { name: 'duplicate image pull secrets', make: (c) => grow(c, `${POD}spec:\n${one}  imagePullSecrets:\n`, () => '  - name: s\n') },
  { name: 'duplicate host aliases', make: (c) => grow(c, `${POD}spec:\n${one}  hostAliases:\n`, () => '  - ip: 10.0.0.1\n    hostnames:\n    - a.example\n') },
  { name: 'duplicate pod resource claims', make: (c) => grow(c, `${POD}spec:\n${one}  resourceClaims:\n`, () => '  - name: gpu\n    resourceClaimName: gpu\n') },
  { name: 'container claims of requests, then whole claims', make: (c) => grow(c, `${POD}spec:\n  resourceClaims:\n  - name: gpu\n    resourceClaimName: gpu\n  containers:\n  - name: app\n    image: nginx\n    resources:\n      claims:\n`, (i) => (i % 2 ? `      - name: g${i}\n` : `      - name: g${i + 1}\n        request: r${i}\n`)) },
  // Every NotFound names all the Pod's claims: both lists grow.
  { name: 'container claims not found', make: (c) => grow(c, `${POD}spec:\n  resourceClaims:\n${Array.from({ length: Math.ceil(c / 200) }, (_, i) => `  - name: pod-claim-${i}\n    resourceClaimName: x\n`).join('')}  containers:\n  - name: app\n    image: nginx\n    resources:\n      claims:\n`, (i) => `      - name: missing-${i}\n`) },
  { name: 'duplicate scheduling gates', make: (c) => grow(c, `${POD}spec:\n${one}  schedulingGates:\n`, () => '  - name: example.com/gate\n') },
  { name: 'duplicate topology spread', make: (c) => grow(c, `${POD}  labels:\n    app: a\nspec:\n${one}  topologySpreadConstraints:\n`, () => '  - maxSkew: 1\n    topologyKey: zone\n    whenUnsatisfiable: DoNotSchedule\n    labelSelector:\n      matchLabels:\n        app: a\n    matchLabelKeys:\n    - app\n') },
  { name: 'duplicate sysctls', make: (c) => grow(c, `${POD}spec:\n  hostNetwork: true\n${one}  securityContext:\n    sysctls:\n`, () => '    - name: net.core.somaxconn\n      value: "1024"\n') },
  { name: 'duplicate readiness gates', make: (c) => grow(c, `${POD}spec:\n${one}  readinessGates:\n`, () => '  - conditionType: example.com/ready\n') },
  { name: 'duplicate DNS options', make: (c) => grow(c, `${POD}spec:\n${one}  dnsPolicy: None\n  dnsConfig:\n    nameservers: [1.1.1.1]\n    options:\n`, () => '    - name: ndots\n      value: "2"\n') },
  { name: 'many DNS searches', make: (c) => grow(c, `${POD}spec:\n${one}  dnsConfig:\n    searches:\n`, () => '    - example.com\n') },
  { name: 'duplicate resize policies', make: (c) => grow(c, `${POD}spec:\n  containers:\n  - name: app\n    image: nginx\n    resizePolicy:\n`, () => '    - resourceName: cpu\n      restartPolicy: NotRequired\n') },
  { name: 'duplicate CAP_SYS_ADMIN', make: (c) => grow(c, `${POD}spec:\n  containers:\n  - name: app\n    image: nginx\n    securityContext:\n      allowPrivilegeEscalation: false\n      capabilities:\n        add:\n`, () => '        - CAP_SYS_ADMIN\n') },
  { name: 'many controller owner references', make: (c) => grow(c, 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: x\n  ownerReferences:\n', (i) => `  - apiVersion: apps/v1\n    kind: ReplicaSet\n    name: rs-${i}\n    uid: u${i}\n    controller: true\n`, `spec:\n${one}`) },
  { name: 'duplicate map keys', make: (c) => grow(c, `${POD}  labels:\n`, () => '    app: web\n', `spec:\n${one}`) },
  { name: 'duplicate projected paths', make: (c) => grow(c, `${POD}spec:\n${one}  volumes:\n  - name: p\n    projected:\n      sources:\n`, () => '      - configMap:\n          name: cm\n          items:\n          - key: k\n            path: same\n') },
  { name: 'quobyte registry of bad pairs', make: (c) => `${POD}spec:\n${one}  volumes:\n  - name: q\n    quobyte:\n      volume: v\n      registry: "${'h,'.repeat(Math.floor(c / 2))}h"\n` },
  { name: 'duplicate exit codes', make: (c) => grow(c, 'apiVersion: batch/v1\nkind: Job\nmetadata:\n  name: j\nspec:\n  podFailurePolicy:\n    rules:\n    - action: Ignore\n      onExitCodes:\n        operator: In\n        values:\n', () => '        - 3\n', '  template:\n    spec:\n      restartPolicy: Never\n      containers:\n      - name: app\n        image: nginx\n') },

  // ---- many unique names ------------------------------------------------------------------------
  { name: 'unique containers', make: (c) => grow(c, `${POD}spec:\n  containers:\n`, (i) => container(`c${i}`)), probes: (t) => spread(t, 'name: c') },
  {
    name: 'unique volumes and mounts',
    make: (c) => {
      const n = Math.max(1, Math.floor(c / 90));
      const mounts = Array.from({ length: n }, (_, i) => `    - name: v${i}\n      mountPath: /v${i}\n`).join('');
      const vols = Array.from({ length: n }, (_, i) => `  - name: v${i}\n    emptyDir: {}\n`).join('');
      return `${POD}spec:\n  containers:\n  - name: app\n    image: nginx\n    volumeMounts:\n${mounts}  - name: side\n    image: busybox\n    volumeMounts:\n${mounts}  volumes:\n${vols}`;
    },
    probes: (t) => spread(t, '- name: v'),
  },
  { name: 'containers each mounting every volume name once', make: (c) => grow(c, `${POD}spec:\n  volumes:\n  - name: shared\n    emptyDir: {}\n  containers:\n`, (i) => container(`c${i}`, '    volumeMounts:\n    - name: shared\n      mountPath: /s\n      readOnly: true\n')), probes: (t) => spread(t, 'name: shared') },
  { name: 'sidecars and init containers with pod-level resources', make: (c) => grow(c, `${POD}spec:\n  resources:\n    limits:\n      cpu: "1"\n      memory: 1Gi\n${one}  initContainers:\n`, (i) => (i % 2 ? container(`s${i}`, `    restartPolicy: Always\n    resources:\n      requests:\n        example.com/r${i}: "1"\n`) : container(`i${i}`, '    resources:\n      requests:\n        cpu: 100m\n'))) },
  { name: 'many resource names', make: (c) => grow(c, `${POD}spec:\n  containers:\n  - name: app\n    image: nginx\n    resources:\n      limits:\n`, (i) => `        example.com/r${i}: "2"\n`, `      requests:\n${Array.from({ length: Math.floor(c / 40) }, (_, i) => `        example.com/r${i}: "1"\n`).join('')}`) },
  { name: 'pod-level resources with many names', make: (c) => grow(c, `${POD}spec:\n${one}  resources:\n    requests:\n`, (i) => `      hugepages-${i + 1}Mi: 1Gi\n`, `    limits:\n${Array.from({ length: Math.floor(c / 40) }, (_, i) => `      hugepages-${i + 1}Mi: 1Gi\n`).join('')}`) },
  { name: 'statefulset claim templates and volumes', make: (c) => {
    const n = Math.max(1, Math.floor(c / 110));
    const claims = Array.from({ length: n }, (_, i) => `  - metadata:\n      name: c${i}\n`).join('');
    const vols = Array.from({ length: n }, (_, i) => `      - name: v${i}\n        emptyDir: {}\n`).join('');
    return `apiVersion: apps/v1\nkind: StatefulSet\nmetadata:\n  name: s\nspec:\n  selector:\n    matchLabels:\n      app: s\n  volumeClaimTemplates:\n${claims}  template:\n    metadata:\n      labels:\n        app: s\n    spec:\n      containers:\n      - name: app\n        image: nginx\n      volumes:\n${vols}`;
  } },
  { name: 'seccomp annotations and many containers', make: (c) => {
    const n = Math.max(1, Math.floor(c / 120));
    const ann = Array.from({ length: n }, (_, i) => `    note-${i}: x\n`).join('');
    const cs = Array.from({ length: n }, (_, i) => container(`c${i}`)).join('');
    return `apiVersion: v1\nkind: Pod\nmetadata:\n  name: x\n  annotations:\n${ann}spec:\n  containers:\n${cs}`;
  } },
  { name: 'spec with many unknown keys and many ports', make: (c) => {
    const n = Math.max(1, Math.floor(c / 70));
    const keys = Array.from({ length: n }, (_, i) => `  extra${i}: x\n`).join('');
    const ports = Array.from({ length: n }, (_, i) => `    - containerPort: ${1 + (i % 60000)}\n      hostIP: 10.0.0.1\n`).join('');
    return `${POD}spec:\n${keys}  containers:\n  - name: app\n    image: nginx\n    ports:\n${ports}`;
  } },

  // ---- structure ----------------------------------------------------------------------------------
  // Deeper than the fast reader goes (200): the anchor sends both sizes to the \`yaml\` package.
  { name: 'deep block maps', make: (c) => {
    const out = [`${POD}spec: &deep\n`];
    let size = out[0].length;
    let i = 0;
    for (; size < c; i++) {
      const s = `${' '.repeat(1 + i)}k${i}:\n`;
      out.push(s);
      size += s.length;
    }
    out.push(`${' '.repeat(1 + i)}v: 1\n`);
    return out.join('');
  } },
  { name: 'many deep branches', make: (c) => grow(c, `${POD}spec:\n`, (b) => Array.from({ length: 60 }, (_, i) => `${' '.repeat(2 + i)}${i ? 'k' : `b${b}`}${i}:\n`).join('') + `${' '.repeat(62)}v: 1\n`) },
  { name: 'deep block sequences', make: (c) => `${POD}spec:\n  containers:\n  ${'- '.repeat(Math.floor(c / 2))}x\n` },
  { name: 'deep flow sequences', make: (c) => `${POD}spec: ${'['.repeat(Math.floor(c / 2))}${']'.repeat(Math.floor(c / 2))}\n` },
  { name: 'many documents', make: (c) => grow(c, '', (i) => `apiVersion: v1\nkind: Pod\nmetadata:\n  name: p${i}\nspec:\n  containers:\n  - name: app\n    image: nginx:1.27\n    ports:\n    - containerPort: 80\n---\n`), probes: (t) => spread(t, 'containerPort: 8') },
  { name: 'many identical documents', make: (c) => grow(c, '', () => `apiVersion: v1\nkind: Pod\nmetadata:\n  name: same\nspec:\n${one}---\n`) },
  { name: 'many documents with syntax errors', make: (c) => grow(c, '', (i) => `apiVersion: v1\nkind: Pod\nmetadata:\n  name: p${i}\nspec:\n  containers: [\n---\n`) },
  { name: 'list with many items', make: (c) => grow(c, 'apiVersion: v1\nkind: List\nitems:\n', (i) => `- apiVersion: v1\n  kind: Pod\n  metadata:\n    name: p${i}\n  spec:\n    containers:\n    - name: app\n      image: nginx\n`) },
  { name: 'anchors and aliases', make: (c) => grow(c, `${POD}  labels: &l\n    app: web\nspec:\n  containers:\n`, (i) => `  - name: c${i}\n    image: nginx\n    env: &e${i}\n    - name: A\n      value: "1"\n`) },
  { name: 'template braces without end', make: (c) => `${POD}spec:\n${one}  # ${'{{ '.repeat(Math.floor(c / 3))}\n` },

  // ---- many labels and annotations --------------------------------------------------------------
  { name: 'many labels', make: (c) => grow(c, 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: x\n  labels:\n', (i) => `    example.com/key-${i}: value-${i}\n`, `spec:\n${one}`) },
  { name: 'many invalid annotations', make: (c) => grow(c, 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: x\n  annotations:\n', (i) => `    "bad key ${i}": v\n`, `spec:\n${one}`) },
  { name: 'many nodeSelector labels', make: (c) => grow(c, `${POD}spec:\n${one}  nodeSelector:\n`, (i) => `    beta.kubernetes.io/k${i}: v\n`) },
  { name: 'many Node labels', make: (c) => grow(c, 'apiVersion: v1\nkind: Node\nmetadata:\n  name: n\n  labels:\n', (i) => `    example.com/k${i}: v${i}\n`) },
  { name: 'deployment with many matchExpressions', make: (c) => grow(c, 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: d\nspec:\n  template:\n    metadata:\n      labels:\n        app: d\n    spec:\n      containers:\n      - name: app\n        image: nginx\n  selector:\n    matchExpressions:\n', (i) => `    - key: k${i}\n      operator: In\n      values: [a, b]\n`),
    // In the indentation of items spread over the list, at both sizes: where completion offers
    // the keys of a requirement (it reads the lines above up to the list's key, as many as the
    // items before it: linear in the list, never more than 5,000 lines).
    probes: (t) => spread(t, '\n    - key: k').map((o) => o - '    - key: k'.length + 1) },

  // ---- long strings -----------------------------------------------------------------------------
  { name: 'long container name', make: (c) => `${POD}spec:\n  containers:\n  - name: ${'n'.repeat(c)}\n    image: nginx\n  - name: ${'n'.repeat(c)}\n    image: nginx\n` },
  { name: 'long image with spaces', make: (c) => `${POD}spec:\n  containers:\n  - name: app\n    image: "${'a '.repeat(Math.floor(c / 2))}"\n` },
  { name: 'long label key', make: (c) => `${POD}  labels:\n    ${'a-'.repeat(Math.floor(c / 2))}!: v\nspec:\n${one}` },
  { name: 'long subdomain-like name', make: (c) => `apiVersion: v1\nkind: Pod\nmetadata:\n  name: ${'a1.'.repeat(Math.floor(c / 3))}-\nspec:\n${one}` },
  { name: 'long quantity of zeros', make: (c) => `${POD}spec:\n  containers:\n  - name: app\n    image: nginx\n    resources:\n      limits:\n        cpu: "1${'0'.repeat(c)}"\n` },
  { name: 'long quantity of digits', make: (c) => `${POD}spec:\n  containers:\n  - name: app\n    image: nginx\n    resources:\n      requests:\n        memory: "1.${'7'.repeat(c)}"\n` },
  { name: 'long cron schedule', make: (c) => `apiVersion: batch/v1\nkind: CronJob\nmetadata:\n  name: cj\nspec:\n  schedule: "${'1,'.repeat(Math.floor(c / 2))}1 * * * *"\n  jobTemplate:\n    spec:\n      template:\n        spec:\n          restartPolicy: Never\n          containers:\n          - name: app\n            image: nginx\n` },
  { name: 'long sysctl name', make: (c) => `${POD}spec:\n${one}  securityContext:\n    sysctls:\n    - name: ${'a-'.repeat(Math.floor(c / 2))}!\n      value: "1"\n` },
  { name: 'long plain line with spaces', make: (c) => `${POD}spec:\n${one}  hostname: a${' '.repeat(c)}b\n` },
  { name: 'long comment of dashes', make: (c) => `${POD}spec:\n${one}# ${'- '.repeat(Math.floor(c / 2))}x y\n` },

  // ---- did-you-mean -----------------------------------------------------------------------------
  { name: 'many misspelt keys in a container', make: (c) => grow(c, `${POD}spec:\n  containers:\n  - name: app\n    image: nginx\n`, (i) => `    imagePulPolicy${i % 10 ? `x${i}` : ''}: Always\n`) },
  { name: 'many misspelt keys in a spec', make: (c) => grow(c, `${POD}spec:\n${one}`, (i) => `  nodeSelectr${i}: {}\n`) },
  { name: 'many misspelt container keys across containers', make: (c) => grow(c, `${POD}spec:\n  containers:\n`, (i) => container(`c${i}`, '    imag: x\n    portz: []\n')) },
];
