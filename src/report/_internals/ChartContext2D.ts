/**
 * The part of a canvas 2D context that xsnn's chart.js plugins draw with.
 * chart.js types `chart.ctx` as the DOM's `CanvasRenderingContext2D`, which
 * does not exist in this Node build (lib ES2022, no DOM), so the plugins view
 * the context through this interface (at run time it is @napi-rs/canvas's
 * context, which has all of these).
 */
export interface ChartContext2D {
  save(): void;
  restore(): void;
  beginPath(): void;
  moveTo(x: number, y: number): void;
  lineTo(x: number, y: number): void;
  stroke(): void;
  fillRect(x: number, y: number, width: number, height: number): void;
  globalCompositeOperation: string;
  fillStyle: string;
  strokeStyle: string;
  lineWidth: number;
}
