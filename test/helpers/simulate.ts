/**
 * The simulation as the hosts run it (the CLI's `schedule`, the server's `podsight/simulate`):
 * the files are the workspace, each Pod goes through the API server's create path first, and
 * the Pod entries say which Services and NetworkPolicies reach them.
 */
import { PodsightService, runSimulation, toScheduleReport, type ManifestFile, type ScheduleReport, type SimulateOptions } from '../../server/src/service';

export function simulateAdmitted(files: readonly ManifestFile[], options: SimulateOptions = {}): ScheduleReport {
  const service = new PodsightService();
  for (const f of files) service.workspace.update(f);
  const result = runSimulation(files, { ...options, admit: service.schedulingAdmission(files) });
  return toScheduleReport(result, { reach: service.reachLookup(files) });
}
