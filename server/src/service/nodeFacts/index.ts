/**
 * What the Pods on a Node share, explained in the Node manifest (and beside a Pod's host ports
 * and hostPath volumes): a view of one simulation result (view.ts), who uses a label or a
 * taint (usage.ts), the words (words.ts) and where they go in a file (features.ts).
 */
export { NodeFactsView, nodeFactsOf } from './view';
export { nodeLenses, nodeInlayHints, nodeHover, besideOnNode, type NodeHover } from './features';
export { nodeLabelCompletion } from './completion';
