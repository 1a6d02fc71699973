/**
 * The inquiry a prospective tenant sends: one zod schema for the LeadForm island, the no-JavaScript form
 * action and POST /api/leads. Problems are codes per field; the UI words them in zh or en.
 * Required: company, contact name, a mobile or an email, industry track and consent. The rest is optional.
 */
import { z } from 'astro/zod';
import { isValidCreditCode, normalizeCreditCode } from './credit-code.ts';
import { INDUSTRY_TRACKS, LEAD_LIMITS } from './lead-fields.ts';
import type { UnitRefResolution } from './unit-ref.ts';
import type { LeadErrorCode, LeadFieldError } from './lead-field-errors.ts';

/** Optional text: '' (an untouched form field) counts as absent. */
const optionalText = (max: number) =>
  z
    .string({ error: 'invalid_type' })
    .trim()
    .max(max, 'too_long')
    .optional()
    .transform((s) => (s === '' ? undefined : s));

const requiredText = (min: number, max: number) =>
  z
    .string({ error: (issue) => (issue.input === undefined ? 'required' : 'invalid_type') })
    .trim()
    .min(1, 'required')
    .min(min, 'too_short')
    .max(max, 'too_long');

/** Mainland mobile: 11 digits starting with 1; spaces, hyphens and a +86 prefix are tolerated. */
const mobile = optionalText(20)
  .transform((s) => s?.replace(/[\s-]/g, '').replace(/^(\+?86|0086)(?=1\d{10}$)/, ''))
  .refine((s) => s === undefined || /^1[3-9]\d{9}$/.test(s), 'invalid_mobile');

const emailFormat = z.email();
const email = optionalText(LEAD_LIMITS.email)
  .transform((s) => s?.toLowerCase())
  .refine((s) => s === undefined || emailFormat.safeParse(s).success, 'invalid_email');

const creditCode = optionalText(30)
  .transform((s) => (s === undefined ? undefined : normalizeCreditCode(s)))
  .refine((s) => s === undefined || isValidCreditCode(s), 'invalid_credit_code');

/** A number typed into a form (string) or sent as JSON (number); '' is absent. */
const optionalNumber = (min: number, max: number, integer = false) =>
  z
    .union([z.number({ error: 'not_a_number' }), z.string({ error: 'not_a_number' })])
    .optional()
    .transform((v, ctx) => {
      if (v === undefined || (typeof v === 'string' && v.trim() === '')) return undefined;
      const n = typeof v === 'number' ? v : /^\s*\d+(\.\d+)?\s*$/.test(v) ? Number(v) : Number.NaN;
      if (!Number.isFinite(n) || (integer && !Number.isInteger(n))) {
        ctx.addIssue({ code: 'custom', message: 'not_a_number' });
        return z.NEVER;
      }
      if (n < min || n > max) {
        ctx.addIssue({ code: 'custom', message: 'out_of_range' });
        return z.NEVER;
      }
      return n;
    });

/** A list from a form (repeated fields or one comma-separated field) or from JSON (an array). */
const stringList = (maxItems: number, itemMax: number, separator: RegExp = /,/) =>
  z
    .union([
      z.array(z.string({ error: 'invalid_type' }).max(itemMax, 'too_long'), { error: 'invalid_type' }),
      z.string({ error: 'invalid_type' }).max(maxItems * (itemMax + 1), 'too_long'),
    ])
    .optional()
    .transform((v) =>
      v === undefined
        ? []
        : (Array.isArray(v) ? v : [v])
            .flatMap((s) => s.split(separator))
            .map((s) => s.trim())
            .filter(Boolean),
    )
    .refine((list) => list.length <= maxItems, 'too_many');

/** Checkbox ("on", "true") or JSON boolean. */
const consent = z
  .union([z.boolean(), z.string()], { error: 'consent_required' })
  .optional()
  .refine((v) => v === true || v === 'on' || v === 'true', 'consent_required')
  .transform(() => true as const);

export interface LeadInputContext {
  /** The current month in Beijing, YYYY-MM; move-in months before it are refused. */
  thisMonth: string;
  /** Now, for tour times: they must lie in the future. */
  now: Date;
  /**
   * On the server: a unit as typed (id or display name) to its id. In the browser every reference passes and the
   * server judges it, since the island does not carry the whole catalog's names.
   */
  resolveUnit?: (ref: string) => UnitRefResolution;
  /** On the server: the support-policy profiles the catalog knows (data/policies.json); the browser passes any. */
  policyProfiles?: readonly string[];
}

/** Unit references (ids or names, separated by commas, semicolons or new lines) to unit ids, each named in its error. */
const unitRefs = (resolveUnit: (ref: string) => UnitRefResolution) =>
  stringList(LEAD_LIMITS.units, 80, /[,，;；\n]/).transform((refs, ctx) => {
    const ids: string[] = [];
    for (const ref of refs) {
      const found = resolveUnit(ref);
      if (found.ok) {
        if (!ids.includes(found.id)) ids.push(found.id);
        continue;
      }
      const params: Record<string, string> = { value: ref.slice(0, 80) };
      if (found.reason === 'ambiguous') {
        params.choices_zh = found.choices.map((c) => c.zh).join('、');
        params.choices_en = found.choices.map((c) => c.en).join('; ');
      }
      ctx.addIssue({ code: 'custom', message: found.reason === 'unknown' ? 'unknown_unit' : 'ambiguous_unit', params });
      return z.NEVER;
    }
    return ids;
  });

