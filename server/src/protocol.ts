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
