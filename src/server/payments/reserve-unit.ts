/**
 * Reserving a unit: the tenant's details are checked like any inquiry's; then, in one transaction, the inquiry is
 * stored and the unit is put on hold (the partial unique index on deposits guarantees one active hold or
 * reservation per unit). A Checkout Session is then opened for the hold; if the provider fails, the hold is
 * released again, so nothing stays half done.
 */
import { activeFirstRefusals } from '../requirements/first-refusals.ts';
import { eq } from 'drizzle-orm';
import type { Lang } from '../../i18n/lang.ts';
import { depositAmountFen } from '../../lib/deposit.ts';
import { localePath } from '../../i18n/lang.ts';
import type { LeadFieldError } from '../../lib/lead-field-errors.ts';
import type { Catalog } from '../catalog/catalog.ts';
import { deposits } from '../db/schema.ts';
import { isFormTokenReuse } from '../security/spend-form-token.ts';
import { type LeadSubmission, type SubmitLeadRefusal } from '../leads/lead-submission.ts';
import { checkLeadInput } from '../leads/check-lead-input.ts';
import { checkLeadLimits } from '../leads/check-lead-limits.ts';
import { storeInquiries } from '../leads/store-inquiries.ts';
import { log } from '../log.ts';
import { placeHold, releaseHold } from './deposit-transitions.ts';
import { recordOfferedMethods } from './record-offered-methods.ts';
import { HOLD_MARGIN_SECONDS, HOLD_MINUTES, type PaymentsConfig } from './payment-gateway.ts';
import type { PaymentDeps } from './reconcile-deposit.ts';
import { formatUnitName } from '../../lib/format.ts';
import { readLeasingSettings } from '../assignment/leasing-settings.ts';

type ReserveRefusal = SubmitLeadRefusal | 'unknown_unit' | 'unit_taken' | 'unit_first_refusal' | 'payment_unavailable';

export type ReserveResult =
  /** `checkoutUrl` is the provider's page; `stepUrl` our checkout step before it (unit, amount, the hold's countdown). */
  | { ok: true; checkoutUrl: string; stepUrl: string; reference: string; depositId: string; amountFen: number }
  | { ok: false; reason: ReserveRefusal; errors: LeadFieldError[]; retryAfterSeconds?: number };

class UnitNotAvailableError extends Error {}

function isUniqueViolation(error: unknown): boolean {
  for (let e: unknown = error; e; e = (e as { cause?: unknown }).cause) {
    if ((e as { code?: string }).code === '23505') return true;
  }
  return false;
}

export interface ReserveDeps extends PaymentDeps {
  catalog: Catalog;
  payments: PaymentsConfig;
  onStored?: () => void;
}

/** Holds a unit for the tenant and opens Checkout for its deposit. */
export async function reserveUnit(
  deps: ReserveDeps,
  unitId: string,
  submission: LeadSubmission,
): Promise<ReserveResult> {
  const unit = deps.catalog.unitById.get(unitId);
  if (!unit) return { ok: false, reason: 'unknown_unit', errors: [] };
  const raw = { ...(submission.raw as Record<string, unknown>), unitIds: [unitId] };
  const request = { ...submission, raw };
  // The steps of any inquiry (submit-lead.ts), for one, and stored in the hold's transaction.
  const screened = await checkLeadInput(deps, request);
  if (!screened.ok) return screened;
  const [overLimit] = await checkLeadLimits(deps.db, [{ lead: screened.lead, request }]);
  if (overLimit) return overLimit;
  // A neighbour's right of first refusal keeps the unit from everyone else until it ends (requirements/).
  if ((await activeFirstRefusals(deps.db)).has(unitId)) return { ok: false, reason: 'unit_first_refusal', errors: [] };

  const now = submission.now ?? new Date();
  const expiresAt = new Date(now.getTime() + HOLD_MINUTES * 60_000 + HOLD_MARGIN_SECONDS * 1000);
  let held: { depositId: string; leadId: string; reference: string; amountFen: number };
  const settings = await readLeasingSettings(deps.db);
  try {
    held = await deps.db.transaction(async (tx) => {
      const [stored] = await storeInquiries(
        tx,
        [{ lead: screened.lead, request, now, channels: deps.channels }],
        settings,
      );
      const hold = await placeHold(
        tx,
        {
          unitId,
          leadId: stored.leadId,
          inquiryId: stored.inquiryId,
          mode: deps.gateway.mode,
          currency: deps.payments.currency,
          expiresAt,
          amountFor: (listRent) => depositAmountFen(unit, listRent, deps.payments.rule),
        },
        now,
      );
      // Rolls back the inquiry too: whoever lost the unit stored nothing.
      if (!hold) throw new UnitNotAvailableError();
      return { ...hold, leadId: stored.leadId, reference: stored.reference };
    });
  } catch (error) {
    if (isFormTokenReuse(error)) return { ok: false, reason: 'used_form', errors: [] };
    if (error instanceof UnitNotAvailableError || isUniqueViolation(error))
      return { ok: false, reason: 'unit_taken', errors: [] };
    throw error;
  }
  deps.onStored?.();

  const building = deps.catalog.buildingById.get(unit.building)!;
  const lead = screened.lead;
  try {
    const base = deps.payments.siteUrl;
    const checkout = await deps.gateway.createCheckout({
      depositId: held.depositId,
      leadId: held.leadId,
      unitId,
      amountFen: held.amountFen,
      currency: deps.payments.currency,
      paymentMethods: deps.payments.paymentMethods,
      productName:
        submission.lang === 'zh'
          ? `意向金 · ${building.name.zh} ${unit.number}`
          : `Reservation deposit · ${formatUnitName(building.name.en, unit.level, unit.number, 'en')}`,
      customerEmail: lead.email,
      lang: submission.lang,
      expiresAt,
      successUrl: `${new URL(localePath(submission.lang as Lang, '/reserve/success'), base).href}?session_id={CHECKOUT_SESSION_ID}`,
      cancelUrl: `${new URL(localePath(submission.lang as Lang, '/reserve/cancelled'), base).href}?session_id={CHECKOUT_SESSION_ID}`,
    });
    await deps.db
      .update(deposits)
      .set({ checkoutSessionId: checkout.sessionId, checkoutUrl: checkout.url, updatedAt: new Date() })
      .where(eq(deposits.id, held.depositId));
    await recordOfferedMethods(deps.db, deps.payments.paymentMethods, checkout.offeredMethods).catch((error: Error) =>
      log.error('payments.methods_check_failed', {}, error),
    );
    const stepUrl = `${localePath(submission.lang as Lang, '/reserve/checkout')}?session_id=${encodeURIComponent(checkout.sessionId)}`;
    return {
      ok: true,
      checkoutUrl: checkout.url,
      stepUrl,
      reference: held.reference,
      depositId: held.depositId,
      amountFen: held.amountFen,
    };
  } catch (error) {
    log.error('payments.checkout_failed', { deposit: held.depositId }, error);
    await deps.db.transaction((tx) => releaseHold(tx, held.depositId, 'checkout_failed', new Date()));
    return { ok: false, reason: 'payment_unavailable', errors: [] };
  }
}
