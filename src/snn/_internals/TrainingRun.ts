import { XsnnError } from '../../config/XsnnError.js';
import { Rng } from '../../core/Rng.js';
import { STREAM } from '../../core/streams.js';
import { version } from '../../core/version.js';
import type { Dataset } from '../../data/Dataset.js';
import type { Checkpoint } from '../Checkpoint.js';
import { initialSynapses, type InitialSynapses } from '../initialSynapses.js';
import { InputSynapses, type InputSynapsesLayout } from '../InputSynapses.js';
import { learningRateScaleAt } from '../learningRateScaleAt.js';
import { NetworkState } from '../NetworkState.js';
import { pruneFractionAt, pruneSynapses } from '../prune.js';
import { quantizationDefaults, quantizationLevels, quantizeSynapseWeights } from '../quantize.js';
import { runawaySpikeLimit } from '../runawaySpikeLimit.js';
import { ShadowWeights } from '../ShadowWeights.js';
import { SnnNetwork } from '../SnnNetwork.js';
import type { SnnRecipe } from '../SnnRecipe.js';
import type { StepExchange } from '../StepExchange.js';
import type { SnapshotIdentity, TrainingSnapshot } from '../TrainingSnapshot.js';

/** What a training run is: the resolved recipe, data, seed and length. */
export interface TrainingSetup {
  readonly recipe: SnnRecipe;
  readonly raw: Record<string, unknown>;
  readonly name: string;
  readonly dataset: Dataset;
  readonly seed: number;
  readonly perEpoch: number;
  readonly epochs: number;
}

/** The run diverged at image `idx`: stop (the CLI exits 1, nothing is written) instead of training on for hours. */
function runawayError(setup: TrainingSetup, idx: number, spikes: number, limit: number): XsnnError {
  const euler = setup.recipe.network.integration === 'euler';
  const why = euler ? '; forward Euler diverged for this recipe and seed: set network.integration to euler-limited (docs/method.md, "Neuron model")' : '';
  return new XsnnError(
    `train: recipe '${setup.name}' (seed ${setup.seed}) ran away at training image ${idx + 1}: ${spikes} E spikes in one presentation, more than ${Math.floor(limit)} (half of what the refractory period allows)${why}`,
    euler ? { field: 'network.integration', expected: 'euler-limited', received: 'euler' } : {},
  );
}

const STATE_F64 = ['vE', 'geE', 'giE', 'lastE', 'vI', 'geI', 'lastI', 'dep', 'lastPost'] as const;

function distinctLevels(w: Float32Array, hasZero: boolean): number {
  const s = new Set<number>();
  if (hasZero) s.add(0);
  for (let e = 0; e < w.length; e++) s.add(w[e]!);
  return s.size;
}

/**
 * The state of one training run and its steps between images: the network
 * (partition 0 of it when `exchange` is given, over shared arrays), the
 * synapses, shadow weights, pruning and quantization schedule, counters, and
 * the conversions to a checkpoint and a snapshot.
 */
export class TrainingRun {
  readonly net: SnnNetwork;
  syn: InputSynapses;
  readonly init: InitialSynapses;
  readonly nIn: number;
  readonly total: number;
  presentations = 0;
  spikes = 0;
  windowSpikes = 0;
  windowImages = 0;
  quantized = false;
  /** Whether each partition normalises its own neurons' columns (partitioned and no shadow weights; see SnnNetworkOptions.ownColumns). */
  readonly ownColumns: boolean;
  /** Called with the new synapses after pruning replaced them (the other partitions need them). */
  onNewSynapses: ((syn: InputSynapses) => void) | null = null;
  private readonly shadow: ShadowWeights | null;
  private readonly beforePresentation: (() => void) | undefined;
  private readonly levels: Float64Array | null;
  private readonly pruneEvery: number;
  private readonly quantEvery: number;
  /** E spikes of one presentation above which the run has diverged ({@link runawaySpikeLimit}). */
  private readonly runawayLimit: number;
  /** How the synapses are laid out: shared and split by partition when the run is partitioned. */
  private readonly layout: InputSynapsesLayout;

