import { describe, expect, it } from 'vitest';
import { clientIp } from '../../src/server/security/client-ip.ts';

describe('the client address rate limits count', () => {
  it('is the socket address unless a proxy is trusted, whatever X-Forwarded-For says', () => {
    expect(clientIp(new Headers({ 'x-forwarded-for': '203.0.113.9' }), '198.51.100.1', false)).toBe('198.51.100.1');
  });

  it('behind a trusted proxy, is the entry the proxy appended, not one the client chose', () => {
    // nginx's $proxy_add_x_forwarded_for: the client's own header, then the address nginx saw.
    expect(clientIp(new Headers({ 'x-forwarded-for': '10.1.2.3, 192.0.2.77' }), '127.0.0.1', true)).toBe('192.0.2.77');
    expect(clientIp(new Headers({ 'x-forwarded-for': '192.0.2.77' }), '127.0.0.1', true)).toBe('192.0.2.77');
    expect(clientIp(new Headers({ 'x-forwarded-for': '192.0.2.77, not-an-address' }), '127.0.0.1', true)).toBe(
      '127.0.0.1',
    );
    expect(clientIp(new Headers(), '127.0.0.1', true)).toBe('127.0.0.1');
  });
});
