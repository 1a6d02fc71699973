/** Chromium beside something a test started (a portal), stopped with it. */
import type { Browser } from 'playwright-core';
import { launchChromium } from '../../scripts/lib/launch-chromium.ts';

/** Launches Chromium for `started` (stopping `started` if the launch fails); `stop` closes the browser, then `started`. */
export async function addChromium<T extends { stop(): Promise<void> }>(started: T): Promise<T & { browser: Browser }> {
  const browser = await launchChromium().catch(async (error: Error) => {
    await started.stop();
    throw error;
  });
  return {
    ...started,
    browser,
    async stop() {
      await browser.close();
      await started.stop();
    },
  };
}
