/**
 * References people can read out on the phone: a prefix and six characters of Crockford's base 32 (no I, L, O,
 * U, so nothing is mistaken for a digit). Leads are "AIC-…", tours "TR-…".
 */
import { randomInt } from 'node:crypto';

const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

export function newReference(prefix: 'AIC' | 'TR'): string {
  let code = '';
  for (let i = 0; i < 6; i++) code += ALPHABET[randomInt(ALPHABET.length)];
  return `${prefix}-${code}`;
}

export const newLeadReference = () => newReference('AIC');
