/**
 * Lighthouse on the main pages, from the build: starts the built server on a throw-away PGlite database (with a
 * throw-away admin account, signed in for console pages by sending its session cookie as a `Cookie` header),
 * runs Lighthouse (mobile settings, its defaults) on each page in Chinese with Debian's Chromium,
 * prints the four category scores as a markdown table and writes each JSON report to lighthouse-reports/
 * (git-ignored). Lists any request that tried to leave this machine: the run must work offline.
 *
 * One Lighthouse run is noisy on a shared two-core machine (the same build's performance score moves by 10 or more
 * between runs), so each page is measured several times and the table shows Lighthouse's own median run (the run
 * closest to the median first paint and time to interactive, `computeMedianRun`, as its docs recommend), with every
 * run's performance score beside it.
 *
 *   npm run lighthouse [-- [--runs=N] <path> ...]   (builds first; default: the six pages below, 3 runs each;
 *                                                    /console… is signed in)
 *   CHROME_PATH=/usr/bin/chromium node scripts/lighthouse.ts
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as chromeLauncher from 'chrome-launcher';
import lighthouse from 'lighthouse';
import { computeMedianRun } from 'lighthouse/core/lib/median-run.js';
import { startPortal } from './lib/start-portal.ts';

const root = join(import.meta.dirname, '..');
const reportDir = join(root, 'lighthouse-reports');
const defaultPages: Array<[string, string]> = [
  ['home', '/'],
  ['map', '/map'],
  ['search', '/units'],
  ['unit', '/units/r1-0501'],
  ['floor', '/buildings/rd-1/floors/5'],
  ['console', '/console'],
];
const ADMIN = { email: 'lighthouse@park.example', password: `lighthouse-${Date.now()}` };
/** What Lighthouse clears before each page by default (its `clearStorageTypes`). */
const RESET_STORAGE = ['file_systems', 'shader_cache', 'service_workers', 'cache_storage'] as const;
const isConsole = (path: string) => /^(\/en)?\/console(\/|$)/.test(path);
// `npm run lighthouse -- / /units` measures only those paths (CI's smoke run measures one).
const unknownFlag = process.argv.slice(2).find((a) => a.startsWith('-') && !a.startsWith('--runs='));
if (unknownFlag) {
  console.error(
    `Unknown option "${unknownFlag}": the only option is --runs=N; other arguments are paths such as /units`,
  );
  process.exit(2);
}
const runsFlag = process.argv.slice(2).find((a) => a.startsWith('--runs='));
const runs = runsFlag ? Number(runsFlag.slice('--runs='.length)) : 3;
if (!Number.isInteger(runs) || runs < 1 || runs > 20) {
  console.error(`--runs wants a whole number from 1 to 20, not "${runsFlag}"`);
  process.exit(2);
}
const chosen = process.argv.slice(2).filter((a) => !a.startsWith('--runs='));
const pages: Array<[string, string]> = chosen.length
  ? chosen.map((path) => [path.replace(/[^\w]+/g, '-').replace(/^-|-$/g, '') || 'home', path])
  : defaultPages;
const categories = ['performance', 'accessibility', 'best-practices', 'seo'] as const;

const dataDir = mkdtempSync(join(tmpdir(), 'lighthouse-'));
const { base, healthy, stop } = await startPortal((base) => ({
  PGLITE_DIR: dataDir,
  PUBLIC_SITE_URL: base,
  ADMIN_EMAIL: ADMIN.email,
  ADMIN_PASSWORD: ADMIN.password,
}));

/** The admin's session cookie (name=value), for console pages; empty if signing in failed. */
async function signIn(): Promise<string> {
  const response = await fetch(`${base}/api/auth/sign-in/email`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', origin: base },
    body: JSON.stringify(ADMIN),
  }).catch(() => undefined);
  return response?.ok
    ? response.headers
        .getSetCookie()
        .map((c) => c.split(';')[0])
        .join('; ')
    : '';
}
const cookie = healthy && pages.some(([, path]) => isConsole(path)) ? await signIn() : '';
const headersFor = (path: string): Record<string, string> => (isConsole(path) && cookie ? { Cookie: cookie } : {});

// Warm the server up (first render of each route, first database queries), so the first page measured is not
// charged for the server's cold start.
if (healthy)
  for (const [, path] of pages)
    await fetch(base + path, { headers: headersFor(path) }).then(
      (r) => r.text(),
      () => '',
    );

