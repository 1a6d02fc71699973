import { describe, expect, it } from 'vitest';
import { formatCountdown, holdAnnouncement } from '../../src/lib/countdown.ts';

describe('the hold countdown', () => {
  it('shows mm:ss, rounding part seconds up and never below zero', () => {
    expect(formatCountdown(30 * 60_000)).toBe('30:00');
    expect(formatCountdown(29 * 60_000 + 59_001)).toBe('30:00');
    expect(formatCountdown(61_000)).toBe('01:01');
    expect(formatCountdown(400)).toBe('00:01');
    expect(formatCountdown(-5_000)).toBe('00:00');
  });

  it('announces on five-minute marks, the last minute and the end, each once, and is silent in between', () => {
    const said: string[] = [];
    let last: string | undefined;
    for (let s = 12 * 60; s >= -2; s -= 1) {
      const due = holdAnnouncement(s * 1000, last);
      if (due) {
        last = due.key;
        said.push(due.key);
      }
    }
    expect(said).toEqual(['m10', 'm5', 'last', 'ended']);
  });
});
