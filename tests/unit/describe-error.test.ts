import { describe, expect, it } from 'vitest';
import { describeError } from '../../src/server/describe-error.ts';

/** PGlite's file layer throws Emscripten's ErrnoError: a name and an errno number, no message. */
class ErrnoError {
  name = 'ErrnoError';
  errno: number;
  constructor(errno: number) {
    this.errno = errno;
  }
}

describe('describing a fault', () => {
  it('names the code and what to do for errors without a message (PGlite on a full disk), never "undefined"', () => {
    const text = describeError(new ErrnoError(51));
    expect(text).toContain('ENOSPC');
    expect(text).toContain('free disk space');
    expect(text).not.toContain('undefined');
    expect(describeError(Object.assign(new Error('write failed'), { code: 'EROFS' }))).toMatch(/write failed.*read-only/);
    expect(describeError(Object.assign(new Error('could not extend file'), { code: '53100' }))).toMatch(/could not extend file.*free disk space/);
  });

  it('describes thrown values that are not errors', () => {
    expect(describeError('plain text')).toBe('plain text');
    expect(describeError(undefined)).toBe('undefined without a message: undefined');
    expect(describeError({ weird: true })).toContain('weird');
    expect(describeError(new Error(''))).toContain('Error without a message');
  });
});
