/**
 * The client's IP address for rate limits: the socket's address, or, behind a trusted load balancer
 * (TRUST_PROXY=true), the first address in X-Forwarded-For.
 */
import { isIP } from 'node:net';

export function clientIp(headers: Headers, socketAddress: string | undefined, trustProxy: boolean): string {
  if (trustProxy) {
    const forwarded = headers.get('x-forwarded-for')?.split(',')[0]?.trim();
    if (forwarded && isIP(forwarded)) return forwarded;
  }
  return socketAddress ?? 'unknown';
}
