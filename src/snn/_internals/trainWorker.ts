// A training partition thread: simulates neurons [lo, hi) of the network in
// lock step with the leader (train's thread), over shared state and synapses,
// for every remaining image; picks up new synapses after pruning from its port.
import { receiveMessageOnPort, workerData } from 'node:worker_threads';
import { Rng } from '../../core/Rng.js';
import { STREAM } from '../../core/streams.js';
import { XsnnError } from '../../config/XsnnError.js';
import { InputSynapses, type InputSynapsesParts } from '../InputSynapses.js';
import { learningRateScaleAt } from '../learningRateScaleAt.js';
import { NetworkState } from '../NetworkState.js';
import { SnnNetwork } from '../SnnNetwork.js';
import { SharedStepExchange } from './SharedStepExchange.js';
import type { TrainWorkerData } from './TrainWorkerData.js';

const d = workerData as TrainWorkerData;

function trainPartition(): void {
  const exchange = new SharedStepExchange(d.cells, d.part, d.parts, () => {
    throw new XsnnError('train: another training thread failed');
  });
  let generation = SharedStepExchange.generation(d.cells);
  const pickUpSynapses = (): void => {
    const g = SharedStepExchange.generation(d.cells);
    let parts: InputSynapsesParts | null = null;
    while (generation !== g) {
      const m = receiveMessageOnPort(d.port);
      if (m === undefined) continue; // posted before the generation was bumped: it is on its way
      parts = m.message as InputSynapsesParts;
      generation++;
    }
    if (parts !== null) net.setSynapses(InputSynapses.of(parts));
  };
  const net: SnnNetwork = new SnnNetwork(d.recipe, InputSynapses.of(d.synapses), d.theta, {
    state: NetworkState.of(d.state),
    range: d.range,
    exchange,
    leader: false,
    ownColumns: d.ownColumns,
    initialise: false,
    afterRelease: pickUpSynapses,
  });
  net.ring.set(d.history.ring);
  net.ringHead.set(d.history.ringHead);
  net.ringCount.set(d.history.ringCount);
  if (net.ringX !== null && d.history.ringX !== null) net.ringX.set(d.history.ringX);
  net.t = d.step;
  for (let idx = d.start; idx < d.total; idx++) {
    net.learningRateScale = learningRateScaleAt(d.recipe.learning, idx);
    net.trainImage(d.pixels, (idx % d.perEpoch) * d.nIn, new Rng(d.seed, STREAM.train, idx));
  }
}

try {
  trainPartition();
} catch (err) {
  d.port.postMessage({ error: err instanceof Error ? (err.stack ?? err.message) : String(err) });
  SharedStepExchange.fail(d.cells, d.parts);
}
d.port.close();
