/**
 * `npm run db:backup [-- <file>]`: backs up the embedded database (PGLITE_DIR, default .data/pglite) to one gzipped
 * tar file, by default backups/pglite-<timestamp>.tar.gz. Stop the portal first: it refuses while the portal holds
 * the directory. With DATABASE_URL set it prints the pg_dump command to use instead and exits 2.
 */
import {
  BackupError,
  backupPglite,
  defaultBackupPath,
  postgresBackupCommands,
} from '../src/server/db/pglite-backup.ts';

const args = process.argv.slice(2);
if (args.length > 1 || args.some((a) => a.startsWith('-'))) {
  console.error('Usage: npm run db:backup [-- <file.tar.gz>]');
  process.exit(2);
}
if (process.env.DATABASE_URL) {
  console.error(postgresBackupCommands());
  process.exit(2);
}
const pgliteDir = process.env.PGLITE_DIR || '.data/pglite';
const file = args[0] ?? defaultBackupPath();
try {
  const bytes = await backupPglite(pgliteDir, file);
  console.log(
    `✓ Backed up ${pgliteDir} to ${file} (${(bytes / 1024 / 1024).toFixed(1)} MB). Restore with: npm run db:restore -- ${file}`,
  );
} catch (error) {
  console.error(
    `✗ ${error instanceof BackupError ? error.message : `Backup failed: ${(error as Error).stack ?? error}`}`,
  );
  process.exit(1);
}