mkdirSync(reportDir, { recursive: true });
const chrome = await chromeLauncher.launch({
  chromePath: process.env.CHROME_PATH ?? '/usr/bin/chromium',
  chromeFlags: [
    '--headless=new',
    '--no-sandbox',
    '--disable-gpu',
    '--disable-background-networking',
    '--disable-component-update',
    '--no-first-run',
  ],
});
const rows: string[] = [];
const failures: string[] = [];
const offsite: string[] = [];
try {
  if (!healthy) throw new Error('The built server did not become healthy; run `astro build` first.');
  if (!cookie && pages.some(([, path]) => isConsole(path)))
    throw new Error('Could not sign in to measure the console.');
  for (const [name, path] of pages) {
    // Chrome sends its own cookies instead of an extra `Cookie` header once it has any for the site (the public
    // pages set attribution cookies), so a console page starts with the browser's cookies cleared.
    const clearStorageTypes = isConsole(path) ? [...RESET_STORAGE, 'cookies' as const] : [...RESET_STORAGE];
    const measure = () =>
      lighthouse(base + path, {
        port: chrome.port,
        output: 'json',
        logLevel: 'error',
        onlyCategories: [...categories],
        extraHeaders: headersFor(path),
        clearStorageTypes,
      });
    const results: Array<NonNullable<Awaited<ReturnType<typeof measure>>>> = [];
    for (let run = 0; run < runs; run++) {
      let result = await measure();
      // Lighthouse's trace recorder sometimes loses the navigation's start (NO_NAVSTART, "run Lighthouse again"):
      // that says nothing about the page, so it is measured once more.
      if (result?.lhr.runtimeError?.code === 'NO_NAVSTART') result = await measure();
      if (!result) throw new Error(`Lighthouse returned nothing for ${path}`);
      results.push(result);
    }
    const valid = results.filter((r) => !r.lhr.runtimeError);
    const medianLhr = valid.length
      ? (computeMedianRun(valid.map((r) => r.lhr)) as (typeof results)[number]['lhr'])
      : results[0]!.lhr;
    const result = results.find((r) => r.lhr === medianLhr)!;
    const performanceRuns = results
      .map((r) => r.lhr.categories.performance?.score)
      .map((s) => (s == null ? '—' : String(Math.round(s * 100))));
    // A console page that answered with the sign-in form measured the wrong page.
    if (isConsole(path) && new URL(result.lhr.finalDisplayedUrl ?? base).pathname.includes('/login'))
      failures.push(`${path}: redirected to sign-in`);
    const { lhr } = result;
    writeFileSync(
      join(reportDir, `${name}.json`),
      typeof result.report === 'string' ? result.report : JSON.stringify(lhr),
    );
    if (lhr.runtimeError) failures.push(`${path}: ${lhr.runtimeError.code} ${lhr.runtimeError.message}`);
    const scores = categories.map((c) => lhr.categories[c]?.score);
    rows.push(
      `| ${name} | \`${path}\` | ${scores.map((s) => (s == null ? '—' : Math.round(s * 100))).join(' | ')} | ${performanceRuns.join(', ')} |`,
    );
    // Every audit below 100 in the three categories we hold at 100, so the table comes with its reasons.
    for (const category of categories.slice(1)) {
      for (const ref of lhr.categories[category]?.auditRefs ?? []) {
        const audit = lhr.audits[ref.id];
        if (ref.weight > 0 && audit && audit.score !== null && audit.score < 1)
          failures.push(`${path} [${category}] ${ref.id}: ${audit.title}`);
      }
    }
    const requests =
      (lhr.audits['network-requests']?.details as { items?: Array<{ url: string }> } | undefined)?.items ?? [];
    for (const { url } of requests) {
      const host = url.startsWith('http') ? new URL(url).hostname : '127.0.0.1';
      if (host !== '127.0.0.1' && host !== 'localhost') offsite.push(`${path}: ${url}`);
    }
  }
} finally {
  chrome.kill();
  await stop();
  rmSync(dataDir, { recursive: true, force: true });
}

console.log(
  `Median of ${runs} run${runs === 1 ? '' : 's'} per page (Lighthouse's computeMedianRun); the last column is each run's performance score.\n`,
);
console.log('| page | path | Performance | Accessibility | Best Practices | SEO | Performance, each run |');
console.log('| --- | --- | ---: | ---: | ---: | ---: | --- |');
for (const row of rows) console.log(row);
console.log(`\nJSON reports: ${reportDir}`);
if (failures.length)
  console.log(
    `\nAudits below 100 (accessibility, best practices, SEO) and errors:\n${failures.map((f) => `- ${f}`).join('\n')}`,
  );
console.log(
  offsite.length
    ? `\nRequests off this machine:\n${offsite.map((o) => `- ${o}`).join('\n')}`
    : '\nNo request left this machine.',
);
