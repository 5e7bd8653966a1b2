/**
 * The simulation as a sequence of small steps — reading the inputs (one Pod admitted per step)
 * then scheduling (one cycle per step) — so that its driver can stay responsive, stop early or
 * show progress between steps. The engine keeps no clock: the driver decides how many steps to
 * run before it looks at the time (the language server yields to its event loop and checks
 * cancellation; the CLI draws a progress bar).
 */
import type { ManifestFile } from '../parse/manifests';
import { readInputsSteps, type Inputs, type ReadProgress } from './inputs';
import { Simulator, type SimulationResult } from './framework';
import type { SimulateOptions } from './types';

export interface SimulationProgress {
  phase: 'reading' | 'scheduling' | 'done';
  /** reading: Pods admitted; scheduling: attempts made in this pass. */
  done: number;
  /** reading: Pods to admit; scheduling: attempts this pass makes as far as known. */
  total: number;
  /** Scheduling pass: 0, then the retries of Pods that other Pods' placement may help. */
  pass: number;
}

export class Simulation {
  private reader: Generator<ReadProgress, Inputs, void> | undefined;
  private read: ReadProgress | undefined;
  private simulator: Simulator | undefined;
  private inputsRead: Inputs | undefined;

  /** With cordons or drains: first the workspace as it is, to know what runs on those Nodes. */
  private baseline: Simulation | undefined;

  constructor(
    private readonly files: readonly ManifestFile[],
    private readonly options: SimulateOptions = {},
  ) {
    const touched = (options.whatIf?.cordon?.length ?? 0) + (options.whatIf?.drain?.length ?? 0);
    if (touched > 0 && !options.runningOn) {
      const { capacity: _question, ...rest } = options;
      // What runs now: the workspace as it is, before any what-if.
      this.baseline = new Simulation(files, { ...rest, whatIf: {} });
    } else this.reader = readInputsSteps(files, options);
  }

  /**
   * Once the baseline is done: the Pods it placed on the Nodes to cordon or drain run there
   * (then a cordon keeps them, a drain evicts them).
   */
  private afterBaseline(): void {
    const cordon = new Set([...(this.options.whatIf?.cordon ?? []), ...(this.options.whatIf?.drain ?? [])]);
    const runningOn = new Map<string, string>();
    for (const r of this.baseline!.result().pods) if (r.status === 'scheduled' && r.node && cordon.has(r.node.name)) runningOn.set(r.pod.key, r.node.name);
    this.baseline = undefined;
    this.reader = readInputsSteps(this.files, { ...this.options, runningOn });
  }

  /**
   * Pods the manifests make (Pod manifests plus expanded workloads, however many a workload
   * asks for) and the bound (`maxPods`); known after the first step, before any Pod is admitted.
   */
  podCount(): { wanted: number; max: number } | undefined {
    if (this.baseline) return this.baseline.podCount();
    return this.read ? { wanted: this.read.podsWanted, max: this.read.maxPods } : undefined;
  }

  /** The Nodes and Pods, once read. */
  inputs(): Inputs | undefined {
    return this.inputsRead;
  }

  /** One small unit of work; true once the simulation is complete. */
  step(): boolean {
    if (this.baseline) {
      if (this.baseline.step()) this.afterBaseline();
      return false;
    }
    if (this.simulator) return this.simulator.step();
    const r = this.reader!.next();
    if (r.done) {
      this.inputsRead = r.value;
      this.simulator = new Simulator(r.value, this.options);
      this.reader = undefined;
    } else this.read = r.value;
    return false;
  }

  progress(): SimulationProgress {
    if (this.baseline) return this.baseline.progress();
    if (this.simulator) {
      const p = this.simulator.progress();
      return { phase: p.finished ? 'done' : 'scheduling', done: p.done, total: p.total, pass: p.pass };
    }
    return { phase: 'reading', done: this.read?.done ?? 0, total: this.read?.total ?? 0, pass: 0 };
  }

  /** Runs what is left and returns the outcome. */
  run(): SimulationResult {
    while (!this.step());
    return this.simulator!.result();
  }

  /** The outcome; complete once `step` returned true. */
  result(): SimulationResult {
    if (!this.simulator) throw new Error('the simulation has not read its inputs yet');
    return this.simulator.result();
  }
}
