/**
 * `npm run console:user -- add <email> <name> <role>` or `-- reset <email>`: adds a console account or resets its
 * password from the command line (role: admin, agent or marketing). Prints the new password once.
 * Uses DATABASE_URL, or the embedded database in PGLITE_DIR (stop the portal first: PGlite is single-process).
 */
import { eq } from 'drizzle-orm';
import { createAuth } from '../src/server/auth/create-auth.ts';
import { generatePassword, newStaffInput } from '../src/server/auth/manage-staff.ts';
import { staffUsers } from '../src/server/db/auth-schema.ts';
import { openDatabase } from '../src/server/db/open-database.ts';
import { getAppSecret } from '../src/server/security/app-secret.ts';

const [command, email, name, role] = process.argv.slice(2);
const usage =
  'Usage: npm run console:user -- add <email> <name> <admin|agent|marketing>\n       npm run console:user -- reset <email>';
if (command !== 'add' && command !== 'reset') {
  console.error(usage);
  process.exit(2);
}
let handle;
try {
  handle = await openDatabase({
    databaseUrl: process.env.DATABASE_URL,
    pgliteDir: process.env.PGLITE_DIR ?? '.data/pglite',
  });
} catch (error) {
  console.error(`✗ ${(error as Error).message}`);
  process.exit(1);
}
const auth = createAuth(handle.db, {
  siteUrl: process.env.PUBLIC_SITE_URL ?? 'http://localhost:4321',
  secret: await getAppSecret(handle.db, 'auth'),
});
const password = generatePassword();
try {
  if (command === 'add') {
    const parsed = newStaffInput.safeParse({ email, name, role });
    if (!parsed.success) throw new Error(`${usage}\nThe email, name or role is not valid.`);
    await auth.api.createUser({ body: { ...parsed.data, password } });
    console.log(`✓ Added ${parsed.data.email} (${parsed.data.role}). One-time password: ${password}`);
  } else {
    const [user] = await handle.db
      .select({ id: staffUsers.id })
      .from(staffUsers)
      .where(eq(staffUsers.email, (email ?? '').toLowerCase()));
    if (!user) throw new Error(`No console account with the email ${email}.`);
    const context = await auth.$context;
    await context.internalAdapter.updatePassword(user.id, await context.password.hash(password));
    await context.internalAdapter.deleteUserSessions(user.id);
    console.log(`✓ Reset the password of ${email} and signed it out everywhere. One-time password: ${password}`);
  }
} catch (error) {
  console.error(`✗ ${(error as Error).message}`);
  process.exitCode = 1;
} finally {
  await handle.close();
}
