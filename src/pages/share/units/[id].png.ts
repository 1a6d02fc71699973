/** A unit's share card (404 for an id the catalog lacks); English at /en/share/… by the middleware's rewrite. */
import type { APIRoute } from 'astro';
import { PUBLIC_SITE_URL } from 'astro:env/server';
import { answerShareCard } from '../../../server/share-cards/share-card-response.ts';

export const GET: APIRoute = (context) => answerShareCard(context, PUBLIC_SITE_URL);
