/**
 * Re-presentations of one image when `protocol.maxRetries` is null (DC1 has no cap):
 * with the intensity raised by `intensityStep` each time, real runs stop after a few;
 * the bound keeps an unreachable `minSpikes` from presenting the same image forever.
 * (A module of its own so that the simulator's worker threads need not load the recipe schema.)
 */
export const UNCAPPED_RETRY_LIMIT = 1000;
