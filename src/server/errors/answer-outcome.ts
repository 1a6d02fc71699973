/**
 * One way to answer the outcome of a request, whoever sent it. A JSON call gets the one error shape with the
 * catalogue's status (error-catalogue.ts); a browser's form post without JavaScript gets the page it came from,
 * rendered again with the messages, under the same status. So a 400, 409, 413, 415 or 429 reads the same from
 * the inquiry form, the reservation, the console and the request pipeline.
 */
import type { APIContext } from 'astro';
import type { Lang } from '../../i18n/lang.ts';
import { errorBody, refusalMessage, statusOf, type Refusal } from './error-catalogue.ts';

/** What a server function returns: its result, or why it refused. */
export type Outcome<T extends object = object> = ({ ok: true } & T) | { ok: false; refusal: Refusal };

export function refused(code: Refusal['code'], extra: Omit<Refusal, 'code'> = {}): { ok: false; refusal: Refusal } {
  return { ok: false, refusal: { code, ...extra } };
}

/** The refusal of an outcome, if it is one. */
export function refusalOf(outcome: Outcome<object> | undefined): Refusal | undefined {
  return outcome && !outcome.ok ? outcome.refusal : undefined;
}

function refusalHeaders(refusal: Refusal, headers: HeadersInit): Headers {
  const merged = new Headers(headers);
  if (!merged.has('cache-control')) merged.set('cache-control', 'no-store');
  if (refusal.retryAfterSeconds !== undefined) merged.set('retry-after', String(refusal.retryAfterSeconds));
  return merged;
}

/** The refusal as JSON: `{ error: { code, message: { zh, en } }, errors: [...] }`, with its status. */
export function errorResponse(refusal: Refusal, headers: HeadersInit = {}): Response {
  return Response.json(errorBody(refusal), {
    status: statusOf(refusal.code),
    headers: refusalHeaders(refusal, headers),
  });
}

/**
 * For the request pipeline, which refuses before any page runs: JSON on API paths, elsewhere the message as
 * plain text, Chinese then English (there is no page to show it in yet).
 */
export function refusalResponse(refusal: Refusal, path: string, headers: HeadersInit = {}): Response {
  if (path.startsWith('/api/')) return errorResponse(refusal, headers);
  const merged = refusalHeaders(refusal, headers);
  merged.set('content-type', 'text/plain; charset=utf-8');
  return new Response(`${refusalMessage(refusal, 'zh')}\n${refusalMessage(refusal, 'en')}\n`, {
    status: statusOf(refusal.code),
    headers: merged,
  });
}

/**
 * A browser's form post (it asks for HTML and sends a form body) wants a page back; everything else, JSON.
 * Scripts that post forms with fetch() ask for any type and get JSON.
 * @internal (exported for its unit test)
 */
export function isFormPost(request: Request): boolean {
  const type = (request.headers.get('content-type') ?? '').toLowerCase();
  return !type.startsWith('application/json') && (request.headers.get('accept') ?? '').includes('text/html');
}

/** Where a form post's outcome goes: on success a page to go on to (303), on refusal the page to show it on. */
export interface FormReply<T> {
  lang: Lang;
  /** The page the form is on: rendered again, with the refusal, when the form is refused. */
  page: string;
  /** Where the browser goes after a success. */
  next: (value: T) => string;
  /** What the person typed, shown again on the page when the form is refused, so nothing has to be retyped. */
  values?: Record<string, string> | undefined;
}

/** Answers an endpoint's outcome: JSON for a JSON call, a 303 or the form's page again for a form post. */
export async function answerOutcome<T extends object>(
  context: Pick<APIContext, 'request' | 'locals' | 'url' | 'rewrite' | 'redirect'>,
  outcome: Outcome<T>,
  reply: { json: (value: T) => Response; form?: FormReply<T> | undefined },
): Promise<Response> {
  const { form } = reply;
  if (!form || !isFormPost(context.request)) return outcome.ok ? reply.json(outcome) : errorResponse(outcome.refusal);
  if (outcome.ok) return context.redirect(form.next(outcome), 303);
  return showFormPage(context, outcome.refusal, form);
}

/** Renders the form's page again for a refused form post (a GET of it, so it does not post again). */
async function showFormPage(
  context: Pick<APIContext, 'request' | 'locals' | 'url' | 'rewrite'>,
  refusal: Refusal,
  form: Pick<FormReply<unknown>, 'lang' | 'page' | 'values'>,
): Promise<Response> {
  context.locals.refusal = refusal;
  context.locals.formValues = form.values;
  context.locals.lang = form.lang;
  // The page's own path, for its links (language switch, canonical) and its form's action.
  context.locals.pathWithoutLang = new URL(form.page, context.url).pathname;
  const headers = new Headers(context.request.headers);
  headers.delete('content-type');
  headers.delete('content-length');
  return context.rewrite(new Request(new URL(form.page, context.url), { method: 'GET', headers }));
}

/** A refused form post's page: the refusal's message and each field's message in the page's language. */
export interface ShownRefusal {
  code: Refusal['code'];
  message: string;
  fields: Record<string, string>;
}

/**
 * For a page that shows a refusal (its own form's, or one handed over by answerOutcome): answers with the
 * refusal's status (and Retry-After), and gives the messages to show. Undefined when there is none.
 */
export function showRefusal(
  response: { status?: number | undefined; headers: Headers },
  refusal: Refusal | undefined,
  lang: Lang,
): ShownRefusal | undefined {
  if (!refusal) return undefined;
  response.status = statusOf(refusal.code);
  if (refusal.retryAfterSeconds !== undefined) response.headers.set('retry-after', String(refusal.retryAfterSeconds));
  return describeRefusal(refusal, lang);
}

function describeRefusal(refusal: Refusal, lang: Lang): ShownRefusal {
  return {
    code: refusal.code,
    message: refusalMessage(refusal, lang),
    fields: Object.fromEntries((refusal.errors ?? []).map((e) => [e.field, e.message[lang]])),
  };
}

/**
 * On a page with several forms (the lead page), the refused post of one of them, for that form to show again:
 * what was typed and why it was refused, next to the fields. The endpoint names the form in its values' `form`.
 */
export function refusedForm(
  locals: Pick<App.Locals, 'refusal' | 'formValues' | 'lang'>,
  form: string,
): (ShownRefusal & { values: Record<string, string> }) | undefined {
  const { refusal, formValues, lang } = locals;
  if (!refusal || formValues?.form !== form) return undefined;
  return { ...describeRefusal(refusal, lang), values: formValues };
}
