/**
 * A lock that keeps a second process from opening the same embedded database directory: PGlite is a
 * single-process database, and two processes writing one directory corrupt it.
 *
 * The lock is the kernel's: flock(2) on `portal.lock`, taken through util-linux's `flock` command on a file
 * descriptor this process keeps open (a flock belongs to the open file, not to the short-lived command). The
 * kernel drops it when the process dies, however it dies (kill -9, OOM, a crashed container), so a stale lock
 * cannot exist: no pid to compare (a container's portal is PID 1 after every restart) and no host name to trust
 * (a new container has a new one). It holds across containers that share the volume on one host. The file also
 * names the owner (pid, host, start) for the refusal message.
 *
 * Where the `flock` command is missing (not Linux), the lock falls back to the file's pid and host: a lock whose
 * process on this host has died is taken over.
 */
import { spawnSync } from 'node:child_process';
import {
  closeSync,
  constants,
  fstatSync,
  ftruncateSync,
  mkdirSync,
  openSync,
  readFileSync,
  rmSync,
  statSync,
  writeSync,
} from 'node:fs';
import { hostname } from 'node:os';
import { join, resolve } from 'node:path';

export const LOCK_FILE_NAME = 'portal.lock';

interface LockOwner {
  pid: number;
  host: string;
  startedAt: string;
}

const UNKNOWN_OWNER: LockOwner = { pid: -1, host: 'unknown', startedAt: 'unknown' };

/**
 * Raised when another live process holds the directory; its message says who and what to do.
 * @internal Exported for tests/integration/pglite-lock.test.ts.
 */
export class DatabaseDirectoryLockedError extends Error {
  readonly owner: LockOwner;
  constructor(directory: string, owner: LockOwner) {
    super(
      `The embedded database directory ${directory} is already in use by process ${owner.pid} on ${owner.host} ` +
        `(started ${owner.startedAt}). PGlite allows only one process per directory; two would corrupt it. ` +
        `Stop the other portal process, set PGLITE_DIR to another directory, or set DATABASE_URL to use PostgreSQL ` +
        `for several processes.`,
    );
    this.name = 'DatabaseDirectoryLockedError';
    this.owner = owner;
  }
}

function readOwner(path: string): LockOwner | undefined {
  try {
    const owner = JSON.parse(readFileSync(path, 'utf8')) as Partial<LockOwner>;
    if (typeof owner.pid === 'number' && typeof owner.host === 'string') {
      return { pid: owner.pid, host: owner.host, startedAt: String(owner.startedAt ?? 'unknown') };
    }
  } catch {
    // Missing, unreadable or half-written.
  }
  return undefined;
}

const CONFLICT_EXIT_CODE = 75;

/** Tries flock(LOCK_EX | LOCK_NB) on `fd` without waiting: taken, held by another open file, or no flock command. */
function flockNow(fd: number): 'taken' | 'held' | 'unsupported' {
  // The command gets `fd` as its descriptor 3 (the same open file), locks it and exits; the lock stays with
  // the open file, which this process keeps open.
  const result = spawnSync(
    'flock',
    ['--nonblock', '--exclusive', '--conflict-exit-code', String(CONFLICT_EXIT_CODE), '3'],
    { stdio: ['ignore', 'ignore', 'pipe', fd] },
  );
  if ((result.error as NodeJS.ErrnoException | undefined)?.code === 'ENOENT') return 'unsupported';
  if (result.status === 0) return 'taken';
  if (result.status === CONFLICT_EXIT_CODE) return 'held';
  throw new Error(
    `Could not lock ${LOCK_FILE_NAME}: flock exited with ${result.status ?? result.signal}: ${result.stderr.toString().trim() || result.error?.message}`,
  );
}

/** True while `path` still names the file open as `fd` (a releasing owner removes the file). */
function isSameFile(fd: number, path: string): boolean {
  try {
    const [open, named] = [fstatSync(fd), statSync(path)];
    return open.ino === named.ino && open.dev === named.dev;
  } catch {
    return false;
  }
}

/**
 * Takes the lock on `directory` for this process, or throws DatabaseDirectoryLockedError.
 * Returns a function that releases it (the kernel releases it anyway when the process ends).
 */
export function lockDatabaseDirectory(directory: string): () => void {
  const absolute = resolve(directory);
  mkdirSync(absolute, { recursive: true });
  const path = join(absolute, LOCK_FILE_NAME);
  const me: LockOwner = { pid: process.pid, host: hostname(), startedAt: new Date().toISOString() };

  for (let attempt = 0; attempt < 5; attempt++) {
    const fd = openSync(path, constants.O_RDWR | constants.O_CREAT, 0o644);
    let outcome: ReturnType<typeof flockNow>;
    try {
      outcome = flockNow(fd);
    } catch (error) {
      closeSync(fd);
      throw error;
    }
    if (outcome === 'unsupported') {
      closeSync(fd);
      return lockByProcessId(absolute, path, me);
    }
    if (outcome === 'held') {
      closeSync(fd);
      throw new DatabaseDirectoryLockedError(absolute, readOwner(path) ?? UNKNOWN_OWNER);
    }
    // The previous owner may have removed the file between our open and our lock: lock the new file instead.
    if (!isSameFile(fd, path)) {
      closeSync(fd);
      continue;
    }
    ftruncateSync(fd, 0);
    writeSync(fd, JSON.stringify(me), 0);
    let isReleased = false;
    const release = () => {
      if (isReleased) return;
      isReleased = true;
      process.off('exit', release);
      // Remove while still holding the lock, so nobody can lock the file on its way out.
      if (isSameFile(fd, path)) rmSync(path, { force: true });
      closeSync(fd);
    };
    process.on('exit', release);
    return release;
  }
  throw new DatabaseDirectoryLockedError(absolute, readOwner(path) ?? UNKNOWN_OWNER);
}

function isProcessAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: the process exists but belongs to someone else.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** The fallback without flock: an exclusively created file naming pid and host; a dead owner's file is taken over. */
function lockByProcessId(absolute: string, path: string, me: LockOwner): () => void {
  for (let attempt = 0; attempt < 2; attempt++) {
    const owner = readOwner(path);
    // A lock from another host cannot be checked for liveness: respect it (shared network directories).
    if (owner && (owner.host !== me.host || isProcessAlive(owner.pid)))
      throw new DatabaseDirectoryLockedError(absolute, owner);
    if (owner) rmSync(path, { force: true });
    try {
      const fd = openSync(path, 'wx');
      writeSync(fd, JSON.stringify(me));
      closeSync(fd);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'EEXIST') continue;
      throw error;
    }
    let isReleased = false;
    const release = () => {
      if (isReleased) return;
      isReleased = true;
      process.off('exit', release);
      const current = readOwner(path);
      if (current?.pid === me.pid && current.host === me.host) rmSync(path, { force: true });
    };
    process.on('exit', release);
    return release;
  }
  throw new DatabaseDirectoryLockedError(absolute, readOwner(path) ?? UNKNOWN_OWNER);
}
