/**
 * The inquiry form. Server-rendered, so without JavaScript it posts to the page's form action and the page shows
 * the outcome. With JavaScript it checks every field with the same schema as the server, shows problems next to
 * the fields in the reader's language, posts JSON to /api/leads with progress, and ends in a clear success state.
 * Both ways carry the page's form token (minimum fill time, one submission per token).
 */
import { useEffect, useRef, useState, type FormEvent, type ReactNode } from 'react';
import { formatMessage } from '../i18n/format-message.ts';
import type { Lang } from '../i18n/lang.ts';
import { INDUSTRY_TRACKS, LEAD_LIMITS } from '../lib/lead-fields.ts';
import { formFields } from '../lib/form-fields.ts';
import { errorParams, type LeadFieldError } from '../lib/lead-field-errors.ts';
import type { UnitChoice } from '../lib/unit-ref.ts';
import { UnitPicker } from './UnitPicker.tsx';
import { rememberTenant } from './tenant-memory.ts';

/** The schema (zod) loads when a visitor starts on the form, not with the page: it is most of the island's weight. */
let validator: Promise<typeof import('../lib/lead-input.ts')> | undefined;
const loadValidator = () =>
  (validator ??= import('../lib/lead-input.ts').catch((error: unknown) => {
    validator = undefined;
    throw error;
  }));

interface LeadText {
  title: string;
  intro: string;
  company: string;
  contact: string;
  need: string;
  visit: string;
  companyName: string;
  creditCode: string;
  creditCodeHint: string;
  contactName: string;
  mobile: string;
  email: string;
  contactHint: string;
  industryTrack: string;
  choose: string;
  tracks: Record<string, string>;
  areaMin: string;
  areaMax: string;
  headcount: string;
  moveInMonth: string;
  policyProfile: string;
  policyProfileHint: string;
  unitIds: string;
  unitIdsHint: string;
  unitPicker: { search: string; noMatch: string; chosen: string; added: string; removed: string; options: string };
  tourTimes: string;
  tourHint: string;
  message: string;
  consent: string;
  privacyLink: string;
  submit: string;
  submitting: string;
  successTitle: string;
  successBody: string;
  /** The acknowledgement: who will answer, by when, and the link to book a tour (messages `tours.ack`). */
  ack: Record<
    | 'title'
    | 'reference'
    | 'whoTitle'
    | 'who'
    | 'phone'
    | 'email'
    | 'unassigned'
    | 'byTitle'
    | 'by'
    | 'byNote'
    | 'book'
    | 'bookNote'
    | 'pickLabel'
    | 'pickNone'
    | 'pickHint'
    | 'booked'
    | 'manage',
    string
  >;
  another: string;
  remaining: string;
  fields: Record<string, string>;
  errors: Record<string, string>;
  refusals: Record<string, string>;
}

/** A field's problem; `message` when the server worded it (the form words the codes it knows itself). */
type FieldError = LeadFieldError & { message?: string | undefined };

/**
 * Who will answer and by when (server/leads/acknowledge-lead.ts): the page passes it with `tourPath`, the API
 * answers it with `tourUrl`.
 */
interface Acknowledgement {
  agent: { name: string; phone: string | null; email: string } | null;
  respondByText: string;
  targetMinutes: number;
  hours: { start: string; end: string };
  tourPath?: string;
  tourUrl?: string;
  tour?: { isBooked: true; reference: string; timeText: string } | { isBooked: false; message: string };
}

type LeadOutcome =
  | { ok: true; reference: string; acknowledgement?: Acknowledgement | undefined }
  | {
      ok: false;
      reason: string;
      /** The server's words for a refusal the form has no text of its own for. */
      message?: string | undefined;
      errors: FieldError[];
      retryAfterSeconds: number | null;
      values: Record<string, string | string[]>;
    };

interface Props {
  lang: Lang;
  text: LeadText;
  paths: { api: string; privacy: string; action: string };
  formToken: string;
  pagePath: string;
  thisMonth: string;
  suggestedUnits: Array<{ id: string; label: string }>;
  /** The contact page lets people type unit numbers; unit and building pages suggest theirs. */
  hasUnitInput: boolean;
  /** Every unit, for the contact page's unit picker (with hasUnitInput). */
  unitChoices?: UnitChoice[];
  initial?: LeadOutcome | undefined;
  idPrefix?: string;
  /** `reserve` posts to the reservation endpoint and continues to Checkout instead of showing a thank-you. */
  mode?: 'inquiry' | 'reserve';
  hiddenFields?: Record<string, string>;
  submitLabel?: string;
  /** Optional questions for support policies (data/policies.json's profiles), in the page's language. */
  policyProfiles?: Array<{ key: string; label: string }>;
}

