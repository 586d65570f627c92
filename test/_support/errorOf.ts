import { XsnnError } from '../../src/config/XsnnError.js';

/** The XsnnError `fn` throws; fails the test if it throws nothing or another error. */
export function errorOf(fn: () => unknown): XsnnError {
  try {
    fn();
  } catch (err) {
    if (err instanceof XsnnError) return err;
    throw err;
  }
  throw new Error('expected an XsnnError');
}
