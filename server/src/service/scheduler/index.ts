/**
 * Scheduling simulation of kube-scheduler's default profile (v1.35, with the message dialects
 * of v1.33 and v1.34) over the Nodes and Pods declared in a set of parsed manifest files.
 * Pure: no I/O, no clock; the same inputs and options always give the same result.
 *
 * Volumes are simulated (volumes.ts: claims, PersistentVolumes, StorageClasses, CSINodes; the
 * four volume plugins). What is not simulated: storage capacity (CSIStorageCapacity), in-tree
 * volumes migrated to CSI and VolumeAttachments in the attach limits, DynamicResourceAllocation
 * claims, ResourceQuota, PodDisruptionBudgets (preemption treats every victim as
 * non-violating), scheduler profiles other than the default one and extenders, Node conditions
 * other than through taints, the kubelet's own admission (a pinned Pod that does not fit is
 * reported, not rejected), graceful termination and timing (backoff, OpportunisticBatching).
 */
import type { ManifestFile } from '../parse/manifests';
import type { SimulationResult } from './framework';
import { Simulation } from './simulation';
import { toScheduleReport, type ScheduleReport } from './report';
import type { SimulateOptions } from './types';

export type { SimulationResult, PodResult, AttemptRecord } from './framework';
export { Simulation, type SimulationProgress } from './simulation';
export { DEFAULT_MAX_PODS } from './inputs';
export { AUTO_DETAIL_LIMIT } from './framework';
export type { ScheduleReport, ReportNode, ReportPod, ReportScores, ReportTaint } from './report';
export type { SimulateOptions, SchedulerVersion, SimNode, SimPod, PodStatus, WhatIf, DetailLevel, SourceLocation, CapacityQuestion, CapacityAnswer, HostUse } from './types';
export { SCHEDULER_VERSIONS, DEFAULT_SCHEDULER_VERSION, SCORE_PLUGINS } from './types';
export { toScheduleReport, scheduleReportParts, SCORE_WEIGHTS, type ScheduleReportParts, type PodReachLookup, type ReportOptions } from './report';
export { formatAmount } from './resources';
import { findObjects } from './objects';

/** Whether a file declares anything the simulation reads (Nodes, Pods, workloads, storage, classes …). */
export function holdsSchedulingObjects(file: ManifestFile): boolean {
  return findObjects([file]).length > 0;
}
export { nodeSharing, type NodeSharing, type HostPortUse, type HostPathUse } from './nodeSharing';

/**
 * Simulates scheduling every Pod of the workspace onto its Nodes and returns the report (the
 * JSON shape of `podsight schedule --format json` and `podsight/simulate`). Never throws on
 * odd input.
 */
export function simulate(files: readonly ManifestFile[], options: SimulateOptions = {}): ScheduleReport {
  return toScheduleReport(runSimulation(files, options));
}

/** The simulation with its live model (Nodes, Pods, per-attempt records), before reporting. */
export function runSimulation(files: readonly ManifestFile[], options: SimulateOptions = {}): SimulationResult {
  return new Simulation(files, options).run();
}
