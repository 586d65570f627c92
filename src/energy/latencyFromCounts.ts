import { XsnnError } from '../config/XsnnError.js';
import type { CrossbarSpec } from '../crossbar/CrossbarSpec.js';
import type { StepActivity } from './EventCounts.js';
import { explainTerm, input, type ExplainTerm } from './ExplainTerm.js';
import type { StepTiming } from './stepTiming.js';

/** Latency stages of docs/timing.md (s, run totals). */
export interface LatencyBreakdown {
  readonly rowDrive: number;
  readonly sensing: number;
  readonly partialSums: number;
  readonly neurons: number;
  readonly inhibition: number;
  /** Pipelined runs: the overlap saved (≤ 0); realtime: the idle time filling each step to dt (≥ 0). */
  readonly overlapOrIdle: number;
}

/** The result of {@link latencyFromCounts}. */
export interface LatencyReport {
  readonly title: string;
  readonly mode: 'accelerated' | 'realtime';
  readonly pipelined: boolean;
  /** Latency of the run (s): Σ terms. */
  readonly totalS: number;
  /** totalS / inferences. */
  readonly perInferenceS: number;
  /** Inferences per second: 1 / perInferenceS (0 when there was no step). */
  readonly throughputPerS: number;
  /** Hardware busy time of the run (s): the accelerated latency, whatever the mode. */
  readonly busyS: number;
  /** The time leakage is charged over (s): accelerated: totalS; realtime: (1 − g)·steps·dt + g·busyS. */
  readonly leakageTimeS: number;
  /** Realtime mode: whether every step's hardware work fits in dt (false: the chip cannot keep up). */
  readonly keepsUp: boolean;
  readonly breakdownS: LatencyBreakdown;
  /** Terms in breakdown order; their values sum to totalS. */
  readonly terms: ReadonlyArray<ExplainTerm>;
  /** The time-constant terms behind them, and the leakage-time term. */
  readonly constants: ReadonlyArray<ExplainTerm>;
}

/** Options of {@link latencyFromCounts}. */
export interface LatencyFromCountsOptions {
  readonly activity: StepActivity;
  readonly timing: StepTiming;
  readonly crossbar: CrossbarSpec;
  /** Simulation step dt (s). */
  readonly dtS: number;
  readonly inferences: number;
}

const SIM = 'step activity counted by the co-simulation';

/**
 * Latency of a run from its per-step activity (docs/timing.md):
 *
 *   accelerated:  L = Σ_s [ c_s · t_cycle + p_s · t_pkt + t_post ]
 *                   = C · (t_row + t_sense) + P · t_pkt + S · (t_LIF + t_inh)
 *     c_s, p_s: read cycles and partial-sum packets of step s's busiest tile (C, P their sums), S steps;
 *     pipelined (crossbar stage a_s = c_s·t_cycle + p_s·t_pkt overlapping the post stage b of the step before):
 *                   per image a₀ + Σ max(b, a_{s+1}) + b, counted by the co-simulation;
 *   realtime:     L = S · dt  (every step lasts dt), the hardware busy only for the accelerated latency.
 *
 * Leakage time: accelerated L; realtime (1 − g)·S·dt + g·L_busy with g = timing.powerGatedFraction.
 */
export function latencyFromCounts(o: LatencyFromCountsOptions): LatencyReport {
  const { activity: a, timing: t, crossbar } = o;
  checkLatencyInputs(o);
  const tm = crossbar.timing;
  const busy = busyStages(a, t);
  const unpipelined = busy.reduce((s, x) => s + x.valueSI, 0);
  const busyS = tm.pipelined ? Math.min(a.pipelinedS, unpipelined) : unpipelined;
  const extra = overlapOrIdleTerm(o, unpipelined, busyS);
  const terms = [...busy, extra];
  // realtime: Σ terms = steps · dt exactly (the idle term is defined as the difference)
  const totalS = tm.mode === 'realtime' ? a.steps * o.dtS : terms.reduce((s, x) => s + x.valueSI, 0);
  const g = tm.mode === 'realtime' ? tm.powerGatedFraction : 0;
  const leakageTimeS = tm.mode === 'realtime' ? (1 - g) * totalS + g * busyS : totalS;
  const keepsUp = tm.mode !== 'realtime' || unpipelined <= totalS * (1 + 1e-12);
  const leakTerm = leakageTimeTerm(crossbar, leakageTimeS, totalS, busyS, g);
  const inf = o.inferences;
  const perInferenceS = inf > 0 ? totalS / inf : 0;
  return {
    title: `Latency of ${inf} inference(s) on '${crossbar.name}' (${tm.mode}${tm.pipelined ? ', pipelined' : ''})`,
    mode: tm.mode,
    pipelined: tm.pipelined,
    totalS,
    perInferenceS,
    throughputPerS: perInferenceS > 0 ? 1 / perInferenceS : 0,
    busyS,
    leakageTimeS,
    keepsUp,
    breakdownS: {
      rowDrive: busy[0]!.valueSI,
      sensing: busy[1]!.valueSI,
      partialSums: busy[2]!.valueSI,
      neurons: busy[3]!.valueSI,
      inhibition: busy[4]!.valueSI,
      overlapOrIdle: extra.valueSI,
    },
    terms,
    constants: [t.cycleS, t.packetS, t.postS, leakTerm],
  };
}

