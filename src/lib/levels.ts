/**
 * Floor levels: 1 is the ground floor, -1 is B1; there is no level 0. URLs use "5" and "b1".
 */
import type { Lang } from '../i18n/lang.ts';

/** The level as it appears in a URL: "5", "b1". */
export function levelParam(level: number): string {
  return level < 0 ? `b${-level}` : String(level);
}

/** Parses a URL level ("5", "b1", "B1"); undefined for anything else. */
export function parseLevelParam(param: string | undefined): number | undefined {
  if (!param) return undefined;
  const match = /^(b)?([1-9]\d?)$/i.exec(param);
  if (!match) return undefined;
  const n = Number(match[2]);
  return match[1] ? -n : n;
}

/** Short label for directories and plans: "5F"/"B1". */
export function levelShort(level: number): string {
  return level < 0 ? `B${-level}` : `${level}F`;
}

/** Label in running text: "5层"/"Level 5", "地下1层"/"Basement 1". */
export function levelLabel(level: number, lang: Lang): string {
  if (lang === 'zh') return level < 0 ? `地下${-level}层` : `${level}层`;
  return level < 0 ? `Basement ${-level}` : `Level ${level}`;
}
