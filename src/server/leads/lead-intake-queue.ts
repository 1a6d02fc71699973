/**
 * Group commit for lead intake: inquiries that passed validation wait here while the batch before them is being
 * stored, then go into the database together, in one transaction — their limits checked in one statement per
 * rule (check-lead-limits.ts), and those that pass stored (store-inquiries.ts). Each is still judged and answered
 * on its own, and only once its transaction has committed, so an answered inquiry is never lost.
 *
 * Under a flood this turns a dozen statements per inquiry into a dozen per batch: the embedded database runs one
 * statement at a time (on its own thread, db/pglite-thread.ts), so the intake's capacity grows with the batch,
 * not with the statements. Alone, an inquiry waits for nothing but the end of the current event-loop turn.
 *
 * If a batch's transaction fails, each of its inquiries is tried again in a transaction of its own, so one that
 * cannot be stored (a form token spent meanwhile by another process) does not take the others with it.
 */
import type { Database, Tx } from '../db/open-database.ts';
import { isFormTokenReuse } from '../security/spend-form-token.ts';
import { checkLeadLimits } from './check-lead-limits.ts';
import { storeInquiries, type InquiryToStore } from './store-inquiries.ts';
import { readLeasingSettings, type LeasingSettings } from '../assignment/leasing-settings.ts';
import type { SubmitLeadResult } from './lead-submission.ts';

/** Inquiries per transaction at most (a statement's parameters grow with it). */
const MAX_BATCH = 50;

interface QueuedInquiry extends InquiryToStore {
  /** Called after a commit that stored this inquiry, e.g. to have the notices sent soon. */
  onStored?: (() => void) | undefined;
}

interface Waiting extends QueuedInquiry {
  answer(result: SubmitLeadResult): void;
  fail(error: unknown): void;
}

interface Queue {
  waiting: Waiting[];
  isRunning: boolean;
  /** Called once nothing waits and nothing is being stored. */
  whenSettled: Array<() => void>;
}

const queues = new WeakMap<Database, Queue>();

/** Stores the inquiry with whatever else is waiting; resolves with its own outcome once that is certain. */
export function queueInquiry(db: Database, inquiry: QueuedInquiry): Promise<SubmitLeadResult> {
  let queue = queues.get(db);
  if (!queue) queues.set(db, (queue = { waiting: [], isRunning: false, whenSettled: [] }));
  const own = queue;
  return new Promise((answer, fail) => {
    own.waiting.push({ ...inquiry, answer, fail });
    if (own.isRunning) return;
    own.isRunning = true;
    // After this turn of the event loop, so that inquiries that arrived together are stored together.
    setImmediate(() => void drain(db, own));
  });
}

async function drain(db: Database, queue: Queue): Promise<void> {
  while (queue.waiting.length > 0) {
    const batch = queue.waiting.splice(0, MAX_BATCH);
    await storeBatch(db, batch).catch((error: unknown) => batch.forEach((waiting) => waiting.fail(error)));
  }
  queue.isRunning = false;
  for (const settled of queue.whenSettled.splice(0)) settled();
}

/**
 * Resolves once every inquiry queued so far has been stored or refused: the runtime waits for this before it
 * closes the database on shutdown, so that a batch in flight is not cut off.
 */
export function intakeSettled(db: Database): Promise<void> {
  const queue = queues.get(db);
  if (!queue?.isRunning) return Promise.resolve();
  return new Promise((resolve) => queue.whenSettled.push(resolve));
}

/** Judges and stores a batch in one transaction; each inquiry is answered once that has committed. */
async function storeBatch(db: Database, batch: Waiting[]): Promise<void> {
  try {
    // Read before the transaction (and kept a few seconds): they change a few times a year.
    const settings = await readLeasingSettings(db);
    answerAll(batch, await db.transaction((tx) => judgeAndStore(tx, batch, settings)));
  } catch (error) {
    if (batch.length === 1) return answerFailure(batch[0]!, error);
    for (const waiting of batch) {
      try {
        const settings = await readLeasingSettings(db);
        answerAll([waiting], await db.transaction((tx) => judgeAndStore(tx, [waiting], settings)));
      } catch (own) {
        answerFailure(waiting, own);
      }
    }
  }
}

/**
 * The limits of every inquiry, then those that passed stored: in the caller's transaction, so that a batch that
 * fails counts no hits either (its inquiries are judged again, each on its own).
 */
async function judgeAndStore(tx: Tx, batch: Waiting[], settings: LeasingSettings): Promise<SubmitLeadResult[]> {
  const refusals = await checkLeadLimits(tx, batch);
  const stored = await storeInquiries(
    tx,
    batch.filter((_, i) => !refusals[i]),
    settings,
  );
  let next = 0;
  return refusals.map((refusal) => refusal ?? { ok: true, ...stored[next++]! });
}

function answerAll(batch: Waiting[], results: SubmitLeadResult[]): void {
  batch.forEach((waiting, i) => waiting.answer(results[i]!));
  const stored = batch.filter((_, i) => results[i]!.ok);
  for (const onStored of new Set(stored.map((waiting) => waiting.onStored))) onStored?.();
}

function answerFailure(waiting: Waiting, error: unknown): void {
  if (isFormTokenReuse(error)) waiting.answer({ ok: false, reason: 'used_form', errors: [] });
  else waiting.fail(error);
}
