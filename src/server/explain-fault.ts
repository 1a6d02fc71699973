/**
 * Says what went wrong in a form a person can act on, for anything that was thrown: an Error with or without a
 * message, a Node system error (`code`), an error of PGlite's file layer (Emscripten's ErrnoError: a bare errno
 * number, no message), or a value that is not an Error at all. Without this a full disk printed "undefined".
 */
import { inspect } from 'node:util';

/** Emscripten's errno numbers (they are not Linux's) for the faults a database directory can run into. */
const EMSCRIPTEN_ERRNO: Record<number, string> = {
  2: 'EACCES',
  19: 'EDQUOT',
  20: 'EEXIST',
  29: 'EIO',
  44: 'ENOENT',
  48: 'ENOMEM',
  51: 'ENOSPC',
  54: 'ENOTDIR',
  63: 'EPERM',
  69: 'EROFS',
};

/** What each system error code means and what to do about it. */
const ADVICE: Record<string, string> = {
  ENOSPC:
    "No space left on the device: free disk space where the database lives (PGLITE_DIR, or the PostgreSQL server's data directory).",
  EDQUOT: 'The disk quota is used up: free space or raise the quota where the database lives (PGLITE_DIR).',
  EACCES:
    'Permission denied. Make PGLITE_DIR (and the files in it) readable and writable by the user that runs the portal.',
  EPERM: 'Operation not permitted. Make PGLITE_DIR (and the files in it) writable by the user that runs the portal.',
  EROFS: 'The file system is read-only. Put PGLITE_DIR on a writable volume.',
  EIO: 'Input/output error on the disk. Check the disk and the system log (dmesg).',
  ENOENT: 'A file or directory is missing. Check PGLITE_DIR and that the portal was installed completely.',
  ENOTDIR: 'A path that should be a directory is a file. Check PGLITE_DIR.',
  ENOMEM: 'Out of memory. Give the process more memory.',
};

/** The system error code of `error` (ENOSPC, …), from Node's `code` or an Emscripten errno; undefined if none. */
function errorCodeOf(error: unknown): string | undefined {
  if (typeof error !== 'object' || error === null) return undefined;
  const { code, errno, name } = error as { code?: unknown; errno?: unknown; name?: unknown };
  if (typeof code === 'string' && /^E[A-Z]+$/.test(code)) return code;
  // PostgreSQL's SQLSTATE for a full disk (PGlite and node-postgres both pass it on as `code`).
  if (code === '53100') return 'ENOSPC';
  if (name === 'ErrnoError' && typeof errno === 'number') return EMSCRIPTEN_ERRNO[errno] ?? `errno ${errno}`;
  return undefined;
}

/**
 * For the operator at the terminal (start-up failures): one or two sentences on what went wrong, with the
 * error's message, and where known what to do; never empty, never "undefined". Not for logs or answers, where a
 * message may quote what a person typed: use faultSummary there.
 */
export function explainFault(error: unknown): string {
  const code = errorCodeOf(error);
  const advice = code ? ADVICE[code] : undefined;
  const message = error instanceof Error ? error.message.trim() : typeof error === 'string' ? error.trim() : '';
  const cause = error instanceof Error && error.cause !== undefined ? explainFault(error.cause) : '';
  const name =
    error instanceof Error
      ? error.name
      : typeof error === 'object' && error !== null
        ? (error.constructor?.name ?? 'Object')
        : typeof error;
  const parts = [
    message ||
      (code
        ? `${name} ${code}`
        : `${name} without a message: ${inspect(error, { depth: 1, breakLength: Infinity }).slice(0, 200)}`),
  ];
  if (cause && !parts[0]!.includes(cause)) parts.push(`Cause: ${cause}`);
  if (advice && !parts.some((part) => part.includes(advice))) parts.push(advice);
  return parts.join(' ');
}

/**
 * For answers anyone may read (/healthz) and for log fields: the system error code and what to do, without any
 * message (a database error's message can quote the values of the failed query).
 */
export function faultSummary(error: unknown): string {
  for (
    let e: unknown = error, depth = 0;
    e !== undefined && e !== null && depth < 4;
    e = (e as { cause?: unknown }).cause, depth++
  ) {
    const code = errorCodeOf(e);
    if (code) return ADVICE[code] ? `${code}: ${ADVICE[code]}` : code;
  }
  return 'The database could not write; the log line healthz.database_cannot_write names the kind of error.';
}
