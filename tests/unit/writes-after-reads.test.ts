/**
 * Readers first when the request thread is busy (scripts/lib/writes-after-reads.mjs): with time to spare, writes
 * start one per event-loop turn, in order; while the thread is busy and reads keep coming, a write waits for its
 * share of reads; when the reads stop, the writes go on.
 */
import type { IncomingMessage } from 'node:http';
import { describe, expect, it } from 'vitest';
import { noteRequest, startWritesAfterReads } from '../../scripts/lib/writes-after-reads.mjs';

const request = (method: string) => ({ method }) as IncomingMessage;
const nextTurn = () => new Promise((resolve) => setImmediate(resolve));
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Keeps the event loop busy for `ms`, then lets the utilisation sample (every 100 ms) see it. */
async function makeBusy(ms = 600): Promise<void> {
  const until = performance.now() + ms;
  while (performance.now() < until) {
    // busy: the event loop runs nothing else
  }
  await sleep(0);
}

describe('writes after reads', () => {
  it('starts a read at once and, with time to spare, writes one per turn in the order they came', async () => {
    await sleep(250); // an idle sample first
    const started: string[] = [];
    startWritesAfterReads(request('POST'), () => started.push('w1'));
    startWritesAfterReads(request('PUT'), () => started.push('w2'));
    startWritesAfterReads(request('GET'), () => started.push('r1'));
    expect(started).toEqual(['r1']);
    await nextTurn();
    expect(started).toEqual(['r1', 'w1']);
    await nextTurn();
    expect(started).toEqual(['r1', 'w1', 'w2']);
  });

  it('lets a write start once 24 reads have come while the thread is busy, and at once when reads stop', async () => {
    await makeBusy();
    const started: string[] = [];
    for (let i = 0; i < 24; i++) noteRequest(request('GET')); // the share of the write before: spent below
    startWritesAfterReads(request('POST'), () => started.push('w1'));
    startWritesAfterReads(request('POST'), () => started.push('w2'));
    await nextTurn();
    expect(started).toEqual(['w1']);
    for (let i = 0; i < 23; i++) noteRequest(request('GET'));
    await nextTurn();
    await nextTurn();
    expect(started).toEqual(['w1']);
    noteRequest(request('HEAD'));
    await nextTurn();
    expect(started).toEqual(['w1', 'w2']);

    // Busy still, but no read for a while: the queue goes on.
    await makeBusy();
    noteRequest(request('GET'));
    startWritesAfterReads(request('DELETE'), () => started.push('w3'));
    await nextTurn();
    expect(started).toEqual(['w1', 'w2']);
    await sleep(20);
    expect(started).toEqual(['w1', 'w2', 'w3']);
  });
});
