import type { DeviceModel } from '../devices/DeviceModel.js';
import { explainTerm, input, type ExplainTerm } from './ExplainTerm.js';

/** Level steps of writing a mapped network (as counted by the co-simulation's programming). */
export interface ProgrammingCountsInput {
  readonly cellsWritten: number;
  readonly levelSteps: number;
  /** Σ level steps · (G_min + G_target)/2 (S). */
  readonly stepConductanceS: number;
  /** Level steps on the critical path (tiles in parallel, rows in sequence, a row's cells in parallel). */
  readonly criticalLevelSteps: number;
}

/** The one-time cost of writing the network onto the chip, apart from inference. */
export interface ProgrammingCost {
  readonly title: string;
  readonly energyJ: number;
  readonly timeS: number;
  /** Energy terms (sum to energyJ), then the time term. */
  readonly terms: ReadonlyArray<ExplainTerm>;
}

/**
 * Programming cost from the device's write pulse (docs/timing.md):
 *
 *   E = V_w² · t_pulse · pulsesPerLevel · Σ steps·(G_min + G_target)/2   (+ nothing for the column charge, counted per write in training)
 *   t = criticalLevelSteps · pulsesPerLevel · t_pulse
 */
export function programmingCost(counts: ProgrammingCountsInput, device: DeviceModel): ProgrammingCost {
  const devSrc = `device '${device.name}': ${device.source}`;
  const Vw = device.writeVoltageV;
  const tw = device.writePulseS;
  const n = device.pulsesPerLevel;
  const energy = explainTerm({
    name: 'programmingEnergy',
    valueSI: Vw * Vw * tw * n * counts.stepConductanceS,
    unit: 'J',
    formula: 'V_w² · t_pulse · pulsesPerLevel · Σ steps·(G_min + G_target)/2',
    inputs: [
      input('V_w', Vw, 'V', devSrc),
      input('t_pulse', tw, 's', devSrc),
      input('pulsesPerLevel', n, '1', devSrc),
      input(
        'Σ steps·(G_min+G_target)/2',
        counts.stepConductanceS,
        'S',
        `programming of the mapped network: ${counts.cellsWritten} cells, ${counts.levelSteps} level steps from G_min`,
      ),
    ],
    source: 'xsnn spec/hardware.md write energy (NeuroSim Cell.cpp WriteEnergyCalculation, 1T1R), cells reset to G_min and stepped up to their level',
  });
  const time = explainTerm({
    name: 'programmingTime',
    valueSI: counts.criticalLevelSteps * n * tw,
    unit: 's',
    formula: 'criticalLevelSteps · pulsesPerLevel · t_pulse',
    inputs: [
      input('criticalLevelSteps', counts.criticalLevelSteps, '1', 'max over tiles of Σ over rows of the most level steps of a cell of the row'),
      input('pulsesPerLevel', n, '1', devSrc),
      input('t_pulse', tw, 's', devSrc),
    ],
    source: 'xsnn assumption: tiles are written in parallel, the rows of a tile one after another, the cells of a row in parallel (NeuroSim writes row by row)',
  });
  return { title: `Programming the network onto '${device.name}' (one-time)`, energyJ: energy.valueSI, timeS: time.valueSI, terms: [energy, time] };
}
