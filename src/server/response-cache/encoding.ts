/**
 * Content encoding of cached answers: which encoding a client takes (Accept-Encoding with q-values, brotli
 * before gzip on a tie, as the `compression` package that serves everything else prefers), and compression in
 * zlib's thread pool so that a large page never holds up the event loop.
 */
import { promisify } from 'node:util';
import zlib from 'node:zlib';

export type Encoding = 'br' | 'gzip';

/** Below this, compressing saves less than it costs (the `compression` package's threshold too). */
export const MIN_COMPRESSED_BYTES = 1024;

/** The encoding to send for this Accept-Encoding header, or null for none (identity). */
export function chooseEncoding(acceptEncoding: string | string[] | undefined): Encoding | null {
  if (typeof acceptEncoding !== 'string' || acceptEncoding === '') return null;
  const quality: Record<string, number> = {};
  for (const part of acceptEncoding.split(',')) {
    const [name = '', ...params] = part.split(';').map((s) => s.trim().toLowerCase());
    const q = params.find((p) => p.startsWith('q='));
    const value = q ? Number(q.slice(2)) : 1;
    if (name && Number.isFinite(value)) quality[name] = value;
  }
  const of = (encoding: string) => quality[encoding] ?? quality['*'] ?? 0;
  const best = (['br', 'gzip'] as const).reduce<Encoding | null>(
    (chosen, encoding) => (of(encoding) > (chosen ? of(chosen) : 0) ? encoding : chosen),
    null,
  );
  return best;
}

const brotli = promisify(zlib.brotliCompress);
const gzip = promisify(zlib.gzip);

/**
 * `body` compressed: `thorough` for a copy kept and sent many times (smallest size), otherwise fast, as for a
 * page compressed for one response (the settings of the `compression` package in scripts/serve.mjs).
 */
export function compress(body: Buffer, encoding: Encoding, thorough: boolean): Promise<Buffer> {
  return encoding === 'br'
    ? brotli(body, {
        params: {
          [zlib.constants.BROTLI_PARAM_QUALITY]: thorough ? 10 : 4,
          [zlib.constants.BROTLI_PARAM_SIZE_HINT]: body.length,
        },
      })
    : gzip(body, { level: thorough ? 9 : 6 });
}
