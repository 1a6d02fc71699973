/**
 * Graceful shutdown of scripts/serve.mjs: on SIGTERM it refuses new connections, finishes the request in
 * flight, closes the runtime and exits 0.
 */
import { request } from 'node:http';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { startServer, type RunningServer } from '../support/start-server.ts';

const dataDir = mkdtempSync(join(tmpdir(), 'e2e-shutdown-'));
let server: RunningServer | undefined;
afterAll(async () => {
  await server?.stop();
  rmSync(dataDir, { recursive: true, force: true });
});

describe('graceful shutdown', () => {
  it('lets a slow request finish after SIGTERM, refuses new ones, then exits 0', async () => {
    server = await startServer({ PGLITE_DIR: dataDir, TRUST_PROXY: 'true' });
    const { url, process: child } = server;
    const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));

    // A lead whose body arrives in two parts, the second after the signal.
    const body = JSON.stringify({
      companyName: '停机测试航天科技有限公司',
      contactName: '测试',
      email: 'shutdown@example.com',
      industryTrack: 'navigation',
      consent: true,
    });
    const answer = new Promise<{ status: number; text: string }>((resolve, reject) => {
      const req = request(
        `${url}/api/leads`,
        {
          method: 'POST',
          headers: {
            'content-type': 'application/json',
            'content-length': Buffer.byteLength(body),
            'x-forwarded-for': '10.9.9.9',
          },
        },
        (res) => {
          let text = '';
          res.on('data', (chunk: Buffer) => (text += chunk.toString()));
          res.on('end', () => resolve({ status: res.statusCode ?? 0, text }));
        },
      );
      req.on('error', reject);
      req.write(body.slice(0, 20));
      setTimeout(() => req.end(body.slice(20)), 1500);
    });
    await new Promise((resolve) => setTimeout(resolve, 300));
    child.kill('SIGTERM');
    await new Promise((resolve) => setTimeout(resolve, 300));

    const refused = await fetch(`${url}/healthz`).then(
      () => false,
      () => true,
    );
    expect(refused).toBe(true);
    const { status, text } = await answer;
    expect(status).toBe(201);
    expect(JSON.parse(text)).toHaveProperty('reference');
    expect(await exited).toBe(0);
    expect(server.output()).toContain('shutdown: done');
  });
});
