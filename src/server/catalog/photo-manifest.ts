/**
 * Photographs the park supplies (data/photos/README.md): one folder per building, unit or amenity, holding the
 * image files and a `photos.json` that gives each its alt text in both languages and says who took them. This
 * module checks those folders on disk, so that a bad manifest stops `npm run data:check` and the portal's start
 * with a line per problem, like the rest of the catalog.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'astro/zod';
import type { CatalogProblem } from './check-catalog.ts';

const PHOTO_KINDS = ['buildings', 'units', 'amenities'] as const;
export type PhotoKind = (typeof PHOTO_KINDS)[number];

/** The image files Astro's image pipeline reads. */
const PHOTO_FILE = /^[\w.-]+\.(jpe?g|png|webp|avif)$/i;

const alt = z.string().trim().min(3, 'describe what the photo shows (at least 3 characters)').max(200);

export const photoManifestSchema = z.object({
  $note: z.string().optional(),
  /** Who took the photos and on what terms the park may publish them; shown under the photos. */
  credit: z.string().trim().min(2).max(200),
  photos: z
    .array(
      z.object({
        file: z.string().regex(PHOTO_FILE, 'a .jpg, .jpeg, .png, .webp or .avif file name in this folder'),
        alt: z.object({ zh: alt, en: alt }),
      }),
    )
    .min(1)
    .max(24),
});

/** Every problem with the photo folders under `photosDir`, given the ids the catalog knows for each kind. */
export function checkPhotoFolders(
  photosDir: string,
  knownIds: Record<PhotoKind, ReadonlySet<string>>,
): CatalogProblem[] {
  const problems: CatalogProblem[] = [];
  if (!existsSync(photosDir)) return problems;
  for (const kind of PHOTO_KINDS) {
    const kindDir = join(photosDir, kind);
    if (!existsSync(kindDir)) continue;
    for (const id of readdirSync(kindDir).sort()) {
      const folder = join(kindDir, id);
      if (!statSync(folder).isDirectory()) continue;
      const file = `data/photos/${kind}/${id}/photos.json`;
      if (!knownIds[kind].has(id))
        problems.push({
          file: `data/photos/${kind}/${id}/`,
          record: '(folder)',
          field: '',
          message: `the catalog has no ${kind.slice(0, -1)} "${id}"`,
        });
      const present = new Set(readdirSync(folder));
      if (!present.has('photos.json')) {
        problems.push({
          file,
          record: '(file)',
          field: '',
          message: 'is missing: it gives each photo its alt text (zh, en) and the credit',
        });
        continue;
      }
      let json: unknown;
      try {
        json = JSON.parse(readFileSync(join(folder, 'photos.json'), 'utf8'));
      } catch (error) {
        problems.push({ file, record: '(file)', field: '', message: `is not valid JSON: ${(error as Error).message}` });
        continue;
      }
      const result = photoManifestSchema.safeParse(json);
      if (!result.success) {
        for (const issue of result.error.issues)
          problems.push({ file, record: id, field: issue.path.map(String).join('.'), message: issue.message });
        continue;
      }
      result.data.photos.forEach((photo, index) => {
        if (!present.has(photo.file))
          problems.push({
            file,
            record: id,
            field: `photos.${index}.file`,
            message: `"${photo.file}" is not in this folder`,
          });
      });
      for (const name of present) {
        if (PHOTO_FILE.test(name) && !result.data.photos.some((p) => p.file === name)) {
          problems.push({
            file,
            record: id,
            field: 'photos',
            message: `"${name}" is in the folder but not listed (it needs alt text to be shown)`,
          });
        }
      }
    }
  }
  return problems;
}
