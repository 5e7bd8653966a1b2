/**
 * The one place where custom requests and notifications between the extension client and the
 * language server are declared. Both sides import this file.
 */

/** Settings section the server reads from the client. */
export const CONFIGURATION_SECTION = 'podsight';

/** Initialization options the client passes to the server. */
export interface PodsightInitializationOptions {
  /** URL of the bundled rule documentation (docs/rules.md), used for diagnostics' links. */
  rulesDocUrl?: string;
}

/** `podsight/serverStats`: process statistics, for benchmarks and troubleshooting. */
export const SERVER_STATS_REQUEST = 'podsight/serverStats';
export interface ServerStats {
  heapUsedMB: number;
  rssMB: number;
  openDocuments: number;
}

/**
 * `podsight/simulate`: the scheduling simulation of the workspace — every open document plus
 * the *.yaml/*.yml files under the workspace folders — with the JSON shape of
 * `podsight schedule --format json` (Pods by `namespace/name`, per-Node filters and scores,
 * Node usage after placement, and source locations to reveal).
 */
export const SIMULATE_REQUEST = 'podsight/simulate';

export interface SimulateParams {
  /** Folder URIs to scan; the server's workspace folders when omitted. */
  folders?: string[];
  schedulerVersion?: '1.33' | '1.34' | '1.35';
  /** Per-Node detail: `auto` (default) keeps it all up to 250,000 Pod×Node pairs. */
  detail?: 'full' | 'summary' | 'auto';
  /** Pods (`namespace/name`) whose per-Node detail is wanted whatever `detail` says. */
  detailFor?: string[];
  /** Seed for breaking ties between equally scored Nodes. */
  seed?: number;
  /** What-if changes that leave the files alone. */
  whatIf?: {
    cordon?: string[];
    uncordon?: string[];
    remove?: string[];
    /** Replica counts keyed `Kind/namespace/name`, e.g. `Deployment/shop/api`. */
    replicas?: Record<string, number>;
  };
}

export type SimulateResult = import('./service/scheduler/report').ScheduleReport & {
  /** URIs of the files the simulation read, in the order it read them. */
  files: string[];
};

/**
 * `podsight/simulationChanged` (server → client): a document feeding the simulation changed
 * (debounced); a client showing the simulation asks again. Changes on disk are not watched by
 * the server: a client re-asks on its own file-system events.
 */
export const SIMULATION_CHANGED_NOTIFICATION = 'podsight/simulationChanged';
export interface SimulationChangedParams {
  uris: string[];
}
