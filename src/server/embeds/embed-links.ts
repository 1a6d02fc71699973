/**
 * What the embed routes add to the links and headers they send: attribution for links out of a widget, and
 * which sites may frame it.
 */
import type { EmbedRow } from '../db/schema.ts';

/** A host name as a partner page reports it (`location.host`), or null when it is not one. */
export function cleanHost(host: string | null | undefined): string | null {
  if (!host) return null;
  const value = host.trim().toLowerCase();
  return /^[a-z0-9.-]{1,200}(:\d{1,5})?$/.test(value) ? value : null;
}

/** Query text for a link out of a widget: embed id and host for the lead's attribution, and UTM tags. */
export function attributionParams(
  embed: Pick<EmbedRow, 'id' | 'name'> | undefined,
  host: string | null,
): URLSearchParams {
  const params = new URLSearchParams();
  if (embed) params.set('embed', embed.id);
  if (host) params.set('embed_host', host);
  params.set('utm_source', host ?? 'embed');
  params.set('utm_medium', 'embed');
  params.set('utm_campaign', embed ? embed.id : 'listings-widget');
  return params;
}

/**
 * The CSP `frame-ancestors` value of an embed route: the embed's allowed sites (plus the portal itself, for
 * the console's preview), or any site.
 */
export function frameAncestors(embed: Pick<EmbedRow, 'allowedHosts'> | undefined): string {
  if (!embed || embed.allowedHosts.length === 0) return '*';
  return ["'self'", ...embed.allowedHosts].join(' ');
}
