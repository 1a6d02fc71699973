/**
 * Reads a form-like request body (JSON object, urlencoded or multipart form) into plain fields, within a size
 * limit. Anything else is named, so the endpoint can answer 415 or 400.
 */
import { formFields } from '../../lib/form-fields.ts';
import { readBodyText } from './read-body.ts';

/** The portal's forms (inquiries, reservations, console forms) are a few kilobytes; far more is not a person typing. */
export const FORM_BODY_LIMIT_BYTES = 64 * 1024;

/** Parses a JSON object, an urlencoded form or a multipart form into plain fields. */
export async function readFields(
  request: Request,
  limitBytes: number,
): Promise<Record<string, unknown> | 'unsupported_media_type' | 'invalid_json'> {
  const type = (request.headers.get('content-type') ?? '').toLowerCase();
  const isJson = type.startsWith('application/json');
  const isUrlEncoded = type.startsWith('application/x-www-form-urlencoded');
  const isMultipart = type.startsWith('multipart/form-data');
  if (!isJson && !isUrlEncoded && !isMultipart) return 'unsupported_media_type';
  const text = await readBodyText(request, limitBytes);
  if (isJson) {
    try {
      const value: unknown = JSON.parse(text);
      return typeof value === 'object' && value !== null && !Array.isArray(value)
        ? (value as Record<string, unknown>)
        : 'invalid_json';
    } catch {
      return 'invalid_json';
    }
  }
  if (isUrlEncoded) {
    const form = new FormData();
    for (const [key, value] of new URLSearchParams(text)) form.append(key, value);
    return formFields(form);
  }
  try {
    return formFields(await new Response(text, { headers: { 'content-type': type } }).formData());
  } catch {
    return 'invalid_json';
  }
}
