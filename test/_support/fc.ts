/** fast-check options: seed from XSNN_FC_SEED (pinned in CI) or the clock; fast-check prints it on failure. */
export function fcOptions(numRuns = 100) {
  const seed = Number(process.env['XSNN_FC_SEED'] ?? Date.now() % 2 ** 31);
  return { seed, numRuns };
}
