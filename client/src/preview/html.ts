/**
 * The preview panel's HTML shell: no manifest data (that arrives by message), a strict CSP
 * (`default-src 'none'`, the script allowed by nonce only, styles from the bundle only), and the
 * bundled webview script and stylesheet. Pure, so tests load the very same page.
 */
import { randomBytes } from 'node:crypto';

export interface PreviewHtmlOptions {
  /** The webview's `cspSource` (where bundled resources come from). */
  cspSource: string;
  scriptUri: string;
  styleUri: string;
  nonce: string;
}

/** A nonce from a cryptographic source (128 bits, base64). */
export function makeNonce(): string {
  return randomBytes(16).toString('base64');
}

function attr(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

export function previewHtml(o: PreviewHtmlOptions): string {
  const csp = [
    "default-src 'none'",
    `style-src ${o.cspSource}`,
    `img-src ${o.cspSource}`,
    `font-src ${o.cspSource}`,
    `script-src 'nonce-${o.nonce}'`,
    "base-uri 'none'",
    "form-action 'none'",
  ].join('; ');
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${attr(csp)}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<link rel="stylesheet" href="${attr(o.styleUri)}">
<title>Scheduling Preview</title>
</head>
<body>
<main id="app" aria-busy="true"><p class="muted">Simulating…</p></main>
<script nonce="${attr(o.nonce)}" src="${attr(o.scriptUri)}"></script>
</body>
</html>`;
}

/** Opened by the empty state's button as an untitled document. */
export const SAMPLE_NODES_YAML = `# Nodes for Podsight's scheduling preview. Describe your cluster's Nodes here, or paste the
# output of \`kubectl get nodes -o yaml\`, and save this file in the workspace.
apiVersion: v1
kind: Node
metadata:
  name: worker-1
  labels:
    kubernetes.io/hostname: worker-1
    kubernetes.io/os: linux
    topology.kubernetes.io/zone: zone-a
status:
  allocatable:
    cpu: "4"
    memory: 16Gi
    pods: "110"
    ephemeral-storage: 100Gi
---
apiVersion: v1
kind: Node
metadata:
  name: worker-2
  labels:
    kubernetes.io/hostname: worker-2
    kubernetes.io/os: linux
    topology.kubernetes.io/zone: zone-b
status:
  allocatable:
    cpu: "4"
    memory: 16Gi
    pods: "110"
    ephemeral-storage: 100Gi
`;
