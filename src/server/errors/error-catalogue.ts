/**
 * Every way the portal refuses a request, in one table: the code a caller sees, the HTTP status it comes with,
 * and the message in Chinese and English. Endpoints, pages, form actions and the request pipeline all answer
 * from here (answer-outcome.ts), so the same problem gets the same status and words wherever it happens.
 *
 * Texts that the pages or islands also show on their own stay in the dictionaries (src/i18n) and are taken from
 * there; the others are written here. `{name}` in a message is filled from the refusal's `params`.
 */
import { formatMessage } from '../../i18n/format-message.ts';
import type { Lang } from '../../i18n/lang.ts';
import { messages } from '../../i18n/messages.ts';

export interface Bilingual {
  zh: string;
  en: string;
}

type Messages = ReturnType<typeof messages>;

/** A dictionary text in both languages. */
export function dictionary(pick: (m: Messages) => string): Bilingual {
  return { zh: pick(messages('zh')), en: pick(messages('en')) };
}

/**
 * The bilingual message for one bad field of a console form: what the field takes (messages' console.fieldErrors),
 * else `fallback`.
 */
export function consoleFieldMessage(field: string, fallback: (m: Messages) => string): Bilingual {
  return dictionary((m) => (m.console.fieldErrors as Record<string, string | undefined>)[field] ?? fallback(m));
}

interface Entry {
  status: 400 | 401 | 403 | 404 | 409 | 413 | 415 | 429 | 501 | 503;
  message: Bilingual;
  /** Placeholder values used when a refusal does not give its own. */
  params?: Record<string, string>;
}

