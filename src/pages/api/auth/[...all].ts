import type { APIRoute } from 'astro';
import { requestWithClientIp } from '../../../server/auth/forward-client-ip.ts';

/** better-auth's endpoints (sign-in, sign-out, two-factor, admin). There is no sign-up. */
export const ALL: APIRoute = ({ request, locals, clientAddress }) =>
  locals.runtime.auth.handler(requestWithClientIp(request, clientAddress));
