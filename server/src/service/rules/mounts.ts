/** Rule family: mounts (see ../../../../docs/rules.md). Filled in by the rule-family work. */
import type { PodSpecRule } from './context';

export const mountsRules: PodSpecRule[] = [];
