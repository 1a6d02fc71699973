import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';

const root = join(import.meta.dirname, '..', '..');
const copies: string[] = [];

/** A throw-away copy of data/ with one change made to it. */
function brokenCopy(file: string, change: (json: any) => void): string {
  const dir = join(mkdtempSync(join(tmpdir(), 'catalog-')), 'data');
  cpSync(join(root, 'data'), dir, { recursive: true });
  copies.push(dir);
  const path = join(dir, file);
  const json = JSON.parse(readFileSync(path, 'utf8'));
  change(json);
  writeFileSync(path, JSON.stringify(json, null, 2));
  return dir;
}

function dataCheck(dir: string) {
  const result = spawnSync(process.execPath, [join(root, 'scripts', 'check-data.ts'), dir], { encoding: 'utf8' });
  return { status: result.status, output: `${result.stdout}${result.stderr}` };
}

afterEach(() => {
  for (const dir of copies.splice(0)) rmSync(join(dir, '..'), { recursive: true, force: true });
});

describe('npm run data:check', () => {
  it('passes on the shipped catalog and says what it checked', () => {
    const { status, output } = dataCheck(join(root, 'data'));
    expect(status).toBe(0);
    expect(output).toMatch(/4 buildings \(78,000 m²\), 39 floors, \d{3} units/);
  });

  it('names the file, the unit and the field of a wrong type', () => {
    let id = '';
    const dir = brokenCopy('units/rd-1.json', (json) => {
      id = json.items[4].id;
      json.items[4].grossArea = 'big';
    });
    const { status, output } = dataCheck(dir);
    expect(status).toBe(1);
    expect(output).toContain(
      `data/units/rd-1.json › ${id} › grossArea: Invalid input: expected number, received string`,
    );
  });

  it('names the base-map feature that is not marked approximate', () => {
    const dir = brokenCopy('base-map.json', (json) => {
      json.features.find((f: { id: string }) => f.id === 'fangshan-line').properties.approximate = false;
    });
    const { status, output } = dataCheck(dir);
    expect(status).toBe(1);
    expect(output).toContain(
      'data/base-map.json › fangshan-line › properties.approximate: every base-map feature is drawn from public knowledge',
    );
  });

  it('refuses a unit on a floor that does not exist', () => {
    const dir = brokenCopy('units/rd-3.json', (json) => {
      json.items[0].level = 40;
    });
    const { status, output } = dataCheck(dir);
    expect(status).toBe(1);
    expect(output).toContain(
      'data/units/rd-3.json › r3-0101 › level: is on level 40 of rd-3, which no floor file defines',
    );
  });

  it('refuses areas that do not add up to the park total', () => {
    const dir = brokenCopy('buildings.json', (json) => {
      json.items[0].grossArea = 22_400;
    });
    const { status, output } = dataCheck(dir);
    expect(status).toBe(1);
    expect(output).toContain(
      "data/buildings.json › (all buildings) › grossArea: the buildings add up to 77900 m², but park.json's totalFloorArea is 78000 m²",
    );
    expect(output).toContain('data/buildings.json › rd-1 › grossArea: is 22400 m², but its floors add up to 22500 m²');
  });

  it('refuses duplicate unit ids', () => {
    const dir = brokenCopy('units/rd-2.json', (json) => {
      json.items[1].id = json.items[0].id;
    });
    const { status, output } = dataCheck(dir);
    expect(status).toBe(1);
    expect(output).toContain('r2-0101 › id: this id is used by more than one unit');
  });

  it('refuses an outline outside its floor, and units that overlap', () => {
    const dir = brokenCopy('units/rd-1.json', (json) => {
      const unit = json.items.find((u: { id: string }) => u.id === 'r1-0501');
      unit.outline = [
        [-5, 0],
        [10, 0],
        [10, 11],
        [-5, 11],
      ];
      const other = json.items.find((u: { id: string }) => u.id === 'r1-0601');
      other.outline = [
        [0, 0],
        [20, 0],
        [20, 11],
        [0, 11],
      ];
    });
    const { status, output } = dataCheck(dir);
    expect(status).toBe(1);
    expect(output).toContain('data/units/rd-1.json › r1-0501 › outline: lies outside the outline of floor rd-1-5');
    expect(output).toContain('r1-0602 › outline: overlaps unit r1-0601 on floor rd-1-6');
  });

  it('says which file is not valid JSON', () => {
    const dir = brokenCopy('amenities.json', () => {});
    writeFileSync(join(dir, 'amenities.json'), '{ "items": [ ');
    const { status, output } = dataCheck(dir);
    expect(status).toBe(1);
    expect(output).toMatch(/data\/amenities\.json › \(file\): is not valid JSON/);
  });
});
