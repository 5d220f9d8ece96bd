import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { parseEpic } from '../../src/model';
import type { EpicReport } from '../../src/model/report';
import { cli, exampleText, tempDir } from './harness';

const SEED = 'examples/postgres-to-crdb.md';
const SEARCH = 'examples/search-rollout.md';
const packageVersion = (JSON.parse(readFileSync(join(__dirname, '../../package.json'), 'utf8')) as { version: string }).version;
const jsonOf = (stdout: string): EpicReport => JSON.parse(stdout) as EpicReport;
const ANSI = '\u001b[';

let dir: string;
let cleanup: () => void;
beforeEach(() => ({ dir, cleanup } = tempDir()));
afterEach(() => cleanup());

/** A note whose parse has at least one error-severity diagnostic (checked by the tests using it). */
const BROKEN_NOTE = [
  '# Broken epic',
  '',
  '### US-001:',
  '**Story Points**: 3',
  '',
  '### US-002: Twice',
  '**Story Points**: many',
  '',
  '### US-002: Twice again',
  '**Story Points**: 1',
  '',
].join('\n');

describe('help, version and usage errors', () => {
  test('--help and -h print every flag and the exit codes, exit 0', async () => {
    for (const flag of ['--help', '-h']) {
      const run = await cli([flag]);
      expect(run.code).toBe(0);
      for (const text of ['-m, --markdown', '-f, --input', '-e, --epic', '-x, --execute', '--phase', '--story',
        '--update-source', '--output', '--export', '--validate', '--tracker', '-q, --quiet', '-v, --verbose',
        '--no-color', '--version', 'JIRA_API_TOKEN', 'Exit codes', '64 partial success']) {
        expect(run.stdout).toContain(text);
      }
      expect(run.stderr).toBe('');
    }
  });

  test('--version prints the package version', async () => {
    const run = await cli(['--version']);
    expect(run).toEqual({ code: 0, stdout: `${packageVersion}\n`, stderr: '' });
  });

  test.each([
    [['--bogus', '-m', SEED], '--bogus'],
    [['-m', SEED, 'extra'], 'extra'],
    [['-m'], '-m'],
    [['-m', SEED, '--output', 'xml'], '--output must be one of text, json'],
    [['-m', SEED, '--phase', 'everything'], '--phase must be one of all, descriptions, subtasks, comments, statuses'],
    [['-m', SEED, '--tracker', 'trello'], '--tracker must be one of jira'],
    [['-m', SEED, '-f', SEARCH], 'different files'],
    [['-m', SEED, '-q', '-v'], '-q/--quiet'],
    [['-m', SEED, '-e', ' '], '-e/--epic needs an epic key'],
    [['-m', SEED, '--validate', '-x'], 'cannot be combined'],
    [[], 'no note given'],
  ])('%j is a usage error: exit 2 naming the problem', async (argv, message) => {
    const run = await cli(argv);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(message);
    expect(run.stdout).toBe('');
  });
});

describe('reading the note', () => {
  test('a missing note exits 3', async () => {
    const run = await cli(['-m', 'no/such/note.md']);
    expect(run.code).toBe(3);
    expect(run.stderr).toContain('note not found: no/such/note.md');
  });

  test('a directory exits 3 with a clear message', async () => {
    const run = await cli(['-m', dir]);
    expect(run.code).toBe(3);
    expect(run.stderr).toContain('is a directory');
  });

  test('an unreadable note exits 3 (permission error as the file system reports it)', async () => {
    const denied = Object.assign(new Error('EACCES: permission denied'), { code: 'EACCES' });
    const run = await cli(['-m', SEED], { readFile: () => Promise.reject(denied) });
    expect(run.code).toBe(3);
    expect(run.stderr).toContain('permission denied');
  });

  test('-m, -f and --input read the same note; relative paths resolve against cwd', async () => {
    mkdirSync(join(dir, 'migrations'));
    writeFileSync(join(dir, 'migrations/postgres-to-crdb.md'), exampleText('postgres-to-crdb.md'));
    const outputs = await Promise.all([['-m'], ['-f'], ['--input'], ['--markdown']].map((flag) =>
      cli([...flag, 'migrations/postgres-to-crdb.md', '--output', 'json'], { cwd: dir })));
    for (const run of outputs) {
      expect(run.code).toBe(0);
      expect(jsonOf(run.stdout).totals.stories).toBe(7);
    }
  });

  test('binary junk and invalid UTF-8 still parse and report', async () => {
    const junk = Buffer.concat([Buffer.from('# Junk\n\n### US-001: Bytes \xff\xfe\n'), Buffer.from([0, 0xc3, 0x28, 0xff, 10, 0x80])]);
    writeFileSync(join(dir, 'junk.md'), junk);
    const run = await cli(['-m', join(dir, 'junk.md'), '--output', 'json']);
    expect(run.code).toBe(0);
    expect(jsonOf(run.stdout).stories[0]?.id).toBe('US-001');
  });

  test('any bytes give exit 0 and a JSON report whose counts add up', async () => {
    await fc.assert(fc.asyncProperty(fc.uint8Array({ maxLength: 400 }), fc.array(fc.constantFrom(
      '### US-001: A\n', '## Phase 1: P\n', '| **Story Points** | 2 |\n', '- [x] ok\n', '#### Subtasks\n', '| # | Subtask |\n|---|---|\n| 1 | x |\n',
    ), { maxLength: 8 }), async (bytes, lines) => {
      const path = join(dir, 'any.md');
      writeFileSync(path, Buffer.concat([Buffer.from(lines.join('')), Buffer.from(bytes)]));
      const run = await cli(['-m', path, '--output', 'json']);
      expect(run.code).toBe(0);
      const report = jsonOf(run.stdout);
      expect(report.phases.reduce((sum, p) => sum + p.stories, 0)).toBe(report.stories.length);
    }), { numRuns: 40 });
  });

  test('a byte-order mark does not end up in the title', async () => {
    writeFileSync(join(dir, 'bom.md'), `\ufeff${exampleText('postgres-to-crdb.md')}`);
    const run = await cli(['-m', join(dir, 'bom.md'), '--output', 'json']);
    expect(jsonOf(run.stdout).epic_title).toBe('Database Migration: PostgreSQL to CockroachDB');
  });
});

