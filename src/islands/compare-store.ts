/**
 * The units a visitor has picked to compare, kept in localStorage so the choice survives navigation and
 * shared between every island on the page (and other tabs).
 */
import { useSyncExternalStore } from 'react';

export const MAX_COMPARE = 4;
/** Where the selection is kept; pages pass it to `client:interaction` so a stored selection shows at once. */
export const COMPARE_STORAGE_KEY = 'aic.compare.v1';
const NAMES_KEY = 'aic.compare.names.v1';
const CHANGE_EVENT = 'aic:compare-change';
const ID_PATTERN = /^[a-z0-9]+-[a-z0-9]+$/;
const EMPTY: string[] = [];

let cached: { raw: string | null; ids: string[] } = { raw: null, ids: EMPTY };

function read(): string[] {
  let raw: string | null;
  try {
    raw = window.localStorage.getItem(COMPARE_STORAGE_KEY);
  } catch {
    return EMPTY; // storage blocked (private mode): comparing still works through links
  }
  if (raw === cached.raw) return cached.ids;
  let ids: string[] = EMPTY;
  try {
    const parsed: unknown = JSON.parse(raw ?? '[]');
    if (Array.isArray(parsed))
      ids = parsed.filter((id): id is string => typeof id === 'string' && ID_PATTERN.test(id)).slice(0, MAX_COMPARE);
  } catch {
    ids = EMPTY;
  }
  cached = { raw, ids };
  return ids;
}

function write(ids: string[]): void {
  try {
    window.localStorage.setItem(COMPARE_STORAGE_KEY, JSON.stringify(ids));
  } catch {
    // Storage unavailable: nothing to persist.
  }
  window.dispatchEvent(new Event(CHANGE_EVENT));
}

function subscribe(onChange: () => void): () => void {
  window.addEventListener(CHANGE_EVENT, onChange);
  window.addEventListener('storage', onChange);
  return () => {
    window.removeEventListener(CHANGE_EVENT, onChange);
    window.removeEventListener('storage', onChange);
  };
}

export interface UnitNames {
  zh: string;
  en: string;
}

/** Remembers what a unit is called, so the tray can name it (building, floor, number) rather than show its id. */
export function rememberUnitName(id: string, names: UnitNames): void {
  try {
    const stored = JSON.parse(window.localStorage.getItem(NAMES_KEY) ?? '{}') as Record<string, UnitNames>;
    const kept = Object.fromEntries(Object.entries(stored).filter(([key]) => read().includes(key) || key === id));
    window.localStorage.setItem(NAMES_KEY, JSON.stringify({ ...kept, [id]: names }));
  } catch {
    // Storage unavailable or garbled: the tray falls back to the id.
  }
}

/** The remembered name of a unit in `lang`, if any. */
export function unitNameOf(id: string, lang: 'zh' | 'en'): string | undefined {
  try {
    const stored = JSON.parse(window.localStorage.getItem(NAMES_KEY) ?? '{}') as Record<string, Partial<UnitNames>>;
    const name = stored[id]?.[lang];
    return typeof name === 'string' ? name : undefined;
  } catch {
    return undefined;
  }
}

/** Adds or removes a unit; returns false when the list is already full. */
export function toggleCompare(id: string): boolean {
  const ids = read();
  if (ids.includes(id)) {
    write(ids.filter((x) => x !== id));
    return true;
  }
  if (ids.length >= MAX_COMPARE) return false;
  write([...ids, id]);
  return true;
}

/** Replaces the whole selection (e.g. from a shared compare link). */
export function setCompare(ids: readonly string[]): void {
  write(ids.filter((id) => ID_PATTERN.test(id)).slice(0, MAX_COMPARE));
}

/** The current selection; empty during server rendering. */
export function useCompareSelection(): string[] {
  return useSyncExternalStore(subscribe, read, () => EMPTY);
}

/** The compare page URL for a selection. */
export function compareHref(basePath: string, ids: readonly string[]): string {
  return ids.length ? `${basePath}?units=${ids.join(',')}` : basePath;
}
