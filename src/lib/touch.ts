/**
 * A touch: how a visit came to the portal: the campaign (UTM parameters), an outside referrer, the landing page
 * and, for visits through an embedded listing, the embed. Stored with leads and inquiries (server/db/schema.ts)
 * and read from the attribution cookies (server/leads/attribution.ts).
 */
import { z } from 'astro/zod';

const text = (max: number) => z.string().trim().max(max);

export const touchSchema = z.object({
  utm: z
    .object({
      source: text(100).optional(),
      medium: text(100).optional(),
      campaign: text(150).optional(),
      term: text(100).optional(),
      content: text(100).optional(),
    })
    .optional(),
  referrer: text(300).optional(),
  landingPage: text(300),
  embed: z.object({ id: text(64), host: text(200).optional() }).optional(),
  at: z.iso.datetime(),
});

export type Touch = z.infer<typeof touchSchema>;
