/**
 * Backup and restore of the embedded database (PGlite): the whole data directory as one gzipped tar file, made
 * with PGlite's `dumpDataDir()` and loaded with its `loadDataDir` option. Both take the directory lock
 * (pglite-lock.ts), so they refuse while the portal runs on that directory. Used by scripts/db-backup.ts and
 * scripts/db-restore.ts; PostgreSQL is backed up with pg_dump instead (see postgresBackupCommands).
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { btree_gist } from '@electric-sql/pglite/contrib/btree_gist';
import { LOCK_FILE_NAME, lockDatabaseDirectory } from './pglite-lock.ts';

/** Raised for every refusal and failure; its message says what happened and what to do. */
export class BackupError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'BackupError';
  }
}

/** Row counts read from a restored database, to show it is readable and what it holds. */
export interface RestoredCounts {
  unitStates: number;
  leads: number;
  inquiries: number;
}

/** `backups/pglite-2025-06-01T08-30-00Z.tar.gz`: the default file name of a backup made now. */
export function defaultBackupPath(now = new Date()): string {
  return join(
    'backups',
    `pglite-${now
      .toISOString()
      .replace(/\.\d+Z$/, 'Z')
      .replaceAll(':', '-')}.tar.gz`,
  );
}

function isDatabaseDirectory(directory: string): boolean {
  return existsSync(join(directory, 'PG_VERSION'));
}

/** Names in `directory` besides a lock file; empty when the directory does not exist. */
function contentsOf(directory: string): string[] {
  if (!existsSync(directory)) return [];
  if (!statSync(directory).isDirectory()) throw new BackupError(`${directory} is a file, not a directory.`);
  return readdirSync(directory).filter((name) => name !== LOCK_FILE_NAME);
}

/**
 * Writes the database in `pgliteDir` to `file` (a gzipped tar). Refuses while another process (the portal)
 * holds the directory, and when the directory holds no database. Returns the file's size in bytes.
 */
export async function backupPglite(pgliteDir: string, file: string): Promise<number> {
  const directory = resolve(pgliteDir);
  const target = resolve(file);
  if (!isDatabaseDirectory(directory))
    throw new BackupError(`There is no embedded database in ${directory} (no PG_VERSION file). Check PGLITE_DIR.`);
  if (existsSync(target)) throw new BackupError(`${target} already exists; choose another file name.`);
  const release = lockForOperation(directory, 'back up');
  try {
    const client = new PGlite(directory, { extensions: { btree_gist } });
    await client.waitReady;
    let dump: Blob;
    try {
      dump = await client.dumpDataDir('gzip');
    } finally {
      await client.close();
    }
    const bytes = Buffer.from(await dump.arrayBuffer());
    mkdirSync(dirname(target), { recursive: true });
    // Written beside the target and renamed, so a crash never leaves a half-written file under the final name.
    const partial = `${target}.partial`;
    writeFileSync(partial, bytes);
    renameSync(partial, target);
    return bytes.length;
  } finally {
    release();
  }
}

/**
 * Loads the backup `file` into `pgliteDir`, which must be empty or missing; with `force`, a non-empty directory is
 * first moved aside (to `<dir>.before-restore-<timestamp>`, returned as `movedAside`). Then reads the restored
 * database once to check it and returns its row counts.
 */
export async function restorePglite(
  file: string,
  pgliteDir: string,
  options: { force?: boolean; now?: Date } = {},
): Promise<{ counts: RestoredCounts; movedAside?: string }> {
  const source = resolve(file);
  const directory = resolve(pgliteDir);
  if (!existsSync(source)) throw new BackupError(`The backup file ${source} does not exist.`);
  const bytes = readFileSync(source);
  if (bytes.length < 2 || bytes[0] !== 0x1f || bytes[1] !== 0x8b)
    throw new BackupError(`${source} is not a gzipped backup made by npm run db:backup.`);

  let movedAside: string | undefined;
  if (contentsOf(directory).length > 0) {
    if (!options.force) {
      throw new BackupError(
        `${directory} is not empty. Restore into an empty or new directory, or add --force to move the existing one aside first.`,
      );
    }
    // Taking the lock proves the portal is not running on it; the lock file moves aside with the directory.
    const releaseOld = lockForOperation(directory, 'replace');
    movedAside = `${directory}.before-restore-${(options.now ?? new Date())
      .toISOString()
      .replace(/\.\d+Z$/, 'Z')
      .replaceAll(':', '-')}`;
    renameSync(directory, movedAside);
    rmSync(join(movedAside, LOCK_FILE_NAME), { force: true });
    releaseOld();
  }

  let release = lockForOperation(directory, 'restore into');
  try {
    let client: PGlite;
    try {
      client = new PGlite(directory, { loadDataDir: new Blob([bytes]), extensions: { btree_gist } });
      await client.waitReady;
    } catch (error) {
      throw new BackupError(
        `Could not load ${source}: ${(error as Error).message}. Is it a backup made by npm run db:backup?`,
      );
    }
    // The archive carries the lock file of the process that made it: replace it with ours at once.
    rmSync(join(directory, LOCK_FILE_NAME), { force: true });
    release();
    release = lockForOperation(directory, 'restore into');
    try {
      const count = async (table: string) =>
        Number((await client.query<{ n: string | number }>(`select count(*) as n from ${table}`)).rows[0]!.n);
      return {
        counts: {
          unitStates: await count('unit_states'),
          leads: await count('leads'),
          inquiries: await count('inquiries'),
        },
        ...(movedAside ? { movedAside } : {}),
      };
    } catch (error) {
      throw new BackupError(`The restored database in ${directory} cannot be read: ${(error as Error).message}.`);
    } finally {
      await client.close();
    }
  } finally {
    release();
  }
}

/** The directory lock, with a message that names the operation when the portal holds it. */
function lockForOperation(directory: string, operation: string): () => void {
  try {
    return lockDatabaseDirectory(directory);
  } catch (error) {
    throw new BackupError(
      `Cannot ${operation} ${directory} while it is in use. ${(error as Error).message} Stop the portal first, then try again.`,
    );
  }
}

/** What to run instead of these scripts when the portal uses PostgreSQL (DATABASE_URL). */
export function postgresBackupCommands(): string {
  return [
    "The portal uses PostgreSQL (DATABASE_URL is set): back it up and restore it with PostgreSQL's own tools, which work while the portal runs:",
    '',
    '  pg_dump --format=custom --no-owner --file=backups/portal-$(date -u +%Y%m%dT%H%M%SZ).dump "$DATABASE_URL"',
    '  pg_restore --clean --if-exists --no-owner --single-transaction --dbname="$DATABASE_URL" backups/portal-<timestamp>.dump',
    '',
    "Use pg_dump/pg_restore of the server's major version or newer. Restore into a new database, or stop the portal before restoring over the live one.",
  ].join('\n');
}
