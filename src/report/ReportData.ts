/** A series of values over the categories of a chart (`null` where a point is missing). */
export interface Series {
  readonly label: string;
  /** Network name the series belongs to (for styling), if any. */
  readonly network?: string;
  /** Device name the series belongs to (for styling), if any. */
  readonly device?: string;
  readonly values: ReadonlyArray<number | null>;
  /** One standard deviation per value, where the data has one. */
  readonly std?: ReadonlyArray<number | null>;
}

/** Values over crossbar sizes. */
export interface SizeSeries {
  /** Sizes as labels, `"64×128"` (rows × columns), sorted by cells then rows. */
  readonly sizes: ReadonlyArray<string>;
  readonly series: ReadonlyArray<Series>;
}

/** A stacked breakdown (energy, area or latency) of one network over sizes, SI units. */
export interface Breakdown {
  readonly network: string;
  readonly sizes: ReadonlyArray<string>;
  /** One series per component (`array`, `periphery`, …), SI units. */
  readonly components: ReadonlyArray<Series>;
}

/** One row of the sparse-vs-dense summary table. */
export interface SummaryRow {
  readonly metric: string;
  readonly unit: string;
  /** The value in `unit`; null where a record lacks the figure (a record written before the timing model has no latency). */
  readonly dense: number | null;
  readonly compressed: number | null;
  /** Spread (one std) where the metric has one. */
  readonly denseStd?: number;
  readonly compressedStd?: number;
  /**
   * `ratio`: dense / compressed (how many times smaller the compressed network's
   * figure is); `inverse-ratio`: compressed / dense, for a figure where more is
   * better (throughput); `difference`: compressed − dense (accuracy, points).
   * Null when either value is missing or the two records are in different modes.
   */
  readonly factor: number | null;
  readonly factorKind: 'ratio' | 'inverse-ratio' | 'difference';
  /** Display strings, as printed in the PDF (`–` for a missing value). */
  readonly text: { readonly dense: string; readonly compressed: string; readonly factor: string };
}

/** Sweep points that share an operating mode (docs/timing.md), for the title page and the captions. */
export interface ModeGroup {
  /** `accelerated` or `realtime`; null for points whose records have no timing block (written before the timing model). */
  readonly mode: 'accelerated' | 'realtime' | null;
  /** Whether the crossbar stage overlaps the neuron stage (two-stage pipeline); null without timing. */
  readonly pipelined: boolean | null;
  /** Periphery (crossbar) presets of these points. */
  readonly periphery: ReadonlyArray<string>;
  readonly points: number;
  /** `timing.powerGatedFraction` of those presets (realtime: fraction of the idle time whose leakage is gated away; default 0). */
  readonly powerGatedFraction: ReadonlyArray<number>;
}

/** Time figures of the reference device over sizes (SI units), one series per network (and per mode when the shown points mix modes). */
export interface TimeVsSize {
  readonly energy: SizeSeries;
  readonly latency: SizeSeries;
  readonly throughput: SizeSeries;
  readonly edp: SizeSeries;
  readonly energyPerSop: SizeSeries;
}

/** The point of the design space the summary compares networks at. */
export interface ReferencePoint {
  readonly rows: number;
  readonly cols: number;
  readonly device: string;
  readonly periphery: string;
  readonly variationSigma: number;
}

/** A term of the methods section: one formula or preset value, with the values it took. */
export interface MethodTerm {
  readonly name: string;
  readonly unit: string;
  readonly formula: string;
  readonly source: string;
  readonly min: number;
  readonly max: number;
  /** Records the term appears in. */
  readonly count: number;
}

/** A preset's values as written (flattened `path: value`), for the methods section. */
export interface PresetValues {
  readonly kind: 'device' | 'periphery';
  readonly name: string;
  readonly hash: string;
  readonly source: string;
  readonly fields: ReadonlyArray<readonly [string, string]>;
}

/** The crossbar size at which a network is smallest and the one at which it spends least energy (reference device and σ). */
export interface BestSize {
  readonly network: string;
  readonly area: { readonly size: string; readonly valueSI: number };
  readonly energy: { readonly size: string; readonly valueSI: number };
}

