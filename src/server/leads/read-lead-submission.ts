/**
 * Reads a lead submission (what the intake needs) from an HTTP request: the fields, the language, the client's
 * address, the attribution cookies and the page the form was on. Shared by POST /api/leads, POST /api/reservations
 * and the form actions.
 */
import type { APIContext, AstroCookies } from 'astro';
import { TRUST_PROXY } from 'astro:env/server';
import type { Lang } from '../../i18n/lang.ts';
import type { Outcome } from '../errors/answer-outcome.ts';
import { clientIp } from '../security/client-ip.ts';
import { readForm } from '../security/read-form.ts';
import type { Touch } from '../../lib/touch.ts';
import { decodeTouch, FIRST_TOUCH_COOKIE, LAST_TOUCH_COOKIE, parseTouch } from './attribution.ts';
import type { LeadSubmission } from './lead-submission.ts';

interface RequestParts {
  request: Request;
  cookies: AstroCookies;
  clientAddress: string | undefined;
  lang: Lang;
}

function pagePathOf(raw: Record<string, unknown>): string | undefined {
  const value = raw.pagePath;
  return typeof value === 'string' && /^\/[^\s]{0,299}$/.test(value) ? value : undefined;
}

/** The language the person wrote in: the form's `lang` field when valid, else the page's. */
function langOf(raw: Record<string, unknown>, fallback: Lang): Lang {
  return raw.lang === 'en' || raw.lang === 'zh' ? raw.lang : fallback;
}

/** Builds the lead submission; touches come from the cookies, or else from an `attribution` object in the body. */
export function leadSubmissionFrom(
  parts: RequestParts,
  raw: Record<string, unknown>,
  channel: 'form' | 'api',
): LeadSubmission {
  const body =
    typeof raw.attribution === 'object' && raw.attribution !== null ? (raw.attribution as Record<string, unknown>) : {};
  const firstTouch: Touch | undefined =
    decodeTouch(parts.cookies.get(FIRST_TOUCH_COOKIE)?.value) ?? parseTouch(body.firstTouch);
  const lastTouch: Touch | undefined =
    decodeTouch(parts.cookies.get(LAST_TOUCH_COOKIE)?.value) ?? parseTouch(body.lastTouch);
  const isJson = (parts.request.headers.get('content-type') ?? '').toLowerCase().startsWith('application/json');
  return {
    raw,
    lang: langOf(raw, parts.lang),
    isFormPost: !isJson,
    clientIp: clientIp(parts.request.headers, parts.clientAddress, TRUST_PROXY ?? false),
    channel,
    firstTouch,
    lastTouch,
    pagePath: pagePathOf(raw),
  };
}

/** The caller's address as Astro sees it, or undefined where the adapter cannot tell. */
function clientAddressOf(context: APIContext): string | undefined {
  try {
    return context.clientAddress;
  } catch {
    return undefined;
  }
}

/**
 * Reads an API request's body (JSON, urlencoded or multipart, at most FORM_BODY_LIMIT_BYTES) into a lead
 * submission, or refuses it (read-form.ts: 413 too large, 415 another content type, 400 unreadable).
 */
export async function readLeadSubmission(
  context: APIContext,
): Promise<Outcome<{ fields: Record<string, unknown>; submission: LeadSubmission }>> {
  const read = await readForm(context.request);
  if (!read.ok) return read;
  const parts = {
    request: context.request,
    cookies: context.cookies,
    clientAddress: clientAddressOf(context),
    lang: context.locals.lang,
  };
  return { ok: true, fields: read.fields, submission: leadSubmissionFrom(parts, read.fields, 'api') };
}
