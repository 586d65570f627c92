import { createHash } from 'node:crypto';
import { hashValue } from '../../core/hash.js';
import { inputSize } from '../../data/Dataset.js';
import { CrossbarDrive } from '../CrossbarDrive.js';
import { cosimResponses, type CosimResponses, type CosimResponsesOptions } from '../cosimResponses.js';
import type { DriveSpec } from '../cosimNetwork.js';
import type { DriveLayout } from '../DriveLayout.js';
import type { DriveTraffic } from '../DriveTraffic.js';
import type { WorkCache } from '../WorkCache.js';

/** What a counted pass reuses: the traffic of every drive of the run, and the presentations of each image it was recorded with. */
interface RecordedTraffic {
  readonly traffic: ReadonlyArray<DriveTraffic>;
  readonly presentations: Uint16Array;
}

/** The counted pass's event counters (lead drive, then the observers), with the pass's responses. */
export interface CountedPass {
  readonly responses: CosimResponses;
  readonly counters: ReadonlyArray<Float64Array>;
}

/**
 * The counted test images of one device sample: `counted` (a linear drive and
 * its observers) over `o.dataset`. With a `cache`, the network first runs with
 * the `quiet` drive; the drives' event traffic is kept under a key naming the
 * layouts, their delay scheduling and the input spikes (recipe, seed, images, and
 * the presentations each image took, on which its retries' spikes depend). A
 * call with a kept key (another device of the same layouts, another sample)
 * rebuilds the counters from the traffic (`CrossbarDrive.fromTraffic`); a new key
 * counts directly and keeps its traffic. Either way the counters are those of
 * counting directly.
 */
export async function countedTestPass(
  o: Omit<CosimResponsesOptions, 'drive'>,
  counted: DriveSpec,
  quiet: DriveSpec,
  cache: WorkCache | undefined,
): Promise<CountedPass> {
  const drives = [{ layout: counted.layout, weights: counted.weights, options: counted.options }, ...(counted.observers ?? [])];
  const direct = async (spec: DriveSpec): Promise<CountedPass> => {
    const responses = await cosimResponses({ ...o, drive: spec });
    return { responses, counters: [responses.counters, ...responses.observerCounters] };
  };
  if (cache === undefined || counted.weights.mode !== 'linear') return direct(counted);
  // the network's own run first: how many presentations each image takes decides its input spikes
  const responses = await cosimResponses({ ...o, drive: quiet });
  const key = trafficKey(o, drives, responses.presentations);
  let first: CountedPass | undefined;
  const record = await cache.get<RecordedTraffic>(key, async () => {
    first = await direct(recording(counted));
    return { traffic: first.responses.traffic!, presentations: first.responses.presentations };
  });
  if (first !== undefined) return first;
  if (!equalArrays(responses.presentations, record.presentations)) return direct(counted);

  const spikes = outputSpikes(responses.counts, counted.layout.neurons);
  const counters = drives.map((d, x) =>
    CrossbarDrive.fromTraffic(d.layout, d.weights, d.options ?? counted.options, record.traffic[x]!, spikes).tileCounters(),
  );
  return { responses: { ...responses, counters: counters[0]!, observerCounters: counters.slice(1) }, counters };
}

/** The counted drive and its observers, recording their traffic. */
function recording(spec: DriveSpec): DriveSpec {
  return {
    ...spec,
    options: { ...spec.options, recordTraffic: true },
    ...(spec.observers !== undefined
      ? { observers: spec.observers.map((x) => ({ ...x, options: { ...(x.options ?? spec.options), recordTraffic: true } })) }
      : {}),
  };
}

/**
 * Names what the traffic depends on: every layout (all its arrays), each drive's delay scheduling,
 * and the input spikes: recipe, seed, images and the presentations each image took.
 */
function trafficKey(
  o: Omit<CosimResponsesOptions, 'drive'>,
  drives: ReadonlyArray<{ readonly layout: DriveLayout; readonly options?: DriveSpec['options'] }>,
  presentations: Uint16Array,
): string {
  const ds = o.dataset;
  const size = inputSize(ds);
  const pixels = createHash('sha256')
    .update(ds.pixels.subarray(0, ds.count * size))
    .digest('hex');
  return hashValue({
    what: 'drive-traffic',
    version: 1,
    layouts: drives.map((d) => layoutDigest(d.layout)),
    delays: drives.map((d) => d.options?.delays ?? 'sequential'),
    recipe: o.network.recipe,
    seed: o.seed,
    phase: o.phase ?? 'test',
    imageOffset: o.imageOffset ?? 0,
    images: { count: ds.count, size, pixels },
    presentations: createHash('sha256').update(presentations).digest('hex'),
  });
}

/** Digests of the layouts seen so far (a layout is hashed once, however many samples and devices read it). */
const digests = new WeakMap<DriveLayout, string>();

/** SHA-256 over every field of a layout (typed arrays by their bytes). */
function layoutDigest(layout: DriveLayout): string {
  const known = digests.get(layout);
  if (known !== undefined) return known;
  const h = createHash('sha256');
  for (const [k, v] of Object.entries(layout).sort(([a], [b]) => (a < b ? -1 : 1))) {
    h.update(k);
    if (ArrayBuffer.isView(v)) h.update(new Uint8Array(v.buffer, v.byteOffset, v.byteLength));
    else h.update(JSON.stringify(v));
  }
  const d = h.digest('hex');
  digests.set(layout, d);
  return d;
}

/** E spikes per neuron summed over the images (`images × neurons` counts). */
function outputSpikes(counts: Uint16Array, neurons: number): Float64Array {
  const out = new Float64Array(neurons);
  for (let k = 0; k < counts.length; k += neurons) for (let j = 0; j < neurons; j++) out[j]! += counts[k + j]!;
  return out;
}

function equalArrays(a: ArrayLike<number>, b: ArrayLike<number>): boolean {
  if (a.length !== b.length) return false;
  for (let k = 0; k < a.length; k++) if (a[k] !== b[k]) return false;
  return true;
}
