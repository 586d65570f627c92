/** The per-neuron arrays of a {@link NetworkState}. */
export interface NetworkStateArrays {
  /** E membrane potential (mV). */
  readonly vE: Float64Array;
  /** E excitatory / inhibitory conductances (units of the leak). */
  readonly geE: Float64Array;
  readonly giE: Float64Array;
  /** Step of each E neuron's last spike (−1e15 = never). */
  readonly lastE: Float64Array;
  readonly vI: Float64Array;
  readonly geI: Float64Array;
  readonly lastI: Float64Array;
  /** Pending pre-synaptic depression η_pre·x_post1 of each E neuron (dc2015 rule). */
  readonly dep: Float64Array;
  /** Step of each E neuron's last post-synaptic STDP update. */
  readonly lastPost: Float64Array;
  /** 1 while an I neuron is off its fixed point (updated every step). */
  readonly isActiveI: Uint8Array;
  /** 1 when an E neuron's input column may have changed since the last normalisation. */
  readonly touched: Uint8Array;
  /** Spikes of each E neuron in the current presentation window. */
  readonly counts: Int32Array;
}

const F64 = ['vE', 'geE', 'giE', 'lastE', 'vI', 'geI', 'lastI', 'dep', 'lastPost'] as const;

/**
 * The per-neuron state of an {@link SnnNetwork}, held apart from the network so
 * that the partitions of one network running on several threads can share it
 * (allocated over `SharedArrayBuffer`s; each partition writes only its own
 * neurons, and one thread at a time touches all of them between presentations).
 */
export class NetworkState implements NetworkStateArrays {
  readonly vE!: Float64Array;
  readonly geE!: Float64Array;
  readonly giE!: Float64Array;
  readonly lastE!: Float64Array;
  readonly vI!: Float64Array;
  readonly geI!: Float64Array;
  readonly lastI!: Float64Array;
  readonly dep!: Float64Array;
  readonly lastPost!: Float64Array;
  readonly isActiveI: Uint8Array;
  readonly touched: Uint8Array;
  readonly counts: Int32Array;

  private constructor(a: NetworkStateArrays) {
    for (const k of F64) (this as Record<string, unknown>)[k] = a[k];
    this.isActiveI = a.isActiveI;
    this.touched = a.touched;
    this.counts = a.counts;
  }

  /** Fresh zeroed state for `neurons` neurons, over `SharedArrayBuffer`s when `shared`. */
  static allocate(neurons: number, shared = false): NetworkState {
    const buf = (bytes: number): ArrayBuffer | SharedArrayBuffer => (shared ? new SharedArrayBuffer(bytes) : new ArrayBuffer(bytes));
    const f64 = (): Float64Array => new Float64Array(buf(8 * neurons));
    return new NetworkState({
      vE: f64(),
      geE: f64(),
      giE: f64(),
      lastE: f64(),
      vI: f64(),
      geI: f64(),
      lastI: f64(),
      dep: f64(),
      lastPost: f64(),
      isActiveI: new Uint8Array(buf(neurons)),
      touched: new Uint8Array(buf(neurons)),
      counts: new Int32Array(buf(4 * neurons)),
    });
  }

  /** Wraps existing arrays (e.g. shared ones received by a worker thread). */
  static of(arrays: NetworkStateArrays): NetworkState {
    return new NetworkState(arrays);
  }

  /** The arrays as a plain record (to post to a worker thread: shared buffers are shared, not copied). */
  arrays(): NetworkStateArrays {
    const { vE, geE, giE, lastE, vI, geI, lastI, dep, lastPost, isActiveI, touched, counts } = this;
    return { vE, geE, giE, lastE, vI, geI, lastI, dep, lastPost, isActiveI, touched, counts };
  }
}
