/**
 * The command line as users run it: bundled by esbuild (as `npm run build` does), spawned as a
 * process, and driven by the seed's own jq dashboard script, unchanged.
 */
import { spawnSync } from 'node:child_process';
import { chmodSync, copyFileSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { build } from 'esbuild';
import type { EpicReport } from '../../src/model/report';
import { REPO_ROOT, tempDir } from './harness';

const SEED_DOC = join(REPO_ROOT, '../shared/seed/migration-projects.md');
const DASHBOARD = join(__dirname, 'migration-status.sh');
const EXAMPLE = join(REPO_ROOT, 'examples/postgres-to-crdb.md');
const hasJq = spawnSync('jq', ['--version']).status === 0;

let dir: string;
let cleanup: () => void;
let binDir: string;
let cliPath: string;

beforeAll(async () => {
  ({ dir, cleanup } = tempDir());
  binDir = join(dir, 'bin');
  mkdirSync(binDir);
  // Named `spectryn` and executable, so the seed's script finds it on PATH as written.
  cliPath = join(binDir, 'spectryn');
  await build({
    entryPoints: [join(REPO_ROOT, 'src/cli.ts')], bundle: true, platform: 'node', format: 'cjs', target: 'node20',
    banner: { js: '#!/usr/bin/env node' }, outfile: cliPath, logLevel: 'silent',
  });
  chmodSync(cliPath, 0o755);
  mkdirSync(join(dir, 'migrations'));
  copyFileSync(EXAMPLE, join(dir, 'migrations/postgres-to-crdb.md'));
}, 60_000);
afterAll(() => cleanup());

function spectryn(args: readonly string[], env: Record<string, string> = {}) {
  const run = spawnSync(process.execPath, [cliPath, ...args], {
    cwd: dir, encoding: 'utf8', timeout: 30_000, env: { PATH: process.env.PATH ?? '', ...env },
  });
  return { code: run.status, stdout: run.stdout, stderr: run.stderr };
}

describe('the bundled CLI', () => {
  test('--help exits 0', () => {
    const run = spectryn(['--help']);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('Usage: spectryn -m NOTE.md');
  });

  test('the seed command with --output json reports the note offline', () => {
    const run = spectryn(['-m', 'migrations/postgres-to-crdb.md', '-e', 'INFRA-100', '--output', 'json']);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    const report = JSON.parse(run.stdout) as EpicReport;
    expect(report).toMatchObject({ epic_key: 'INFRA-100', tracker: null, dry_run: true });
    expect(report.totals).toMatchObject({ stories: 7, stories_done: 2, points: 37, points_done: 8, subtasks: 28, subtasks_done: 9 });
  });

  test('the seed export command writes migration-status.json', () => {
    const run = spectryn(['-m', 'migrations/postgres-to-crdb.md', '-e', 'INFRA-100', '--export', 'migration-status.json']);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/Overall\s+2\/7\s+8\/37\s+9\/28/);
    const exported = JSON.parse(readFileSync(join(dir, 'migration-status.json'), 'utf8')) as EpicReport;
    expect(exported.stories.map((s) => s.id)).toEqual(['US-001', 'US-002', 'US-003', 'US-004', 'US-005', 'US-006', 'US-007']);
  });

  test('exit codes reach the shell: 3 for a missing note, 2 for a bad flag, 6 from --validate', () => {
    expect(spectryn(['-m', 'nowhere.md']).code).toBe(3);
    expect(spectryn(['-m', 'migrations/postgres-to-crdb.md', '--frobnicate']).code).toBe(2);
    expect(spectryn(['-m', 'migrations/postgres-to-crdb.md', '--validate']).code).toBe(0);
    const broken = join(dir, 'broken.md');
    writeFileSync(broken, '# E\n\n### US-001:\n\n### US-001:\n');
    expect(spectryn(['-m', broken, '--validate']).code).toBe(6);
  });

  test('the token never appears in the output of a run with tracker settings', () => {
    const token = 'secret-token-5c1d8e';
    const run = spectryn(['-m', 'migrations/postgres-to-crdb.md', '-e', 'INFRA-100', '-x', '-v'], {
      JIRA_URL: 'http://127.0.0.1:9', JIRA_EMAIL: 'dev@example.com', JIRA_API_TOKEN: token,
    });
    expect(run.code).not.toBe(0);
    expect(run.stdout + run.stderr).not.toContain(token);
  });
});

describe('the seed dashboard (migration-status.sh)', () => {
  test('our copy is the seed script, character for character', () => {
    const script = readFileSync(DASHBOARD, 'utf8');
    if (!existsSync(SEED_DOC)) {
      // Outside this workspace the seed document is not beside the repository; the copy stands alone.
      expect(script).toContain("spectryn -m migrations/postgres-to-crdb.md -e INFRA-100 --output json | jq '");
      return;
    }
    const seed = readFileSync(SEED_DOC, 'utf8');
    const start = seed.indexOf('#!/bin/bash\n# migration-status.sh');
    const end = seed.indexOf('\n```', start);
    expect(start).toBeGreaterThan(-1);
    expect(script).toBe(`${seed.slice(start, end)}\n`);
  });

  (hasJq ? test : test.skip)(hasJq ? 'prints the seed numbers for the example note' : 'prints the seed numbers (SKIPPED: jq is not installed; apt-get install jq)', () => {
    const run = spawnSync('bash', [DASHBOARD], {
      cwd: dir, encoding: 'utf8', timeout: 30_000, env: { PATH: `${binDir}:${process.env.PATH ?? ''}` },
    });
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    expect(JSON.parse(run.stdout)).toEqual({
      epic: 'INFRA-100',
      phases: [
        { name: 'Preparation', complete: 2, total: 2 },
        { name: 'Development', complete: 0, total: 2 },
        { name: 'Testing', complete: 0, total: 2 },
        { name: 'Migration', complete: 0, total: 1 },
      ],
      overall: { complete: 2, total: 7 },
    });
  });
});
