/**
 * A small fake of Stripe's HTTP API for tests, driven by the real `stripe` SDK (STRIPE_API_URL points at it):
 * Checkout Sessions (create with idempotency keys, retrieve, expire), refunds, a hosted "checkout page" with Pay
 * and Cancel buttons for browser tests, and webhook deliveries signed like Stripe's.
 */
import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import Stripe from 'stripe';

export interface FakeSession {
  id: string;
  object: 'checkout.session';
  status: 'open' | 'complete' | 'expired';
  payment_status: 'paid' | 'unpaid';
  amount_total: number;
  currency: string;
  url: string;
  expires_at: number;
  success_url: string;
  cancel_url: string;
  client_reference_id: string | null;
  metadata: Record<string, string>;
  payment_intent: string | null;
  allowed_payment_method_types: string[];
  payment_method_options: Record<string, unknown>;
  locale?: string;
}

export interface FakeRefund {
  id: string;
  object: 'refund';
  status: 'pending' | 'succeeded' | 'failed';
  payment_intent: string;
  amount: number;
  metadata: Record<string, string>;
  failure_reason: string | null;
}

const id = (prefix: string) => `${prefix}_test_${randomBytes(10).toString('hex')}`;

/** Parses Stripe's form encoding (a[b][0][c]=v) into nested objects and arrays. */
function parseStripeForm(body: string): Record<string, unknown> {
  const root: Record<string, unknown> = {};
  for (const [key, value] of new URLSearchParams(body)) {
    const path = key.replace(/\]/g, '').split('[');
    let node: Record<string, unknown> = root;
    path.forEach((part, i) => {
      if (i === path.length - 1) node[part] = value;
      else node = (node[part] ??= /^\d+$/.test(path[i + 1]!) ? [] : {}) as Record<string, unknown>;
    });
  }
  return root;
}

function readBody(request: IncomingMessage): Promise<string> {
  return new Promise((resolve) => {
    let body = '';
    request.on('data', (chunk: Buffer) => (body += chunk.toString()));
    request.on('end', () => resolve(body));
  });
}

function send(response: ServerResponse, status: number, body: unknown): void {
  response.writeHead(status, { 'content-type': 'application/json', 'request-id': id('req') }).end(JSON.stringify(body));
}

function stripeError(response: ServerResponse, status: number, message: string, code = 'resource_missing'): void {
  send(response, status, { error: { type: 'invalid_request_error', code, message } });
}

