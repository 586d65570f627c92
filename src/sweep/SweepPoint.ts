/** A preset a sweep uses, identified by the hash of its merged contents. */
export interface PresetRef {
  /** Name as written in the sweep definition. */
  readonly name: string;
  /** Resolved YAML file. */
  readonly file: string;
  /** `hashValue` of the merged preset data (after `extends:`), before validation. */
  readonly hash: string;
}

/**
 * One fully resolved point of a sweep: everything an evaluator needs to
 * co-simulate it. `key` is `hashValue` of every field except `key` and the file
 * paths (so moving a checkpoint or preset keeps the key; changing its contents
 * does not).
 */
export interface SweepPoint {
  readonly key: string;
  /** Key of the work shared with other points: same checkpoint and crossbar size. */
  readonly groupKey: string;
  readonly network: {
    readonly name: string;
    readonly role: 'dense' | 'compressed';
    readonly recipe: string | null;
    /** Checkpoint path (absolute). */
    readonly checkpoint: string;
    readonly checkpointHash: string;
  };
  readonly crossbar: { readonly rows: number; readonly cols: number; readonly periphery: PresetRef };
  readonly device: PresetRef;
  /** Device-to-device variation σ, fraction of the conductance range. */
  readonly variationSigma: number;
  readonly samples: number;
  readonly seed: number;
  readonly images: { readonly label: number; readonly test: number };
}