  constructor(
    readonly setup: TrainingSetup,
    partition: { readonly range: readonly [number, number]; readonly exchange: StepExchange; readonly blocks: readonly number[] } | null = null,
  ) {
    const { recipe, dataset: ds, seed } = setup;
    const nIn = ds.width * ds.height * ds.channels;
    const N = recipe.network.neurons;
    this.nIn = nIn;
    this.total = setup.perEpoch * setup.epochs;
    this.runawayLimit = runawaySpikeLimit(recipe);
    this.layout = partition === null ? {} : { shared: true, blocks: partition.blocks };
    this.init = initialSynapses(recipe, nIn, seed);
    this.syn = InputSynapses.fromDense(this.init.weights, new Uint8Array(nIn * N).fill(1), this.init.delays, nIn, N, this.init.maxDelay, this.layout);
    const P = recipe.pruning;
    const Q = recipe.quantization;
    const wMax = recipe.network.input.wMax;
    this.levels = quantizationLevels(Q, wMax);
    this.pruneEvery = P.criterion === 'none' ? 0 : P.every;
    const choice = quantizationDefaults(Q);
    const shadowMode = this.levels !== null && choice.shadow;
    this.ownColumns = partition !== null && !shadowMode;
    const shared = this.layout.shared === true;
    const theta = shared ? new Float64Array(new SharedArrayBuffer(8 * N)) : new Float64Array(N);
    theta.fill(recipe.network.threshold.thetaInit);
    this.net = new SnnNetwork(recipe, this.syn, theta, {
      state: NetworkState.allocate(N, shared),
      initialise: true,
      ...(partition !== null ? { range: partition.range, exchange: partition.exchange, ownColumns: this.ownColumns } : {}),
    });
    this.quantEvery = this.levels === null || shadowMode ? 0 : (Q.every ?? this.pruneEvery);
    const elementwise = choice.range === 'w-max' || Q.values !== null ? this.levels : null;
    // shadow-weight mode: STDP accumulates in full precision, the network runs on the quantization
    this.shadow = shadowMode ? new ShadowWeights(N, recipe.protocol.normalizeSum, () => this.quantize(), elementwise) : null;
    const shadow = this.shadow;
    this.beforePresentation =
      shadow === null
        ? undefined
        : (): void => {
            shadow.beforePresentation(this.syn, this.net.touchedColumns);
            this.net.columnsSettled();
            this.quantized = true;
          };
  }

  /** Trains on image `idx` (0-based over all epochs), then prunes/quantizes when the schedule says so. */
  trainImage(idx: number): void {
    const { recipe, dataset, seed, perEpoch } = this.setup;
    const k = idx % perEpoch;
    this.net.learningRateScale = learningRateScaleAt(recipe.learning, idx);
    const r = this.net.trainImage(dataset.pixels, k * this.nIn, new Rng(seed, STREAM.train, idx), this.beforePresentation);
    if (r.total > this.runawayLimit) throw runawayError(this.setup, idx, r.total, this.runawayLimit);
    this.presentations += r.presentations;
    this.spikes += r.total;
    this.windowSpikes += r.total;
    this.windowImages++;
    const done = idx + 1;
    if (done >= this.total) return;
    const P = recipe.pruning;
    if (this.pruneEvery > 0 && done % this.pruneEvery === 0 && done >= P.startAfter) this.prune(done);
    if (this.quantEvery > 0 && done % this.quantEvery === 0) {
      this.quantize(quantizationDefaults(recipe.quantization).rounding === 'stochastic' ? new Rng(seed, STREAM.quantize, done) : undefined);
      this.net.touchAll();
      this.quantized = true;
    }
  }

  /**
   * Throws when a snapshot taken after `done` images cannot end this run: a run shortened on resume to end exactly
   * there, whose recipe rounds stochastically at that image (the snapshot holds the draw the shorter run never makes).
   */
  assertCanEndAt(done: number, dir: string): void {
    const stochastic = quantizationDefaults(this.setup.recipe.quantization).rounding === 'stochastic';
    if (done === this.total && stochastic && this.quantEvery > 0 && done % this.quantEvery === 0) {
      throw new XsnnError(
        `cannot resume: the snapshot after ${done} images already holds the stochastic rounding at that image, which a run ending there does not make`,
        { file: dir, field: 'epochs', expected: `more than ${done / this.setup.perEpoch} epoch(s)` },
      );
    }
  }

  /** The pruned fraction and distinct levels now (for progress reports). */
  status(): { prunedFraction: number; levels: number | null } {
    const all = this.nIn * this.setup.recipe.network.neurons;
    return { prunedFraction: 1 - this.syn.size / all, levels: this.quantized ? distinctLevels(this.syn.w, this.syn.size < all) : null };
  }

  private quantize(rng?: Rng): void {
    const R = this.setup.recipe;
    const syn = this.syn;
    // stochastic rounding draws in entry order: the one-block order, whatever the number of threads
    const w = rng === undefined ? syn.w : syn.toCanonical(syn.w);
    quantizeSynapseWeights({
      w,
      col: rng === undefined ? syn.col : syn.toCanonical(syn.col),
      neurons: R.network.neurons,
      spec: R.quantization,
      wMax: R.network.input.wMax,
      ...(rng !== undefined ? { rng } : {}),
    });
    if (w !== syn.w) syn.w.set(syn.fromCanonical(w));
  }

  private replaceSynapses(syn: InputSynapses): void {
    this.syn = syn;
    this.net.setSynapses(syn);
    this.onNewSynapses?.(syn);
  }

  private prune(done: number): void {
    const P = this.setup.recipe.pruning;
    const N = this.setup.recipe.network.neurons;
    this.shadow?.fold(this.syn);
    const dense = this.syn.toDenseWeights();
    const mask = this.syn.toMask();
    const n = pruneSynapses({
      weights: dense,
      mask,
      nInputs: this.nIn,
      neurons: N,
      criterion: P.criterion,
      threshold: P.threshold,
      fraction: pruneFractionAt(P, done),
    });
    if (n > 0) this.replaceSynapses(InputSynapses.fromDense(dense, mask, this.init.delays, this.nIn, N, this.init.maxDelay, this.layout));
    else this.net.touchAll();
  }

