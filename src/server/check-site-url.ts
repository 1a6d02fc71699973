/**
 * PUBLIC_SITE_URL is where every absolute link of the portal points: the flyer's QR code, share links, canonical
 * tags, the embed snippet, the feed and the sitemap. Left at its default (http://localhost:4321) on a server,
 * all of them point at the reader's own machine. This module says so at start-up, refuses a production start
 * without it, logs requests that arrive under another host name, and tells the console's banner (admins see it
 * on every console page) when the setting is unset or when the admin's own request came under another host. The
 * banner never repeats a host an anonymous request named: anyone can send any Host header.
 */
import { log } from './log.ts';

export type SiteUrlWarning =
  { siteUrl: string; reason: 'unset' } | { siteUrl: string; reason: 'other_host'; host: string };

const LOOPBACK_HOST = /^(localhost|127(\.\d{1,3}){3}|\[::1\])(:\d+)?$/i;
/** Distinct foreign hosts logged per process, so a scan with random Host headers cannot flood the log. */
const MAX_LOGGED_HOSTS = 5;

let startupWarning: SiteUrlWarning | undefined;
const loggedHosts = new Set<string>();

/** Raised for a production start without PUBLIC_SITE_URL; the message names the variable and an example. */
class SiteUrlMissingError extends Error {
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
export function checkSiteUrl(options: {
  configured: string | undefined;
  siteUrl: string;
  isProduction: boolean;
}): void {
  const isSet = (options.configured ?? '').trim() !== '';
  if (isSet) return;
  if (options.isProduction) throw new SiteUrlMissingError();
  startupWarning = { siteUrl: options.siteUrl, reason: 'unset' };
  log.warn('config.site_url_unset', {
    siteUrl: options.siteUrl,
    hint: 'set PUBLIC_SITE_URL to the address visitors use',
  });
  console.warn(
    `⚠ PUBLIC_SITE_URL is not set: QR codes, share links, canonical tags and embed snippets point to ${options.siteUrl}. Set PUBLIC_SITE_URL=https://<your domain> when others use this portal.`,
  );
}

/** Whether a request's host is neither PUBLIC_SITE_URL's nor this machine's own. */
function isOtherHost(siteUrl: string, host: string): boolean {
  const seen = host.toLowerCase();
  return seen !== '' && seen !== new URL(siteUrl).host.toLowerCase() && !LOOPBACK_HOST.test(seen);
}

/**
 * Notes the host a request arrived under: a request from outside (not this machine) under another host than
 * PUBLIC_SITE_URL's may mean the links the portal makes lead elsewhere. Logged once per host (a few at most).
 */
export function noteRequestHost(siteUrl: string, host: string): void {
  if (!isOtherHost(siteUrl, host)) return;
  const seen = host.toLowerCase();
  if (loggedHosts.size >= MAX_LOGGED_HOSTS || loggedHosts.has(seen)) return;
  loggedHosts.add(seen);
  log.warn('config.site_url_other_host', {
    siteUrl,
    host: seen.slice(0, 100),
    hint: 'set PUBLIC_SITE_URL to the address visitors use',
  });
}

/**
 * What the console's banner should say to the staff member making this request, if anything: an unset setting
 * first, else that their own request came under another host than PUBLIC_SITE_URL's.
 */
export function siteUrlWarning(siteUrl: string, requestHost: string): SiteUrlWarning | undefined {
  if (startupWarning) return startupWarning;
  return isOtherHost(siteUrl, requestHost)
    ? { siteUrl, reason: 'other_host', host: requestHost.toLowerCase() }
    : undefined;
}
