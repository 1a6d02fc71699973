/**
 * The two languages say the same things: the zh and en dictionaries have exactly the same keys, deeply (nested
 * objects, lists of the same length, functions of the same arity), and each message fills the same `{name}`
 * placeholders. The type `Messages` catches a missing key at build time; this also catches an extra key, a
 * placeholder left out of a translation, and whatever a cast let through.
 */
import { describe, expect, it } from 'vitest';
import { consoleLabels } from '../../src/i18n/console-labels.ts';
import { en } from '../../src/i18n/messages/en.ts';
import { zh } from '../../src/i18n/messages/zh.ts';

/** One line per leaf: its path and what kind of value it is, with the placeholders a string fills. */
function shape(value: unknown, path = ''): string[] {
  if (typeof value === 'string') {
    const placeholders = [...new Set([...value.matchAll(/\{(\w+)\}/g)].map((match) => match[1]))].sort();
    return [`${path}: string${placeholders.length > 0 ? ` {${placeholders.join(', ')}}` : ''}`];
  }
  if (typeof value === 'function') return [`${path}: function/${value.length}`];
  if (Array.isArray(value)) {
    return [`${path}: list of ${value.length}`, ...value.flatMap((item, index) => shape(item, `${path}[${index}]`))];
  }
  if (value !== null && typeof value === 'object') {
    return Object.keys(value)
      .sort()
      .flatMap((key) => shape((value as Record<string, unknown>)[key], path ? `${path}.${key}` : key));
  }
  return [`${path}: ${typeof value}`];
}

describe('the zh and en dictionaries', () => {
  it('have the same keys, lists and placeholders', () => {
    expect(shape(en)).toEqual(shape(zh));
  });

  it('hold no empty English message where the Chinese one has words', () => {
    // A word order key (e.g. `fromPrefix`) may be empty in one language; it must not be empty in both by mistake
    // of copying, and an English message left blank is a missing translation.
    const blanks = shape(zh)
      .map((line) => line.split(':')[0])
      .filter((path) => read(en, path) === '' && read(zh, path) !== '' && !/(Prefix|Suffix)$/.test(path));
    expect(blanks).toEqual([]);
  });

  it('shape notices a difference', () => {
    expect(shape({ a: { b: 'x {n}' } })).not.toEqual(shape({ a: { b: 'x' } }));
    expect(shape({ a: (x: number) => x })).not.toEqual(shape({ a: () => 1 }));
    expect(shape({ a: ['x'] })).not.toEqual(shape({ a: ['x', 'y'] }));
    expect(shape({ a: 'x' })).not.toEqual(shape({ a: 'x', b: 'y' }));
  });
});

describe('the console labels', () => {
  it('have the same keys and placeholders in zh and en', () => {
    expect(shape(consoleLabels('en'))).toEqual(shape(consoleLabels('zh')));
  });
});

function read(root: unknown, path: string): unknown {
  return path
    .split(/\.|\[(\d+)\]/)
    .filter((part) => part !== undefined && part !== '')
    .reduce<unknown>((node, key) => (node as Record<string, unknown> | undefined)?.[key], root);
}