describe('the offline report (no tracker settings)', () => {
  test('--output json reports the note alone with tracker null', async () => {
    const run = await cli(['-m', SEED, '-e', 'INFRA-100', '--output', 'json']);
    expect(run.code).toBe(0);
    expect(run.stderr).toBe('');
    const report = jsonOf(run.stdout);
    expect(report).toMatchObject({ epic_key: 'INFRA-100', tracker: null, dry_run: true, operations: [] });
    expect(report.totals).toMatchObject({ stories: 7, stories_done: 2, points: 37, points_done: 8, subtasks: 28, subtasks_done: 9 });
    expect(report.phases.map((p) => `${p.name} ${p.stories_done}/${p.stories}`)).toEqual([
      'Preparation 2/2', 'Development 0/2', 'Testing 0/2', 'Migration 0/1',
    ]);
  });

  test('-e overrides the frontmatter epic; without it the frontmatter key is used', async () => {
    expect(jsonOf((await cli(['-m', SEARCH, '--output', 'json'])).stdout).epic_key).toBe('SRCH-40');
    expect(jsonOf((await cli(['-m', SEARCH, '--epic', 'OTHER-9', '--output', 'json'])).stdout).epic_key).toBe('OTHER-9');
    expect(jsonOf((await cli(['-m', SEED, '--output', 'json'])).stdout).epic_key).toBeNull();
  });

  test('--export writes exactly the JSON printed on stdout', async () => {
    const exportPath = join(dir, 'migration-status.json');
    const run = await cli(['-m', SEED, '-e', 'INFRA-100', '--output', 'json', '--export', exportPath]);
    expect(run.code).toBe(0);
    expect(readFileSync(exportPath, 'utf8')).toBe(run.stdout);
  });

  test('--export with text output writes the JSON and prints the text summary', async () => {
    writeFileSync(join(dir, 'migration.md'), exampleText('postgres-to-crdb.md'));
    const run = await cli(['-m', 'migration.md', '-e', 'INFRA-100', '--export', 'status.json'], { cwd: dir });
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/Overall\s+2\/7\s+8\/37\s+9\/28/);
    const exported = JSON.parse(readFileSync(join(dir, 'status.json'), 'utf8')) as EpicReport;
    expect(exported.epic_key).toBe('INFRA-100');
    expect(exported.totals.stories).toBe(7);
  });

  test('an export path that cannot be written exits 2', async () => {
    const run = await cli(['-m', SEED, '--export', join(dir, 'missing-dir/status.json')]);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('cannot write the export file');
  });

  test('--story and --phase are accepted; an unknown --story exits 2 listing the stories', async () => {
    const ok = await cli(['-m', SEED, '--story', 'US-001', '--story', 'us-003', '--phase', 'statuses', '--output', 'json']);
    expect(ok.code).toBe(0);
    const bad = await cli(['-m', SEED, '--story', 'US-999']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('US-999');
    expect(bad.stderr).toContain('US-001, US-002');
  });

  test('--update-source / --no-update-source are accepted without a tracker', async () => {
    expect((await cli(['-m', SEED, '--update-source'])).code).toBe(0);
    expect((await cli(['-m', SEED, '--no-update-source'])).code).toBe(0);
  });

  test('an unknown frontmatter tracker is a warning in the report', async () => {
    writeFileSync(join(dir, 'trello.md'), `---\nepic: T-1\ntracker: trello\n---\n${exampleText('postgres-to-crdb.md')}`);
    const report = jsonOf((await cli(['-m', join(dir, 'trello.md'), '--output', 'json'])).stdout);
    expect(report.warnings).toEqual([expect.stringContaining('"trello"')]);
  });
});

