/**
 * The pipeline board under load: seeds 2,000 leads into a fresh embedded database, starts the built portal,
 * signs in, and measures the board page on the server (20 requests) and in Chromium (page load to interactive
 * board, and a move through the keyboard menu until the server confirms it).
 *
 *   npm run build && npm run bench:board [-- <leads>]
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { launchChromium } from './lib/launch-chromium.ts';
import { startPortal } from './lib/start-portal.ts';

const leadCount = process.argv[2] ?? '2000';
const root = join(import.meta.dirname, '..');
const dataDir = mkdtempSync(join(tmpdir(), 'bench-board-'));
const admin = { email: 'bench@park.example', password: 'bench-password-123' };
execFileSync(process.execPath, [join(root, 'scripts', 'seed-leads.ts'), leadCount], {
  env: { ...process.env, PGLITE_DIR: dataDir },
  stdio: 'inherit',
});
const { base, stop } = await startPortal((base) => ({
  PGLITE_DIR: dataDir,
  ADMIN_EMAIL: admin.email,
  ADMIN_PASSWORD: admin.password,
  PUBLIC_SITE_URL: base,
}));
try {
  const signIn = await fetch(`${base}/api/auth/sign-in/email`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', origin: base },
    body: JSON.stringify(admin),
  });
  const cookie = signIn.headers
    .getSetCookie()
    .map((c) => c.split(';')[0])
    .join('; ');
  const times: number[] = [];
  let bytes = 0;
  for (let i = 0; i < 20; i++) {
    const start = performance.now();
    const html = await (await fetch(`${base}/console/pipeline`, { headers: { cookie } })).text();
    times.push(performance.now() - start);
    bytes = Buffer.byteLength(html);
  }
  times.sort((a, b) => a - b);
  console.log(`Board with ${leadCount} leads`);
  console.log(
    `  server: GET /console/pipeline p50 ${times[10]!.toFixed(0)} ms, p95 ${times[18]!.toFixed(0)} ms, HTML ${(bytes / 1024).toFixed(0)} KB`,
  );

  const browser = await launchChromium();
  const context = await browser.newContext({ viewport: { width: 1600, height: 1000 } });
  const [name, value] = cookie
    .split('; ')
    .find((c) => c.startsWith('aic.session_token='))!
    .split(/=(.*)/s);
  await context.addCookies([{ name: name!, value: value!, url: base }]);
  const page = await context.newPage();
  const loadStart = Date.now();
  await page.goto(`${base}/console/pipeline`);
  await page.locator('[data-stage="new"] li[data-lead] select').first().waitFor();
  await page.waitForFunction(() => !document.querySelector('astro-island[ssr]'));
  const interactive = Date.now() - loadStart;
  const card = page.locator('[data-stage="new"] li[data-lead]').first();
  const reference = await card.getAttribute('data-lead');
  const moveStart = Date.now();
  const confirmed = page.waitForResponse((r) => r.url().includes('/stage') && r.status() === 200);
  await card.locator('select').selectOption('contacted');
  await confirmed;
  await page.locator(`[data-stage="contacted"] li[data-lead="${reference}"]`).waitFor();
  const move = Date.now() - moveStart;
  const cards = await page.locator('li[data-lead]').count();
  console.log(
    `  browser: page load to interactive board ${interactive} ms (${cards} cards drawn), move confirmed by the server in ${move} ms`,
  );
  await browser.close();
} finally {
  await stop();
  rmSync(dataDir, { recursive: true, force: true });
}
