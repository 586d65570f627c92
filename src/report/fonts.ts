import { join } from 'node:path';
import { packageRoot } from '../config/presets.js';
import { loadCanvas } from './_internals/loadCanvas.js';

/** Family name the bundled font is registered under (charts and PDF). */
export const FONT_FAMILY = 'DejaVu Sans';

/**
 * The bundled DejaVu Sans TrueType files (`assets/fonts/`, Bitstream Vera /
 * public-domain license in `assets/fonts/LICENSE-DejaVu.txt`), so charts and PDFs
 * render the same text on a machine without system fonts.
 */
export const FONT_FILES = {
  regular: join(packageRoot, 'assets', 'fonts', 'DejaVuSans.ttf'),
  bold: join(packageRoot, 'assets', 'fonts', 'DejaVuSans-Bold.ttf'),
} as const;

let registered = false;

/** Registers the bundled font with @napi-rs/canvas (once per thread; loads the canvas library on first use). */
export async function registerChartFonts(): Promise<void> {
  if (registered) return;
  const { GlobalFonts } = await loadCanvas();
  GlobalFonts.registerFromPath(FONT_FILES.regular, FONT_FAMILY);
  GlobalFonts.registerFromPath(FONT_FILES.bold, FONT_FAMILY);
  registered = true;
}
