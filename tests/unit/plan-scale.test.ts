import { describe, expect, it } from 'vitest';
import { chooseScaleBar, planBoxAspect, simplePixelsPerMetre } from '../../src/lib/plan-scale.ts';

describe('chooseScaleBar', () => {
  it('picks the longest round length that fits', () => {
    expect(chooseScaleBar(5.4, 120)).toEqual({ metres: 20, length: 108 });
    expect(chooseScaleBar(12, 120)).toEqual({ metres: 10, length: 120 });
    expect(chooseScaleBar(30, 120)).toEqual({ metres: 2, length: 60 });
  });

  it('keeps 1–2–5 steps as the zoom changes', () => {
    const shown = [1, 2, 4, 8, 16, 32, 64].map((ppm) => chooseScaleBar(ppm, 100).metres);
    expect(shown).toEqual([100, 50, 20, 10, 5, 2, 1]);
  });

  it('draws in metres for an SVG plan (one drawing unit per metre)', () => {
    expect(chooseScaleBar(1, 62.5 / 4)).toEqual({ metres: 10, length: 10 });
  });

  it('falls back to the shortest bar when even 1 m does not fit', () => {
    expect(chooseScaleBar(200, 120)).toEqual({ metres: 1, length: 200 });
  });

  it('refuses a scale or room that is not a positive number', () => {
    expect(() => chooseScaleBar(0, 100)).toThrow(/Invalid plan scale: 0/);
    expect(() => chooseScaleBar(Number.NaN, 100)).toThrow(RangeError);
    expect(() => chooseScaleBar(1, -5)).toThrow(/Invalid scale bar room: -5/);
  });
});

describe('simplePixelsPerMetre', () => {
  it('doubles with each zoom level and allows fractional zooms', () => {
    expect(simplePixelsPerMetre(0)).toBe(1);
    expect(simplePixelsPerMetre(3)).toBe(8);
    expect(simplePixelsPerMetre(-1)).toBe(0.5);
    expect(simplePixelsPerMetre(2.5)).toBeCloseTo(5.657, 3);
  });
});

describe('planBoxAspect', () => {
  it('follows the plan, a little taller for padding, within 1 and 2.5', () => {
    expect(
      planBoxAspect([
        [0, 0],
        [54, 0],
        [54, 25],
        [0, 25],
      ]),
    ).toBeCloseTo(2, 5);
    expect(
      planBoxAspect([
        [0, 0],
        [10, 0],
        [10, 40],
        [0, 40],
      ]),
    ).toBe(1);
    expect(
      planBoxAspect([
        [0, 0],
        [100, 0],
        [100, 10],
        [0, 10],
      ]),
    ).toBe(2.5);
  });
});
