// @ts-check
/**
 * Readers first when the request thread is busy. Requests that change something (POST, PUT, PATCH, DELETE) wait
 * here in order; reads (GET, HEAD, OPTIONS) start at once. Nothing is refused: writes queue.
 *
 * - While the thread has time to spare (event-loop utilisation under BUSY_UTILISATION over the last SAMPLE_MS),
 *   a waiting write starts in the next turn of the event loop, after that turn's reads, one per turn: without
 *   readers a flood of inquiries runs at full speed.
 * - While it is busy and reads keep coming, a write starts once READS_PER_WRITE reads have arrived since the last
 *   one did. A write costs the thread about as much as ten or more cached reads (`npm run bench`, CPU ms/req: about
 *   0.5 against 0.04), so under a flood of inquiries readers keep most of the thread and the inquiries wait their
 *   turn instead of taking it from every visitor. When no read has come for QUIET_MS, writes go on one per turn.
 *
 * scripts/serve.mjs calls noteRequest for every request and startWritesAfterReads for those Astro answers.
 */
import { performance } from 'node:perf_hooks';

const READS_PER_WRITE = 24;
const BUSY_UTILISATION = 0.8;
const SAMPLE_MS = 100;
const QUIET_MS = 5;

/** @type {Array<() => void>} */
const waiting = [];
let isScheduled = false;
/** Reads arrived since the last write started (at most READS_PER_WRITE). */
let readsSinceWrite = 0;
let lastReadAt = Number.NEGATIVE_INFINITY;
let isBusy = false;
/** @type {NodeJS.Timeout | undefined} */
let quietTimer;

let lastSample = performance.eventLoopUtilization();
setInterval(() => {
  const now = performance.eventLoopUtilization();
  isBusy = performance.eventLoopUtilization(now, lastSample).utilization >= BUSY_UTILISATION;
  lastSample = now;
}, SAMPLE_MS).unref();

/** @param {string | undefined} method */
const isRead = (method) => method === 'GET' || method === 'HEAD' || method === 'OPTIONS';

function schedule() {
  if (isScheduled || waiting.length === 0) return;
  isScheduled = true;
  setImmediate(startNext);
}

function startNext() {
  isScheduled = false;
  if (waiting.length === 0) return;
  const readersWaiting = isBusy && performance.now() - lastReadAt < QUIET_MS;
  if (readersWaiting && readsSinceWrite < READS_PER_WRITE) {
    // Woken by the next read (noteRequest), or once the reads have stopped.
    quietTimer ??= setTimeout(() => {
      quietTimer = undefined;
      schedule();
    }, QUIET_MS);
    return;
  }
  readsSinceWrite = 0;
  const start = waiting.shift();
  schedule();
  start?.();
}

/**
 * Counts a read as it arrives, whether the response cache or Astro answers it.
 * @param {import('node:http').IncomingMessage} req
 */
export function noteRequest(req) {
  if (!isRead(req.method)) return;
  lastReadAt = performance.now();
  if (readsSinceWrite < READS_PER_WRITE) readsSinceWrite += 1;
  if (readsSinceWrite >= READS_PER_WRITE) schedule();
}

/**
 * Runs `start` now for a read, or later for a write (see above).
 * @param {import('node:http').IncomingMessage} req
 * @param {() => void} start
 */
export function startWritesAfterReads(req, start) {
  if (isRead(req.method)) return start();
  waiting.push(start);
  schedule();
}
