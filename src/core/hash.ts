import { createHash } from 'node:crypto';

/** Canonical JSON: object keys sorted, so equal values hash equally. */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_k, v: unknown) => {
    if (v !== null && typeof v === 'object' && !Array.isArray(v) && !ArrayBuffer.isView(v)) {
      const sorted: Record<string, unknown> = {};
      for (const key of Object.keys(v).sort()) sorted[key] = (v as Record<string, unknown>)[key];
      return sorted;
    }
    return v;
  });
}

/** SHA-256 (hex) of a string or bytes. */
export function sha256(data: string | NodeJS.ArrayBufferView): string {
  return createHash('sha256')
    .update(data as string)
    .digest('hex');
}

/** Hash of a value's canonical JSON (see {@link canonicalJson}). */
export function hashValue(value: unknown): string {
  return sha256(canonicalJson(value));
}
