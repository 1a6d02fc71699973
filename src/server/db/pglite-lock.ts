/**
 * A lock file that keeps a second process from opening the same embedded database directory: PGlite is a
 * single-process database, and two processes writing one directory corrupt it.
 *
 * The lock holds the owner's pid and host. A lock whose process has died (a crash, a kill -9) is stale and is
 * taken over, so a crash never leaves the portal unable to start.
 */
import { closeSync, mkdirSync, openSync, readFileSync, rmSync, writeSync } from 'node:fs';
import { hostname } from 'node:os';
import { join, resolve } from 'node:path';

export const LOCK_FILE_NAME = 'portal.lock';

interface LockOwner {
  pid: number;
  host: string;
  startedAt: string;
}

/** Raised when another live process holds the directory; its message says who and what to do. */
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

function isProcessAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: the process exists but belongs to someone else.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function readOwner(path: string): LockOwner | undefined {
  try {
    const owner = JSON.parse(readFileSync(path, 'utf8')) as Partial<LockOwner>;
    if (typeof owner.pid === 'number' && typeof owner.host === 'string') {
      return { pid: owner.pid, host: owner.host, startedAt: String(owner.startedAt ?? 'unknown') };
    }
  } catch {
    // Unreadable or half-written: treat as stale.
  }
  return undefined;
}

function tryCreate(path: string, owner: LockOwner): boolean {
  try {
    const fd = openSync(path, 'wx');
    writeSync(fd, JSON.stringify(owner));
    closeSync(fd);
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw error;
  }
}

/**
 * Takes the lock on `directory` for this process, or throws DatabaseDirectoryLockedError.
 * Returns a function that releases it (also released when the process exits).
 */
export function lockDatabaseDirectory(directory: string): () => void {
  const absolute = resolve(directory);
  mkdirSync(absolute, { recursive: true });
  const path = join(absolute, LOCK_FILE_NAME);
  const me: LockOwner = { pid: process.pid, host: hostname(), startedAt: new Date().toISOString() };

  for (let attempt = 0; attempt < 2; attempt++) {
    if (tryCreate(path, me)) {
      let isReleased = false;
      const release = () => {
        if (isReleased) return;
        isReleased = true;
        process.off('exit', release);
        const owner = readOwner(path);
        if (owner?.pid === me.pid && owner.host === me.host) rmSync(path, { force: true });
      };
      process.on('exit', release);
      return release;
    }
    const owner = readOwner(path);
    const isSameHost = owner?.host === me.host;
    // A lock from another host cannot be checked for liveness: respect it (shared network directories).
    if (owner && (!isSameHost || isProcessAlive(owner.pid))) throw new DatabaseDirectoryLockedError(absolute, owner);
    rmSync(path, { force: true });
  }
  throw new DatabaseDirectoryLockedError(absolute, readOwner(path) ?? { pid: -1, host: 'unknown', startedAt: 'unknown' });
}
