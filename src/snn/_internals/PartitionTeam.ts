import { MessageChannel, receiveMessageOnPort, Worker, type MessagePort } from 'node:worker_threads';
import { workerScriptAvailable } from '../../core/runImageChunks.js';
import { XsnnError } from '../../config/XsnnError.js';
import type { InputSynapses } from '../InputSynapses.js';
import { SharedStepExchange } from './SharedStepExchange.js';
import type { TrainWorkerData } from './TrainWorkerData.js';
import type { TrainingRun, TrainingSetup } from './TrainingRun.js';

const WORKER_URL = new URL('./trainWorker.js', import.meta.url);

/** Whether training can start partition threads (the compiled worker script exists). */
export function trainWorkersAvailable(): boolean {
  return workerScriptAvailable(WORKER_URL, import.meta.url);
}

/** Neurons `[lo, hi)` of partition `p` of `parts` (contiguous, sizes differing by at most one). */
export function partitionRange(neurons: number, p: number, parts: number): [number, number] {
  return [Math.floor((p * neurons) / parts), Math.floor(((p + 1) * neurons) / parts)];
}

/** The neuron cut points `[0, …, neurons]` of the `parts` partitions of {@link partitionRange} (the synapses' blocks). */
export function partitionCuts(neurons: number, parts: number): number[] {
  return Array.from({ length: parts + 1 }, (_, p) => (p === parts ? neurons : partitionRange(neurons, p, parts)[0]));
}

/**
 * The partition threads of a training run: partition 0 is the calling thread
 * (the leader, which owns everything done between presentations); partitions
 * 1 … parts − 1 are worker threads started here, which run the same images in
 * lock step over the shared state. New synapses (after pruning) go to them
 * through their ports.
 */
export class PartitionTeam {
  private constructor(
    private readonly workers: Worker[],
    private readonly ports: MessagePort[],
    readonly cells: Int32Array,
  ) {}

  /** The shared exchange cells and the leader's error handler for `parts` partitions (create before the run). */
  static cells(parts: number): Int32Array {
    return SharedStepExchange.cells(parts);
  }

  /** Starts partitions 1 … parts − 1 for the images `start` … of a run whose leader is `run` (built with `cells`). */
  static start(run: TrainingRun, setup: TrainingSetup, cells: Int32Array, parts: number, start: number): PartitionTeam {
    const { recipe, dataset, seed, perEpoch } = setup;
    const nIn = run.nIn;
    const pixels = new Uint8Array(new SharedArrayBuffer(perEpoch * nIn));
    pixels.set(dataset.pixels.subarray(0, perEpoch * nIn));
    const net = run.net;
    const history = { ring: net.ring, ringHead: net.ringHead, ringCount: net.ringCount, ringX: net.ringX };
    const workers: Worker[] = [];
    const ports: MessagePort[] = [];
    for (let p = 1; p < parts; p++) {
      const { port1, port2 } = new MessageChannel();
      const data: TrainWorkerData = {
        recipe,
        seed,
        perEpoch,
        total: run.total,
        start,
        nIn,
        pixels,
        theta: net.theta,
        state: net.state.arrays(),
        synapses: run.syn.parts(),
        history,
        step: net.t,
        cells,
        part: p,
        parts,
        range: partitionRange(recipe.network.neurons, p, parts),
        ownColumns: run.ownColumns,
        port: port2,
      };
      const w = new Worker(WORKER_URL, { workerData: data, transferList: [port2] });
      w.unref();
      workers.push(w);
      ports.push(port1);
    }
    const team = new PartitionTeam(workers, ports, cells);
    run.onNewSynapses = (syn) => team.publish(syn);
    return team;
  }

  /** Sends new synapses to every partition thread (they pick them up at the next presentation). */
  publish(syn: InputSynapses): void {
    const parts = syn.parts();
    for (const port of this.ports) port.postMessage(parts);
    SharedStepExchange.bumpGeneration(this.cells);
  }

  /** The error a partition thread reported, as an exception to throw. */
  failure(): XsnnError {
    for (const port of this.ports) {
      const m = receiveMessageOnPort(port);
      const e = (m?.message as { error?: string } | undefined)?.error;
      if (e !== undefined) return new XsnnError(`train: a training thread failed: ${e}`);
    }
    return new XsnnError('train: a training thread stopped without a report');
  }

  /** Stops the threads (they end by themselves after the last image; on an error they are woken and terminated). */
  close(failed: boolean): void {
    if (failed) SharedStepExchange.fail(this.cells, this.workers.length + 1);
    for (const w of this.workers) void w.terminate();
    for (const p of this.ports) p.close();
  }
}
