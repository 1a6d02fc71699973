/**
 * The units a visitor has picked to compare, kept in localStorage so the choice survives navigation and
 * shared between every island on the page (and other tabs).
 */
import { useSyncExternalStore } from 'react';

export const MAX_COMPARE = 4;
const STORAGE_KEY = 'aic.compare.v1';
const CHANGE_EVENT = 'aic:compare-change';
const ID_PATTERN = /^[a-z0-9]+-[a-z0-9]+$/;
const EMPTY: string[] = [];

let cached: { raw: string | null; ids: string[] } = { raw: null, ids: EMPTY };

function read(): string[] {
  let raw: string | null = null;
  try {
    raw = window.localStorage.getItem(STORAGE_KEY);
  } catch {
    return EMPTY; // storage blocked (private mode): comparing still works through links
  }
  if (raw === cached.raw) return cached.ids;
  let ids: string[] = EMPTY;
  try {
    const parsed: unknown = JSON.parse(raw ?? '[]');
    if (Array.isArray(parsed)) ids = parsed.filter((id): id is string => typeof id === 'string' && ID_PATTERN.test(id)).slice(0, MAX_COMPARE);
  } catch {
    ids = EMPTY;
  }
  cached = { raw, ids };
  return ids;
}

function write(ids: string[]): void {
  try {
    window.localStorage.setItem(STORAGE_KEY, JSON.stringify(ids));
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