/** @internal */
export const ERROR_CATALOGUE = {
  // The request itself: its body, its origin, who sends it.
  invalid_json: {
    status: 400,
    message: { zh: '请求内容不是有效的 JSON 对象或表单。', en: 'The request body is not a valid JSON object or form.' },
  },
  unsupported_media_type: {
    status: 415,
    message: {
      zh: '请以 JSON（application/json）或表单格式提交。',
      en: 'Send the request as JSON (application/json) or as a form.',
    },
  },
  too_large: {
    status: 413,
    message: { zh: '请求内容过大（上限 {size}）。', en: 'The request body is too large (the limit is {size}).' },
    params: { size: '64 KB' },
  },
  invalid_characters: {
    status: 400,
    message: {
      zh: '提交内容含有无效字符（如 NUL 或残缺的 Unicode 字符），请删除后重试。',
      en: 'The submission contains an invalid character (such as NUL or a broken Unicode character); remove it and try again.',
    },
  },
  cross_site: {
    status: 403,
    message: { zh: '不接受来自其他网站的提交', en: 'Submissions from other sites are not accepted' },
  },
  unauthenticated: { status: 401, message: { zh: '请先登录', en: 'Please sign in' } },
  forbidden: { status: 403, message: { zh: '您的角色无权执行此操作', en: 'Your role may not do this' } },
  not_found: { status: 404, message: { zh: '找不到这项内容', en: 'Not found' } },
  invalid_link: {
    status: 403,
    message: { zh: '这个链接无效。', en: 'This link is not valid.' },
  },

  // A form's fields (the field-level problems are in `errors`).
  invalid: {
    status: 400,
    message: {
      zh: '提交的内容有误，请按各项提示修改后再提交。',
      en: 'Some values are not valid: correct them and send again.',
    },
  },

  // Inquiries and reservations.
  rejected: { status: 400, message: dictionary((m) => m.lead.refusals.rejected) },
  too_fast: { status: 429, message: dictionary((m) => m.lead.refusals.too_fast) },
  expired_form: { status: 400, message: dictionary((m) => m.lead.refusals.expired_form) },
  used_form: { status: 409, message: dictionary((m) => m.lead.refusals.used_form) },
  rate_limited: { status: 429, message: dictionary((m) => m.lead.refusals.rate_limited) },
  unavailable: { status: 503, message: dictionary((m) => m.lead.refusals.unavailable) },
  unknown_unit: { status: 404, message: dictionary((m) => m.reserve.refusals.unknown_unit) },
  unit_taken: { status: 409, message: dictionary((m) => m.reserve.refusals.unit_taken) },
  unit_first_refusal: { status: 409, message: dictionary((m) => m.reserve.refusals.unit_first_refusal) },
  payment_unavailable: { status: 503, message: dictionary((m) => m.reserve.refusals.payment_unavailable) },

  // Tours (tours/book-tour.ts) and the tenant's tour link (tours/tour-link.ts).
  // Saved searches with alerts (alerts/).
  alert_query_too_broad: {
    status: 400,
    message: {
      zh: '这个搜索没有任何筛选条件，会匹配所有单元。请先选择楼宇、面积、租金或可入驻时间等条件，再订阅提醒。',
      en: 'This search has no filter and would match every unit. Choose a building, area, rent or move-in date first, then ask for alerts.',
    },
  },
  alert_gone: {
    status: 404,
    message: {
      zh: '这个房源提醒已删除。',
      en: 'This alert has been deleted.',
    },
  },
  // Proposals (proposals/: drafting, approval, sending, the tenant's questions and acceptance).
  proposal_unit_unavailable: {
    status: 409,
    message: {
      zh: '单元 {unit} 已被其他客户锁定、预订或已出租，这份报价不能再发送或接受。请联系招商顾问。',
      en: 'Unit {unit} has been held, reserved or leased by someone else: this proposal can no longer be sent or accepted. Please contact your leasing agent.',
    },
    params: { unit: '' },
  },
  proposal_decided: {
    status: 409,
    message: { zh: '这个报价已经审批过了。', en: 'This proposal has been decided already.' },
  },
  proposal_needs_approval: {
    status: 409,
    message: {
      zh: '这个版本需要管理员批准后才能发送（低于底价或免租期超出上限）。',
      en: 'This version needs an administrator’s approval before it can be sent (below the floor price or too many rent-free months).',
    },
  },
  proposal_not_sendable: {
    status: 409,
    message: {
      zh: '这个版本已经发送过或已被取代，发出后的版本不能再改动；请起草新版本。',
      en: 'This version has been sent or replaced already, and a sent version never changes: draft a new version.',
    },
  },
  proposal_start_passed: {
    status: 409,
    message: {
      zh: '这个版本的起租日已经过去，请用新的起租日起草新版本。',
      en: 'This version’s start date has passed: draft a new version with a new start date.',
    },
  },
  proposal_credit_changed: {
    status: 409,
    message: {
      zh: '该客户已付的意向金与这份报价抵扣的金额不一致（起草后有新的付款或退款），请起草新版本。',
      en: 'The deposit this proposal credits no longer matches what the client has paid (a payment or refund since it was drafted): draft a new version.',
    },
  },
  proposal_superseded: {
    status: 409,
    message: {
      zh: '这个版本已被更新的版本取代，不能再接受。请查看最新版本。',
      en: 'A newer version has replaced this one, so it can no longer be accepted. Please read the latest version.',
    },
  },
  proposal_link_expired: {
    status: 403,
    message: {
      zh: '这份报价的链接已过期（发出后 30 天内有效），请联系招商顾问重新发送。',
      en: 'This proposal’s link has expired (it works for 30 days after sending): ask your leasing agent to send it again.',
    },
  },
  proposal_accepted: {
    status: 409,
    message: { zh: '这份报价已经被接受了。', en: 'This proposal has been accepted already.' },
  },
  proposal_withdrawn: {
    status: 409,
    message: {
      zh: '这份报价已撤回，不能再接受。请联系招商顾问。',
      en: 'This proposal has been withdrawn and can no longer be accepted. Please contact your leasing agent.',
    },
  },
  proposal_document_changed: {
    status: 409,
    message: {
      zh: '您看到的报价文件与当前版本不一致，请刷新页面，阅读后再接受。',
      en: 'The document you saw is not this version as it stands: reload the page, read it, and accept again.',
    },
  },
  proposal_signature_refused: {
    status: 409,
    message: {
      zh: '电子签名未完成，报价未被接受。请重试或联系招商顾问。',
      en: 'The e-signature did not complete, so the proposal was not accepted. Try again or contact your leasing agent.',
    },
  },
  tour_slot_invalid: { status: 400, message: dictionary((m) => m.tours.errors.slotInvalid) },
  tour_slot_taken: { status: 409, message: dictionary((m) => m.tours.errors.slotTaken) },
  tour_unit_unavailable: {
    status: 409,
    message: dictionary((m) => m.tours.errors.unitUnavailable),
    params: { unit: '' },
  },
  tour_already_booked: { status: 409, message: dictionary((m) => m.tours.errors.alreadyBooked) },
  tour_not_changeable: { status: 409, message: dictionary((m) => m.tours.errors.notChangeable) },
  link_expired: { status: 403, message: dictionary((m) => m.tours.errors.linkExpired) },

  // Signing in and the staff member's own account.
  missing_credentials: { status: 400, message: dictionary((m) => m.console.missing) },
  wrong_password: { status: 401, message: dictionary((m) => m.console.wrongPassword) },
  wrong_code: { status: 401, message: dictionary((m) => m.console.wrongCode) },
  too_many_attempts: { status: 429, message: dictionary((m) => m.console.throttled) },
  password_mismatch: { status: 400, message: dictionary((m) => m.console.passwordMismatch) },
  password_length: { status: 400, message: dictionary((m) => m.console.passwordLength) },
  wrong_current_password: { status: 400, message: dictionary((m) => m.console.wrongCurrentPassword) },
  wrong_password_or_code: {
    status: 400,
    message: { zh: '密码或验证码不正确。', en: 'The password or the code is not right.' },
  },

  // The console.
  staff_exists: { status: 409, message: { zh: '这个邮箱已有账号。', en: 'That email already has an account.' } },
  own_account: {
    status: 403,
    message: { zh: '不能修改自己的角色或停用自己。', en: 'You cannot change your own role or disable yourself.' },
  },
  unit_on_hold: { status: 409, message: dictionary((m) => m.console.inventory.errors.conflict!) },
  lease_overlap: {
    status: 409,
    message: {
      zh: '这个单元在 {startsOn} 至 {endsOn} 已租给 {tenant}，新租期不能与之重叠。',
      en: 'This unit is leased to {tenant} from {startsOn} to {endsOn}; a new term cannot overlap it.',
    },
    params: { tenant: '', startsOn: '', endsOn: '' },
  },
  first_refusal_taken: {
    status: 409,
    message: {
      zh: '这个单元已有优先承租权（线索 {reference}），须先结束那一项才能登记新的。',
      en: 'This unit already has a right of first refusal (lead {reference}); end that one before recording another.',
    },
    params: { reference: '' },
  },
  refund_reason: { status: 400, message: dictionary((m) => m.console.lead.refundErrors.refund_reason!) },
  refund_confirm: { status: 400, message: dictionary((m) => m.console.lead.refundErrors.refund_confirm!) },
  not_refundable: { status: 409, message: dictionary((m) => m.console.lead.refundErrors.not_refundable!) },
  deposit_credited: {
    status: 409,
    message: {
      zh: '这笔意向金已抵扣租约租金。只有管理员勾选“仍要退款”确认后才能退款，并须另行调整租约付款。',
      en: 'This deposit has been credited to the lease’s rent. Only an administrator can refund it, by ticking “refund it anyway”, and the lease’s payments must then be adjusted.',
    },
  },
  erase_confirm: {
    status: 400,
    message: {
      zh: '未删除：请输入确认词“删除”。',
      en: 'Nothing was erased: type the confirmation word “erase”.',
    },
  },
  invalid_stage: { status: 400, message: { zh: '没有这个阶段', en: 'No such stage' } },
  not_allowed: {
    status: 409,
    message: { zh: '不能从当前阶段移到这个阶段', en: 'The lead cannot move from its stage to that one' },
  },
  reason_required: {
    status: 400,
    message: { zh: '标记流失时请选择原因', en: 'Choose a reason when marking a lead lost' },
  },
  reserved_by_deposit: {
    status: 409,
    message: {
      zh: '“已锁定”只能由已支付的意向金进入，不能手动移入',
      en: 'A lead becomes Reserved only when its deposit is paid; it cannot be moved there by hand',
    },
  },
  deposit_paid: {
    status: 409,
    message: {
      zh: '这条线索已支付意向金 {amount}。移出“已锁定”不会退款：如需退款，请在线索页办理；确认保留意向金并移动吗？',
      en: 'This lead has paid a deposit of {amount}. Moving it out of Reserved does not refund it: refund it on the lead page if needed. Keep the deposit and move the lead?',
    },
  },

  // oEmbed (syndication/oembed.ts).
  format_not_supported: { status: 501, message: { zh: '只提供 JSON 格式', en: 'Only the JSON format is offered' } },
  invalid_size: {
    status: 400,
    message: {
      zh: 'maxwidth/maxheight 需为不小于 100 的整数',
      en: 'maxwidth and maxheight must be whole numbers of at least 100',
    },
  },
  invalid_url: {
    status: 400,
    message: { zh: '请用 url 参数给出一个完整的网址', en: 'Give a full address in the url parameter' },
  },
  not_ours: {
    status: 404,
    message: { zh: '只能嵌入本站的房源页面', en: 'Only this site’s unit and listing pages can be embedded' },
  },
  not_embeddable: {
    status: 404,
    message: {
      zh: '此页面不能嵌入：请用单元页面或房源列表页面',
      en: 'This page cannot be embedded: use a unit page or the listing page',
    },
  },

  // Stripe's webhooks.
  not_configured: {
    status: 404,
    message: { zh: '本门户未配置 Stripe。', en: 'Stripe is not configured on this portal.' },
  },
  missing_signature: {
    status: 400,
    message: { zh: '缺少 Stripe-Signature 请求头。', en: 'The Stripe-Signature header is missing.' },
  },
  invalid_signature: {
    status: 400,
    message: {
      zh: '签名与请求内容不符，或投递已过期。',
      en: 'The signature does not match this body, or the delivery is too old.',
    },
  },
  malformed_event: {
    status: 400,
    message: { zh: '请求内容不是 Stripe 事件。', en: 'The body is not a Stripe event.' },
  },
} as const satisfies Record<string, Entry>;

