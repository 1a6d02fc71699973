/**
 * Share cards: how long one takes to draw and how large it is. In this process, from the catalog in data/:
 * building the SVG, and rasterising it (the first drawing loads the fonts). Then on the built portal: the
 * first request of each card (drawn), the next ones (kept), and a revalidation (304).
 *
 *   npm run bench:share [-- <repeats>]      (builds first; fonts: Debian's fonts-noto-cjk)
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readCatalog } from '../src/server/catalog/read-catalog.ts';
import type { UnitState } from '../src/server/inventory/list-unit-states.ts';
import { shareCardModel, type ShareCardRef } from '../src/server/share-cards/card-model.ts';
import { shareCardSvg } from '../src/server/share-cards/card-svg.ts';
import { rasterise } from '../src/server/share-cards/render-share-card.ts';
import { shareCardPath } from '../src/server/share-cards/share-card-response.ts';
import { startPortal } from './lib/start-portal.ts';

const repeats = Math.max(2, Number(process.argv[2] ?? 20));
const root = join(import.meta.dirname, '..');
const catalog = readCatalog(join(root, 'data'));
const states = new Map<string, UnitState>(
  catalog.units.map((u) => [
    u.id,
    {
      status: u.initialStatus,
      listRentPerSqmDay: u.listRentPerSqmDay,
      availableFrom: u.availableFrom,
      expiryPublic: true,
    },
  ]),
);
const cards: Array<{ name: string; ref: ShareCardRef }> = [
  { name: 'park', ref: { kind: 'park' } },
  { name: 'building', ref: { kind: 'building', slug: catalog.buildings[0]!.slug } },
  { name: 'unit', ref: { kind: 'unit', id: catalog.units.find((u) => u.initialStatus === 'available')!.id } },
];
const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
const ms = (value: number) => `${value.toFixed(1)} ms`;
async function time<T>(run: () => Promise<T> | T): Promise<[number, T]> {
  const start = performance.now();
  const result = await run();
  return [performance.now() - start, result];
}

console.log(`Share cards, ${repeats} repeats (medians)\n`);
console.log("In process (catalog from data/, the catalog's own statuses):\n");
console.log('| card | lang | SVG built | first PNG (fonts cold) | PNG drawn | PNG size |');
console.log('| --- | --- | --- | --- | --- | --- |');
let isFirst = true;
for (const { name, ref } of cards) {
  for (const lang of ['zh', 'en'] as const) {
    const builds: number[] = [];
    let svg = '';
    for (let i = 0; i < repeats; i++) {
      const [took, built] = await time(() =>
        shareCardSvg(shareCardModel(catalog, ref, states, lang, 'park.example.cn')!),
      );
      builds.push(took);
      svg = built;
    }
    const [first, png] = await time(() => rasterise(svg));
    const draws: number[] = [];
    for (let i = 0; i < repeats; i++) draws.push((await time(() => rasterise(svg)))[0]);
    console.log(
      `| ${name} | ${lang} | ${ms(median(builds))} | ${isFirst ? ms(first) : '—'} | ${ms(median(draws))} | ${(png.length / 1024).toFixed(1)} KB |`,
    );
    isFirst = false;
  }
}

const dataDir = mkdtempSync(join(tmpdir(), 'bench-share-'));
const { base, stop } = await startPortal((base) => ({ PGLITE_DIR: dataDir, PUBLIC_SITE_URL: base }));
try {
  console.log('\nOn the built portal (PGlite, one process; time to the last byte):\n');
  console.log('| URL | first request (drawn) | next requests (kept) | 304 | PNG size |');
  console.log('| --- | --- | --- | --- | --- |');
  for (const { ref } of cards) {
    for (const prefix of ['', '/en']) {
      const url = `${base}${prefix}${shareCardPath(ref)}`;
      const get = async (headers: Record<string, string> = {}) => {
        const response = await fetch(url, { headers });
        const body = Buffer.from(await response.arrayBuffer());
        return { status: response.status, etag: response.headers.get('etag') ?? '', bytes: body.length };
      };
      const [cold, first] = await time(get);
      if (first.status !== 200) throw new Error(`${url} answered ${first.status}`);
      const kept: number[] = [];
      for (let i = 0; i < repeats; i++) kept.push((await time(get))[0]);
      const [revalidated, notModified] = await time(() => get({ 'if-none-match': first.etag }));
      if (notModified.status !== 304) throw new Error(`${url} with its ETag answered ${notModified.status}`);
      console.log(
        `| \`${prefix}${shareCardPath(ref)}\` | ${ms(cold)} | ${ms(median(kept))} | ${ms(revalidated)} | ${(first.bytes / 1024).toFixed(1)} KB |`,
      );
    }
  }
} finally {
  await stop();
  rmSync(dataDir, { recursive: true, force: true });
}
