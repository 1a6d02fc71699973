// @ts-check
/**
 * Requests that change something (POST, PUT, PATCH, DELETE) start at most one per turn of the event loop, after
 * the I/O of that turn — every cached read that arrived meanwhile — has been answered. A flood of inquiries, valid
 * or not, then queues behind the readers instead of taking turns with them (a refused inquiry still costs a
 * thousand cached reads' worth of work), while without readers it runs at full speed: the turns come as fast as
 * the writes finish. Reads (GET, HEAD, OPTIONS) start at once.
 */

/** @type {Array<() => void>} */
const waiting = [];
let isScheduled = false;

function startNext() {
  const start = waiting.shift();
  if (waiting.length > 0) setImmediate(startNext);
  else isScheduled = false;
  start?.();
}

/**
 * Runs `start` now for a read, or in a later turn of the event loop for a write.
 * @param {import('node:http').IncomingMessage} req
 * @param {() => void} start
 */
export function startWritesAfterReads(req, start) {
  if (req.method === 'GET' || req.method === 'HEAD' || req.method === 'OPTIONS') return start();
  waiting.push(start);
  if (isScheduled) return;
  isScheduled = true;
  setImmediate(startNext);
}
