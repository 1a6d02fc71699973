/**
 * Starts the built portal (scripts/serve.mjs) for the measuring scripts (bench-*, lighthouse, measure-js) on a free
 * port and waits for /healthz, so each script says only what it sets.
 */
import { spawn, type ChildProcess, type StdioOptions } from 'node:child_process';
import { createServer } from 'node:net';
import { join } from 'node:path';

const SERVE = join(import.meta.dirname, '..', 'serve.mjs');

export interface Portal {
  /** `http://127.0.0.1:<port>` */
  base: string;
  server: ChildProcess;
  /** Whether /healthz answered 200 within 30 s (false when the build is missing or broken). */
  healthy: boolean;
  /** SIGTERM, resolved once the process has exited. */
  stop: () => Promise<void>;
}

/** A port nobody listens on right now. */
function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const probe = createServer().listen(0, '127.0.0.1', () => {
      const address = probe.address();
      probe.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

/**
 * Spawns the portal with this process's environment plus `env`, which may depend on the address (e.g.
 * `PUBLIC_SITE_URL: base`), and waits up to 30 s for it to answer.
 */
export async function startPortal(
  env: Record<string, string> | ((base: string) => Record<string, string>),
  stdio: StdioOptions = 'ignore',
): Promise<Portal> {
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  const server = spawn(process.execPath, [SERVE], {
    env: { ...process.env, PORT: String(port), HOST: '127.0.0.1', ...(typeof env === 'function' ? env(base) : env) },
    stdio,
  });
  const exited = new Promise<void>((resolve) => server.once('exit', () => resolve()));
  let healthy = false;
  for (let i = 0; i < 150 && !healthy && server.exitCode === null; i++) {
    healthy = await fetch(`${base}/healthz`).then(
      (r) => r.ok,
      () => false,
    );
    if (!healthy) await new Promise((r) => setTimeout(r, 200));
  }
  const stop = () => {
    if (server.exitCode === null && server.signalCode === null) server.kill('SIGTERM');
    return exited;
  };
  return { base, server, healthy, stop };
}
