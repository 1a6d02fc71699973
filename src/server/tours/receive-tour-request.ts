/**
 * POST /api/tours: what a tenant does with their tour link — book a slot, move the tour, cancel it, or name the
 * colleagues who come along. JSON from scripts and the page's island, or the tour page's own forms without
 * JavaScript (answer-outcome.ts sends a form post back to the page). The link's token says whose lead it is; every
 * field is checked, and a refusal comes with its reason in both languages.
 */
import type { APIContext } from 'astro';
import { z } from 'astro/zod';
import type { Lang } from '../../i18n/lang.ts';
import { refused, type Outcome } from '../errors/answer-outcome.ts';
import type { FieldProblem } from '../errors/error-catalogue.ts';
import { eq } from 'drizzle-orm';
import type { Database } from '../db/open-database.ts';
import { leads, type TourRow } from '../db/schema.ts';
import { readFields, FORM_BODY_LIMIT_BYTES } from '../security/read-fields.ts';
import { hitRateLimit, TOUR_CHANGES_PER_LEAD } from '../security/rate-limit.ts';
import {
  bookTour,
  cancelTour,
  rescheduleTour,
  setTourColleagues,
  type TourDeps,
  type TourResult,
} from './book-tour.ts';
import { checkTourToken } from './tour-link.ts';

export const TOUR_ACTIONS = ['book', 'reschedule', 'cancel', 'colleagues'] as const;
const MAX_COLLEAGUES = 5;

const FIELD_MESSAGES = {
  action: { zh: '未知的操作。', en: 'Unknown action.' },
  start: {
    zh: '请选择一个看房时段（如 2026-10-12T09:30+08:00）。',
    en: 'Choose a tour time (e.g. 2026-10-12T09:30+08:00).',
  },
  units: { zh: '单元编号无效。', en: 'A unit id is not recognised.' },
  building: { zh: '没有这栋楼。', en: 'No such building.' },
  tour: { zh: '没有这次看房。', en: 'No such tour.' },
  colleagues: {
    zh: `同行人员最多 ${MAX_COLLEAGUES} 位；每位须填写姓名（最多 40 字），邮箱须有效。`,
    en: `Up to ${MAX_COLLEAGUES} colleagues, each with a name (at most 40 characters) and a valid e-mail if given.`,
  },
} as const;

type Field = keyof typeof FIELD_MESSAGES;

function invalid(...fields: Field[]) {
  const errors: FieldProblem[] = fields.map((field) => ({ field, code: 'invalid', message: FIELD_MESSAGES[field] }));
  return refused('invalid', { errors });
}

/** A slot's start: an ISO 8601 date and time with its offset (or Z), to the minute. */
function readStart(value: unknown): Date | undefined {
  if (typeof value !== 'string') return undefined;
  const match = /^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2})(?::00(?:\.000)?)?(Z|[+-]\d{2}:\d{2})$/.exec(value.trim());
  if (!match) return undefined;
  const at = new Date(`${match[1]}:00${match[2]}`);
  return Number.isNaN(at.getTime()) ? undefined : at;
}

const list = (value: unknown): string[] =>
  (Array.isArray(value) ? value : typeof value === 'string' ? value.split(',') : [])
    .filter((v): v is string => typeof v === 'string')
    .map((v) => v.trim())
    .filter(Boolean);

const colleague = z.object({
  name: z.string().trim().min(1).max(40),
  email: z
    .string()
    .trim()
    .max(254)
    .transform((v) => v.toLowerCase())
    .pipe(z.email())
    .nullable()
    .or(z.literal('').transform(() => null)),
});

/** Colleagues from JSON (`colleagues: [{ name, email }]`) or a form (`colleagueName` / `colleagueEmail` lists). */
function readColleagues(fields: Record<string, unknown>): Array<{ name: string; email: string | null }> | undefined {
  let raw: unknown = fields.colleagues;
  if (raw === undefined) {
    const names = Array.isArray(fields.colleagueName) ? fields.colleagueName : [fields.colleagueName ?? ''];
    const emails = Array.isArray(fields.colleagueEmail) ? fields.colleagueEmail : [fields.colleagueEmail ?? ''];
    raw = names
      .map((name, i) => ({ name, email: emails[i] ?? '' }))
      // A row left empty on the form is no colleague.
      .filter((row) => `${String(row.name)}${String(row.email)}`.trim() !== '');
  }
  const parsed = z.array(colleague).max(MAX_COLLEAGUES).safeParse(raw);
  return parsed.success ? parsed.data : undefined;
}

