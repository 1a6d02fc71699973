/**
 * The drawings on share cards, as SVG strings in card pixels: a floor plan with one unit marked (as
 * FloorPlanSvg.astro draws it on the unit page) and building elevations, floor bands filled by available area
 * (as BuildingElevation.astro draws them). Same geometry (lib/geometry.ts) and colours as the pages.
 */
import { boundingBox, polygonCentroid, type Ring } from '../../lib/geometry.ts';
import { levelShort } from '../../lib/levels.ts';
import { FEATURE_FILL, HIGHLIGHT, STATUS_FILL, STATUS_STROKE } from '../../lib/plan-colours.ts';
import type { CardDrawing, ElevationColumn } from './card-model.ts';
import { escapeXml } from './card-text.ts';

export interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
}

const num = (n: number) => (Math.round(n * 10) / 10).toString();

/** A floor plan fitted into `box`, north up, the unit `highlightId` in gold and labelled. */
export function planSvg(drawing: Extract<CardDrawing, { kind: 'plan' }>, box: Box, font: string): string {
  const [minX, minY, maxX, maxY] = boundingBox(drawing.floor.outline);
  const scale = Math.min(box.width / (maxX - minX), box.height / (maxY - minY));
  const left = box.x + (box.width - (maxX - minX) * scale) / 2;
  const top = box.y + (box.height - (maxY - minY) * scale) / 2;
  const at = ([x, y]: readonly [number, number]) => [left + (x - minX) * scale, top + (maxY - y) * scale] as const;
  const points = (ring: Ring) => ring.map((p) => at(p).map(num).join(',')).join(' ');
  const parts = [
    `<polygon points="${points(drawing.floor.outline)}" fill="#f5f7fa" stroke="#13233d" stroke-width="2"/>`,
  ];
  const highlight = drawing.units.find((u) => u.id === drawing.highlightId);
  for (const u of drawing.units) {
    if (u === highlight) continue;
    parts.push(
      `<polygon points="${points(u.outline)}" fill="${STATUS_FILL[u.state.status]}" stroke="${STATUS_STROKE[u.state.status]}" stroke-width="1"/>`,
    );
  }
  if (highlight) {
    // After its neighbours, so its outline is whole above theirs; lifts and stairs go over it (a whole floor).
    parts.push(
      `<polygon points="${points(highlight.outline)}" fill="${HIGHLIGHT.fill}" stroke="${HIGHLIGHT.stroke}" stroke-width="3.5" stroke-linejoin="round"/>`,
    );
  }
  for (const f of drawing.floor.features.filter((f) => f.kind !== 'core')) {
    parts.push(
      `<polygon points="${points(f.outline)}" fill="${FEATURE_FILL[f.kind] ?? '#d8dfe8'}" stroke="#58708f" stroke-width="0.75"/>`,
    );
  }
  if (highlight) {
    const [cx, cy] = at(polygonCentroid(highlight.outline));
    const [x0, y0, x1, y1] = boundingBox(highlight.outline);
    const size = Math.max(11, Math.min(20, ((x1 - x0) * scale) / 4, ((y1 - y0) * scale) / 2.2));
    const label = `x="${num(cx)}" y="${num(cy + size * 0.36)}" font-family="${font}" font-size="${num(size)}" font-weight="700" text-anchor="middle"`;
    parts.push(`<text ${label} fill="#13233d">${escapeXml(highlight.number)}</text>`);
  }
  const bottom = top + (maxY - minY) * scale;
  parts.push(scaleBarSvg(left, bottom + 30, drawing.scaleBar.metres * scale, drawing.scaleBar.label, font));
  parts.push(northArrowSvg(box.x + box.width - 14, box.y - 30, drawing.north, font));
  return parts.join('');
}

