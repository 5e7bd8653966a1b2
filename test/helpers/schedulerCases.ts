/** The scheduling scenarios of test/fixtures/scheduler.jsonl: their shape, read once. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

export interface Expect {
  pod: string;
  /** The Node it lands on (`any-of:` several when tied), or null when unschedulable. */
  node: string | null;
  feasible?: string[];
  message?: string;
}

export interface SchedulerCase {
  id: string;
  source: string;
  nodes: string;
  pods: string;
  expect: Expect[];
}

export const SCHEDULER_CASES: SchedulerCase[] = readFileSync(join(__dirname, '..', 'fixtures', 'scheduler.jsonl'), 'utf8')
  .split('\n')
  .filter((l) => l.trim())
  .map((l) => JSON.parse(l) as SchedulerCase);
