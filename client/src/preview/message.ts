/**
 * What the panel posts to the webview: the simulation's result less what the webview never reads
 * at scale. A summary-detail result (the server's answer for large clusters) is posted without
 * the manifest locations (the host reveals from its own copy) and without each Pod's scores, tie
 * list and skipped score plugins, which only the selected Pod's detail shows: they are kept for
 * that Pod (selecting another one simulates again with its detail, so its entry comes back whole).
 * At 5,000 Nodes / 20,000 Pods this cuts the message by two thirds; its structured clone is most
 * of what an update costs the webview.
 * No `vscode` import: the bench and the tests post exactly this.
 */
import type { SimulateResult } from '../../../server/src/protocol';

type Pod = SimulateResult['pods'][number];
type ReportNode = SimulateResult['nodes'][number];

export function previewResult(result: SimulateResult, selected: string | undefined): SimulateResult {
  if (result.detail !== 'summary') return result;
  const pods = result.pods.map((p): Pod => {
    if (p.name === selected) {
      const { source: _source, ...whole } = p;
      return whole;
    }
    const { source: _source, ties: _ties, skippedScorePlugins: _skipped, scores: _scores, ...rest } = p;
    return { ...rest, scores: {} };
  });
  const nodes = result.nodes.map((n): ReportNode => {
    const { source: _source, ...rest } = n;
    return rest;
  });
  return { ...result, nodes, pods };
}