/** Fails unless dt is a positive time and every step-activity count a finite number >= 0. */
function checkLatencyInputs(o: LatencyFromCountsOptions): void {
  if (!(o.dtS > 0)) throw new XsnnError(`latencyFromCounts: dt must be a positive time, got ${o.dtS}`);
  for (const [k, v] of Object.entries(o.activity)) {
    if (!Number.isFinite(v) || v < 0)
      throw new XsnnError(`latencyFromCounts: step activity '${k}' must be a finite number >= 0`, { field: k, received: String(v) });
  }
}

/** One busy stage: `n · c` (s), with `c` as its part. */
function stage(name: string, what: string, n: number, c: ExplainTerm): ExplainTerm {
  return explainTerm({
    name,
    valueSI: n * c.valueSI,
    unit: 's',
    formula: `${what} · ${c.name}`,
    inputs: [input(what, n, '1', SIM), input(c.name, c.valueSI, 's', c.source)],
    source: c.source,
    parts: [c],
  });
}

/** The five busy stages in breakdown order: row drive, sensing, partial sums, neurons, inhibition. */
function busyStages(a: StepActivity, t: StepTiming): ExplainTerm[] {
  return [
    stage('latencyRowDrive', 'Σ_s busiest read cycles', a.busiestReadCycles, t.rowDriveS),
    stage('latencySensing', 'Σ_s busiest read cycles', a.busiestReadCycles, t.senseS),
    stage('latencyPartialSums', 'Σ_s busiest partial-sum packets', a.busiestPackets, t.packetS),
    stage('latencyNeurons', 'steps', a.steps, t.neuronS),
    stage('latencyInhibition', 'steps', a.steps, t.inhibitionS),
  ];
}

/** The last term: realtime, the idle time filling each step to dt; accelerated, the pipeline's overlap (0 unpipelined). */
function overlapOrIdleTerm(o: LatencyFromCountsOptions, unpipelined: number, busyS: number): ExplainTerm {
  const { activity: a, crossbar } = o;
  const tm = crossbar.timing;
  if (tm.mode === 'realtime') {
    const real = a.steps * o.dtS;
    return explainTerm({
      name: 'latencyRealtimeIdle',
      valueSI: real - unpipelined,
      unit: 's',
      formula: 'steps · dt − Σ busy stages',
      inputs: [input('steps', a.steps, '1', SIM), input('dt', o.dtS, 's', 'recipe network.dt'), input('Σ busy stages', unpipelined, 's', 'the terms above')],
      source: 'realtime mode: every step lasts dt; the chip idles for the rest of it',
    });
  }
  return explainTerm({
    name: 'latencyPipelineOverlap',
    valueSI: tm.pipelined ? busyS - unpipelined : 0,
    unit: 's',
    formula: tm.pipelined ? 'pipelined latency − Σ stages' : '0 (timing.pipelined: false)',
    inputs: [input('pipelined latency', tm.pipelined ? busyS : 0, 's', 'per image a₀ + Σ max(b, a_{s+1}) + b, counted by the co-simulation')],
    source: 'docs/timing.md: two-stage pipeline (crossbars of step s+1 overlap the neuron stage of step s)',
  });
}

/** The leakage-time term: accelerated, the latency; realtime, (1 − g) · steps · dt + g · busy latency. */
function leakageTimeTerm(crossbar: CrossbarSpec, leakageTimeS: number, totalS: number, busyS: number, g: number): ExplainTerm {
  const tm = crossbar.timing;
  return explainTerm({
    name: 'leakageTime',
    valueSI: leakageTimeS,
    unit: 's',
    formula: tm.mode === 'realtime' ? '(1 − g) · steps · dt + g · busy latency' : 'latency',
    inputs: [
      input('latency', totalS, 's', 'Σ latency terms'),
      input('busy latency', busyS, 's', 'accelerated latency of the same steps'),
      input('g (powerGatedFraction)', g, '1', `crossbar '${crossbar.name}' timing.powerGatedFraction`),
    ],
    source:
      tm.mode === 'realtime'
        ? 'realtime mode: leakage over the whole presentation, less the power-gated idle fraction'
        : 'accelerated mode: leakage power × hardware latency',
  });
}
