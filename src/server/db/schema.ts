/**
 * The database schema (Drizzle). Columns are snake_case in SQL and camelCase in code.
 * Migrations in ./migrations are generated from this file by `npm run db:generate` and committed.
 */
import { sql } from 'drizzle-orm';
import {
  bigint,
  boolean,
  check,
  date,
  index,
  integer,
  jsonb,
  numeric,
  primaryKey,
  pgEnum,
  pgTable,
  text,
  timestamp,
  uniqueIndex,
  uuid,
  type AnyPgColumn,
} from 'drizzle-orm/pg-core';
import { INDUSTRY_TRACKS } from '../../lib/lead-fields.ts';
import { staffUsers } from './auth-schema.ts';
import { STAGES } from '../../lib/pipeline.ts';
import type { Touch } from '../../lib/touch.ts';

/** What a unit is doing. `held` and `reserved` only ever come from deposits, never from the catalog. */
export const unitStatus = pgEnum('unit_status', ['available', 'held', 'reserved', 'leased', 'unavailable']);

/**
 * The commercial state of each catalog unit. The `seeded_*` columns remember what the catalog said at the
 * last seed, so a re-seed can tell a value staff changed (leave it) from one nobody touched (follow the catalog).
 */
export const unitStates = pgTable(
  'unit_states',
  {
    unitId: text('unit_id').primaryKey(),
    status: unitStatus('status').notNull(),
    listRentPerSqmDay: numeric('list_rent_per_sqm_day', { precision: 10, scale: 2 }).notNull(),
    /** 底价: the lowest rent a proposal may offer without an administrator's approval; never shown to tenants. */
    floorRentPerSqmDay: numeric('floor_rent_per_sqm_day', { precision: 10, scale: 2 }),
    availableFrom: date('available_from', { mode: 'string' }).notNull(),
    seededStatus: unitStatus('seeded_status').notNull(),
    seededListRentPerSqmDay: numeric('seeded_list_rent_per_sqm_day', { precision: 10, scale: 2 }).notNull(),
    seededAvailableFrom: date('seeded_available_from', { mode: 'string' }).notNull(),
    /** While `held`: when the hold lapses. Readers treat a lapsed hold as available before the sweep releases it. */
    holdExpiresAt: timestamp('hold_expires_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [check('unit_states_rent_positive', sql`${table.listRentPerSqmDay} > 0`)],
);

export type UnitStateRow = typeof unitStates.$inferSelect;
export type UnitStatus = (typeof unitStatus.enumValues)[number];

/** The leasing pipeline (DESIGN.md): new → contacted → touring → proposal → reserved → negotiating → signed; lost from any open stage. */
export const leadStage = pgEnum('lead_stage', STAGES);
export const industryTrack = pgEnum('industry_track', INDUSTRY_TRACKS);

/**
 * A prospective tenant company and its contact person. Every inquiry from the public forms makes a lead of its
 * own: an unverified visitor may not add to, or learn about, someone else's lead. One that shares a credit code,
 * mobile or email with a lead of the last 90 days names it in `possible_duplicate_of`, for staff to merge.
 */
export const leads = pgTable(
  'leads',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    /** Shown to the tenant and used on the phone: AIC- and six characters. */
    reference: text('reference').notNull().unique(),
    stage: leadStage('stage').notNull().default('new'),
    /** The staff member who owns the lead (a staff user id). */
    ownerId: text('owner_id'),
    lostReason: text('lost_reason'),
    stageChangedAt: timestamp('stage_changed_at', { withTimezone: true }).notNull().defaultNow(),
    companyName: text('company_name').notNull(),
    creditCode: text('credit_code'),
    contactName: text('contact_name').notNull(),
    mobile: text('mobile'),
    email: text('email'),
    industryTrack: industryTrack('industry_track').notNull(),
    lang: text('lang').notNull(),
    firstTouch: jsonb('first_touch').$type<Touch>(),
    lastTouch: jsonb('last_touch').$type<Touch>(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
    lastInquiryAt: timestamp('last_inquiry_at', { withTimezone: true }).notNull().defaultNow(),
    /** An earlier lead with the same credit code, mobile or email (within 90 days), for staff to check and merge. */
    possibleDuplicateOf: uuid('possible_duplicate_of').references((): AnyPgColumn => leads.id, {
      onDelete: 'set null',
    }),
    /** What the two leads share: `credit_code`, `mobile`, `email`. */
    duplicateReasons: text('duplicate_reasons')
      .array()
      .notNull()
      .default(sql`'{}'::text[]`),
    /** The response promise: the first answer is due by then (business time, leasing_settings). */
    responseDueAt: timestamp('response_due_at', { withTimezone: true }),
    /** The first call, e-mail or message an agent logged, or the first tour booked: the promise is kept or not. */
    firstResponseAt: timestamp('first_response_at', { withTimezone: true }),
    /** How often the team lead has been told that nobody answered (0, 1, 2). */
    escalations: integer('escalations').notNull().default(0),
    /** The support-policy profile the company gave (issue 17, data/policies.json's profile keys); may be empty. */
    policyProfile: text('policy_profile')
      .array()
      .notNull()
      .default(sql`'{}'::text[]`),
  },
  (table) => [
    index('leads_credit_code_idx').on(table.creditCode),
    index('leads_possible_duplicate_idx').on(table.possibleDuplicateOf),
    index('leads_mobile_idx').on(table.mobile),
    index('leads_email_idx').on(table.email),
    index('leads_unanswered_idx')
      .on(table.responseDueAt)
      .where(sql`${table.firstResponseAt} is null and ${table.responseDueAt} is not null`),
    check('leads_lang', sql`${table.lang} in ('zh', 'en')`),
    check('leads_contact', sql`${table.mobile} is not null or ${table.email} is not null`),
  ],
);

/** One message from a lead: what they need, when, which units, when they would like to visit. */
export const inquiries = pgTable(
  'inquiries',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    leadId: uuid('lead_id')
      .notNull()
      .references(() => leads.id, { onDelete: 'cascade' }),
    areaMin: numeric('area_min', { precision: 10, scale: 2 }),
    areaMax: numeric('area_max', { precision: 10, scale: 2 }),
    headcount: integer('headcount'),
    /** YYYY-MM, a month in Beijing. */
    moveInMonth: text('move_in_month'),
    unitIds: text('unit_ids')
      .array()
      .notNull()
      .default(sql`'{}'::text[]`),
    /** Preferred tour slots as UTC instants. */
    tourTimes: timestamp('tour_times', { withTimezone: true })
      .array()
      .notNull()
      .default(sql`'{}'::timestamptz[]`),
    message: text('message'),
    /** How this visit came: the last touch at the time of the inquiry. */
    touch: jsonb('touch').$type<Touch>(),
    pagePath: text('page_path'),
    channel: text('channel').notNull(),
    lang: text('lang').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [index('inquiries_lead_idx').on(table.leadId)],
);

export const notificationStatus = pgEnum('notification_status', ['pending', 'sent', 'failed', 'held']);

/**
 * Notices to staff, written in the same transaction as the lead they announce and delivered afterwards by the
 * outbox worker, with retries. `held` notices have no channel configured and wait in the console.
 */
export const notificationOutbox = pgTable(
  'notification_outbox',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    event: text('event').notNull(),
    leadId: uuid('lead_id').references(() => leads.id, { onDelete: 'cascade' }),
    inquiryId: uuid('inquiry_id').references(() => inquiries.id, { onDelete: 'cascade' }),
    depositId: uuid('deposit_id').references(() => deposits.id, { onDelete: 'cascade' }),
    tourId: uuid('tour_id').references((): AnyPgColumn => tours.id, { onDelete: 'cascade' }),
    proposalId: uuid('proposal_id').references((): AnyPgColumn => proposals.id, { onDelete: 'cascade' }),
    subscriptionId: uuid('subscription_id').references((): AnyPgColumn => alertSubscriptions.id, {
      onDelete: 'cascade',
    }),
    /**
     * For a notice to one person (the tenant, an agent, the team lead) rather than to the team's channels: their
     * e-mail address, and the language it is written in.
     */
    recipient: text('recipient'),
    lang: text('lang'),
    channel: text('channel').notNull(),
    status: notificationStatus('status').notNull().default('pending'),
    attempts: integer('attempts').notNull().default(0),
    nextAttemptAt: timestamp('next_attempt_at', { withTimezone: true }).notNull().defaultNow(),
    lastError: text('last_error'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    sentAt: timestamp('sent_at', { withTimezone: true }),
  },
  (table) => [index('notification_outbox_due_idx').on(table.status, table.nextAttemptAt)],
);

/** Fixed-window counters shared by every app process (per IP, per contact). */
export const rateLimits = pgTable('rate_limits', {
  key: text('key').primaryKey(),
  windowStart: timestamp('window_start', { withTimezone: true }).notNull(),
  count: integer('count').notNull(),
});

/**
 * Form tokens already used for an inquiry: a token is good for one submission, in every process. Kept until the
 * token would have expired anyway, then pruned.
 */
export const usedFormTokens = pgTable('used_form_tokens', {
  id: text('id').primaryKey(),
  expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
});

/** Secrets the portal makes for itself on first start (e.g. the form-token key), shared by all processes. */
export const appSecrets = pgTable('app_secrets', {
  name: text('name').primaryKey(),
  value: text('value').notNull(),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
});

export type LeadRow = typeof leads.$inferSelect;
export type InquiryRow = typeof inquiries.$inferSelect;
export type OutboxRow = typeof notificationOutbox.$inferSelect;

/**
 * A reservation deposit (意向金): a hold while Checkout is open, a reservation once paid, then possibly refunded.
 * The partial unique index is the guarantee that a unit has at most one active hold or reservation.
 */
export const depositStatus = pgEnum('deposit_status', [
  'held',
  'reserved',
  'released',
  'refund_pending',
  'refunded',
  'refund_failed',
  'credited',
]);

export const deposits = pgTable(
  'deposits',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    unitId: text('unit_id').notNull(),
    leadId: uuid('lead_id')
      .notNull()
      .references(() => leads.id, { onDelete: 'cascade' }),
    inquiryId: uuid('inquiry_id').references(() => inquiries.id, { onDelete: 'set null' }),
    status: depositStatus('status').notNull().default('held'),
    /** `stripe`, or `demo` when the portal runs without Stripe keys (no money moves). */
    mode: text('mode').notNull(),
    amountFen: integer('amount_fen').notNull(),
    currency: text('currency').notNull(),
    checkoutSessionId: text('checkout_session_id').unique(),
    checkoutUrl: text('checkout_url'),
    paymentIntentId: text('payment_intent_id'),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    paidAt: timestamp('paid_at', { withTimezone: true }),
    releasedAt: timestamp('released_at', { withTimezone: true }),
    releaseReason: text('release_reason'),
    refundId: text('refund_id'),
    refundReason: text('refund_reason'),
    refundedAt: timestamp('refunded_at', { withTimezone: true }),
    /** Why the last refund attempt did not finish: Stripe's `failure_reason`, `canceled`, `requires_action`, or an error starting it. */
    refundError: text('refund_error'),
    /**
     * Which refund attempt is current. Each attempt has its own idempotency key (`deposit-refund-<id>-<attempt>`):
     * Stripe replays the first answer to a reused key for 24 hours, so a retry under the old key would only
     * repeat the failure, while processes racing on one attempt still make one refund.
     */
    refundAttempt: integer('refund_attempt').notNull().default(0),
    /** `credited`: the accepted proposal whose lease the deposit was credited to, and when. */
    creditedProposalId: uuid('credited_proposal_id').references((): AnyPgColumn => proposals.id, {
      onDelete: 'set null',
    }),
    creditedAt: timestamp('credited_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [
    uniqueIndex('deposits_one_active_per_unit')
      .on(table.unitId)
      .where(sql`${table.status} in ('held', 'reserved')`),
    index('deposits_status_expiry_idx').on(table.status, table.expiresAt),
    index('deposits_lead_idx').on(table.leadId),
    check('deposits_amount_positive', sql`${table.amountFen} > 0`),
  ],
);

/** Stripe events already applied: recorded in the same transaction as their effect, so a replay changes nothing. */
export const stripeEvents = pgTable(
  'stripe_events',
  {
    id: text('id').primaryKey(),
    type: text('type').notNull(),
    receivedAt: timestamp('received_at', { withTimezone: true }).notNull().defaultNow(),
  },
  // The webhook health check reads the latest delivery.
  (table) => [index('stripe_events_received_idx').on(table.receivedAt)],
);

/**
 * Whether the last Checkout Session offered each configured payment method. Stripe silently leaves out methods
 * the account cannot use (WeChat Pay and Alipay need an eligible account country), so staff are told here, in the
 * database, where every process and the console see it; a later session that offers the method again clears it.
 */
export const paymentMethodChecks = pgTable('payment_method_checks', {
  method: text('method').primaryKey(),
  isOffered: boolean('is_offered').notNull(),
  checkedAt: timestamp('checked_at', { withTimezone: true }).notNull(),
});

/** A lead's timeline: stage changes, payments, refunds and (later) staff notes, tours and tasks. */
export const leadEvents = pgTable(
  'lead_events',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    leadId: uuid('lead_id')
      .notNull()
      .references(() => leads.id, { onDelete: 'cascade' }),
    kind: text('kind').notNull(),
    data: jsonb('data').$type<Record<string, unknown>>().notNull().default({}),
    actor: text('actor').notNull().default('system'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [index('lead_events_lead_idx').on(table.leadId, table.createdAt)],
);

export type DepositRow = typeof deposits.$inferSelect;
export type DepositStatus = (typeof depositStatus.enumValues)[number];
export type LeadStage = (typeof leadStage.enumValues)[number];

/** Every staff change: who, what, when, and the values before and after. Written in the change's transaction. */
export const auditLog = pgTable(
  'audit_log',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    actorId: text('actor_id').notNull(),
    actorEmail: text('actor_email').notNull(),
    action: text('action').notNull(),
    entity: text('entity').notNull(),
    entityId: text('entity_id').notNull(),
    before: jsonb('before').$type<Record<string, unknown> | null>(),
    after: jsonb('after').$type<Record<string, unknown> | null>(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [
    index('audit_log_entity_idx').on(table.entity, table.entityId),
    index('audit_log_created_idx').on(table.createdAt),
  ],
);

/** A staff task on a lead, with a due date ("call back Tuesday"). */
export const leadTasks = pgTable(
  'lead_tasks',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    leadId: uuid('lead_id')
      .notNull()
      .references(() => leads.id, { onDelete: 'cascade' }),
    title: text('title').notNull(),
    dueOn: date('due_on', { mode: 'string' }).notNull(),
    assigneeId: text('assignee_id'),
    doneAt: timestamp('done_at', { withTimezone: true }),
    createdBy: text('created_by').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [index('lead_tasks_due_idx').on(table.assigneeId, table.dueOn)],
);

/**
 * A lease of a unit: the tenant and the term (both days included). The exclusion constraint
 * `unit_leases_no_overlap` (migration 0010) refuses two leases of one unit whose terms overlap.
 */
export const unitLeases = pgTable(
  'unit_leases',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    unitId: text('unit_id').notNull(),
    tenant: text('tenant').notNull(),
    startsOn: date('starts_on', { mode: 'string' }).notNull(),
    endsOn: date('ends_on', { mode: 'string' }).notNull(),
    leadId: uuid('lead_id').references(() => leads.id, { onDelete: 'set null' }),
    /** The accepted proposal the lease came from (issue 16); null for a lease staff entered by hand. */
    proposalId: uuid('proposal_id').references((): AnyPgColumn => proposals.id, { onDelete: 'set null' }),
    /**
     * Whether tenants may see when it ends ("expected available from", issue 17): staff turn it off for a lease
     * whose renewal is being negotiated, so the unit is not offered while its tenant may stay.
     */
    expiryPublic: boolean('expiry_public').notNull().default(true),
    createdBy: text('created_by').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [
    index('unit_leases_unit_idx').on(table.unitId),
    check('unit_leases_term', sql`${table.endsOn} > ${table.startsOn}`),
  ],
);

/** An embeddable listing widget marketing places on another site: its filters, look and allowed host sites. */
export const embeds = pgTable('embeds', {
  id: text('id').primaryKey(),
  name: text('name').notNull(),
  /** Unit search parameters (building, minArea, maxArea, maxRent, …) as URL query text. */
  filters: text('filters').notNull().default(''),
  themeColor: text('theme_color').notNull().default('#13233d'),
  lang: text('lang').notNull().default('zh'),
  /** Sites allowed to frame the widget (host names); empty means any site. */
  allowedHosts: text('allowed_hosts')
    .array()
    .notNull()
    .default(sql`'{}'::text[]`),
  createdBy: text('created_by').notNull(),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});

/**
 * Widget views (an embed page served) and clicks (a visitor arriving from a widget), per embed and host. A click
 * is one row; views are counted in memory and written as one row per embed and host with their `count`
 * (embeds/count-embed-views.ts), so a busy partner page costs no write per view.
 */
export const embedEvents = pgTable(
  'embed_events',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    embedId: text('embed_id').notNull(),
    kind: text('kind').notNull(),
    host: text('host'),
    count: integer('count').notNull().default(1),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [index('embed_events_embed_idx').on(table.embedId, table.kind)],
);

export type EmbedRow = typeof embeds.$inferSelect;

/**
 * How the leasing team answers (one row, id 1): the first-response target in business minutes, the working hours
 * it counts (Beijing), how new leads are shared out, and who hears when a lead waits too long.
 */
export const leasingSettings = pgTable(
  'leasing_settings',
  {
    id: integer('id').primaryKey().default(1),
    responseTargetMinutes: integer('response_target_minutes').notNull().default(15),
    /** Proposals with more rent-free months than this need an administrator's approval. */
    maxRentFreeMonths: integer('max_rent_free_months').notNull().default(3),
    dayStartMinute: integer('day_start_minute').notNull().default(540),
    dayEndMinute: integer('day_end_minute').notNull().default(1080),
    /** Round-robin among all agents (`team`), or among those who cover the lead's industry track or building. */
    assignBy: text('assign_by').notNull().default('track'),
    /** Hears about leads past their target; the first administrator when unset. */
    teamLeadId: text('team_lead_id').references(() => staffUsers.id, { onDelete: 'set null' }),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [
    check('leasing_settings_single', sql`${table.id} = 1`),
    check('leasing_settings_target', sql`${table.responseTargetMinutes} between 1 and 480`),
    check(
      'leasing_settings_day',
      sql`0 <= ${table.dayStartMinute} and ${table.dayStartMinute} < ${table.dayEndMinute} and ${table.dayEndMinute} <= 1440`,
    ),
    check('leasing_settings_assign_by', sql`${table.assignBy} in ('team', 'track', 'building')`),
  ],
);

/**
 * A leasing agent's working profile: whether new leads come to them (duty, leave, how many open leads at most,
 * which tracks and buildings), and the hours tenants may book tours in. Staff without a row take the defaults.
 */
export const agentProfiles = pgTable(
  'agent_profiles',
  {
    userId: text('user_id')
      .primaryKey()
      .references(() => staffUsers.id, { onDelete: 'cascade' }),
    /** A work phone tenants may call; shown in the acknowledgement. */
    workPhone: text('work_phone'),
    isOnDuty: boolean('is_on_duty').notNull().default(true),
    leaveFrom: date('leave_from', { mode: 'string' }),
    leaveUntil: date('leave_until', { mode: 'string' }),
    /** Open leads at most before new ones pass this agent by; no limit when unset. */
    maxOpenLeads: integer('max_open_leads'),
    /** Industry tracks and buildings this agent covers; empty means all. */
    tracks: industryTrack('tracks')
      .array()
      .notNull()
      .default(sql`'{}'::industry_track[]`),
    buildingIds: text('building_ids')
      .array()
      .notNull()
      .default(sql`'{}'::text[]`),
    /** ISO weekdays (1 = Monday) worked; official 调休 working weekends are worked too. */
    workWeekdays: integer('work_weekdays')
      .array()
      .notNull()
      .default(sql`'{1,2,3,4,5}'::integer[]`),
    /** When tours may start and end on a working day: [start, end] minutes after midnight, Beijing. */
    tourWindows: jsonb('tour_windows')
      .$type<Array<[number, number]>>()
      .notNull()
      .default([
        [570, 720],
        [810, 1050],
      ]),
    daysOff: date('days_off', { mode: 'string' })
      .array()
      .notNull()
      .default(sql`'{}'::date[]`),
    tourMinutes: integer('tour_minutes').notNull().default(45),
    bufferMinutes: integer('buffer_minutes').notNull().default(15),
    /** When a lead was last given to this agent: round-robin gives the next to whoever waited longest. */
    lastAssignedAt: timestamp('last_assigned_at', { withTimezone: true }),
    /** SHA-256 of the secret in the agent's calendar subscription URL; none when no feed is issued. */
    calendarTokenHash: text('calendar_token_hash').unique(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [
    check('agent_profiles_tour_minutes', sql`${table.tourMinutes} between 15 and 240`),
    check('agent_profiles_buffer', sql`${table.bufferMinutes} between 0 and 120`),
    check('agent_profiles_capacity', sql`${table.maxOpenLeads} is null or ${table.maxOpenLeads} >= 0`),
    check(
      'agent_profiles_leave',
      sql`${table.leaveFrom} is null or ${table.leaveUntil} is null or ${table.leaveFrom} <= ${table.leaveUntil}`,
    ),
  ],
);

export const tourStatus = pgEnum('tour_status', ['booked', 'cancelled', 'held', 'no_show']);

/**
 * A tour of the park booked on an agent's free time, by the tenant (from a slot) or by staff. The exclusion
 * constraint is the guarantee: an agent has at most one tour that is not cancelled at any moment.
 */
export const tours = pgTable(
  'tours',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    /** Shown to the tenant: TR- and six characters. */
    reference: text('reference').notNull().unique(),
    leadId: uuid('lead_id')
      .notNull()
      .references(() => leads.id, { onDelete: 'cascade' }),
    agentId: text('agent_id')
      .notNull()
      .references(() => staffUsers.id),
    startsAt: timestamp('starts_at', { withTimezone: true }).notNull(),
    endsAt: timestamp('ends_at', { withTimezone: true }).notNull(),
    unitIds: text('unit_ids')
      .array()
      .notNull()
      .default(sql`'{}'::text[]`),
    buildingId: text('building_id'),
    status: tourStatus('status').notNull().default('booked'),
    /** Colleagues the tenant brings: names and e-mail addresses (they get the invitation too). */
    colleagues: jsonb('colleagues').$type<Array<{ name: string; email: string | null }>>().notNull().default([]),
    /** iCalendar SEQUENCE: raised on every change, so calendars replace the earlier invitation. */
    sequence: integer('sequence').notNull().default(0),
    /** `tenant`, or the e-mail of the member of staff who booked it. */
    bookedBy: text('booked_by').notNull(),
    /** After the tour: how interested (high, medium, low, none), units seen, the next step. */
    interest: text('interest'),
    unitsSeen: text('units_seen').array(),
    nextStep: text('next_step'),
    outcomeAt: timestamp('outcome_at', { withTimezone: true }),
    outcomeBy: text('outcome_by'),
    cancelledAt: timestamp('cancelled_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [
    index('tours_lead_idx').on(table.leadId),
    index('tours_agent_time_idx').on(table.agentId, table.startsAt),
    check('tours_time', sql`${table.endsAt} > ${table.startsAt}`),
    check('tours_interest', sql`${table.interest} is null or ${table.interest} in ('high', 'medium', 'low', 'none')`),
  ],
);

export type TourRow = typeof tours.$inferSelect;
export type AgentProfileRow = typeof agentProfiles.$inferSelect;

export const proposalStatus = pgEnum('proposal_status', [
  'draft',
  'pending_approval',
  'approved',
  'rejected',
  'sent',
  'superseded',
  'accepted',
  'withdrawn',
]);

/** The terms as stored: ProposalTerms (lib/lease-economics.ts) with fen amounts as decimal strings. */
export interface StoredProposalTerms {
  area: string;
  rentPerSqmDay: string;
  propertyFeePerSqmMonth: string;
  termMonths: number;
  startDate: string;
  fitOutMonths: number;
  rentFreeMonths: number;
  escalations: Array<{ fromYear: number; percent: string }>;
  paymentMonths: number;
  depositMonths: number;
  creditFen: string;
  fitOutAllowanceFen: string;
  /** Free-text terms, as the agent wrote them. */
  otherTerms: string;
}

/**
 * A lease proposal (issue 16): one version for one or more units of a lead. A version is immutable once sent: a
 * change is a new version, and sending it supersedes the one before. At most one version of a lead is accepted.
 */
export const proposals = pgTable(
  'proposals',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    leadId: uuid('lead_id')
      .notNull()
      .references(() => leads.id, { onDelete: 'cascade' }),
    version: integer('version').notNull(),
    status: proposalStatus('status').notNull().default('draft'),
    unitIds: text('unit_ids').array().notNull(),
    terms: jsonb('terms').$type<StoredProposalTerms>().notNull(),
    /** From the economics, kept for the board, the overview and the list: total rent and NER, in fen. */
    totalRentFen: bigint('total_rent_fen', { mode: 'bigint' }).notNull(),
    netEffectivePerSqmDayFen: integer('net_effective_per_sqm_day_fen').notNull(),
    listPerSqmDayFen: integer('list_per_sqm_day_fen').notNull(),
    /** Why an administrator must approve it (below the floor price, too many rent-free months); empty if not. */
    approvalReasons: text('approval_reasons')
      .array()
      .notNull()
      .default(sql`'{}'::text[]`),
    decidedBy: text('decided_by'),
    decidedAt: timestamp('decided_at', { withTimezone: true }),
    decisionReason: text('decision_reason'),
    /** SHA-256 of the document as sent: what an acceptance accepts. */
    documentSha256: text('document_sha256'),
    sentAt: timestamp('sent_at', { withTimezone: true }),
    expiresAt: timestamp('expires_at', { withTimezone: true }),
    acceptedAt: timestamp('accepted_at', { withTimezone: true }),
    /** The acceptance's evidence: who (name, title, company), the document's hash, address and browser. */
    acceptance: jsonb('acceptance').$type<Record<string, string>>(),
    createdBy: text('created_by').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [
    uniqueIndex('proposals_lead_version').on(table.leadId, table.version),
    uniqueIndex('proposals_one_accepted_per_lead')
      .on(table.leadId)
      .where(sql`${table.status} = 'accepted'`),
    check('proposals_version', sql`${table.version} >= 1`),
  ],
);

export type ProposalRow = typeof proposals.$inferSelect;

/**
 * A saved unit search with e-mail alerts (issue 17), kept without an account: the address, the language, the
 * search (its filters as a canonical query string, lib/saved-search.ts), how far ahead a lease ending counts
 * (days), and the consent given. Alerts go only once the address has confirmed (double opt-in) and stop when it
 * unsubscribes or bounces; an unconfirmed subscription is deleted after 7 days. One live subscription per
 * address and search.
 */
export const alertSubscriptions = pgTable(
  'alert_subscriptions',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    email: text('email').notNull(),
    lang: text('lang').notNull(),
    query: text('query').notNull(),
    horizonDays: integer('horizon_days').notNull().default(90),
    consentAt: timestamp('consent_at', { withTimezone: true }).notNull(),
    /** Which wording of the consent the address agreed to (messages: alerts.consent). */
    consentVersion: text('consent_version').notNull(),
    confirmedAt: timestamp('confirmed_at', { withTimezone: true }),
    unsubscribedAt: timestamp('unsubscribed_at', { withTimezone: true }),
    bouncedAt: timestamp('bounced_at', { withTimezone: true }),
    /** When the last alert went out (at most one a day). */
    lastAlertedAt: timestamp('last_alerted_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [
    uniqueIndex('alert_subscriptions_one_per_search')
      .on(table.email, table.query)
      .where(sql`${table.unsubscribedAt} is null`),
    index('alert_subscriptions_email_idx').on(table.email),
    check('alert_subscriptions_lang', sql`${table.lang} in ('zh', 'en')`),
    check('alert_subscriptions_horizon', sql`${table.horizonDays} between 0 and 366`),
  ],
);

/**
 * What a subscription has been told about: each unit with the date it is (or comes) available and its asking rent
 * when last alerted. A unit is alerted again only when it comes free earlier or its rent drops.
 */
export const alertMatches = pgTable(
  'alert_matches',
  {
    subscriptionId: uuid('subscription_id')
      .notNull()
      .references(() => alertSubscriptions.id, { onDelete: 'cascade' }),
    unitId: text('unit_id').notNull(),
    availableFrom: date('available_from', { mode: 'string' }).notNull(),
    listRentPerSqmDay: numeric('list_rent_per_sqm_day', { precision: 10, scale: 2 }).notNull(),
    alertedAt: timestamp('alerted_at', { withTimezone: true }).notNull(),
  },
  (table) => [primaryKey({ columns: [table.subscriptionId, table.unitId] })],
);

export type AlertSubscriptionRow = typeof alertSubscriptions.$inferSelect;

/**
 * A lead's requirement (issue 17): what the company needs, as a saved search's canonical query (lib/saved-search.ts),
 * so the register and the alerts share one matcher. Staff set it on the lead page; until then it is read from the
 * lead's latest inquiry (requirements/lead-requirement.ts).
 */
export const leadRequirements = pgTable('lead_requirements', {
  leadId: uuid('lead_id')
    .primaryKey()
    .references(() => leads.id, { onDelete: 'cascade' }),
  query: text('query').notNull(),
  updatedBy: text('updated_by').notNull(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});

/** A unit that fits a lead's requirement now or from a date (the register sweep keeps these current). */
export const requirementMatches = pgTable(
  'requirement_matches',
  {
    leadId: uuid('lead_id')
      .notNull()
      .references(() => leads.id, { onDelete: 'cascade' }),
    unitId: text('unit_id').notNull(),
    availableFrom: date('available_from', { mode: 'string' }).notNull(),
    /** Matched because the lead holds a right of first refusal on the unit, not because of its requirement. */
    byFirstRefusal: boolean('by_first_refusal').notNull().default(false),
    matchedAt: timestamp('matched_at', { withTimezone: true }).notNull(),
  },
  (table) => [
    primaryKey({ columns: [table.leadId, table.unitId] }),
    index('requirement_matches_unit_idx').on(table.unitId),
  ],
);

/**
 * A right of first refusal (优先承租权) on a unit, held by a lead (a tenant of a neighbouring unit) until a day:
 * until then the unit is offered to nobody else (no alerts, no other lead's match) and the holder's agent hears
 * when it comes free. Ended early by staff (`ended_at`).
 */
export const firstRefusals = pgTable(
  'first_refusals',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    unitId: text('unit_id').notNull(),
    leadId: uuid('lead_id')
      .notNull()
      .references(() => leads.id, { onDelete: 'cascade' }),
    /** The holder's own unit, beside this one. */
    holderUnitId: text('holder_unit_id').notNull(),
    /** The last day of the window (Beijing). */
    untilOn: date('until_on', { mode: 'string' }).notNull(),
    note: text('note'),
    createdBy: text('created_by').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    endedAt: timestamp('ended_at', { withTimezone: true }),
  },
  (table) => [
    index('first_refusals_unit_idx').on(table.unitId),
    uniqueIndex('first_refusals_one_per_unit')
      .on(table.unitId)
      .where(sql`${table.endedAt} is null`),
  ],
);
