/**
 * The portal on PostgreSQL with Chromium (portal-on-postgres.ts), taking deposits through the strict fake Stripe:
 * the real SDK talks to the fake, and the fake delivers signed webhooks to the portal.
 */
import { startFakeStripe, type FakeStripe } from './fake-stripe.ts';
import { startPortalOnPostgres, type PortalOnPostgres } from './portal-on-postgres.ts';

export interface PortalWithFakeStripe extends PortalOnPostgres {
  fake: FakeStripe;
}

/** Starts the fake Stripe and the portal wired to it (webhooks signed with `webhookSecret`), with `env` added. */
export async function startPortalWithFakeStripe(
  webhookSecret: string,
  env: Record<string, string> = {},
): Promise<PortalWithFakeStripe> {
  const fake = await startFakeStripe(webhookSecret);
  const portal = await startPortalOnPostgres({
    STRIPE_SECRET_KEY: 'sk_test_e2e',
    STRIPE_WEBHOOK_SECRET: webhookSecret,
    STRIPE_API_URL: fake.url,
    ...env,
  }).catch(async (error: Error) => {
    await fake.close();
    throw error;
  });
  fake.setWebhookUrl(`${portal.server.url}/api/webhooks/stripe`);
  return {
    ...portal,
    fake,
    async stop() {
      await portal.stop();
      await fake.close();
    },
  };
}
