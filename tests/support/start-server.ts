/**
 * Starts the built portal (dist/) as a child process on a free port, the way `npm start` runs it.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { join } from 'node:path';

const root = join(import.meta.dirname, '..', '..');

export interface RunningServer {
  url: string;
  process: ChildProcess;
  output: () => string;
  stop: () => Promise<void>;
}

/** A port nobody listens on right now. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() =>
        typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port')),
      );
    });
  });
}

/** Spawns scripts/serve.mjs (or a copy beside another build) on a free port, collecting everything it prints. */
async function spawnServer(
  env: Record<string, string>,
  chosenPort?: number,
  serveScript = join(root, 'scripts', 'serve.mjs'),
  launcher: string[] = [],
) {
  const port = chosenPort ?? (await freePort());
  const [command, ...args] = [...launcher, process.execPath, serveScript];
  const child = spawn(command!, args, {
    cwd: root,
    env: { ...process.env, HOST: '127.0.0.1', PORT: String(port), ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  return { child, url: `http://127.0.0.1:${port}`, output: () => output };
}

/**
 * Runs the server with the given environment; resolves once /healthz answers 200. `launcher` goes before
 * `node serve.mjs` (e.g. `unshare --pid --fork` to run it as PID 1).
 */
export async function startServer(
  env: Record<string, string>,
  port?: number,
  serveScript?: string,
  launcher?: string[],
): Promise<RunningServer> {
  const { child, url, output } = await spawnServer(env, port, serveScript, launcher);
  const stop = () =>
    new Promise<void>((resolve) => {
      if (child.exitCode !== null || child.signalCode !== null) return resolve();
      child.once('exit', () => resolve());
      child.kill('SIGTERM');
    });
  for (let attempt = 0; attempt < 150; attempt++) {
    if (child.exitCode !== null) throw new Error(`The server exited with ${child.exitCode}:\n${output()}`);
    const ok = await fetch(`${url}/healthz`).then(
      (r) => r.ok,
      () => false,
    );
    if (ok) return { url, process: child, output, stop };
    await new Promise((r) => setTimeout(r, 200));
  }
  await stop();
  throw new Error(`The server did not become healthy in 30 s:\n${output()}`);
}

/** Runs the server expecting it to refuse to start; resolves with its exit code and output. */
export async function startServerExpectingFailure(
  env: Record<string, string>,
  launcher?: string[],
): Promise<{ code: number | null; output: string }> {
  const { child, output } = await spawnServer(env, undefined, undefined, launcher);
  const timer = setTimeout(() => child.kill('SIGKILL'), 20_000);
  const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
  clearTimeout(timer);
  return { code, output: output() };
}
