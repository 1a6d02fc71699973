/**
 * What marketing sets for an embed, validated: a name, unit filters (the same parameters as /units), a theme
 * colour, a language, and the host sites allowed to frame it.
 */
import { z } from 'astro/zod';
import { parseUnitSearchParams } from '../../lib/unit-search-query.ts';

const host = z
  .string()
  .trim()
  .toLowerCase()
  .regex(/^(\*\.)?[a-z0-9-]+(\.[a-z0-9-]+)*(:\d{1,5})?$/, 'invalid_host');

export const embedInput = z.object({
  name: z.string().trim().min(1).max(80),
  filters: z
    .string()
    .trim()
    .max(500)
    .refine((f) => parseUnitSearchParams(new URLSearchParams(f)).ok, 'invalid_filters'),
  themeColor: z.string().regex(/^#[0-9a-fA-F]{6}$/, 'invalid_color'),
  lang: z.enum(['zh', 'en']),
  allowedHosts: z
    .string()
    .max(1000)
    .transform((s) => s.split(/[\s,]+/).filter(Boolean))
    .pipe(z.array(host).max(20)),
});
