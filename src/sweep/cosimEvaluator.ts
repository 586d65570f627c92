import { hashValue } from '../core/hash.js';
import { crossbarForNetwork } from '../cosim/crossbarForNetwork.js';
import { simulateCrossbars } from '../cosim/simulate.js';
import { simulationRecord } from '../cosim/simulationRecord.js';
import type { Mapping } from '../mapping/Mapping.js';
import { mapWeights } from '../mapping/mapWeights.js';
import { loadCrossbar } from '../crossbar/loadCrossbar.js';
import { cosimMatrix, mapsDelayRows } from '../cosim/delayExpandedCsr.js';
import { loadCheckpoint, type Checkpoint } from '../snn/Checkpoint.js';
import { labelNeurons } from '../snn/labelNeurons.js';
import { recipeDataset } from '../snn/train.js';
import { takeImages } from '../data/Dataset.js';
import type { CrossbarSpec } from '../crossbar/CrossbarSpec.js';
import { readNoiseSigmaS } from '../devices/applyReadNoise.js';
import { XsnnError } from '../config/XsnnError.js';
import type { EvaluatorContext, PointEvaluator } from './PointEvaluator.js';
import type { ResultRecord } from '../core/ResultRecord.js';
import type { SweepPoint } from './SweepPoint.js';

/**
 * The real sweep-point evaluator: co-simulates the point's checkpoint on its
 * crossbar (the periphery preset at the point's rows × cols, with the point's
 * device and variation σ) — neuron labels from a label pass through the
 * hardware or the network's own (`point.labels`), `samples` independent device
 * draws — and returns the {@link ResultRecord}
 * (`simulationRecord`).
 *
 * Shared work (`context.shared`): the mapping (packer) per checkpoint, tile
 * size and weight storage; and, when the periphery is linear (no ADC, no read
 * noise), one co-simulation for every size of the point's simulation group
 * (`simulateCrossbars`: the spikes do not depend on the tiling, each size
 * counts its own events), whose records the group's other points then take.
 * The event traffic of the counted images is shared too (`trafficCache`): the
 * groups of other devices with the same weight storage (hence the same
 * mappings and layouts) run the network but count nothing again.
 * Each record equals what simulating its point alone gives. Runs in one
 * thread: the sweep runner parallelises the groups.
 *
 * Its `sharedWork` names a group's weight storage, so that the runner does not start two
 * groups that would map and count the same tiles at the same time.
 *
 * Use: `xsnn sweep --evaluator dist/sweep/cosimEvaluator.js#evaluatePoint`.
 */
async function evaluate(point: SweepPoint, context: EvaluatorContext): Promise<ResultRecord> {
  const own = loadCrossbar(point.crossbar.periphery.file, { device: point.device.file, rows: point.crossbar.rows, cols: point.crossbar.cols });
  const linear = own.periphery.kind !== 'adc' && readNoiseSigmaS(own.device) === 0;
  const sizes = linear ? point.groupCrossbars : [{ rows: point.crossbar.rows, cols: point.crossbar.cols }];
  // groupKey names the checkpoint, periphery, device and σ
  const key = hashValue({
    what: 'cosim-records',
    group: point.groupKey,
    samples: point.samples,
    seed: point.seed,
    images: point.images,
    labels: point.labels ?? 'hardware',
    sizes,
  });
  const records = await context.shared.get(
    key,
    async () => {
      const ck = loadCheckpoint(point.network.checkpoint);
      const bases = sizes.map((size) =>
        size.rows === own.rows && size.cols === own.cols
          ? own
          : loadCrossbar(point.crossbar.periphery.file, { device: point.device.file, rows: size.rows, cols: size.cols }),
      );
      const mappings = await Promise.all(bases.map((base) => sharedMapping(base, ck, point, context)));
      const labels = point.labels === 'network' ? await sharedNetworkLabels(ck, point, context) : 'hardware';
      const results = await simulateCrossbars({
        checkpoint: ck,
        crossbars: bases,
        mappings,
        sigma: point.variationSigma,
        samples: point.samples,
        seed: point.seed,
        labels,
        labelImages: point.images.label,
        testImages: point.images.test,
        ...(point.images.energy !== undefined ? { energyImages: point.images.energy } : {}),
        threads: 1,
        trafficCache: context.shared,
        ...(context.progress !== undefined ? { onProgress: context.progress } : {}),
      });
      return results.map((r) =>
        simulationRecord(r, {
          name: point.network.name,
          checkpointHash: point.network.checkpointHash,
          periphery: point.crossbar.periphery.name,
          devicePresetHash: point.device.hash,
        }),
      );
    },
    { persist: false },
  );
  const at = sizes.findIndex((s) => s.rows === point.crossbar.rows && s.cols === point.crossbar.cols);
  if (at < 0) throw new XsnnError(`cosimEvaluator: the point's crossbar ${point.crossbar.rows}x${point.crossbar.cols} is not in its group's sizes`);
  return records[at]!;
}