  /** Final pruning and quantization (shadow mode: of the full-precision weights), then the checkpoint. */
  finish(): Checkpoint {
    const { recipe, raw, name, dataset: ds, seed, perEpoch, epochs } = this.setup;
    const N = recipe.network.neurons;
    const nIn = this.nIn;
    const { delays, maxDelay } = this.init;
    this.shadow?.fold(this.syn);
    if (this.pruneEvery > 0 && this.total >= recipe.pruning.startAfter) this.prune(this.total);
    let syn = this.syn;
    const mask = syn.toMask();
    if (this.levels !== null) {
      this.quantize();
      if (recipe.quantization.pruneZero) {
        const dense = syn.toDenseWeights();
        for (let k = 0; k < dense.length; k++) if (mask[k] !== 0 && dense[k] === 0) mask[k] = 0;
        syn = InputSynapses.fromDense(dense, mask, delays, nIn, N, maxDelay);
      }
    }
    const alive = syn.size;
    return {
      recipeName: name,
      recipeRaw: raw,
      recipe,
      seed,
      xsnnVersion: version,
      dataset: { name: ds.name, sha256: ds.sha256, width: ds.width, height: ds.height, channels: ds.channels, classes: ds.classes },
      counts: {
        trainImages: perEpoch,
        epochs,
        presentations: this.presentations,
        excSpikes: this.spikes,
        synapses: alive,
        prunedFraction: 1 - alive / (nIn * N),
        levels: this.levels === null ? null : distinctLevels(syn.w, alive < nIn * N),
      },
      nInputs: nIn,
      neurons: N,
      maxDelay,
      weights: syn.toDenseWeights(),
      mask: syn.toMask(),
      delays,
      theta: this.layout.shared === true ? Float64Array.from(this.net.theta) : this.net.theta,
    };
  }

  /** What a snapshot of this run must match to be resumed. */
  identity(): SnapshotIdentity {
    const { recipe, name, dataset, seed, perEpoch, epochs } = this.setup;
    return { xsnnVersion: version, recipeName: name, recipe, seed, dataset: { name: dataset.name, sha256: dataset.sha256 }, trainImages: perEpoch, epochs };
  }

  /** The whole state after `imagesDone` images. */
  snapshot(imagesDone: number): TrainingSnapshot {
    const net = this.net;
    const st = net.state;
    const arrays: Record<string, Float32Array | Float64Array | Uint8Array | Int32Array> = {
      weights: this.syn.toDenseWeights(),
      mask: this.syn.toMask(),
      theta: net.theta,
      isActiveI: st.isActiveI,
      ring: net.ring,
      ringHead: net.ringHead,
      ringCount: net.ringCount,
    };
    for (const k of STATE_F64) arrays[k] = st[k];
    if (net.ringX !== null) arrays.ringX = net.ringX;
    const sw = this.shadow?.state();
    if (sw !== undefined && sw !== null) {
      // in the one-block order, so that a snapshot does not depend on the number of threads
      arrays.shadow = this.syn.toCanonical(sw.shadow);
      arrays.shadowStart = this.syn.toCanonical(sw.start);
    }
    const counters = {
      presentations: this.presentations,
      spikes: this.spikes,
      windowSpikes: this.windowSpikes,
      windowImages: this.windowImages,
      quantized: this.quantized,
    };
    return { ...this.identity(), imagesDone, step: net.t, counters, arrays };
  }

  /** Restores the state of a snapshot (taken of the same setup: see {@link identity}). */
  restore(s: TrainingSnapshot): void {
    const a = s.arrays;
    const N = this.setup.recipe.network.neurons;
    const syn = InputSynapses.fromDense(a.weights!, a.mask!, this.init.delays, this.nIn, N, this.init.maxDelay, this.layout);
    this.replaceSynapses(syn);
    const net = this.net;
    net.theta.set(a.theta as Float64Array);
    for (const k of STATE_F64) net.state[k].set(a[k] as Float64Array);
    net.state.isActiveI.set(a.isActiveI as Uint8Array);
    net.ring.set(a.ring as Float64Array);
    net.ringHead.set(a.ringHead as Int32Array);
    net.ringCount.set(a.ringCount as Int32Array);
    if (net.ringX !== null) net.ringX.set(a.ringX as Float64Array);
    net.t = s.step;
    net.rebuildActiveList();
    net.touchAll();
    if (a.shadow !== undefined && a.shadowStart !== undefined) {
      this.shadow?.restore(syn.fromCanonical(a.shadow as Float32Array), syn.fromCanonical(a.shadowStart as Float32Array));
    }
    ({
      presentations: this.presentations,
      spikes: this.spikes,
      windowSpikes: this.windowSpikes,
      windowImages: this.windowImages,
      quantized: this.quantized,
    } = s.counters);
  }
}
