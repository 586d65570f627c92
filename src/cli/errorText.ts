import { ZodError } from 'zod';
import { formatIssue, XsnnError } from '../config/XsnnError.js';
import { zodIssues } from '../config/zodIssues.js';

/** What the CLI prints for an error and the exit code it returns. */
export interface ErrorReport {
  readonly text: string;
  readonly exitCode: number;
}

const ERRNO_WORDS: Record<string, string> = {
  EACCES: 'permission denied',
  EPERM: 'operation not permitted',
  EEXIST: 'already exists',
  EISDIR: 'is a folder, not a file',
  ENOTDIR: 'a part of the path is a file, not a folder',
  ENOENT: 'no such file or folder',
  ENOSPC: 'no space left on the device',
  EROFS: 'read-only file system',
  ENAMETOOLONG: 'name too long',
  ELOOP: 'too many symbolic links',
  EMFILE: 'too many open files',
  EXDEV: 'cannot rename across file systems',
  ENOTEMPTY: 'folder not empty',
  EBUSY: 'busy',
};

/**
 * Turns any error into the CLI's text (one `xsnn: error: ` line per issue, no
 * stack trace) and exit code: 2 for usage errors, 1 for bad input, file-system
 * failures (EACCES, EISDIR, ENOTDIR, ENOSPC...: named with the path) and
 * allocation failures, 70 (with the stack) only for an internal error.
 */
export function errorReport(err: unknown): ErrorReport {
  if (err instanceof XsnnError) return { text: lines(err.issues.map(formatIssue)), exitCode: err.usage ? 2 : 1 };
  if (err instanceof ZodError) return { text: lines(zodIssues(err).map(formatIssue)), exitCode: 1 };
  const sys = err as NodeJS.ErrnoException & { dest?: string };
  if (err instanceof Error && typeof sys.code === 'string' && typeof sys.syscall === 'string') {
    const where = sys.path !== undefined ? `${sys.path}${sys.dest !== undefined ? ` -> ${sys.dest}` : ''}: ` : '';
    return { text: lines([`${where}cannot ${sys.syscall}: ${ERRNO_WORDS[sys.code] ?? sys.code} (${sys.code})`]), exitCode: 1 };
  }
  if (err instanceof RangeError && /Invalid (typed )?array length|Array buffer allocation failed|Invalid array buffer length/.test(err.message)) {
    return { text: lines([`input too large: cannot allocate memory for it (${err.message})`]), exitCode: 1 };
  }
  return { text: `xsnn: internal error: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`, exitCode: 70 };
}

function lines(issues: ReadonlyArray<string>): string {
  return issues.map((t) => `xsnn: error: ${t.replace(/\n/g, '\n  ')}\n`).join('');
}
