/**
 * How a process on PostgreSQL learns that another process (or psql) changed a watched table without asking on
 * every request: the tables' triggers (migration 0008) send `NOTIFY table_changes, '<table>'` when a statement
 * commits, and one connection per process, outside the pool, LISTENs and counts each notice into the write counter.
 *
 * Safe when it breaks: until LISTEN has succeeded, and from the moment the connection fails, the counter says it
 * is incomplete, so readers ask the database on every request as they would without it; it reconnects with
 * back-off. Every CHECK_INTERVAL_MS it also sends a probe notice through the pool (another connection, as a real
 * writer would) and falls back the same way if the probe does not come back within PROBE_TIMEOUT_MS (a pooler
 * that drops notices, a connection silently gone). And every RECHECK_INTERVAL_MS it counts a change anyway, so a
 * cached version is re-read at least that often whatever happens (a writer with triggers switched off).
 */
import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { log } from '../log.ts';
import type { WriteCounter } from './write-counter.ts';

export const CHANGE_CHANNEL = 'table_changes';
const CHECK_INTERVAL_MS = 5_000;
const RECHECK_INTERVAL_MS = 30_000;
const PROBE_TIMEOUT_MS = 5_000;
const MAX_RETRY_MS = 30_000;
const PROBE_PREFIX = 'probe:';

interface ChangeListener {
  close(): Promise<void>;
}

export function listenForChanges(options: {
  connectionString: string;
  counter: WriteCounter;
  /** Sends a notice on CHANGE_CHANNEL through another connection (the pool). */
  notify: (payload: string) => Promise<unknown>;
  checkIntervalMs?: number;
}): ChangeListener {
  const { counter, checkIntervalMs = CHECK_INTERVAL_MS } = options;
  let client: pg.Client | undefined;
  let isClosed = false;
  let retryMs = 1_000;
  let retryTimer: NodeJS.Timeout | undefined;
  let probe: { payload: string; timer: NodeJS.Timeout } | undefined;

  const fail = (reason: unknown) => {
    if (isClosed || !client) return;
    const lost = client;
    client = undefined;
    if (probe) clearTimeout(probe.timer);
    probe = undefined;
    counter.setComplete(false);
    log.warn('db.change_listener_lost', { retryMs }, reason);
    lost.removeAllListeners();
    lost.on('error', () => {});
    void lost.end().catch(() => {});
    retryTimer = setTimeout(() => void connect(), retryMs);
    retryTimer.unref();
    retryMs = Math.min(retryMs * 2, MAX_RETRY_MS);
  };

  async function connect(): Promise<void> {
    if (isClosed) return;
    const next = new pg.Client({ connectionString: options.connectionString, keepAlive: true });
    client = next;
    next.on('notification', ({ channel, payload = '' }) => {
      if (channel !== CHANGE_CHANNEL) return;
      if (payload.startsWith(PROBE_PREFIX)) {
        if (probe?.payload === payload) {
          clearTimeout(probe.timer);
          probe = undefined;
        }
        return;
      }
      counter.noteChanged(payload);
    });
    next.on('error', (error) => fail(error));
    next.on('end', () => fail(new Error('the LISTEN connection ended')));
    try {
      await next.connect();
      await next.query(`listen ${CHANGE_CHANNEL}`);
    } catch (error) {
      if (client === next) fail(error);
      return;
    }
    if (client !== next || isClosed) return;
    retryMs = 1_000;
    counter.setComplete(true);
  }

  let checks = 0;
  const check = setInterval(() => {
    checks += 1;
    if (checks % Math.max(1, Math.round(RECHECK_INTERVAL_MS / checkIntervalMs)) === 0) counter.noteChanged('*');
    if (!client || !counter.isComplete() || probe) return;
    const payload = `${PROBE_PREFIX}${randomUUID()}`;
    probe = {
      payload,
      timer: setTimeout(() => fail(new Error('a probe notice did not come back')), PROBE_TIMEOUT_MS).unref(),
    };
    options.notify(payload).catch((error: unknown) => fail(error));
  }, checkIntervalMs);
  check.unref();
  void connect();

  return {
    async close() {
      isClosed = true;
      clearInterval(check);
      clearTimeout(retryTimer);
      if (probe) clearTimeout(probe.timer);
      counter.setComplete(false);
      const open = client;
      client = undefined;
      open?.removeAllListeners();
      open?.on('error', () => {});
      await open?.end().catch(() => {});
    },
  };
}
