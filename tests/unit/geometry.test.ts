import { describe, expect, it } from 'vitest';
import {
  isPolygonInside,
  locatePoint,
  polygonArea,
  polygonsOverlap,
  sharedBoundaryLength,
  type Point,
} from '../../src/lib/geometry.ts';

const rect = (x0: number, y0: number, x1: number, y1: number): Point[] => [
  [x0, y0],
  [x1, y0],
  [x1, y1],
  [x0, y1],
];
const floor = rect(0, 0, 62.5, 30);
const cShape: Point[] = [
  [0, 0],
  [31.25, 0],
  [31.25, 11],
  [22.25, 11],
  [22.25, 19],
  [31.25, 19],
  [31.25, 30],
  [0, 30],
];

describe('geometry', () => {
  it('measures rectangles and C-shaped outlines', () => {
    expect(polygonArea(rect(0, 0, 12.5, 11))).toBe(137.5);
    expect(polygonArea(cShape)).toBe(31.25 * 30 - 9 * 8);
  });

  it('tells inside, boundary and outside apart', () => {
    expect(locatePoint([1, 1], floor)).toBe('inside');
    expect(locatePoint([0, 5], floor)).toBe('boundary');
    expect(locatePoint([70, 5], floor)).toBe('outside');
    expect(locatePoint([28, 15], cShape)).toBe('outside');
  });

  it('accepts an outline that touches the floor edge and refuses one that crosses it', () => {
    expect(isPolygonInside(rect(0, 0, 10, 11), floor)).toBe(true);
    expect(isPolygonInside(rect(55, 0, 65, 11), floor)).toBe(false);
  });

  it('does not count a shared wall as overlap, but does count shared area', () => {
    expect(polygonsOverlap(rect(0, 0, 10, 11), rect(10, 0, 20, 11))).toBe(false);
    expect(polygonsOverlap(rect(0, 0, 10, 11), rect(9, 0, 20, 11))).toBe(true);
    expect(polygonsOverlap(rect(0, 0, 10, 11), rect(0, 0, 10, 11))).toBe(true);
    expect(polygonsOverlap(cShape, rect(25, 12, 30, 18))).toBe(false);
    expect(polygonsOverlap(cShape, rect(20, 12, 30, 18))).toBe(true);
  });

  it('measures the wall two units share', () => {
    expect(sharedBoundaryLength(rect(0, 0, 10, 11), rect(10, 0, 20, 11))).toBe(11);
    expect(sharedBoundaryLength(rect(0, 0, 10, 11), rect(10, 5, 20, 30))).toBe(6);
    expect(sharedBoundaryLength(rect(0, 0, 10, 11), rect(0, 19, 10, 30))).toBe(0);
  });
});
