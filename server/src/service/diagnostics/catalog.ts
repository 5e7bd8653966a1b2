/**
 * The rule table: every diagnostic Podsight emits has an id here, a default severity and a
 * one-line summary. Users re-level or silence rules by id (`podsight.rules`, inline comments,
 * the `podsight.io/ignore` annotation); docs/rules.md documents each id.
 */

/** How loud a diagnostic is (LSP's four levels). */
export type Severity = 'error' | 'warning' | 'information' | 'hint';

/** A rule's documentation in docs/rules.md (rules/docs.ts renders it). */
export interface RuleDoc {
  why?: string;
  example?: string;
  fix?: string;
}

export interface RuleInfo {
  /** Default level; `off` rules are opinions users opt into. */
  severity: Severity | 'off';
  summary: string;
  /** True for rules mirroring an API-server rejection. */
  upstream: boolean;
  doc?: RuleDoc;
}

export const RULES = {
  'yaml-syntax': {
    severity: 'error',
    summary: 'The YAML cannot be parsed.',
    upstream: true,
    doc: {
      why: 'kubectl and the API server cannot decode a document that is not well-formed YAML, so nothing in the file is applied.',
      example: 'metadata:\n  name: web\n   labels:\n    app: web',
      fix: 'Correct the indentation, quoting or bracket that the parser points at.',
    },
  },
  'yaml-complexity': {
    severity: 'error',
    summary: 'The document expands to too many nodes (alias bomb, merge-key chain) to be read safely.',
    upstream: true,
    doc: {
      why: 'Aliases and merge keys can expand a small file into millions of nodes (a "billion laughs" bomb); Podsight stops expanding past its node budget, as the API server refuses such payloads.',
      example: 'a: &a [x, x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]\nc: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b]\nd: [*c, *c, *c, *c, *c, *c, *c, *c, *c]',
      fix: 'Write the repeated content out, or restructure the document so it does not rely on deeply nested aliases.',
    },
  },
  'yaml-alias': {
    severity: 'error',
    summary: 'An alias names no anchor, or an anchor contains itself.',
    upstream: true,
    doc: {
      why: 'An alias `*name` must refer to an anchor `&name` defined earlier in the same document, and an anchored node cannot contain an alias to itself; otherwise the document has no finite value.',
      example: 'metadata:\n  labels: *common',
      fix: 'Define the anchor (`&common`) before the alias in the same document, or write the value out.',
    },
  },
  'file-too-large': {
    severity: 'warning',
    summary: 'The file is larger than podsight.maxFileSize and was not validated.',
    upstream: false,
    doc: {
      why: 'Files larger than podsight.maxFileSize (20 MiB by default) are skipped to protect the editor from pasted logs and generated dumps, so none of their content is checked.',
      example: '# a generated manifest bundle larger than podsight.maxFileSize\napiVersion: v1\nkind: List\nitems: []',
      fix: 'Split the file, or raise podsight.maxFileSize if it really should be validated.',
    },
  },
  'too-many-documents': {
    severity: 'warning',
    summary: 'The file holds more documents than Podsight reads (10,000); the rest were not read.',
    upstream: false,
    doc: {
      why: 'Every document costs Podsight a fixed amount on top of its text. To keep the editor responsive on generated files of hundreds of thousands of documents, only the first 10,000 documents of a file are read: those are validated fully, the documents after them get no diagnostics, hover or other features. One diagnostic on the first document not read says how many there are.',
      example: '# document 10,001 of a generated file\n---\napiVersion: v1\nkind: Pod',
      fix: 'Split the file into files of at most 10,000 documents, or check it with the `podsight check` CLI, which reads every document.',
    },
  },
  'too-many-objects': {
    severity: 'warning',
    summary: 'The file holds more objects to validate than Podsight validates (10,000); the rest were not validated.',
    upstream: false,
    doc: {
      why: 'Validating a Pod, Node or workload costs a fixed amount (strict decoding, every rule, the create path). A List can hold any number of them in one document, so only the first 10,000 objects of a file are validated; the objects after them are read (hover and the other features work) but get no diagnostics. One diagnostic on the first object not validated says how many there are.',
      example: 'apiVersion: v1\nkind: List\nitems:\n# … item 10,001:\n- apiVersion: v1\n  kind: Pod',
      fix: 'Split the List into files of at most 10,000 objects.',
    },
  },
  'duplicate-key': {
    severity: 'error',
    summary: 'A mapping repeats a key; kubectl strict decoding rejects it.',
    upstream: true,
    doc: {
      why: 'kubectl apply decodes strictly and rejects a mapping that names the same key twice; non-strict tools would silently keep only the last value.',
      example: 'containers:\n- name: app\n  image: nginx:1.27\n  image: nginx:1.26',
      fix: 'Remove one of the duplicate keys, keeping the value you intend.',
    },
  },
  'unknown-field': {
    severity: 'error',
    summary: 'A field the Kubernetes API does not define; kubectl strict decoding rejects it.',
    upstream: true,
    doc: {
      why: 'Strict field validation rejects fields the schema does not define, which is usually a typo or a field placed at the wrong level (e.g. under the Pod instead of the container).',
      example: 'containers:\n- name: app\n  image: nginx:1.27\n  imagePullPolcy: Always',
      fix: 'Correct the spelling or move the field to the object that defines it.',
    },
  },
  'invalid-type': {
    severity: 'error',
    summary: 'A value of the wrong JSON type for its field.',
    upstream: true,
    doc: {
      why: 'The API decodes each field into a fixed JSON type; a string where an integer is expected (or a mapping where a list is expected) fails decoding and the whole object is rejected.',
      example: 'spec:\n  replicas: "3"',
      fix: 'Write the value with the type the field expects (here an unquoted integer).',
    },
  },
  'required-field': {
    severity: 'error',
    summary: 'A field the API requires is missing.',
    upstream: true,
    doc: {
      why: 'Validation rejects objects whose required fields are missing, for example a container without a name or a Deployment without a selector.',
      example: 'containers:\n- image: nginx:1.27',
      fix: 'Add the missing field.',
    },
  },
  'invalid-quantity': {
    severity: 'error',
    summary: 'A resource quantity that does not follow the Quantity grammar.',
    upstream: true,
    doc: {
      why: 'Resource quantities must match the Quantity grammar (a number with an optional suffix such as m, Mi, Gi, k, M); anything else fails to decode.',
      example: 'resources:\n  limits:\n    memory: 512MB',
      fix: 'Use a valid suffix, e.g. 512Mi (binary) or 512M (decimal).',
    },
  },
  // Advice: what the API server accepts but will fail or surprise at run time (rules/advice.ts).
  'duplicate-container-port': {
    severity: 'warning',
    summary: 'The same containerPort and protocol declared twice with the same host binding (the API server warns "duplicate port definition").',
    upstream: false,
    doc: {
      why: 'The API server accepts it with a warning. What it means depends on where the entries are: two running containers of a Pod (regular containers and sidecars) share one network namespace, so if both processes bind the port the second fails with "address already in use"; one container listing a port twice binds nothing twice (a ports entry only documents the port), but kubectl apply merges ports by containerPort, so a later apply may drop one entry; an init container runs before the others start, so it never holds the port at the same time.',
      example: 'containers:\n- name: app\n  ports:\n  - containerPort: 9090\n- name: metrics\n  ports:\n  - containerPort: 9090',
      fix: 'Give one of the containers another port, or keep a single entry (one name) per port.',
    },
  },
  'probe-port-undeclared': {
    severity: 'warning',
    summary: 'A probe or lifecycle handler names a port that its container does not declare.',
    upstream: false,
    doc: {
      why: 'The kubelet resolves a named port against the ports of the same container; an unknown name makes every probe fail, so the container is restarted (liveness) or never ready (readiness).',
      example: 'ports:\n- name: http\n  containerPort: 8080\nreadinessProbe:\n  httpGet:\n    port: web',
      fix: 'Use the name of a declared port, declare the port, or use the number.',
    },
  },
  'unused-volume': {
    severity: 'information',
    summary: 'A volume that no container of the manifest mounts.',
    upstream: false,
    doc: {
      why: 'A volume nobody mounts does nothing but cost setup time (and, for a PVC, an attachment), so a mount may have been forgotten or misnamed. It is only information: sidecars injected at admission (service meshes, log shippers, secret agents) often mount volumes the manifest declares for them.',
      example: 'containers:\n- name: app\n  image: nginx:1.27\nvolumes:\n- name: cache\n  emptyDir: {}',
      fix: 'Mount it in the container that needs it, or remove it.',
    },
  },
  'image-latest-tag': {
    severity: 'information',
    summary: 'An image without a tag or with the `:latest` tag: not reproducible.',
    upstream: false,
    doc: {
      why: 'The tag can point at a new image any time. The API server defaults imagePullPolicy to Always for such images, so the kubelet asks the registry on every container start and containers started at different times may run different code; with IfNotPresent each node keeps whichever image it pulled first, and with Never the image must already be on every node. The message says which case applies.',
      example: 'containers:\n- name: app\n  image: nginx:latest',
      fix: 'Pin a version tag or a digest.',
    },
  },
  'no-resource-requests': {
    severity: 'off',
    summary: 'A container without CPU or memory requests (opt-in).',
    upstream: false,
    doc: {
      why: 'Without requests the scheduler places the Pod as if it needed nothing, and the Pod is the first to be evicted under pressure (BestEffort).',
      example: 'containers:\n- name: app\n  image: nginx:1.27\n  resources: {}',
      fix: 'Set resources.requests.cpu and resources.requests.memory.',
    },
  },
  // Upstream warnings (HTTP 299): accepted, but the API server warns (rules/upstreamWarnings.ts).
  'deprecated-volume-plugin': {
    severity: 'warning',
    summary: 'A deprecated (or no longer functional) in-tree volume plugin.',
    upstream: false,
    doc: {
      why: 'The API server accepts the volume but returns a deprecation warning; plugins such as gitRepo, scaleIO, flocker or photonPersistentDisk are deprecated or no longer work at all, so the Pod may never start.',
      example: 'volumes:\n- name: src\n  gitRepo:\n    repository: https://example.com/repo.git',
      fix: 'Migrate to the suggested replacement (e.g. an init container that clones into an emptyDir, or a CSI driver).',
    },
  },
  'deprecated-node-label': {
    severity: 'warning',
    summary: 'A deprecated node label in nodeSelector, node affinity or a topology key.',
    upstream: false,
    doc: {
      why: 'Labels such as beta.kubernetes.io/os or failure-domain.beta.kubernetes.io/zone are deprecated and may no longer be set on newer nodes, so selectors and topology keys using them can stop matching.',
      example: 'nodeSelector:\n  beta.kubernetes.io/os: linux',
      fix: 'Use the GA label, e.g. kubernetes.io/os or topology.kubernetes.io/zone.',
    },
  },
  'quantity-too-long': {
    severity: 'information',
    summary: 'A resource quantity with more than 1,000 digits: well-formed, but Podsight does not evaluate its value.',
    upstream: false,
    doc: {
      why: 'Exact arithmetic on a number of thousands of digits costs more than linear time, so Podsight reads such a quantity but does not compare, sum or range-check it; no real resource needs that many digits.',
      example: 'resources:\n  limits:\n    cpu: "1000…000"  # 1,001 digits or more',
      fix: 'Write the value with a suffix or an exponent (1e2000, 10Ei).',
    },
  },
  'fractional-byte-value': {
    severity: 'warning',
    summary: 'A memory or ephemeral-storage quantity that is not a whole number of bytes (e.g. 128m = 0.128 bytes).',
    upstream: false,
    doc: {
      why: 'The m suffix means milli, so 128m of memory is 0.128 bytes; the API server warns and rounds it up, which is never what was intended.',
      example: 'resources:\n  requests:\n    memory: 128m',
      fix: 'Use a byte suffix such as 128Mi or 128M.',
    },
  },
  'duplicate-env-name': {
    severity: 'warning',
    summary: 'An environment variable defined twice in one container: the later definition hides the earlier.',
    upstream: false,
    doc: {
      why: 'The API server only warns: when a name appears twice, the later definition wins at run time and the earlier one is silently ignored.',
      example: 'env:\n- name: LOG_LEVEL\n  value: info\n- name: LOG_LEVEL\n  value: debug',
      fix: 'Remove one of the definitions.',
    },
  },
  'host-ip-without-host-port': {
    severity: 'warning',
    summary: 'A port sets hostIP without hostPort, so hostIP has no effect.',
    upstream: false,
    doc: {
      why: 'hostIP only selects the host address a hostPort binds to; without a hostPort nothing is bound on the host, and the API server warns that the field has no effect.',
      example: 'ports:\n- containerPort: 8080\n  hostIP: 10.0.0.5',
      fix: 'Add a hostPort, or remove hostIP.',
    },
  },
  'duplicate-image-pull-secret': {
    severity: 'warning',
    summary: 'An imagePullSecrets entry repeated or with an empty name.',
    upstream: false,
    doc: {
      why: 'A repeated or empty imagePullSecrets name is accepted with a warning but contributes nothing; an empty name usually means the intended secret was not filled in.',
      example: 'imagePullSecrets:\n- name: registry-creds\n- name: registry-creds',
      fix: 'Remove the duplicate or empty entry.',
    },
  },
  'duplicate-host-alias-ip': {
    severity: 'warning',
    summary: 'Two hostAliases entries for the same IP.',
    upstream: false,
    doc: {
      why: 'Each IP should appear in one hostAliases entry; duplicates produce repeated /etc/hosts lines and the API server warns.',
      example: 'hostAliases:\n- ip: 10.0.0.10\n  hostnames: [db]\n- ip: 10.0.0.10\n  hostnames: [cache]',
      fix: 'Merge the hostnames into a single entry for that IP.',
    },
  },
  'spread-without-selector': {
    severity: 'warning',
    summary: 'A topology spread constraint without labelSelector matches no Pods, so it spreads nothing.',
    upstream: false,
    doc: {
      why: 'A topology spread constraint counts only Pods matched by its labelSelector; without one it matches no Pods, so it never affects scheduling.',
      example: 'topologySpreadConstraints:\n- maxSkew: 1\n  topologyKey: topology.kubernetes.io/zone\n  whenUnsatisfiable: DoNotSchedule',
      fix: 'Add a labelSelector matching the Pods of this workload (or matchLabelKeys with a selector).',
    },
  },
  // Pod spec top level (rules/podSpec.ts, rules/spec/dns.ts, rules/spec/os.ts).
  'pod-containers-required': {
    severity: 'error',
    summary: 'A Pod spec needs at least one container.',
    upstream: true,
    doc: {
      why: 'validatePodSpec requires at least one regular container; init containers alone do not count, so the Pod (or template) is rejected.',
      example: 'spec:\n  initContainers:\n  - name: setup\n    image: busybox:1.36\n  containers: []',
      fix: 'Add at least one entry under spec.containers.',
    },
  },
  'restart-policy': {
    severity: 'error',
    summary: 'spec.restartPolicy must be Always, OnFailure or Never.',
    upstream: true,
    doc: {
      why: 'The Pod restartPolicy is an enumeration; any other value, including a different capitalisation, is rejected as NotSupported.',
      example: 'spec:\n  restartPolicy: always',
      fix: 'Use Always, OnFailure or Never, spelled exactly.',
    },
  },
  'dns-policy': {
    severity: 'error',
    summary: 'spec.dnsPolicy must be ClusterFirstWithHostNet, ClusterFirst, Default or None.',
    upstream: true,
    doc: {
      why: 'dnsPolicy is an enumeration checked case-sensitively; an unknown value is rejected as NotSupported.',
      example: 'spec:\n  dnsPolicy: ClusterFirstWithHostNetwork',
      fix: 'Use ClusterFirstWithHostNet, ClusterFirst, Default or None.',
    },
  },
  'node-selector': {
    severity: 'error',
    summary: 'nodeSelector keys must be label keys and values label values.',
    upstream: true,
    doc: {
      why: 'nodeSelector entries are matched against node labels, so keys must be qualified names and values valid label values (at most 63 characters, alphanumerics, -, _ and .); anything else is rejected.',
      example: 'nodeSelector:\n  disktype: "fast ssd"',
      fix: 'Use a valid label key and value, e.g. disktype: fast-ssd.',
    },
  },
  'node-name': {
    severity: 'error',
    summary: 'spec.nodeName must be a DNS subdomain.',
    upstream: true,
    doc: {
      why: 'nodeName binds the Pod directly to a Node, and Node names are DNS subdomains (lowercase alphanumerics, - and .), so any other value is rejected.',
      example: 'spec:\n  nodeName: Worker_1',
      fix: 'Use the exact (lowercase) name of the Node, or remove nodeName and let the scheduler choose.',
    },
  },
  'node-name-scheduling-gates': {
    severity: 'error',
    summary: 'A Pod cannot set nodeName while it has schedulingGates.',
    upstream: true,
    doc: {
      why: 'schedulingGates hold a Pod back from the scheduler, but a Pod with nodeName is already bound and bypasses scheduling, so the API server forbids the combination.',
      example: 'spec:\n  nodeName: worker-1\n  schedulingGates:\n  - name: example.com/quota',
      fix: 'Remove either nodeName or the schedulingGates.',
    },
  },
  'ephemeral-containers-forbidden': {
    severity: 'error',
    summary: 'ephemeralContainers cannot be set when creating a Pod or in a Pod template (they are added through the ephemeralcontainers subresource).',
    upstream: true,
    doc: {
      why: 'Ephemeral containers can only be added to a running Pod through the ephemeralcontainers subresource (kubectl debug); they are rejected on Pod creation and in templates.',
      example: 'spec:\n  ephemeralContainers:\n  - name: debug\n    image: busybox:1.36',
      fix: 'Remove ephemeralContainers and use kubectl debug when you need one.',
    },
  },
  'service-account-name': {
    severity: 'error',
    summary: 'spec.serviceAccountName (or the deprecated serviceAccount) must be a DNS subdomain.',
    upstream: true,
    doc: {
      why: 'ServiceAccount names are DNS subdomains; a name with uppercase letters, underscores or spaces can never match an account and is rejected.',
      example: 'spec:\n  serviceAccountName: Build_Bot',
      fix: 'Use the valid (lowercase, dash-separated) name of the ServiceAccount.',
    },
  },
  'active-deadline-seconds': {
    severity: 'error',
    summary: 'spec.activeDeadlineSeconds must be between 1 and 2147483647.',
    upstream: true,
    doc: {
      why: 'activeDeadlineSeconds must be a positive 32-bit value; 0 or a negative number would kill the Pod immediately and is rejected.',
      example: 'spec:\n  activeDeadlineSeconds: 0',
      fix: 'Set a positive number of seconds, or remove the field.',
    },
  },
  'pod-hostname': {
    severity: 'error',
    summary: 'spec.hostname must be a DNS label.',
    upstream: true,
    doc: {
      why: 'spec.hostname becomes the Pod\'s hostname and DNS record, so it must be a DNS label: at most 63 lowercase alphanumerics and dashes, no dots.',
      example: 'spec:\n  hostname: web.primary',
      fix: 'Use a single DNS label such as web-primary.',
    },
  },
  'pod-subdomain': {
    severity: 'error',
    summary: 'spec.subdomain must be a DNS label (no dots).',
    upstream: true,
    doc: {
      why: 'spec.subdomain names a headless Service in the namespace, so it must be a single DNS label; dots or uppercase letters are rejected.',
      example: 'spec:\n  subdomain: db.internal',
      fix: 'Use the name of the headless Service, a single DNS label such as db-internal.',
    },
  },
  'priority-class-name': {
    severity: 'error',
    summary: 'spec.priorityClassName must be a DNS subdomain.',
    upstream: true,
    doc: {
      why: 'PriorityClass names are DNS subdomains; an invalid name can never resolve to a class and is rejected.',
      example: 'spec:\n  priorityClassName: High_Priority',
      fix: 'Use the name of an existing PriorityClass, e.g. high-priority.',
    },
  },
  'runtime-class-name': {
    severity: 'error',
    summary: 'spec.runtimeClassName must be a DNS subdomain.',
    upstream: true,
    doc: {
      why: 'RuntimeClass names are DNS subdomains; an invalid name can never resolve to a RuntimeClass and is rejected.',
      example: 'spec:\n  runtimeClassName: gVisor',
      fix: 'Use the lowercase name of an existing RuntimeClass, e.g. gvisor.',
    },
  },
  'preemption-policy': {
    severity: 'error',
    summary: 'spec.preemptionPolicy must be PreemptLowerPriority or Never.',
    upstream: true,
    doc: {
      why: 'preemptionPolicy is an enumeration; any value other than PreemptLowerPriority or Never is rejected as NotSupported.',
      example: 'spec:\n  preemptionPolicy: PreemptNever',
      fix: 'Use PreemptLowerPriority or Never.',
    },
  },
  'readiness-gate': {
    severity: 'error',
    summary: 'A readiness gate conditionType must be a qualified name.',
    upstream: true,
    doc: {
      why: 'A readiness gate refers to a Pod condition type, which must be a qualified name (optional DNS prefix, then up to 63 alphanumerics, -, _ and .).',
      example: 'readinessGates:\n- conditionType: "load balancer ready"',
      fix: 'Use a qualified condition type such as example.com/lb-ready.',
    },
  },
  'scheduling-gate': {
    severity: 'error',
    summary: 'A scheduling gate name must be a qualified name.',
    upstream: true,
    doc: {
      why: 'Scheduling gate names must be qualified names (optional DNS prefix, then up to 63 alphanumerics, -, _ and .); other strings are rejected.',
      example: 'schedulingGates:\n- name: "wait for quota"',
      fix: 'Use a qualified name such as example.com/wait-for-quota.',
    },
  },
  'duplicate-scheduling-gate': {
    severity: 'error',
    summary: 'Scheduling gate names must be unique.',
    upstream: true,
    doc: {
      why: 'Each scheduling gate is removed individually by its controller, so names must be unique; a repeated name is rejected as a duplicate.',
      example: 'schedulingGates:\n- name: example.com/quota\n- name: example.com/quota',
      fix: 'Remove the repeated gate.',
    },
  },
  'host-alias-ip': {
    severity: 'error',
    summary: 'A hostAliases entry needs a valid IP address.',
    upstream: true,
    doc: {
      why: 'Each hostAliases entry becomes an /etc/hosts line, so ip must be a valid IPv4 or IPv6 address; a missing or malformed IP is rejected.',
      example: 'hostAliases:\n- ip: 10.0.0.300\n  hostnames: [db]',
      fix: 'Set ip to a valid IP address.',
    },
  },
  'host-alias-hostname': {
    severity: 'error',
    summary: 'hostAliases hostnames must be DNS subdomains.',
    upstream: true,
    doc: {
      why: 'hostAliases hostnames are written to /etc/hosts and must be DNS subdomains (lowercase alphanumerics, - and .); other strings are rejected.',
      example: 'hostAliases:\n- ip: 10.0.0.10\n  hostnames: ["DB_Primary"]',
      fix: 'Use valid lowercase hostnames such as db-primary.',
    },
  },
  'hostname-override': {
    severity: 'error',
    summary: 'spec.hostnameOverride: a DNS subdomain of at most 64 characters, not with setHostnameAsFQDN or hostNetwork.',
    upstream: true,
    doc: {
      why: 'hostnameOverride sets the Pod hostname directly, so it must be a DNS subdomain of at most 64 characters, and it conflicts with setHostnameAsFQDN and hostNetwork (which take the hostname from elsewhere).',
      example: 'spec:\n  hostNetwork: true\n  hostnameOverride: web-1',
      fix: 'Remove hostnameOverride, or drop hostNetwork / setHostnameAsFQDN and use a valid name.',
    },
  },
  'pod-os': {
    severity: 'error',
    summary: 'spec.os.name is required and must be linux or windows.',
    upstream: true,
    doc: {
      why: 'When spec.os is present its name is required and must be linux or windows; it drives which OS-specific fields are allowed.',
      example: 'spec:\n  os:\n    name: Linux',
      fix: 'Set os.name to linux or windows (lowercase).',
    },
  },
  'pod-os-forbidden-field': {
    severity: 'error',
    summary: 'A field that cannot be set for the OS named in spec.os (Linux-only fields on windows, windowsOptions on linux).',
    upstream: true,
    doc: {
      why: 'With spec.os.name set, fields that only apply to the other OS are rejected: e.g. seLinuxOptions, runAsGroup, sysctls or seccompProfile on windows, and windowsOptions on linux.',
      example: 'spec:\n  os:\n    name: windows\n  securityContext:\n    runAsGroup: 1000',
      fix: 'Remove the field that does not apply to the selected OS, or correct spec.os.name.',
    },
  },
  'dns-config-required': {
    severity: 'error',
    summary: 'dnsPolicy None needs a dnsConfig.',
    upstream: true,
    doc: {
      why: 'With dnsPolicy None the kubelet takes all DNS settings from dnsConfig; without it the Pod would have no resolver configuration, so it is rejected.',
      example: 'spec:\n  dnsPolicy: None',
      fix: 'Add a dnsConfig with at least one nameserver, or use another dnsPolicy.',
    },
  },
  'dns-nameservers': {
    severity: 'error',
    summary: 'dnsConfig.nameservers: IP addresses, at most 3, at least one with dnsPolicy None.',
    upstream: true,
    doc: {
      why: 'nameservers are written to resolv.conf: each must be an IP address, at most 3 are allowed, and dnsPolicy None needs at least one.',
      example: 'dnsPolicy: None\ndnsConfig:\n  nameservers:\n  - dns.example.com',
      fix: 'List one to three IP addresses, e.g. 1.1.1.1.',
    },
  },
  'dns-searches': {
    severity: 'error',
    summary: 'dnsConfig.searches: DNS names (underscores allowed), at most 32 and 2048 characters.',
    upstream: true,
    doc: {
      why: 'search domains must be DNS names (underscores allowed), at most 32 entries and 2048 characters in total, matching resolv.conf limits.',
      example: 'dnsConfig:\n  searches:\n  - "corp example"',
      fix: 'Use valid domain names and keep within the limits.',
    },
  },
  'dns-option-name': {
    severity: 'error',
    summary: 'A dnsConfig option needs a name.',
    upstream: true,
    doc: {
      why: 'Each dnsConfig option becomes a resolv.conf option line, which needs a name; an entry with only a value is rejected.',
      example: 'dnsConfig:\n  options:\n  - value: "2"',
      fix: 'Add the option name, e.g. name: ndots.',
    },
  },
  'resize-policy': {
    severity: 'error',
    summary: 'A container resizePolicy entry: cpu or memory once each, NotRequired or RestartContainer (NotRequired in restartPolicy Never pods).',
    upstream: true,
    doc: {
      why: 'resizePolicy entries name cpu or memory at most once each with restartPolicy NotRequired or RestartContainer; in a Pod with restartPolicy Never only NotRequired is allowed because the container could not be restarted.',
      example: 'resizePolicy:\n- resourceName: cpu\n  restartPolicy: NotRequired\n- resourceName: cpu\n  restartPolicy: RestartContainer',
      fix: 'List each of cpu and memory once with a supported policy.',
    },
  },
  // Containers: names, images, enums, restart policies, init/ephemeral field limits (rules/containers.ts, rules/enums.ts).
  'container-name': {
    severity: 'error',
    summary: 'A container needs a name that is a DNS label (at most 63 lowercase alphanumerics and dashes).',
    upstream: true,
    doc: {
      why: 'Container names are DNS labels (at most 63 lowercase alphanumerics and dashes, starting and ending alphanumeric); a missing or invalid name is rejected.',
      example: 'containers:\n- name: Web_App\n  image: nginx:1.27',
      fix: 'Use a valid DNS label such as web-app.',
    },
  },
  'duplicate-container-name': {
    severity: 'error',
    summary: 'Two containers (regular, init or ephemeral) with the same name.',
    upstream: true,
    doc: {
      why: 'Containers are addressed by name (logs, exec, status), so names must be unique across containers, initContainers and ephemeralContainers.',
      example: 'initContainers:\n- name: app\n  image: busybox:1.36\ncontainers:\n- name: app\n  image: nginx:1.27',
      fix: 'Give each container a distinct name.',
    },
  },
  'container-image': {
    severity: 'error',
    summary: 'A container needs an image, without leading or trailing whitespace.',
    upstream: true,
    doc: {
      why: 'Every container needs a non-empty image to run; in Pods (and in ephemeral containers) an image with leading or trailing whitespace is also rejected, since the reference could not be pulled.',
      example: 'containers:\n- name: app\n  image: " nginx:1.27"',
      fix: 'Set the image reference without surrounding whitespace.',
    },
  },
  'image-pull-policy': {
    severity: 'error',
    summary: 'imagePullPolicy must be Always, IfNotPresent or Never (case-sensitive).',
    upstream: true,
    doc: {
      why: 'imagePullPolicy is a case-sensitive enumeration; values like always or IfNotExists are rejected as NotSupported.',
      example: 'containers:\n- name: app\n  image: nginx:1.27\n  imagePullPolicy: always',
      fix: 'Use Always, IfNotPresent or Never.',
    },
  },
  'termination-message-policy': {
    severity: 'error',
    summary: 'terminationMessagePolicy must be File or FallbackToLogsOnError.',
    upstream: true,
    doc: {
      why: 'terminationMessagePolicy is an enumeration; any other value is rejected as NotSupported.',
      example: 'containers:\n- name: app\n  image: nginx:1.27\n  terminationMessagePolicy: Logs',
      fix: 'Use File or FallbackToLogsOnError.',
    },
  },
  'container-restart-policy': {
    severity: 'error',
    summary: 'A container restartPolicy (Always/OnFailure/Never) or restartPolicyRules entry that is invalid or not allowed.',
    upstream: true,
    doc: {
      why: 'A container restartPolicy must be Always, OnFailure or Never (Always on an init container makes it a sidecar); restartPolicyRules need a restartPolicy beside them, the Restart action, an In/NotIn exit-code operator, and are forbidden on sidecars.',
      example: 'containers:\n- name: app\n  image: nginx:1.27\n  restartPolicy: Sometimes',
      fix: 'Use a supported value (Always for sidecar init containers), or remove the field.',
    },
  },
  'init-container-field': {
    severity: 'error',
    summary: 'lifecycle and probes are only allowed on init containers with restartPolicy: Always (sidecars).',
    upstream: true,
    doc: {
      why: 'Ordinary init containers run to completion before the app starts, so lifecycle hooks and liveness/readiness/startup probes are rejected on them; only sidecars (restartPolicy: Always) may set them.',
      example: 'initContainers:\n- name: migrate\n  image: migrate:1.0\n  readinessProbe:\n    exec:\n      command: ["true"]',
      fix: 'Remove the probe or lifecycle, or make the init container a sidecar with restartPolicy: Always.',
    },
  },
  'ephemeral-container-field': {
    severity: 'error',
    summary: 'A field ephemeral containers may not set (ports, resources, probes, lifecycle, resizePolicy, restart policies).',
    upstream: true,
    doc: {
      why: 'Ephemeral containers are added to a running Pod without changing its resources or networking, so ports, resources, probes, lifecycle, resizePolicy and restart policies are forbidden on them.',
      example: 'ephemeralContainers:\n- name: debug\n  image: busybox:1.36\n  ports:\n  - containerPort: 8080',
      fix: 'Remove the forbidden field from the ephemeral container.',
    },
  },
  'ephemeral-target-container': {
    severity: 'error',
    summary: 'An ephemeral container targetContainerName that names no regular or init container.',
    upstream: true,
    doc: {
      why: 'targetContainerName selects the container whose process namespace the ephemeral container joins; a name that matches no regular or init container is rejected.',
      example: 'ephemeralContainers:\n- name: debug\n  image: busybox:1.36\n  targetContainerName: ap',
      fix: 'Name an existing container of the Pod, or remove targetContainerName.',
    },
  },
  // Ports (rules/ports.ts).
  'container-port-name': {
    severity: 'error',
    summary: 'A container port name must be an IANA service name: at most 15 lowercase alphanumerics and dashes, with a letter.',
    upstream: true,
    doc: {
      why: 'Named ports are referenced by Services and probes as IANA service names: at most 15 lowercase alphanumerics and dashes, at least one letter, no leading, trailing or doubled dashes.',
      example: 'ports:\n- name: http-metrics-port\n  containerPort: 9090',
      fix: 'Shorten or reformat the name, e.g. metrics.',
    },
  },
  'duplicate-port-name': {
    severity: 'error',
    summary: 'Two ports of one container with the same name.',
    upstream: true,
    doc: {
      why: 'A port name must identify one port of the container so Services and probes can resolve it; two ports with the same name are rejected.',
      example: 'ports:\n- name: http\n  containerPort: 8080\n- name: http\n  containerPort: 8443',
      fix: 'Give each port a distinct name.',
    },
  },
  'container-port': {
    severity: 'error',
    summary: 'A container port needs a containerPort between 1 and 65535.',
    upstream: true,
    doc: {
      why: 'containerPort is required on every ports entry and must be a valid port number between 1 and 65535.',
      example: 'ports:\n- name: http\n  containerPort: 0',
      fix: 'Set containerPort to the port the process listens on (1-65535).',
    },
  },
  'host-port': {
    severity: 'error',
    summary: 'A hostPort must be between 1 and 65535.',
    upstream: true,
    doc: {
      why: 'When set, hostPort must be a valid port number between 1 and 65535 (0 means unset).',
      example: 'ports:\n- containerPort: 8080\n  hostPort: 80800',
      fix: 'Use a port between 1 and 65535, or remove hostPort.',
    },
  },
  'port-protocol': {
    severity: 'error',
    summary: 'A port protocol must be TCP, UDP or SCTP (case-sensitive).',
    upstream: true,
    doc: {
      why: 'protocol is a case-sensitive enumeration; tcp or HTTP are rejected as NotSupported.',
      example: 'ports:\n- containerPort: 53\n  protocol: udp',
      fix: 'Use TCP, UDP or SCTP.',
    },
  },
  'duplicate-host-port': {
    severity: 'error',
    summary: 'Two ports claim the same protocol/hostIP/hostPort (across regular containers, or within one init container).',
    upstream: true,
    doc: {
      why: 'A host port can be bound only once per protocol and host IP on a node, so two ports of the Pod claiming the same one are rejected.',
      example: 'containers:\n- name: a\n  ports:\n  - containerPort: 80\n    hostPort: 8080\n- name: b\n  ports:\n  - containerPort: 81\n    hostPort: 8080',
      fix: 'Use distinct hostPorts (or different protocols/hostIPs).',
    },
  },
  'host-network-host-port': {
    severity: 'error',
    summary: 'With hostNetwork: true a hostPort must equal its containerPort.',
    upstream: true,
    doc: {
      why: 'With hostNetwork the container binds directly on the node, so no port mapping is possible and hostPort must equal containerPort.',
      example: 'hostNetwork: true\ncontainers:\n- name: app\n  ports:\n  - containerPort: 8080\n    hostPort: 80',
      fix: 'Set hostPort to the containerPort value, or omit hostPort.',
    },
  },
  // Env and envFrom (rules/env.ts, rules/container/envSelectors.ts).
  'env-var-name': {
    severity: 'error',
    summary: 'An env var needs a name of printable ASCII characters other than "=".',
    upstream: true,
    doc: {
      why: 'Environment variable names must be non-empty and consist of printable ASCII characters other than =, otherwise they cannot be placed in the process environment.',
      example: 'env:\n- name: "API=URL"\n  value: https://api.example.com',
      fix: 'Use a name without =, e.g. API_URL.',
    },
  },
  'env-value-from': {
    severity: 'error',
    summary: 'An env valueFrom needs exactly one source, and no value beside it.',
    upstream: true,
    doc: {
      why: 'valueFrom must name exactly one source (fieldRef, resourceFieldRef, configMapKeyRef, secretKeyRef or fileKeyRef), and value cannot be set alongside it.',
      example: 'env:\n- name: MODE\n  value: prod\n  valueFrom:\n    configMapKeyRef:\n      name: app-config\n      key: mode',
      fix: 'Keep either value or a single valueFrom source.',
    },
  },
  'env-field-ref': {
    severity: 'error',
    summary: 'An env fieldRef whose fieldPath is missing, unknown, or not available to env vars.',
    upstream: true,
    doc: {
      why: 'fieldRef needs a fieldPath, and only certain Pod fields (metadata.name, metadata.namespace, metadata.labels[\'k\'], spec.nodeName, status.podIP, …) can be exposed as env vars.',
      example: 'env:\n- name: POD_LABELS\n  valueFrom:\n    fieldRef:\n      fieldPath: metadata.labels',
      fix: 'Use a supported field path, e.g. metadata.labels[\'app\'], or a downward API volume for whole maps.',
    },
  },
  'env-resource-field-ref': {
    severity: 'error',
    summary: 'An env resourceFieldRef with a missing or unsupported resource, or a divisor that does not fit it.',
    upstream: true,
    doc: {
      why: 'resourceFieldRef must name a supported resource (limits.cpu, requests.memory, …), and its divisor must suit that resource (e.g. 1m or 1 for cpu, a byte unit for memory).',
      example: 'env:\n- name: MEM_LIMIT\n  valueFrom:\n    resourceFieldRef:\n      resource: limits.memory\n      divisor: 1m',
      fix: 'Use a supported resource and a divisor that fits it, e.g. 1Mi for memory.',
    },
  },
  'env-key-ref': {
    severity: 'error',
    summary: 'A configMapKeyRef/secretKeyRef needs a DNS-subdomain name and a valid key.',
    upstream: true,
    doc: {
      why: 'configMapKeyRef and secretKeyRef need the object name (a DNS subdomain) and a key made of alphanumerics, -, _ and .; otherwise the lookup can never succeed.',
      example: 'env:\n- name: DB_PASSWORD\n  valueFrom:\n    secretKeyRef:\n      name: db\n      key: "db password"',
      fix: 'Set a valid name and key, e.g. key: db-password.',
    },
  },
  'env-file-key-ref': {
    severity: 'error',
    summary: 'An env fileKeyRef needs key, volumeName and path, and an emptyDir volume of that name.',
    upstream: true,
    doc: {
      why: 'fileKeyRef reads a variable from a file in a volume, so it needs key, volumeName and path, and volumeName must name an emptyDir volume of the Pod.',
      example: 'env:\n- name: TOKEN\n  valueFrom:\n    fileKeyRef:\n      volumeName: config\n      path: env.txt\n      key: TOKEN\nvolumes:\n- name: config\n  configMap:\n    name: app',
      fix: 'Point volumeName at an emptyDir volume and set key and path.',
    },
  },
  'env-from': {
    severity: 'error',
    summary: 'An envFrom entry needs exactly one of configMapRef/secretRef with a valid name, and a valid prefix.',
    upstream: true,
    doc: {
      why: 'Each envFrom entry must name exactly one of configMapRef or secretRef with a valid name, and a prefix, if set, must produce valid env var names.',
      example: 'envFrom:\n- configMapRef:\n    name: app-config\n  secretRef:\n    name: app-secrets',
      fix: 'Split into one envFrom entry per source.',
    },
  },
  // Resources: containers, spec.overhead, pod-level spec.resources (rules/resources.ts, rules/container/).
  'resource-name': {
    severity: 'error',
    summary: 'A resource name that is not a standard container (or pod-level) resource nor a valid extended resource.',
    upstream: true,
    doc: {
      why: 'resources keys must be standard resources (cpu, memory, ephemeral-storage, hugepages-<size>) or fully qualified extended resources such as nvidia.com/gpu; anything else is rejected.',
      example: 'resources:\n  limits:\n    gpu: 1',
      fix: 'Use the standard or fully qualified resource name, e.g. nvidia.com/gpu.',
    },
  },
  'container-resources': {
    severity: 'error',
    summary: 'Negative or fractional (extended) quantities, requests above limits, unequal or missing limits for extended resources and hugepages, hugepages without cpu/memory.',
    upstream: true,
    doc: {
      why: 'Quantities must not be negative, requests may not exceed limits, extended resources and hugepages must be whole numbers with requests equal to limits, and hugepages need a cpu or memory request.',
      example: 'resources:\n  requests:\n    memory: 1Gi\n  limits:\n    memory: 512Mi',
      fix: 'Make each request at most its limit (and meet the other constraints named in the message).',
    },
  },
  'resource-claim-name': {
    severity: 'error',
    summary: 'resources.claims entries must name a spec.resourceClaims entry, once.',
    upstream: true,
    doc: {
      why: 'A container\'s resources.claims entries refer to entries of spec.resourceClaims by name; an unknown name or the same claim listed twice is rejected.',
      example: 'spec:\n  resourceClaims:\n  - name: gpu\n  containers:\n  - name: app\n    resources:\n      claims:\n      - name: gpus',
      fix: 'Name a spec.resourceClaims entry, once per container.',
    },
  },
  'pod-resources': {
    severity: 'error',
    summary: 'Pod-level resources below the containers\' aggregate requests or limits, on a windows Pod, or with claims.',
    upstream: true,
    doc: {
      why: 'Pod-level resources must be at least the aggregate of the containers\' requests and limits, container limits may not exceed the pod limit, and pod-level resources are not allowed on windows Pods or with claims.',
      example: 'spec:\n  resources:\n    limits:\n      memory: 256Mi\n  containers:\n  - name: app\n    resources:\n      limits:\n        memory: 512Mi',
      fix: 'Raise the pod-level values to cover the containers, or lower the container values.',
    },
  },
  // Probes and lifecycle (rules/probes.ts, rules/container/handler.ts).
  'container-probe': {
    severity: 'error',
    summary: 'A probe with no or several handlers, a bad port, scheme or header, negative counts, or thresholds upstream forbids.',
    upstream: true,
    doc: {
      why: 'A probe needs exactly one handler (exec, httpGet, tcpSocket or grpc) with a valid port, scheme and headers, non-negative timings, and liveness/startup probes must keep successThreshold at 1.',
      example: 'livenessProbe:\n  httpGet:\n    path: /healthz\n    port: 8080\n  successThreshold: 3',
      fix: 'Use a single valid handler and remove or correct the offending setting.',
    },
  },
  'lifecycle-handler': {
    severity: 'error',
    summary: 'A postStart/preStop hook with no or several handlers, a bad port, or a sleep longer than the grace period.',
    upstream: true,
    doc: {
      why: 'postStart and preStop need exactly one handler (exec, httpGet, tcpSocket or sleep) with a valid port, and a sleep may not outlast terminationGracePeriodSeconds.',
      example: 'terminationGracePeriodSeconds: 30\ncontainers:\n- name: app\n  lifecycle:\n    preStop:\n      sleep:\n        seconds: 60',
      fix: 'Use one valid handler, and keep a sleep within the grace period (or raise the grace period).',
    },
  },
  // Container securityContext (rules/containerSecurity.ts).
  'container-security-context': {
    severity: 'error',
    summary: 'Container runAsUser/runAsGroup out of range, a bad procMount, or allowPrivilegeEscalation: false with privileged or CAP_SYS_ADMIN.',
    upstream: true,
    doc: {
      why: 'runAsUser/runAsGroup must be between 0 and 2147483647, procMount must be Default or Unmasked, and allowPrivilegeEscalation: false contradicts privileged: true or adding CAP_SYS_ADMIN.',
      example: 'securityContext:\n  privileged: true\n  allowPrivilegeEscalation: false',
      fix: 'Drop privileged/CAP_SYS_ADMIN or allowPrivilegeEscalation: false, and keep IDs in range.',
    },
  },
  // Scheduling: affinity, tolerations, topology spread (rules/scheduling.ts, rules/spec/labelSelector.ts).
  'node-selector-terms-required': {
    severity: 'error',
    summary: 'A required node affinity needs at least one node selector term.',
    upstream: true,
    doc: {
      why: 'A requiredDuringSchedulingIgnoredDuringExecution node affinity must list at least one nodeSelectorTerm; an empty list could never match a node.',
      example: 'affinity:\n  nodeAffinity:\n    requiredDuringSchedulingIgnoredDuringExecution:\n      nodeSelectorTerms: []',
      fix: 'Add a term with matchExpressions or matchFields, or remove the required affinity.',
    },
  },
  'node-selector-requirement': {
    severity: 'error',
    summary: 'A node affinity match expression with a bad key, operator or values.',
    upstream: true,
    doc: {
      why: 'A node affinity matchExpression needs a valid label key and a known operator (In, NotIn, Exists, DoesNotExist, Gt, Lt) with matching values: none for Exists/DoesNotExist, one integer for Gt/Lt, at least one for In/NotIn.',
      example: 'matchExpressions:\n- key: kubernetes.io/arch\n  operator: In\n  values: []',
      fix: 'Provide the values the operator needs, or pick the right operator.',
    },
  },
  'node-field-selector-requirement': {
    severity: 'error',
    summary: 'A node affinity matchFields entry: key metadata.name, operator In/NotIn, exactly one node name.',
    upstream: true,
    doc: {
      why: 'matchFields only supports the key metadata.name with operator In or NotIn and exactly one value, a node name.',
      example: 'matchFields:\n- key: metadata.labels\n  operator: In\n  values: [worker-1]',
      fix: 'Use key metadata.name with In/NotIn and one node name, or use matchExpressions for labels.',
    },
  },
  'affinity-weight': {
    severity: 'error',
    summary: 'A preferred affinity term weight must be in the range 1-100.',
    upstream: true,
    doc: {
      why: 'Preferred scheduling terms are scored by weight, which must be between 1 and 100.',
      example: 'preferredDuringSchedulingIgnoredDuringExecution:\n- weight: 0\n  preference:\n    matchExpressions:\n    - key: disktype\n      operator: In\n      values: [ssd]',
      fix: 'Use a weight from 1 to 100.',
    },
  },
  'label-selector': {
    severity: 'error',
    summary: 'A label selector with a bad key, operator or values.',
    upstream: true,
    doc: {
      why: 'A label selector needs valid label keys and values, and each matchExpression an operator In/NotIn (with values) or Exists/DoesNotExist (without values).',
      example: 'selector:\n  matchExpressions:\n  - key: app\n    operator: Exists\n    values: [web]',
      fix: 'Remove the values for Exists/DoesNotExist, or use In/NotIn.',
    },
  },
  'match-label-keys': {
    severity: 'error',
    summary: 'matchLabelKeys / mismatchLabelKeys: label keys, need a labelSelector, no overlap with it or each other.',
    upstream: true,
    doc: {
      why: 'matchLabelKeys and mismatchLabelKeys merge the Pod\'s own label values into labelSelector, so they need valid label keys, a labelSelector, and keys that neither overlap each other nor keys already in the selector.',
      example: 'podAffinity:\n  requiredDuringSchedulingIgnoredDuringExecution:\n  - topologyKey: kubernetes.io/hostname\n    matchLabelKeys: [app]',
      fix: 'Add a labelSelector and list each key only once, not also in the selector.',
    },
  },
  'pod-affinity-namespace': {
    severity: 'error',
    summary: 'Pod affinity namespaces must be DNS labels.',
    upstream: true,
    doc: {
      why: 'Pod affinity terms select Pods in namespaces by name, and namespace names are DNS labels; other strings are rejected.',
      example: 'podAffinityTerm:\n  topologyKey: kubernetes.io/hostname\n  namespaces: ["Team_A"]',
      fix: 'Use valid namespace names, or a namespaceSelector.',
    },
  },
  'pod-affinity-topology-key': {
    severity: 'error',
    summary: 'A pod affinity term needs a topologyKey that is a label key.',
    upstream: true,
    doc: {
      why: 'Pod (anti-)affinity groups nodes by the value of topologyKey, so it is required and must be a valid label key.',
      example: 'podAntiAffinity:\n  requiredDuringSchedulingIgnoredDuringExecution:\n  - labelSelector:\n      matchLabels:\n        app: web',
      fix: 'Add a topologyKey such as kubernetes.io/hostname.',
    },
  },
  'toleration-key': {
    severity: 'error',
    summary: 'A toleration key must be a label key.',
    upstream: true,
    doc: {
      why: 'A toleration matches taints by key, which must be a valid label key (qualified name); other strings are rejected.',
      example: 'tolerations:\n- key: "dedicated node"\n  operator: Exists',
      fix: 'Use the taint\'s key, e.g. dedicated.',
    },
  },
  'toleration-operator': {
    severity: 'error',
    summary: 'A toleration operator (Equal/Exists) that does not fit its key and value.',
    upstream: true,
    doc: {
      why: 'operator must be Equal (the default) or Exists; Exists takes no value, and an empty key is only allowed with Exists (tolerating everything).',
      example: 'tolerations:\n- key: dedicated\n  operator: Exists\n  value: gpu',
      fix: 'Use Equal to match a value, or drop the value with Exists.',
    },
  },
  'toleration-effect': {
    severity: 'error',
    summary: 'A toleration effect outside NoSchedule/PreferNoSchedule/NoExecute, or tolerationSeconds without NoExecute.',
    upstream: true,
    doc: {
      why: 'effect must be NoSchedule, PreferNoSchedule or NoExecute, and tolerationSeconds only applies to NoExecute (it bounds how long an evicting taint is tolerated).',
      example: 'tolerations:\n- key: dedicated\n  operator: Exists\n  effect: NoSchedule\n  tolerationSeconds: 300',
      fix: 'Set effect NoExecute with tolerationSeconds, or remove tolerationSeconds.',
    },
  },
  'topology-spread-max-skew': {
    severity: 'error',
    summary: 'A topology spread constraint needs maxSkew greater than zero.',
    upstream: true,
    doc: {
      why: 'maxSkew is the permitted difference in matching Pods between domains; it must be greater than zero.',
      example: 'topologySpreadConstraints:\n- maxSkew: 0\n  topologyKey: topology.kubernetes.io/zone\n  whenUnsatisfiable: DoNotSchedule',
      fix: 'Set maxSkew to 1 or more.',
    },
  },
  'topology-spread-topology-key': {
    severity: 'error',
    summary: 'A topology spread constraint needs a topologyKey.',
    upstream: true,
    doc: {
      why: 'The constraint spreads Pods across the domains defined by the node label in topologyKey, so it is required.',
      example: 'topologySpreadConstraints:\n- maxSkew: 1\n  whenUnsatisfiable: DoNotSchedule\n  labelSelector:\n    matchLabels:\n      app: web',
      fix: 'Add a topologyKey, e.g. topology.kubernetes.io/zone.',
    },
  },
  'topology-spread-when-unsatisfiable': {
    severity: 'error',
    summary: 'whenUnsatisfiable must be DoNotSchedule or ScheduleAnyway.',
    upstream: true,
    doc: {
      why: 'whenUnsatisfiable is a required enumeration; missing or other values are rejected.',
      example: 'topologySpreadConstraints:\n- maxSkew: 1\n  topologyKey: topology.kubernetes.io/zone\n  whenUnsatisfiable: Ignore',
      fix: 'Use DoNotSchedule or ScheduleAnyway.',
    },
  },
  'duplicate-topology-spread': {
    severity: 'error',
    summary: 'Two topology spread constraints with the same topologyKey and whenUnsatisfiable.',
    upstream: true,
    doc: {
      why: 'Two constraints with the same topologyKey and whenUnsatisfiable would conflict, so the pair must be unique.',
      example: 'topologySpreadConstraints:\n- maxSkew: 1\n  topologyKey: topology.kubernetes.io/zone\n  whenUnsatisfiable: DoNotSchedule\n- maxSkew: 2\n  topologyKey: topology.kubernetes.io/zone\n  whenUnsatisfiable: DoNotSchedule',
      fix: 'Merge the constraints, or change the key or whenUnsatisfiable of one.',
    },
  },
  'topology-spread-min-domains': {
    severity: 'error',
    summary: 'minDomains must be greater than zero and needs whenUnsatisfiable DoNotSchedule.',
    upstream: true,
    doc: {
      why: 'minDomains must be greater than zero and only has meaning with whenUnsatisfiable: DoNotSchedule.',
      example: 'topologySpreadConstraints:\n- maxSkew: 1\n  minDomains: 3\n  topologyKey: topology.kubernetes.io/zone\n  whenUnsatisfiable: ScheduleAnyway',
      fix: 'Use DoNotSchedule with minDomains, or remove minDomains.',
    },
  },
  'topology-spread-node-policy': {
    severity: 'error',
    summary: 'nodeAffinityPolicy / nodeTaintsPolicy must be Honor or Ignore.',
    upstream: true,
    doc: {
      why: 'nodeAffinityPolicy and nodeTaintsPolicy are enumerations; values other than Honor or Ignore are rejected as NotSupported.',
      example: 'topologySpreadConstraints:\n- maxSkew: 1\n  topologyKey: kubernetes.io/hostname\n  whenUnsatisfiable: DoNotSchedule\n  nodeTaintsPolicy: Respect',
      fix: 'Use Honor or Ignore.',
    },
  },
  // Metadata: ObjectMeta, Pod-specific annotations, template labels/annotations (rules/metadata.ts, rules/meta/).
  'object-name': {
    severity: 'error',
    summary: 'metadata.name (or the name generated from generateName) is missing or not a valid name for its kind.',
    upstream: true,
    doc: {
      why: 'Every object needs metadata.name (or generateName), and the name must fit its kind: a DNS subdomain for most kinds, a DNS label for some (e.g. Services, Namespaces), at most 253 characters.',
      example: 'metadata:\n  name: Web_Server',
      fix: 'Use a lowercase name of alphanumerics, - and ., e.g. web-server.',
    },
  },
  'object-namespace': {
    severity: 'error',
    summary: 'metadata.namespace must be a DNS label.',
    upstream: true,
    doc: {
      why: 'Namespace names are DNS labels (at most 63 lowercase alphanumerics and dashes), so any other value can never name a namespace.',
      example: 'metadata:\n  name: web\n  namespace: Team.A',
      fix: 'Use the valid name of the namespace, e.g. team-a.',
    },
  },
  'object-generation': {
    severity: 'error',
    summary: 'metadata.generation must not be negative.',
    upstream: true,
    doc: {
      why: 'metadata.generation is a counter maintained by the API server; a negative value is rejected.',
      example: 'metadata:\n  name: web\n  generation: -1',
      fix: 'Remove metadata.generation; the server sets it.',
    },
  },
  'metadata-labels': {
    severity: 'error',
    summary: 'Label keys must be qualified names and values valid label values (at most 63 characters).',
    upstream: true,
    doc: {
      why: 'Label keys must be qualified names (optional DNS prefix up to 253 characters, then a name of up to 63 alphanumerics, -, _ and .) and values at most 63 such characters, beginning and ending alphanumeric.',
      example: 'metadata:\n  labels:\n    app: "web server"',
      fix: 'Use a valid key and value, e.g. app: web-server.',
    },
  },
  'metadata-annotations': {
    severity: 'error',
    summary: 'Annotation keys must be qualified names (case-insensitive), and all annotations together at most 256 KiB.',
    upstream: true,
    doc: {
      why: 'Annotation keys must be qualified names (checked case-insensitively), and the keys and values together are limited to 256 KiB.',
      example: 'metadata:\n  annotations:\n    "build info": v1.2.3',
      fix: 'Use a qualified key such as example.com/build-info, and keep large data out of annotations.',
    },
  },
  'metadata-finalizers': {
    severity: 'error',
    summary: 'Finalizers must be qualified names, fully qualified unless standard, and not both orphan and foregroundDeletion.',
    upstream: true,
    doc: {
      why: 'Finalizers must be qualified names, fully qualified (with a domain prefix) unless they are standard ones like kubernetes or orphan, and orphan and foregroundDeletion cannot both be set.',
      example: 'metadata:\n  finalizers:\n  - orphan\n  - foregroundDeletion',
      fix: 'Keep one deletion finalizer, and prefix custom ones with a domain, e.g. example.com/cleanup.',
    },
  },
  'metadata-owner-references': {
    severity: 'error',
    summary: 'An owner reference needs apiVersion, kind, name and uid; at most one may be the controller.',
    upstream: true,
    doc: {
      why: 'An owner reference needs apiVersion, kind, name and uid to locate its owner for garbage collection, and at most one reference may have controller: true.',
      example: 'metadata:\n  ownerReferences:\n  - apiVersion: apps/v1\n    kind: ReplicaSet\n    name: web-7d4b9',
      fix: 'Add the missing fields (including the owner\'s uid), or let the controller set ownerReferences.',
    },
  },
  'mirror-pod-annotation': {
    severity: 'error',
    summary: 'The mirror Pod annotation needs spec.nodeName.',
    upstream: true,
    doc: {
      why: 'The kubernetes.io/config.mirror annotation marks a mirror of a static Pod, which always belongs to a node; without spec.nodeName it is rejected.',
      example: 'metadata:\n  annotations:\n    kubernetes.io/config.mirror: abc123\nspec:\n  containers:\n  - name: app\n    image: nginx:1.27',
      fix: 'Remove the annotation; mirror Pods are created by the kubelet.',
    },
  },
  'pod-deletion-cost': {
    severity: 'error',
    summary: 'controller.kubernetes.io/pod-deletion-cost must be a 32-bit integer in canonical form.',
    upstream: true,
    doc: {
      why: 'controller.kubernetes.io/pod-deletion-cost is parsed as a 32-bit integer in canonical form (no +, leading zeros or decimals), otherwise the Pod is rejected.',
      example: 'metadata:\n  annotations:\n    controller.kubernetes.io/pod-deletion-cost: "1.5"',
      fix: 'Use a quoted integer such as "100".',
    },
  },
  'seccomp-annotation': {
    severity: 'error',
    summary: 'A legacy seccomp annotation with an unknown profile or a bad localhost path.',
    upstream: true,
    doc: {
      why: 'The legacy seccomp.security.alpha.kubernetes.io annotations accept only runtime/default, docker/default, unconfined or localhost/<relative path without ..>.',
      example: 'metadata:\n  annotations:\n    seccomp.security.alpha.kubernetes.io/pod: default',
      fix: 'Use the seccompProfile field (type: RuntimeDefault) instead of the annotation.',
    },
  },
  'apparmor-annotation': {
    severity: 'error',
    summary: 'A legacy AppArmor annotation naming no container of the Pod, or with an unknown profile.',
    upstream: true,
    doc: {
      why: 'A container.apparmor.security.beta.kubernetes.io/<name> annotation must name a container of the Pod and a profile runtime/default, unconfined or localhost/<name>.',
      example: 'metadata:\n  annotations:\n    container.apparmor.security.beta.kubernetes.io/web: runtime/default\nspec:\n  containers:\n  - name: app\n    image: nginx:1.27',
      fix: 'Use securityContext.appArmorProfile, or correct the container name and profile.',
    },
  },
  'security-annotation-mismatch': {
    severity: 'error',
    summary: 'A legacy seccomp/AppArmor annotation that disagrees with the seccompProfile/appArmorProfile field.',
    upstream: true,
    doc: {
      why: 'When both a legacy seccomp/AppArmor annotation and the matching securityContext field are set, they must agree; conflicting values are rejected.',
      example: 'metadata:\n  annotations:\n    seccomp.security.alpha.kubernetes.io/pod: unconfined\nspec:\n  securityContext:\n    seccompProfile:\n      type: RuntimeDefault',
      fix: 'Remove the legacy annotation and keep the field.',
    },
  },
  // Node (rules/node.ts).
  'node-taint': {
    severity: 'error',
    summary: 'A Node taint with a bad key or value, or an effect other than NoSchedule/PreferNoSchedule/NoExecute.',
    upstream: true,
    doc: {
      why: 'A Node taint needs a key that is a qualified name, a value that is a valid label value, and an effect of NoSchedule, PreferNoSchedule or NoExecute.',
      example: 'spec:\n  taints:\n  - key: dedicated\n    value: gpu\n    effect: NoExecuteNow',
      fix: 'Use a valid key/value and one of the three effects.',
    },
  },
  'duplicate-node-taint': {
    severity: 'error',
    summary: 'Two Node taints with the same key and effect.',
    upstream: true,
    doc: {
      why: 'A taint is identified by key and effect, so two taints with the same pair are rejected.',
      example: 'spec:\n  taints:\n  - key: dedicated\n    value: gpu\n    effect: NoSchedule\n  - key: dedicated\n    value: db\n    effect: NoSchedule',
      fix: 'Keep one taint per key and effect.',
    },
  },
  'node-pod-cidr': {
    severity: 'error',
    summary: 'Node podCIDR(s) must be CIDRs, at most one per IP family.',
    upstream: true,
    doc: {
      why: 'podCIDR and podCIDRs must be valid CIDRs, with at most one per IP family (one IPv4 and one IPv6), and podCIDR must equal podCIDRs[0].',
      example: 'spec:\n  podCIDRs:\n  - 10.244.1.0/24\n  - 10.244.2.0/24',
      fix: 'List one IPv4 and/or one IPv6 CIDR.',
    },
  },
  'node-resource-quantity': {
    severity: 'error',
    summary: 'Node capacity/allocatable must not be negative, and pods and extended resources must be whole numbers.',
    upstream: true,
    doc: {
      why: 'Node capacity and allocatable are amounts that cannot be negative, and pods and extended resources are counted in whole units.',
      example: 'status:\n  capacity:\n    pods: "110.5"',
      fix: 'Use non-negative values, and whole numbers for pods and extended resources.',
    },
  },
  'node-swap-capacity': {
    severity: 'error',
    summary: 'The node swap capacity must be greater than zero.',
    upstream: true,
    doc: {
      why: 'nodeInfo.swap.capacity reports the swap available on the node; when present it must be greater than zero.',
      example: 'status:\n  nodeInfo:\n    swap:\n      capacity: 0',
      fix: 'Omit swap when the node has none, or report its real size.',
    },
  },
  // Workloads: controller specs (rules/workloads.ts, rules/meta/batch.ts, rules/meta/workload.ts).
  'workload-selector': {
    severity: 'error',
    summary: 'A workload selector that is missing, empty, invalid, or (Jobs) written without manualSelector: true.',
    upstream: true,
    doc: {
      why: 'Controllers find their Pods through spec.selector: it is required (except Jobs, where it is generated) and must not be empty or invalid; a hand-written Job selector needs manualSelector: true.',
      example: 'kind: Deployment\nspec:\n  selector: {}\n  template:\n    metadata:\n      labels:\n        app: web',
      fix: 'Set a selector matching the template labels (for Jobs, omit it or add manualSelector: true).',
    },
  },
  'selector-template-mismatch': {
    severity: 'error',
    summary: 'The workload selector does not select the labels of its own Pod template.',
    upstream: true,
    doc: {
      why: 'A controller whose selector does not match its own Pod template labels would never see the Pods it creates, so the API server rejects it.',
      example: 'spec:\n  selector:\n    matchLabels:\n      app: web\n  template:\n    metadata:\n      labels:\n        app: frontend',
      fix: 'Make the template labels satisfy the selector.',
    },
  },
  'workload-template': {
    severity: 'error',
    summary: 'A ReplicationController needs a Pod template.',
    upstream: true,
    doc: {
      why: 'A ReplicationController creates Pods from spec.template; without one it has nothing to run and is rejected.',
      example: 'kind: ReplicationController\nspec:\n  replicas: 2\n  selector:\n    app: web',
      fix: 'Add a spec.template with labels matching the selector.',
    },
  },
  'workload-count': {
    severity: 'error',
    summary: 'replicas, minReadySeconds, revisionHistoryLimit and similar counts must not be negative.',
    upstream: true,
    doc: {
      why: 'replicas, minReadySeconds, revisionHistoryLimit and similar counts are non-negative integers; negative values are rejected.',
      example: 'spec:\n  replicas: -1',
      fix: 'Use zero or a positive number.',
    },
  },
  'workload-restart-policy': {
    severity: 'error',
    summary: 'Deployments, ReplicaSets, DaemonSets, StatefulSets and ReplicationControllers only run Pods with restartPolicy Always.',
    upstream: true,
    doc: {
      why: 'Long-running controllers keep their Pods running, so the template must use restartPolicy Always (the default); OnFailure or Never are rejected.',
      example: 'kind: Deployment\nspec:\n  template:\n    spec:\n      restartPolicy: OnFailure',
      fix: 'Remove restartPolicy or set it to Always (use a Job for run-to-completion work).',
    },
  },
  'workload-active-deadline': {
    severity: 'error',
    summary: 'activeDeadlineSeconds is not supported in the Pod template of a long-running controller.',
    upstream: true,
    doc: {
      why: 'Deployments, ReplicaSets, DaemonSets and StatefulSets run Pods indefinitely, so activeDeadlineSeconds (which kills the Pod) is not allowed in their template.',
      example: 'kind: Deployment\nspec:\n  template:\n    spec:\n      activeDeadlineSeconds: 3600',
      fix: 'Remove activeDeadlineSeconds from the template.',
    },
  },
  'deployment-strategy': {
    severity: 'error',
    summary: 'A Deployment strategy: Recreate or RollingUpdate, maxUnavailable/maxSurge non-negative ints or percents, not both 0.',
    upstream: true,
    doc: {
      why: 'strategy.type must be Recreate or RollingUpdate; rollingUpdate values must be non-negative integers or percentages, cannot both be 0, and are not allowed with Recreate.',
      example: 'strategy:\n  type: RollingUpdate\n  rollingUpdate:\n    maxUnavailable: 0\n    maxSurge: 0',
      fix: 'Let at least one of maxUnavailable or maxSurge be above zero.',
    },
  },
  'progress-deadline': {
    severity: 'error',
    summary: 'progressDeadlineSeconds (default 600) must be greater than minReadySeconds.',
    upstream: true,
    doc: {
      why: 'A Deployment is marked as failing to progress after progressDeadlineSeconds (default 600), which must therefore exceed minReadySeconds.',
      example: 'spec:\n  minReadySeconds: 900',
      fix: 'Lower minReadySeconds or set progressDeadlineSeconds above it.',
    },
  },
  'daemonset-update-strategy': {
    severity: 'error',
    summary: 'A DaemonSet updateStrategy: RollingUpdate or OnDelete, exactly one of maxUnavailable/maxSurge non-zero.',
    upstream: true,
    doc: {
      why: 'updateStrategy.type must be RollingUpdate or OnDelete, and a rolling update needs exactly one of maxUnavailable or maxSurge to be non-zero.',
      example: 'updateStrategy:\n  type: RollingUpdate\n  rollingUpdate:\n    maxUnavailable: 0\n    maxSurge: 0',
      fix: 'Set one of maxUnavailable or maxSurge above zero and the other to 0.',
    },
  },
  'statefulset-policy': {
    severity: 'error',
    summary: 'StatefulSet serviceName (a DNS label), podManagementPolicy, updateStrategy and PVC retention policy values.',
    upstream: true,
    doc: {
      why: 'serviceName must be a DNS label, podManagementPolicy OrderedReady or Parallel, updateStrategy RollingUpdate or OnDelete, and PVC retention policies Retain or Delete.',
      example: 'spec:\n  serviceName: web\n  podManagementPolicy: Sequential',
      fix: 'Use the supported values, e.g. podManagementPolicy: OrderedReady.',
    },
  },
  'job-spec': {
    severity: 'error',
    summary: 'Job counts, completionMode and its Indexed-only fields, successPolicy and podReplacementPolicy.',
    upstream: true,
    doc: {
      why: 'Job counts (parallelism, completions, backoffLimit, …) must not be negative, completionMode must be NonIndexed or Indexed, and Indexed-only fields (backoffLimitPerIndex, maxFailedIndexes, successPolicy) need Indexed mode with completions.',
      example: 'spec:\n  completionMode: NonIndexed\n  backoffLimitPerIndex: 1',
      fix: 'Use completionMode: Indexed with completions, or remove the Indexed-only field.',
    },
  },
  'job-restart-policy': {
    severity: 'error',
    summary: 'A Job Pod template needs restartPolicy OnFailure or Never (Never with a podFailurePolicy).',
    upstream: true,
    doc: {
      why: 'Job Pods must terminate, so the template restartPolicy must be OnFailure or Never, and Never when a podFailurePolicy is used.',
      example: 'kind: Job\nspec:\n  template:\n    spec:\n      restartPolicy: Always',
      fix: 'Set restartPolicy to Never (or OnFailure without a podFailurePolicy).',
    },
  },
  'job-generated-labels': {
    severity: 'error',
    summary: 'Labels the API server generates for a Job Pod (job-name, controller-uid) written with other values, or a Job name too long for a label value.',
    upstream: true,
    doc: {
      why: 'The API server adds job-name and controller-uid labels to the Job Pod template; written with other values they conflict, and a Job name longer than 63 characters cannot be a label value.',
      example: 'kind: Job\nmetadata:\n  name: backup\nspec:\n  template:\n    metadata:\n      labels:\n        job-name: restore',
      fix: 'Remove the generated labels from the template (and keep the Job name at most 63 characters).',
    },
  },
  'job-pod-failure-policy': {
    severity: 'error',
    summary: 'A Job podFailurePolicy rule with a bad action, operator, exit codes or pod condition.',
    upstream: true,
    doc: {
      why: 'Each podFailurePolicy rule needs an action (FailJob, FailIndex, Ignore, Count) and exactly one of onExitCodes (In/NotIn, unique sorted codes, no 0 with In) or onPodConditions.',
      example: 'podFailurePolicy:\n  rules:\n  - action: Fail\n    onExitCodes:\n      operator: In\n      values: [1]',
      fix: 'Use a supported action and valid exit codes or pod conditions.',
    },
  },
  'job-managed-by': {
    severity: 'error',
    summary: 'A Job managedBy must be a domain-prefixed path of at most 63 characters.',
    upstream: true,
    doc: {
      why: 'spec.managedBy names the controller responsible for the Job; it must be a domain-prefixed path such as example.com/controller, at most 63 characters.',
      example: 'spec:\n  managedBy: my-controller',
      fix: 'Use a domain-prefixed value, e.g. example.com/my-controller.',
    },
  },
  'cronjob-name': {
    severity: 'error',
    summary: 'A CronJob name must be at most 52 characters (its Jobs add an 11-character suffix).',
    upstream: true,
    doc: {
      why: 'Each Job a CronJob creates is named after it plus an 11-character suffix, which must still fit the 63-character label value limit, so the CronJob name may be at most 52 characters.',
      example: 'kind: CronJob\nmetadata:\n  name: nightly-database-backup-for-the-reporting-warehouse-eu',
      fix: 'Shorten the name to 52 characters or fewer.',
    },
  },
  'cronjob-schedule': {
    severity: 'error',
    summary: 'A CronJob needs a valid five-field cron schedule (or @descriptor), without TZ= (use timeZone).',
    upstream: true,
    doc: {
      why: 'schedule must be a five-field cron expression or a descriptor like @hourly; TZ= or CRON_TZ= prefixes are rejected in favour of spec.timeZone.',
      example: 'spec:\n  schedule: "TZ=Europe/Paris 0 3 * * *"',
      fix: 'Use schedule: "0 3 * * *" with timeZone: Europe/Paris.',
    },
  },
  'cronjob-spec': {
    severity: 'error',
    summary: 'CronJob concurrencyPolicy, timeZone, history limits, and a job template without selector or manualSelector.',
    upstream: true,
    doc: {
      why: 'concurrencyPolicy must be Allow, Forbid or Replace, timeZone a valid IANA zone, history limits non-negative, and the job template may not set selector or manualSelector (the selector is generated).',
      example: 'spec:\n  concurrencyPolicy: Skip',
      fix: 'Use a supported value, e.g. concurrencyPolicy: Forbid.',
    },
  },
  // Volumes, mounts and the Pod security context (rules/volumes.ts, rules/mounts.ts,
  // rules/securityContext.ts, rules/volume/*).
  'volume-name': {
    severity: 'error',
    summary: 'A volume needs a name that is a DNS label.',
    upstream: true,
    doc: {
      why: 'Volumes are referenced by name from volumeMounts and volumeDevices, and the name must be a DNS label (at most 63 lowercase alphanumerics and dashes).',
      example: 'volumes:\n- name: app_config\n  configMap:\n    name: app',
      fix: 'Use a DNS label such as app-config (and update the mounts).',
    },
  },
  'duplicate-volume-name': {
    severity: 'error',
    summary: 'Two volumes of a Pod with the same name.',
    upstream: true,
    doc: {
      why: 'A mount would be ambiguous if two volumes shared a name, so volume names must be unique within the Pod.',
      example: 'volumes:\n- name: data\n  emptyDir: {}\n- name: data\n  persistentVolumeClaim:\n    claimName: data',
      fix: 'Rename one of the volumes (and its mounts).',
    },
  },
  'volume-multiple-sources': {
    severity: 'error',
    summary: 'A volume with more than one source (emptyDir, configMap, …); every source after the first is rejected.',
    upstream: true,
    doc: {
      why: 'Each volume has exactly one source; declaring a second (e.g. emptyDir and configMap) is rejected because the kubelet could not tell which to use.',
      example: 'volumes:\n- name: config\n  emptyDir: {}\n  configMap:\n    name: app',
      fix: 'Keep one source, or split into two volumes.',
    },
  },
  'empty-dir-size-limit': {
    severity: 'error',
    summary: 'An emptyDir sizeLimit must not be negative.',
    upstream: true,
    doc: {
      why: 'sizeLimit caps the emptyDir\'s storage; a negative quantity makes no sense and is rejected.',
      example: 'volumes:\n- name: cache\n  emptyDir:\n    sizeLimit: -1Gi',
      fix: 'Use a positive quantity such as 1Gi, or remove sizeLimit.',
    },
  },
  'host-path-volume': {
    severity: 'error',
    summary: 'A hostPath volume needs a path without `..` elements and a known type.',
    upstream: true,
    doc: {
      why: 'hostPath needs a path on the node without .. elements (which could escape the intended directory), and type must be one of "", DirectoryOrCreate, Directory, FileOrCreate, File, Socket, CharDevice or BlockDevice.',
      example: 'volumes:\n- name: logs\n  hostPath:\n    path: /var/log/../lib\n    type: Dir',
      fix: 'Use a clean absolute path and a supported type, e.g. Directory.',
    },
  },
  'volume-file-mode': {
    severity: 'error',
    summary: 'defaultMode / mode of a volume file must be 0–0777 (octal; YAML 1.1 reads an unquoted 0644 as 420).',
    upstream: true,
    doc: {
      why: 'File modes must be between 0 and 0777 (decimal 511). A mode written without its leading 0, such as 644, is read as decimal 644 and exceeds the limit; an unquoted 0644 is read as octal (420), as intended.',
      example: 'volumes:\n- name: config\n  configMap:\n    name: app\n    defaultMode: 644',
      fix: 'Write the mode in octal with a leading 0 (0644) or as its decimal value (420).',
    },
  },
  'volume-key-to-path': {
    severity: 'error',
    summary: 'A secret/configMap item needs a key and a relative path without `..`.',
    upstream: true,
    doc: {
      why: 'Each items entry of a secret or configMap volume needs a key and a relative path without .. elements, so the file stays inside the volume.',
      example: 'configMap:\n  name: app\n  items:\n  - key: settings\n    path: ../settings.yaml',
      fix: 'Use a relative path inside the volume, e.g. settings.yaml.',
    },
  },
  'secret-volume': {
    severity: 'error',
    summary: 'A secret volume needs secretName.',
    upstream: true,
    doc: {
      why: 'A secret volume projects an existing Secret, so secretName is required.',
      example: 'volumes:\n- name: tls\n  secret:\n    defaultMode: 0400',
      fix: 'Add secretName with the name of the Secret.',
    },
  },
  'config-map-volume': {
    severity: 'error',
    summary: 'A configMap volume needs name.',
    upstream: true,
    doc: {
      why: 'A configMap volume projects an existing ConfigMap, so its name is required.',
      example: 'volumes:\n- name: config\n  configMap:\n    optional: true',
      fix: 'Add name with the name of the ConfigMap.',
    },
  },
  'pvc-volume': {
    severity: 'error',
    summary: 'A persistentVolumeClaim volume needs claimName, and may not name a PVC the Pod creates for an ephemeral volume.',
    upstream: true,
    doc: {
      why: 'A persistentVolumeClaim volume must name the claim, and cannot name the PVC that a generic ephemeral volume of the same Pod will create (<pod>-<volume>).',
      example: 'volumes:\n- name: data\n  persistentVolumeClaim:\n    readOnly: true',
      fix: 'Set claimName to an existing PVC.',
    },
  },
  'downward-api-volume': {
    severity: 'error',
    summary: 'A downward API volume item: relative path, exactly one of fieldRef (volume field paths) or resourceFieldRef (with containerName).',
    upstream: true,
    doc: {
      why: 'Each downward API item needs a relative path without .., and exactly one of fieldRef (only fields valid for volumes) or resourceFieldRef (which must name a containerName).',
      example: 'downwardAPI:\n  items:\n  - path: cpu_limit\n    resourceFieldRef:\n      resource: limits.cpu',
      fix: 'Add containerName to the resourceFieldRef (or fix the path / field reference).',
    },
  },
  'projected-volume': {
    severity: 'error',
    summary: 'A projected volume: one kind per source, names set, no file path projected twice.',
    upstream: true,
    doc: {
      why: 'Each projected source must set exactly one kind (secret, configMap, downwardAPI, serviceAccountToken, clusterTrustBundle, podCertificate) with its name, and no two sources may write the same file path.',
      example: 'projected:\n  sources:\n  - configMap:\n      name: app\n    secret:\n      name: app',
      fix: 'Put each source in its own list item and keep file paths unique.',
    },
  },
  'service-account-token-projection': {
    severity: 'error',
    summary: 'A serviceAccountToken projection needs a relative path and an expiration between 10 minutes and 2^32 seconds.',
    upstream: true,
    doc: {
      why: 'A projected serviceAccountToken needs a relative path, and expirationSeconds must be at least 600 (10 minutes) and less than 2^32.',
      example: 'projected:\n  sources:\n  - serviceAccountToken:\n      path: token\n      expirationSeconds: 60',
      fix: 'Use an expirationSeconds of at least 600 (default 3600).',
    },
  },
  'nfs-volume': {
    severity: 'error',
    summary: 'An nfs volume needs a server and an absolute path.',
    upstream: true,
    doc: {
      why: 'An nfs volume mounts server:path, so both are required and path must be absolute.',
      example: 'volumes:\n- name: shared\n  nfs:\n    server: nfs.example.com\n    path: exports/shared',
      fix: 'Use an absolute path such as /exports/shared.',
    },
  },
  'csi-volume': {
    severity: 'error',
    summary: 'An inline CSI volume needs a driver name (a DNS subdomain of at most 63 characters) and a valid nodePublishSecretRef name.',
    upstream: true,
    doc: {
      why: 'An inline CSI volume needs a driver name that is a DNS subdomain of at most 63 characters, and a nodePublishSecretRef must name a valid Secret.',
      example: 'volumes:\n- name: secrets\n  csi:\n    driver: Secrets_Store',
      fix: 'Use the registered driver name, e.g. secrets-store.csi.k8s.io.',
    },
  },
  'image-volume': {
    severity: 'error',
    summary: 'An image volume needs a reference (in Pods) and a valid pullPolicy.',
    upstream: true,
    doc: {
      why: 'An image volume mounts an OCI image, so in Pods it needs a reference, and pullPolicy must be Always, IfNotPresent or Never.',
      example: 'volumes:\n- name: model\n  image:\n    pullPolicy: IfNotPresent',
      fix: 'Add reference with the image to mount.',
    },
  },
  'ephemeral-volume': {
    severity: 'error',
    summary: 'A generic ephemeral volume: claim template with only labels/annotations metadata, access modes, a positive storage request, and a valid generated PVC name.',
    upstream: true,
    doc: {
      why: 'A generic ephemeral volume\'s volumeClaimTemplate may only carry labels and annotations in its metadata, needs accessModes and a positive storage request, and the generated PVC name <pod>-<volume> must be valid.',
      example: 'ephemeral:\n  volumeClaimTemplate:\n    spec:\n      accessModes: [ReadWriteOnce]\n      resources:\n        requests:\n          storage: 0',
      fix: 'Request a positive storage size and keep the template metadata to labels/annotations.',
    },
  },
  'volume-plugin': {
    severity: 'error',
    summary: 'An in-tree volume plugin (iscsi, fc, rbd, cephfs, azureDisk, gcePersistentDisk, …) with missing or malformed fields.',
    upstream: true,
    doc: {
      why: 'Each in-tree plugin has required fields (e.g. iscsi targetPortal/iqn/lun, rbd monitors and image, gcePersistentDisk pdName, azureDisk diskName/diskURI) and formats for them; missing or malformed fields are rejected.',
      example: 'volumes:\n- name: disk\n  gcePersistentDisk:\n    fsType: ext4',
      fix: 'Fill in the plugin\'s required fields (or move to its CSI driver).',
    },
  },
  'volume-mount-name': {
    severity: 'error',
    summary: 'A volume mount must name a volume of the Pod that is itself valid.',
    upstream: true,
    doc: {
      why: 'A volumeMount refers to a Pod volume by name; a name that matches no volume (or only an invalid one) is rejected as not found.',
      example: 'containers:\n- name: app\n  volumeMounts:\n  - name: confg\n    mountPath: /etc/app\nvolumes:\n- name: config\n  emptyDir: {}',
      fix: 'Use the exact name of a volume declared in spec.volumes.',
    },
  },
  'volume-mount-path': {
    severity: 'error',
    summary: 'A volume mount needs a mountPath, unique within its container.',
    upstream: true,
    doc: {
      why: 'Every mount needs a mountPath, and two mounts of one container cannot use the same path.',
      example: 'volumeMounts:\n- name: config\n  mountPath: /etc/app\n- name: secrets\n  mountPath: /etc/app',
      fix: 'Give each mount its own path.',
    },
  },
  'volume-mount-device-conflict': {
    severity: 'error',
    summary: 'A volume used both as a mount and as a device, or one path used by both.',
    upstream: true,
    doc: {
      why: 'A volume is either mounted as a filesystem (volumeMounts) or attached as a raw block device (volumeDevices), not both, and a mountPath cannot also be a devicePath.',
      example: 'volumeMounts:\n- name: data\n  mountPath: /data\nvolumeDevices:\n- name: data\n  devicePath: /dev/xvda',
      fix: 'Use the volume in one way only.',
    },
  },
  'volume-mount-sub-path': {
    severity: 'error',
    summary: 'subPath / subPathExpr must be relative without `..`, and not both set.',
    upstream: true,
    doc: {
      why: 'subPath and subPathExpr must be relative paths without .. (so they cannot escape the volume), and they are mutually exclusive.',
      example: 'volumeMounts:\n- name: data\n  mountPath: /data\n  subPath: ../other',
      fix: 'Use a relative path inside the volume, and only one of the two fields.',
    },
  },
  'mount-propagation': {
    severity: 'error',
    summary: 'mountPropagation must be None, HostToContainer or Bidirectional (privileged containers only).',
    upstream: true,
    doc: {
      why: 'mountPropagation must be None, HostToContainer or Bidirectional, and Bidirectional is only allowed in privileged containers because it can propagate mounts back to the host.',
      example: 'volumeMounts:\n- name: host\n  mountPath: /host\n  mountPropagation: Bidirectional',
      fix: 'Use HostToContainer, or make the container privileged if it really needs Bidirectional.',
    },
  },
  'recursive-read-only': {
    severity: 'error',
    summary: 'recursiveReadOnly must be Disabled, IfPossible or Enabled; the latter two need readOnly and no mount propagation.',
    upstream: true,
    doc: {
      why: 'recursiveReadOnly must be Disabled, IfPossible or Enabled; IfPossible and Enabled require readOnly: true and mountPropagation None (or unset).',
      example: 'volumeMounts:\n- name: data\n  mountPath: /data\n  recursiveReadOnly: Enabled',
      fix: 'Add readOnly: true (and no propagation), or use Disabled.',
    },
  },
  'ephemeral-container-sub-path': {
    severity: 'error',
    summary: 'Ephemeral containers cannot mount with subPath or subPathExpr.',
    upstream: true,
    doc: {
      why: 'Ephemeral containers can only mount existing volumes as a whole; subPath and subPathExpr are forbidden on their mounts.',
      example: 'ephemeralContainers:\n- name: debug\n  image: busybox:1.36\n  volumeMounts:\n  - name: data\n    mountPath: /data\n    subPath: logs',
      fix: 'Mount the whole volume without subPath.',
    },
  },
  'volume-device': {
    severity: 'error',
    summary: 'A volumeDevices entry: a unique name of a PVC or ephemeral volume and a unique devicePath without `..`.',
    upstream: true,
    doc: {
      why: 'A volumeDevices entry must name a PVC or generic ephemeral volume (only those can be raw block devices), once, with a unique devicePath without .. elements.',
      example: 'volumeDevices:\n- name: scratch\n  devicePath: /dev/xvdb\nvolumes:\n- name: scratch\n  emptyDir: {}',
      fix: 'Attach a persistentVolumeClaim or ephemeral volume, or use a volumeMount for emptyDir.',
    },
  },
  'security-context-id': {
    severity: 'error',
    summary: 'runAsUser, runAsGroup, fsGroup and supplementalGroups must be between 0 and 2147483647.',
    upstream: true,
    doc: {
      why: 'User and group IDs (runAsUser, runAsGroup, fsGroup, supplementalGroups) must be between 0 and 2147483647.',
      example: 'securityContext:\n  runAsUser: -1',
      fix: 'Use an ID in the valid range.',
    },
  },
  'share-process-namespace-host-pid': {
    severity: 'error',
    summary: 'shareProcessNamespace and hostPID cannot both be true.',
    upstream: true,
    doc: {
      why: 'shareProcessNamespace gives the Pod its own shared PID namespace, while hostPID uses the node\'s, so both cannot be true.',
      example: 'spec:\n  hostPID: true\n  shareProcessNamespace: true',
      fix: 'Set only one of them.',
    },
  },
  'sysctl-name': {
    severity: 'error',
    summary: 'A sysctl needs a valid, unique name.',
    upstream: true,
    doc: {
      why: 'Each sysctl needs a name in sysctl format (dot- or slash-separated lowercase segments) and may appear only once.',
      example: 'securityContext:\n  sysctls:\n  - name: net.core.somaxconn\n    value: "1024"\n  - name: net.core.somaxconn\n    value: "2048"',
      fix: 'Use a valid name and list each sysctl once.',
    },
  },
  'sysctl-host-namespace': {
    severity: 'error',
    summary: 'A net.* sysctl with hostNetwork, or an IPC sysctl with hostIPC, would change the host.',
    upstream: true,
    doc: {
      why: 'Namespaced sysctls are applied to the Pod\'s namespaces; with hostNetwork a net.* sysctl (or with hostIPC a kernel.shm*/kernel.msg*/kernel.sem/fs.mqueue.* sysctl) would change the node itself, so it is rejected.',
      example: 'hostNetwork: true\nsecurityContext:\n  sysctls:\n  - name: net.ipv4.ip_forward\n    value: "1"',
      fix: 'Drop hostNetwork/hostIPC or the sysctl.',
    },
  },
  'fs-group-change-policy': {
    severity: 'error',
    summary: 'fsGroupChangePolicy must be OnRootMismatch or Always.',
    upstream: true,
    doc: {
      why: 'fsGroupChangePolicy is an enumeration; values other than OnRootMismatch or Always are rejected.',
      example: 'securityContext:\n  fsGroup: 2000\n  fsGroupChangePolicy: Never',
      fix: 'Use OnRootMismatch or Always.',
    },
  },
  'selinux-change-policy': {
    severity: 'error',
    summary: 'seLinuxChangePolicy must be Recursive (MountOption needs the SELinuxMount feature gate, off by default).',
    upstream: true,
    doc: {
      why: 'seLinuxChangePolicy accepts Recursive, and MountOption only with the SELinuxMount feature gate, which is off by default, so the API server rejects it.',
      example: 'securityContext:\n  seLinuxChangePolicy: MountOption',
      fix: 'Use Recursive, or remove the field.',
    },
  },
  'supplemental-groups-policy': {
    severity: 'error',
    summary: 'supplementalGroupsPolicy must be Merge or Strict.',
    upstream: true,
    doc: {
      why: 'supplementalGroupsPolicy is an enumeration; values other than Merge or Strict are rejected.',
      example: 'securityContext:\n  supplementalGroupsPolicy: Replace',
      fix: 'Use Merge or Strict.',
    },
  },
  'seccomp-profile': {
    severity: 'error',
    summary: 'A seccompProfile needs a type; localhostProfile (relative, no `..`) only and always with Localhost.',
    upstream: true,
    doc: {
      why: 'seccompProfile.type is required (RuntimeDefault, Unconfined or Localhost); localhostProfile, a relative path without .., must be set with Localhost and only with it.',
      example: 'securityContext:\n  seccompProfile:\n    type: Localhost',
      fix: 'Add localhostProfile (e.g. profiles/audit.json), or use RuntimeDefault.',
    },
  },
  'apparmor-profile': {
    severity: 'error',
    summary: 'An appArmorProfile needs a type; localhostProfile only and always with Localhost, unpadded, at most 4095 bytes.',
    upstream: true,
    doc: {
      why: 'appArmorProfile.type is required (RuntimeDefault, Unconfined or Localhost); localhostProfile must be set with Localhost and only with it, without surrounding whitespace and at most 4095 bytes.',
      example: 'securityContext:\n  appArmorProfile:\n    type: RuntimeDefault\n    localhostProfile: k8s-nginx',
      fix: 'Use type: Localhost with the profile name, or drop localhostProfile.',
    },
  },
  'windows-options': {
    severity: 'error',
    summary: 'windowsOptions: gmsaCredentialSpecName a DNS subdomain, gmsaCredentialSpec non-empty and under 64 KiB, runAsUserName DOMAIN\\USER format.',
    upstream: true,
    doc: {
      why: 'gmsaCredentialSpecName must be a DNS subdomain, gmsaCredentialSpec non-empty and under 64 KiB, and runAsUserName in DOMAIN\\USER or USER format with valid lengths and characters.',
      example: 'securityContext:\n  windowsOptions:\n    runAsUserName: "CORP\\\\svc\\\\app"',
      fix: 'Use a single DOMAIN\\USER or USER name.',
    },
  },
  'windows-host-process': {
    severity: 'error',
    summary: 'Windows hostProcess must agree between Pod and containers, apply to all containers, and come with hostNetwork.',
    upstream: true,
    doc: {
      why: 'A HostProcess Pod runs on the Windows host: hostProcess must be the same on the Pod and every container (all or none), and hostNetwork: true is required.',
      example: 'spec:\n  securityContext:\n    windowsOptions:\n      hostProcess: true\n  containers:\n  - name: agent\n    image: agent:1.0',
      fix: 'Add hostNetwork: true and keep hostProcess consistent across all containers.',
    },
  },
  'user-namespace-host-namespace': {
    severity: 'error',
    summary: 'hostUsers: false (a user namespace) cannot be combined with hostNetwork, hostPID, hostIPC or volumeDevices.',
    upstream: true,
    doc: {
      why: 'hostUsers: false runs the Pod in its own user namespace, which cannot be combined with sharing the host\'s network, PID or IPC namespaces, or with raw block volumeDevices.',
      example: 'spec:\n  hostUsers: false\n  hostNetwork: true',
      fix: 'Drop hostNetwork/hostPID/hostIPC/volumeDevices, or remove hostUsers: false.',
    },
  },
  // Coverage gaps closed by docs/coverage.md (issue 13): rules/spec/resourceClaims.ts,
  // rules/nodeAvoidPods.ts, rules/imageReference.ts, rules/warnings/*.
  'pod-resource-claim': {
    severity: 'error',
    summary: 'spec.resourceClaims entries need a unique DNS-label name and exactly one of resourceClaimName or resourceClaimTemplateName.',
    upstream: true,
    doc: {
      why: 'validatePodResourceClaims rejects a claim entry without a name, a name used twice, an entry naming both or neither of resourceClaimName and resourceClaimTemplateName, and names that are not valid object names. Static (mirror) Pods may not use resource claims at all.',
      example: 'spec:\n  resourceClaims:\n  - name: gpu\n    resourceClaimName: gpu-claim\n    resourceClaimTemplateName: gpu-template',
      fix: 'Give each entry a unique name and set exactly one of resourceClaimName or resourceClaimTemplateName.',
    },
  },
  'node-prefer-avoid-pods': {
    severity: 'error',
    summary: 'The scheduler.alpha.kubernetes.io/preferAvoidPods Node annotation must be valid JSON whose entries name a controller.',
    upstream: true,
    doc: {
      why: 'ValidateNode decodes this legacy annotation as an AvoidPods document; JSON that does not decode, an entry without podSignature.podController, or a podController that is not a controller is rejected.',
      example: 'metadata:\n  annotations:\n    scheduler.alpha.kubernetes.io/preferAvoidPods: \'{"preferAvoidPods":[{"podSignature":{}}]}\'',
      fix: 'Remove the annotation (the scheduler no longer reads it), or give each entry a podSignature.podController with controller: true.',
    },
  },
  'image-reference': {
    severity: 'warning',
    summary: 'An image the kubelet cannot parse as a reference (uppercase repository, empty path component, bad tag or digest): the container waits with InvalidImageName.',
    upstream: false,
    doc: {
      why: 'The API server accepts any non-empty image string, but the kubelet parses it with the image reference grammar ([registry/]path[:tag][@digest], lowercase path components) before pulling. A reference it cannot parse is never pulled: the Pod is created and its container waits with reason InvalidImageName.',
      example: 'containers:\n- name: app\n  image: MyOrg/App:1.0',
      fix: 'Use a lowercase repository path, a tag of letters, digits, _, . and - (up to 128), and a digest such as sha256: followed by 64 lowercase hex digits.',
    },
  },
  'deprecated-annotation': {
    severity: 'warning',
    summary: 'A Pod annotation that no longer does anything (critical-pod, the sysctl annotations, legacy seccomp/AppArmor annotations without their fields).',
    upstream: false,
    doc: {
      why: 'The API server accepts these annotations with a warning, but nothing reads them any more: the priorityClassName, sysctls, seccompProfile and appArmorProfile fields replaced them.',
      example: 'metadata:\n  annotations:\n    seccomp.security.alpha.kubernetes.io/pod: runtime/default',
      fix: 'Use the field the warning names and remove the annotation.',
    },
  },
  'overlapping-volume-paths': {
    severity: 'warning',
    summary: 'Two items of one configMap, secret, downward API or projected volume write the same path, or a file where another needs a directory.',
    upstream: false,
    doc: {
      why: 'The API server warns "overlapping paths": when the kubelet writes the volume, the later item overwrites the earlier one, or fails with "is a directory" / "file exists" when one path is a directory of the other.',
      example: 'configMap:\n  name: app\n  items:\n  - key: a\n    path: conf\n  - key: b\n    path: conf/extra',
      fix: 'Give each item its own path, none of them inside another.',
    },
  },
  'empty-projection-source': {
    severity: 'warning',
    summary: 'A projected volume source that sets no kind of source.',
    upstream: false,
    doc: {
      why: 'The API server warns that the projected volume "has no sources provided": an empty entry in sources projects nothing.',
      example: 'projected:\n  sources:\n  - {}',
      fix: 'Remove the empty entry, or fill in the secret, configMap, downwardAPI or serviceAccountToken it was meant to be.',
    },
  },
  'negative-grace-period': {
    severity: 'warning',
    summary: 'A negative terminationGracePeriodSeconds, which the kubelet treats as 1.',
    upstream: false,
    doc: {
      why: 'The API server accepts a negative grace period with a warning; it is invalid and treated as 1 second, so the containers get almost no time to shut down.',
      example: 'spec:\n  terminationGracePeriodSeconds: -1',
      fix: 'Use 0 or a positive number of seconds.',
    },
  },
  'affinity-term-without-selector': {
    severity: 'warning',
    summary: 'A Pod affinity or anti-affinity term without labelSelector matches no Pod.',
    upstream: false,
    doc: {
      why: 'The API server warns "a null labelSelector results in matching no pod": a required affinity term that matches nothing can never be satisfied, and an anti-affinity or preferred term without a selector has no effect.',
      example: 'affinity:\n  podAntiAffinity:\n    requiredDuringSchedulingIgnoredDuringExecution:\n    - topologyKey: kubernetes.io/hostname',
      fix: 'Add a labelSelector that matches the Pods the term is about.',
    },
  },
  'preferred-affinity-label-value': {
    severity: 'warning',
    summary: 'A preferred node affinity value that is not a valid label value, so it can never match.',
    upstream: false,
    doc: {
      why: 'Values of preferred node affinity terms are not validated (required terms are), but no Node label can hold an invalid label value, so the preference never matches; the API server warns.',
      example: 'preferredDuringSchedulingIgnoredDuringExecution:\n- weight: 10\n  preference:\n    matchExpressions:\n    - {key: tier, operator: In, values: ["-1"]}',
      fix: 'Use a valid label value (alphanumerics, -, _ and ., starting and ending alphanumeric).',
    },
  },
  'non-standard-ip': {
    severity: 'warning',
    summary: 'An IP address in a form a future Kubernetes release will reject (leading zeros, IPv4-mapped IPv6) or not in canonical IPv6 form.',
    upstream: false,
    doc: {
      why: 'dnsConfig.nameservers and hostAliases[].ip still accept IPv4 octets with leading zeros and IPv4-mapped IPv6 addresses, with a warning that they will become invalid; leading zeros are also read as decimal, not octal as some tools do.',
      example: 'hostAliases:\n- ip: 010.0.0.1\n  hostnames: [db.local]',
      fix: 'Write the address the warning suggests.',
    },
  },
  'shared-port-name': {
    severity: 'warning',
    summary: 'Two running containers of a Pod use the same port name; Services and probes that select the port by name use the first.',
    upstream: false,
    doc: {
      why: 'Port names must be unique within a container, but across containers (and sidecars) the API server only warns: a Service targetPort or probe naming the port resolves to the first container that declares it.',
      example: 'containers:\n- name: app\n  ports:\n  - {name: metrics, containerPort: 9090}\n- name: proxy\n  ports:\n  - {name: metrics, containerPort: 9091}',
      fix: 'Give each container its own port names.',
    },
  },
  'ambiguous-host-port': {
    severity: 'warning',
    summary: 'Two entries for one containerPort and protocol where only one publishes a hostPort, or one hostPort with and without a hostIP.',
    upstream: false,
    doc: {
      why: 'The API server warns of an "overlapping" port definition (one entry with a hostPort, one without) and a "dangerously ambiguous" one (the same hostPort on one host IP and on all of them): which entry is meant, or which receives the traffic, is undefined.',
      example: 'ports:\n- {containerPort: 80, hostPort: 80, hostIP: 10.0.0.1}\n- {containerPort: 80, hostPort: 80}',
      fix: 'Keep one entry per containerPort and protocol, with the host binding you mean.',
    },
  },
  'deprecated-node-field': {
    severity: 'warning',
    summary: 'A Node field that is deprecated and unused (spec.externalID).',
    upstream: false,
    doc: {
      why: 'The API server accepts spec.externalID with a warning: the field is deprecated and nothing in Kubernetes reads it.',
      example: 'spec:\n  externalID: i-0abc',
      fix: 'Remove it; spec.providerID identifies the machine.',
    },
  },
  // ── Create path: PodSecurity admission (createPath/podSecurity) ──
  'pod-security-enforce': {
    severity: 'error',
    summary: 'PodSecurity rejects the Pod: it violates the enforce level of its Namespace.',
    upstream: true,
    doc: {
      why: 'The PodSecurity admission plugin (on by default) checks every Pod against the Pod Security Standard its Namespace enforces with the label pod-security.kubernetes.io/enforce (privileged, baseline or restricted, pinned with enforce-version). A Pod that violates it is forbidden; the message lists every failed check. Workloads are not rejected: their Pods are, when the controller creates them.',
      example: 'apiVersion: v1\nkind: Namespace\nmetadata:\n  name: prod\n  labels:\n    pod-security.kubernetes.io/enforce: restricted\n---\napiVersion: v1\nkind: Pod\nmetadata:\n  name: web\n  namespace: prod\nspec:\n  containers:\n  - name: c\n    image: nginx',
      fix: 'Meet the level (for restricted: runAsNonRoot: true, allowPrivilegeEscalation: false, capabilities.drop: ["ALL"], seccompProfile.type: RuntimeDefault), or run the Pod in a Namespace with a lower level.',
    },
  },
  'pod-security-warn': {
    severity: 'warning',
    summary: 'PodSecurity warns: the Pod or Pod template violates the warn level of its Namespace.',
    upstream: false,
    doc: {
      why: 'With pod-security.kubernetes.io/warn (or an enforce label, which warn follows when it has no label of its own), the API server accepts the object but answers "would violate PodSecurity …". For a Deployment, Job or other workload this is the early notice that the Pods it creates will be rejected where that level is enforced.',
      example: 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\n  namespace: prod   # labelled pod-security.kubernetes.io/enforce: baseline\nspec:\n  selector:\n    matchLabels: {app: web}\n  template:\n    metadata:\n      labels: {app: web}\n    spec:\n      hostNetwork: true\n      containers:\n      - name: c\n        image: nginx',
      fix: 'Change the Pod (template) to meet the level, or change the Namespace label.',
    },
  },
  'pod-security-audit': {
    severity: 'warning',
    summary: 'PodSecurity records an audit annotation: the Pod or Pod template violates the audit level of its Namespace.',
    upstream: false,
    doc: {
      why: 'With pod-security.kubernetes.io/audit the API server accepts the object and records "would violate PodSecurity …" in the audit log (annotation pod-security.kubernetes.io/audit-violations), unseen by kubectl. Podsight shows it unless an enforce or warn finding already says the same for the same level and version.',
      example: 'apiVersion: v1\nkind: Namespace\nmetadata:\n  name: prod\n  labels:\n    pod-security.kubernetes.io/audit: restricted',
      fix: 'Change the Pod (template) to meet the level, or change the Namespace label.',
    },
  },
  'pod-security-labels': {
    severity: 'error',
    summary: 'A pod-security.kubernetes.io label of a Namespace has an invalid level or version.',
    upstream: true,
    doc: {
      why: 'PodSecurity rejects a Namespace whose pod-security.kubernetes.io/<mode> label is not privileged, baseline or restricted, or whose <mode>-version label is not "latest" or "v1.N". (Were it stored anyway, a bad enforce level would read as restricted, a bad audit or warn level as privileged, and a bad version as latest.)',
      example: 'metadata:\n  labels:\n    pod-security.kubernetes.io/enforce: strict\n    pod-security.kubernetes.io/enforce-version: "1.30"',
      fix: 'Use one of privileged, baseline, restricted, and a version like v1.35 or latest.',
    },
  },
  'pod-security-exempt-namespace': {
    severity: 'warning',
    summary: 'The Namespace is exempt from PodSecurity by configuration, so its pod-security labels are ignored.',
    upstream: false,
    doc: {
      why: 'An AdmissionConfiguration can exempt namespaces from PodSecurity. The API server accepts the labels on such a Namespace but warns that the policy they set will be ignored.',
      example: 'metadata:\n  name: kube-system   # listed in exemptions.namespaces\n  labels:\n    pod-security.kubernetes.io/enforce: restricted',
      fix: 'Remove the labels, or the namespace from the exemptions.',
    },
  },
  // Create path, step 4: admission plugins on by default in kube-apiserver 1.35 (createPath/admission/).
  // References to undeclared objects follow the closed-world rule: an error only when the workspace
  // declares objects of that kind there (or is declared complete), otherwise information.
  'admission-namespace-not-found': {
    severity: 'error',
    summary: 'NamespaceLifecycle: the object is created in a namespace that does not exist.',
    upstream: true,
    doc: {
      why: 'The API server answers `namespaces "x" not found` for an object created in a namespace that does not exist; nothing is stored. Podsight knows the namespaces the workspace declares and the built-in ones (default, kube-system, kube-public, kube-node-lease); when the workspace declares no Namespaces it only notes that this one is not declared here.',
      example: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\n  namespace: shop   # no Namespace "shop" is declared\nspec:\n  containers:\n  - name: app\n    image: nginx:1.27',
      fix: 'Create the Namespace first (declare it in the workspace), or fix metadata.namespace.',
    },
  },
  'admission-namespace-terminating': {
    severity: 'error',
    summary: 'NamespaceLifecycle: the namespace is being terminated, so nothing new can be created in it.',
    upstream: true,
    doc: {
      why: 'While a Namespace is being deleted (status.phase Terminating) the API server refuses new content: `unable to create new content in namespace x because it is being terminated`.',
      example: 'apiVersion: v1\nkind: Namespace\nmetadata:\n  name: shop\nstatus:\n  phase: Terminating',
      fix: 'Wait until the namespace is gone and create it again, or use another namespace.',
    },
  },
  'admission-service-account-not-found': {
    severity: 'error',
    summary: 'ServiceAccount admission: the Pod names a service account that does not exist.',
    upstream: true,
    doc: {
      why: 'The ServiceAccount admission plugin looks the account up and rejects the Pod when it is missing (`error looking up service account ns/name: serviceaccount "name" not found`). For a workload the object is stored but its controller cannot create any Pod. The account `default` exists in every namespace.',
      example: 'spec:\n  serviceAccountName: robot   # no ServiceAccount "robot" in the namespace\n  containers:\n  - name: app\n    image: nginx:1.27',
      fix: 'Create the ServiceAccount, or name one that exists (or none, for `default`).',
    },
  },
  'admission-service-account-mirror-pod': {
    severity: 'error',
    summary: 'ServiceAccount admission: a mirror (static) Pod references a service account, a secret or a token projection.',
    upstream: true,
    doc: {
      why: 'Mirror Pods (annotation kubernetes.io/config.mirror) are created by the kubelet for static Pods and may not reference service accounts, secrets or ServiceAccountToken projections.',
      example: 'metadata:\n  annotations:\n    kubernetes.io/config.mirror: "1"\nspec:\n  serviceAccountName: default',
      fix: 'Remove the service account, secret and token references from the static Pod.',
    },
  },
  'admission-service-account-secret-not-allowed': {
    severity: 'error',
    summary: 'ServiceAccount admission: the account enforces mountable secrets and this secret is not one of them.',
    upstream: true,
    doc: {
      why: 'A ServiceAccount annotated kubernetes.io/enforce-mountable-secrets: "true" lets its Pods use only the secrets listed in its `secrets` (and pull secrets in its `imagePullSecrets`); other references are rejected.',
      example: 'volumes:\n- name: creds\n  secret:\n    secretName: other   # not in the account\'s secrets',
      fix: 'List the secret in the ServiceAccount, or use one it lists.',
    },
  },
  'admission-limit-range': {
    severity: 'error',
    summary: 'LimitRanger: a container, the Pod or a claim is outside the min, max or limit/request ratio of a LimitRange.',
    upstream: true,
    doc: {
      why: 'The LimitRanger admission plugin enforces every LimitRange of the namespace after applying its defaults: `minimum cpu usage per Container is 100m, but request is 50m`, `maximum memory usage per Container is 1Gi, but limit is 2Gi`, `cpu max limit to request ratio per Container is 2, but provided ratio is 4.000000`. A default limit below the container\'s own request makes the Pod invalid first (the API server validates between admission\'s mutating and validating phases): `spec.containers[0].resources.requests: Invalid value: "700m": must be less than or equal to cpu limit of 500m`. For a workload the object is stored but its Pods are rejected.',
      example: 'resources:\n  requests:\n    cpu: 50m   # the namespace\'s LimitRange sets min cpu 100m',
      fix: 'Bring the requests and limits within the LimitRange, or change the LimitRange.',
    },
  },
  'admission-limit-range-defaults': {
    severity: 'information',
    summary: 'LimitRanger: a LimitRange fills requests or limits the container does not set.',
    upstream: false,
    doc: {
      why: 'The default and defaultRequest of a LimitRange (defaulted from its max and min) are written into containers that lack them, and the Pod is annotated kubernetes.io/limit-ranger; the stored Pod then differs from the manifest.',
      example: 'containers:\n- name: app\n  image: nginx:1.27   # no resources: the LimitRange\'s defaults apply',
      fix: 'Nothing to fix; set the requests and limits explicitly if you want the manifest to show them.',
    },
  },
  'admission-priority-class-not-found': {
    severity: 'error',
    summary: 'Priority admission: priorityClassName names a PriorityClass that does not exist.',
    upstream: true,
    doc: {
      why: 'The Priority admission plugin resolves priorityClassName and rejects the Pod when no such class exists (`no PriorityClass with name x was found`). system-cluster-critical and system-node-critical always exist.',
      example: 'spec:\n  priorityClassName: urgent   # no PriorityClass "urgent"',
      fix: 'Create the PriorityClass, or name one that exists.',
    },
  },
  'admission-priority-mismatch': {
    severity: 'error',
    summary: 'Priority admission: the Pod sets priority or preemptionPolicy to something other than its class gives.',
    upstream: true,
    doc: {
      why: 'priority and preemptionPolicy are computed from the PriorityClass (or the globalDefault class, else 0 and PreemptLowerPriority); a Pod that sets them differently is rejected (`the integer value of priority (5) must not be provided in pod spec; …`).',
      example: 'spec:\n  priorityClassName: batch\n  priority: 5',
      fix: 'Remove spec.priority and spec.preemptionPolicy; choose the class instead.',
    },
  },
  'admission-runtime-class-not-found': {
    severity: 'error',
    summary: 'RuntimeClass admission: runtimeClassName names a RuntimeClass that does not exist.',
    upstream: true,
    doc: {
      why: 'The RuntimeClass admission plugin rejects a Pod whose RuntimeClass does not exist: `pod rejected: RuntimeClass "x" not found`.',
      example: 'spec:\n  runtimeClassName: gvisor   # no RuntimeClass "gvisor"',
      fix: 'Create the RuntimeClass (node.k8s.io/v1), or remove runtimeClassName.',
    },
  },
  'admission-runtime-class-overhead': {
    severity: 'error',
    summary: "RuntimeClass admission: the Pod sets an overhead that is not its RuntimeClass's.",
    upstream: true,
    doc: {
      why: "spec.overhead is set by admission from the RuntimeClass's overhead.podFixed; a Pod that sets another value, or sets one without a RuntimeClass that defines an overhead, is rejected.",
      example: 'spec:\n  overhead:\n    cpu: 250m   # and no runtimeClassName',
      fix: 'Remove spec.overhead; the RuntimeClass provides it.',
    },
  },
  'admission-runtime-class-node-selector-conflict': {
    severity: 'error',
    summary: "RuntimeClass admission: the Pod's nodeSelector contradicts its RuntimeClass's scheduling.nodeSelector.",
    upstream: true,
    doc: {
      why: "The RuntimeClass's scheduling.nodeSelector is merged into the Pod's; the same key with another value is rejected: `conflict: runtimeClass.scheduling.nodeSelector[k] = a; pod.spec.nodeSelector[k] = b`.",
      example: 'spec:\n  runtimeClassName: gvisor   # selects sandbox=gvisor\n  nodeSelector:\n    sandbox: kata',
      fix: 'Drop the key from the Pod, or pick a RuntimeClass that agrees.',
    },
  },
  'admission-default-storage-class': {
    severity: 'information',
    summary: 'DefaultStorageClass: a claim without a class gets the default StorageClass.',
    upstream: false,
    doc: {
      why: 'A PersistentVolumeClaim (or a StatefulSet claim template, or an ephemeral volume claim) that names no storageClassName gets the StorageClass annotated storageclass.kubernetes.io/is-default-class: "true"; with several defaults the newest wins.',
      example: 'kind: PersistentVolumeClaim\nspec:\n  accessModes: [ReadWriteOnce]\n  resources:\n    requests:\n      storage: 1Gi',
      fix: 'Nothing to fix; set storageClassName (or "" for none) to choose explicitly.',
    },
  },
  'admission-resource-quota-must-specify': {
    severity: 'error',
    summary: 'ResourceQuota: a quota limits cpu or memory and a container does not set that request or limit.',
    upstream: true,
    doc: {
      why: 'When a ResourceQuota of the namespace limits cpu or memory (requests.cpu, limits.memory, …), every container and init container must set that request or limit, or the Pod is rejected: `failed quota: compute: must specify limits.cpu for: app`. Pod-level resources lift this requirement.',
      example: 'containers:\n- name: app\n  image: nginx:1.27   # the namespace quota limits limits.cpu',
      fix: 'Set the request or limit on every container, or give the namespace a LimitRange whose defaults fill them.',
    },
  },
  'admission-resource-quota-exceeded': {
    severity: 'error',
    summary: 'ResourceQuota: the object would take the namespace over a quota.',
    upstream: true,
    doc: {
      why: "The API server adds the object's usage to the quota's current usage and rejects it past the hard limit: `exceeded quota: q, requested: …, used: …, limited: …`. A quota's current usage is known only when its status is declared (read back from the cluster); otherwise it is taken as 0, so only an object that alone exceeds the quota is reported.",
      example: 'kind: ResourceQuota\nspec:\n  hard:\n    requests.cpu: "1"\n---\n# a Pod requesting cpu: 1500m in that namespace',
      fix: 'Request less, or raise the quota.',
    },
  },
  // ── Create path: defaulting and PrepareForCreate (createPath/defaults) ──
  'create-dropped-field': {
    severity: 'warning',
    summary: 'A field the API server drops on create: its feature gate is off by default in Kubernetes 1.35, or the feature is gone.',
    upstream: false,
    doc: {
      why: 'PrepareForCreate silently clears fields whose feature gate is off (lifecycle.stopSignal, clusterTrustBundle and podCertificate projections, workloadRef, a StatefulSet\'s rollingUpdate.maxUnavailable, a Node\'s status.declaredFeatures and spec.configSource): the object is accepted, but the setting never takes effect.',
      example: 'containers:\n- name: app\n  image: nginx:1.27\n  lifecycle:\n    stopSignal: SIGUSR1',
      fix: 'Remove the field, or enable its feature gate on the cluster (kube-apiserver and kubelet).',
    },
  },
  'create-ignored-field': {
    severity: 'information',
    summary: 'A field the API server ignores or replaces on create (status, uid, creationTimestamp, a cluster-scoped object\'s namespace, …).',
    upstream: false,
    doc: {
      why: 'On create the API server resets status (controllers and the kubelet write it), sets uid, creationTimestamp and resourceVersion itself and clears deletion fields; values written in the manifest (often copied from kubectl get -o yaml) are not stored.',
      example: 'metadata:\n  name: web\n  uid: 3f1c9a52-0c1e-4d1b-9a57-1b2f0b7c1e11\nstatus:\n  phase: Running',
      fix: 'Remove the server-managed fields from the manifest.',
    },
  },
  'create-resource-version': {
    severity: 'error',
    summary: 'metadata.resourceVersion is set on an object being created.',
    upstream: true,
    doc: {
      why: 'A resourceVersion names a stored revision of an existing object; the API server refuses to create an object that carries one ("resourceVersion should not be set on objects to be created").',
      example: 'metadata:\n  name: web\n  resourceVersion: "48213"',
      fix: 'Remove metadata.resourceVersion (it is set by the API server).',
    },
  },
  'create-conversion-error': {
    severity: 'error',
    summary: 'An annotation that carries an internal field is not an integer (deprecated.daemonset.template.generation, deprecated.deployment.rollback.to).',
    upstream: true,
    doc: {
      why: 'apps/v1 keeps a DaemonSet\'s template generation and a Deployment\'s rollback revision in annotations; converting the object to the API server\'s internal version parses them as 64-bit integers and fails otherwise.',
      example: 'metadata:\n  annotations:\n    deprecated.daemonset.template.generation: first',
      fix: 'Remove the annotation (the API server maintains it) or give it an integer value.',
    },
  },
  'duplicate-owner-reference': {
    severity: 'warning',
    summary: 'metadata.ownerReferences lists the same owner reference twice; the API server drops the duplicates.',
    upstream: false,
    doc: {
      why: 'The API server removes duplicate owner references on create and returns a warning, and has announced it may reject such requests.',
      example: 'metadata:\n  ownerReferences:\n  - apiVersion: apps/v1\n    kind: ReplicaSet\n    name: web-7d4b9\n    uid: 6b1e4f0a-2f1e-4c57-8d3c-5a0e9e3f2b11\n  - apiVersion: apps/v1\n    kind: ReplicaSet\n    name: web-7d4b9\n    uid: 6b1e4f0a-2f1e-4c57-8d3c-5a0e9e3f2b11',
      fix: 'Keep one entry per owner.',
    },
  },
  'deprecated-apparmor-annotation': {
    severity: 'warning',
    summary: 'A container.apparmor.security.beta.kubernetes.io annotation, deprecated since 1.30: the API server copies it into the container\'s securityContext.appArmorProfile.',
    upstream: false,
    doc: {
      why: 'When a Pod is created with the legacy per-container AppArmor annotation and no appArmorProfile field, the API server sets the field from it and warns that the annotation is deprecated (or ignores an annotation it cannot translate).',
      example: 'metadata:\n  annotations:\n    container.apparmor.security.beta.kubernetes.io/app: runtime/default',
      fix: 'Set securityContext.appArmorProfile (type: RuntimeDefault) and remove the annotation.',
    },
  },
  // ── References to other objects of the workspace (references/) ──
  'reference-configmap-not-found': {
    severity: 'warning',
    summary: 'A Pod or Pod template reads a ConfigMap the workspace does not declare (env, envFrom, a volume or projected source).',
    upstream: false,
    doc: {
      why: 'The API server stores the Pod; the kubelet then fails it: env and envFrom give `configmap "app-confg" not found` and the container stays in CreateContainerConfigError, a volume gives `MountVolume.SetUp failed for volume "config" : configmap "app-confg" not found` and the Pod stays ContainerCreating. Unless `optional: true`. The level follows the closed-world rule: an error when the workspace is declared to be the whole cluster (podsight.workspace.isWholeCluster), a warning when the workspace declares ConfigMaps in that namespace but not this one, information when it declares none there. The namespace is the object\'s metadata.namespace, or "default".',
      example: 'env:\n- name: LOG_LEVEL\n  valueFrom:\n    configMapKeyRef:\n      name: app-confg   # the workspace declares ConfigMap "app-config"\n      key: level',
      fix: 'Name a ConfigMap that exists (the quick fix offers the closest declared names), declare it, or mark the reference `optional: true`.',
    },
  },
  'reference-configmap-key-not-found': {
    severity: 'warning',
    summary: 'A Pod or Pod template reads a key that its declared ConfigMap does not have.',
    upstream: false,
    doc: {
      why: 'The kubelet fails the container with `couldn\'t find key lg in ConfigMap default/app` (env, CreateContainerConfigError) or the volume with `configmap references non-existent config key: lg` (items), unless `optional: true`. Keys of `data` and `binaryData` count for volumes; environment variables read `data` only. A warning, an error when the workspace is declared to be the whole cluster.',
      example: 'configMapKeyRef:\n  name: app\n  key: lg     # ConfigMap "app" has the keys level, format',
      fix: 'Name a key the ConfigMap has (the quick fix offers the closest), or add the key to the ConfigMap.',
    },
  },
  'reference-secret-not-found': {
    severity: 'warning',
    summary: 'A Pod or Pod template uses a Secret the workspace does not declare (env, envFrom, a volume, a projected source or imagePullSecrets).',
    upstream: false,
    doc: {
      why: 'The kubelet fails the container (`secret "db" not found`, CreateContainerConfigError) or the volume (`MountVolume.SetUp failed for volume "creds" : secret "db" not found`); a missing image pull Secret only logs `Unable to retrieve pull secret, the image pull may not succeed.` and a private image then fails to pull (at most a warning). Unless `optional: true`. The level follows the closed-world rule, as for ConfigMaps.',
      example: 'volumes:\n- name: creds\n  secret:\n    secretName: db-credentail',
      fix: 'Name a Secret that exists (the quick fix offers the closest declared names), declare it, or mark the reference `optional: true`.',
    },
  },
  'reference-secret-key-not-found': {
    severity: 'warning',
    summary: 'A Pod or Pod template reads a key that its declared Secret does not have.',
    upstream: false,
    doc: {
      why: 'The kubelet fails the container with `couldn\'t find key pasword in Secret default/db` (env) or the volume with `references non-existent secret key: pasword` (items), unless `optional: true`. Keys of `data` and `stringData` count (the API server merges stringData into data). A warning, an error when the workspace is declared to be the whole cluster.',
      example: 'secretKeyRef:\n  name: db\n  key: pasword   # Secret "db" has the keys password, user',
      fix: 'Name a key the Secret has (the quick fix offers the closest), or add it to the Secret.',
    },
  },
  'reference-claim-not-found': {
    severity: 'warning',
    summary: 'A Pod or Pod template mounts a PersistentVolumeClaim the workspace does not declare.',
    upstream: false,
    doc: {
      why: 'The scheduler\'s VolumeBinding plugin cannot find the claim (`persistentvolumeclaim "data" not found`) and leaves the Pod Pending. Claims `<template>-<statefulset>-<ordinal>` that a declared StatefulSet\'s volumeClaimTemplates provide count as declared, and a StatefulSet\'s own template naming its claim template is its controller\'s business. The level follows the closed-world rule, as for ConfigMaps.',
      example: 'volumes:\n- name: data\n  persistentVolumeClaim:\n    claimName: data-db-0   # no such claim, and no StatefulSet "db" with a claim template "data"',
      fix: 'Name a claim that exists (the quick fix offers the closest declared names), or declare it.',
    },
  },
  // ── Create path: kinds and API versions the API server serves (createPath/kinds.ts) ──
  'unknown-kind': {
    severity: 'error',
    summary: 'An apiVersion/kind pair of a built-in API group that no served version has: kubectl answers "no matches for kind".',
    upstream: true,
    doc: {
      why: 'Before sending anything, kubectl looks the pair up in the API server\'s discovery; a kind no served version of the group has fails with `no matches for kind "Deploymnet" in version "apps/v1"`. Kinds are case-sensitive: `kind: Statefulset` fails the same way, while a kind written all in lower case (`kind: pod`) reaches the API server, which rejects it with `pod in version "v1" cannot be handled as a Pod`. Documents of other API groups (CustomResourceDefinitions) are not judged.',
      example: 'apiVersion: v1\nkind: Deployment\nmetadata:\n  name: web',
      fix: 'Write the kind as the API names it, with the apiVersion that serves it (the quick fix does both): here `apiVersion: apps/v1`.',
    },
  },
  'removed-api-version': {
    severity: 'error',
    summary: 'A kind in an API version that Kubernetes no longer serves (extensions/v1beta1, apps/v1beta1, batch/v1beta1, policy/v1beta1 …).',
    upstream: true,
    doc: {
      why: 'Beta API versions are removed once their replacement is stable (the Deprecated API Migration Guide lists each release); kubectl then answers `no matches for kind "Deployment" in version "apps/v1beta1"`. The replacement version may default or require fields differently (apps/v1 requires spec.selector), so the object is validated as that version once the apiVersion is changed.',
      example: 'apiVersion: apps/v1beta1\nkind: Deployment\nmetadata:\n  name: web',
      fix: 'Use the replacement version the message names (the quick fix changes the apiVersion), then fix what that version validates. PodSecurityPolicy has no replacement: use Pod Security admission.',
    },
  },
  // Services and who reaches a Pod (reach/): what the endpoint controllers and kube-proxy will
  // make of a Service and the Pods the workspace declares. The API server accepts all of these.
  'service-selects-nothing': {
    severity: 'warning',
    summary: 'A Service selector matches no Pod or Pod template the workspace declares (closed-world rule).',
    upstream: false,
    doc: {
      why: 'A Service sends traffic to the Pods of its namespace whose labels hold every pair of `spec.selector`. When none does, the Service gets no endpoints: clients connect and are refused or time out. The level follows the closed-world rule: a warning when the workspace declares Pods or Pod templates in that namespace (or is declared to be the whole cluster), information when it declares none there (the Pods may come from elsewhere). A Service without a selector selects nothing by design (its endpoints are managed outside Kubernetes) and is not reported.',
      example: 'apiVersion: v1\nkind: Service\nmetadata:\n  name: web\nspec:\n  selector:\n    app: wbe   # the Deployment labels its Pods app: web\n  ports:\n  - port: 80\n    targetPort: http',
      fix: 'Correct the selector to the labels of the Pod template (the did-you-mean quick fix does it when one is close), or declare the Pods.',
    },
  },
  'service-selector-near-miss': {
    severity: 'information',
    summary: 'Did you mean: a selector pair of a Service that selects nothing is one small edit away from the labels of a Pod that no Service selects.',
    upstream: false,
    doc: {
      why: 'A misspelt label value or key in a Service selector (`app: wbe` for `app: web`) is accepted by the API server and only shows as a Service without endpoints. When every other pair matches a Pod or Pod template that no Service selects, the misspelling is the likely cause.',
      example: 'spec:\n  selector:\n    app: wbe   # Deployment web: app: web',
      fix: 'Apply the quick fix, which writes the label of the Pod template into the selector.',
    },
  },
  'service-target-port-not-found': {
    severity: 'warning',
    summary: 'A named targetPort that no selected container declares (with that protocol): the Pods get no endpoint for that port.',
    upstream: false,
    doc: {
      why: 'kube-proxy and the EndpointSlice controller resolve a named `targetPort` among the container ports of each selected Pod (app containers, then sidecars) with the same name and protocol. A Pod that declares no such port is left out of that port\'s endpoints, so traffic to the Service port reaches none of them.',
      example: 'spec:\n  selector:\n    app: web\n  ports:\n  - port: 80\n    targetPort: htpp   # the container port is named http',
      fix: 'Name a port the containers declare (with the same protocol), or declare the port name in the containers.',
    },
  },
  'service-target-port-undeclared': {
    severity: 'information',
    summary: 'A numeric targetPort that no selected container declares, while they declare other ports.',
    upstream: false,
    doc: {
      why: 'A numeric `targetPort` is used as it is: declaring container ports is informational, so traffic still goes there. When the selected containers list their ports and none is this number, the number may be a slip.',
      example: 'spec:\n  ports:\n  - port: 80\n    targetPort: 8081   # the containers declare 8080',
      fix: 'Use the port the containers listen on, or declare it in the containers.',
    },
  },
  'api-version-off-by-default': {
    severity: 'warning',
    summary: 'An alpha or beta API version that a Kubernetes 1.35 API server does not serve unless the cluster enables it.',
    upstream: false,
    doc: {
      why: 'Since Kubernetes 1.24 new beta APIs, like every alpha API, are off by default: a cluster serves them only when its API server is started with `--runtime-config=<group>/<version>=true`. On a cluster with default settings kubectl answers `no matches for kind`. Where the kind has a stable version, that version is served everywhere.',
      example: 'apiVersion: resource.k8s.io/v1beta1\nkind: ResourceClaim\nmetadata:\n  name: gpu',
      fix: 'Use the stable version the message names (the quick fix changes the apiVersion), or keep this version for clusters that enable it.',
    },
  },
  'deprecated-api': {
    severity: 'warning',
    summary: 'A kind the API server still serves but warns about as deprecated (v1 Endpoints, v1 ComponentStatus).',
    upstream: false,
    doc: {
      why: 'The API server accepts the object and answers with its deprecation warning (HTTP 299), e.g. `v1 Endpoints is deprecated in v1.33+; use discovery.k8s.io/v1 EndpointSlice`: the kind stays served, but new features go to its replacement.',
      example: 'apiVersion: v1\nkind: Endpoints\nmetadata:\n  name: external-db',
      fix: 'Move to the replacement the warning names (for Endpoints, EndpointSlices labelled kubernetes.io/service-name).',
    },
  },
} satisfies Record<string, RuleInfo>;

export type RuleId = keyof typeof RULES;

export function ruleInfo(id: string): RuleInfo | undefined {
  return Object.prototype.hasOwnProperty.call(RULES, id) ? (RULES as Record<string, RuleInfo>)[id] : undefined;
}
