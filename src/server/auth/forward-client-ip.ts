/**
 * Requests handed to better-auth carry the client's address in a header the portal sets itself (never one a
 * client sent), so sign-in throttling counts per real address.
 */
import { TRUST_PROXY } from 'astro:env/server';
import { clientIp } from '../security/client-ip.ts';
import { CLIENT_IP_HEADER } from './create-auth.ts';

export function headersWithClientIp(request: Request, socketAddress: string | undefined): Headers {
  const headers = new Headers(request.headers);
  headers.set(CLIENT_IP_HEADER, clientIp(request.headers, socketAddress, TRUST_PROXY ?? false));
  return headers;
}

export function requestWithClientIp(request: Request, socketAddress: string | undefined): Request {
  return new Request(request, { headers: headersWithClientIp(request, socketAddress) });
}
