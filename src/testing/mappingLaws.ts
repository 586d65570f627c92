import fc from 'fast-check';
import { Rng } from '../core/Rng.js';
import type { CsrMatrix } from '../core/CsrMatrix.js';
import type { Mapping } from '../mapping/Mapping.js';
import { mappingToJson } from '../mapping/mappingJson.js';
import { verifyMapping, type MappingViolation } from '../mapping/verifyMapping.js';
import { clippedToTileRows, mappingCase } from './arbitraries/mappingCase.js';
import { plantedCase } from './arbitraries/plantedCase.js';
import { tinyCase } from './arbitraries/tinyCase.js';
import { exhaustiveMinTiles } from './exhaustiveMinTiles.js';
import { inOrderFillTiles } from './inOrderFillTiles.js';
import type { MappingCase } from './MappingCase.js';
import { deleteSynapse, permuteMatrix } from './permuteMatrix.js';

/** What a mapper under test gets besides the weights. */
export interface MapperOptions {
  readonly tileRows: number;
  readonly tileCols: number;
  readonly splitColumns: boolean;
  readonly seed: number;
}

/** A mapper under test: weights in, a {@link Mapping} out (see `mappingFromAssignment`). */
export type Mapper = (weights: CsrMatrix, options: MapperOptions) => Mapping;

/** Options of {@link mappingLaws}: which promises the mapper makes. Defaults in {@link MAPPING_LAW_DEFAULTS}. */
export interface MappingLawOptions {
  /** Map with column splitting allowed (true) or not (false; cases keep columns ≤ R). */
  splitColumns?: boolean;
  /** K ≤ naive K (with splitting) or K ≤ the in-order fill (without). */
  neverWorseThanNaive?: boolean;
  /** Planted problems (k permuted dense R×C blocks, no noise) give exactly K = k. */
  findsPlantedOptimum?: boolean;
  /** A tile at least as large in both sides never needs more tiles. */
  monotoneInTileSize?: boolean;
  /** Receives one line per tiny case (exhaustive optimum vs K) and per noisy planted case. */
  log?: (line: string) => void;
  /**
   * Largest tile side drawn.
   * @defaultValue 6
   */
  maxTileSide?: number;
}

/** The defaults of {@link MappingLawOptions}. */
export const MAPPING_LAW_DEFAULTS = {
  splitColumns: true,
  neverWorseThanNaive: false,
  findsPlantedOptimum: false,
  monotoneInTileSize: false,
  maxTileSide: 6,
} as const;

/** One reusable law: a named fast-check property over {@link MappingCase}s. */
export interface MappingLaw {
  readonly name: string;
  readonly property: fc.IPropertyWithHooks<[MappingCase]>;
  /** `fc.assert(property, parameters)`: throws with the seed and counterexample on failure. */
  check(parameters?: fc.Parameters<[MappingCase]>): void;
}

const CODES = {
  cover: ['shape', 'format', 'cover'],
  capacity: ['capacity', 'split'],
  function: ['function'],
  metric: ['metric'],
} as const;

function explain(v: readonly MappingViolation[]): string {
  return v
    .slice(0, 5)
    .map((x) => `${x.code}: ${x.message}`)
    .join('; ');
}

/**
 * The laws of mapping.md as reusable fast-check properties, for any mapper:
 * exact cover, capacity, function (y = Wᵀx), metric identities, the sandwich
 * max(LB_row, LB_col) ≤ K (≤ naive K when promised), the planted optimum (when
 * promised), tiny exhaustive optimum ≤ K, permutation invariance, monotonicity
 * in tile size (when promised), deleting a synapse never raises a bound, and
 * determinism (same seed, byte-identical mapping apart from timing).
 *
 * @example
 * for (const law of mappingLaws(myMapper)) test(law.name, () => law.check({ seed: 42, numRuns: 50 }));
 */
export function mappingLaws(mapper: Mapper, options: MappingLawOptions = {}): MappingLaw[] {
  const cx = lawContext(mapper, options);
  const laws: MappingLaw[] = [...violationLaws(cx), sandwichLaw(cx), tinyOptimumLaw(cx), permutationLaw(cx), deletionLaw(cx), determinismLaw(cx)];
  if (cx.o.findsPlantedOptimum) laws.push(...plantedLaws(cx));
  if (cx.o.monotoneInTileSize) laws.push(monotoneLaw(cx));
  return laws;
}

/** What every law needs: the options with defaults, the case generator and how to run the mapper on a case. */
interface LawContext {
  readonly o: Required<Omit<MappingLawOptions, 'log'>> & Pick<MappingLawOptions, 'log'>;
  readonly split: boolean;
  readonly side: { readonly maxTileRows: number; readonly maxTileCols: number };
  readonly cases: fc.Arbitrary<MappingCase>;
  /** Maps `w` (default the case's weights) on R×C tiles (default the case's). */
  readonly run: (c: MappingCase, w?: CsrMatrix, R?: number, C?: number) => Mapping;
}

