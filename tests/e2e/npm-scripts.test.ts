/**
 * Every `npm run` script works: each script in package.json runs here once, in a smoke mode (short durations,
 * few leads, one page, a throw-away database), through `npm run` exactly as a person types it. A script
 * without a case below fails the first test, so a new script cannot be forgotten. The five that .ci/run itself
 * runs (test, test:e2e, check, data:check, lint) are only checked to be there. The README's commands are run here
 * too (see README "Tests": what CI runs).
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createPostgresDatabase, POSTGRES_SERVER_URL } from '../support/postgres-database.ts';
import { freePort } from '../support/start-server.ts';

const root = join(import.meta.dirname, '..', '..');
const scripts = Object.keys(
  (JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { scripts: Record<string, string> }).scripts,
);
const ciRun = readFileSync(join(root, '.ci', 'run'), 'utf8');

const dirs: string[] = [];
const freshDir = (label: string) => {
  const dir = mkdtempSync(join(tmpdir(), `npm-${label}-`));
  dirs.push(dir);
  return dir;
};
afterAll(() => dirs.forEach((dir) => rmSync(dir, { recursive: true, force: true })));

/**
 * The environment a person's shell has: without the variables Vitest sets for its workers (VITEST, NODE_ENV=test,
 * …), which `astro dev` takes as running under a test and then serves nothing.
 */
function shellEnv(extra: Record<string, string>): NodeJS.ProcessEnv {
  const env = Object.fromEntries(
    Object.entries(process.env).filter(([name]) => !/^(VITEST|TEST$|NODE_ENV$)/.test(name)),
  );
  return { ...env, ...extra };
}

interface Outcome {
  code: number | null;
  output: string;
}