/**
 * Applies one request to the lead's tours, or says why not.
 * @internal Exported for tests/integration/lead-response.test.ts.
 */
export async function applyTourRequest(
  deps: TourDeps,
  leadId: string,
  fields: Record<string, unknown>,
  now: Date = new Date(),
): Promise<Outcome<{ tour: TourRow; action: (typeof TOUR_ACTIONS)[number] }>> {
  const action = fields.action ?? 'book';
  if (!(TOUR_ACTIONS as readonly unknown[]).includes(action)) return invalid('action');
  const limit = await hitRateLimit(deps.db, TOUR_CHANGES_PER_LEAD, leadId);
  if (!limit.isAllowed) return refused('rate_limited', { retryAfterSeconds: limit.retryAfterSeconds });
  const tourId = typeof fields.tour === 'string' ? fields.tour : '';
  if (action !== 'book' && !/^[0-9a-f-]{36}$/.test(tourId)) return invalid('tour');
  let result: TourResult;
  if (action === 'book' || action === 'reschedule') {
    const startsAt = readStart(fields.start);
    const unitIds = list(fields.units).map((id) => id.toLowerCase());
    const badUnits = unitIds.length > 10 || unitIds.some((id) => !deps.catalog.unitById.has(id));
    const buildingText = typeof fields.building === 'string' && fields.building !== '' ? fields.building : null;
    const building = buildingText
      ? (deps.catalog.buildingById.get(buildingText) ?? deps.catalog.buildingBySlug.get(buildingText))
      : undefined;
    const problems: Field[] = [];
    if (!startsAt) problems.push('start');
    if (badUnits) problems.push('units');
    if (buildingText && !building) problems.push('building');
    if (problems.length > 0 || !startsAt) return invalid(...problems);
    result =
      action === 'book'
        ? await bookTour(deps, {
            leadId,
            startsAt,
            unitIds: [...new Set(unitIds)],
            buildingId: building?.id ?? null,
            bookedBy: 'tenant',
            now,
          })
        : await rescheduleTour(deps, { leadId, tourId, startsAt, actor: 'tenant', now });
  } else if (action === 'cancel') {
    result = await cancelTour(deps, { leadId, tourId, actor: 'tenant', now });
  } else {
    const colleagues = readColleagues(fields);
    if (!colleagues) return invalid('colleagues');
    result = await setTourColleagues(deps, { leadId, tourId, colleagues, actor: 'tenant', now });
  }
  if (result.ok) return { ok: true, tour: result.tour, action: action as (typeof TOUR_ACTIONS)[number] };
  if (result.code === 'not_found') return invalid('tour');
  if (result.code === 'tour_unit_unavailable') return refused(result.code, { params: { unit: result.unitId ?? '' } });
  return refused(result.code);
}

async function leadLang(db: Database, leadId: string, fallback: Lang): Promise<Lang> {
  const [row] = await db.select({ lang: leads.lang }).from(leads).where(eq(leads.id, leadId));
  return row?.lang === 'en' ? 'en' : row?.lang === 'zh' ? 'zh' : fallback;
}

/** Reads the request and applies it: the outcome, the token and the language for the page a form goes back to. */
export async function receiveTourRequest(
  context: APIContext,
  deps: TourDeps,
): Promise<{
  outcome: Outcome<{ tour: TourRow; action: (typeof TOUR_ACTIONS)[number] }>;
  token: string;
  lang: Lang;
}> {
  const lang = context.locals.lang;
  const fields = await readFields(context.request, FORM_BODY_LIMIT_BYTES);
  if (typeof fields === 'string') return { outcome: refused(fields), token: '', lang };
  const token = typeof fields.token === 'string' ? fields.token : '';
  const check = await checkTourToken(deps.db, token);
  // The page's language when a form says it, else the language the tenant wrote their inquiry in.
  const formLang: Lang =
    fields.lang === 'en' || fields.lang === 'zh'
      ? fields.lang
      : check.status === 'ok'
        ? await leadLang(deps.db, check.leadId, lang)
        : lang;
  if (check.status !== 'ok')
    return {
      outcome: refused(check.status === 'expired' ? 'link_expired' : 'invalid_link'),
      token: '',
      lang: formLang,
    };
  return { outcome: await applyTourRequest(deps, check.leadId, fields), token, lang: formLang };
}
