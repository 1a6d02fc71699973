/**
 * The console's sign-in pages as plain HTML forms (sign-in.ts does the signing in): the email and password,
 * then the second factor's code. A success sends the browser on with the session cookie; a failure is a refusal
 * of the catalogue: 401 for a wrong password or code, 429 with Retry-After when throttled.
 */
import type { APIContext } from 'astro';
import { localePath } from '../../i18n/lang.ts';
import { refused, type Outcome } from '../errors/answer-outcome.ts';
import { readForm, textField } from '../security/read-form.ts';
import type { Auth } from './create-auth.ts';
import { headersWithClientIp } from './forward-client-ip.ts';
import { safeConsoleNext, signInResponse, verifyCodeResponse, type SignInFailure } from './sign-in.ts';

function failed(failure: SignInFailure, wrong: 'wrong_password' | 'wrong_code') {
  return failure.error === 'throttled'
    ? refused('too_many_attempts', { retryAfterSeconds: failure.retryAfterSeconds })
    : refused(wrong);
}

/**
 * The outcome of a sign-in step posted to its page (undefined for a GET: the empty form). Success goes on to the
 * console page named by the URL's `next` (or the console's start), through the second step where one is set up.
 */
export async function submitSignInStep(
  page: Pick<APIContext, 'request' | 'url' | 'clientAddress' | 'locals'>,
  step: 'password' | 'code',
): Promise<Outcome<{ response: Response }> | undefined> {
  if (page.request.method !== 'POST') return undefined;
  const { lang, runtime } = page.locals;
  const next = safeConsoleNext(page.url.searchParams.get('next'), localePath(lang, '/console'));
  const headers = headersWithClientIp(page.request, page.clientAddress);
  if (step === 'code') return submitSignInCode(runtime.auth, page.request, headers, next);
  const twoFactor = `${localePath(lang, '/console/login/2fa')}?next=${encodeURIComponent(next)}`;
  return submitSignIn(runtime.auth, page.request, headers, { next, twoFactor });
}

/** Signs in with the posted email and password: a 303 onwards (or to the two-factor step), or why not. */
async function submitSignIn(
  auth: Auth,
  request: Request,
  headers: Headers,
  paths: { next: string; twoFactor: string },
): Promise<Outcome<{ response: Response }>> {
  const read = await readForm(request);
  if (!read.ok) return read;
  const email = textField(read.fields, 'email').trim().slice(0, 254);
  const password = textField(read.fields, 'password').slice(0, 200);
  if (!email || !password) return refused('missing_credentials');
  const result = await signInResponse(auth, { email, password }, headers, paths.next, paths.twoFactor);
  return 'response' in result ? { ok: true, response: result.response } : failed(result, 'wrong_password');
}

/** Checks the posted second-factor code: a 303 to `next` with the session cookie, or why not. */
async function submitSignInCode(
  auth: Auth,
  request: Request,
  headers: Headers,
  next: string,
): Promise<Outcome<{ response: Response }>> {
  const read = await readForm(request);
  if (!read.ok) return read;
  const code = textField(read.fields, 'code').replace(/\s/g, '');
  if (!/^\d{6}$/.test(code)) return refused('wrong_code');
  const result = await verifyCodeResponse(auth, code, headers, next);
  return 'response' in result ? { ok: true, response: result.response } : failed(result, 'wrong_code');
}
