/**
 * PostgreSQL's text type cannot hold the NUL character (U+0000): a value containing one fails the statement
 * (SQLSTATE 22021), which every handler would turn into a 500. Nor is half of a UTF-16 surrogate pair (a JSON
 * `"\ud800"` alone) a character at all: it has no UTF-8 form, and the database's JSON parser refuses it. No person
 * types either, so both are refused at the door, for every form and JSON body, before any page, endpoint or action
 * reads it.
 */
import type { PathInfo } from '../http/classify-path.ts';
import { refusalResponse } from '../errors/answer-outcome.ts';

const NUL = '\u0000';

/** True when any key or string value of a parsed body (JSON, or form fields) holds a NUL or a lone surrogate. */
function holdsInvalidCharacter(value: unknown, depth = 0): boolean {
  if (typeof value === 'string') return value.includes(NUL) || !value.isWellFormed();
  if (depth > 32 || typeof value !== 'object' || value === null) return false;
  for (const [key, inner] of Object.entries(value))
    if (holdsInvalidCharacter(key) || holdsInvalidCharacter(inner, depth + 1)) return true;
  return false;
}

/** The fields of a copy of the body, for the content types the portal accepts; undefined when it cannot be read. */
async function parsedCopy(request: Request): Promise<unknown> {
  const type = (request.headers.get('content-type') ?? '').toLowerCase();
  const copy = request.clone();
  if (type.startsWith('application/json')) return JSON.parse(await copy.text()) as unknown;
  if (type.startsWith('application/x-www-form-urlencoded') || type.startsWith('multipart/form-data')) {
    // Every field as a [name, value] pair (a name may repeat); a file counts by its name.
    return [...(await copy.formData())].map(([key, value]) => [key, typeof value === 'string' ? value : value.name]);
  }
  // Any other type: its handler refuses or reads it as it is (e.g. the webhook's raw body).
  return undefined;
}

/** Runs `handle` unless the request's body (form or JSON) holds a NUL or a lone surrogate, which gets a 400. */
export async function refuseNulCharacters(
  request: Request,
  target: PathInfo,
  handle: () => Promise<Response>,
): Promise<Response> {
  if (request.method === 'GET' || request.method === 'HEAD' || request.body === null || target.isStripeWebhook)
    return handle();
  let fields: unknown;
  try {
    fields = await parsedCopy(request);
  } catch {
    // Malformed or oversize: the handler answers that with its own 400 or 413.
    return handle();
  }
  // 400 in both languages: JSON on API paths, text elsewhere.
  return holdsInvalidCharacter(fields) ? refusalResponse({ code: 'invalid_characters' }, target.path) : handle();
}
