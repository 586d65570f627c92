import { AREA_COMPONENTS, ENERGY_COMPONENTS, type ResultRecord } from '../../core/ResultRecord.js';
import { displayUnit, formatCountsAlike, formatFigure, formatSignificant, sizeLabel, type DisplayUnit } from '../../core/formatFigure.js';
import { displayName } from '../format.js';
import type { BestSize, ReferencePoint } from '../ReportData.js';
import type { ReportRecords, Size } from './ReportRecords.js';

type Rec = ResultRecord;
type Kind = 'energy' | 'area';

const total = (r: Rec, kind: Kind): number => (kind === 'energy' ? r.energyPerInferenceJ : r.areaM2);
const unitOf = (kind: Kind): string => (kind === 'energy' ? 'J' : 'm^2');
const what = (kind: Kind): string => (kind === 'energy' ? 'energy per inference' : 'area');

/** What a breakdown component scales with, for the explanations. */
const MEANING: Readonly<Record<string, string>> = {
  adcOrNeuron:
    'one ADC share or neuron circuit per logical column, so it follows tiles × neurons per tile (a device that stores a weight in one cell has more neurons per tile)',
  leakage:
    'leakage power × the leakage time of the operating mode (accelerated: the hardware latency; realtime: steps · dt), so it follows the periphery area and, in accelerated mode, the latency',
  periphery: 'column sensing, once per logical column read',
  array: 'the cells (tiles × rows × columns) and the current they read',
  drivers: 'one driver per row of every tile',
  other: 'the spike registers, one bit per row and per neuron of every tile',
};
/** One sentence saying what each component named in `sentences` follows (empty when none is named). */
export function componentNotes(sentences: ReadonlyArray<string>): string[] {
  const named = Object.keys(MEANING).filter((c) => sentences.some((t) => t.includes(` ${c} changes most`) || t.includes(` ${c} differs most`)));
  return named.length === 0 ? [] : [`Components: ${named.map((c) => `${c} is ${MEANING[c]!}`).join('; ')}.`];
}

/** `+1.2 nJ` or `−1.2 nJ`. */
const signed = (v: number, unit: string, u: DisplayUnit): string => `${v >= 0 ? '+' : ''}${formatFigure(v, unit, { unit: u })}`;

/** The breakdown component whose value changes most from `a` to `b`, with the change. */
function largestChange(a: Rec, b: Rec, kind: Kind): { name: string; delta: number } {
  const comps = kind === 'energy' ? ENERGY_COMPONENTS : AREA_COMPONENTS;
  const get = (r: Rec, c: string): number =>
    kind === 'energy' ? r.energyBreakdownJ[c as keyof Rec['energyBreakdownJ']] : r.areaBreakdownM2[c as keyof Rec['areaBreakdownM2']];
  let best = { name: comps[0] as string, delta: 0 };
  for (const c of comps) {
    const d = get(b, c) - get(a, c);
    if (Math.abs(d) > Math.abs(best.delta)) best = { name: c, delta: d };
  }
  return best;
}

/** "the same 13 tiles" or "3,895 against 11,827 tiles". */
function tileCounts(hi: number, lo: number): string {
  const [h, l] = formatCountsAlike([hi, lo]) as [string, string];
  return hi === lo ? `the same ${h} tiles` : `${h} against ${l} tiles`;
}

/** "13 tiles at both sizes (same tiles, twice the columns: 53,248 → 106,496 cells)" and the like. */
function tilesAndCells(a: Rec, b: Rec, sa: Size, sb: Size): string {
  const ca = a.tiles * sa.rows * sa.cols;
  const cb = b.tiles * sb.rows * sb.cols;
  const perTile = (sb.rows * sb.cols) / (sa.rows * sa.cols);
  const [caText, cbText] = formatCountsAlike([ca, cb]) as [string, string];
  const [taText, tbText] = formatCountsAlike([a.tiles, b.tiles]) as [string, string];
  const cellsText = `${caText} → ${cbText} cells in all`;
  if (a.tiles === b.tiles) {
    const grew =
      sb.cols > sa.cols && sb.rows === sa.rows
        ? `${formatSignificant(sb.cols / sa.cols, 3)}× the columns`
        : `${formatSignificant(perTile, 3)}× the cells per tile`;
    return `the same ${taText} tiles at both sizes, ${grew} (${cellsText})`;
  }
  const tiles = `${taText} → ${tbText} tiles of ${formatSignificant(perTile, 3)}× the cells (${cellsText})`;
  if (b.tiles > a.tiles) return `${tiles}: more tiles, and larger ones`;
  return cb > ca ? `${tiles}: the tile count falls less than the tile grows` : `${tiles}: fewer cells in all, but the per-tile periphery grows`;
}

