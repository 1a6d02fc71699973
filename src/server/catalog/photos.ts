/**
 * The photographs found when the portal was built, for Astro's image pipeline (`<Picture>` in
 * components/PhotoGallery.astro: AVIF and WebP at the widths a page needs). Vite finds them at build time under
 * the `@photos` alias (data/photos, or PHOTOS_DIR while building; see astro.config.mjs), so photos added later
 * show after the next build (`npm start` builds). Their folders are checked with the catalog (photo-manifest.ts).
 */
import type { ImageMetadata } from 'astro';
import { getImage } from 'astro:assets';
import type { Lang } from '../../i18n/lang.ts';
import { photoManifestSchema, type PhotoKind } from './photo-manifest.ts';

export interface Photo {
  image: ImageMetadata;
  alt: Record<Lang, string>;
  credit: string;
}

const images = import.meta.glob<ImageMetadata>('@photos/*/*/*.{jpg,jpeg,png,webp,avif,JPG,JPEG,PNG,WEBP,AVIF}', {
  eager: true,
  import: 'default',
});
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

/** The modern formats every photo is offered in, best first. */
export const PHOTO_FORMATS = ['avif', 'webp'] as const;

/** The format for browsers that take neither: PNG for a PNG original, JPEG for everything else. */
export function fallbackFormat(image: ImageMetadata): 'png' | 'jpg' {
  return image.format === 'png' ? 'png' : 'jpg';
}

let offeredUrls: Promise<Set<string>> | undefined;

/**
 * Every image-endpoint URL the pages offer (`PhotoGallery.astro`), made by Astro's own `getImage` with the same
 * options, so that a request can be checked by exact match. Anything else is refused before any encoding: the
 * endpoint would otherwise resize any file of the build at any size (a second of CPU each, and a 500 for files
 * that are not photos), and a different spelling of an offered URL would be encoded again.
 */
export function offeredPhotoUrls(): Promise<Set<string>> {
  offeredUrls ??= (async () => {
    const urls = new Set<string>();
    for (const photo of [...byFolder.values()].flat()) {
      for (const format of [...PHOTO_FORMATS, fallbackFormat(photo.image)]) {
        const result = await getImage({ src: photo.image, widths: photoWidths(photo.image.width), format });
        urls.add(result.src);
        for (const variant of result.srcSet.values) urls.add(variant.url);
      }
    }
    return urls;
  })();
  offeredUrls.catch(() => (offeredUrls = undefined));
  return offeredUrls;
}

/** The photos of a building (by slug), unit or amenity (by id), in the manifest's order; empty when there are none. */
export function photosOf(kind: PhotoKind, id: string): Photo[] {
  return byFolder.get(`${kind}/${id}`) ?? [];
}
