/** The console accounts end-to-end tests sign in with, and the environment that makes one the first admin. */

export interface StaffAccount {
  email: string;
  password: string;
}

/** The administrator most end-to-end tests start the portal with. */
export const CHIEF_ADMIN: StaffAccount = { email: 'chief@park.example', password: 'long-enough-password-1' };

/** The portal's environment variables that create `account` as the first administrator. */
export function adminEnv(account: StaffAccount): Record<string, string> {
  return { ADMIN_EMAIL: account.email, ADMIN_PASSWORD: account.password };
}
