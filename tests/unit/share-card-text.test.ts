import { describe, expect, it } from 'vitest';
import {
  escapeXml,
  estimateWidthEm,
  fitLines,
  fitTitle,
  textContent,
  truncate,
} from '../../src/server/share-cards/card-text.ts';

describe('share card text', () => {
  it('escapes everything XML gives meaning to', () => {
    expect(escapeXml(`R&D <"Lab"> 'A'`)).toBe('R&amp;D &lt;&quot;Lab&quot;&gt; &apos;A&apos;');
  });

  it('draws middle dots in a Latin face, so a CJK font cannot make them full-width', () => {
    expect(textContent('Level 10 · Unit 1001')).toMatch(
      /Level 10 <tspan font-family="[^"]*Liberation Sans[^"]*">·<\/tspan> Unit 1001/,
    );
  });

  it('counts a Chinese character as a full em and Latin letters as about half', () => {
    expect(estimateWidthEm('科研楼')).toBe(3);
    expect(estimateWidthEm('abc')).toBeGreaterThan(1.2);
    expect(estimateWidthEm('abc')).toBeLessThan(2);
  });

  it('keeps parts whole and breaks between them', () => {
    expect(fitLines(['R&D Building 2', 'Level 12', 'Unit 1201'], 52, 560, 2, ' · ')).toEqual([
      'R&D Building 2',
      'Level 12 · Unit 1201',
    ]);
    expect(fitLines(['R&D Building 2', 'Level 12', 'Unit 1201'], 68, 300, 2, ' · ')).toBeNull();
  });

  it('prefers one line at a large size over two lines at the largest', () => {
    const title = fitTitle(['科研2号楼', '1层', '102'], [68, 60, 52, 46, 40], 560, 2);
    expect(title).toEqual({ size: 60, lines: ['科研2号楼 1层 102'] });
  });

  it('cuts a name that fits at no size with an ellipsis instead of running off the card', () => {
    const title = fitTitle(['一个非常非常非常非常非常非常非常非常长的楼宇名称'], [68, 40], 560, 2);
    expect(title.size).toBe(40);
    expect(title.lines[0]).toMatch(/…$/);
    expect(estimateWidthEm(title.lines[0]!, true) * 40).toBeLessThanOrEqual(560);
    expect(truncate('short', 20, 560)).toBe('short');
  });
});
