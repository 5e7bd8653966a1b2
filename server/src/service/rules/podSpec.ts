/** Rule family: podSpec (see ../../../../docs/rules.md). Filled in by the rule-family work. */
import type { PodSpecRule } from './context';

export const podSpecRules: PodSpecRule[] = [];