export type ErrorCode = keyof typeof ERROR_CATALOGUE;

export function isErrorCode(value: unknown): value is ErrorCode {
  return typeof value === 'string' && Object.hasOwn(ERROR_CATALOGUE, value);
}

/** One field's problem, worded in both languages. */
export interface FieldProblem {
  field: string;
  code: string;
  message: Bilingual;
}

/** Why a request was refused: a catalogue code, the problems of single fields, and what the message names. */
export interface Refusal {
  code: ErrorCode;
  errors?: readonly FieldProblem[] | undefined;
  /** Values for the message's `{name}` placeholders, the same in both languages or one per language. */
  params?: Record<string, string | number | Bilingual> | undefined;
  /** For 429 and 503: when to try again (also the `{minutes}` of the message). */
  retryAfterSeconds?: number | undefined;
  /** Facts a JSON caller may act on, added to `error` (e.g. the deposit of `deposit_paid`). */
  detail?: Record<string, unknown> | undefined;
}

/** The one JSON shape of every error answer (the public API's). */
export interface ErrorBody {
  error: { code: ErrorCode; message: Bilingual } & Record<string, unknown>;
  errors: FieldProblem[];
}

export function statusOf(code: ErrorCode): number {
  return ERROR_CATALOGUE[code].status;
}

/** The refusal's message in `lang`, its placeholders filled. */
export function refusalMessage(refusal: Refusal, lang: Lang): string {
  const entry: Entry = ERROR_CATALOGUE[refusal.code];
  const params: Record<string, string | number> = { ...entry.params };
  if (refusal.retryAfterSeconds !== undefined) params.minutes = Math.max(1, Math.ceil(refusal.retryAfterSeconds / 60));
  for (const [name, value] of Object.entries(refusal.params ?? {}))
    params[name] = typeof value === 'object' ? value[lang] : value;
  return formatMessage(entry.message[lang], params);
}

export function errorBody(refusal: Refusal): ErrorBody {
  return {
    error: {
      ...refusal.detail,
      code: refusal.code,
      message: { zh: refusalMessage(refusal, 'zh'), en: refusalMessage(refusal, 'en') },
    },
    errors: [...(refusal.errors ?? [])],
  };
}
