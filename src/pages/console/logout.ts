import type { APIRoute } from 'astro';
import { localePath } from '../../i18n/lang.ts';
import { signOut } from '../../server/auth/sign-out.ts';

/** Signs out this browser, or every session of the staff member ("scope=everywhere"); see sign-out.ts. */
export const POST: APIRoute = async ({ request, locals }) =>
  signOut(locals.runtime.auth, request, localePath(locals.lang, '/console/login'));
