/**
 * Lead intake under sustained load on the embedded database: starts the built server on a fresh PGlite
 * directory, sends POST /api/leads with a different company and person each time for a fixed duration
 * (autocannon), then stops the server, opens the database and checks every accepted inquiry was stored.
 *
 *   npm run bench:leads [-- <seconds> <connections>]      (builds first)
 *
 * The server runs with TRUST_PROXY=true and each request carries its own X-Forwarded-For address, as several
 * visitors behind a load balancer would; otherwise the per-IP limit would (rightly) stop a single client.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import autocannon from 'autocannon';
import { loadTestLead } from './lib/load-lead.ts';
import { startPortal } from './lib/start-portal.ts';
import { count } from 'drizzle-orm';
import { openDatabase } from '../src/server/db/open-database.ts';
import { inquiries, leads } from '../src/server/db/schema.ts';

const [durationArg = '15', connectionsArg = '8'] = process.argv.slice(2);
const duration = Number(durationArg);
const connections = Number(connectionsArg);
const dataDir = mkdtempSync(join(tmpdir(), 'bench-leads-'));

const { base, stop } = await startPortal({ PGLITE_DIR: dataDir, TRUST_PROXY: 'true', ASTRO_NODE_LOGGING: 'disabled' }, [
  'ignore',
  'ignore',
  'inherit',
]);

let sequence = 0;
const result = await autocannon({
  url: `${base}/api/leads`,
  connections,
  duration,
  requests: [
    {
      method: 'POST',
      setupRequest: (request) => {
        return { ...request, ...loadTestLead((sequence += 1), '基准测试') };
      },
    },
  ],
});

await stop();
const handle = await openDatabase({ pgliteDir: dataDir });
const stored = (await handle.db.select({ n: count() }).from(leads))[0]!.n;
const storedInquiries = (await handle.db.select({ n: count() }).from(inquiries))[0]!.n;
await handle.close();
rmSync(dataDir, { recursive: true, force: true });

const accepted = result['2xx'];
console.log(`POST /api/leads on PGlite: ${duration} s, ${connections} connections`);
console.log(`  submissions/s (mean)   ${result.requests.average.toFixed(1)}`);
console.log(
  `  latency p50 / p99      ${result.latency.p50} ms / ${result.latency.p99} ms (max ${result.latency.max} ms)`,
);
console.log(
  `  accepted (2xx)         ${accepted}   refused (non-2xx) ${result.non2xx}   errors ${result.errors}   timeouts ${result.timeouts}`,
);
console.log(
  `  stored leads/inquiries ${stored} / ${storedInquiries} (answered ${accepted} + up to ${connections} in flight at the stop)`,
);
// Requests still in flight when the timer stops are stored but not counted by autocannon: at most `connections`.
const isLossless = stored >= accepted && stored <= accepted + connections && storedInquiries === stored;
console.log(
  isLossless
    ? '  nothing lost: every accepted submission is in the database'
    : '  ✗ MISMATCH between accepted and stored submissions',
);
process.exit(isLossless ? 0 : 1);
