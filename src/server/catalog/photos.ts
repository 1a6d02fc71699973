/**
 * The photographs found when the portal was built, for Astro's image pipeline (`<Picture>` in
 * components/PhotoGallery.astro: AVIF and WebP at the widths a page needs). Vite finds them at build time under
 * the `@photos` alias (data/photos, or PHOTOS_DIR while building; see astro.config.mjs), so photos added later
 * show after the next build (`npm start` builds). Their folders are checked with the catalog (photo-manifest.ts).
 */
import type { ImageMetadata } from 'astro';
import type { Lang } from '../../i18n/lang.ts';
import { photoManifestSchema, type PhotoKind } from './photo-manifest.ts';

export interface Photo {
  image: ImageMetadata;
  alt: Record<Lang, string>;
  credit: string;
}

const images = import.meta.glob<ImageMetadata>('@photos/*/*/*.{jpg,jpeg,png,webp,avif,JPG,JPEG,PNG,WEBP,AVIF}', { eager: true, import: 'default' });
const manifests = import.meta.glob<unknown>('@photos/*/*/photos.json', { eager: true, import: 'default' });

/** `<kind>/<id>/<file>` of a globbed path, whatever prefix Vite gives it. */
const tail = (path: string) => path.split('/').slice(-3).join('/');
const imageByTail = new Map(Object.entries(images).map(([path, image]) => [tail(path), image]));

const byFolder = new Map<string, Photo[]>();
for (const [path, json] of Object.entries(manifests)) {
  const manifest = photoManifestSchema.safeParse(json);
  if (!manifest.success) continue; // reported by the catalog check, which stops the portal from starting
  const folder = tail(path).split('/').slice(0, 2).join('/');
  const photos = manifest.data.photos.flatMap((p) => {
    const image = imageByTail.get(`${folder}/${p.file}`);
    return image ? [{ image, alt: p.alt, credit: manifest.data.credit }] : [];
  });
  if (photos.length > 0) byFolder.set(folder, photos);
}

/** The widths a photo is offered at: the usual steps below its own width, and at most 1600 px. */
export function photoWidths(originalWidth: number): number[] {
  return [...new Set([480, 800, 1200, 1600].filter((w) => w < originalWidth).concat(Math.min(originalWidth, 1600)))];
}

/** The formats a photo is offered in: AVIF, WebP, and its own as the fallback. */
export function photoFormats(image: ImageMetadata): string[] {
  return ['avif', 'webp', image.format];
}

const offered = new Map([...imageByTail.values()].map((image) => [image.src, image]));

/**
 * Whether an image-endpoint query asks for a variant the pages offer (`PhotoGallery.astro`): one of the photos, at
 * one of its widths (or its own, for the fallback `src`) with the height that keeps its shape, in one of its
 * formats, and nothing else. Anything else is refused before any encoding: the endpoint would otherwise resize
 * any file of the build, at any size, which costs a second of CPU each time and fails (500) on files that are not
 * photos.
 */
export function isOfferedPhotoVariant(query: URLSearchParams): boolean {
  const image = offered.get(query.get('href') ?? '');
  if (!image || [...query.keys()].some((key) => !['href', 'w', 'h', 'f'].includes(key))) return false;
  const width = Number(query.get('w'));
  const widths = [...photoWidths(image.width), image.width];
  return widths.includes(width) && query.get('h') === String(Math.round((width * image.height) / image.width)) && photoFormats(image).includes(query.get('f') ?? '');
}

/** The photos of a building (by slug), unit or amenity (by id), in the manifest's order; empty when there are none. */
export function photosOf(kind: PhotoKind, id: string): Photo[] {
  return byFolder.get(`${kind}/${id}`) ?? [];
}