function lawContext(mapper: Mapper, options: MappingLawOptions): LawContext {
  const o = { ...MAPPING_LAW_DEFAULTS, ...options };
  const split = o.splitColumns;
  const side = { maxTileRows: o.maxTileSide, maxTileCols: o.maxTileSide };
  const run = (c: MappingCase, w: CsrMatrix = c.weights, R = c.tileRows, C = c.tileCols): Mapping =>
    mapper(w, { tileRows: R, tileCols: C, splitColumns: split, seed: c.seed });
  return { o, split, side, cases: mappingCase({ ...side, splitColumns: split }), run };
}

/** A named law: `predicate` throws on a counterexample. */
function law(name: string, arb: fc.Arbitrary<MappingCase>, predicate: (c: MappingCase) => void): MappingLaw {
  const property = fc.property(arb, (c) => {
    predicate(c);
  });
  return { name, property, check: (parameters) => fc.assert(property, parameters) };
}

/** Exact cover, capacity, function and metric identities: no {@link verifyMapping} violation of those codes. */
function violationLaws(cx: LawContext): MappingLaw[] {
  const violationLaw = (name: string, codes: readonly string[]): MappingLaw =>
    law(name, cx.cases, (c) => {
      const v = verifyMapping(cx.run(c), c.weights, { seed: c.seed }).filter((x) => codes.includes(x.code));
      if (v.length > 0) throw new Error(`${c.kind}: ${explain(v)}`);
    });
  return [
    violationLaw('exact cover: the placed (i, j, w) are exactly the synapses of W', CODES.cover),
    violationLaw(`capacity: every tile is non-empty and holds at most R rows and C columns${cx.split ? '' : ', and no column is split'}`, CODES.capacity),
    violationLaw("function: summing the tiles' partial products gives Wᵀx", CODES.function),
    violationLaw('metric identities: the reported metrics equal an independent recomputation', CODES.metric),
  ];
}

/** max(LB_row, LB_col) ≤ K ≤ naive K (or in-order fill, or nnz) and utilisation ≤ 1. */
function sandwichLaw(cx: LawContext): MappingLaw {
  const { o, split, cases, run } = cx;
  return law(
    `sandwich: max(LB_row, LB_col) <= K${o.neverWorseThanNaive ? (split ? ' <= naive K' : ' <= in-order fill') : ' <= nnz'} and utilisation <= 1`,
    cases,
    (c) => {
      const m = run(c);
      const K = m.metrics.tiles;
      const lb = m.metrics.lowerBound;
      const nz = c.weights.rowPtr[c.weights.rows]!;
      if (K < Math.max(lb.row, lb.col)) throw new Error(`${c.kind}: K = ${K} < max(LB_row ${lb.row}, LB_col ${lb.col})`);
      const upper = o.neverWorseThanNaive ? (split ? m.metrics.naiveTiles : inOrderFillTiles(c.weights, c)) : nz;
      if (K > upper) throw new Error(`${c.kind}: K = ${K} > ${o.neverWorseThanNaive ? (split ? 'naive K' : 'in-order fill') : 'nnz'} = ${upper}`);
      if (!(m.metrics.utilisation <= 1)) throw new Error(`${c.kind}: utilisation ${m.metrics.utilisation} > 1`);
    },
  );
}

/** On tiny cases the exhaustive optimum is at most K. */
function tinyOptimumLaw(cx: LawContext): MappingLaw {
  const { o, split, run } = cx;
  return law('tiny cases: the exhaustive optimum is at most K', tinyCase({ splitColumns: split }), (c) => {
    const m = run(c);
    const v = verifyMapping(m, c.weights, { seed: c.seed });
    if (v.length > 0) throw new Error(`${c.kind}: invalid mapping: ${explain(v)}`);
    const opt = exhaustiveMinTiles(c.weights, { tileRows: c.tileRows, tileCols: c.tileCols, splitColumns: split });
    if (opt > m.metrics.tiles) throw new Error(`${c.kind}: K = ${m.metrics.tiles} below the exhaustive optimum ${opt}: the search or the mapping is wrong`);
    o.log?.(
      `tiny ${c.weights.rows}x${c.weights.cols} nnz ${m.nnz} on ${c.tileRows}x${c.tileCols}: optimum ${opt}, K ${m.metrics.tiles}, gap ${m.metrics.tiles - opt}`,
    );
  });
}

