/** Rule family: metadata (see ../../../../docs/rules.md). Filled in by the rule-family work. */
import type { ObjectRule } from './context';

export const metadataRules: ObjectRule[] = [];
