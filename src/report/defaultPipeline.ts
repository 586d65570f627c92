import { checkpointCsr, loadCheckpoint, saveCheckpoint } from '../snn/Checkpoint.js';
import { train } from '../snn/train.js';
import { mapWeights } from '../mapping/mapWeights.js';
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
 * mapper (`mapWeights`, default packer, seed 0).
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
  tileOccupancy(net, rows, cols) {
    const ck = loadCheckpoint(net.checkpoint);
    return Promise.resolve(occupancyFromMapping(mapWeights(checkpointCsr(ck), { tileRows: rows, tileCols: cols }), net.name));
  },
};
