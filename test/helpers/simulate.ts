/**
 * The simulation as the hosts run it (the CLI's `schedule`, the server's `podsight/simulate`):
 * the files are the workspace, and each Pod goes through the API server's create path first.
 */
import { PodsightService, simulate, type ManifestFile, type ScheduleReport, type SimulateOptions } from '../../server/src/service';

export function simulateAdmitted(files: readonly ManifestFile[], options: SimulateOptions = {}): ScheduleReport {
  const service = new PodsightService();
  for (const f of files) service.workspace.update(f);
  return simulate(files, { ...options, admit: service.schedulingAdmission(files) });
}
