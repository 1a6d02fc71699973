/**
 * Valid, distinct inquiries for load and crash tests: the n-th gets its own company, e-mail and client address
 * (sent as X-Forwarded-For, for a server started with TRUST_PROXY=true), so neither deduplication nor the
 * per-address rate limits refuse them. No form token: that check belongs to the browser form.
 */
import { INDUSTRY_TRACKS } from '../../src/lib/lead-fields.ts';

export function loadTestLead(n: number, label: string): { headers: Record<string, string>; body: string } {
  return {
    headers: {
      'content-type': 'application/json',
      'x-forwarded-for': `10.${(n >> 16) & 255}.${(n >> 8) & 255}.${n & 255}`,
    },
    body: JSON.stringify({
      companyName: `${label}航天科技${n}有限公司`,
      contactName: `联系人${n}`,
      email: `load${n}@example.com`,
      industryTrack: INDUSTRY_TRACKS[n % INDUSTRY_TRACKS.length],
      areaMin: 100 + (n % 900),
      unitIds: ['r1-0501'],
      message: `${label}：请忽略`,
      consent: true,
    }),
  };
}
