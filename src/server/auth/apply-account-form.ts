/**
 * The signed-in staff member's own account page (every role): change the password, turn TOTP two-step sign-in
 * on (scan, then confirm a code) or off. Every password or code asked for here is throttled like a sign-in
 * (throttle-sign-in.ts); refusals are in the catalogue's terms.
 */
import { isAPIError } from 'better-auth/api';
import QRCode from 'qrcode';
import { refused, type Outcome } from '../errors/answer-outcome.ts';
import { readForm, textField } from '../security/read-form.ts';
import type { Auth } from './create-auth.ts';
import { changePasswordResponse } from './sign-in.ts';

interface TwoFactorEnrolment {
  qrSvg: string;
  uri: string;
  backupCodes: string[];
}

export type AccountChanged =
  /** The password changed: better-auth's answer (a new session cookie), sending the browser on. */
  | { done: 'password'; response: Response }
  | { done: 'enrolment'; enrolment: TwoFactorEnrolment }
  | { done: 'two_factor_on' | 'two_factor_off' };

/** A throttled attempt (429 with Retry-After), or a wrong password or code. */
function authRefusal(error: unknown) {
  if (isAPIError(error) && error.statusCode === 429) {
    const headers = new Headers(error.headers as ConstructorParameters<typeof Headers>[0]);
    return refused('too_many_attempts', { retryAfterSeconds: Math.max(1, Number(headers.get('retry-after')) || 60) });
  }
  return refused('wrong_password_or_code');
}

async function changePassword(
  auth: Auth,
  get: (name: string) => string,
  headers: Headers,
  passwordChangedPath: string,
): Promise<Outcome<AccountChanged>> {
  const newPassword = get('newPassword');
  if (newPassword !== get('confirmPassword')) return refused('password_mismatch');
  if (newPassword.length < 10 || newPassword.length > 128) return refused('password_length');
  const outcome = await changePasswordResponse(
    auth,
    { currentPassword: get('currentPassword').slice(0, 200), newPassword },
    headers,
    passwordChangedPath,
  );
  if ('response' in outcome) return { ok: true, done: 'password', response: outcome.response };
  return outcome.error === 'throttled'
    ? refused('too_many_attempts', { retryAfterSeconds: outcome.retryAfterSeconds })
    : refused('wrong_current_password');
}

/** `headers` carry the client's address for the throttle (forward-client-ip.ts). */
export async function applyAccountForm(
  auth: Auth,
  request: Request,
  headers: Headers,
  passwordChangedPath: string,
): Promise<Outcome<AccountChanged>> {
  const read = await readForm(request);
  if (!read.ok) return read;
  const get = (name: string) => textField(read.fields, name);
  const action = get('action');
  if (action === 'password') return changePassword(auth, get, headers, passwordChangedPath);
  try {
    if (action === 'enable') {
      const result = await auth.api.enableTwoFactor({ body: { password: get('password').slice(0, 200) }, headers });
      if (result.method !== 'totp') return refused('wrong_password_or_code');
      const qrSvg = await QRCode.toString(result.totpURI, { type: 'svg', margin: 1, width: 200 });
      return {
        ok: true,
        done: 'enrolment',
        enrolment: { uri: result.totpURI, backupCodes: result.backupCodes, qrSvg },
      };
    }
    if (action === 'confirm') {
      await auth.api.verifyTOTP({ body: { code: get('code').replace(/\s/g, '').slice(0, 6) }, headers });
      return { ok: true, done: 'two_factor_on' };
    }
    if (action === 'disable') {
      await auth.api.disableTwoFactor({ body: { password: get('password').slice(0, 200) }, headers });
      return { ok: true, done: 'two_factor_off' };
    }
  } catch (error) {
    return authRefusal(error);
  }
  return refused('invalid');
}

/** Whether the signed-in member uses two-step sign-in. */
export async function isTwoFactorOn(auth: Auth, headers: Headers): Promise<boolean> {
  const session = await auth.api.getSession({ headers });
  return Boolean(session?.user.twoFactorEnabled);
}
