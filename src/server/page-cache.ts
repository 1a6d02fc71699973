/**
 * Rendered public pages, kept per process and per inventory version (inventory/versioned-cache.ts): a page is
 * rendered once per URL, language and Beijing day for as long as no unit state changes, so a status change is
 * on the very next request, in every process. What differs between visitors is not cached: cookies (set by
 * the middleware on each response) and the inquiry form's signed token, which is issued fresh for every
 * response and put in place of the one the cached copy was rendered with.
 */
import type { Database } from './db/open-database.ts';
import { cachedByInventory } from './inventory/versioned-cache.ts';
import { FORM_TOKEN_SECRET } from './leads/submit-lead.ts';
import { getAppSecret } from './security/app-secret.ts';
import { issueFormToken } from './security/form-token.ts';
import { todayInBeijing } from '../lib/format.ts';

interface CachedPage {
  status: number;
  headers: Array<[string, string]>;
  body: string;
  formToken: string | null;
}

const NOT_CACHED = /^\/(console|api|embed|reserve|healthz|feeds|oembed|sitemap\.xml|robots\.txt)(\/|$)/;
const FORM_TOKEN = /name="formToken" value="(v\d+\.\d+\.[\w-]+)"/;

/** Plain GETs of public pages (no form result to show, nothing personal in them). */
export function isCacheablePage(request: Request, url: URL, path: string): boolean {
  return request.method === 'GET' && !url.searchParams.has('_action') && !NOT_CACHED.test(path) && !path.endsWith('/flyer');
}

/** The page for this URL from the cache, or rendered by `render` and kept. */
export async function cachedPageResponse(db: Database, url: URL, render: () => Promise<Response>): Promise<Response> {
  const key = `page:${todayInBeijing()}:${url.pathname}${url.search}`;
  const page = await cachedByInventory<CachedPage>(db, key, async () => {
    const response = await render();
    const body = await response.text();
    const headers = [...response.headers].filter(([name]) => name.toLowerCase() !== 'set-cookie');
    return { status: response.status, headers, body, formToken: FORM_TOKEN.exec(body)?.[1] ?? null };
  });
  const body = page.formToken ? page.body.replaceAll(page.formToken, issueFormToken(await getAppSecret(db, FORM_TOKEN_SECRET))) : page.body;
  return new Response(body, { status: page.status, headers: page.headers });
}
