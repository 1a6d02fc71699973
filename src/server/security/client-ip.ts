/**
 * The client's IP address for rate limits: the socket's address, or, behind a trusted load balancer
 * (TRUST_PROXY=true, one proxy in front of the portal), the last address in X-Forwarded-For. The balancer appends
 * the address it saw to whatever the client sent (nginx's $proxy_add_x_forwarded_for, cloud load balancers), so
 * only the last entry is the balancer's word; the ones before it are the client's own, and would let anyone pick
 * a fresh address for each attempt.
 */
import { isIP } from 'node:net';

/** The address rate limits count for this request. */
export function clientIp(headers: Headers, socketAddress: string | undefined, trustProxy: boolean): string {
  if (trustProxy) {
    const forwarded = headers.get('x-forwarded-for')?.split(',').at(-1)?.trim();
    if (forwarded && isIP(forwarded)) return forwarded;
  }
  return socketAddress ?? 'unknown';
}