/** A scale bar of `length` px from (x, y), labelled with what it measures. */
function scaleBarSvg(x: number, y: number, length: number, label: string, font: string): string {
  const ink = '#b3c0d1';
  return (
    `<path d="M${num(x)} ${num(y - 6)}V${num(y)}H${num(x + length)}V${num(y - 6)}" fill="none" stroke="${ink}" stroke-width="2"/>` +
    `<text x="${num(x + length + 10)}" y="${num(y + 1)}" font-family="${font}" font-size="15" fill="${ink}">${escapeXml(label)}</text>`
  );
}

/** A north arrow centred on (x, y): plans are drawn north up. */
function northArrowSvg(x: number, y: number, label: string, font: string): string {
  return (
    `<path d="M${num(x)} ${num(y - 14)}L${num(x + 7)} ${num(y + 6)}L${num(x)} ${num(y + 2)}L${num(x - 7)} ${num(y + 6)}Z" fill="#d6b978"/>` +
    `<text x="${num(x)}" y="${num(y + 24)}" font-family="${font}" font-size="14" font-weight="700" text-anchor="middle" fill="#d6b978">${escapeXml(label)}</text>`
  );
}

/**
 * Elevations side by side, bottom-aligned on the ground line (basements below it), each floor a band filled in
 * proportion to its available area, the building's code under each.
 */
export function elevationsSvg(columns: readonly ElevationColumn[], box: Box, font: string): string {
  const gap = columns.length > 1 ? 28 : 0;
  const labelWidth = columns.length > 1 ? 0 : 46;
  const codeHeight = columns.length > 1 ? 34 : 0;
  const above = Math.max(...columns.map((c) => c.floors.filter((f) => f.floor.level > 0).length));
  const below = Math.max(...columns.map((c) => c.floors.filter((f) => f.floor.level < 0).length));
  const pitch = Math.min(34, (box.height - codeHeight - 10) / (above + below));
  const bandHeight = pitch - Math.max(3, pitch * 0.16);
  const columnWidth = Math.min(
    columns.length > 1 ? 96 : 300,
    (box.width - labelWidth - gap * (columns.length - 1)) / columns.length,
  );
  const totalWidth = labelWidth + columns.length * columnWidth + gap * (columns.length - 1);
  const left = box.x + (box.width - totalWidth) / 2 + labelWidth;
  const groundY = box.y + (box.height - codeHeight - (above + below) * pitch) / 2 + above * pitch + 4;
  const parts: string[] = [];
  columns.forEach((column, i) => {
    const x = left + i * (columnWidth + gap);
    for (const f of column.floors) {
      const y =
        f.floor.level > 0
          ? groundY - f.floor.level * pitch
          : groundY - (f.floor.level + 1) * pitch + (pitch - bandHeight);
      const share = f.leasableArea > 0 ? f.availableArea / f.leasableArea : 0;
      const base = f.leasableArea > 0 ? '#d8dfe8' : column.isService ? '#efe3c6' : '#ebeff4';
      parts.push(
        `<rect x="${num(x)}" y="${num(y)}" width="${num(columnWidth)}" height="${num(bandHeight)}" rx="2.5" fill="${base}"/>`,
      );
      if (share > 0)
        parts.push(
          `<rect x="${num(x)}" y="${num(y)}" width="${num(columnWidth * share)}" height="${num(bandHeight)}" rx="2.5" fill="#1f9d6b"/>`,
        );
      if (labelWidth > 0) {
        parts.push(
          `<text x="${num(x - 12)}" y="${num(y + bandHeight / 2 + 5)}" font-family="${font}" font-size="14" text-anchor="end" fill="#8194ad">${levelShort(f.floor.level)}</text>`,
        );
      }
    }
    if (codeHeight > 0) {
      const at = `x="${num(x + columnWidth / 2)}" y="${num(groundY + below * pitch + 30)}"`;
      parts.push(
        `<text ${at} font-family="${font}" font-size="18" font-weight="700" text-anchor="middle" fill="#d8dfe8">${escapeXml(column.code)}</text>`,
      );
    }
  });
  parts.push(
    `<rect x="${num(left - 8)}" y="${num(groundY)}" width="${num(totalWidth - labelWidth + 16)}" height="3" fill="#58708f"/>`,
  );
  return parts.join('');
}
