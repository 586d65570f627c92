/**
 * The part of a 2D canvas context the report's chart plugins draw with. chart.js
 * types `chart.ctx` as the DOM's CanvasRenderingContext2D, which this Node project
 * does not load (no `dom` lib); the plugins cast to this instead.
 */
export interface Canvas2d {
  save(): void;
  restore(): void;
  beginPath(): void;
  moveTo(x: number, y: number): void;
  lineTo(x: number, y: number): void;
  stroke(): void;
  fillRect(x: number, y: number, w: number, h: number): void;
  fillStyle: string;
  strokeStyle: string;
  lineWidth: number;
  globalAlpha: number;
  globalCompositeOperation: string;
}
