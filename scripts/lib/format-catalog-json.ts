/**
 * JSON for catalog files that people edit by hand: two-space indents, but coordinates, outlines and short
 * lists of words stay on one line so a unit reads as one screenful.
 */
export function formatCatalogJson(value: unknown): string {
  const lineLimit = 140;
  let text = JSON.stringify(value, null, 2);
  // [x, y] pairs and short arrays of scalars onto one line.
  text = text.replace(/\[\s*((?:-?[\d.]+|"[^"\n]*")(?:,\s*(?:-?[\d.]+|"[^"\n]*"))*)\s*\]/g, (whole, inner: string) => {
    const oneLine = `[${inner.split(/,\s*/).join(', ')}]`;
    return oneLine.length <= lineLimit ? oneLine : whole;
  });
  // Outlines (arrays of pairs) onto one line when they fit.
  text = text.replace(/\[\s*((?:\[[^[\]\n]*\],?\s*)+)\]/g, (whole, inner: string) => {
    const oneLine = `[${inner
      .trim()
      .split(/\],\s*/)
      .join('], ')}]`;
    return oneLine.length <= lineLimit ? oneLine : whole;
  });
  return `${text}\n`;
}
