/**
 * Reads the catalog files in `data/`, validates every record against its schema and cross-checks the whole.
 * Problems name the file, the record and the field, so whoever edits the data can find them at once.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import type { z } from 'astro/zod';
import { buildCatalog, type Catalog } from './catalog.ts';
import { crossCheckCatalog, type CatalogProblem } from './check-catalog.ts';
import { checkPhotoFolders } from './photo-manifest.ts';
import * as schemas from './schemas.ts';

export type { CatalogProblem } from './check-catalog.ts';

/** Thrown when the catalog cannot be used; `problems` lists every fault found, not just the first. */
class CatalogError extends Error {
  readonly problems: CatalogProblem[];
  constructor(problems: CatalogProblem[]) {
    super(`The catalog in data/ has ${problems.length} problem(s):\n${problems.map(formatProblem).join('\n')}`);
    this.name = 'CatalogError';
    this.problems = problems;
  }
}

/** One problem as a line a person can act on: `file › record › field: message`. */
export function formatProblem(p: CatalogProblem): string {
  return `${p.file} › ${p.record}${p.field ? ` › ${p.field}` : ''}: ${p.message}`;
}

interface FileReader {
  problems: CatalogProblem[];
  dataDir: string;
}

function readJson(reader: FileReader, path: string): unknown {
  const file = relative(join(reader.dataDir, '..'), path);
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch {
    reader.problems.push({ file, record: '(file)', field: '', message: 'cannot be read: does the file exist?' });
    return undefined;
  }
  try {
    return JSON.parse(text);
  } catch (error) {
    reader.problems.push({
      file,
      record: '(file)',
      field: '',
      message: `is not valid JSON: ${(error as Error).message}`,
    });
    return undefined;
  }
}

function recordName(value: unknown, index: number): string {
  const id = typeof value === 'object' && value !== null ? (value as { id?: unknown }).id : undefined;
  return typeof id === 'string' && id ? id : `item #${index + 1}`;
}

function pushIssues(reader: FileReader, file: string, record: string, issues: z.core.$ZodIssue[]): void {
  for (const issue of issues) {
    reader.problems.push({ file, record, field: issue.path.map(String).join('.'), message: issue.message });
  }
}

/** Validates the array `key` of a file's JSON, keeping each valid record; a missing array is one problem. */
function readArray<T extends z.ZodType>(
  reader: FileReader,
  file: string,
  json: unknown,
  key: string,
  schema: T,
): Array<z.output<T>> {
  const items = typeof json === 'object' && json !== null ? (json as Record<string, unknown>)[key] : undefined;
  if (!Array.isArray(items)) {
    reader.problems.push({ file, record: '(file)', field: key, message: `expected "${key}" to be an array` });
    return [];
  }
  const valid: Array<z.output<T>> = [];
  items.forEach((item, index) => {
    const result = schema.safeParse(item);
    if (result.success) valid.push(result.data);
    else pushIssues(reader, file, recordName(item, index), result.error.issues);
  });
  return valid;
}

/** Validates a file of the form `{ "$note": "...", "items": [ ... ] }`, keeping each valid record. */
function readList<T extends z.ZodType>(reader: FileReader, path: string, schema: T): Array<z.output<T>> {
  const json = readJson(reader, path);
  if (json === undefined) return [];
  return readArray(reader, relative(join(reader.dataDir, '..'), path), json, 'items', schema);
}

function jsonFilesIn(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((name) => name.endsWith('.json'))
    .sort()
    .map((name) => join(dir, name));
}

/** Validates data/base-map.json; each problem names the feature it is in. */
function readBaseMap(reader: FileReader, path: string): schemas.BaseMap | undefined {
  const file = relative(join(reader.dataDir, '..'), path);
  const json = readJson(reader, path);
  if (json === undefined) return undefined;
  const result = schemas.baseMap.safeParse(json);
  if (result.success) return result.data;
  for (const issue of result.error.issues) {
    const [first, index, ...rest] = issue.path;
    const feature =
      first === 'features' && typeof index === 'number'
        ? (json as { features?: unknown[] }).features?.[index]
        : undefined;
    const record = feature === undefined ? 'base map' : recordName(feature, index as number);
    const field = (feature === undefined ? issue.path : rest).map(String).join('.');
    reader.problems.push({ file, record, field, message: issue.message });
  }
  return undefined;
}

