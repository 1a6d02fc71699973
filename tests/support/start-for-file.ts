/** Something a whole test file shares (a server, a browser), kept running by Vitest hooks. */
import { afterAll, beforeAll } from 'vitest';

/**
 * Starts it before the file's tests (in this beforeAll, so the file's own later beforeAll hooks find it running),
 * hands it to `onStarted` to keep what the tests use, and stops it after all of them.
 */
export function startForFile<T extends { stop(): Promise<void> }>(
  start: () => Promise<T>,
  onStarted: (started: T) => void = () => {},
): void {
  let started: T | undefined;
  beforeAll(async () => {
    started = await start();
    onStarted(started);
  });
  afterAll(() => started?.stop());
}
