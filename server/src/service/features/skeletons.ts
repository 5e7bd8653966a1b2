/**
 * Skeletons offered in an empty document: the smallest manifest of each kind that the API
 * server accepts (test/unit/completion-schema.test.ts validates each: no error), written in
 * snippet syntax (tab stops, mirrored names, choices); the plain text for clients without
 * snippets is derived from it (each placeholder's default, a choice's first option).
 */

export interface Skeleton {
  kind: string;
  apiVersion: string;
  snippet: string;
  plain: string;
}

const SOURCES: Array<[string, string, string]> = [
  [
    'Pod',
    'v1',
    `apiVersion: v1
kind: Pod
metadata:
  name: \${1:app}
spec:
  containers:
  - name: \${2:app}
    image: \${3:nginx:1.27}
    ports:
    - containerPort: \${4:80}
$0`,
  ],
  [
    'Deployment',
    'apps/v1',
    `apiVersion: apps/v1
kind: Deployment
metadata:
  name: \${1:web}
spec:
  replicas: \${2:2}
  selector:
    matchLabels:
      app: \${1}
  template:
    metadata:
      labels:
        app: \${1}
    spec:
      containers:
      - name: \${3:web}
        image: \${4:nginx:1.27}
$0`,
  ],
  [
    'StatefulSet',
    'apps/v1',
    `apiVersion: apps/v1
kind: StatefulSet
metadata:
  name: \${1:db}
spec:
  serviceName: \${1}
  replicas: \${2:1}
  selector:
    matchLabels:
      app: \${1}
  template:
    metadata:
      labels:
        app: \${1}
    spec:
      containers:
      - name: \${3:db}
        image: \${4:postgres:17}
$0`,
  ],
  [
    'DaemonSet',
    'apps/v1',
    `apiVersion: apps/v1
kind: DaemonSet
metadata:
  name: \${1:agent}
spec:
  selector:
    matchLabels:
      app: \${1}
  template:
    metadata:
      labels:
        app: \${1}
    spec:
      containers:
      - name: \${2:agent}
        image: \${3:busybox:1.36}
$0`,
  ],
  [
    'Job',
    'batch/v1',
    `apiVersion: batch/v1
kind: Job
metadata:
  name: \${1:task}
spec:
  template:
    spec:
      restartPolicy: \${2|Never,OnFailure|}
      containers:
      - name: \${3:task}
        image: \${4:busybox:1.36}
        command: [\${5:"echo", "done"}]
$0`,
  ],
  [
    'CronJob',
    'batch/v1',
    `apiVersion: batch/v1
kind: CronJob
metadata:
  name: \${1:nightly}
spec:
  schedule: "\${2:0 3 * * *}"
  jobTemplate:
    spec:
      template:
        spec:
          restartPolicy: \${3|Never,OnFailure|}
          containers:
          - name: \${4:task}
            image: \${5:busybox:1.36}
            command: [\${6:"echo", "done"}]
$0`,
  ],
  [
    'Node',
    'v1',
    `apiVersion: v1
kind: Node
metadata:
  name: \${1:node-1}
  labels:
    kubernetes.io/hostname: \${1}
$0`,
  ],
];

/** Snippet text → what a client without snippets inserts. */
export function plainOf(snippet: string): string {
  const defaults = new Map<string, string>();
  for (const m of snippet.matchAll(/\$\{(\d+):([^}]*)\}/g)) defaults.set(m[1], m[2]);
  return snippet
    .replace(/\$\{(\d+):([^}]*)\}/g, '$2')
    .replace(/\$\{(\d+)\|([^,|]*)[^}]*\}/g, '$2')
    .replace(/\$\{(\d+)\}/g, (_, n: string) => defaults.get(n) ?? '')
    .replace(/\$0/g, '');
}

export const SKELETONS: readonly Skeleton[] = SOURCES.map(([kind, apiVersion, snippet]) => ({ kind, apiVersion, snippet, plain: plainOf(snippet) }));