/** Checkpoints read for {@link sharedWorkOf}, by directory (the runner's thread only). */
const checkpointsRead = new Map<string, Checkpoint>();

/**
 * The shared work of a point's group: the mappings and the counted event traffic of its
 * checkpoint in its weight storage (the same for every device that stores weights alike).
 */
function sharedWorkOf(point: SweepPoint): string[] {
  let ck = checkpointsRead.get(point.network.checkpoint);
  if (ck === undefined) {
    ck = loadCheckpoint(point.network.checkpoint);
    checkpointsRead.set(point.network.checkpoint, ck);
  }
  const base = loadCrossbar(point.crossbar.periphery.file, { device: point.device.file, rows: point.crossbar.rows, cols: point.crossbar.cols });
  const { crossbar } = crossbarForNetwork({ crossbar: base, checkpoint: ck });
  return [
    hashValue({
      what: 'cosim-storage',
      checkpointHash: point.network.checkpointHash,
      periphery: point.crossbar.periphery.file,
      cellsPerWeight: crossbar.cellsPerWeight,
      weightBits: crossbar.weightBits ?? 'device',
    }),
  ];
}

/** The real sweep-point evaluator (see {@link evaluate}), with the names of its shared work ({@link sharedWorkOf}). */
export const evaluatePoint: PointEvaluator = Object.assign(evaluate, { sharedWork: sharedWorkOf });

/** The trained network's own neuron labels (label pass without hardware), once per checkpoint, label images and seed. */
async function sharedNetworkLabels(ck: Checkpoint, point: SweepPoint, context: EvaluatorContext): Promise<Int8Array> {
  const key = hashValue({ what: 'network-labels', checkpointHash: point.network.checkpointHash, labelImages: point.images.label, seed: point.seed });
  return context.shared.get<Int8Array>(key, async () => {
    const labelSet = takeImages(await recipeDataset(ck.recipe, 'train'), point.images.label);
    const testClasses = (await recipeDataset(ck.recipe, 'test')).classes;
    return (await labelNeurons({ checkpoint: ck, labelSet, classes: Math.max(labelSet.classes, testClasses), seed: point.seed, threads: 1 })).assignments;
  });
}

/**
 * The packer's mapping of a checkpoint for a crossbar's tile size and weight storage (of its delay-expanded
 * matrix on delay hardware, `cosimMatrix`), computed once per sweep (`context.shared`).
 */
async function sharedMapping(base: CrossbarSpec, ck: Checkpoint, point: SweepPoint, context: EvaluatorContext): Promise<Mapping> {
  const { crossbar } = crossbarForNetwork({ crossbar: base, checkpoint: ck });
  const key = hashValue({
    what: 'cosim-mapping',
    checkpointHash: point.network.checkpointHash,
    tileRows: crossbar.rows,
    tileCols: crossbar.logicalCols,
    splitColumns: crossbar.splitColumns,
    algorithm: 'packer',
    ...(mapsDelayRows(crossbar, ck) ? { delayRows: true } : {}),
  });
  return context.shared.get<Mapping>(key, () =>
    mapWeights(cosimMatrix(crossbar, ck), { tileRows: crossbar.rows, tileCols: crossbar.logicalCols, splitColumns: crossbar.splitColumns }),
  );
}
/** Alias of {@link evaluatePoint}. */
export const cosimEvaluator: PointEvaluator = evaluatePoint;
