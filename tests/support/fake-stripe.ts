/**
 * A fake of Stripe's HTTP API for tests, driven by the real `stripe` SDK (STRIPE_API_URL points at it), as strict
 * as Stripe where the portal could go wrong: request parameters and enum values are checked against the SDK's own
 * type declarations (stripe-param-rules.ts), Checkout's `expires_at` window and Idempotency-Key semantics follow
 * Stripe's documentation, an expired session can never be paid, and objects carry the fields Stripe returns.
 * It serves Checkout Sessions (create, retrieve, expire), refunds (create, retrieve, cancel), a hosted "checkout
 * page" with Pay and Cancel buttons for browser tests, and webhook deliveries signed like Stripe's. Test controls
 * (below `return`) make refunds fail, be canceled or need action, take payment methods off the account, and
 * expire sessions.
 */
import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { isDeepStrictEqual } from 'node:util';
import Stripe from 'stripe';
import { checkParams, loadStripeParamRules, type Rule, type StripeRequestName } from './stripe-param-rules.ts';

export interface FakeSession {
  id: string;
  object: 'checkout.session';
  allowed_payment_method_types: string[] | null;
  amount_subtotal: number;
  amount_total: number;
  cancel_url: string | null;
  client_reference_id: string | null;
  created: number;
  currency: string;
  customer_email: string | null;
  expires_at: number;
  livemode: false;
  locale: string | null;
  metadata: Record<string, string>;
  mode: string;
  payment_intent: string | null;
  payment_method_options: Record<string, unknown>;
  payment_method_types: string[];
  payment_status: 'paid' | 'unpaid';
  status: 'open' | 'complete' | 'expired';
  success_url: string | null;
  url: string | null;
}

export type RefundStatus = 'pending' | 'requires_action' | 'succeeded' | 'failed' | 'canceled';

export interface FakeRefund {
  id: string;
  object: 'refund';
  amount: number;
  balance_transaction: null;
  charge: string;
  created: number;
  currency: string;
  failure_reason?: string;
  metadata: Record<string, string>;
  next_action?: { type: string; display_details?: unknown };
  payment_intent: string;
  reason: string | null;
  receipt_number: null;
  source_transfer_reversal: null;
  status: RefundStatus;
  transfer_reversal: null;
}

/** The outcome the next refunds get from the "bank" (a test control); Stripe's own failure reasons. */
export interface RefundOutcome {
  status: RefundStatus;
  failureReason?:
    | 'lost_or_stolen_card'
    | 'expired_or_canceled_card'
    | 'charge_for_pending_refund_disputed'
    | 'insufficient_funds'
    | 'declined'
    | 'merchant_request'
    | 'unknown';
}

const id = (prefix: string) => `${prefix}_test_${randomBytes(12).toString('hex')}`;
const nowSeconds = () => Math.floor(Date.now() / 1000);

/** Stripe's Checkout window: `expires_at` 30 minutes to 24 hours after the session is created. */
const MIN_EXPIRY_SECONDS = 30 * 60;
const MAX_EXPIRY_SECONDS = 24 * 60 * 60;
/** How long Stripe keeps an idempotency key. */
const IDEMPOTENCY_SECONDS = 24 * 60 * 60;

let rules: Record<StripeRequestName, Rule> | undefined;

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

class StripeFailure extends Error {
  status: number;
  /** Refused before the endpoint began (bad parameters): Stripe saves no idempotent result for these. */
  isValidation: boolean;
  body: { error: { type: string; code?: string; message: string; param?: string } };
  constructor(
    status: number,
    message: string,
    extra: { type?: string; code?: string | undefined; param?: string | undefined; isValidation?: boolean } = {},
  ) {
    super(message);
    this.status = status;
    this.isValidation = extra.isValidation ?? false;
    this.body = {
      error: {
        type: extra.type ?? 'invalid_request_error',
        message,
        ...(extra.code ? { code: extra.code } : {}),
        ...(extra.param ? { param: extra.param } : {}),
      },
    };
  }
}

