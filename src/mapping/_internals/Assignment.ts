/**
 * The working form of a mapping inside the algorithms: entry `k` of the weight
 * matrix (CSR order) sits in tile `tileOf[k]`, tiles numbered `0 … tiles-1`.
 * Tile rows and columns are implied: those holding at least one of its entries.
 */
export interface Assignment {
  readonly tileOf: Int32Array;
  readonly tiles: number;
}

/**
 * Renumbers tiles in order of first appearance (CSR order) and drops unused ids,
 * so equal placements give equal assignments.
 */
export function compactAssignment(tileOf: Int32Array, idBound: number): Assignment {
  const rename = new Int32Array(Math.max(idBound, 1)).fill(-1);
  const out = new Int32Array(tileOf.length);
  let next = 0;
  for (let k = 0; k < tileOf.length; k++) {
    const t = tileOf[k]!;
    let r = rename[t]!;
    if (r < 0) {
      r = next++;
      rename[t] = r;
    }
    out[k] = r;
  }
  return { tileOf: out, tiles: next };
}

/** Maps an assignment of Wᵀ's entries back onto W's entries (`orig` from transposeCsr). */
export function untransposeAssignment(a: Assignment, orig: Int32Array): Assignment {
  const tileOf = new Int32Array(a.tileOf.length);
  for (let k = 0; k < orig.length; k++) tileOf[orig[k]!] = a.tileOf[k]!;
  return compactAssignment(tileOf, a.tiles);
}
