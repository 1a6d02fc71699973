import { describe, expect, it } from 'vitest';
import { explainFault } from '../../src/server/explain-fault.ts';

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
    const text = explainFault(new ErrnoError(51));
    expect(text).toContain('ENOSPC');
    expect(text).toContain('free disk space');
    expect(text).not.toContain('undefined');
    expect(explainFault(Object.assign(new Error('write failed'), { code: 'EROFS' }))).toMatch(
      /write failed.*read-only/,
    );
    expect(explainFault(Object.assign(new Error('could not extend file'), { code: '53100' }))).toMatch(
      /could not extend file.*free disk space/,
    );
  });

  it('describes thrown values that are not errors', () => {
    expect(explainFault('plain text')).toBe('plain text');
    expect(explainFault(undefined)).toBe('undefined without a message: undefined');
    expect(explainFault({ weird: true })).toContain('weird');
    expect(explainFault(new Error(''))).toContain('Error without a message');
  });
});
