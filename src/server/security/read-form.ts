/**
 * Reads a form-like body (read-fields.ts) for an endpoint or a page, with every way it can fail as a refusal of
 * the catalogue: 413 too large, 415 another content type, 400 unreadable. Nothing a client sends becomes a 500.
 */
import { refused, type Outcome } from '../errors/answer-outcome.ts';
import { BodyTooLargeError } from './read-body.ts';
import { FORM_BODY_LIMIT_BYTES, readFields } from './read-fields.ts';

export async function readForm(
  request: Request,
  limitBytes: number = FORM_BODY_LIMIT_BYTES,
): Promise<Outcome<{ fields: Record<string, unknown> }>> {
  let fields: Awaited<ReturnType<typeof readFields>>;
  try {
    fields = await readFields(request, limitBytes);
  } catch (error) {
    if (error instanceof BodyTooLargeError)
      return refused('too_large', { params: { size: `${Math.round(limitBytes / 1024)} KB` } });
    // A body that ends in an error while it streams (the client went away): not readable.
    return refused('invalid_json');
  }
  if (typeof fields === 'string') return refused(fields);
  return { ok: true, fields };
}

/** A text field's value, or '' when it is missing or not text. */
export function textField(fields: Record<string, unknown>, name: string): string {
  const value = fields[name];
  return typeof value === 'string' ? value : '';
}

/**
 * The text fields (all, or those named) as a refused form shows them again (answer-outcome.ts), each cut to the
 * longest any of the portal's fields takes. Lists (several checkboxes of one name) are left out.
 */
export function typedValues(
  fields: Record<string, unknown>,
  names: readonly string[] = Object.keys(fields),
): Record<string, string> {
  const values: Record<string, string> = {};
  for (const name of names) {
    const value = fields[name];
    if (typeof value === 'string') values[name] = value.slice(0, 4000);
  }
  return values;
}
