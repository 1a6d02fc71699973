/**
 * `npm run db:restore -- <file> [--force]`: loads a backup made by `npm run db:backup` into the embedded database
 * directory (PGLITE_DIR, default .data/pglite), then opens it once and prints what it holds. The directory must be
 * empty or missing; --force moves a non-empty one aside to <dir>.before-restore-<timestamp> (never deletes it).
 * Stop the portal first. With DATABASE_URL set it prints the pg_restore command to use instead and exits 2.
 */
import { BackupError, postgresBackupCommands, restorePglite } from '../src/server/db/pglite-backup.ts';

const args = process.argv.slice(2);
const force = args.includes('--force');
const files = args.filter((a) => a !== '--force');
if (files.length !== 1 || files[0]!.startsWith('-')) {
  console.error('Usage: npm run db:restore -- <backup.tar.gz> [--force]');
  process.exit(2);
}
if (process.env.DATABASE_URL) {
  console.error(postgresBackupCommands());
  process.exit(2);
}
const pgliteDir = process.env.PGLITE_DIR || '.data/pglite';
try {
  const { counts, movedAside } = await restorePglite(files[0]!, pgliteDir, { force });
  if (movedAside) console.log(`  The previous database was moved to ${movedAside}.`);
  console.log(
    `✓ Restored ${files[0]} into ${pgliteDir}: ${counts.unitStates} unit states, ${counts.leads} leads, ${counts.inquiries} inquiries. Start the portal as usual.`,
  );
} catch (error) {
  console.error(
    `✗ ${error instanceof BackupError ? error.message : `Restore failed: ${(error as Error).stack ?? error}`}`,
  );
  process.exit(1);
}
