/**
 * `npm run data:check [-- <data dir>]`: validates and cross-checks the catalog in data/ (or the folder given).
 * Prints every problem as `file › record › field: message` and exits non-zero if there is any.
 */
import { resolve } from 'node:path';
import { sumAreas } from '../src/lib/area.ts';
import { checkCatalogDir, formatProblem } from '../src/server/catalog/read-catalog.ts';

const dataDir = resolve(process.argv[2] ?? 'data');
const { catalog, problems } = checkCatalogDir(dataDir);

if (!catalog) {
  console.error(`✗ ${dataDir}: ${problems.length} problem(s)\n`);
  for (const problem of problems) console.error(`  ${formatProblem(problem)}`);
  process.exit(1);
}

const total = sumAreas(catalog.buildings.map((b) => b.grossArea));
const sampleUnits = catalog.units.filter((u) => u.sample).length;
console.log(
  `✓ ${dataDir}: ${catalog.buildings.length} buildings (${total.toLocaleString('en')} m²), ${catalog.floors.length} floors, ` +
    `${catalog.units.length} units (${sampleUnits} sample), ${catalog.amenities.length} amenities, ${catalog.places.length} places`,
);
