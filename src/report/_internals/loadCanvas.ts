import type * as CanvasModule from '@napi-rs/canvas';
import type * as ChartJsModule from 'chart.js';

/**
 * The drawing libraries, loaded on first use so that `import 'xsnn'` does not
 * load the native canvas or chart.js: only the functions that draw call these.
 */
export function loadCanvas(): Promise<typeof CanvasModule> {
  return import('@napi-rs/canvas');
}

/** chart.js, loaded on first use (see {@link loadCanvas}). */
export function loadChartJs(): Promise<typeof ChartJsModule> {
  return import('chart.js');
}
