/**
 * Finding a unit by what a person types: its display name in Chinese or English ("科研2号楼 102", "R&D 2 102"),
 * the building code and number ("R2-102") or its catalog id. Pure and shared: the contact form's unit picker
 * filters with `matchUnitChoices`; the server turns a typed reference into an id with `resolveUnitRef`.
 */
export interface UnitChoice {
  id: string;
  /** Display names (formatUnitName) in zh and en. */
  zh: string;
  en: string;
  /** Other names people use: building code + number, building name + number. */
  aliases: string[];
}

export type UnitRefResolution =
  | { ok: true; id: string }
  | { ok: false; reason: 'unknown' }
  | { ok: false; reason: 'ambiguous'; choices: UnitChoice[] };

const SEPARATORS = /[\s·•,，、;；/|()（）]+/;
const HAS_CJK = /[\u3400-\u9fff]/;

function tokensOf(text: string): string[] {
  return text.toLowerCase().split(SEPARATORS).filter(Boolean);
}

function compact(text: string): string {
  return tokensOf(text).join('');
}

function wordsOf(choice: UnitChoice): string[] {
  return [choice.id, choice.zh, choice.en, ...choice.aliases].flatMap(tokensOf);
}

/** 2 = every typed word is one of the unit's words; 1 = every typed word starts one (or, in Chinese, lies inside one); 0 = no match. */
function matchStrength(queryTokens: readonly string[], choice: UnitChoice): 0 | 1 | 2 {
  if (queryTokens.length === 0) return 0;
  const words = wordsOf(choice);
  if (queryTokens.every((t) => words.includes(t))) return 2;
  const isPartial = queryTokens.every((t) => words.some((w) => w.startsWith(t) || (HAS_CJK.test(t) && w.includes(t))));
  return isPartial ? 1 : 0;
}

/** The choices matching a typed query, whole-word matches first, at most `limit`. */
export function matchUnitChoices(query: string, choices: readonly UnitChoice[], limit = 8): UnitChoice[] {
  const tokens = tokensOf(query);
  const scored = choices
    .map((choice) => ({ choice, strength: matchStrength(tokens, choice) }))
    .filter((s) => s.strength > 0);
  scored.sort((a, b) => b.strength - a.strength);
  return scored.slice(0, limit).map((s) => s.choice);
}

/** One typed reference as a unit id: an id, a whole name or alias, or words that fit exactly one unit. */
export function resolveUnitRef(ref: string, choices: readonly UnitChoice[]): UnitRefResolution {
  const wanted = ref.trim().toLowerCase();
  const byId = choices.find((c) => c.id === wanted);
  if (byId) return { ok: true, id: byId.id };
  const whole = compact(ref);
  const named = choices.filter((c) => [c.zh, c.en, ...c.aliases].some((n) => compact(n) === whole));
  if (named.length === 1) return { ok: true, id: named[0]!.id };
  const tokens = tokensOf(ref);
  const exact = choices.filter((c) => matchStrength(tokens, c) === 2);
  const found =
    named.length > 1 ? named : exact.length > 0 ? exact : choices.filter((c) => matchStrength(tokens, c) === 1);
  if (found.length === 1) return { ok: true, id: found[0]!.id };
  if (found.length === 0) return { ok: false, reason: 'unknown' };
  return { ok: false, reason: 'ambiguous', choices: found.slice(0, 8) };
}
