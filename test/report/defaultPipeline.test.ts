import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { packageRoot } from '../../src/config/presets.js';
import { cosimMatrix, crossbarForNetwork } from '../../src/cosim/index.js';
import { loadCrossbar } from '../../src/crossbar/index.js';
import { mapWeights } from '../../src/mapping/index.js';
import { checkpointFigureSources } from '../../src/report/index.js';
import { saveCheckpoint } from '../../src/snn/index.js';
import type { ResolvedNetwork } from '../../src/sweep/index.js';
import { tempDir } from '../_support/images.js';
import { sparseCheckpoint } from '../cosim/_fixtures.js';

const dir = tempDir('xsnn-occupancy-');
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('checkpointFigureSources.tileOccupancy', () => {
  it('maps what the co-simulation maps on the summary crossbar: a physical row per input and delay group with delay hardware', async () => {
    const ck = sparseCheckpoint();
    expect(ck.maxDelay).toBeGreaterThan(0);
    const at = join(dir, 'ck');
    saveCheckpoint(at, ck);
    const net: ResolvedNetwork = {
      name: 'sparse',
      role: 'compressed',
      recipe: null,
      checkpoint: at,
      checkpointHash: '0'.repeat(64),
      training: null,
      levelsUsed: null,
    };
    const periphery = { name: 'base', file: join(packageRoot, 'crossbar', 'base.yaml'), hash: '' };
    const device = { name: 'ideal', file: join(packageRoot, 'devices', 'ideal.yaml'), hash: '' };
    const occ = (await checkpointFigureSources.tileOccupancy!(net, { rows: 32, cols: 32, periphery, device }))!;
    const { crossbar } = crossbarForNetwork({ crossbar: loadCrossbar(periphery.file, { rows: 32, cols: 32, device: device.file }), checkpoint: ck });
    expect(crossbar.delays.implementation).not.toBe('none');
    const cosim = mapWeights(cosimMatrix(crossbar, ck), { tileRows: crossbar.rows, tileCols: crossbar.logicalCols, splitColumns: crossbar.splitColumns });
    expect(occ.tiles.length).toBe(cosim.tiles.length);
    expect(occ.delayGroups).toBe(ck.maxDelay + 1);
    expect(occ.matrixRows).toBe(ck.nInputs * (ck.maxDelay + 1));
    const plain = (await checkpointFigureSources.tileOccupancy!(net, { rows: 32, cols: 32 }))!;
    expect(plain.delayGroups).toBeUndefined();
    expect(plain.matrixRows).toBe(ck.nInputs);
    expect(plain.tiles.length).toBeLessThan(occ.tiles.length);
  });
});
