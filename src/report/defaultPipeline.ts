import { checkpointCsr, loadCheckpoint, saveCheckpoint } from '../snn/Checkpoint.js';
import { train } from '../snn/train.js';
import { mapWeights } from '../mapping/mapWeights.js';
import { loadCrossbar } from '../crossbar/loadCrossbar.js';
import { crossbarForNetwork } from '../cosim/crossbarForNetwork.js';
import { cosimMatrix, mapsDelayRows } from '../cosim/delayExpandedCsr.js';
import type { ReceptiveFieldsInput } from './FigureInputs.js';
import { occupancyFromMapping } from './occupancyFromMapping.js';
import type { FigureSources, RecipeTrainer } from './runReportSpec.js';

/** Trains a recipe with the SNN core (`train`) and saves the checkpoint. */
export const trainRecipe: RecipeTrainer = ({ recipe, checkpointDir }) => {
  const result = train({ recipe });
  saveCheckpoint(checkpointDir, result.checkpoint);
  return Promise.resolve();
};

/** Neurons kept for the receptive-field figure. */
const MAX_FIELDS = 100;

/**
 * Figure sources from the checkpoints themselves: receptive fields from the
 * checkpoint's weights (first 100 neurons), occupancy from a mapping by the
 * mapper (`mapWeights`, default packer, seed 0) of what the co-simulation maps
 * on the summary's crossbar preset: the weights as stored there (cells per
 * weight), and with delay hardware one physical row per (input, delay group).
 */
export const checkpointFigureSources: FigureSources = {
  receptiveFields(net) {
    const ck = loadCheckpoint(net.checkpoint);
    const side = Math.round(Math.sqrt(ck.nInputs));
    if (side * side !== ck.nInputs) return Promise.resolve(null);
    const n = Math.min(MAX_FIELDS, ck.neurons);
    const weights = new Float32Array(ck.nInputs * n);
    for (let i = 0; i < ck.nInputs; i++) for (let j = 0; j < n; j++) weights[i * n + j] = ck.weights[i * ck.neurons + j]!;
    const rf: ReceptiveFieldsInput = {
      network: net.name,
      checkpointHash: net.checkpointHash,
      weights,
      inputs: ck.nInputs,
      neurons: n,
      totalNeurons: ck.neurons,
      imageWidth: side,
      imageHeight: side,
    };
    return Promise.resolve(rf);
  },
  tileOccupancy(net, at) {
    const ck = loadCheckpoint(net.checkpoint);
    if (at.periphery === undefined) {
      return Promise.resolve(occupancyFromMapping(mapWeights(checkpointCsr(ck), { tileRows: at.rows, tileCols: at.cols }), net.name));
    }
    const base = loadCrossbar(at.periphery.file, { rows: at.rows, cols: at.cols, ...(at.device !== undefined ? { device: at.device.file } : {}) });
    const { crossbar } = crossbarForNetwork({ crossbar: base, checkpoint: ck });
    const mapping = mapWeights(cosimMatrix(crossbar, ck), { tileRows: crossbar.rows, tileCols: crossbar.logicalCols, splitColumns: crossbar.splitColumns });
    const delayGroups = mapsDelayRows(crossbar, ck) ? ck.maxDelay + 1 : undefined;
    return Promise.resolve(occupancyFromMapping(mapping, net.name, delayGroups));
  },
};
