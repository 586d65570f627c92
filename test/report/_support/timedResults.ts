import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ResultRecord, TimingFigures } from '../../../src/core/ResultRecord.js';
import { runSweep } from '../../../src/sweep/index.js';
import type { PointEvaluator } from '../../../src/sweep/index.js';
import { makeSweepFixture } from '../../sweep/_support/sweepFixture.js';
import { evaluatePoint } from '../../sweep/_support/testEvaluator.mjs';

/** A number in [0, 1) from a point key and a salt. */
function unit(key: string, salt: string): number {
  return createHash('sha256').update(`${key}:${salt}`).digest().readUInt32BE(0) / 2 ** 32;
}

/** Which mode a point's record states: `accelerated`, `realtime`, or `none` (a record written before the timing model, no timing block). */
export type ModeOf = (point: { network: { name: string }; crossbar: { rows: number; cols: number } }) => 'accelerated' | 'realtime' | 'none';

/**
 * A TEST DOUBLE timing block for a record (numbers a function of the point key,
 * not a hardware model), consistent like a real one: stages sum to the latency,
 * throughput = 1 / latency, EDP = energy × latency, energy per SOP = energy / SOPs;
 * realtime: latency = 350 steps · 0.5 ms, the idle stage filling it.
 */
function timingFor(key: string, r: ResultRecord, mode: 'accelerated' | 'realtime'): TimingFigures {
  const u = (s: string): number => unit(key, s);
  const busy = {
    rowDrive: 1e-5 * (1 + u('lr')),
    sensing: 5e-5 * (1 + u('ls')),
    partialSums: 1e-4 * u('lp'),
    neurons: 6e-4 * (1 + 0.1 * u('ln')),
    inhibition: 2e-5,
  };
  const busyS = Object.values(busy).reduce((a, b) => a + b, 0);
  const latency = mode === 'realtime' ? 350 * 0.5e-3 : busyS;
  const sops = 1e5 * (1 + u('sop'));
  return {
    mode,
    pipelined: false,
    latencyPerInferenceS: latency,
    latencyBreakdownS: { ...busy, overlapOrIdle: latency - busyS },
    throughputPerS: 1 / latency,
    edpJs: r.energyPerInferenceJ * latency,
    sopsPerInference: sops,
    energyPerSopJ: r.energyPerInferenceJ / sops,
    programmingEnergyJ: 1e-6 * u('pe'),
    programmingTimeS: 1e-3 * u('pt'),
  };
}

/**
 * A results folder made with the TEST DOUBLE evaluator plus a test-double timing
 * block in the mode `modeOf` gives each point (2 networks × sizes 16, 32, 64 ×
 * 2 devices, σ = 0; summary at 32×32): for testing the report's time figures only.
 */
export async function makeTimedResults(modeOf: ModeOf): Promise<{ results: string; records: () => ResultRecord[] }> {
  const { dir, spec } = makeSweepFixture({ sizes: '[16, 32, 64]', devices: 2, variation: '[0]', name: 'timed-sweep' });
  writeFileSync(spec, `${readFileSync(spec, 'utf8')}report: { crossbar: 32 }\n`);
  const results = join(dir, 'results');
  const evaluator: PointEvaluator = async (point, ctx) => {
    const r = await evaluatePoint(point, ctx);
    const mode = modeOf(point);
    return mode === 'none' ? r : { ...r, timing: timingFor(point.key, r, mode) };
  };
  await runSweep({ spec, outDir: results, evaluator, workers: 0 });
  const records = (): ResultRecord[] =>
    readFileSync(join(results, 'results.jsonl'), 'utf8')
      .trim()
      .split('\n')
      .map((l) => (JSON.parse(l) as { record: ResultRecord }).record);
  return { results, records };
}
