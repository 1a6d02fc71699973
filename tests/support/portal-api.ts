/**
 * The portal's public API as a tenant's browser or a partner's script calls it: sending an inquiry, booking a tour,
 * starting a reservation, and paying on the demo checkout (the gateway used when no Stripe keys are set).
 */
import { expect } from 'vitest';

/** POSTs `lead` as JSON to /api/leads. */
export function postLead(url: string, lead: Record<string, unknown>): Promise<Response> {
  return fetch(`${url}/api/leads`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(lead),
  });
}

/** POSTs `body` as JSON to /api/tours (a tour booked or changed with the tenant's link token). */
export function postTourRequest(url: string, body: Record<string, unknown>): Promise<Response> {
  return fetch(`${url}/api/tours`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
}

/** POSTs `reservation` as JSON to /api/reservations. */
export function postReservation(url: string, reservation: Record<string, unknown>): Promise<Response> {
  return fetch(`${url}/api/reservations`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(reservation),
  });
}

/** Sends a navigation company's inquiry from 孙工 (20 people), expects it accepted, and returns the lead's reference. */
export async function sendInquiry(
  url: string,
  inquiry: { companyName: string; email: string; mobile?: string | undefined },
): Promise<string> {
  const { mobile, ...fields } = inquiry;
  const response = await postLead(url, {
    ...fields,
    contactName: '孙工',
    industryTrack: 'navigation',
    headcount: 20,
    consent: true,
    ...(mobile ? { mobile } : {}),
  });
  expect(response.status).toBeLessThan(300);
  return (await response.json()).reference;
}

/** Presses Pay on the demo checkout at `checkoutUrl` (as its browser form does); returns the deposit and the answer. */
export async function payDemoCheckout(
  url: string,
  checkoutUrl: string,
): Promise<{ depositId: string; response: Response }> {
  const checkout = new URL(checkoutUrl, url);
  const depositId = checkout.pathname.split('/').at(-1)!;
  const response = await fetch(`${url}/api/reservations/demo`, {
    method: 'POST',
    redirect: 'manual',
    headers: { origin: url, accept: 'text/html' },
    body: new URLSearchParams({ depositId, token: checkout.searchParams.get('token')!, action: 'pay', lang: 'zh' }),
  });
  return { depositId, response };
}

/**
 * Reserves `unitId` for `person` from its reserve page and pays on the demo checkout, expecting the reservation
 * started (201) and the payment taken (303); returns the deposit's id.
 */
export async function payDemoReservation(
  url: string,
  unitId: string,
  person: { companyName: string; contactName: string; email: string },
): Promise<string> {
  const started = await postReservation(url, {
    unitId,
    ...person,
    industryTrack: 'other',
    consent: true,
    pagePath: `/reserve/${unitId}`,
  });
  expect(started.status).toBe(201);
  const paid = await payDemoCheckout(url, (await started.json()).checkoutUrl);
  expect(paid.response.status).toBe(303);
  return paid.depositId;
}