const input =
  'mt-1 w-full rounded-lg border border-ink-300 bg-white px-3 py-2 text-sm focus:border-glass-600 focus:outline-none focus:ring-2 focus:ring-glass-400/40 aria-[invalid=true]:border-red-500';
const label = 'block text-sm font-medium text-ink-800';

/** Free times grouped by their Beijing day, labelled in the page's language ("12月7日 周一" / "Mon 7 Dec"). */
function tourDays(slots: Array<{ start: string; end: string }>, lang: Lang): Array<[string, typeof slots]> {
  const label = new Intl.DateTimeFormat(lang === 'zh' ? 'zh-CN' : 'en-GB', {
    weekday: 'short',
    month: 'short',
    day: 'numeric',
    timeZone: 'UTC',
  });
  const days = new Map<string, typeof slots>();
  for (const slot of slots) {
    const day = label.format(new Date(`${slot.start.slice(0, 10)}T00:00:00Z`));
    days.set(day, [...(days.get(day) ?? []), slot]);
  }
  return [...days];
}

export default function LeadForm({
  lang,
  text,
  paths,
  formToken,
  pagePath,
  thisMonth,
  suggestedUnits,
  hasUnitInput,
  unitChoices,
  initial,
  idPrefix = 'lead',
  mode = 'inquiry',
  hiddenFields = {},
  submitLabel,
  policyProfiles = [],
}: Props) {
  const form = useRef<HTMLFormElement>(null);
  const [errors, setErrors] = useState<FieldError[]>(initial && !initial.ok ? initial.errors : []);
  const [notice, setNotice] = useState<string | undefined>(
    initial && !initial.ok ? refusalText(text, initial.reason, initial.retryAfterSeconds, initial.message) : undefined,
  );
  const [success, setSuccess] = useState<
    { reference: string; acknowledgement?: Acknowledgement | undefined } | undefined
  >(initial?.ok ? initial : undefined);
  const [isSubmitting, setIsSubmitting] = useState(false);
  // Free tour times for the units the form suggests (GET /api/v1/tour-slots), offered once the form runs.
  const [tourSlots, setTourSlots] = useState<Array<{ start: string; end: string }>>([]);
  useEffect(() => {
    if (mode !== 'inquiry') return;
    const units = suggestedUnits.map((u) => u.id).join(',');
    const controller = new AbortController();
    fetch(`/api/v1/tour-slots?days=14${units ? `&units=${encodeURIComponent(units)}` : ''}`, {
      signal: controller.signal,
    })
      .then((response) => (response.ok ? response.json() : { slots: [] }))
      .then((body: { slots?: Array<{ start: string; end: string }> }) => setTourSlots(body.slots ?? []))
      // Without the times the form still works: the acknowledgement offers the tour link.
      .catch(() => {});
    return () => controller.abort();
  }, [mode, suggestedUnits]);
  const values = initial && !initial.ok ? initial.values : {};
  const [messageLength, setMessageLength] = useState(String(values.message ?? '').length);
  const id = (field: string) => `${idPrefix}-${field}`;
  const errorOf = (field: string) => errors.find((e) => e.field === field);
  const messageOf = (e: FieldError) =>
    e.message ??
    formatMessage(text.errors[e.code] ?? text.errors.invalid_type!, {
      ...errorParams(e, lang),
      label: text.fields[e.field] ?? e.field,
    });
  const value = (field: string) => {
    const v = values[field];
    return Array.isArray(v) ? v.join(', ') : (v ?? '');
  };
  const fieldProps = (field: string) => ({
    id: id(field),
    name: field,
    'aria-invalid': Boolean(errorOf(field)),
    'aria-describedby': errorOf(field) ? `${id(field)}-error` : undefined,
  });
  const fieldError = (field: string) => {
    const e = errorOf(field);
    return e ? (
      <p id={`${id(field)}-error`} className="mt-1 text-sm text-red-700">
        {messageOf(e)}
      </p>
    ) : null;
  };

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const formElement = event.currentTarget;
    const raw = formFields(new FormData(formElement));
    let parseLeadInput;
    try {
      ({ parseLeadInput } = await loadValidator());
    } catch {
      // The check could not load (a dropped connection): the server checks the same fields without it.
      formElement.submit();
      return;
    }
    const checked = parseLeadInput(raw, { thisMonth, now: new Date() });
    if (!checked.ok) {
      show(checked.errors, text.refusals.invalid);
      return;
    }
    setIsSubmitting(true);
    setNotice(undefined);
    try {
      const response = await fetch(paths.api, {
        method: 'POST',
        headers: { 'content-type': 'application/json', accept: 'application/json' },
        body: JSON.stringify({ ...raw, lang, pagePath }),
      });
      const body = await response.json().catch(() => ({}));
      if (response.ok && mode === 'reserve' && typeof body.nextUrl === 'string') {
        window.location.assign(body.nextUrl);
        return;
      }
      if (response.ok) {
        rememberTenant(raw);
        setErrors([]);
        setSuccess({ reference: body.reference, acknowledgement: body.acknowledgement });
        return;
      }
      // The one error shape (errors/error-catalogue.ts): { error: { code, message }, errors: [{ field, code, message }] }.
      const fieldErrors: FieldError[] = Array.isArray(body.errors)
        ? body.errors.map((e: { field: string; code: LeadFieldError['code']; message?: Record<string, string> }) => ({
            field: e.field,
            code: e.code,
            message: e.message?.[lang],
          }))
        : [];
      show(
        fieldErrors,
        refusalText(
          text,
          body.error?.code ?? 'network',
          Number(response.headers.get('retry-after')) || null,
          body.error?.message?.[lang],
        ),
      );
    } catch {
      setNotice(text.refusals.network);
    } finally {
      setIsSubmitting(false);
    }
  }

  function show(fieldErrors: FieldError[], message: string | undefined) {
    setErrors(fieldErrors);
    setNotice(message);
    const first = fieldErrors[0];
    if (first)
      requestAnimationFrame(() => form.current?.querySelector<HTMLElement>(`[name="${first.field}"]`)?.focus());
  }

  if (success) {
    const ack = success.acknowledgement;
    const tourHref = ack?.tourPath ?? ack?.tourUrl;
    return (
      <div role="status" className="rounded-2xl border border-emerald-200 bg-emerald-50 p-6">
        <p className="text-lg font-semibold text-emerald-900">✓ {ack ? text.ack.title : text.successTitle}</p>
        {ack ? (
          <>
            <p className="mt-2 text-emerald-900">{formatMessage(text.ack.reference, { reference: '' }).trim()}</p>
            <p className="font-mono text-2xl tracking-wider text-emerald-900">{success.reference}</p>
            <dl className="mt-5 grid gap-4 text-sm text-ink-900 sm:grid-cols-2">
              <div className="rounded-xl bg-white p-4">
                <dt className="text-ink-500">{text.ack.whoTitle}</dt>
                <dd className="mt-1 text-base font-semibold" data-ack-agent>
                  {ack.agent ? formatMessage(text.ack.who, { agent: ack.agent.name }) : text.ack.unassigned}
                </dd>
                {ack.agent?.phone && (
                  <dd className="mt-1">
                    <a className="underline" href={`tel:${ack.agent.phone.replace(/[^\d+]/g, '')}`}>
                      {formatMessage(text.ack.phone, { phone: ack.agent.phone })}
                    </a>
                  </dd>
                )}
                {ack.agent && (
                  <dd className="mt-1 break-all">
                    <a className="underline" href={`mailto:${ack.agent.email}`}>
                      {formatMessage(text.ack.email, { email: ack.agent.email })}
                    </a>
                  </dd>
                )}
              </div>
              <div className="rounded-xl bg-white p-4">
                <dt className="text-ink-500">{text.ack.byTitle}</dt>
                <dd className="mt-1 text-base font-semibold" data-ack-due>
                  {formatMessage(text.ack.by, { time: ack.respondByText })}
                </dd>
                <dd className="mt-1 text-xs text-ink-600">
                  {formatMessage(text.ack.byNote, {
                    minutes: ack.targetMinutes,
                    start: ack.hours.start,
                    end: ack.hours.end,
                  })}
                </dd>
              </div>
            </dl>
            {ack.tour?.isBooked && (
              <p className="mt-5 rounded-xl bg-white p-4 text-sm font-semibold text-ink-900" data-ack-tour>
                {formatMessage(text.ack.booked, { time: ack.tour.timeText, reference: ack.tour.reference })}
              </p>
            )}
            {ack.tour && !ack.tour.isBooked && (
              <p className="mt-5 rounded-xl bg-amber-50 p-4 text-sm text-amber-900" role="alert">
                {ack.tour.message}
              </p>
            )}
            {tourHref && (
              <div className="mt-5">
                <a
                  href={tourHref}
                  className="inline-flex min-h-11 items-center gap-2 rounded-full bg-ink-900 px-6 py-2.5 font-semibold text-white hover:bg-ink-800"
                >
                  {ack.tour?.isBooked ? text.ack.manage : text.ack.book} →
                </a>
                <p className="mt-2 text-xs text-ink-600">{text.ack.bookNote}</p>
              </div>
            )}
          </>
        ) : (
          <>
            <p className="mt-2 text-emerald-900">{formatMessage(text.successBody, { reference: success.reference })}</p>
            <p className="mt-3 font-mono text-2xl tracking-wider text-emerald-900">{success.reference}</p>
          </>
        )}
        <button
          type="button"
          className="mt-5 rounded-full border border-emerald-700 px-4 py-2 text-sm text-emerald-900 hover:bg-emerald-100"
          onClick={() => window.location.reload() /* the form token was spent: a fresh page brings a fresh one */}
        >
          {text.another}
        </button>
      </div>
    );
  }

  const [consentBefore, consentAfter] = text.consent.split('{privacy}');
  const section = (title: string, children: ReactNode) => (
    <fieldset className="space-y-4">
      <legend className="text-xs font-semibold uppercase tracking-wider text-gold-600">{title}</legend>
      {children}
    </fieldset>
  );

  return (
    <form
      ref={form}
      method="post"
      action={paths.action}
      onSubmit={onSubmit}
      onFocus={() => void loadValidator().catch(() => undefined)}
      noValidate
      className="space-y-7"
      aria-busy={isSubmitting}
    >
      {notice && (
        <p role="alert" className="rounded-lg border border-red-200 bg-red-50 p-3 text-sm text-red-800">
          {notice}
        </p>
      )}
      <input type="hidden" name="formToken" value={formToken} />
      <input type="hidden" name="pagePath" value={pagePath} />
      <input type="hidden" name="lang" value={lang} />
      {Object.entries(hiddenFields).map(([name, value]) => (
        <input key={name} type="hidden" name={name} value={value} />
      ))}
      <div className="lead-hp" aria-hidden="true">
        <label>
          Website <input name="website" tabIndex={-1} autoComplete="off" defaultValue="" />
        </label>
      </div>

      {section(
        text.company,
        <div className="grid gap-4 sm:grid-cols-2">
          <div>
            <label htmlFor={id('companyName')} className={label}>
              {text.companyName} *
            </label>
            <input
              {...fieldProps('companyName')}
              className={input}
              autoComplete="organization"
              maxLength={LEAD_LIMITS.companyName}
              required
              defaultValue={value('companyName')}
            />
            {fieldError('companyName')}
          </div>
          <div>
            <label htmlFor={id('creditCode')} className={label}>
              {text.creditCode}
            </label>
            <input
              {...fieldProps('creditCode')}
              className={`${input} font-mono uppercase`}
              maxLength={22}
              spellCheck={false}
              defaultValue={value('creditCode')}
              aria-describedby={`${id('creditCode')}-hint${errorOf('creditCode') ? ` ${id('creditCode')}-error` : ''}`}
            />
            <p id={`${id('creditCode')}-hint`} className="mt-1 text-xs text-ink-500">
              {text.creditCodeHint}
            </p>
            {fieldError('creditCode')}
          </div>
          <div className="sm:col-span-2">
            <label htmlFor={id('industryTrack')} className={label}>
              {text.industryTrack} *
            </label>
            <select {...fieldProps('industryTrack')} className={input} required defaultValue={value('industryTrack')}>
              <option value="">{text.choose}</option>
              {INDUSTRY_TRACKS.map((t) => (
                <option key={t} value={t}>
                  {text.tracks[t]}
                </option>
              ))}
            </select>
            {fieldError('industryTrack')}
          </div>
        </div>,
      )}

      {section(
        text.contact,
        <div className="grid gap-4 sm:grid-cols-2">
          <div className="sm:col-span-2">
            <label htmlFor={id('contactName')} className={label}>
              {text.contactName} *
            </label>
            <input
              {...fieldProps('contactName')}
              className={input}
              autoComplete="name"
              maxLength={LEAD_LIMITS.contactName}
              required
              defaultValue={value('contactName')}
            />
            {fieldError('contactName')}
          </div>
          <div>
            <label htmlFor={id('mobile')} className={label}>
              {text.mobile}
            </label>
            <input
              {...fieldProps('mobile')}
              type="tel"
              inputMode="tel"
              className={input}
              autoComplete="tel"
              maxLength={20}
              defaultValue={value('mobile')}
            />
            {fieldError('mobile')}
          </div>
          <div>
            <label htmlFor={id('email')} className={label}>
              {text.email}
            </label>
            <input
              {...fieldProps('email')}
              type="email"
              className={input}
              autoComplete="email"
              maxLength={LEAD_LIMITS.email}
              defaultValue={value('email')}
            />
            {fieldError('email')}
          </div>
          <p className="-mt-2 text-xs text-ink-500 sm:col-span-2">{text.contactHint}</p>
        </div>,
      )}

      {section(
        text.need,
        <div className="grid gap-4 sm:grid-cols-3">
          {(['areaMin', 'areaMax', 'headcount'] as const).map((field) => (
            <div key={field}>
              <label htmlFor={id(field)} className={label}>
                {text[field]}
              </label>
              <input
                {...fieldProps(field)}
                type="number"
                inputMode="decimal"
                min="1"
                className={input}
                defaultValue={value(field)}
              />
              {fieldError(field)}
            </div>
          ))}
          <div>
            <label htmlFor={id('moveInMonth')} className={label}>
              {text.moveInMonth}
            </label>
            <input
              {...fieldProps('moveInMonth')}
              type="month"
              min={thisMonth}
              className={input}
              defaultValue={value('moveInMonth')}
            />
            {fieldError('moveInMonth')}
          </div>
          {hasUnitInput && unitChoices ? (
            <div className="sm:col-span-2">
              <UnitPicker
                lang={lang}
                choices={unitChoices}
                inputId={id('unitIds')}
                errorId={errorOf('unitIds') ? `${id('unitIds')}-error` : undefined}
                text={{ ...text.unitPicker, label: text.unitIds, hint: text.unitIdsHint }}
                {...pickerStart(suggestedUnits, values.unitIds, unitChoices)}
              />
              {fieldError('unitIds')}
            </div>
          ) : (
            (suggestedUnits.length > 0 || hasUnitInput) && (
              <div className="sm:col-span-2">
                <span className={label} id={id('units-label')}>
                  {text.unitIds}
                </span>
                {suggestedUnits.length > 0 && (
                  <div className="mt-1 flex flex-wrap gap-2" role="group" aria-labelledby={id('units-label')}>
                    {suggestedUnits.map((u) => (
                      <label
                        key={u.id}
                        className="inline-flex items-center gap-2 rounded-full border border-ink-300 px-3 py-1.5 text-sm"
                      >
                        <input
                          type="checkbox"
                          name="unitIds"
                          value={u.id}
                          defaultChecked
                          className="size-4 accent-glass-600"
                        />
                        {u.label}
                      </label>
                    ))}
                  </div>
                )}
                {hasUnitInput && (
                  <>
                    <input
                      {...fieldProps('unitIds')}
                      aria-labelledby={id('units-label')}
                      className={`${input} font-mono`}
                      placeholder="r1-0501, r2-0601"
                      defaultValue={value('unitIds')}
                    />
                    <p className="mt-1 text-xs text-ink-500">{text.unitIdsHint}</p>
                  </>
                )}
                {fieldError('unitIds')}
              </div>
            )
          )}
          {policyProfiles.length > 0 && (
            <fieldset
              className="sm:col-span-3"
              aria-describedby={errorOf('policyProfile') ? `${id('policyProfile')}-error` : undefined}
            >
              <legend className={label}>{text.policyProfile}</legend>
              <p className="text-xs text-ink-500">{text.policyProfileHint}</p>
              <div className="mt-1 grid gap-x-4 sm:grid-cols-2">
                {policyProfiles.map((p) => (
                  <label key={p.key} className="flex min-h-11 items-center gap-2 text-sm">
                    <input
                      type="checkbox"
                      name="policyProfile"
                      value={p.key}
                      defaultChecked={[values.policyProfile ?? []].flat().includes(p.key)}
                      className="size-4 accent-glass-600"
                    />
                    {p.label}
                  </label>
                ))}
              </div>
              {fieldError('policyProfile')}
            </fieldset>
          )}
        </div>,
      )}

      {section(
        text.visit,
        <div>
          <span className={label} id={id('tour-label')}>
            {text.tourTimes}
          </span>
          <div className="mt-1 grid gap-2 sm:grid-cols-3" role="group" aria-labelledby={id('tour-label')}>
            {[0, 1, 2].map((i) => (
              <input
                key={i}
                type="datetime-local"
                name="tourTimes"
                aria-label={`${text.tourTimes} ${i + 1}`}
                className={input}
                aria-invalid={Boolean(errorOf('tourTimes'))}
                defaultValue={
                  Array.isArray(values.tourTimes) ? (values.tourTimes[i] ?? '') : i === 0 ? value('tourTimes') : ''
                }
              />
            ))}
          </div>
          <p className="mt-1 text-xs text-ink-500">{text.tourHint}</p>
          {fieldError('tourTimes')}
          {tourSlots.length > 0 && (
            <div className="mt-4">
              <label htmlFor={id('tourStart')} className={label}>
                {text.ack.pickLabel}
              </label>
              <select {...fieldProps('tourStart')} className={input} defaultValue="">
                <option value="">{text.ack.pickNone}</option>
                {tourDays(tourSlots, lang).map(([day, slots]) => (
                  <optgroup key={day} label={day}>
                    {slots.map((slot) => (
                      <option key={slot.start} value={slot.start}>
                        {slot.start.slice(11, 16)}
                      </option>
                    ))}
                  </optgroup>
                ))}
              </select>
              <p className="mt-1 text-xs text-ink-500">{text.ack.pickHint}</p>
              {fieldError('tourStart')}
            </div>
          )}
          <div className="mt-4">
            <label htmlFor={id('message')} className={label}>
              {text.message}
            </label>
            <textarea
              {...fieldProps('message')}
              rows={4}
              maxLength={LEAD_LIMITS.message}
              className={input}
              defaultValue={value('message')}
              onChange={(e) => setMessageLength(e.target.value.length)}
            />
            <p className="mt-1 text-right text-xs text-ink-500">
              {formatMessage(text.remaining, { count: LEAD_LIMITS.message - messageLength })}
            </p>
            {fieldError('message')}
          </div>
        </div>,
      )}

      <div>
        <label className="flex items-start gap-3 text-sm">
          <input
            type="checkbox"
            name="consent"
            value="on"
            id={id('consent')}
            className="mt-0.5 size-5 shrink-0 accent-glass-600"
            aria-invalid={Boolean(errorOf('consent'))}
            aria-describedby={errorOf('consent') ? `${id('consent')}-error` : undefined}
          />
          <span>
            {consentBefore}
            <a href={paths.privacy} target="_blank" rel="noopener" className="font-medium text-glass-600 underline">
              {text.privacyLink}
            </a>
            {consentAfter} *
          </span>
        </label>
        {fieldError('consent')}
      </div>

      <button
        type="submit"
        disabled={isSubmitting}
        className="inline-flex items-center gap-2 rounded-full bg-ink-900 px-7 py-3 font-semibold text-white hover:bg-ink-800 disabled:cursor-wait disabled:opacity-70"
      >
        {isSubmitting && (
          <span
            className="size-4 animate-spin rounded-full border-2 border-white/40 border-t-white"
            aria-hidden="true"
          />
        )}
        {isSubmitting ? text.submitting : (submitLabel ?? text.submit)}
      </button>
    </form>
  );
}

/** The picker's first state: the suggested units, plus what a refused post without JavaScript sent back. */
function pickerStart(suggested: Array<{ id: string }>, echoed: string | string[] | undefined, choices: UnitChoice[]) {
  const sent = (Array.isArray(echoed) ? echoed : echoed ? [echoed] : []).map((v) => v.trim()).filter(Boolean);
  const isId = (v: string) => choices.some((c) => c.id === v);
  const initialIds = [...new Set([...suggested.map((u) => u.id), ...sent.filter(isId)])];
  return { initialIds, initialText: sent.filter((v) => !isId(v)).join(', ') };
}

/** The form's own words for a refusal it knows, else the server's, else the network failure's. */
function refusalText(
  text: LeadText,
  reason: string,
  retryAfterSeconds: number | null,
  serverMessage?: string | undefined,
): string {
  const template = text.refusals[reason] ?? serverMessage ?? text.refusals.network!;
  return formatMessage(template, { minutes: Math.max(1, Math.ceil((retryAfterSeconds ?? 60) / 60)) });
}
