/**
 * Server speed of the read paths and lead intake, each beside a baseline: starts the built portal on a fresh
 * PGlite directory, records each route's answer (status, headers, body), starts Node's bare http server
 * answering with those same bytes (scripts/lib/replay-server.ts), and loads both with autocannon in turn.
 * Prints a markdown table: requests/s and p50/p99 latency of the portal and of the baseline, and portal/baseline.
 *
 *   npm run bench [-- <seconds> <connections>]      (builds first; defaults 10 s, 20 connections)
 *
 * Requests carry no Accept-Encoding, so both sides send the same uncompressed bytes. POST /api/leads goes
 * through the whole intake (validation, abuse checks, one transaction) with a new company and person each
 * time; as in bench-leads.ts the server trusts X-Forwarded-For and each request has its own address, like
 * many visitors behind a load balancer (otherwise the per-IP limit rightly stops a single client). The API
 * takes no form token (the token is the browser form's check), so none is sent.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import autocannon from 'autocannon';
import type { RecordedResponse } from './lib/replay-server.ts';
import { loadTestLead } from './lib/load-lead.ts';

const [durationArg = '10', connectionsArg = '20'] = process.argv.slice(2);
const duration = Number(durationArg);
const connections = Number(connectionsArg);
if (!(duration > 0) || !(connections > 0)) {
  console.error('usage: node scripts/bench.ts [seconds=10] [connections=20]');
  process.exit(2);
}
const warmup = Math.min(2, Math.max(1, Math.round(duration / 5)));
const root = join(import.meta.dirname, '..');
const workDir = mkdtempSync(join(tmpdir(), 'bench-'));

const freePort = () =>
  new Promise<number>((resolve) => {
    const probe = createServer().listen(0, '127.0.0.1', () => {
      const address = probe.address();
      probe.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });

const port = await freePort();
const portal = spawn(process.execPath, [join(root, 'scripts', 'serve.mjs')], {
  env: {
    ...process.env,
    PORT: String(port),
    HOST: '127.0.0.1',
    PGLITE_DIR: join(workDir, 'pglite'),
    TRUST_PROXY: 'true',
    ASTRO_NODE_LOGGING: 'disabled',
    PUBLIC_SITE_URL: `http://127.0.0.1:${port}`,
  },
  stdio: ['ignore', 'ignore', 'inherit'],
});
const portalBase = `http://127.0.0.1:${port}`;
for (
  let i = 0;
  i < 150 &&
  !(await fetch(`${portalBase}/healthz`).then(
    (r) => r.ok,
    () => false,
  ));
  i++
)
  await new Promise((r) => setTimeout(r, 200));

let sequence = 0;
function nextLead(): { headers: Record<string, string>; body: string } {
  return loadTestLead((sequence += 1), '基准测试');
}

interface Target {
  label: string;
  method: 'GET' | 'POST';
  path: string;
}
const targets: Target[] = [
  { label: 'GET /', method: 'GET', path: '/' },
  { label: 'GET /units', method: 'GET', path: '/units' },
  { label: 'GET /units/r1-0501', method: 'GET', path: '/units/r1-0501' },
  { label: 'GET /api/v1/units', method: 'GET', path: '/api/v1/units' },
  { label: 'POST /api/leads', method: 'POST', path: '/api/leads' },
];

// Record what the portal answers, byte for byte.
const recorded: RecordedResponse[] = [];
for (const target of targets) {
  const lead = target.method === 'POST' ? nextLead() : undefined;
  const response = await fetch(`${portalBase}${target.path}`, {
    method: target.method,
    headers: { ...lead?.headers, 'accept-encoding': 'identity' },
    body: lead?.body,
  });
  const body = Buffer.from(await response.arrayBuffer());
  if (response.status >= 400)
    throw new Error(`${target.label} answered ${response.status}: ${body.toString().slice(0, 300)}`);
  // Every header but those Node's http server writes itself (date, connection, length, chunking).
  const headers: Array<[string, string]> = [...response.headers].filter(
    ([name]) =>
      !['date', 'connection', 'keep-alive', 'transfer-encoding', 'content-length', 'set-cookie'].includes(name),
  );
  for (const cookie of response.headers.getSetCookie()) headers.push(['set-cookie', cookie]);
  recorded.push({
    method: target.method,
    path: target.path,
    status: response.status,
    headers,
    body: body.toString('base64'),
  });
}
const recordedFile = join(workDir, 'recorded.json');
writeFileSync(recordedFile, JSON.stringify(recorded));
const baseline = spawn(process.execPath, [join(root, 'scripts', 'lib', 'replay-server.ts'), recordedFile], {
  stdio: ['ignore', 'pipe', 'inherit'],
});
const [firstLine] = (await once(baseline.stdout!, 'data')) as [Buffer];
const baselineBase = `http://127.0.0.1:${Number(firstLine.toString().trim())}`;

interface Measure {
  rps: number;
  p50: number;
  p99: number;
  non2xx: number;
  errors: number;
}
async function load(base: string, target: Target, seconds: number): Promise<Measure> {
  const result = await autocannon({
    url: `${base}${target.path}`,
    connections,
    duration: seconds,
    requests: [
      target.method === 'POST'
        ? { method: 'POST', setupRequest: (request) => ({ ...request, ...nextLead() }) }
        : { method: 'GET' },
    ],
  });
  return {
    rps: result.requests.average,
    p50: result.latency.p50,
    p99: result.latency.p99,
    non2xx: result.non2xx,
    errors: result.errors + result.timeouts,
  };
}

const rows: string[] = [];
const problems: string[] = [];
for (const target of targets) {
  const measured: Measure[] = [];
  for (const base of [portalBase, baselineBase]) {
    await load(base, target, warmup);
    measured.push(await load(base, target, duration));
  }
  const [p, b] = measured as [Measure, Measure];
  if (p.non2xx || p.errors)
    problems.push(`${target.label}: ${p.non2xx} non-2xx, ${p.errors} errors/timeouts on the portal`);
  const ratio = (x: number, y: number) => (y > 0 ? (x / y).toFixed(2) : '–');
  rows.push(
    `| ${target.label} | ${Buffer.from(recorded.find((r) => r.path === target.path)!.body, 'base64').length} | ${p.rps.toFixed(0)} | ${b.rps.toFixed(0)} | ${ratio(p.rps, b.rps)} | ${p.p50} / ${p.p99} | ${b.p50} / ${b.p99} |`,
  );
}

const stop = (child: ChildProcess) =>
  new Promise<void>((resolve) => {
    if (child.exitCode !== null) return resolve();
    child.once('exit', () => resolve());
    child.kill('SIGTERM');
  });
await Promise.all([stop(portal), stop(baseline)]);
rmSync(workDir, { recursive: true, force: true });

console.log(
  `\n${duration} s per run after ${warmup} s warm-up, ${connections} connections, Node ${process.version}, PGlite\n`,
);
console.log(
  '| route | body bytes | portal req/s | baseline req/s | portal/baseline | portal p50 / p99 ms | baseline p50 / p99 ms |',
);
console.log('| --- | ---: | ---: | ---: | ---: | ---: | ---: |');
for (const row of rows) console.log(row);
for (const problem of problems) console.log(`\n✗ ${problem}`);
process.exit(problems.length ? 1 : 0);
