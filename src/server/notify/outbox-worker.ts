/**
 * Runs outbox delivery in the background of each app process: soon after a lead is stored (kick) and on a
 * timer for retries. Several processes may run it: claims keep them from sending a notice twice.
 */
import type { Database } from '../db/open-database.ts';
import { log } from '../log.ts';
import { pruneRateLimits } from '../security/rate-limit.ts';
import { pruneUsedFormTokens } from '../security/spend-form-token.ts';
import type { Channel } from './channels.ts';
import { deliverOutbox } from './deliver-outbox.ts';
import type { Catalog } from '../catalog/catalog.ts';

export interface OutboxWorker {
  /** Deliver soon (without waiting). */
  kick(): void;
  /** Deliver now and wait; for tests and shutdown. */
  runOnce(): Promise<void>;
  stop(): void;
}

export function startOutboxWorker(
  db: Database,
  channels: Readonly<Record<string, Channel>>,
  consoleBaseUrl: string,
  options: { intervalMs?: number; catalog?: Catalog } = {},
): OutboxWorker {
  const { intervalMs = 15_000, catalog } = options;
  let running: Promise<void> | undefined;
  let isAgainRequested = false;
  const runOnce = async (): Promise<void> => {
    if (running) {
      isAgainRequested = true;
      return running;
    }
    running = (async () => {
      try {
        do {
          isAgainRequested = false;
          if (Object.keys(channels).length > 0) await deliverOutbox(db, channels, consoleBaseUrl, catalog);
        } while (isAgainRequested);
      } catch (error) {
        log.error('notify.worker_failed', {}, error);
      } finally {
        running = undefined;
      }
    })();
    return running;
  };
  const timer = setInterval(() => {
    void runOnce();
    void pruneRateLimits(db).catch(() => {});
    void pruneUsedFormTokens(db).catch(() => {});
  }, intervalMs);
  timer.unref();
  return {
    kick: () => setImmediate(() => void runOnce()),
    runOnce,
    stop: () => clearInterval(timer),
  };
}
