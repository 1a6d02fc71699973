import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/server/db/open-database.ts';
import {
  DatabaseDirectoryLockedError,
  LOCK_FILE_NAME,
  lockDatabaseDirectory,
} from '../../src/server/db/pglite-lock.ts';

const dirs: string[] = [];
const freshDir = () => {
  const dir = mkdtempSync(join(tmpdir(), 'pglite-lock-'));
  dirs.push(dir);
  return dir;
};
afterAll(() => dirs.forEach((dir) => rmSync(dir, { recursive: true, force: true })));

/** Starts another Node process that takes the lock on `dir` and holds it until killed. */
function holdLockInChild(dir: string): Promise<{ kill: () => Promise<void> }> {
  const script = `import { lockDatabaseDirectory } from ${JSON.stringify(join(import.meta.dirname, '..', '..', 'src', 'server', 'db', 'pglite-lock.ts'))};
lockDatabaseDirectory(${JSON.stringify(dir)}); console.log('locked'); setInterval(() => {}, 1000);`;
  const child = spawn(process.execPath, ['--input-type=module', '-e', script], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  return new Promise((resolve, reject) => {
    const exited = new Promise<void>((done) => child.once('exit', () => done()));
    const kill = () => (child.kill('SIGKILL'), exited);
    child.stdout.on('data', (chunk: Buffer) => chunk.toString().includes('locked') && resolve({ kill }));
    child.once('exit', (code) => reject(new Error(`lock holder exited early with ${code}`)));
  });
}

describe('the embedded database directory lock', () => {
  it('refuses a second process with a message that says why and what to do', async () => {
    const dir = freshDir();
    const holder = await holdLockInChild(dir);
    try {
      expect(() => lockDatabaseDirectory(dir)).toThrow(DatabaseDirectoryLockedError);
      expect(() => lockDatabaseDirectory(dir)).toThrow(
        /already in use by process \d+ .*only one process per directory.*PGLITE_DIR.*DATABASE_URL/s,
      );
    } finally {
      await holder.kill();
    }
  });

  it('takes over the lock of a process that died', async () => {
    const dir = freshDir();
    writeFileSync(
      join(dir, LOCK_FILE_NAME),
      JSON.stringify({ pid: 2 ** 22 + 12345, host: hostname(), startedAt: 'yesterday' }),
    );
    const release = lockDatabaseDirectory(dir);
    release();
    expect(existsSync(join(dir, LOCK_FILE_NAME))).toBe(false);
  });

  it('takes over a lock file that names a live process (PID reused after a crash: a container restarts as PID 1) or another host (a new container)', async () => {
    for (const owner of [
      { pid: process.pid, host: hostname() },
      { pid: 1, host: hostname() },
      { pid: 1, host: 'old-container-3f2a' },
    ]) {
      const dir = freshDir();
      writeFileSync(join(dir, LOCK_FILE_NAME), JSON.stringify({ ...owner, startedAt: 'before the crash' }));
      const release = lockDatabaseDirectory(dir);
      expect(JSON.parse(readFileSync(join(dir, LOCK_FILE_NAME), 'utf8')).pid).toBe(process.pid);
      release();
    }
  });

  it('frees the directory when the holder is killed with SIGKILL', async () => {
    const dir = freshDir();
    const holder = await holdLockInChild(dir);
    expect(() => lockDatabaseDirectory(dir)).toThrow(DatabaseDirectoryLockedError);
    await holder.kill();
    const release = lockDatabaseDirectory(dir);
    release();
  });

  // Opens a new database (initdb and the migrations) twice: slow on a busy machine.
  it(
    'refuses to open the same directory twice in one process, and frees it on close',
    { timeout: 120_000 },
    async () => {
      const dir = freshDir();
      const first = await openDatabase({ pgliteDir: dir });
      await expect(openDatabase({ pgliteDir: dir })).rejects.toThrow(DatabaseDirectoryLockedError);
      await first.close();
      const again = await openDatabase({ pgliteDir: dir });
      await again.close();
    },
  );
});
