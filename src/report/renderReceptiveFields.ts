import { canvasToPngRgb } from './_internals/encodePngRgb.js';
import { loadCanvas } from './_internals/loadCanvas.js';
import { checkReceptiveFields, type ReceptiveFieldsInput } from './FigureInputs.js';

/** Options of {@link renderReceptiveFields}. */
export interface RenderReceptiveFieldsOptions {
  /** Neurons drawn (the first ones; default 100). */
  readonly maxNeurons?: number;
  /** Image width in pixels (default 1200). */
  readonly width?: number;
}

/** 'hot' colour map: black → red → yellow → white, for t in [0, 1]. */
function hot(t: number): [number, number, number] {
  const r = Math.min(1, t * 3);
  const g = Math.min(1, Math.max(0, t * 3 - 1));
  const b = Math.min(1, Math.max(0, t * 3 - 2));
  return [Math.round(r * 255), Math.round(g * 255), Math.round(b * 255)];
}

/**
 * Draws each neuron's input weights as an image (`imageWidth × imageHeight`
 * tiles in a grid), each scaled to its own maximum weight (black = 0 or pruned,
 * white = the neuron's largest weight). Returns PNG bytes.
 */
export async function renderReceptiveFields(rf: ReceptiveFieldsInput, options: RenderReceptiveFieldsOptions = {}): Promise<Buffer> {
  const { createCanvas } = await loadCanvas();
  checkReceptiveFields(rf);
  const n = Math.min(rf.neurons, options.maxNeurons ?? 100);
  const width = options.width ?? 1200;
  const gridCols = Math.ceil(Math.sqrt(n * 2)); // about twice as wide as tall
  const gridRows = Math.ceil(n / gridCols);
  const gap = 6;
  const header = 0;
  const cell = Math.floor((width - gap * (gridCols + 1)) / gridCols);
  const scaleY = rf.imageHeight / rf.imageWidth;
  const cellH = Math.round(cell * scaleY);
  const height = header + gap + gridRows * (cellH + gap);
  const canvas = createCanvas(width, height);
  const ctx = canvas.getContext('2d');
  ctx.fillStyle = '#ffffff';
  ctx.fillRect(0, 0, width, height);
  const small = createCanvas(rf.imageWidth, rf.imageHeight);
  const sctx = small.getContext('2d');
  const img = sctx.createImageData(rf.imageWidth, rf.imageHeight);
  ctx.imageSmoothingEnabled = false;
  for (let j = 0; j < n; j++) {
    let max = 0;
    for (let i = 0; i < rf.inputs; i++) {
      const w = rf.weights[i * rf.neurons + j]!;
      if (w > max) max = w;
    }
    for (let i = 0; i < rf.inputs; i++) {
      const w = rf.weights[i * rf.neurons + j]!;
      const [r, g, b] = hot(max > 0 ? Math.max(0, w) / max : 0);
      img.data[i * 4] = r;
      img.data[i * 4 + 1] = g;
      img.data[i * 4 + 2] = b;
      img.data[i * 4 + 3] = 255;
    }
    sctx.putImageData(img, 0, 0);
    const gx = j % gridCols;
    const gy = Math.floor(j / gridCols);
    ctx.drawImage(small, gap + gx * (cell + gap), header + gap + gy * (cellH + gap), cell, cellH);
  }
  return canvasToPngRgb(canvas);
}
