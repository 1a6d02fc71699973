import { describe, expect, it } from 'vitest';
import { parseUnitSearchParams } from '../../src/lib/unit-search-query.ts';
import { alertLikeUnit, savedSearchOf } from '../../src/lib/saved-search.ts';
import { paramsToForm } from '../../src/islands/UnitSearch.tsx';

const parse = (query: string) => parseUnitSearchParams(new URLSearchParams(query));

describe('unit search parameters', () => {
  it('reads a typical search and fills in the defaults', () => {
    expect(parse('building=rd-1&minArea=500&maxRent=6')).toEqual({
      ok: true,
      query: { building: 'rd-1', minArea: 500, maxRent: '6', status: 'available', sort: 'rent-asc', page: 1 },
    });
  });

  it('treats empty form fields and unknown parameters as absent', () => {
    expect(parse('minArea=&maxArea=&utm_source=wechat&fitOut=')).toEqual({
      ok: true,
      query: { status: 'available', sort: 'rent-asc', page: 1 },
    });
  });

  it('accepts repeated and comma-separated fit-outs', () => {
    const result = parse('fitOut=bare&fitOut=standard,furnished');
    expect(result.ok && result.query.fitOut).toEqual(['bare', 'standard', 'furnished']);
  });

  it.each([
    ['minArea=abc', 'minArea', 'not_a_number'],
    ['minArea=-5', 'minArea', 'too_small'],
    ['minArea=900&maxArea=100', 'maxArea', 'reversed_range'],
    ['minRent=7&maxRent=5.5', 'maxRent', 'reversed_range'],
    ['minFloor=9&maxFloor=2', 'maxFloor', 'reversed_range'],
    ['maxRent=1e3', 'maxRent', 'not_a_number'],
    ['minFloor=0', 'minFloor', 'not_a_level'],
    ['minFloor=2.5', 'minFloor', 'not_a_level'],
    ['fitOut=marble', 'fitOut', 'invalid_option'],
    ['availableBy=2027-13-01', 'availableBy', 'not_a_date'],
    ['sort=random', 'sort', 'invalid_option'],
    ['page=0', 'page', 'too_small'],
    ['page=1.5', 'page', 'not_a_number'],
    ['minPower=Infinity', 'minPower', 'not_a_number'],
    [`building=${'x'.repeat(100)}`, 'building', 'invalid_option'],
    ['building=<script>', 'building', 'invalid_option'],
  ])('refuses %s with a code on the field', (query, field, code) => {
    expect(parse(query)).toEqual({ ok: false, errors: [{ field, code }] });
  });

  it('reports every bad field, not only the first', () => {
    const result = parse('minArea=abc&maxRent=x&sort=up');
    expect(result.ok ? [] : result.errors.map((e) => e.field).sort()).toEqual(['maxRent', 'minArea', 'sort']);
  });
});

describe('an "available by" month', () => {
  it('means the end of that month, in the search and in the form the page shows', () => {
    expect(parse('availableBy=2027-02')).toMatchObject({ ok: true, query: { availableBy: '2027-02-28' } });
    expect(parse('availableBy=2028-02')).toMatchObject({ ok: true, query: { availableBy: '2028-02-29' } });
    expect(paramsToForm(new URLSearchParams('availableBy=2027-02')).availableBy).toBe('2027-02-28');
    expect(paramsToForm(new URLSearchParams('availableBy=2027-02-10')).availableBy).toBe('2027-02-10');
    expect(paramsToForm(new URLSearchParams('availableBy=soon')).availableBy).toBe('soon');
  });
});

describe('an alert for space like a unit coming free', () => {
  it('watches its building and area ±20 % with the shortest horizon that reaches the day, as a valid saved search', () => {
    const unit = { building: 'rd-2', grossArea: 187.5 };
    const query = alertLikeUnit(unit, '2027-02-02', '2026-12-03');
    expect(Object.fromEntries(new URLSearchParams(query))).toEqual({
      building: 'rd-2',
      minArea: '150',
      maxArea: '225',
      horizonDays: '90',
    });
    expect(new URLSearchParams(alertLikeUnit(unit, '2027-03-04', '2026-12-03')).get('horizonDays')).toBe('180');
    expect(new URLSearchParams(alertLikeUnit(unit, '2027-12-03', '2026-12-03')).get('horizonDays')).toBe('365');
    // A lease over but not yet marked free: still a horizon that counts leased units, not "available now only".
    expect(new URLSearchParams(alertLikeUnit(unit, '2026-12-03', '2026-12-03')).get('horizonDays')).toBe('90');
    // Valid against the park's buildings by slug, as the sign-up checks it.
    expect(savedSearchOf(new URLSearchParams(query), new Set(['rd-2']))).toMatchObject({
      ok: true,
      query: 'building=rd-2&minArea=150&maxArea=225',
    });
  });
});
