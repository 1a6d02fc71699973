import type { APIRoute } from 'astro';
import { localePath } from '../../i18n/lang.ts';
import { forwardCookies } from '../../server/auth/sign-in.ts';

/** Signs out this browser, or every session of the staff member ("scope=everywhere"). */
export const POST: APIRoute = async ({ request, locals }) => {
  const form = await request.formData().catch(() => new FormData());
  const { auth } = locals.runtime;
  if (form.get('scope') === 'everywhere')
    await auth.api.revokeSessions({ headers: request.headers }).catch(() => undefined);
  const response = await auth.api.signOut({ headers: request.headers, asResponse: true });
  return forwardCookies(response, localePath(locals.lang, '/console/login'));
};