const missing = (what: string, idValue: string) =>
  new StripeFailure(404, `No such ${what}: '${idValue}'`, { code: 'resource_missing', param: 'id' });

/** Refuses parameters the SDK's declarations do not allow for this request, as Stripe does (400). */
function validate(request: StripeRequestName, params: Record<string, unknown>): void {
  rules ??= loadStripeParamRules();
  const problem = checkParams(rules[request], params);
  if (problem)
    throw new StripeFailure(400, problem.message, { code: problem.code, param: problem.param, isValidation: true });
}

function requireParam(params: Record<string, unknown>, name: string): void {
  if (params[name] === undefined || params[name] === '')
    throw new StripeFailure(400, `Missing required param: ${name}.`, {
      code: 'parameter_missing',
      param: name,
      isValidation: true,
    });
}

/** Starts the fake on a free local port; webhooks it delivers are signed with `webhookSecret`. */
export async function startFakeStripe(webhookSecret: string) {
  const sessions = new Map<string, FakeSession>();
  const refunds = new Map<string, FakeRefund>();
  /** Idempotency keys per account (secret key), as Stripe scopes them: the first answer, and what it answered. */
  const idempotent = new Map<
    string,
    { method: string; path: string; params: unknown; status: number; body: unknown; at: number }
  >();
  const deliveries: Array<{ type: string; status: number }> = [];
  const requests: Array<{
    method: string;
    path: string;
    status: number;
    idempotencyKey?: string;
    stripeVersion?: string;
  }> = [];
  let webhookUrl = '';
  let refundOutcomes: RefundOutcome[] = [];
  let refundServerErrors = 0;
  const disputedPaymentIntents = new Set<string>();
  let accountPaymentMethods = new Set(['card', 'alipay', 'wechat_pay']);
  let base = '';

  function event(type: string, object: unknown, overrides: { id?: string; created?: number } = {}) {
    return {
      id: overrides.id ?? id('evt'),
      object: 'event',
      api_version: Stripe.API_VERSION,
      created: overrides.created ?? nowSeconds(),
      livemode: false,
      type,
      data: { object },
      pending_webhooks: 1,
      request: { id: null, idempotency_key: null },
    };
  }

  /** Signs and delivers an event to the app's webhook endpoint, as Stripe does. */
  async function deliver(
    payloadObject: unknown,
    options: { timestamp?: number; secret?: string; signature?: string } = {},
  ) {
    const payload = JSON.stringify(payloadObject);
    const header =
      options.signature ??
      Stripe.webhooks.generateTestHeaderString({
        payload,
        secret: options.secret ?? webhookSecret,
        ...(options.timestamp ? { timestamp: options.timestamp } : {}),
      });
    const response = await fetch(webhookUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'stripe-signature': header },
      body: payload,
    });
    deliveries.push({ type: (payloadObject as { type?: string }).type ?? '?', status: response.status });
    return response;
  }

  /** A session as Stripe would show it now: an open session past its expiry is expired, and only open ones have a URL. */
  function current(session: FakeSession): FakeSession {
    if (session.status === 'open' && session.expires_at <= nowSeconds()) session.status = 'expired';
    if (session.status !== 'open') session.url = null;
    return session;
  }

  /** Test control: the customer pays. Refused, as on Stripe, unless the session is still open. */
  function pay(sessionId: string): FakeSession {
    const session = sessions.get(sessionId);
    if (!session) throw new Error(`No session ${sessionId}`);
    if (current(session).status === 'complete') return session;
    if (session.status !== 'open')
      throw new Error(`Checkout Session ${sessionId} is ${session.status}: it cannot be paid`);
    Object.assign(session, { status: 'complete', payment_status: 'paid', payment_intent: id('pi') });
    return current(session);
  }

  /** Test control: the session reaches its expiry now (as if its expires_at had passed). */
  function expire(sessionId: string): FakeSession {
    const session = sessions.get(sessionId);
    if (!session) throw new Error(`No session ${sessionId}`);
    if (current(session).status === 'open') session.status = 'expired';
    return current(session);
  }

  /** Test control: the bank settles a refund later (pending → succeeded / failed / canceled / requires_action). */
  function settleRefund(refundId: string, outcome: RefundOutcome): FakeRefund {
    const refund = refunds.get(refundId);
    if (!refund) throw new Error(`No refund ${refundId}`);
    return applyOutcome(refund, outcome);
  }

  function applyOutcome(refund: FakeRefund, outcome: RefundOutcome): FakeRefund {
    refund.status = outcome.status;
    delete refund.failure_reason;
    delete refund.next_action;
    if (outcome.status === 'failed') refund.failure_reason = outcome.failureReason ?? 'unknown';
    if (outcome.status === 'canceled' && outcome.failureReason) refund.failure_reason = outcome.failureReason;
    if (outcome.status === 'requires_action')
      refund.next_action = {
        type: 'display_details',
        display_details: {
          email_sent: { email_sent_at: nowSeconds(), email_sent_to: 'customer@example.com' },
          expires_at: nowSeconds() + 86_400,
        },
      };
    return refund;
  }

  function createSession(params: Record<string, unknown>): FakeSession {
    validate('checkout.sessions.create', params);
    requireParam(params, 'mode');
    requireParam(params, 'line_items');
    requireParam(params, 'success_url');
    const created = nowSeconds();
    const expiresAt = params.expires_at === undefined ? created + MAX_EXPIRY_SECONDS : Number(params.expires_at);
    if (expiresAt - created < MIN_EXPIRY_SECONDS || expiresAt - created > MAX_EXPIRY_SECONDS) {
      throw new StripeFailure(
        400,
        'The `expires_at` timestamp must be between 30 minutes and 24 hours after Checkout Session creation.',
        { param: 'expires_at', isValidation: true },
      );
    }
    const items = params.line_items as Array<{
      quantity?: string;
      price_data?: { currency?: string; unit_amount?: string };
    }>;
    const item = items[0]!;
    if (!item.price_data?.currency)
      throw new StripeFailure(400, 'Missing required param: line_items[0][price_data][currency].', {
        code: 'parameter_missing',
        param: 'line_items[0][price_data][currency]',
        isValidation: true,
      });
    const wanted = (params.allowed_payment_method_types as string[] | undefined) ?? ['card', 'alipay', 'wechat_pay'];
    // Stripe offers only the methods the account can use; the list filters them (it does not add any).
    const offered = wanted.filter((m) => accountPaymentMethods.has(m));
    if (offered.length === 0)
      throw new StripeFailure(
        400,
        'No valid payment method types for this Checkout Session. Please ensure that you have activated payment methods compatible with your chosen currency in your dashboard.',
        { param: 'allowed_payment_method_types', isValidation: true },
      );
    const options = (params.payment_method_options ?? {}) as Record<string, Record<string, unknown>>;
    if (offered.includes('wechat_pay') && !options.wechat_pay?.client) {
      throw new StripeFailure(
        400,
        'payment_method_options[wechat_pay][client] is required when wechat_pay is a payment method type.',
        { code: 'parameter_missing', param: 'payment_method_options[wechat_pay][client]', isValidation: true },
      );
    }
    const amount = Number(item.price_data.unit_amount) * Number(item.quantity ?? 1);
    const session: FakeSession = {
      id: `cs_test_${randomBytes(24).toString('hex')}`,
      object: 'checkout.session',
      allowed_payment_method_types: (params.allowed_payment_method_types as string[] | undefined) ?? null,
      amount_subtotal: amount,
      amount_total: amount,
      cancel_url: (params.cancel_url as string | undefined) ?? null,
      client_reference_id: (params.client_reference_id as string | undefined) ?? null,
      created,
      currency: item.price_data.currency,
      customer_email: (params.customer_email as string | undefined) ?? null,
      expires_at: expiresAt,
      livemode: false,
      locale: (params.locale as string | undefined) ?? null,
      metadata: (params.metadata as Record<string, string> | undefined) || {},
      mode: String(params.mode),
      payment_intent: null,
      payment_method_options: options,
      payment_method_types: offered,
      payment_status: 'unpaid',
      status: 'open',
      success_url: String(params.success_url),
      url: '',
    };
    session.url = `${base}/pay/${session.id}`;
    sessions.set(session.id, session);
    return session;
  }

  function createRefund(params: Record<string, unknown>): FakeRefund {
    validate('refunds.create', params);
    if (refundServerErrors > 0) {
      refundServerErrors -= 1;
      throw new StripeFailure(500, 'An unknown error occurred', { type: 'api_error' });
    }
    const paymentIntent = params.payment_intent as string | undefined;
    if (!paymentIntent && !params.charge)
      throw new StripeFailure(
        400,
        'One of the following params should be provided for this request: payment_intent or charge.',
        { code: 'parameter_missing', isValidation: true },
      );
    const session = [...sessions.values()].find((s) => s.payment_intent === paymentIntent);
    if (!session)
      throw new StripeFailure(404, `No such payment_intent: '${paymentIntent}'`, {
        code: 'resource_missing',
        param: 'payment_intent',
      });
    // Stripe's error code for a charge the customer disputed (charged back): it cannot be refunded.
    if (disputedPaymentIntents.has(paymentIntent!))
      throw new StripeFailure(
        400,
        `Charge for payment intent ${paymentIntent} has been charged back; cannot issue a refund.`,
        { code: 'charge_disputed' },
      );
    // Failed and canceled refunds give the money back to the balance; pending or done ones count against the charge.
    const refunded = [...refunds.values()]
      .filter((r) => r.payment_intent === paymentIntent && r.status !== 'failed' && r.status !== 'canceled')
      .reduce((sum, r) => sum + r.amount, 0);
    const amount = params.amount === undefined ? session.amount_total - refunded : Number(params.amount);
    if (refunded >= session.amount_total)
      throw new StripeFailure(400, `Charge for payment intent ${paymentIntent} has already been refunded.`, {
        code: 'charge_already_refunded',
      });
    if (amount > session.amount_total - refunded)
      throw new StripeFailure(
        400,
        `Refund amount (${amount}) is greater than unrefunded amount on charge (${session.amount_total - refunded})`,
        { code: 'amount_too_large', param: 'amount' },
      );
    const refund: FakeRefund = {
      id: id('re'),
      object: 'refund',
      amount,
      balance_transaction: null,
      charge: `ch_${paymentIntent!.slice(3)}`,
      created: nowSeconds(),
      currency: session.currency,
      metadata: (params.metadata as Record<string, string> | undefined) || {},
      payment_intent: paymentIntent!,
      reason: (params.reason as string | undefined) ?? null,
      receipt_number: null,
      source_transfer_reversal: null,
      status: 'pending',
      transfer_reversal: null,
    };
    applyOutcome(refund, refundOutcomes.shift() ?? { status: 'pending' });
    refunds.set(refund.id, refund);
    return refund;
  }

  /** Answers one API request: a result, or a StripeFailure to send as Stripe's error. */
  function answer(method: string, path: string, params: Record<string, unknown>, query: URLSearchParams): unknown {
    let match: RegExpMatchArray | null;
    if (method === 'POST' && path === '/v1/checkout/sessions') return createSession(params);
    if ((match = path.match(/^\/v1\/checkout\/sessions\/([\w]+)$/)) && method === 'GET') {
      const session = sessions.get(match[1]!);
      if (!session) throw missing('checkout.session', match[1]!);
      return current(session);
    }
    if ((match = path.match(/^\/v1\/checkout\/sessions\/([\w]+)\/expire$/)) && method === 'POST') {
      validate('checkout.sessions.expire', params);
      const session = sessions.get(match[1]!);
      if (!session) throw missing('checkout.session', match[1]!);
      if (current(session).status !== 'open')
        throw new StripeFailure(400, `Only Checkout Sessions with a status in ["open"] can be expired.`, {
          code: 'checkout_session_not_open',
        });
      session.status = 'expired';
      return current(session);
    }
    if (method === 'POST' && path === '/v1/refunds') return createRefund(params);
    if (method === 'GET' && path === '/v1/refunds') {
      // A list's parameters come in the query string, checked like a body's.
      validate('refunds.list', parseStripeForm(query.toString()));
      const paymentIntent = query.get('payment_intent');
      const data = [...refunds.values()].filter((r) => !paymentIntent || r.payment_intent === paymentIntent).reverse();
      const limit = Number(query.get('limit') ?? 10);
      return { object: 'list', url: '/v1/refunds', has_more: data.length > limit, data: data.slice(0, limit) };
    }
    if ((match = path.match(/^\/v1\/refunds\/([\w]+)$/)) && method === 'GET') {
      const refund = refunds.get(match[1]!);
      if (!refund) throw missing('refund', match[1]!);
      return refund;
    }
    if ((match = path.match(/^\/v1\/refunds\/([\w]+)\/cancel$/)) && method === 'POST') {
      validate('refunds.cancel', params);
      const refund = refunds.get(match[1]!);
      if (!refund) throw missing('refund', match[1]!);
      if (refund.status !== 'requires_action')
        throw new StripeFailure(
          400,
          `Only refunds with a status of requires_action can be canceled; this one is ${refund.status}.`,
        );
      return applyOutcome(refund, { status: 'canceled' });
    }
    throw new StripeFailure(404, `Unrecognized request URL (${method}: ${path}).`);
  }

  function send(response: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
    response
      .writeHead(status, {
        'content-type': 'application/json',
        'request-id': id('req'),
        'stripe-version': Stripe.API_VERSION,
        ...headers,
      })
      .end(JSON.stringify(body));
  }

  async function serveApi(request: IncomingMessage, response: ServerResponse, url: URL): Promise<void> {
    const method = request.method ?? 'GET';
    const params = method === 'GET' ? {} : parseStripeForm(await readBody(request));
    const key = request.headers['idempotency-key'];
    const scope = `${request.headers.authorization ?? ''} ${key}`;
    const version = request.headers['stripe-version'];
    const record = (status: number) =>
      requests.push({
        method,
        path: url.pathname,
        status,
        ...(typeof key === 'string' ? { idempotencyKey: key } : {}),
        ...(typeof version === 'string' ? { stripeVersion: version } : {}),
      });
    if (method === 'POST' && typeof key === 'string') {
      const first = idempotent.get(scope);
      if (first && nowSeconds() - first.at < IDEMPOTENCY_SECONDS) {
        // Stripe compares the endpoint and parameters with the first request under this key.
        if (first.method !== method || first.path !== url.pathname || !isDeepStrictEqual(first.params, params)) {
          record(400);
          return send(response, 400, {
            error: {
              type: 'idempotency_error',
              message: `Keys for idempotent requests can only be used with the same parameters they were first used with. Try using a key other than '${key}' if you meant to execute a different request.`,
            },
          });
        }
        record(first.status);
        return send(response, first.status, first.body, { 'idempotent-replayed': 'true' });
      }
    }
    let status = 200;
    let body: unknown;
    let isSaved = true;
    try {
      body = answer(method, url.pathname, params, url.searchParams);
    } catch (error) {
      if (!(error instanceof StripeFailure)) throw error;
      ({ status, body } = error);
      isSaved = !error.isValidation;
    }
    // Stripe (API v1) saves the status and body of the first request once the endpoint began executing, errors
    // included; a request refused in validation saves nothing (https://docs.stripe.com/api/idempotent_requests).
    if (method === 'POST' && typeof key === 'string' && isSaved)
      idempotent.set(scope, {
        method,
        path: url.pathname,
        params,
        status,
        body: JSON.parse(JSON.stringify(body)),
        at: nowSeconds(),
      });
    record(status);
    send(response, status, body);
  }

  /** The hosted checkout page for browser tests: Pay completes the session (only while open), Cancel goes back. */
  async function serveCheckoutPage(request: IncomingMessage, response: ServerResponse, url: URL): Promise<boolean> {
    let match: RegExpMatchArray | null;
    if ((match = url.pathname.match(/^\/pay\/([\w]+)$/)) && request.method === 'GET') {
      const session = sessions.get(match[1]!);
      if (!session) return (response.writeHead(404).end('no such session'), true);
      const isOpen = current(session).status === 'open';
      response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' })
        .end(`<!doctype html><html lang="en"><title>Fake Checkout</title><main>
        <h1>Fake Stripe Checkout</h1><p id="amount">${session.amount_total} ${session.currency}</p><p id="methods">${session.payment_method_types.join(' ')}</p>
        ${isOpen ? `<form method="post" action="/pay/${session.id}/complete"><button id="pay">Pay</button></form>` : `<p id="closed">This Checkout Session is ${session.status}.</p>`}
        <form method="post" action="/pay/${session.id}/cancel"><button id="cancel">Cancel</button></form></main></html>`);
      return true;
    }
    if ((match = url.pathname.match(/^\/pay\/([\w]+)\/(complete|cancel)$/)) && request.method === 'POST') {
      const session = sessions.get(match[1]!);
      if (!session) return (response.writeHead(404).end('no such session'), true);
      if (match[2] === 'complete') {
        if (current(session).status !== 'open')
          return (
            response
              .writeHead(409, { 'content-type': 'text/plain' })
              .end(`This Checkout Session is ${session.status}.`),
            true
          );
        pay(session.id);
        await deliver(event('checkout.session.completed', session));
        return (
          response
            .writeHead(303, { location: session.success_url!.replace('{CHECKOUT_SESSION_ID}', session.id) })
            .end(),
          true
        );
      }
      return (
        response
          .writeHead(303, {
            location: (session.cancel_url ?? session.success_url!).replace('{CHECKOUT_SESSION_ID}', session.id),
          })
          .end(),
        true
      );
    }
    return false;
  }

  const server = createServer(async (request, response) => {
    const url = new URL(request.url ?? '/', base);
    try {
      if (url.pathname.startsWith('/v1/')) return await serveApi(request, response, url);
      if (await serveCheckoutPage(request, response, url)) return;
      send(response, 404, {
        error: {
          type: 'invalid_request_error',
          message: `Unrecognized request URL (${request.method}: ${url.pathname}).`,
        },
      });
    } catch (error) {
      send(response, 500, { error: { type: 'api_error', message: (error as Error).message } });
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  return {
    url: base,
    sessions,
    refunds,
    deliveries,
    /** Every API request answered, in order (method, path, status, idempotency key, Stripe-Version header). */
    requests,
    setWebhookUrl: (url: string) => (webhookUrl = url),
    /** The next refunds created get these outcomes in turn; after them, refunds start `pending` as Stripe's do. */
    queueRefundOutcomes: (...outcomes: RefundOutcome[]) => (refundOutcomes = [...refundOutcomes, ...outcomes]),
    settleRefund,
    /** The next `count` refund requests fail inside Stripe (500 api_error), saved under their idempotency keys as Stripe does. */
    failNextRefundRequests: (count: number) => (refundServerErrors = count),
    /** The customer disputed the payment (or the dispute ended): refunds answer 400 `charge_disputed` meanwhile. */
    setDisputed: (paymentIntent: string, isDisputed: boolean) =>
      void (isDisputed ? disputedPaymentIntents.add(paymentIntent) : disputedPaymentIntents.delete(paymentIntent)),
    /** Which payment methods the account can use (Alipay and WeChat Pay need an eligible account country). */
    setAccountPaymentMethods: (methods: string[]) => (accountPaymentMethods = new Set(methods)),
    pay,
    expire,
    event,
    deliver,
    /** Forgets all objects and idempotency keys and restores the default account, between tests. */
    reset: () => {
      sessions.clear();
      refunds.clear();
      idempotent.clear();
      requests.length = 0;
      deliveries.length = 0;
      refundOutcomes = [];
      refundServerErrors = 0;
      disputedPaymentIntents.clear();
      accountPaymentMethods = new Set(['card', 'alipay', 'wechat_pay']);
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

export type FakeStripe = Awaited<ReturnType<typeof startFakeStripe>>;
