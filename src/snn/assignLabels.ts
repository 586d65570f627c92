import { XsnnError } from '../config/XsnnError.js';

/** Options of {@link assignLabels}. */
export interface AssignLabelsOptions {
  /** Spike counts, `images × neurons` row-major. */
  readonly responses: ArrayLike<number>;
  /** Class of each image. */
  readonly labels: ArrayLike<number>;
  readonly neurons: number;
  readonly classes: number;
}

/**
 * Neuron labels (DC1 evaluation script): each neuron takes the class with the
 * highest mean response over the images of that class; ties go to the lowest
 * class; a neuron that never fired gets −1 (ignored in prediction).
 */
export function assignLabels(o: AssignLabelsOptions): Int8Array {
  const { responses, labels, neurons: N, classes: C } = o;
  const images = labels.length;
  if (responses.length !== images * N) throw new XsnnError(`assignLabels: expected ${images}x${N} responses, got ${responses.length}`);
  if (C > 127) throw new XsnnError('assignLabels: at most 127 classes');
  const sum = new Float64Array(C * N);
  const per = new Float64Array(C);
  for (let k = 0; k < images; k++) {
    const c = labels[k]!;
    if (!(c >= 0 && c < C)) throw new XsnnError(`assignLabels: label ${c} of image ${k} outside [0, ${C})`);
    per[c]!++;
    const base = k * N;
    const row = c * N;
    for (let j = 0; j < N; j++) sum[row + j]! += responses[base + j]!;
  }
  const out = new Int8Array(N);
  for (let j = 0; j < N; j++) {
    let best = -1;
    let bestRate = 0;
    for (let c = 0; c < C; c++) {
      if (per[c] === 0) continue;
      const r = sum[c * N + j]! / per[c]!;
      if (r > bestRate) {
        bestRate = r;
        best = c;
      }
    }
    out[j] = best;
  }
  return out;
}

/**
 * Predicted class of each image: for each class, the mean response of the
 * neurons assigned to it (0 if none); the highest mean wins, ties going to the
 * highest class (DC1's `argsort(...)[::-1]`).
 */
export function predictClasses(responses: ArrayLike<number>, assignments: Int8Array, classes: number): Int32Array {
  const N = assignments.length;
  const images = Math.floor(responses.length / N);
  if (responses.length !== images * N) throw new XsnnError(`predictClasses: responses length ${responses.length} is not a multiple of ${N}`);
  const nAssigned = new Float64Array(classes);
  for (let j = 0; j < N; j++) if (assignments[j]! >= 0) nAssigned[assignments[j]!]!++;
  const score = new Float64Array(classes);
  const out = new Int32Array(images);
  for (let k = 0; k < images; k++) {
    score.fill(0);
    const base = k * N;
    for (let j = 0; j < N; j++) {
      const a = assignments[j]!;
      if (a >= 0) score[a]! += responses[base + j]!;
    }
    let best = classes - 1;
    let bestScore = -1;
    for (let c = classes - 1; c >= 0; c--) {
      const s = nAssigned[c]! > 0 ? score[c]! / nAssigned[c]! : 0;
      if (s > bestScore) {
        bestScore = s;
        best = c;
      }
    }
    out[k] = best;
  }
  return out;
}
