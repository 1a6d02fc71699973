/**
 * Lead references people can read out on the phone: "AIC-" and six characters of Crockford's base 32
 * (no I, L, O, U, so nothing is mistaken for a digit).
 */
import { randomInt } from 'node:crypto';

const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

export function newLeadReference(): string {
  let code = '';
  for (let i = 0; i < 6; i++) code += ALPHABET[randomInt(ALPHABET.length)];
  return `AIC-${code}`;
}