/** Spawns `npm run <script> -- <args>` in its own process group (so it can be stopped whole), collecting its output. */
function spawnNpmRun(script: string, args: string[], env: Record<string, string>) {
  const child = spawn('npm', ['run', '--silent', script, ...(args.length ? ['--', ...args] : [])], {
    cwd: root,
    env: shellEnv(env),
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  return { child, output: () => output };
}

/** `npm run <script> -- <args>` to its end; its own process group, so nothing it started outlives it. */
function npmRun(script: string, args: string[] = [], env: Record<string, string> = {}): Promise<Outcome> {
  const { child, output } = spawnNpmRun(script, args, env);
  return new Promise((resolve) => child.once('exit', (code) => resolve({ code, output: output() })));
}

/** Starts a long-running script, waits until `url` answers 200, then stops the whole process group. */
async function runUntilServing(
  script: string,
  args: string[],
  env: Record<string, string>,
  url: string,
  attempts = 300,
): Promise<{ status: number; body: string; output: string }> {
  const { child, output } = spawnNpmRun(script, args, env);
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  let answer = { status: 0, body: '' };
  try {
    for (let attempt = 0; attempt < attempts && child.exitCode === null; attempt++) {
      const response = await fetch(url).catch(() => undefined);
      if (response?.status === 200) {
        answer = { status: 200, body: await response.text() };
        break;
      }
      await new Promise((r) => setTimeout(r, 500));
    }
  } finally {
    if (child.exitCode === null) process.kill(-child.pid!, 'SIGTERM');
    await exited;
  }
  return { ...answer, output: output() };
}

const expectSuccess = (outcome: Outcome, what: string) =>
  expect(outcome.code, `${what}:\n${outcome.output.slice(-3000)}`).toBe(0);
const gitStatus = (path: string) =>
  spawnSync('git', ['status', '--porcelain', '--', path], { cwd: root, encoding: 'utf8' }).stdout.trim();

/** What .ci/run runs itself, so this file does not run it again. */
const RUN_BY_CI = {
  test: /\bnpm test\b/,
  'test:e2e': /\bnpm run test:e2e\b/,
  check: /\bnpm run check\b/,
  'data:check': /\bnpm run data:check\b/,
  lint: /\bnpm run lint\b/,
};

/** The smoke case of every other script. */
const SMOKE: Record<string, () => Promise<void>> = {
  // CI has already run `npm run lint`, so the tree is formatted: formatting it again changes no file.
  format: async () => {
    const before = spawnSync('git', ['status', '--porcelain'], { cwd: root, encoding: 'utf8' }).stdout;
    expectSuccess(await npmRun('format'), 'npm run format');
    expect(spawnSync('git', ['status', '--porcelain'], { cwd: root, encoding: 'utf8' }).stdout).toBe(before);
  },

  build: async () => {
    expectSuccess(await npmRun('build'), 'npm run build');
    expect(existsSync(join(root, 'dist', 'server', 'entry.mjs'))).toBe(true);
  },

  start: async () => {
    const port = await freePort();
    const { status, body, output } = await runUntilServing(
      'start',
      [],
      { PORT: String(port), PGLITE_DIR: freshDir('start') },
      `http://127.0.0.1:${port}/healthz`,
    );
    expect(status, output.slice(-2000)).toBe(200);
    expect(JSON.parse(body).status).toBe('ok');
  },

  serve: async () => {
    // On PostgreSQL (the README's `DATABASE_URL=postgres://… npm start`), a fresh database.
    const database = await createPostgresDatabase();
    try {
      const port = await freePort();
      const { status, output } = await runUntilServing(
        'serve',
        [],
        { PORT: String(port), DATABASE_URL: database.url },
        `http://127.0.0.1:${port}/healthz`,
      );
      expect(status, output.slice(-2000)).toBe(200);
    } finally {
      await database.drop();
    }
  },

  dev: async () => {
    const port = await freePort();
    const { status, body, output } = await runUntilServing(
      'dev',
      ['--port', String(port), '--host', '127.0.0.1'],
      { PGLITE_DIR: freshDir('dev') },
      `http://127.0.0.1:${port}/units/r1-0501`,
    );
    expect(status, output.slice(-2000)).toBe(200);
    expect(body).toContain('<html');
  },

  'data:sample': async () => {
    // It rewrites data/: never over someone's uncommitted edits (a developer's checkout; CI's clone is clean).
    expect(gitStatus('data'), 'data/ has uncommitted changes; commit or stash them before running this test').toBe('');
    expectSuccess(await npmRun('data:sample'), 'npm run data:sample');
    // Deterministic: it writes exactly the committed catalog.
    expect(gitStatus('data')).toBe('');
  },

  'db:generate': async () => {
    expect(
      gitStatus('src/server/db'),
      'the schema or migrations have uncommitted changes; commit or stash them first',
    ).toBe('');
    const outcome = await npmRun('db:generate');
    expectSuccess(outcome, 'npm run db:generate');
    expect(outcome.output).toMatch(/No schema changes/i);
    expect(gitStatus('src/server/db/migrations')).toBe('');
  },

  'console:user': async () => {
    // The documented way to add staff, on a fresh database as on a fresh clone.
    const env = { PGLITE_DIR: join(freshDir('console-user'), 'pglite') };
    const added = await npmRun('console:user', ['add', 'new.agent@park.example', 'New Agent', 'agent'], env);
    expectSuccess(added, 'console:user add');
    expect(added.output).toMatch(/Added new\.agent@park\.example \(agent\)\. One-time password: \S{12,}/);
    const reset = await npmRun('console:user', ['reset', 'new.agent@park.example'], env);
    expectSuccess(reset, 'console:user reset');
    expect(reset.output).toMatch(/Reset the password of new\.agent@park\.example.*One-time password: \S{12,}/);
    expect((await npmRun('console:user', ['reset', 'nobody@park.example'], env)).code).toBe(1);
  },

  'seed:leads': async () => {
    const outcome = await npmRun('seed:leads', ['20'], { PGLITE_DIR: freshDir('seed') });
    expectSuccess(outcome, 'seed:leads -- 20');
    expect(outcome.output).toContain('Seeded 20 sample leads');
  },

  'db:backup': async () => {
    // The README's three forms: default file, a chosen file, and the PostgreSQL hint.
    const source = join(freshDir('backup'), 'pglite');
    expectSuccess(
      await npmRun('console:user', ['add', 'kept@park.example', 'Kept', 'admin'], { PGLITE_DIR: source }),
      'console:user add',
    );
    const chosen = join(freshDir('backup-file'), 'portal.tar.gz');
    const named = await npmRun('db:backup', [chosen], { PGLITE_DIR: source });
    expectSuccess(named, 'db:backup -- <file>');
    expect(existsSync(chosen)).toBe(true);
    const before = existsSync(join(root, 'backups')) ? readdirSync(join(root, 'backups')) : [];
    const byDefault = await npmRun('db:backup', [], { PGLITE_DIR: source });
    expectSuccess(byDefault, 'db:backup');
    const made = readdirSync(join(root, 'backups')).filter((name) => !before.includes(name));
    expect(made).toHaveLength(1);
    expect(made[0]).toMatch(/^pglite-.*\.tar\.gz$/);
    rmSync(join(root, 'backups', made[0]!));
    const onPostgres = await npmRun('db:backup', [], { DATABASE_URL: 'postgres://user@127.0.0.1:1/none' });
    expect(onPostgres.code).toBe(2);
    expect(onPostgres.output).toContain('pg_dump');

    // db:restore, into a new directory and then over it with --force; the account is there afterwards.
    const target = join(freshDir('restore'), 'pglite');
    expectSuccess(await npmRun('db:restore', [chosen], { PGLITE_DIR: target }), 'db:restore -- <file>');
    expectSuccess(
      await npmRun('db:restore', [chosen, '--force'], { PGLITE_DIR: target }),
      'db:restore -- <file> --force',
    );
    const reset = await npmRun('console:user', ['reset', 'kept@park.example'], { PGLITE_DIR: target });
    expectSuccess(reset, 'console:user reset on the restored copy');
  },

  'db:restore': async () => {
    // Covered with db:backup above (it needs a backup to restore); here: it refuses without a file.
    const outcome = await npmRun('db:restore', [], { PGLITE_DIR: freshDir('restore-usage') });
    expect(outcome.code).toBe(2);
  },

  screenshots: async () => {
    const port = await freePort();
    const server = spawn(process.execPath, [join(root, 'scripts', 'serve.mjs')], {
      cwd: root,
      env: shellEnv({ PORT: String(port), HOST: '127.0.0.1', PGLITE_DIR: freshDir('screenshots') }),
      stdio: 'ignore',
    });
    try {
      for (
        let i = 0;
        i < 150 &&
        !(await fetch(`http://127.0.0.1:${port}/healthz`).then(
          (r) => r.ok,
          () => false,
        ));
        i++
      )
        await new Promise((r) => setTimeout(r, 200));
      const outcome = await npmRun('screenshots', [`http://127.0.0.1:${port}`, '/en/'], { SCREENSHOT_FULL_PAGE: '0' });
      expectSuccess(outcome, 'screenshots');
      expect(readdirSync(join(root, 'screenshots')).some((name) => name.endsWith('.png'))).toBe(true);
    } finally {
      server.kill('SIGTERM');
    }
  },

  'measure:js': async () => {
    const outcome = await npmRun('measure:js');
    expectSuccess(outcome, 'measure:js');
    expect(outcome.output).toMatch(/gzip/i);
  },

  bench: async () => {
    // Both databases: the bench makes (and drops) its own database on the PostgreSQL server.
    const outcome = await npmRun('bench', ['1', '2'], { TEST_DATABASE_URL: POSTGRES_SERVER_URL });
    expectSuccess(outcome, 'bench -- 1 2');
    for (const database of ['PGlite', 'PostgreSQL'])
      for (const route of [
        'GET /api/v1/units',
        'GET /embed/listings (widget)',
        'GET /feeds/units.xml',
        'POST /api/leads (intake alone)',
        'GET /units during lead flood',
        'GET /units during invalid-input flood',
      ])
        expect(outcome.output).toMatch(
          new RegExp(
            `\\| ${database} \\| ${route.replace(/[()/]/g, '\\$&')}[^|]* \\| \\d+ \\| \\d+ \\|.* \\| \\d+ \\|\n`,
          ),
        );
  },

  'bench:leads': async () => {
    const outcome = await npmRun('bench:leads', ['1', '2']);
    expectSuccess(outcome, 'bench:leads -- 1 2');
  },

  'bench:body': async () => {
    const outcome = await npmRun('bench:body', ['8']);
    expectSuccess(outcome, 'bench:body -- 8');
    expect(outcome.output).toMatch(/\| `\/console\/login` \| chunked \| 413 \|/);
    expect(outcome.output).toContain('/healthz afterwards: 200');
  },

  'bench:board': async () => {
    const outcome = await npmRun('bench:board', ['20']);
    expectSuccess(outcome, 'bench:board -- 20');
  },

  'bench:alerts': async () => {
    const outcome = await npmRun('bench:alerts', ['200']);
    expectSuccess(outcome, 'bench:alerts -- 200');
    expect(outcome.output).toMatch(/first sweep +[\d.]+ s +checked 200, alerted \d+/);
  },

  'bench:share': async () => {
    const outcome = await npmRun('bench:share', ['2']);
    expectSuccess(outcome, 'bench:share -- 2');
    expect(outcome.output).toMatch(/\| unit \| zh \| [\d.]+ ms \| — \| [\d.]+ ms \| [\d.]+ KB \|/);
    expect(outcome.output).toMatch(
      /\| `\/en\/share\/park\.png` \| [\d.]+ ms \| [\d.]+ ms \| [\d.]+ ms \| [\d.]+ KB \|/,
    );
  },

  lighthouse: async () => {
    const outcome = await npmRun('lighthouse', ['--runs=1', '/']);
    expectSuccess(outcome, 'lighthouse -- --runs=1 /');
    expect(outcome.output).toMatch(/\| home \| `\/` \| \d+ \| \d+ \| \d+ \| \d+ \|/);
    expect(outcome.output).toContain('No request left this machine.');
  },
};

describe('npm scripts', () => {
  it('has a smoke case for every script in package.json (or .ci/run runs it)', () => {
    const missing = scripts.filter((name) => !(name in SMOKE) && !(name in RUN_BY_CI));
    expect(missing).toEqual([]);
    for (const [name, line] of Object.entries(RUN_BY_CI)) expect(ciRun, `.ci/run runs ${name}`).toMatch(line);
  });

  for (const name of scripts.filter((script) => script in SMOKE)) {
    it(`runs \`npm run ${name}\``, () => SMOKE[name]!(), 300_000);
  }
});

describe("the README's PostgreSQL backup commands", () => {
  it('backs up with pg_dump and restores with pg_restore into a new database, as written', async () => {
    const [source, target] = [await createPostgresDatabase(), await createPostgresDatabase()];
    try {
      expectSuccess(
        await npmRun('console:user', ['add', 'pg.admin@park.example', 'PG Admin', 'admin'], {
          DATABASE_URL: source.url,
        }),
        'console:user add on PostgreSQL',
      );
      const file = join(freshDir('pg-dump'), 'portal.dump');
      const dump = spawnSync('pg_dump', ['--format=custom', `--file=${file}`, source.url], { encoding: 'utf8' });
      expect(dump.status, dump.stderr).toBe(0);
      const restore = spawnSync(
        'pg_restore',
        ['--clean', '--if-exists', '--no-owner', '--single-transaction', `--dbname=${target.url}`, file],
        { encoding: 'utf8' },
      );
      expect(restore.status, restore.stderr).toBe(0);
      expectSuccess(
        await npmRun('console:user', ['reset', 'pg.admin@park.example'], { DATABASE_URL: target.url }),
        'console:user reset on the restored database',
      );
    } finally {
      await source.drop();
      await target.drop();
    }
  });
});
