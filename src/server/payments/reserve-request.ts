/**
 * The dependencies of a reservation from the running portal, shared by POST /api/reservations and the form action.
 */
import type { Runtime } from '../runtime.ts';
import type { ReserveDeps } from './reserve-unit.ts';

export function reserveDeps(runtime: Runtime): ReserveDeps {
  return {
    db: runtime.db,
    catalog: runtime.catalog,
    gateway: runtime.payments.gateway,
    payments: runtime.payments,
    channels: runtime.notifyChannels,
    onStored: runtime.outbox.kick,
  };
}
