/**
 * What the demo checkout page shows (the stand-in for Checkout when no Stripe keys are configured): the unit,
 * the amount, and whether the hold is still open to pay or cancel.
 */
import type { Lang } from '../../i18n/lang.ts';
import type { Catalog } from '../catalog/catalog.ts';
import { unitDisplayName } from '../catalog/name-unit.ts';
import { findDemoDeposit, type DemoCheckoutDeps } from './find-demo-deposit.ts';

export interface DemoCheckoutView {
  depositId: string;
  unitName: string;
  amountFen: number;
  isOpen: boolean;
}

/** The page's view, or undefined (404) for a link that is not valid. */
export async function demoCheckoutView(
  deps: DemoCheckoutDeps & { catalog: Catalog },
  depositId: string,
  token: string,
  lang: Lang,
  now: Date = new Date(),
): Promise<DemoCheckoutView | undefined> {
  const deposit = await findDemoDeposit(deps, depositId, token);
  if (typeof deposit === 'string') return undefined;
  return {
    depositId: deposit.id,
    unitName: unitDisplayName(deps.catalog, deposit.unitId, lang),
    amountFen: deposit.amountFen,
    isOpen: deposit.status === 'held' && deposit.expiresAt.getTime() > now.getTime(),
  };
}
