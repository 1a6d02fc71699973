/**
 * Finds the project's root folder (the one holding data/ and the migrations) from wherever this code runs:
 * src/ under Vite or Node, or a bundled chunk under dist/server/ in production.
 */
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const MARKER = join('src', 'server', 'db', 'migrations');

let cached: string | undefined;

/** The project root: the nearest ancestor of this module (or else of the working directory) with the marker. */
function projectRoot(): string {
  if (cached) return cached;
  for (const start of [dirname(fileURLToPath(import.meta.url)), process.cwd()]) {
    let dir = resolve(start);
    for (;;) {
      if (existsSync(join(dir, MARKER))) return (cached = dir);
      const parent = dirname(dir);
      if (parent === dir) break;
      dir = parent;
    }
  }
  throw new Error(
    `Cannot find the project root: no ancestor of ${process.cwd()} holds ${MARKER}. Start the portal from its project folder.`,
  );
}

/** The catalog folder, data/. */
export function catalogDir(): string {
  return join(projectRoot(), 'data');
}

/** The committed SQL migrations. */
export function migrationsDir(): string {
  return join(projectRoot(), MARKER);
}
