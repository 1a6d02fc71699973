/**
 * Islands with `client:interaction` (src/client-directives/interaction.ts) hydrate when a visitor first
 * reaches for them. A test that wants the live island (the Leaflet map or plan, the search island) reaches for
 * each one as a mouse would, then waits until Astro reports them hydrated.
 */
import type { Page } from 'playwright-core';

export async function wakeIslands(page: Page): Promise<void> {
  await page.evaluate(() => {
    for (const island of document.querySelectorAll('astro-island[client="interaction"][ssr]')) {
      island.dispatchEvent(new PointerEvent('pointerover', { bubbles: true }));
    }
  });
  await page.waitForFunction(
    () => document.querySelectorAll('astro-island[client="interaction"][ssr]').length === 0,
    undefined,
    { timeout: 15_000 },
  );
}
