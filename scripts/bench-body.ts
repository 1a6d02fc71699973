/**
 * What oversize request bodies cost the server: starts the built portal on a fresh PGlite directory, then sends
 * anonymous POSTs of <megabytes> (default 600, the audit's size) to the sign-in page, better-auth's sign-in API,
 * the inquiry API and a form action, once with a declared Content-Length and once chunked, and prints for each the
 * status, how many bytes the server let through before it closed the connection, and the server's resident memory
 * (RSS, from /proc) before and after. Before the body limits, one 600 MB POST grew the server from 1.1 to 2.4 GB.
 *
 *   npm run bench:body [-- <megabytes>]      (builds first)
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startPortal } from './lib/start-portal.ts';

const megabytes = Number(process.argv[2] ?? '600');
if (!Number.isFinite(megabytes) || megabytes <= 0) {
  console.error('Usage: npm run bench:body [-- <megabytes>]');
  process.exit(2);
}
const totalBytes = Math.round(megabytes * 1024 * 1024);
const dataDir = mkdtempSync(join(tmpdir(), 'bench-body-'));

const { base, server, stop } = await startPortal({ PGLITE_DIR: dataDir, ASTRO_NODE_LOGGING: 'disabled' }, [
  'ignore',
  'ignore',
  'inherit',
]);

/** The server's resident memory in MiB. */
function rssMiB(): number {
  const line = readFileSync(`/proc/${server.pid}/status`, 'utf8')
    .split('\n')
    .find((l) => l.startsWith('VmRSS:'));
  return Math.round(Number(line?.match(/\d+/)?.[0] ?? 0) / 1024);
}

/** Streams `totalBytes` of form data until the server answers or closes; returns the status and the bytes written. */
function post(
  path: string,
  isChunked: boolean,
  contentType: string,
): Promise<{ status: number | string; sentMiB: number }> {
  return new Promise((resolve) => {
    const headers: Record<string, string> = { 'content-type': contentType, origin: base };
    if (!isChunked) headers['content-length'] = String(totalBytes);
    const req = request(`${base}${path}`, { method: 'POST', headers });
    let sent = 0;
    let status: number | string = 'no answer';
    let isDone = false;
    const finish = () => {
      if (isDone) return;
      isDone = true;
      resolve({ status, sentMiB: Math.round((sent / 1024 / 1024) * 10) / 10 });
    };
    req.on('response', (response) => {
      status = response.statusCode ?? 0;
      response.resume();
      response.on('end', () => {
        req.destroy();
        finish();
      });
    });
    req.on('error', finish);
    req.on('close', finish);
    const chunk = Buffer.alloc(64 * 1024, 'a');
    const pump = () => {
      while (!isDone && sent < totalBytes) {
        sent += chunk.length;
        if (!req.write(chunk)) return void req.once('drain', pump);
      }
      if (!isDone) req.end();
    };
    // The prefix makes it a plausible form: a field whose value never ends.
    req.write('email=a%40b.cn&password=');
    pump();
  });
}

const targets: [string, string][] = [
  ['/console/login', 'application/x-www-form-urlencoded'],
  ['/api/auth/sign-in/email', 'application/json'],
  ['/api/leads', 'application/x-www-form-urlencoded'],
  ['/contact?_action=submitLead', 'application/x-www-form-urlencoded'],
];
const before = rssMiB();
console.log(`POST bodies of ${megabytes} MiB, anonymous; server RSS at start: ${before} MiB\n`);
console.log('| route | body | status | sent before the close (MiB) | RSS after (MiB) |');
console.log('| --- | --- | ---: | ---: | ---: |');
let peak = before;
try {
  for (const [path, type] of targets) {
    for (const isChunked of [false, true]) {
      const { status, sentMiB } = await post(path, isChunked, type);
      const rss = rssMiB();
      peak = Math.max(peak, rss);
      console.log(`| \`${path}\` | ${isChunked ? 'chunked' : 'Content-Length'} | ${status} | ${sentMiB} | ${rss} |`);
    }
  }
  const healthy = await fetch(`${base}/healthz`).then(
    (r) => r.status,
    () => 0,
  );
  console.log(
    `\nServer RSS: ${before} MiB at start, ${peak} MiB at most after a request; /healthz afterwards: ${healthy}.`,
  );
  if (healthy !== 200) process.exitCode = 1;
} finally {
  await stop();
  rmSync(dataDir, { recursive: true, force: true });
}
