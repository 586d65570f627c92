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
 * co-simulate it. `key` is `hashValue` of every field except `key`, the group
 * fields and the file paths (so moving a checkpoint or preset keeps the key; changing its contents
 * does not).
 */
export interface SweepPoint {
  readonly key: string;
  /**
   * Key of the point's simulation group: the points that differ from it only in
   * the crossbar size (same checkpoint, periphery, device and σ), which one
   * co-simulation can serve (`simulateCrossbars`).
   */
  readonly groupKey: string;
  /** The crossbar sizes of the point's simulation group, in sweep order (its own included). */
  readonly groupCrossbars: ReadonlyArray<{ readonly rows: number; readonly cols: number }>;
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
  /** Label and test images; `energy`: the first test images whose events are counted (absent: all). */
  readonly images: { readonly label: number; readonly test: number; readonly energy?: number };
  /** Where the neuron labels come from (absent: `hardware`). */
  readonly labels?: 'hardware' | 'network';
}
