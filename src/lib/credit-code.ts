/**
 * The unified social credit code (统一社会信用代码, GB 32100-2015): 18 characters from a 31-character set
 * (digits and capitals without I, O, Z, S, V); the last is a check character over the first 17.
 */
const CHARSET = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];

/**
 * The check character for the first 17 characters, or undefined if they use a character outside the set.
 * @internal Exported for tests/unit/lead-input.test.ts.
 */
export function creditCodeCheckCharacter(first17: string): string | undefined {
  if (first17.length !== 17) return undefined;
  let sum = 0;
  for (let i = 0; i < 17; i++) {
    const value = CHARSET.indexOf(first17[i]!);
    if (value < 0) return undefined;
    sum += value * WEIGHTS[i]!;
  }
  return CHARSET[(31 - (sum % 31)) % 31];
}

/** Upper-cases and drops spaces, as people paste codes from licences. */
export function normalizeCreditCode(code: string): string {
  return code.replace(/\s+/g, '').toUpperCase();
}

/** True for an 18-character code whose check character is right. */
export function isValidCreditCode(code: string): boolean {
  return /^[0-9A-HJ-NPQRTUWXY]{18}$/.test(code) && creditCodeCheckCharacter(code.slice(0, 17)) === code[17];
}
