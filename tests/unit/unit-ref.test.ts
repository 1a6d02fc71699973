import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { matchUnitChoices, resolveUnitRef } from '../../src/lib/unit-ref.ts';
import { readCatalog } from '../../src/server/catalog/read-catalog.ts';
import { unitChoices } from '../../src/server/catalog/unit-choices.ts';

const choices = unitChoices(readCatalog(join(import.meta.dirname, '..', '..', 'data')));

describe('finding a unit by what a person types', () => {
  it.each([
    ['r2-0102', 'r2-0102'],
    ['R2-0102', 'r2-0102'],
    ['科研2号楼 102', 'r2-0102'],
    ['科研2号楼102', 'r2-0102'],
    ['科研2号楼 1层 102', 'r2-0102'],
    ['R&D 2 102', 'r2-0102'],
    ['R&D Building 2 · Level 1 · Unit 102', 'r2-0102'],
    ['R2-102', 'r2-0102'],
    ['配套服务楼 401', 'sv-0401'],
  ])('reads %s as %s', (typed, id) => {
    expect(resolveUnitRef(typed, choices)).toEqual({ ok: true, id });
  });

  it('names every unit a bare number could be', () => {
    const found = resolveUnitRef('103', choices);
    expect(found.ok).toBe(false);
    expect(!found.ok && found.reason === 'ambiguous' && found.choices.map((c) => c.id)).toEqual([
      'r1-0103',
      'r2-0103',
      'r3-0103',
    ]);
  });

  it('refuses a unit that does not exist', () => {
    expect(resolveUnitRef('科研9号楼 102', choices)).toEqual({ ok: false, reason: 'unknown' });
    expect(resolveUnitRef('r9-9999', choices)).toEqual({ ok: false, reason: 'unknown' });
  });

  it('offers units while a name is half typed, in either language', () => {
    expect(matchUnitChoices('科研2号楼 10', choices).map((c) => c.id)).toContain('r2-0102');
    expect(matchUnitChoices('R&D 2 102', choices)[0]!.id).toBe('r2-0102');
    expect(matchUnitChoices('2号楼 102', choices)[0]!.id).toBe('r2-0102');
    expect(matchUnitChoices('nothing like it', choices)).toEqual([]);
  });
});
