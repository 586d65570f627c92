import { canvasToPngRgb } from './_internals/encodePngRgb.js';
import { loadCanvas } from './_internals/loadCanvas.js';
import { XsnnError } from '../config/XsnnError.js';
import { tileCells, type TileOccupancyInput } from './FigureInputs.js';
import { FONT_FAMILY, registerChartFonts } from './fonts.js';

/** Options of {@link renderTileOccupancy}. */
export interface RenderTileOccupancyOptions {
  /** Tiles drawn (the first ones; default 48). */
  readonly maxTiles?: number;
  /** Largest image in pixels (default 1200 × 900); tiles are laid out to fill it. */
  readonly width?: number;
  readonly height?: number;
}

/** Cells occupied in each tile, and the mapping's utilisation (occupied / (tiles · R · C)). */
export function occupancyStats(occ: TileOccupancyInput): { perTile: number[]; utilisation: number } {
  const perTile = occ.tiles.map((t) => tileCells(t, occ.rows, occ.cols).length / 2);
  const total = perTile.reduce((a, b) => a + b, 0);
  return { perTile, utilisation: occ.tiles.length === 0 ? 0 : total / (occ.tiles.length * occ.rows * occ.cols) };
}

const GAP = 14;
const LABEL = 30;

/** Grid columns and tile box size (px) that make the boxes largest within width × height. */
function layout(n: number, rows: number, cols: number, width: number, height: number): { gridCols: number; boxW: number; boxH: number } {
  let best = { gridCols: 1, boxW: 1, boxH: 1 };
  for (let c = 1; c <= n; c++) {
    const r = Math.ceil(n / c);
    const byWidth = (width - GAP * (c + 1)) / c;
    const byHeight = ((height - r * (LABEL + GAP)) / r) * (cols / rows);
    const boxW = Math.floor(Math.min(byWidth, byHeight));
    if (boxW > best.boxW) best = { gridCols: c, boxW, boxH: Math.max(1, Math.round((boxW * rows) / cols)) };
  }
  return best;
}

/**
 * Draws a mapping's tiles side by side, each as its R × C cells (dark = holds a
 * synapse, light = empty), labelled with its fill percentage. Returns PNG bytes.
 */
export async function renderTileOccupancy(occ: TileOccupancyInput, options: RenderTileOccupancyOptions = {}): Promise<Buffer> {
  const { createCanvas } = await loadCanvas();
  if (occ.tiles.length === 0) throw new XsnnError('renderTileOccupancy: the mapping has no tiles');
  await registerChartFonts();
  const n = Math.min(occ.tiles.length, options.maxTiles ?? 48);
  const { gridCols, boxW, boxH } = layout(n, occ.rows, occ.cols, options.width ?? 1200, options.height ?? 900);
  const gridRows = Math.ceil(n / gridCols);
  const width = GAP + gridCols * (boxW + GAP);
  const height = gridRows * (boxH + LABEL + GAP) + GAP;
  const canvas = createCanvas(Math.max(width, 300), height);
  const ctx = canvas.getContext('2d');
  ctx.fillStyle = '#ffffff';
  ctx.fillRect(0, 0, canvas.width, height);
  const { perTile } = occupancyStats(occ);
  const tileCanvas = createCanvas(occ.cols, occ.rows);
  const tctx = tileCanvas.getContext('2d');
  const img = tctx.createImageData(occ.cols, occ.rows);
  ctx.imageSmoothingEnabled = boxW < occ.cols;
  ctx.font = `${Math.min(22, Math.max(14, Math.floor(boxW / 6)))}px "${FONT_FAMILY}"`;
  for (let t = 0; t < n; t++) {
    for (let i = 0; i < occ.rows * occ.cols; i++) {
      img.data[i * 4] = 226;
      img.data[i * 4 + 1] = 231;
      img.data[i * 4 + 2] = 238;
      img.data[i * 4 + 3] = 255;
    }
    const cells = tileCells(occ.tiles[t]!, occ.rows, occ.cols);
    for (let k = 0; k + 1 < cells.length; k += 2) {
      const r = cells[k]!;
      const c = cells[k + 1]!;
      if (r < 0 || c < 0 || r >= occ.rows || c >= occ.cols)
        throw new XsnnError(`renderTileOccupancy: tile ${t} has cell (${r}, ${c}) outside ${occ.rows}×${occ.cols}`);
      const i = (r * occ.cols + c) * 4;
      img.data[i] = 31;
      img.data[i + 1] = 80;
      img.data[i + 2] = 160;
    }
    tctx.putImageData(img, 0, 0);
    const x = GAP + (t % gridCols) * (boxW + GAP);
    const y = GAP + Math.floor(t / gridCols) * (boxH + LABEL + GAP);
    ctx.drawImage(tileCanvas, x, y, boxW, boxH);
    ctx.strokeStyle = '#555555';
    ctx.lineWidth = 1;
    ctx.strokeRect(x + 0.5, y + 0.5, boxW - 1, boxH - 1);
    ctx.fillStyle = '#222222';
    ctx.fillText(`${t + 1}: ${((perTile[t]! / (occ.rows * occ.cols)) * 100).toFixed(0)} %`, x, y + boxH + 22);
  }
  return canvasToPngRgb(canvas);
}
