/**
 * Sign-in for the console's plain HTML form: calls better-auth, forwards its session cookies, and sends the
 * browser on (to the page it wanted, or to the two-factor step).
 */
import { isAPIError } from 'better-auth/api';
import type { Auth } from './create-auth.ts';

export type SignInFailure = { error: 'wrong' } | { error: 'throttled'; retryAfterSeconds: number };

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

/** The answer of a better-auth call as a Response, also when the call throws (as the sign-in throttle does). */
async function authResponse(call: () => Promise<Response>): Promise<Response> {
  try {
    return await call();
  } catch (error) {
    if (!isAPIError(error)) throw error;
    return Response.json(error.body ?? {}, { status: error.statusCode, headers: error.headers as HeadersInit });
  }
}

function failure(response: Response): SignInFailure {
  if (response.status !== 429) return { error: 'wrong' };
  return { error: 'throttled', retryAfterSeconds: Math.max(1, Number(response.headers.get('retry-after')) || 60) };
}

/** Signs in with email and password: a 303 onwards (or to the two-factor step) with the cookies, or why not. */
export async function signInResponse(
  auth: Auth,
  credentials: { email: string; password: string },
  headers: Headers,
  next: string,
  twoFactorPath: string,
): Promise<{ response: Response } | SignInFailure> {
  const response = await authResponse(() => auth.api.signInEmail({ body: credentials, headers, asResponse: true }));
  if (!response.ok) return failure(response);
  const body = (await response
    .clone()
    .json()
    .catch(() => ({}))) as { twoFactorRedirect?: boolean };
  return { response: forwardCookies(response, body.twoFactorRedirect ? twoFactorPath : next) };
}

/** Checks a second-factor code for the pending sign-in: a 303 to `next` with the session cookie, or why not. */
export async function verifyCodeResponse(
  auth: Auth,
  code: string,
  headers: Headers,
  next: string,
): Promise<{ response: Response } | SignInFailure> {
  const response = await authResponse(() => auth.api.verifyTOTP({ body: { code }, headers, asResponse: true }));
  return response.ok ? { response: forwardCookies(response, next) } : failure(response);
}

/**
 * Changes the signed-in member's own password (the current one checked and throttled like a sign-in; every
 * other session signed out): a 303 to `location` with the new session's cookie, or why not.
 */
export async function changePasswordResponse(
  auth: Auth,
  passwords: { currentPassword: string; newPassword: string },
  headers: Headers,
  location: string,
): Promise<{ response: Response } | SignInFailure> {
  const response = await authResponse(() =>
    auth.api.changePassword({ body: { ...passwords, revokeOtherSessions: true }, headers, asResponse: true }),
  );
  return response.ok ? { response: forwardCookies(response, location) } : failure(response);
}