describe('text output', () => {
  test('shows the epic, a table per phase and the overall line', async () => {
    const run = await cli(['-m', SEED, '-e', 'INFRA-100']);
    expect(run.code).toBe(0);
    const text = run.stdout;
    expect(text).toContain('Database Migration: PostgreSQL to CockroachDB INFRA-100');
    expect(text).toMatch(/Phase\s+Stories\s+Points\s+Subtasks/);
    expect(text).toMatch(/Preparation\s+2\/2\s+8\/8\s+7\/7/);
    expect(text).toMatch(/Development\s+0\/2\s+0\/13\s+2\/9/);
    expect(text).toMatch(/Testing\s+0\/2\s+0\/8\s+0\/7/);
    expect(text).toMatch(/Migration\s+0\/1\s+0\/8\s+0\/5/);
    expect(text).toMatch(/Overall\s+2\/7\s+8\/37\s+9\/28/);
    expect(text).toContain('no tracker settings');
    expect(text).not.toContain(ANSI);
  });

  test('lists diagnostics with their line numbers', async () => {
    writeFileSync(join(dir, 'broken.md'), BROKEN_NOTE);
    const run = await cli(['-m', join(dir, 'broken.md')]);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/Diagnostics: \d+ errors?/);
    for (const diagnostic of parseEpic(BROKEN_NOTE).diagnostics.filter((d) => d.severity !== 'info')) {
      expect(run.stdout).toMatch(new RegExp(`line +${diagnostic.line} +${diagnostic.severity}`));
    }
  });

  test('colour only on a terminal, and never with --no-color or NO_COLOR', async () => {
    expect((await cli(['-m', SEED], { tty: true })).stdout).toContain(ANSI);
    expect((await cli(['-m', SEED, '--no-color'], { tty: true })).stdout).not.toContain(ANSI);
    expect((await cli(['-m', SEED], { tty: true, env: { NO_COLOR: '1' } })).stdout).not.toContain(ANSI);
    expect((await cli(['-m', SEED, '--output', 'json'], { tty: true })).stdout).not.toContain(ANSI);
  });

  test('-v lists every story; -q prints only errors', async () => {
    const verbose = await cli(['-m', SEED, '-v']);
    for (const id of ['US-001', 'US-004', 'US-007']) expect(verbose.stdout).toContain(id);
    expect(verbose.stdout).toMatch(/US-003\s+in progress\s+8 SP\s+ORM Compatibility Changes/);
    const quiet = await cli(['-m', SEED, '--quiet']);
    expect(quiet).toEqual({ code: 0, stdout: '', stderr: '' });
    writeFileSync(join(dir, 'broken.md'), BROKEN_NOTE);
    const quietBroken = await cli(['-m', join(dir, 'broken.md'), '-q']);
    expect(quietBroken.stdout).toContain('error');
    expect(quietBroken.stdout).not.toContain('Overall');
  });
});

describe('--validate', () => {
  test('exits 0 on the example and prints its diagnostics summary', async () => {
    const run = await cli(['-m', SEED, '--validate']);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain(`${SEED}: 0 errors`);
  });

  test('exits 6 on a note with error diagnostics, listing them', async () => {
    const errors = parseEpic(BROKEN_NOTE).diagnostics.filter((d) => d.severity === 'error');
    expect(errors.length).toBeGreaterThan(0);
    writeFileSync(join(dir, 'broken.md'), BROKEN_NOTE);
    const run = await cli(['-m', join(dir, 'broken.md'), '--validate']);
    expect(run.code).toBe(6);
    for (const error of errors) expect(run.stdout).toContain(error.message);
    const json = await cli(['-m', join(dir, 'broken.md'), '--validate', '--output', 'json']);
    expect(json.code).toBe(6);
    expect(jsonOf(json.stdout).diagnostics.filter((d) => d.severity === 'error')).toHaveLength(errors.length);
  });

  test('needs no tracker even when tracker settings are incomplete', async () => {
    const run = await cli(['-m', SEED, '--validate'], { env: { JIRA_URL: 'http://127.0.0.1:9' } });
    expect(run.code).toBe(0);
  });
});

