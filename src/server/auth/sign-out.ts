/**
 * Signs a staff member out of this browser, or out of every session they have (`scope=everywhere`, e.g. after a
 * lost phone): a 303 to the sign-in page that clears the session cookie.
 */
import { readForm, textField } from '../security/read-form.ts';
import type { Auth } from './create-auth.ts';
import { forwardCookies } from './sign-in.ts';

export async function signOut(auth: Auth, request: Request, signInPath: string): Promise<Response> {
  const read = await readForm(request);
  // Signing out never fails for the person: an unreadable form signs out this browser only.
  if (read.ok && textField(read.fields, 'scope') === 'everywhere')
    await auth.api.revokeSessions({ headers: request.headers }).catch(() => undefined);
  const response = await auth.api.signOut({ headers: request.headers, asResponse: true });
  return forwardCookies(response, signInPath);
}
