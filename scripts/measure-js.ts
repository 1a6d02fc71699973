/**
 * Measures the JavaScript each kind of page sends to the browser, from the build: it starts the built server
 * on a throw-away database, reads each page's module scripts and islands (component and renderer URLs),
 * follows their static imports through dist/client, and adds inline scripts. Sizes are raw and gzip -9.
 *
 *   npm run build && npm run measure:js
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, posix } from 'node:path';
import { gzipSync } from 'node:zlib';
import { startPortal } from './lib/start-portal.ts';

const root = join(import.meta.dirname, '..');
const clientDir = join(root, 'dist', 'client');
const pages: Array<[string, string]> = [
  ['home', '/'],
  ['map', '/map'],
  ['building', '/buildings/rd-1'],
  ['floor plan', '/buildings/rd-1/floors/5'],
  ['unit', '/units/r1-0501'],
  ['search', '/units'],
  ['compare', '/compare?units=r1-0501,r1-0502'],
  ['amenities', '/amenities'],
  ['embed widget', '/embed/listings?building=rd-1&limit=6'],
];

const dataDir = mkdtempSync(join(tmpdir(), 'measure-js-'));
const { base, stop } = await startPortal({ PGLITE_DIR: dataDir });

const gzipSize = (bytes: Buffer | string) => gzipSync(bytes, { level: 9 }).length;

/** A built module and everything it imports statically, as paths under /_astro/. */
function withImports(url: string, seen: Set<string>): void {
  if (seen.has(url)) return;
  seen.add(url);
  const code = readFileSync(join(clientDir, url), 'utf8');
  for (const match of code.matchAll(/(?:import|export)\s*(?:[\w*{}\s,$]+from\s*)?["']([^"']+\.js)["']/g)) {
    const target = match[1]!.startsWith('/') ? match[1]! : posix.join(dirname(url), match[1]!);
    withImports(target, seen);
  }
}

const rows: string[] = [];
try {
  for (const [name, path] of pages) {
    const html = await (await fetch(base + path)).text();
    const urls = new Set<string>();
    for (const m of html.matchAll(/<script[^>]+type="module"[^>]+src="([^"]+)"/g)) withImports(m[1]!, urls);
    // Classic scripts from public/ (the embed loader).
    for (const m of html.matchAll(/<script(?![^>]*type="module")[^>]*\ssrc="(\/[^"]+\.js)"/g)) urls.add(m[1]!);
    for (const m of html.matchAll(/(?:component-url|renderer-url)="([^"]+)"/g)) withImports(m[1]!, urls);
    const inline = [...html.matchAll(/<script(?![^>]*\bsrc=)[^>]*>([\s\S]*?)<\/script>/g)]
      .map((m) => m[1]!)
      .filter((s) => s.trim() && !s.trim().startsWith('{'));
    const files = [...urls].map((u) => readFileSync(join(clientDir, u)));
    const raw = files.reduce((n, f) => n + f.length, 0) + inline.reduce((n, s) => n + Buffer.byteLength(s), 0);
    const gzip = files.reduce((n, f) => n + gzipSize(f), 0) + (inline.length ? gzipSize(inline.join('\n')) : 0);
    const islands = [...html.matchAll(/component-export="default"[^>]*?/g)].length
      ? [...new Set([...html.matchAll(/component-url="\/_astro\/([A-Za-z]+)\./g)].map((m) => m[1]))].join(', ')
      : '—';
    rows.push(
      `| ${name} | \`${path}\` | ${islands || '—'} | ${urls.size} | ${(raw / 1024).toFixed(1)} | ${(gzip / 1024).toFixed(1)} |`,
    );
  }
} finally {
  await stop();
  rmSync(dataDir, { recursive: true, force: true });
}
const loader = readFileSync(join(clientDir, 'embed.js'));
rows.push(
  `| embed loader on a partner page | \`/embed.js\` | — | 1 | ${(loader.length / 1024).toFixed(1)} | ${(gzipSize(loader) / 1024).toFixed(1)} |`,
);
console.log('| page | path | islands | JS files | raw KB | gzip KB |');
console.log('| --- | --- | --- | ---: | ---: | ---: |');
for (const row of rows) console.log(row);