/**
 * Sentences explaining, from the records' own numbers, each place where the
 * energy or area of a network on a device goes up with a larger crossbar (sizes
 * in order of cells): the tiles and cells at both sizes and the component that
 * grows most.
 */
export function sizeUpturns(rr: ReportRecords, ref: ReferencePoint, kind: Kind): string[] {
  const out: string[] = [];
  for (const dev of rr.devices) {
    for (const net of rr.networks) {
      const at = rr.sizes.map((s) => rr.find(ref, net, s.rows, s.cols, dev, ref.variationSigma));
      for (let i = 0; i + 1 < at.length; i++) {
        const a = at[i];
        const b = at[i + 1];
        if (a === undefined || b === undefined || !(total(b, kind) > total(a, kind) * 1.005)) continue;
        const sa = rr.sizes[i]!;
        const sb = rr.sizes[i + 1]!;
        const u = displayUnit(unitOf(kind), [total(a, kind), total(b, kind)]);
        const ch = largestChange(a, b, kind);
        out.push(
          `${net} on ${displayName(dev)}: ${what(kind)} rises from ${formatFigure(total(a, kind), unitOf(kind), { unit: u })} at ${sizeLabel(sa.rows, sa.cols)} to ${formatFigure(total(b, kind), unitOf(kind), { unit: u })} at ${sizeLabel(sb.rows, sb.cols)}: ${tilesAndCells(a, b, sa, sb)}; ${ch.name} changes most (${signed(ch.delta, unitOf(kind), u)}).`,
        );
      }
    }
  }
  return out;
}

/**
 * Sentences for the sizes where the order of two devices differs from their order
 * at the reference size (a device that is cheaper there costs more here), with
 * both devices' tiles and the component that differs most.
 */
export function deviceCrossings(rr: ReportRecords, ref: ReferencePoint, kind: Kind): string[] {
  const out: string[] = [];
  for (const net of rr.networks) {
    const at = (dev: string, s: Size): Rec | undefined => rr.find(ref, net, s.rows, s.cols, dev, ref.variationSigma);
    for (let i = 0; i < rr.devices.length; i++) {
      for (let j = i + 1; j < rr.devices.length; j++) {
        const [d1, d2] = [rr.devices[i]!, rr.devices[j]!];
        const r1 = at(d1, ref);
        const r2 = at(d2, ref);
        if (r1 === undefined || r2 === undefined || total(r1, kind) === total(r2, kind)) continue;
        const refOrder = Math.sign(total(r1, kind) - total(r2, kind));
        for (const s of rr.sizes) {
          const a = at(d1, s);
          const b = at(d2, s);
          if (a === undefined || b === undefined) continue;
          const rel = Math.abs(total(a, kind) - total(b, kind)) / Math.max(total(a, kind), total(b, kind));
          if (Math.sign(total(a, kind) - total(b, kind)) !== -refOrder || rel < 0.005) continue;
          const [hi, lo, dHi, dLo] = total(a, kind) > total(b, kind) ? [a, b, d1, d2] : [b, a, d2, d1];
          const u = displayUnit(unitOf(kind), [total(hi, kind)]);
          const ch = largestChange(lo, hi, kind);
          out.push(
            `${net} at ${sizeLabel(s.rows, s.cols)}: ${displayName(dHi)} costs more ${what(kind)} than ${displayName(dLo)} (${formatFigure(total(hi, kind), unitOf(kind), { unit: u })} against ${formatFigure(total(lo, kind), unitOf(kind), { unit: u })}), the other way round from ${sizeLabel(ref.rows, ref.cols)}: ${tileCounts(hi.tiles, lo.tiles)}, and ${ch.name} differs most (${signed(ch.delta, unitOf(kind), u)}).`,
          );
        }
      }
    }
  }
  return out;
}

/** For each network, the size with the smallest area and the one with the lowest energy per inference, at the reference device and σ. */
export function bestSizes(rr: ReportRecords, ref: ReferencePoint): BestSize[] {
  const out: BestSize[] = [];
  for (const net of rr.networks) {
    const recs = rr.sizes.map((s) => ({ s, r: rr.find(ref, net, s.rows, s.cols, ref.device, ref.variationSigma) })).filter((x) => x.r !== undefined);
    if (recs.length === 0) continue;
    const min = (kind: Kind) => recs.reduce((m, x) => (total(x.r!, kind) < total(m.r!, kind) ? x : m));
    const a = min('area');
    const e = min('energy');
    out.push({
      network: net,
      area: { size: sizeLabel(a.s.rows, a.s.cols), valueSI: a.r!.areaM2 },
      energy: { size: sizeLabel(e.s.rows, e.s.cols), valueSI: e.r!.energyPerInferenceJ },
    });
  }
  return out;
}
