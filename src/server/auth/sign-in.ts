/**
 * Sign-in for the console's plain HTML form: calls better-auth, forwards its session cookies, and sends the
 * browser on (to the page it wanted, or to the two-factor step).
 */
import type { Auth } from './create-auth.ts';

/** Where to go after signing in: only console paths of this site, never another site. */
export function safeConsoleNext(next: string | null, fallback: string): string {
  return next && /^\/(en\/)?console(\/[\w\-/?=&%.]*)?$/.test(next) && !next.startsWith('//') ? next : fallback;
}

/** A 303 to `location` carrying the Set-Cookie headers of a better-auth response. */
export function forwardCookies(response: Response, location: string): Response {
  const headers = new Headers({ location });
  for (const cookie of response.headers.getSetCookie()) headers.append('set-cookie', cookie);
  return new Response(null, { status: 303, headers });
}

export async function signInResponse(auth: Auth, credentials: { email: string; password: string }, headers: Headers, next: string, twoFactorPath: string): Promise<{ response?: Response; error?: 'wrong' | 'throttled' }> {
  const response = await auth.api.signInEmail({ body: credentials, headers, asResponse: true });
  if (response.status === 429) return { error: 'throttled' };
  if (!response.ok) return { error: 'wrong' };
  const body = (await response.clone().json().catch(() => ({}))) as { twoFactorRedirect?: boolean };
  return { response: forwardCookies(response, body.twoFactorRedirect ? twoFactorPath : next) };
}