describe('tracker settings', () => {
  const TOKEN = 'tok-3f9a7c1e5b2d';
  const unreachableJira = { JIRA_URL: 'http://127.0.0.1:9', JIRA_EMAIL: 'dev@example.com', JIRA_API_TOKEN: TOKEN };

  test('-x without tracker settings exits 2 naming the variables', async () => {
    const run = await cli(['-m', SEED, '-e', 'INFRA-100', '-x']);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('JIRA_URL');
    expect(run.stderr).toContain('JIRA_API_TOKEN');
  });

  test('incomplete settings exit 2 naming what is missing, never the token', async () => {
    const jira = await cli(['-m', SEED, '-e', 'INFRA-100'], { env: { JIRA_URL: 'http://127.0.0.1:9', JIRA_API_TOKEN: TOKEN } });
    expect(jira.code).toBe(2);
    expect(jira.stderr).toContain('missing JIRA_EMAIL');
    expect(jira.stderr + jira.stdout).not.toContain(TOKEN);
  });

  test('the frontmatter tracker chooses which settings apply', async () => {
    // search-rollout.md says `tracker: jira`; GitLab settings alone leave it offline.
    const run = await cli(['-m', SEARCH, '--output', 'json'], { env: { GITLAB_TOKEN: TOKEN } });
    expect(run.code).toBe(0);
    expect(jsonOf(run.stdout).tracker).toBeNull();
  });

  test('with settings but no epic key, exits 2 asking for -e', async () => {
    const run = await cli(['-m', SEED], { env: unreachableJira });
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('pass -e KEY');
  });

  test('with complete settings the sync path runs and never prints the token', async () => {
    for (const env of [unreachableJira, { JIRA_URL: 'http://127.0.0.1:9', JIRA_PAT: TOKEN }]) {
      for (const argv of [['-m', SEED, '-e', 'INFRA-100'], ['-m', SEED, '-e', 'INFRA-100', '-x', '--output', 'json']]) {
        const run = await cli(argv, { env });
        expect(run.code).not.toBe(0);
        expect(run.stderr + run.stdout).not.toContain(TOKEN);
      }
    }
  }, 30_000);

  test('a secret value is masked wherever it would be printed, even when the note contains it', async () => {
    writeFileSync(join(dir, 'leak.md'), `# Epic ${TOKEN}\n\n### US-001: Paste ${TOKEN}\n**Story Points**: 1\n`);
    for (const output of ['json', 'text']) {
      const run = await cli(['-m', join(dir, 'leak.md'), '--output', output, '-v', '--export', join(dir, 'leak.json')], { env: { GITHUB_TOKEN: TOKEN } });
      expect(run.code).toBe(0);
      expect(run.stdout).toContain('Paste [redacted]');
      expect(run.stdout + readFileSync(join(dir, 'leak.json'), 'utf8')).not.toContain(TOKEN);
    }
  });

  test('a tracker other than jira and github is a usage error (exit 2) naming what is supported', async () => {
    const run = await cli(['-m', SEED, '-e', 'INFRA-100', '--tracker', 'gitlab'], { env: { GITLAB_TOKEN: TOKEN } });
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('--tracker must be one of jira, github');
    expect(run.stderr + run.stdout).not.toContain(TOKEN);
  });

  test('--tracker github: a Jira key is no GitHub epic (exit 2, the forms named, never the token)', async () => {
    const run = await cli(['-m', SEED, '-e', 'INFRA-100', '--tracker', 'github'], { env: { GITHUB_TOKEN: TOKEN, GITHUB_REPO: 'acme/app' } });
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('the GitHub epic "INFRA-100" is not an issue: name it 1, #1 or owner/repo#1');
    expect(run.stderr + run.stdout).not.toContain(TOKEN);
  });

  test('--tracker github without a repository exits 2 naming GITHUB_REPOSITORY, never the token', async () => {
    const run = await cli(['-m', SEED, '-e', '#1', '--tracker', 'github'], { env: { GITHUB_TOKEN: TOKEN } });
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('incomplete github settings: missing GITHUB_REPOSITORY');
    expect(run.stderr + run.stdout).not.toContain(TOKEN);
  });

  test('--tracker github without GITHUB_TOKEN reports the note alone; -x asks for the variables', async () => {
    const offline = await cli(['-m', SEED, '-e', '1', '--tracker', 'github', '--output', 'json'], { env: { GITHUB_REPOSITORY: 'acme/infra' } });
    expect(offline.code).toBe(0);
    expect(jsonOf(offline.stdout).tracker).toBeNull();
    // A note whose epic is no GitHub issue is still reported alone.
    const jiraEpic = await cli(['-m', SEED, '-e', 'INFRA-100', '--tracker', 'github', '--output', 'json']);
    expect(jiraEpic.code).toBe(0);
    const execute = await cli(['-m', SEED, '-e', '1', '--tracker', 'github', '-x'], { env: { GITHUB_REPOSITORY: 'acme/infra' } });
    expect(execute.code).toBe(2);
    expect(execute.stderr).toContain('-x/--execute needs github settings in the environment: GITHUB_TOKEN with GITHUB_REPOSITORY=owner/repo');
  });
});
