/**
 * Answers that depend only on their URL, the Beijing day and unit states — public pages and the public read
 * API — kept per process so that most requests are answered without rendering (serve-cached.ts).
 *
 * The request pipeline (src/middleware/fill-response-cache.ts) reads the inventory version
 * (inventory/inventory-version.ts) before it renders a cacheable request and files the finished 200 response
 * here under that version, with its own headers (the ones every response gets are stamped on each answer:
 * http/stamp-response.ts). An entry is used only while its version is the current one, so a status change is
 * on the very next request, in every process.
 * Photos optimised by Astro's image endpoint are kept too, whatever the version: they depend on the build alone.
 *
 * The inquiry form's token differs for every response, so a page with a form is kept in pieces around it.
 * Pages without one also get a brotli and a gzip copy, made once in the background at high settings.
 */
import { todayInBeijing } from '../../lib/format.ts';
import type { Database } from '../db/open-database.ts';
import { classifyPath, type PathInfo } from '../http/classify-path.ts';
import { log } from '../log.ts';
import { compress, MIN_COMPRESSED_BYTES, type Encoding } from './encoding.ts';

export interface CachedResponse {
  /** The inventory version it was rendered at; null for an optimised image, which depends on the build alone. */
  version: string | null;
  kind: CacheKind;
  /** Text worth compressing (HTML, JSON); images are compressed already. */
  compressible: boolean;
  status: number;
  /** The response's own headers, without cookies, length and date (made per response, as is the stamp). */
  headers: Record<string, string>;
  /** The body, split where the inquiry form's token stood (one piece when there is no form). */
  pieces: Buffer[];
  /** The body's length without the tokens. */
  bytes: number;
  etag: string | null;
  /** Compressed copies of a body without a form token, once made. */
  encoded: Partial<Record<Encoding, Buffer>>;
  /** Bytes of its key and headers, counted with the bodies against MAX_BYTES. */
  overhead: number;
}

const FORM_TOKEN = /name="formToken" value="(v\d+(?:\.[\w-]+)+)"/;
/** Per-response headers, never taken from the cached copy. */
const PER_RESPONSE = new Set(['set-cookie', 'content-length', 'date']);
/** Bytes kept at most (oldest out first); every page of the sample park in both languages fits many times. */
const MAX_BYTES = 64 * 1024 * 1024;

const entries = new Map<string, CachedResponse>();
let keptBytes = 0;
let cacheDatabase: Database | undefined;

/** The database the cached answers were read from (undefined until one is kept). */
export function cachedFrom(): Database | undefined {
  return cacheDatabase;
}

type CacheKind = NonNullable<PathInfo['cacheAs']>;

/** Where a cacheable answer is kept: its key, and what kind of answer it is. */
export interface CacheSlot {
  key: string;
  kind: CacheKind;
}

/**
 * Where the answer to a request is kept, when it depends only on its URL, the day and unit states (which paths
 * qualify: http/classify-path.ts), or null. Requests that record something (an embed's click, a form action)
 * are never answered from the cache, nor are the pages that show one person their acknowledgement (`ack`, a
 * tour link's token). Photos depend on the build alone, not on the day.
 */
export function responseCacheSlot(method: string, url: URL, target = classifyPath(url.pathname)): CacheSlot | null {
  if (
    method !== 'GET' ||
    !target.cacheAs ||
    url.searchParams.has('_action') ||
    url.searchParams.has('ack') ||
    (url.searchParams.has('embed') && target.cacheAs !== 'syndication')
  )
    return null;
  const day = target.cacheAs === 'image' ? 'image' : todayInBeijing();
  return { key: `${day} ${url.pathname}${url.search}`, kind: target.cacheAs };
}

/** The entry kept for `key`, whatever its version. */
export function cachedResponse(key: string): CachedResponse | undefined {
  return entries.get(key);
}

function sizeOf(entry: CachedResponse): number {
  return entry.overhead + entry.bytes + (entry.encoded.br?.length ?? 0) + (entry.encoded.gzip?.length ?? 0);
}

function forget(key: string): void {
  const entry = entries.get(key);
  if (!entry) return;
  entries.delete(key);
  keptBytes -= sizeOf(entry);
}

/** Drops the oldest entries until what is kept fits MAX_BYTES (the newest always stays). */
function evict(): void {
  while (keptBytes > MAX_BYTES && entries.size > 1) forget(entries.keys().next().value!);
}

function keep(key: string, entry: CachedResponse): void {
  forget(key);
  entries.set(key, entry);
  keptBytes += sizeOf(entry);
  evict();
}

/** Makes the compressed copies of a token-free body in the background; the entry is served without them until then. */
async function encodeInBackground(key: string, entry: CachedResponse): Promise<void> {
  const [body] = entry.pieces;
  if (!entry.compressible || entry.pieces.length !== 1 || !body || body.length < MIN_COMPRESSED_BYTES) return;
  try {
    const [br, gzip] = await Promise.all([compress(body, 'br', true), compress(body, 'gzip', true)]);
    if (entries.get(key) !== entry) return;
    keptBytes += br.length + gzip.length;
    entry.encoded = { br, gzip };
    evict();
  } catch (error) {
    log.warn('cache.encode_failed', {}, error);
  }
}

/** Keeps a rendered 200 response under the inventory version read before rendering it; returns an equal response. */
export async function rememberResponse(
  db: Database,
  { key, kind }: CacheSlot,
  version: string,
  response: Response,
): Promise<Response> {
  if (response.status !== 200 || !response.body) return response;
  const body = Buffer.from(await response.arrayBuffer());
  const headers: Record<string, string> = {};
  for (const [name, value] of response.headers) if (!PER_RESPONSE.has(name)) headers[name] = value;
  const token = body.includes('name="formToken"') ? FORM_TOKEN.exec(body.toString('utf8'))?.[1] : undefined;
  const pieces: Buffer[] = [];
  let from = 0;
  if (token) {
    for (let at = body.indexOf(token); at !== -1; at = body.indexOf(token, from)) {
      pieces.push(body.subarray(from, at));
      from = at + token.length;
    }
  }
  pieces.push(body.subarray(from));
  const entry: CachedResponse = {
    version: kind === 'image' ? null : version,
    kind,
    compressible: /^(text\/|application\/(json|xml|atom\+xml)|image\/svg\+xml)/.test(
      response.headers.get('content-type') ?? '',
    ),
    status: response.status,
    headers,
    pieces,
    bytes: pieces.reduce((sum, piece) => sum + piece.length, 0),
    etag: response.headers.get('etag'),
    encoded: {},
    overhead: key.length + Object.entries(headers).reduce((sum, [name, value]) => sum + name.length + value.length, 0),
  };
  cacheDatabase = db;
  keep(key, entry);
  void encodeInBackground(key, entry);
  return new Response(body, { status: response.status, statusText: response.statusText, headers: response.headers });
}