/** Validates data/policies.json: its profiles, and its policies, each asking only about profiles it lists. */
function readPolicies(reader: FileReader, path: string) {
  const file = relative(join(reader.dataDir, '..'), path);
  const json = readJson(reader, path);
  if (json === undefined) return { policies: [], policyProfiles: [] };
  const policies = readArray(reader, file, json, 'items', schemas.policy);
  const policyProfiles = readArray(reader, file, json, 'profiles', schemas.policyProfile);
  const keys = new Set(policyProfiles.map((p) => p.key));
  for (const policy of policies)
    for (const key of policy.qualifies.flat())
      if (!keys.has(key))
        reader.problems.push({ file, record: policy.id, field: 'qualifies', message: `no profile "${key}"` });
  return { policies, policyProfiles };
}

/** Reads and checks the catalog; returns it with no problems, or the problems and no catalog. */
export function checkCatalogDir(dataDir: string): { catalog?: Catalog; problems: CatalogProblem[] } {
  const reader: FileReader = { problems: [], dataDir };
  const parkPath = join(dataDir, 'park.json');
  const parkJson = readJson(reader, parkPath);
  let park: schemas.Park | undefined;
  if (parkJson !== undefined) {
    const result = schemas.park.safeParse(parkJson);
    if (result.success) park = result.data;
    else pushIssues(reader, relative(join(dataDir, '..'), parkPath), 'park', result.error.issues);
  }

  const buildings = readList(reader, join(dataDir, 'buildings.json'), schemas.building);
  const floorFiles = jsonFilesIn(join(dataDir, 'floors'));
  const unitFiles = jsonFilesIn(join(dataDir, 'units'));
  if (floorFiles.length === 0)
    reader.problems.push({ file: 'data/floors/', record: '(folder)', field: '', message: 'holds no floor files' });
  if (unitFiles.length === 0)
    reader.problems.push({ file: 'data/units/', record: '(folder)', field: '', message: 'holds no unit files' });
  const floors = floorFiles.flatMap((path) =>
    readList(reader, path, schemas.floor).map((floor) => ({ ...floor, file: path })),
  );
  const units = unitFiles.flatMap((path) =>
    readList(reader, path, schemas.unit).map((unit) => ({ ...unit, file: path })),
  );
  const amenities = readList(reader, join(dataDir, 'amenities.json'), schemas.amenity);
  const places = readList(reader, join(dataDir, 'places.json'), schemas.place);
  const baseMap = readBaseMap(reader, join(dataDir, 'base-map.json'));
  const { policies, policyProfiles } = readPolicies(reader, join(dataDir, 'policies.json'));

  const relativeFile = (path: string) => relative(join(dataDir, '..'), path);
  if (park && reader.problems.length === 0) {
    reader.problems.push(
      ...crossCheckCatalog({
        park,
        buildings,
        floors: floors.map((f) => ({ ...f, file: relativeFile(f.file) })),
        units: units.map((u) => ({ ...u, file: relativeFile(u.file) })),
        amenities,
        places,
      }),
    );
    reader.problems.push(
      ...checkPhotoFolders(join(dataDir, 'photos'), {
        buildings: new Set(buildings.map((b) => b.slug)),
        units: new Set(units.map((u) => u.id)),
        amenities: new Set(amenities.map((a) => a.id)),
      }),
    );
  }
  if (!park || !baseMap || reader.problems.length > 0) return { problems: reader.problems };
  const strip = <T extends { file: string }>({ file: _file, ...rest }: T) => rest;
  return {
    catalog: buildCatalog({
      park,
      buildings,
      floors: floors.map(strip),
      units: units.map(strip),
      amenities,
      places,
      baseMap,
      policies,
      policyProfiles,
    }),
    problems: [],
  };
}

/** Reads the catalog or throws a CatalogError that lists every problem. */
export function readCatalog(dataDir: string): Catalog {
  const { catalog, problems } = checkCatalogDir(dataDir);
  if (!catalog) throw new CatalogError(problems);
  return catalog;
}
