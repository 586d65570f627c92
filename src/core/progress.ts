import cliProgress from 'cli-progress';

/** A progress display; a no-op when stderr is not a terminal. */
export interface Progress {
  /** Sets the number of finished units and optional named fields shown in the bar. */
  update(done: number, fields?: Record<string, string | number>): void;
  stop(): void;
}

/**
 * A progress bar on stderr when it is a TTY (and `XSNN_NO_PROGRESS` is unset),
 * silent otherwise. `format` uses cli-progress tokens, e.g.
 * `'{bar} {value}/{total} | {rate} img/s'`; `{rate}` and `{eta_formatted}` are built in. The bar
 * is 20 characters wide, so that a line with an ETA fits an 80-column terminal.
 */
export function createProgress(total: number, format: string, initial: Record<string, string | number> = {}): Progress {
  if (!process.stderr.isTTY || process.env['XSNN_NO_PROGRESS'] !== undefined) {
    return { update() {}, stop() {} };
  }
  const bar = new cliProgress.SingleBar(
    { format, stream: process.stderr, hideCursor: true, etaBuffer: 50, fps: 5, clearOnComplete: false, barsize: 20 },
    cliProgress.Presets.shades_classic,
  );
  const start = Date.now();
  bar.start(total, 0, { rate: '0', ...initial });
  return {
    update(done, fields = {}) {
      const secs = (Date.now() - start) / 1000;
      bar.update(done, { rate: secs > 0 ? (done / secs).toFixed(1) : '0', ...fields });
    },
    stop() {
      bar.stop();
    },
  };
}
