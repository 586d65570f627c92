// `npm run bench`: runs every test/bench/*.bench.mjs (or only those named on the
// command line: `npm run bench -- snn mapping`). Each file's default export is an
// async function that prints its figures. Benchmarks import the compiled dist/.
import { readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import os from 'node:os';

const here = dirname(fileURLToPath(import.meta.url));
const wanted = process.argv.slice(2);
const files = readdirSync(here)
  .filter((f) => f.endsWith('.bench.mjs'))
  .filter((f) => wanted.length === 0 || wanted.some((w) => f.startsWith(w)))
  .sort();

console.log(`xsnn benchmarks: node ${process.version}, ${os.cpus().length} cores (${os.cpus()[0]?.model ?? '?'}), ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB`);
for (const file of files) {
  console.log(`\n=== ${file} ===`);
  const mod = await import(pathToFileURL(join(here, file)).href);
  const t0 = performance.now();
  await mod.default();
  console.log(`(${file}: ${((performance.now() - t0) / 1000).toFixed(1)} s)`);
}
