/**
 * A form's fields (FormData) as a plain object, the shape schemas read: repeated names (checkboxes, multiple
 * selects) become lists, files are left out. Used in the browser and on the server alike.
 */
export function formFields(form: FormData): Record<string, string | string[]> {
  const fields: Record<string, string | string[]> = {};
  for (const [key, value] of form.entries()) {
    if (typeof value !== 'string') continue;
    const existing = fields[key];
    fields[key] = existing === undefined ? value : Array.isArray(existing) ? [...existing, value] : [existing, value];
  }
  return fields;
}