/** Permuting rows and columns keeps the mapping valid and the lower bounds unchanged. */
function permutationLaw(cx: LawContext): MappingLaw {
  const { o, split, cases, run } = cx;
  return law('metamorphic: permuting rows and columns keeps the mapping valid and the lower bounds unchanged', cases, (c) => {
    const rng = new Rng(c.seed, 7);
    const w = c.weights;
    const rp = rng.shuffle(Int32Array.from({ length: w.rows }, (_, i) => i));
    const cp = rng.shuffle(Int32Array.from({ length: w.cols }, (_, j) => j));
    const wp = permuteMatrix(w, rp, cp);
    const a = run(c);
    const b = run(c, wp);
    const v = verifyMapping(b, wp, { seed: c.seed });
    if (v.length > 0) throw new Error(`${c.kind} permuted: invalid mapping: ${explain(v)}`);
    const la = a.metrics.lowerBound;
    const lb = b.metrics.lowerBound;
    if (la.nnz !== lb.nnz || la.row !== lb.row || la.col !== lb.col)
      throw new Error(`${c.kind}: lower bounds changed under permutation: ${JSON.stringify(la)} vs ${JSON.stringify(lb)}`);
    if (b.metrics.tiles < lb.max) throw new Error(`${c.kind} permuted: K = ${b.metrics.tiles} < LB ${lb.max}`);
    if (o.neverWorseThanNaive && split && b.metrics.tiles > b.metrics.naiveTiles)
      throw new Error(`${c.kind} permuted: K = ${b.metrics.tiles} > naive K ${b.metrics.naiveTiles}`);
  });
}

/** Deleting a synapse never raises a lower bound or the naive count. */
function deletionLaw(cx: LawContext): MappingLaw {
  const { cases, run } = cx;
  return law('metamorphic: deleting a synapse never raises a lower bound or the naive count', cases, (c) => {
    const nz = c.weights.rowPtr[c.weights.rows]!;
    if (nz === 0) return;
    const k = new Rng(c.seed, 8).int(nz);
    const a = run(c).metrics;
    const b = run(c, deleteSynapse(c.weights, k)).metrics;
    for (const key of ['nnz', 'row', 'col', 'max'] as const) {
      if (b.lowerBound[key] > a.lowerBound[key])
        throw new Error(`${c.kind}: deleting synapse #${k} raised LB_${key} from ${a.lowerBound[key]} to ${b.lowerBound[key]}`);
    }
    if (b.naiveTiles > a.naiveTiles) throw new Error(`${c.kind}: deleting synapse #${k} raised naive K from ${a.naiveTiles} to ${b.naiveTiles}`);
  });
}

/** Same seed, byte-identical mapping (timing aside). */
function determinismLaw(cx: LawContext): MappingLaw {
  const { cases, run } = cx;
  return law('determinism: the same seed gives a byte-identical mapping (timing aside)', cases, (c) => {
    const a = mappingToJson(run(c), { timing: false });
    const b = mappingToJson(run(c), { timing: false });
    if (a !== b) throw new Error(`${c.kind}: two runs with seed ${c.seed} differ`);
  });
}

/** Planted optima: exactly k tiles for k disjoint dense blocks, and valid with 1 % noise. */
function plantedLaws(cx: LawContext): MappingLaw[] {
  const { o, split, side, run } = cx;
  return [
    law('planted optimum: k disjoint dense R×C blocks under permutations need exactly k tiles', plantedCase(side), (c) => {
      const K = run(c).metrics.tiles;
      if (K !== c.optimum) throw new Error(`${c.kind} on ${c.tileRows}x${c.tileCols}: K = ${K}, optimum ${c.optimum}`);
    }),
    law(
      'planted with 1% noise: valid, and K logged against the k planted blocks',
      split ? plantedCase({ ...side, noise: 0.01 }) : clippedToTileRows(plantedCase({ ...side, noise: 0.01 })),
      (c) => {
        const m = run(c);
        const v = verifyMapping(m, c.weights, { seed: c.seed });
        if (v.length > 0) throw new Error(`${c.kind}: invalid mapping: ${explain(v)}`);
        o.log?.(`noisy ${c.kind} on ${c.tileRows}x${c.tileCols}: K ${m.metrics.tiles}, LB ${m.metrics.lowerBound.max}`);
      },
    ),
  ];
}

/** A tile at least as large never needs more tiles. */
function monotoneLaw(cx: LawContext): MappingLaw {
  const { cases, run } = cx;
  return law('metamorphic: a tile at least as large never needs more tiles', cases, (c) => {
    const rng = new Rng(c.seed, 9);
    const R2 = c.tileRows + rng.int(3);
    const C2 = c.tileCols + rng.int(3);
    const small = run(c).metrics.tiles;
    const large = run(c, c.weights, R2, C2).metrics.tiles;
    if (large > small) throw new Error(`${c.kind}: ${small} tiles of ${c.tileRows}x${c.tileCols} but ${large} of ${R2}x${C2}`);
  });
}
