/**
 * Pictures for testing the photo pipeline: drawn here with sharp (no photographs ship with the project), with
 * the manifests a park would write. Each picture has a distinct size and a shape that compresses like an image,
 * not like a flat colour.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import sharp from 'sharp';

function scene(width: number, height: number, hue: number): Buffer {
  const bands = Array.from(
    { length: 12 },
    (_, i) =>
      `<rect x="${(i * width) / 12}" y="${height * (0.3 + 0.04 * (i % 5))}" width="${width / 14}" height="${height}" fill="hsl(${(hue + i * 9) % 360} 35% ${35 + (i % 4) * 8}%)"/>`,
  ).join('');
  return Buffer.from(
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}"><defs><linearGradient id="s" x2="0" y2="1"><stop offset="0" stop-color="hsl(${hue} 60% 75%)"/><stop offset="1" stop-color="hsl(${hue} 30% 92%)"/></linearGradient></defs><rect width="100%" height="100%" fill="url(#s)"/>${bands}<circle cx="${width * 0.8}" cy="${height * 0.2}" r="${height * 0.08}" fill="#fff6d5"/></svg>`,
  );
}

export interface PhotoFixture {
  kind: 'buildings' | 'units' | 'amenities';
  id: string;
  files: Array<{ file: string; width: number; height: number; alt: { zh: string; en: string } }>;
}

export const PHOTO_FIXTURES: PhotoFixture[] = [
  {
    kind: 'buildings',
    id: 'rd-1',
    files: [
      {
        file: 'facade.jpg',
        width: 2400,
        height: 1600,
        alt: { zh: '科研1号楼南立面', en: 'South facade of R&D Building 1' },
      },
      { file: 'lobby.png', width: 1000, height: 667, alt: { zh: '科研1号楼大堂', en: 'Lobby of R&D Building 1' } },
      // Not 3:2, and WebP: heights that round differently at some widths, and a JPEG fallback for a WebP original.
      { file: 'hall.webp', width: 1280, height: 952, alt: { zh: '科研1号楼中庭', en: 'Atrium of R&D Building 1' } },
    ],
  },
  {
    kind: 'units',
    id: 'r1-0501',
    files: [{ file: '01.jpg', width: 1800, height: 1200, alt: { zh: '501 单元内景', en: 'Inside unit 501' } }],
  },
];

/** Writes the fixtures' pictures and photos.json files under `dir` (laid out like data/photos). */
export async function writePhotoFixtures(dir: string): Promise<void> {
  for (const [index, fixture] of PHOTO_FIXTURES.entries()) {
    const folder = join(dir, fixture.kind, fixture.id);
    mkdirSync(folder, { recursive: true });
    for (const [i, f] of fixture.files.entries()) {
      const image = sharp(scene(f.width, f.height, index * 70 + i * 30));
      await (
        f.file.endsWith('.png')
          ? image.png()
          : f.file.endsWith('.webp')
            ? image.webp({ quality: 90 })
            : image.jpeg({ quality: 90 })
      ).toFile(join(folder, f.file));
    }
    writeFileSync(
      join(folder, 'photos.json'),
      JSON.stringify(
        {
          credit: 'Test pictures drawn by the test suite',
          photos: fixture.files.map(({ file, alt }) => ({ file, alt })),
        },
        null,
        2,
      ),
    );
  }
}
