import { hashValue } from '../_internals/hash.js';
import { crossbarForNetwork } from '../crossbar/cosim/crossbarForNetwork.js';
import { simulate } from '../crossbar/cosim/simulate.js';
import { simulationRecord } from '../crossbar/cosim/simulationRecord.js';
import type { Mapping } from '../crossbar/mapping/Mapping.js';
import { mapWeights } from '../crossbar/mapping/mapWeights.js';
import { loadCrossbar } from '../crossbar/spec/loadCrossbar.js';
import { checkpointCsr, loadCheckpoint } from '../snn/Checkpoint.js';
import type { EvaluatorContext, PointEvaluator } from './PointEvaluator.js';
import type { ResultRecord } from './ResultRecord.js';
import type { SweepPoint } from './SweepPoint.js';

/**
 * The real sweep-point evaluator: co-simulates the point's checkpoint on its
 * crossbar (the periphery preset at the point's rows × cols, with the point's
 * device and variation σ) with `simulate` — labels assigned through the same
 * hardware, `samples` independent device draws — and returns the
 * {@link ResultRecord} (`simulationRecord`). The mapping (packer) is shared
 * between points with the same checkpoint, tile size and weight storage
 * (`context.shared`). Runs in one thread: the sweep runner parallelises points.
 *
 * Use: `xsnn sweep --evaluator dist/sweep/cosimEvaluator.js#evaluatePoint`.
 */
export const evaluatePoint: PointEvaluator = async (point: SweepPoint, context: EvaluatorContext): Promise<ResultRecord> => {
  const ck = loadCheckpoint(point.network.checkpoint);
  const base = loadCrossbar(point.crossbar.periphery.file, { device: point.device.file, rows: point.crossbar.rows, cols: point.crossbar.cols });
  const { crossbar } = crossbarForNetwork({ crossbar: base, checkpoint: ck });
  const key = hashValue({
    what: 'cosim-mapping',
    checkpointHash: point.network.checkpointHash,
    tileRows: crossbar.rows,
    tileCols: crossbar.logicalCols,
    splitColumns: crossbar.splitColumns,
    algorithm: 'packer',
  });
  const mapping = await context.shared.get<Mapping>(key, () =>
    mapWeights(checkpointCsr(ck), { tileRows: crossbar.rows, tileCols: crossbar.logicalCols, splitColumns: crossbar.splitColumns }),
  );
  const r = await simulate({
    checkpoint: ck,
    crossbar: base,
    mapping,
    sigma: point.variationSigma,
    samples: point.samples,
    seed: point.seed,
    labelImages: point.images.label,
    testImages: point.images.test,
    threads: 1,
  });
  return simulationRecord(r, {
    name: point.network.name,
    checkpointHash: point.network.checkpointHash,
    periphery: point.crossbar.periphery.name,
    devicePresetHash: point.device.hash,
  });
};

/** Alias of {@link evaluatePoint}. */
export const cosimEvaluator: PointEvaluator = evaluatePoint;
