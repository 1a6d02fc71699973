import { describe, expect, it } from 'vitest';
import { classifyPath } from '../../src/server/http/classify-path.ts';
import { responseCacheSlot } from '../../src/server/response-cache/response-cache.ts';

describe('classifyPath', () => {
  it('reads the language and matches every rule on the path without it', () => {
    expect(classifyPath('/en/units/r1-0501')).toMatchObject({ lang: 'en', path: '/units/r1-0501', cacheAs: 'page' });
    expect(classifyPath('/en')).toMatchObject({ lang: 'en', path: '/' });
    expect(classifyPath('/english')).toMatchObject({ lang: 'zh', path: '/english' });
    expect(classifyPath('/en/console/pipeline').console).toBe('staff');
    expect(classifyPath('/en/embed/listings').isEmbed).toBe(true);
    expect(classifyPath('/en/_image').isImageEndpoint).toBe(true);
    expect(classifyPath('/en/healthz').isHealthCheck).toBe(true);
  });

  it('tells the console, its sign-in pages and the API apart', () => {
    expect(classifyPath('/console')).toMatchObject({ console: 'staff', isApi: false, isLandingPage: false });
    expect(classifyPath('/console/login/2fa').console).toBe('sign-in');
    expect(classifyPath('/api/console/leads/x/stage')).toMatchObject({ console: 'staff', isApi: true });
    expect(classifyPath('/consoled').console).toBeNull();
    expect(classifyPath('/api/leads')).toMatchObject({ isApi: true, console: null, cacheAs: null });
    expect(classifyPath('/api/webhooks/stripe').isStripeWebhook).toBe(true);
  });

  it('records attribution only on pages a visitor lands on', () => {
    for (const page of ['/', '/units', '/units/r1-0501', '/buildings/rd-1/floors/5', '/contact', '/oembed'])
      expect(classifyPath(page).isLandingPage, page).toBe(true);
    for (const other of ['/api/v1/units', '/embed/listings', '/_image', '/healthz', '/sitemap.xml', '/robots.txt'])
      expect(classifyPath(other).isLandingPage, other).toBe(false);
    expect(classifyPath('/share/park.png').isLandingPage).toBe(false);
    expect(classifyPath('/feeds/units.xml').isLandingPage).toBe(false);
  });

  it('lets the response cache keep public pages, the read API, photos, the widgets and the feed, and nothing personal', () => {
    for (const page of [
      '/',
      '/en/',
      '/map',
      '/amenities',
      '/contact',
      '/contact/',
      '/privacy',
      '/compare',
      '/buildings',
      '/buildings/rd-1',
      '/buildings/rd-1/floors/5',
      '/units',
      '/units/r1-0501',
      '/en/units/r1-0501',
    ])
      expect(classifyPath(page).cacheAs, page).toBe('page');
    expect(classifyPath('/api/v1/units').cacheAs).toBe('api');
    expect(classifyPath('/api/v1/units/r1-0501').cacheAs).toBe('api');
    expect(classifyPath('/api/v1/openapi.json').cacheAs).toBe('api');
    expect(classifyPath('/_image').cacheAs).toBe('image');
    for (const path of ['/embed/listings', '/en/embed/units/r1-0501', '/feeds/units.xml'])
      expect(classifyPath(path).cacheAs, path).toBe('syndication');
    for (const path of [
      '/reserve/r1-0501',
      '/units/r1-0501/flyer',
      '/feeds/other.xml',
      '/oembed',
      '/sitemap.xml',
      '/share/units/r1-0501.png',
      '/embed/units/r1-0501/extra',
      '/console',
      '/api/leads',
      '/api/v1/tour-slots',
      '/healthz',
    ])
      expect(classifyPath(path).cacheAs, path).toBeNull();
  });

  it('keeps nothing of a public path that is not on its list: a new page is rendered for every request', () => {
    for (const path of [
      '/tours/3f9c2a7b',
      '/en/proposals/3f9c2a7b',
      '/alerts/3f9c2a7b',
      '/some-new-page',
      '/units/r1-0501/x',
    ])
      expect(classifyPath(path), path).toMatchObject({ isLandingPage: true, cacheAs: null });
    expect(responseCacheSlot('GET', new URL('http://127.0.0.1/tours/3f9c2a7b'))).toBeNull();
    expect(responseCacheSlot('GET', new URL('http://127.0.0.1/units/r1-0501'))).toMatchObject({ kind: 'page' });
  });
});