export async function startFakeStripe(webhookSecret: string) {
  const sessions = new Map<string, FakeSession>();
  const refunds = new Map<string, FakeRefund>();
  const idempotent = new Map<string, { status: number; body: unknown }>();
  const deliveries: Array<{ type: string; status: number }> = [];
  let webhookUrl = '';
  let refundOutcome: FakeRefund['status'] = 'pending';
  let base = '';

  function event(type: string, object: unknown, overrides: { id?: string; created?: number } = {}) {
    return { id: overrides.id ?? id('evt'), object: 'event', api_version: '2026-10-28.endive', created: overrides.created ?? Math.floor(Date.now() / 1000), livemode: false, type, data: { object }, pending_webhooks: 1, request: { id: null, idempotency_key: null } };
  }

  /** Signs and delivers an event to the app's webhook endpoint, as Stripe does. */
  async function deliver(payloadObject: unknown, options: { timestamp?: number; secret?: string; signature?: string } = {}) {
    const payload = JSON.stringify(payloadObject);
    const header = options.signature ?? Stripe.webhooks.generateTestHeaderString({ payload, secret: options.secret ?? webhookSecret, ...(options.timestamp ? { timestamp: options.timestamp } : {}) });
    const response = await fetch(webhookUrl, { method: 'POST', headers: { 'content-type': 'application/json', 'stripe-signature': header }, body: payload });
    deliveries.push({ type: (payloadObject as { type?: string }).type ?? '?', status: response.status });
    return response;
  }

  function pay(sessionId: string): FakeSession {
    const session = sessions.get(sessionId);
    if (!session) throw new Error(`No session ${sessionId}`);
    if (session.status === 'open' || session.status === 'expired') Object.assign(session, { status: 'complete', payment_status: 'paid', payment_intent: session.payment_intent ?? id('pi') });
    return session;
  }

  const server = createServer(async (request, response) => {
    const url = new URL(request.url ?? '/', base);
    const body = await readBody(request);
    const params = parseStripeForm(body);
    const key = request.headers['idempotency-key'];
    if (request.method === 'POST' && typeof key === 'string' && idempotent.has(`${url.pathname}:${key}`)) {
      const cached = idempotent.get(`${url.pathname}:${key}`)!;
      return send(response, cached.status, cached.body);
    }
    const remember = (status: number, result: unknown) => {
      if (request.method === 'POST' && typeof key === 'string') idempotent.set(`${url.pathname}:${key}`, { status, body: result });
      send(response, status, result);
    };
    let match: RegExpMatchArray | null;

    if (request.method === 'POST' && url.pathname === '/v1/checkout/sessions') {
      const item = (params.line_items as Array<{ price_data: { unit_amount: string; currency: string } }>)[0]!;
      const session: FakeSession = {
        id: id('cs'),
        object: 'checkout.session',
        status: 'open',
        payment_status: 'unpaid',
        amount_total: Number(item.price_data.unit_amount),
        currency: item.price_data.currency,
        url: '',
        expires_at: Number(params.expires_at),
        success_url: String(params.success_url),
        cancel_url: String(params.cancel_url),
        client_reference_id: (params.client_reference_id as string) ?? null,
        metadata: (params.metadata as Record<string, string>) ?? {},
        payment_intent: null,
        allowed_payment_method_types: (params.allowed_payment_method_types as string[]) ?? [],
        payment_method_options: (params.payment_method_options as Record<string, unknown>) ?? {},
        ...(params.locale ? { locale: String(params.locale) } : {}),
      };
      session.url = `${base}/pay/${session.id}`;
      sessions.set(session.id, session);
      return remember(200, session);
    }
    if ((match = url.pathname.match(/^\/v1\/checkout\/sessions\/([\w]+)$/)) && request.method === 'GET') {
      const session = sessions.get(match[1]!);
      return session ? send(response, 200, session) : stripeError(response, 404, `No such checkout.session: '${match[1]}'`);
    }
    if ((match = url.pathname.match(/^\/v1\/checkout\/sessions\/([\w]+)\/expire$/)) && request.method === 'POST') {
      const session = sessions.get(match[1]!);
      if (!session) return stripeError(response, 404, 'No such checkout.session');
      if (session.status !== 'open') return stripeError(response, 400, `Only Checkout Sessions with a status in ["open"] can be expired.`, 'checkout_session_not_open');
      session.status = 'expired';
      return remember(200, session);
    }
    if (request.method === 'POST' && url.pathname === '/v1/refunds') {
      const paymentIntent = String(params.payment_intent);
      const session = [...sessions.values()].find((s) => s.payment_intent === paymentIntent);
      const refund: FakeRefund = { id: id('re'), object: 'refund', status: refundOutcome, payment_intent: paymentIntent, amount: session?.amount_total ?? 0, metadata: (params.metadata as Record<string, string>) ?? {}, failure_reason: refundOutcome === 'failed' ? 'expired_or_canceled_card' : null };
      refunds.set(refund.id, refund);
      return remember(200, refund);
    }
    if ((match = url.pathname.match(/^\/v1\/refunds\/([\w]+)$/)) && request.method === 'GET') {
      const refund = refunds.get(match[1]!);
      return refund ? send(response, 200, refund) : stripeError(response, 404, 'No such refund');
    }
    // The hosted checkout page for browser tests.
    if ((match = url.pathname.match(/^\/pay\/([\w]+)$/)) && request.method === 'GET') {
      const session = sessions.get(match[1]!);
      if (!session) return response.writeHead(404).end('no such session');
      response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(`<!doctype html><html lang="en"><title>Fake Checkout</title><main>
        <h1>Fake Stripe Checkout</h1><p id="amount">${session.amount_total} ${session.currency}</p>
        <form method="post" action="/pay/${session.id}/complete"><button id="pay">Pay</button></form>
        <form method="post" action="/pay/${session.id}/cancel"><button id="cancel">Cancel</button></form></main></html>`);
      return;
    }
    if ((match = url.pathname.match(/^\/pay\/([\w]+)\/(complete|cancel)$/)) && request.method === 'POST') {
      const session = sessions.get(match[1]!);
      if (!session) return response.writeHead(404).end('no such session');
      const target = match[2] === 'complete' ? session.success_url : session.cancel_url;
      if (match[2] === 'complete') {
        pay(session.id);
        await deliver(event('checkout.session.completed', session));
      }
      response.writeHead(303, { location: target.replace('{CHECKOUT_SESSION_ID}', session.id) }).end();
      return;
    }
    stripeError(response, 404, `Unrecognized request URL (${request.method}: ${url.pathname})`);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  return {
    url: base,
    sessions,
    refunds,
    deliveries,
    setWebhookUrl: (url: string) => (webhookUrl = url),
    setRefundOutcome: (status: FakeRefund['status']) => (refundOutcome = status),
    pay,
    event,
    deliver,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

export type FakeStripe = Awaited<ReturnType<typeof startFakeStripe>>;
