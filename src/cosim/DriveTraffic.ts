/**
 * The event traffic a linear {@link CrossbarDrive} counted over a run of images:
 * the raw hit counters and, per step, the busiest tile's read cycles and
 * partial-sum packets. It depends only on the drive's layout, its delay
 * scheduling and the input spikes, not on the device's conductances or timing:
 * `CrossbarDrive.fromTraffic` turns it back into the drive's counters for any
 * programming of the same layout (Σ G per segment, output spikes and the
 * pipelined latency `Σ_s max(c_s·t_cycle + p_s·t_packet, t_post)` are recomputed
 * from the record, in the order the drive adds them, so the counters are
 * bit-for-bit those of counting directly).
 */
export interface DriveTraffic {
  /** Counted steps. */
  readonly steps: number;
  /** Pulses of each activation group (input, delay group). */
  readonly groupHits: Float64Array;
  /** Spikes of each input. */
  readonly inputHits: Float64Array;
  /** Per tile: columns sensed, remote merges, read cycles, steps as the busiest tile, packets (Σ over steps). */
  readonly tileSenseHits: Float64Array;
  readonly tileMergeHits: Float64Array;
  readonly tileCycleHits: Float64Array;
  readonly tileBusiest: Float64Array;
  readonly tilePacketHits: Float64Array;
  /** Σ_s busiest read cycles, Σ_s busiest packets, active steps. */
  readonly activity: Float64Array;
  /** Per counted step, in order: the busiest tile's read cycles and the most packets of a tile. */
  readonly stepCycles: Int32Array;
  readonly stepPackets: Int32Array;
  /** Counted steps of each image, in order (images without steps left out). */
  readonly imageSteps: Int32Array;
}
