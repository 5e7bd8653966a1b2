/**
 * The preview's Pod detail names the Services and NetworkPolicies that select the Pod: a result
 * from the real engine (examples/ plus a Service and a NetworkPolicy, reported with the
 * engine's lookup) goes in, the detail's text comes out, as text nodes only.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Browser } from 'playwright-core';
import { launch, openPreview, pageErrors, post, ROOT } from './harness';
import { PodsightService, runSimulation, toScheduleReport } from '../../server/src/service';

const EXTRA: Record<string, string> = {
  'svc.yaml': `apiVersion: v1
kind: Service
metadata:
  name: web
  namespace: shop
spec:
  type: NodePort
  selector:
    tier: frontend
  ports:
  - port: 80
    targetPort: 8080
`,
  'np.yaml': `apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata:
  name: "<img src=x onerror=alert(1)>"
  namespace: shop
spec:
  podSelector: {}
  policyTypes: [Ingress, Egress]
`,
};

function resultWithReach() {
  const service = new PodsightService();
  const dir = join(ROOT, 'examples');
  const texts: Record<string, string> = { ...EXTRA };
  for (const n of readdirSync(dir).filter((f) => /\.ya?ml$/.test(f))) texts[n] = readFileSync(join(dir, n), 'utf8');
  const files = Object.keys(texts)
    .sort()
    .map((n) => service.parse(pathToFileURL(join(dir, n)).href, 1, texts[n]));
  return { ...toScheduleReport(runSimulation(files), { reach: service.reachLookup(files) }), files: files.map((f) => f.uri) };
}

let browser: Browser;
before(async () => {
  browser = await launch();
});
after(async () => {
  await browser?.close();
});

test('the Pod detail says which Services and NetworkPolicies select the Pod', async () => {
  const result = resultWithReach();
  const web = result.pods.find((p) => p.name === 'shop/web')!;
  assert.deepEqual(web.services, [{ name: 'web', type: 'NodePort', ports: ['80→8080'] }]);
  assert.deepEqual(web.networkPolicies, [{ name: '<img src=x onerror=alert(1)>', policyTypes: ['Ingress', 'Egress'] }]);
  const page = await openPreview(browser);
  try {
    await post(page, { type: 'result', result, whatIf: {} });
    await page.waitForSelector('#summary');
    await page.click('button.pod[data-pod="shop/web"]');
    await page.waitForSelector('#detail .reach');
    const lines = await page.$$eval('#detail .reach p', (ps) => ps.map((p) => p.textContent));
    assert.deepEqual(lines, ['Selected by Service web (NodePort; 80→8080)', 'NetworkPolicies: <img src=x onerror=alert(1)> (Ingress, Egress)']);
    assert.equal(await page.$('#detail img'), null, 'a name is text, never markup');
    // A Pod of another namespace: no Service, no policy selects it.
    const other = result.pods.find((p) => p.namespace !== 'shop')!;
    await page.click(`button.pod[data-pod="${other.name}"]`);
    await page.waitForFunction((n) => document.getElementById('detail-h')?.textContent === n, other.name);
    const none = await page.$$eval('#detail .reach p', (ps) => ps.map((p) => p.textContent));
    assert.deepEqual(none, ['Selected by no Service of the workspace', 'No NetworkPolicy selects it: not isolated']);
    assert.deepEqual(pageErrors(page), []);
  } finally {
    await page.close();
  }
});

declare const document: any;
