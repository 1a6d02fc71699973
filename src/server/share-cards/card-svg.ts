/**
 * A share card as an SVG document of 1200×630 (the size Open Graph readers crop least): the park's mark and
 * name, the eyebrow, the name of what is shared, its status, up to three figures, the site's host, and on the
 * right the drawing the page shows. Pure: the same model always gives the same string (its hash is the ETag).
 */
import type { UnitStatus } from '../db/schema.ts';
import { STATUS_FILL, STATUS_STROKE } from '../../lib/plan-colours.ts';
import { elevationsSvg, planSvg, type Box } from './card-drawings.ts';
import type { CardFact, ShareCardModel } from './card-model.ts';
import { escapeXml, estimateWidthEm, FONT_FAMILY, fitTitle, textContent, truncate } from './card-text.ts';

export const CARD_WIDTH = 1200;
export const CARD_HEIGHT = 630;

const MARGIN = 64;
const TEXT_WIDTH = 560;
const PANEL: Box = { x: 680, y: MARGIN, width: CARD_WIDTH - 680 - MARGIN, height: CARD_HEIGHT - 2 * MARGIN };
const STATUS_INK: Record<UnitStatus, string> = {
  available: '#0f5c3e',
  held: '#7a5410',
  reserved: '#4b2fa8',
  leased: '#334155',
  unavailable: '#475569',
};

/** The portal's mark (LogoMark.astro), at `size` px. */
function markSvg(x: number, y: number, size: number): string {
  return (
    `<g transform="translate(${x} ${y}) scale(${size / 40})"><rect width="40" height="40" rx="9" fill="#13233d" stroke="#355075" stroke-width="0.8"/>` +
    '<ellipse cx="20" cy="19" rx="15" ry="6.5" fill="none" stroke="#d6b978" stroke-width="1.4" transform="rotate(-18 20 19)"/>' +
    '<rect x="10" y="15" width="5" height="17" rx="0.8" fill="#6cbad6"/><rect x="17.5" y="11" width="5" height="21" rx="0.8" fill="#9fd3e6"/>' +
    '<rect x="25" y="17" width="5" height="15" rx="0.8" fill="#3e9cc1"/><circle cx="32.6" cy="13.6" r="1.9" fill="#e6d3a8"/></g>'
  );
}

function text(x: number, y: number, size: number, fill: string, content: string, font: string, extra = ''): string {
  return `<text x="${x}" y="${y}" font-family="${font}" font-size="${size}" fill="${fill}"${extra ? ` ${extra}` : ''}>${textContent(content)}</text>`;
}

/** A fact's width in px at value size `size` (prefix and suffix at 0.48 of it). */
function factWidth(fact: CardFact, size: number): number {
  const small = size * 0.48;
  const value = estimateWidthEm(fact.value, true) * size;
  const affixes =
    (fact.prefix ? estimateWidthEm(`${fact.prefix} `) * small : 0) +
    (fact.suffix ? estimateWidthEm(` ${fact.suffix}`) * small : 0);
  return Math.max(estimateWidthEm(fact.label) * 17, value + affixes);
}

function factsSvg(facts: readonly CardFact[], y: number, font: string): string {
  const gap = 44;
  const size =
    [44, 40, 36, 32, 28].find(
      (s) => facts.reduce((sum, f) => sum + factWidth(f, s), 0) + gap * (facts.length - 1) <= TEXT_WIDTH,
    ) ?? 28;
  const small = Math.round(size * 0.48);
  let x = MARGIN;
  return facts
    .map((fact, i) => {
      const parts = [text(x, y, 17, '#b3c0d1', fact.label, font)];
      const spans = [
        fact.prefix ? `<tspan font-size="${small}" fill="#d8dfe8">${escapeXml(fact.prefix)}</tspan>` : '',
        `<tspan font-weight="700" fill="#ffffff"${fact.prefix ? ` dx="${Math.round(small * 0.35)}"` : ''}>${escapeXml(fact.value)}</tspan>`,
        fact.suffix
          ? `<tspan font-size="${small}" fill="#d8dfe8" dx="${Math.round(small * 0.3)}">${escapeXml(fact.suffix.trim())}</tspan>`
          : '',
      ].join('');
      parts.push(`<text x="${x}" y="${y + 14 + size}" font-family="${font}" font-size="${size}">${spans}</text>`);
      if (i < facts.length - 1)
        parts.push(
          `<rect x="${Math.round(x + factWidth(fact, size) + gap / 2)}" y="${y - 14}" width="1" height="${size + 36}" fill="#355075"/>`,
        );
      x += Math.round(factWidth(fact, size) + gap);
      return parts.join('');
    })
    .join('');
}

function statusPill(model: ShareCardModel, x: number, y: number, font: string): string {
  const size = 20;
  const width = Math.round(estimateWidthEm(model.status.word) * size + 58);
  const { tone } = model.status;
  return (
    `<rect x="${x}" y="${y}" width="${width}" height="40" rx="20" fill="${STATUS_FILL[tone]}"/>` +
    `<circle cx="${x + 22}" cy="${y + 20}" r="6" fill="${STATUS_STROKE[tone]}"/>` +
    text(x + 38, y + 27, size, STATUS_INK[tone], model.status.word, font, 'font-weight="700"')
  );
}

