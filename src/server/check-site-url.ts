/**
 * PUBLIC_SITE_URL is where every absolute link of the portal points: the flyer's QR code, share links, canonical
 * tags, the embed snippet, the feed and the sitemap. Left at its default (http://localhost:4321) on a server,
 * all of them point at the reader's own machine. This module says so at start-up, refuses a production start
 * without it, notices requests that arrive under another host name, and keeps the warning for the console's
 * banner (admins see it on every console page).
 */
import { log } from './log.ts';

export type SiteUrlWarning = { siteUrl: string; reason: 'unset' } | { siteUrl: string; reason: 'other_host'; host: string };

const LOOPBACK_HOST = /^(localhost|127(\.\d{1,3}){3}|\[::1\])(:\d+)?$/i;
/** Distinct foreign hosts logged per process, so a scan with random Host headers cannot flood the log. */
const MAX_LOGGED_HOSTS = 5;

let startupWarning: SiteUrlWarning | undefined;
let otherHostWarning: SiteUrlWarning | undefined;
const loggedHosts = new Set<string>();

/** Raised for a production start without PUBLIC_SITE_URL; the message names the variable and an example. */
export class SiteUrlMissingError extends Error {
  constructor() {
    super(
      'PUBLIC_SITE_URL is not set, and NODE_ENV=production. Every absolute link the portal makes (the flyer QR code, ' +
        'share links, canonical tags, the embed snippet, feed and sitemap) would point to http://localhost:4321. ' +
        'Set PUBLIC_SITE_URL to the address visitors use, e.g. PUBLIC_SITE_URL=https://leasing.example.cn',
    );
    this.name = 'SiteUrlMissingError';
  }
}

/**
 * Checks the setting at start-up: throws SiteUrlMissingError in production when it is unset; otherwise warns
 * (log line and a line on the console) when it is unset, and remembers that for the console's banner.
 */
export function checkSiteUrl(options: { configured: string | undefined; siteUrl: string; isProduction: boolean }): void {
  const isSet = (options.configured ?? '').trim() !== '';
  if (isSet) return;
  if (options.isProduction) throw new SiteUrlMissingError();
  startupWarning = { siteUrl: options.siteUrl, reason: 'unset' };
  log.warn('config.site_url_unset', { siteUrl: options.siteUrl, hint: 'set PUBLIC_SITE_URL to the address visitors use' });
  console.warn(`⚠ PUBLIC_SITE_URL is not set: QR codes, share links, canonical tags and embed snippets point to ${options.siteUrl}. Set PUBLIC_SITE_URL=https://<your domain> when others use this portal.`);
}

/**
 * Notes the host a request arrived under: a request from outside (not this machine) under another host than
 * PUBLIC_SITE_URL's means the links the portal makes lead elsewhere. Logged once per host (a few at most).
 */
export function noteRequestHost(siteUrl: string, host: string): void {
  const expected = new URL(siteUrl).host.toLowerCase();
  const seen = host.toLowerCase();
  if (seen === '' || seen === expected || LOOPBACK_HOST.test(seen)) return;
  otherHostWarning = { siteUrl, reason: 'other_host', host: seen };
  if (loggedHosts.size >= MAX_LOGGED_HOSTS || loggedHosts.has(seen)) return;
  loggedHosts.add(seen);
  log.warn('config.site_url_other_host', { siteUrl, host: seen.slice(0, 100), hint: 'set PUBLIC_SITE_URL to the address visitors use' });
}

/** What the console's banner should say, if anything: an unset setting first, else a request under another host. */
export function siteUrlWarning(): SiteUrlWarning | undefined {
  return startupWarning ?? otherHostWarning;
}
