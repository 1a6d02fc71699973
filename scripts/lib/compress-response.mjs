// @ts-check
/**
 * Compresses a response on its way out when the client accepts it: brotli (fast setting) or gzip, chosen by
 * Accept-Encoding, for text types (HTML, JSON, JS, CSS, SVG, XML, plain text) of at least 1 KiB. Works under
 * both ways the standalone server answers: Astro's pages (writeHead, then write/end) and static files
 * (setHeader, then a piped file). Leaves alone HEAD, 204/206/304, and anything already encoded or marked
 * no-transform. Adds `Vary: Accept-Encoding` to every response of a compressible type.
 */
import zlib from 'node:zlib';

const COMPRESSIBLE = /^(text\/|application\/(json|javascript|xml|atom\+xml|rss\+xml|manifest\+json|[\w.+-]*\+json)|image\/svg\+xml)/i;
const MIN_BYTES = 1024;

/** @param {string | undefined} header */
function chooseEncoding(header) {
  if (!header) return undefined;
  /** @type {Map<string, number>} */
  const accepted = new Map();
  for (const part of header.toLowerCase().split(',')) {
    const [name, ...params] = part.trim().split(';');
    const q = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
    accepted.set(name.trim(), q ? Number(q.slice(2)) : 1);
  }
  const wildcard = accepted.get('*');
  const weight = (/** @type {string} */ name) => accepted.get(name) ?? wildcard ?? 0;
  if (weight('br') > 0 && weight('br') >= weight('gzip')) return 'br';
  if (weight('gzip') > 0) return 'gzip';
  return undefined;
}

/**
 * Call before the request handler; it patches `res` so that whatever the handler writes is compressed.
 * @param {import('node:http').IncomingMessage} req
 * @param {import('node:http').ServerResponse} res
 */
export function compressResponse(req, res) {
  if (req.method === 'HEAD') return;
  const encoding = chooseEncoding(/** @type {string | undefined} */ (req.headers['accept-encoding']));
  const originalWriteHead = res.writeHead;
  const originalWrite = res.write;
  const originalEnd = res.end;
  /** @type {zlib.Gzip | zlib.BrotliCompress | undefined} */
  let compressor;
  let decided = false;

  const decide = () => {
    if (decided) return;
    decided = true;
    const type = String(res.getHeader('content-type') ?? '');
    if (!COMPRESSIBLE.test(type)) return;
    const vary = String(res.getHeader('vary') ?? '');
    if (!/accept-encoding|\*/i.test(vary)) res.setHeader('vary', vary ? `${vary}, Accept-Encoding` : 'Accept-Encoding');
    const length = Number(res.getHeader('content-length') ?? Infinity);
    const status = res.statusCode;
    if (!encoding || status === 204 || status === 206 || status === 304 || status < 200 || length < MIN_BYTES) return;
    if (res.getHeader('content-encoding') || /no-transform/i.test(String(res.getHeader('cache-control') ?? ''))) return;
    res.removeHeader('content-length');
    res.setHeader('content-encoding', encoding);
    compressor =
      encoding === 'br'
        ? zlib.createBrotliCompress({ params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 4, [zlib.constants.BROTLI_PARAM_MODE]: zlib.constants.BROTLI_MODE_TEXT } })
        : zlib.createGzip({ level: 6 });
    compressor.on('data', (/** @type {Buffer} */ chunk) => originalWrite.call(res, chunk));
    compressor.on('end', () => originalEnd.call(res));
    compressor.on('drain', () => res.emit('drain'));
    compressor.on('error', (error) => res.destroy(error));
  };

  // Headers given to writeHead become ordinary headers first, so that decide() sees and can change them.
  /** @type {any} */ (res).writeHead = function (/** @type {number} */ status, /** @type {any[]} */ ...rest) {
    const headers = typeof rest[0] === 'string' ? rest[1] : rest[0];
    const reason = typeof rest[0] === 'string' ? rest[0] : undefined;
    if (headers && !Array.isArray(headers)) {
      for (const [key, value] of Object.entries(headers)) if (value !== undefined) res.setHeader(key, value);
    } else if (Array.isArray(headers)) {
      return originalWriteHead.call(res, status, ...rest); // raw header lists are not used by the server; pass through
    }
    res.statusCode = status;
    decide();
    return reason === undefined ? originalWriteHead.call(res, status) : originalWriteHead.call(res, status, reason);
  };
  /** @type {any} */ (res).write = function (/** @type {any} */ chunk, /** @type {any[]} */ ...rest) {
    decide();
    if (!compressor) return originalWrite.call(res, chunk, ...rest);
    const callback = rest.find((a) => typeof a === 'function');
    const encodingArg = typeof rest[0] === 'string' ? rest[0] : undefined;
    return compressor.write(typeof chunk === 'string' ? Buffer.from(chunk, encodingArg) : chunk, callback);
  };
  /** @type {any} */ (res).end = function (/** @type {any} */ chunk, /** @type {any[]} */ ...rest) {
    if (typeof chunk === 'function') {
      rest = [chunk];
      chunk = undefined;
    }
    if (!decided && chunk !== undefined && chunk !== null && !res.hasHeader('content-length')) {
      res.setHeader('content-length', Buffer.byteLength(chunk, typeof rest[0] === 'string' ? rest[0] : undefined));
    }
    decide();
    if (!compressor) return originalEnd.call(res, chunk, ...rest);
    const callback = rest.find((a) => typeof a === 'function');
    if (callback) res.once('finish', callback);
    if (chunk !== undefined && chunk !== null) compressor.write(typeof chunk === 'string' ? Buffer.from(chunk, typeof rest[0] === 'string' ? rest[0] : undefined) : chunk);
    compressor.end();
    return res;
  };
}
