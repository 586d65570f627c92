import { createCanvas } from '@napi-rs/canvas';
import { canvasToPngRgb } from './_internals/encodePngRgb.js';
import { Chart, registerables, type ChartConfiguration, type Plugin } from 'chart.js';
import { FONT_FAMILY, registerChartFonts } from './fonts.js';
import type { ChartContext2D } from './_internals/ChartContext2D.js';

let ready = false;
function setup(): void {
  if (ready) return;
  registerChartFonts();
  Chart.register(...registerables);
  Chart.defaults.font.family = FONT_FAMILY;
  Chart.defaults.font.size = 20;
  Chart.defaults.color = '#222';
  ready = true;
}

/** Paints the chart area white (a PNG is otherwise transparent). */
const whiteBackground: Plugin = {
  id: 'xsnnWhiteBackground',
  beforeDraw(chart) {
    const ctx = chart.ctx as unknown as ChartContext2D;
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
 * with the bundled font, no animation, white background.
 */
export function renderChartPng(config: ChartConfiguration, options: RenderChartOptions = {}): Buffer {
  setup();
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
