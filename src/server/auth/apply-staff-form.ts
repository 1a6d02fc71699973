/**
 * The staff accounts page's form posts (admins only): create an account, change a role, disable or enable an
 * account, reset a password. Each is one button of the page; the outcome is shown on the page itself.
 */
import type { Actor } from '../audit/record-audit.ts';
import type { Database } from '../db/open-database.ts';
import { refused, type Outcome } from '../errors/answer-outcome.ts';
import { readForm, textField } from '../security/read-form.ts';
import type { Auth } from './create-auth.ts';
import type { Catalog } from '../catalog/catalog.ts';
import { handOverWork } from '../assignment/hand-over-work.ts';
import { log } from '../log.ts';
import { createStaff, resetStaffPassword, setStaffBanned, setStaffRole, type StaffResult } from './manage-staff.ts';

export interface StaffChanged {
  /** A one-time password to hand over (a new account, a reset). */
  password?: string | undefined;
  /** Whom the change was about (the email or account id posted), for the one-time password's notice. */
  subject: string;
}

/** What the page's forms need: the database, better-auth, and for a handover the catalog and notice channels. */
interface StaffFormDeps {
  db: Database;
  auth: Auth;
  catalog: Catalog;
  notifyChannels: readonly string[];
}

async function apply(
  deps: StaffFormDeps,
  actor: Actor,
  headers: Headers,
  get: (name: string) => string,
): Promise<StaffResult> {
  const { db, auth } = deps;
  const action = get('action');
  try {
    if (action === 'create')
      return await createStaff(db, auth, actor, headers, { name: get('name'), email: get('email'), role: get('role') });
    // Someone who no longer works leads hands their open leads and coming tours over (hand-over-work.ts).
    const handOver = async (result: StaffResult) => {
      if (result.ok)
        await handOverWork({ ...deps, channels: deps.notifyChannels }, actor, get('userId')).catch((error: unknown) =>
          log.error('staff.handover_failed', {}, error),
        );
      return result;
    };
    if (action === 'role')
      return await handOver(await setStaffRole(db, auth, actor, headers, get('userId'), get('role')));
    if (action === 'disable' || action === 'enable')
      return await handOver(await setStaffBanned(db, auth, actor, headers, get('userId'), action === 'disable'));
    if (action === 'reset') return await resetStaffPassword(db, auth, actor, headers, get('userId'));
  } catch {
    // better-auth refuses what it finds invalid by throwing.
  }
  return { ok: false, code: 'invalid' };
}

export async function applyStaffForm(
  deps: StaffFormDeps,
  actor: Actor,
  request: Request,
): Promise<Outcome<StaffChanged>> {
  const read = await readForm(request);
  if (!read.ok) return read;
  const get = (name: string) => textField(read.fields, name).slice(0, 300);
  const result = await apply(deps, actor, request.headers, get);
  if (result.ok) return { ok: true, password: result.password, subject: get('email') || get('userId') };
  if (result.code === 'exists') return refused('staff_exists');
  if (result.code === 'self') return refused('own_account');
  if (result.code === 'not_found') return refused('not_found');
  return refused('invalid', {
    errors: [
      {
        field: 'account',
        code: 'invalid',
        message: { zh: '内容无效，请检查姓名、邮箱与角色。', en: 'Not valid: check the name, email and role.' },
      },
    ],
  });
}
