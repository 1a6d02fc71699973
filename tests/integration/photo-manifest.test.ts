/**
 * Photo folders are checked with the catalog: every problem a park's editor could make is named with its file
 * and field, so the portal refuses to start (and `npm run data:check` fails) instead of showing a photo without
 * alt text or linking a missing file.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { checkPhotoFolders } from '../../src/server/catalog/photo-manifest.ts';
import { writePhotoFixtures } from '../support/photo-fixtures.ts';

const known = { buildings: new Set(['rd-1', 'rd-2']), units: new Set(['r1-0501']), amenities: new Set(['canteen']) };
let dir: string;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'photos-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const write = (path: string, content: string) => {
  mkdirSync(join(dir, path, '..'), { recursive: true });
  writeFileSync(join(dir, path), content);
};
const lines = () =>
  checkPhotoFolders(dir, known).map((p) => `${p.file} › ${p.record}${p.field ? ` › ${p.field}` : ''}: ${p.message}`);

describe('photo folders', () => {
  it('accept what the README describes, and no folder at all', async () => {
    expect(checkPhotoFolders(join(dir, 'missing'), known)).toEqual([]);
    await writePhotoFixtures(dir);
    expect(lines()).toEqual([]);
  });

  it('name each problem: unknown id, missing or broken manifest, missing alt, missing or unlisted files', () => {
    write(
      'buildings/rd-9/photos.json',
      JSON.stringify({ credit: 'Park', photos: [{ file: 'a.jpg', alt: { zh: '一号楼外观', en: 'Building one' } }] }),
    );
    write('buildings/rd-9/a.jpg', 'x');
    write('buildings/rd-2/b.jpg', 'x');
    write('units/r1-0501/photos.json', '{ not json');
    write(
      'amenities/canteen/photos.json',
      JSON.stringify({
        credit: 'Park',
        photos: [
          { file: 'c.jpg', alt: { zh: '餐厅内景', en: '' } },
          { file: 'gone.jpg', alt: { zh: '不存在的照片', en: 'Missing one' } },
        ],
      }),
    );
    write('amenities/canteen/c.jpg', 'x');
    write(
      'buildings/rd-1/photos.json',
      JSON.stringify({ credit: 'Park', photos: [{ file: 'listed.jpg', alt: { zh: '大堂照片', en: 'The lobby' } }] }),
    );
    write('buildings/rd-1/listed.jpg', 'x');
    write('buildings/rd-1/extra.png', 'x');
    expect(lines()).toEqual([
      'data/photos/buildings/rd-1/photos.json › rd-1 › photos: "extra.png" is in the folder but not listed (it needs alt text to be shown)',
      'data/photos/buildings/rd-2/photos.json › (file): is missing: it gives each photo its alt text (zh, en) and the credit',
      'data/photos/buildings/rd-9/ › (folder): the catalog has no building "rd-9"',
      'data/photos/units/r1-0501/photos.json › (file): is not valid JSON: ' +
        lines()
          .find((l) => l.includes('r1-0501'))!
          .split('is not valid JSON: ')[1],
      'data/photos/amenities/canteen/photos.json › canteen › photos.0.alt.en: describe what the photo shows (at least 3 characters)',
    ]);
  });

  it('report a listed file that is not there', () => {
    write(
      'units/r1-0501/photos.json',
      JSON.stringify({
        credit: 'Park',
        photos: [{ file: 'gone.jpg', alt: { zh: '不存在的照片', en: 'Missing one' } }],
      }),
    );
    expect(lines()).toEqual([
      'data/photos/units/r1-0501/photos.json › r1-0501 › photos.0.file: "gone.jpg" is not in this folder',
    ]);
  });
});
