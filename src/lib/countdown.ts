/**
 * The hold's countdown on the checkout step: what the clock shows and when a screen reader hears about it. The
 * clock ticks every second for the eye; reading every tick aloud would drown out the page, so the time left is
 * announced only on whole five-minute marks, at the last minute and when the hold ends.
 */

/** Milliseconds left as "mm:ss" (minutes can exceed 59 for long holds), never negative. */
export function formatCountdown(msLeft: number): string {
  const seconds = Math.max(0, Math.ceil(msLeft / 1000));
  return `${String(Math.floor(seconds / 60)).padStart(2, '0')}:${String(seconds % 60).padStart(2, '0')}`;
}

export type HoldAnnouncement = { kind: 'minutes'; minutes: number } | { kind: 'last' } | { kind: 'ended' };

/** The announcement due at `msLeft`, or undefined; `said` is the key of the last one made (to say each once). */
export function holdAnnouncement(
  msLeft: number,
  said: string | undefined,
): { key: string; announcement: HoldAnnouncement } | undefined {
  const seconds = Math.ceil(msLeft / 1000);
  let due: HoldAnnouncement | undefined;
  if (seconds <= 0) due = { kind: 'ended' };
  else if (seconds <= 60) due = { kind: 'last' };
  else if (seconds % 300 === 0) due = { kind: 'minutes', minutes: seconds / 60 };
  if (!due) return undefined;
  const key = due.kind === 'minutes' ? `m${due.minutes}` : due.kind;
  return key === said ? undefined : { key, announcement: due };
}
