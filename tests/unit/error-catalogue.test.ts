/**
 * The error catalogue: every code has a 4xx/5xx status and a message in both languages, and every refusal
 * becomes the one JSON shape, with its placeholders filled and Retry-After for a wait.
 */
import { describe, expect, it } from 'vitest';
import { errorResponse, isFormPost, refusalResponse, showRefusal } from '../../src/server/errors/answer-outcome.ts';
import { ERROR_CATALOGUE, errorBody, refusalMessage, type ErrorCode } from '../../src/server/errors/error-catalogue.ts';

/** The placeholders a message may leave to its refusal's params. */
const PARAMS = new Set(['minutes', 'amount', 'size', 'unit', 'tenant', 'startsOn', 'endsOn', 'reference']);

describe('the error catalogue', () => {
  it('gives every code an error status and a message in Chinese and in English', () => {
    for (const [code, entry] of Object.entries(ERROR_CATALOGUE)) {
      expect(entry.status, code).toBeGreaterThanOrEqual(400);
      for (const lang of ['zh', 'en'] as const) {
        const text = refusalMessage({ code: code as ErrorCode }, lang);
        expect(text, `${code} ${lang}`).not.toBe('');
        for (const [, name] of entry.message[lang].matchAll(/\{(\w+)\}/g)) expect(PARAMS, code).toContain(name);
      }
      expect(entry.message.zh, code).toMatch(/[\u4e00-\u9fff]/);
      expect(entry.message.en, code).not.toMatch(/[\u4e00-\u9fff]/);
    }
  });

  it('makes the one JSON shape, with field problems, params per language and the wait in minutes', () => {
    const body = errorBody({
      code: 'deposit_paid',
      params: { amount: { zh: '¥5,000.00', en: 'CNY 5,000.00' } },
      detail: { deposit: { amountFen: 500000 } },
      errors: [{ field: 'to', code: 'invalid', message: { zh: '无效', en: 'Not valid' } }],
    });
    expect(body.error.code).toBe('deposit_paid');
    expect(body.error.message.zh).toContain('¥5,000.00');
    expect(body.error.message.en).toContain('CNY 5,000.00');
    expect(body.error.deposit).toEqual({ amountFen: 500000 });
    expect(body.errors).toEqual([{ field: 'to', code: 'invalid', message: { zh: '无效', en: 'Not valid' } }]);
    expect(errorBody({ code: 'not_found' }).errors).toEqual([]);
    expect(refusalMessage({ code: 'rate_limited', retryAfterSeconds: 130 }, 'en')).toContain('3 minutes');
    expect(refusalMessage({ code: 'too_large' }, 'en')).toContain('64 KB');
  });

  it('answers a refusal with its status, Retry-After and no caching, as JSON or for the pipeline as text', async () => {
    const json = errorResponse({ code: 'too_many_attempts', retryAfterSeconds: 90 });
    expect(json.status).toBe(429);
    expect(json.headers.get('retry-after')).toBe('90');
    expect(json.headers.get('cache-control')).toBe('no-store');
    expect((await json.json()).error.code).toBe('too_many_attempts');
    const text = refusalResponse({ code: 'invalid_characters' }, '/contact');
    expect(text.status).toBe(400);
    expect(await text.text()).toMatch(/NUL.*\n.*NUL/);
    expect((await refusalResponse({ code: 'forbidden' }, '/api/console/x').json()).errors).toEqual([]);
  });

  it('tells a browser’s form post from a JSON call, and sets a page’s status from its refusal', () => {
    const post = (headers: Record<string, string>) => new Request('http://x/api/leads', { method: 'POST', headers });
    expect(isFormPost(post({ 'content-type': 'application/x-www-form-urlencoded', accept: 'text/html' }))).toBe(true);
    expect(isFormPost(post({ 'content-type': 'application/x-www-form-urlencoded', accept: '*/*' }))).toBe(false);
    expect(isFormPost(post({ 'content-type': 'application/json', accept: 'text/html' }))).toBe(false);
    const response = { status: 200, headers: new Headers() };
    const shown = showRefusal(
      response,
      { code: 'invalid', errors: [{ field: 'tenant', code: 'invalid', message: { zh: '租户无效', en: 'Tenant?' } }] },
      'zh',
    );
    expect(response.status).toBe(400);
    expect(shown?.fields).toEqual({ tenant: '租户无效' });
    expect(showRefusal(response, undefined, 'zh')).toBeUndefined();
  });
});