const passAnyUnit = (ref: string): UnitRefResolution => ({ ok: true, id: ref });

/**
 * Builds the schema for a context read when a value is checked (move-in months and tour times must lie ahead),
 * so one schema serves every request: building it costs more than most checks it makes.
 */
function leadInputSchema(context: LeadInputContext) {
  return z
    .object({
      companyName: requiredText(2, LEAD_LIMITS.companyName),
      creditCode,
      contactName: requiredText(1, LEAD_LIMITS.contactName),
      mobile,
      email,
      industryTrack: z.enum(INDUSTRY_TRACKS, {
        error: (issue) => (issue.input === undefined || issue.input === '' ? 'required' : 'invalid_option'),
      }),
      areaMin: optionalNumber(1, 100_000),
      areaMax: optionalNumber(1, 100_000),
      headcount: optionalNumber(1, 10_000, true),
      moveInMonth: optionalText(7)
        .refine((s) => s === undefined || /^\d{4}-(0[1-9]|1[0-2])$/.test(s), 'invalid_month')
        .refine((s) => s === undefined || !/^\d{4}-\d{2}$/.test(s) || s >= context.thisMonth, 'month_in_past'),
      unitIds: unitRefs((ref) => (context.resolveUnit ?? passAnyUnit)(ref)),
      tourTimes: stringList(LEAD_LIMITS.tourTimes, 16)
        .refine(
          (times) =>
            times.every((t) => /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/.test(t) && !Number.isNaN(Date.parse(`${t}:00+08:00`))),
          'invalid_tour_time',
        )
        .refine((times) => times.every((t) => Date.parse(`${t}:00+08:00`) > context.now.getTime()), 'tour_in_past'),
      /** A free tour time picked on the form (GET /api/v1/tour-slots), booked once the inquiry is stored. */
      tourStart: optionalText(22)
        .refine((s) => s === undefined || /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}\+08:00$/.test(s), 'invalid_tour_time')
        .refine((s) => s === undefined || Date.parse(s) > context.now.getTime(), 'tour_in_past'),
      message: optionalText(LEAD_LIMITS.message),
      /** Optional: what the company is, for support policies ("little giant", high-tech…; issue 17). */
      policyProfile: stringList(LEAD_LIMITS.policyProfiles, 40)
        .refine(
          (keys) => keys.every((k) => /^[a-z0-9-]+$/.test(k) && (context.policyProfiles?.includes(k) ?? true)),
          'invalid_option',
        )
        .transform((keys) => [...new Set(keys)]),
      consent,
      /** Honeypot: a field people never see. */
      website: z.string().optional(),
      /** The form's signed start time, for the minimum fill time. */
      formToken: z.string().max(200).optional(),
    })
    .superRefine((lead, ctx) => {
      if (!lead.mobile && !lead.email) ctx.addIssue({ code: 'custom', message: 'contact_required', path: ['mobile'] });
      if (lead.areaMin !== undefined && lead.areaMax !== undefined && lead.areaMin > lead.areaMax)
        ctx.addIssue({ code: 'custom', message: 'reversed_range', path: ['areaMax'] });
    });
}

export type LeadInput = z.output<ReturnType<typeof leadInputSchema>>;
export type LeadField = keyof LeadInput;
const CODES = new Set<string>([
  'required',
  'too_long',
  'too_short',
  'invalid_credit_code',
  'invalid_mobile',
  'invalid_email',
  'contact_required',
  'invalid_option',
  'not_a_number',
  'out_of_range',
  'reversed_range',
  'invalid_month',
  'month_in_past',
  'invalid_tour_time',
  'tour_in_past',
  'too_many',
  'invalid_unit',
  'unknown_unit',
  'ambiguous_unit',
  'consent_required',
  'invalid_type',
]);

/** The context of the check running now; parsing is synchronous, so one schema can read it from here. */
const current: LeadInputContext = { thisMonth: '', now: new Date(0) };
let schema: ReturnType<typeof leadInputSchema> | undefined;

/** Validates raw input (a parsed JSON body or form fields); one error per field. */
export function parseLeadInput(
  raw: unknown,
  context: LeadInputContext,
): { ok: true; lead: LeadInput } | { ok: false; errors: LeadFieldError[] } {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw))
    return { ok: false, errors: [{ field: 'form', code: 'invalid_type' }] };
  schema ??= leadInputSchema(current);
  Object.assign(current, { resolveUnit: undefined, policyProfiles: undefined }, context);
  const result = schema.safeParse(raw);
  if (result.success) return { ok: true, lead: result.data };
  const errors: LeadFieldError[] = [];
  for (const issue of result.error.issues) {
    const field = String(issue.path[0] ?? 'form');
    const code = (CODES.has(issue.message) ? issue.message : 'invalid_type') as LeadErrorCode;
    const params = (issue as { params?: Record<string, string> }).params;
    if (!errors.some((e) => e.field === field)) errors.push(params ? { field, code, params } : { field, code });
  }
  return { ok: false, errors };
}