function legendItem(
  x: number,
  y: number,
  fill: string,
  stroke: string,
  label: string,
  font: string,
): { svg: string; width: number } {
  const svg =
    `<rect x="${x}" y="${y - 13}" width="16" height="16" rx="3" fill="${fill}" stroke="${stroke}" stroke-width="1.5"/>` +
    text(x + 24, y, 16, '#d8dfe8', label, font);
  return { svg, width: 24 + estimateWidthEm(label) * 16 + 28 };
}

function panelSvg(model: ShareCardModel, font: string): string {
  const { drawing } = model;
  const inner: Box = { x: PANEL.x + 32, y: PANEL.y + 64, width: PANEL.width - 64, height: PANEL.height - 128 };
  const parts = [
    `<rect x="${PANEL.x}" y="${PANEL.y}" width="${PANEL.width}" height="${PANEL.height}" rx="24" fill="#13233d" stroke="#1f3556" stroke-width="2"/>`,
  ];
  const legendY = PANEL.y + PANEL.height - 32;
  if (drawing.kind === 'plan') {
    parts.push(
      text(
        PANEL.x + 32,
        PANEL.y + 46,
        18,
        '#d8dfe8',
        truncate(drawing.caption, 18, PANEL.width - 64),
        font,
        'font-weight="700"',
      ),
    );
    parts.push(planSvg(drawing, inner, font));
    const mine = legendItem(PANEL.x + 32, legendY, '#e6d3a8', '#9c7a36', drawing.highlightLabel, font);
    const available = legendItem(
      PANEL.x + 32 + mine.width,
      legendY,
      STATUS_FILL.available,
      STATUS_STROKE.available,
      drawing.availableLabel,
      font,
    );
    parts.push(mine.svg, available.svg);
  } else {
    parts.push(elevationsSvg(drawing.columns, { ...inner, y: PANEL.y + 32, height: PANEL.height - 96 }, font));
    // What the bands' colours mean; amenity floors (no units to let) only where a building has them.
    const hasAmenityFloors = drawing.columns.some((c) => c.isService && c.floors.some((f) => f.leasableArea === 0));
    const items: Array<[string, string]> = [
      ['#1f9d6b', drawing.legend.available],
      ['#d8dfe8', drawing.legend.other],
    ];
    if (hasAmenityFloors) items.push(['#efe3c6', drawing.legend.amenity]);
    let x = PANEL.x + 32;
    for (const [fill, label] of items) {
      const item = legendItem(x, legendY, fill, fill, label, font);
      parts.push(item.svg);
      x += item.width;
    }
  }
  return parts.join('');
}

/** The card as a standalone SVG document. */
export function shareCardSvg(model: ShareCardModel): string {
  const font = escapeXml(FONT_FAMILY[model.lang]);
  const isPark = model.kind === 'park';
  const eyebrow = model.lang === 'en' ? model.eyebrow.toUpperCase() : model.eyebrow;
  const title = fitTitle(model.titleParts, [68, 60, 52, 46, 40], TEXT_WIDTH, 2, model.titleJoiner);
  const lineHeight = Math.round(title.size * 1.16);
  const titleTop = 206;
  const titleSvg = title.lines
    .map((line, i) =>
      text(MARGIN, titleTop + 34 + title.size + i * lineHeight, title.size, '#ffffff', line, font, 'font-weight="700"'),
    )
    .join('');
  const titleBottom = titleTop + 34 + title.size + (title.lines.length - 1) * lineHeight;
  const header = isPark ? [model.parkPartOf] : [model.parkName, model.parkPartOf];
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${CARD_WIDTH}" height="${CARD_HEIGHT}" viewBox="0 0 ${CARD_WIDTH} ${CARD_HEIGHT}" xml:lang="${model.lang === 'zh' ? 'zh-CN' : 'en'}">`,
    '<defs><linearGradient id="bg" x1="0" y1="0" x2="1" y2="1"><stop offset="0" stop-color="#0b1628"/><stop offset="1" stop-color="#13233d"/></linearGradient></defs>',
    `<rect width="${CARD_WIDTH}" height="${CARD_HEIGHT}" fill="url(#bg)"/>`,
    `<rect x="0" y="0" width="${CARD_WIDTH}" height="6" fill="#d6b978"/>`,
    markSvg(MARGIN, MARGIN, 56),
    header.length === 2
      ? text(
          MARGIN + 72,
          MARGIN + 24,
          22,
          '#ffffff',
          truncate(header[0]!, 22, TEXT_WIDTH - 72),
          font,
          'font-weight="700"',
        ) + text(MARGIN + 72, MARGIN + 50, 16, '#b3c0d1', truncate(header[1]!, 16, TEXT_WIDTH - 72), font)
      : text(
          MARGIN + 72,
          MARGIN + 36,
          20,
          '#d8dfe8',
          truncate(header[0]!, 20, TEXT_WIDTH - 72),
          font,
          'font-weight="700"',
        ),
    text(
      MARGIN,
      titleTop,
      20,
      '#d6b978',
      truncate(eyebrow, 20, TEXT_WIDTH),
      font,
      `font-weight="700"${model.lang === 'en' ? ' letter-spacing="1.5"' : ' letter-spacing="2"'}`,
    ),
    titleSvg,
    statusPill(model, MARGIN, Math.min(titleBottom + 28, 412), font),
    factsSvg(model.facts, 488, font),
    text(MARGIN, CARD_HEIGHT - 30, 17, '#8194ad', model.host, font),
    panelSvg(model, font),
    '</svg>',
  ].join('');
}