/** The 95 % test-set sampling interval of the summary's accuracy difference. */
export interface AccuracyInterval {
  /** Test images each accuracy is measured on. */
  readonly testImages: number;
  /** Half-width (points) of the interval of one accuracy at the dense network's accuracy. */
  readonly halfWidthPoints: number;
  /** Half-width (points) of the interval of the difference compressed − dense. */
  readonly differenceHalfWidthPoints: number;
  /** Whether |compressed − dense| is within the difference's interval. */
  readonly differenceWithin: boolean;
}

/**
 * Everything a report shows, as plain data: written as `report.json` next to the
 * PDF, and the only input of the PDF renderer besides figure images.
 */
export interface ReportData {
  readonly format: 'xsnn-report/1';
  readonly title: string;
  readonly description: string | null;
  readonly sweep: {
    readonly name: string;
    readonly definitionHash: string;
    readonly xsnnVersion: string;
    readonly points: number;
    readonly pointCount: number;
  };
  readonly xsnnVersion: string;
  /** ISO 8601 date of the data (latest finished point, or given explicitly). */
  readonly date: string;
  readonly provenance: {
    readonly seeds: ReadonlyArray<number>;
    readonly networks: ReadonlyArray<{
      readonly name: string;
      readonly role: string;
      readonly recipe: string | null;
      readonly checkpointHash: string;
      readonly synapses: number | null;
      /** The quantization grid's levels (0: not quantized; null: no record says). */
      readonly levels: number | null;
      /** Distinct levels the checkpoint's weights take, level 0 included (null: not quantized, or its manifest does not say). */
      readonly levelsUsed: number | null;
      /** Training images per epoch of the checkpoint (null when its manifest does not say). */
      readonly trainImages: number | null;
      /** Passes over them (null when its manifest does not say). */
      readonly epochs: number | null;
    }>;
    readonly devices: ReadonlyArray<{ readonly name: string; readonly hash: string }>;
    readonly periphery: ReadonlyArray<{ readonly name: string; readonly hash: string }>;
    readonly samples: ReadonlyArray<number>;
    readonly testImages: ReadonlyArray<number>;
    /** Test images whose hardware events were counted per sample (energy per inference is their mean). */
    readonly energyImages: ReadonlyArray<number>;
    /** Where the neuron labels came from (`hardware`: a label pass through each chip; `network`: the trained network's own). */
    readonly labels: ReadonlyArray<string>;
    /** Training images the neuron labels were assigned on (the definition's `images.label`); null if it does not say. */
    readonly labelImages: number | null;
  };
  readonly reference: ReferencePoint;
  readonly summary: {
    readonly dense: string;
    readonly compressed: string;
    readonly rows: ReadonlyArray<SummaryRow>;
    readonly accuracyInterval: AccuracyInterval;
    /** Operating mode of the dense and the compressed record (null: the record has no timing block). */
    readonly timing: { readonly dense: 'accelerated' | 'realtime' | null; readonly compressed: 'accelerated' | 'realtime' | null };
  } | null;
  /** Per network, the sizes with the smallest area and the lowest energy. */
  readonly bestSizes: ReadonlyArray<BestSize>;
  /**
   * Explanations, from the records' numbers, of every rise of energy or area with a
   * larger crossbar and of every change of device order against the reference size.
   */
  readonly turns: { readonly energy: ReadonlyArray<string>; readonly area: ReadonlyArray<string> };
  readonly tiles: SizeSeries;
  readonly energyBreakdown: ReadonlyArray<Breakdown>;
  readonly areaBreakdown: ReadonlyArray<Breakdown>;
  readonly energyVsSize: SizeSeries;
  readonly areaVsSize: SizeSeries;
  /** Operating modes: of every point (`all`), and of the points at the reference periphery that the summary and the charts show (`shown`). */
  readonly timing: { readonly all: ReadonlyArray<ModeGroup>; readonly shown: ReadonlyArray<ModeGroup> };
  /** Latency per inference split by stage (`rowDrive`, `sensing`, …, `overlapOrIdle`), per network, at the reference device and σ (s). */
  readonly latencyBreakdown: ReadonlyArray<Breakdown>;
  /** Energy, latency, throughput, EDP and energy per SOP per network over sizes, at the reference device and σ. */
  readonly timeVsSize: TimeVsSize;
  readonly accuracyVsVariation: { readonly sigmas: ReadonlyArray<number>; readonly series: ReadonlyArray<Series> };
  readonly methods: { readonly terms: ReadonlyArray<MethodTerm>; readonly presets: ReadonlyArray<PresetValues> };
}
