import type { ResultRecord } from '../../core/ResultRecord.js';
import { displayName } from '../format.js';
import type { ModeGroup, ReferencePoint, ReportData } from '../ReportData.js';
import type { ReportRecords } from './ReportRecords.js';

/** A periphery preset's `timing.powerGatedFraction` as written, else the schema default 0. */
function gatedFraction(rr: ReportRecords, periphery: string): number {
  const p = rr.manifest.periphery.find((x) => x.name === periphery || displayName(x.name) === periphery);
  const timing = p?.raw['timing'];
  const g = timing !== null && typeof timing === 'object' ? (timing as Record<string, unknown>)['powerGatedFraction'] : undefined;
  return typeof g === 'number' ? g : 0;
}

/** The records grouped by operating mode and pipelining (untimed records last), each group with its peripheries and gated fractions. */
function groupsOf(rr: ReportRecords, recs: ReadonlyArray<ResultRecord>): ModeGroup[] {
  const groups = new Map<string, { mode: ModeGroup['mode']; pipelined: boolean | null; periphery: Set<string>; points: number }>();
  for (const r of recs) {
    const key = r.timing === undefined ? '~untimed' : `${r.timing.mode}:${r.timing.pipelined}`;
    const g = groups.get(key) ?? { mode: r.timing?.mode ?? null, pipelined: r.timing?.pipelined ?? null, periphery: new Set<string>(), points: 0 };
    g.periphery.add(r.crossbar.periphery);
    g.points++;
    groups.set(key, g);
  }
  return [...groups.entries()]
    .sort(([a], [b]) => (a < b ? -1 : 1))
    .map(([, g]) => {
      const periphery = [...g.periphery].sort();
      return {
        mode: g.mode,
        pipelined: g.pipelined,
        periphery,
        points: g.points,
        powerGatedFraction: [...new Set(periphery.map((p) => gatedFraction(rr, p)))],
      };
    });
}

/** The operating modes of every point and of the points at the reference periphery (those the summary and the charts show). */
export function modeGroups(rr: ReportRecords, ref: ReferencePoint): ReportData['timing'] {
  return {
    all: groupsOf(rr, rr.recs),
    shown: groupsOf(
      rr,
      rr.recs.filter((r) => r.crossbar.periphery === ref.periphery),
    ),
  };
}
