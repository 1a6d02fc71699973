/**
 * A full disk, for real: the portal runs in its own mount namespace (`unshare --mount`, needs root) with a
 * small tmpfs mounted over PGLITE_DIR's parent; the test fills that tmpfs through /proc/<pid>/root. /healthz
 * must say the database cannot write (503 with the reason) instead of 200, and recover once space is freed; a
 * first start on a full disk must say what is wrong and what to do, not "undefined".
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, openSync, closeSync, rmSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { startServer, startServerExpectingFailure, type RunningServer } from '../support/start-server.ts';

const canMount =
  process.getuid?.() === 0 &&
  spawnSync('unshare', ['--mount', '--propagation', 'private', 'sh', '-c', 'mount -t tmpfs -o size=1m tmpfs /mnt'])
    .status === 0;

/** Mounts a tmpfs of `size` at $DISK in a private mount namespace, optionally fills it, then runs the server. */
function onSmallDisk(size: string, fillFirst: boolean): string[] {
  const fill = fillFirst ? 'head -c 1G /dev/zero > "$DISK/filler" 2>/dev/null;' : '';
  return [
    'unshare',
    '--mount',
    '--propagation',
    'private',
    'sh',
    '-c',
    `mount -t tmpfs -o size=${size} tmpfs "$DISK" && ${fill} exec "$0" "$@"`,
  ];
}

/** Writes zeros into `path` until the disk says ENOSPC. */
function fillDisk(path: string): void {
  const fd = openSync(path, 'w');
  const chunk = Buffer.alloc(1 << 20);
  try {
    for (;;) writeSync(fd, chunk);
  } catch (error) {
    expect((error as NodeJS.ErrnoException).code).toBe('ENOSPC');
  } finally {
    closeSync(fd);
  }
}

describe.skipIf(!canMount)('a full disk under the embedded database', () => {
  const cleanups: Array<() => Promise<void> | void> = [];
  afterAll(async () => {
    for (const cleanup of cleanups.reverse()) await cleanup();
  });

  it('makes /healthz answer 503 with the reason while the disk is full, and 200 again once space is freed', async () => {
    const disk = mkdtempSync(join(tmpdir(), 'disk-full-'));
    cleanups.push(() => rmSync(disk, { recursive: true, force: true }));
    const server: RunningServer = await startServer(
      { DISK: disk, PGLITE_DIR: join(disk, 'pglite'), ASTRO_NODE_LOGGING: 'disabled' },
      undefined,
      undefined,
      onSmallDisk('48m', false),
    );
    cleanups.push(() => server.stop());
    const healthy = await fetch(`${server.url}/healthz`);
    expect(healthy.status).toBe(200);
    expect(await healthy.json()).toMatchObject({ status: 'ok', checks: { database: { status: 'ok' } } });

    // The server's view of the disk (its mount namespace), filled from here.
    const filler = `/proc/${server.process.pid}/root${disk}/filler`;
    fillDisk(filler);
    const sick = await fetch(`${server.url}/healthz`);
    expect(sick.status).toBe(503);
    const body = (await sick.json()) as { status: string; checks: { database: { status: string; reason: string } } };
    expect(body.status).toBe('unavailable');
    expect(body.checks.database.status).toBe('fail');
    expect(body.checks.database.reason).toMatch(/^ENOSPC: No space left on the device.*free disk space/s);
    expect(server.output()).toContain('healthz.database_cannot_write');

    rmSync(filler);
    expect((await fetch(`${server.url}/healthz`)).status).toBe(200);
  });

  it('says at a first start on a full disk what failed and what to do, never "undefined"', async () => {
    const disk = mkdtempSync(join(tmpdir(), 'disk-full-'));
    mkdirSync(disk, { recursive: true });
    cleanups.push(() => rmSync(disk, { recursive: true, force: true }));
    const { code, output } = await startServerExpectingFailure(
      { DISK: disk, PGLITE_DIR: join(disk, 'pglite'), ASTRO_NODE_LOGGING: 'disabled' },
      onSmallDisk('8m', true),
    );
    expect(code).not.toBe(0);
    expect(output).toContain('The portal cannot start');
    expect(output).not.toContain('undefined');
    expect(output).toMatch(/ENOSPC/);
    expect(output).toMatch(/free disk space where the database lives \(PGLITE_DIR/);
  });
});
