import { formatSignificant } from '../../core/formatFigure.js';
import { displayName } from '../format.js';
import type { ModeGroup } from '../ReportData.js';

/** One mode group's mode in a few words: `accelerated, not pipelined`, `realtime, pipelined, power-gated fraction 0.5`, or `no timing block`. */
export function modeName(g: ModeGroup): string {
  if (g.mode === null) return 'no timing block (older results)';
  const gated = g.mode === 'realtime' ? `, power-gated fraction ${g.powerGatedFraction.map((x) => formatSignificant(x, 3)).join(' / ')}` : '';
  return `${g.mode}, ${g.pipelined === true ? 'pipelined' : 'not pipelined'}${gated}`;
}

/** How leakage is charged in a group's mode (docs/timing.md). */
function leakageWords(g: ModeGroup): string {
  if (g.mode === 'accelerated') return 'leakage = leakage power × hardware latency';
  if (g.mode === 'realtime') return 'every step lasts dt, leakage = leakage power × ((1 − g) · steps · dt + g · busy latency)';
  return 'latency-based figures absent, leakage charged over steps · dt as before the timing model';
}

/** The groups with their points and peripheries: `accelerated, not pipelined (48 points; periphery base)`. */
export function modeList(groups: ReadonlyArray<ModeGroup>): string {
  return groups.map((g) => `${modeName(g)} (${g.points} point${g.points === 1 ? '' : 's'}; periphery ${g.periphery.map(displayName).join(', ')})`).join('; ');
}

/**
 * The sentence a caption or paragraph adds for figures that depend on the mode
 * (energy, leakage, latency, EDP, pJ/SOP): the one mode and how leakage is
 * charged in it, or, when the points shown mix modes, that they do and which.
 */
export function modeSentence(groups: ReadonlyArray<ModeGroup>): string {
  if (groups.length === 0) return '';
  if (groups.length === 1) return ` Operating mode: ${modeName(groups[0]!)} (${leakageWords(groups[0]!)}).`;
  return ` Mixed operating modes, so figures of different modes are not comparable: ${modeList(groups)}.`;
}
