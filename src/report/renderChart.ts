import type { Chart as ChartClass, ChartConfiguration, Plugin } from 'chart.js';
import type { Canvas2d } from './_internals/Canvas2d.js';
import { canvasToPngRgb } from './_internals/encodePngRgb.js';
import { loadCanvas, loadChartJs } from './_internals/loadCanvas.js';
import { FONT_FAMILY, registerChartFonts } from './fonts.js';

let ready = false;
/** Loads chart.js (first call), registers its parts and the bundled font. */
async function setup(): Promise<typeof ChartClass> {
  const { Chart, registerables } = await loadChartJs();
  if (ready) return Chart;
  await registerChartFonts();
  Chart.register(...registerables);
  Chart.defaults.font.family = FONT_FAMILY;
  Chart.defaults.font.size = 20;
  Chart.defaults.color = '#222';
  ready = true;
  return Chart;
}

/** Paints the chart area white (a PNG is otherwise transparent). */
const whiteBackground: Plugin = {
  id: 'xsnnWhiteBackground',
  beforeDraw(chart) {
    const ctx = chart.ctx as unknown as Canvas2d;
    ctx.save();
    ctx.globalCompositeOperation = 'destination-over';
    ctx.fillStyle = '#ffffff';
    ctx.fillRect(0, 0, chart.width, chart.height);
    ctx.restore();
  },
};

/** Options of {@link renderChartPng}. */
export interface RenderChartOptions {
  /** Pixels (default 1200 × 680). */
  readonly width?: number;
  readonly height?: number;
}

/**
 * Renders a chart.js configuration to PNG bytes on an @napi-rs/canvas canvas,
 * with the bundled font, no animation, white background. chart.js and the canvas
 * are loaded on the first call.
 */
export async function renderChartPng(config: ChartConfiguration, options: RenderChartOptions = {}): Promise<Buffer> {
  const Chart = await setup();
  const { createCanvas } = await loadCanvas();
  const width = options.width ?? 1200;
  const height = options.height ?? 680;
  const canvas = createCanvas(width, height);
  const ctx = canvas.getContext('2d');
  const chart = new Chart(ctx, {
    ...config,
    options: { ...config.options, responsive: false, animation: false, devicePixelRatio: 1 },
    plugins: [...(config.plugins ?? []), whiteBackground],
  });
  try {
    return canvasToPngRgb(canvas);
  } finally {
    chart.destroy();
  }
}
