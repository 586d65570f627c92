type Typed = Int8Array | Uint8Array | Int16Array | Uint16Array | Int32Array | Uint32Array | Float32Array | Float64Array;

/**
 * A copy of `value` whose typed arrays (also inside nested plain objects) live in
 * SharedArrayBuffers, so posting it to worker threads shares the memory instead
 * of cloning it per worker. Arrays already shared are kept as they are; other
 * values are kept by reference.
 */
export function shareArrays<T>(value: T): T {
  if (ArrayBuffer.isView(value)) {
    const a = value as unknown as Typed;
    if (a.buffer instanceof SharedArrayBuffer) return value;
    const Ctor = a.constructor as new (b: SharedArrayBuffer) => Typed;
    const out = new Ctor(new SharedArrayBuffer(a.byteLength));
    out.set(a);
    return out as unknown as T;
  }
  if (value !== null && typeof value === 'object' && Object.getPrototypeOf(value) === Object.prototype) {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value as Record<string, unknown>)) out[k] = shareArrays(v);
    return out as T;
  }
  return value;
}
