/**
 * Text on a share card: escaping, the font stack per language, and line breaking by estimated width. librsvg
 * cannot measure text for us before drawing, so widths are estimated from the glyph classes (CJK characters are
 * one em wide, Latin letters about half) with a margin, and a title that would still overflow gets smaller.
 */
import type { Lang } from '../../i18n/lang.ts';

/**
 * Fonts through fontconfig, as installed by Debian's fonts-noto-cjk. English goes first to the JP cut, whose
 * quotes and apostrophes are proportional (the SC cut draws ’ “ ” full-width: "Park’ s").
 */
export const FONT_FAMILY: Record<Lang, string> = {
  zh: "'Noto Sans CJK SC', 'Source Han Sans SC', 'PingFang SC', 'Microsoft YaHei', sans-serif",
  en: "'Noto Sans CJK JP', 'Source Han Sans', 'Helvetica Neue', Arial, sans-serif",
};

/**
 * The CJK fonts draw the middle dot full-width ("Level 10 ・ Unit"); separators are drawn in a Latin face
 * (Debian's fonts-liberation or DejaVu, fontconfig's default).
 */
const DOT_FONT = "'Liberation Sans', 'DejaVu Sans', Arial, sans-serif";

/** `text` escaped for an SVG text element, each middle dot in a Latin face. */
export function textContent(text: string): string {
  return escapeXml(text).replaceAll('·', `<tspan font-family="${DOT_FONT.replaceAll("'", '&apos;')}">·</tspan>`);
}

/** Text safe inside an SVG element or a double-quoted attribute. */
export function escapeXml(text: string): string {
  return text.replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' })[c]!,
  );
}

const WIDE =
  /[\u1100-\u115f\u2e80-\u303e\u3041-\u33ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]/u;
const NARROW = /[ .,:;'’·|!il1()[\]]/;
const CAPITAL = /[A-Z0-9&@%#MW¥]/;

/** The width of `text` in ems, a little generous so that an estimate never falls short of the drawn text. */
export function estimateWidthEm(text: string, isBold = false): number {
  let width = 0;
  for (const char of text) {
    if (WIDE.test(char)) width += 1;
    else if (NARROW.test(char)) width += 0.3;
    else if (CAPITAL.test(char)) width += 0.66;
    else width += 0.56;
  }
  return width * (isBold ? 1.04 : 1);
}

/**
 * Breaks `parts` (words or name segments, each kept whole) into at most `maxLines` lines of `maxWidth` px at
 * `fontSize`, joined by `joiner`; returns null when they do not fit.
 * @internal Exported for tests/unit/share-card-text.test.ts.
 */
export function fitLines(
  parts: readonly string[],
  fontSize: number,
  maxWidth: number,
  maxLines: number,
  joiner = ' ',
  isBold = false,
): string[] | null {
  const lines: string[] = [];
  for (const part of parts) {
    const last = lines.at(-1);
    const joined = last === undefined ? part : `${last}${joiner}${part}`;
    if (last !== undefined && estimateWidthEm(joined, isBold) * fontSize <= maxWidth) lines[lines.length - 1] = joined;
    else lines.push(part);
  }
  const fits = lines.length <= maxLines && lines.every((line) => estimateWidthEm(line, isBold) * fontSize <= maxWidth);
  return fits ? lines : null;
}

/**
 * The largest size from `sizes` (largest first) at which `parts` fit: on one line if one of the larger sizes
 * allows (a name is read best unbroken), else on up to `maxLines`. At the smallest size, lines are cut with an
 * ellipsis rather than drawn past the card's edge.
 */
export function fitTitle(
  parts: readonly string[],
  sizes: readonly number[],
  maxWidth: number,
  maxLines: number,
  joiner = ' ',
): { size: number; lines: string[] } {
  const attempts = [
    ...sizes.slice(0, Math.ceil(sizes.length / 2)).map((size) => ({ size, lines: 1 })),
    ...sizes.map((size) => ({ size, lines: maxLines })),
  ];
  for (const attempt of attempts) {
    const lines = fitLines(parts, attempt.size, maxWidth, attempt.lines, joiner, true);
    if (lines) return { size: attempt.size, lines };
  }
  const size = sizes.at(-1)!;
  const lines = (fitLines(parts, size, Number.POSITIVE_INFINITY, Number.POSITIVE_INFINITY, joiner, true) ?? []).slice(
    0,
    maxLines,
  );
  return { size, lines: lines.map((line) => truncate(line, size, maxWidth)) };
}

/** `text` cut (with "…") to `maxWidth` px at `fontSize`. */
export function truncate(text: string, fontSize: number, maxWidth: number): string {
  if (estimateWidthEm(text, true) * fontSize <= maxWidth) return text;
  const chars = [...text];
  while (chars.length > 1 && estimateWidthEm(`${chars.join('')}…`, true) * fontSize > maxWidth) chars.pop();
  return `${chars.join('').trimEnd()}…`;
}
