/**
 * The README's first command-line example works on a fresh clone right after the install step
 * (issue 14): npm runs the `prepare` script on `npm install` and `npm ci`, and that script builds
 * `dist/cli.js`. The script is run here as npm runs it (into a temporary file, not to disturb the
 * checkout's build), then the README's first example is run with that file.
 */
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { REPO_ROOT, tempDir } from './harness';

test('npm\'s prepare script builds the CLI the README\'s first command-line example runs', () => {
  const readme = readFileSync(join(REPO_ROOT, 'README.md'), 'utf8');
  const section = readme.slice(readme.indexOf('## Command line'));
  const block = /```bash\n([\s\S]*?)```/.exec(section)?.[1] ?? '';
  const first = block.split('\n').find((line) => line.startsWith('node dist/cli.js')) ?? '';
  expect(first).toMatch(/^node dist\/cli\.js -m examples\/postgres-to-crdb\.md/);

  const { dir, cleanup } = tempDir();
  try {
    const cliPath = join(dir, 'dist/cli.js');
    const prepare = spawnSync('npm', ['run', 'prepare', '--silent', '--', cliPath], { cwd: REPO_ROOT, encoding: 'utf8', timeout: 120_000 });
    expect(prepare.stderr).toBe('');
    expect(prepare.status).toBe(0);
    const args = first.replace(/#.*$/, '').trim().split(/\s+/).slice(2);
    const run = spawnSync(process.execPath, [cliPath, ...args], { cwd: REPO_ROOT, encoding: 'utf8', timeout: 60_000, env: { PATH: process.env.PATH ?? '' } });
    expect(run.status).toBe(0);
    expect(run.stdout).toContain('Database Migration: PostgreSQL to CockroachDB');
  } finally {
    cleanup();
  }
});
