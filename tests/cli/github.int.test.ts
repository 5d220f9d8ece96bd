/**
 * The command line's `--tracker github` (issue 16) against the fake GitHub on 127.0.0.1, which
 * checks every request and response against GitHub's OpenAPI operations: the epic named `-e 1`,
 * `-e '#1'`, `-e acme/infra#1` or by the note's frontmatter (`tracker: github`, `epic:
 * "acme/infra#1"`); `-x` creates the seed's issues once and writes `#N` links back; a re-run writes
 * nothing; a wrong token exits 5 and is printed nowhere.
 */
import { copyFileSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { EpicReport } from '../../src/model/report';
import { parseEpic } from '../../src/model';
import { DEFAULT_FAKE_GITHUB_TOKEN, loadGitHubContract, startFakeGitHub, type FakeGitHub, type GitHubContract } from '../../testing/fake-github';
import { cli, REPO_ROOT, tempDir } from './harness';

const jsonOf = (stdout: string): EpicReport => JSON.parse(stdout) as EpicReport;

let contract: GitHubContract;
let fake: FakeGitHub;
let dir: string;
let cleanup: () => void;
let note: string;

beforeAll(() => { contract = loadGitHubContract(); });
beforeEach(async () => {
  fake = await startFakeGitHub({ contract, maxPageSize: 5 });
  ({ dir, cleanup } = tempDir());
  note = join(dir, 'postgres-to-crdb.md');
  copyFileSync(join(REPO_ROOT, 'examples/postgres-to-crdb.md'), note);
});
afterEach(async () => {
  expect(fake.violations).toEqual([]);
  await fake.close();
  cleanup();
});

const env = (extra: Record<string, string> = {}): Record<string, string> => ({
  GITHUB_TOKEN: DEFAULT_FAKE_GITHUB_TOKEN, GITHUB_REPOSITORY: 'acme/infra', GITHUB_API_URL: fake.url, ...extra,
});

/** The seed note with the GitHub epic in its frontmatter (the example has none of its own). */
function githubNote(): void {
  writeFileSync(note, `---\ntracker: github\nepic: "acme/infra#1"\n---\n${readFileSync(note, 'utf8')}`);
}

test('a dry run with -e 1, -e #1 or -e acme/infra#1 reads only and plans the seed\'s 7 stories and 28 subtasks', async () => {
  const before = readFileSync(note, 'utf8');
  for (const epic of ['1', '#1', 'acme/infra#1']) {
    const run = await cli(['-m', note, '--tracker', 'github', '-e', epic, '--output', 'json'], { env: env() });
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    const report = jsonOf(run.stdout);
    expect(report.tracker).toBe('github');
    expect(report.epic_key).toBe(epic);
    expect(report.operations.filter((op) => op.action === 'create_story')).toHaveLength(7);
    expect(report.operations.filter((op) => op.action === 'create_subtask')).toHaveLength(28);
  }
  expect(fake.writes()).toEqual([]);
  expect(readFileSync(note, 'utf8')).toBe(before);
});

test('the note\'s frontmatter chooses GitHub and names the repository; -x writes #N links once, a re-run writes nothing', async () => {
  githubNote();
  const { GITHUB_REPOSITORY: _unused, ...withoutRepository } = env();
  const first = await cli(['-m', note, '-x', '--output', 'json'], { env: withoutRepository });
  expect(first.code).toBe(0);
  const report = jsonOf(first.stdout);
  expect(report.tracker).toBe('github');
  expect(report.operations.every((op) => op.status === 'done')).toBe(true);
  const issues = [...fake.issues.values()].filter((issue) => issue.number !== 1 && !issue.pullRequest);
  expect(issues).toHaveLength(7 + 28);
  const written = readFileSync(note, 'utf8');
  const { epic } = parseEpic(written);
  expect(epic.key).toBe('acme/infra#1');
  for (const story of epic.stories) {
    expect(story.issueKey).toMatch(/^#\d+$/);
    expect(story.issueLine?.url).toBe(`${fake.webUrl}/acme/infra/issues/${story.issueKey?.slice(1) ?? ''}`);
    for (const subtask of story.subtasks) expect(subtask.issueKey).toMatch(/^#\d+$/);
  }
  expect(written).toMatch(/^> \*\*Issue:\*\* \[#\d+\]\(http:\/\/127\.0\.0\.1:\d+\/acme\/infra\/issues\/\d+\) · \*\*Synced:\*\* /m);
  // The record is named after the repository and the number, so another repository's #1 is another record.
  expect(existsSync(join(dir, '.spectryn', 'sync', 'acme_infra_1.jsonl'))).toBe(true);

  const writesBefore = fake.writes().length;
  const again = await cli(['-m', note, '-x', '--output', 'json'], { env: withoutRepository });
  expect(again.code).toBe(0);
  expect(jsonOf(again.stdout).operations).toEqual([]);
  expect(fake.writes().length).toBe(writesBefore);
  expect(readFileSync(note, 'utf8')).toBe(written);
});

test('GITHUB_REPO is read like GITHUB_REPOSITORY, and the text output speaks of GitHub', async () => {
  const { GITHUB_REPOSITORY: _unused, ...rest } = env();
  const run = await cli(['-m', note, '--tracker', 'github', '-e', '#1'], { env: { ...rest, GITHUB_REPO: 'acme/infra' } });
  expect(run.code).toBe(0);
  expect(run.stdout).toContain('Dry run: 46 changes planned, nothing was changed. Run again with -x to apply them.');
  expect(run.stdout).toContain('Database Migration: PostgreSQL to CockroachDB #1');
});

test('--tracker jira overrides the note\'s tracker: github (GitHub settings alone then leave the note offline)', async () => {
  githubNote();
  const run = await cli(['-m', note, '--tracker', 'jira', '--output', 'json'], { env: env() });
  expect(run.code).toBe(0);
  expect(jsonOf(run.stdout).tracker).toBeNull();
  expect(fake.requests).toEqual([]);
});

test('a wrong token exits 5, says to check GITHUB_TOKEN, and appears in no output, export or note', async () => {
  githubNote();
  const wrong = 'github_pat_wrong0987654321';
  const exportPath = join(dir, 'out.json');
  const before = readFileSync(note, 'utf8');
  const json = await cli(['-m', note, '-x', '--output', 'json', '--export', exportPath], { env: env({ GITHUB_TOKEN: wrong }) });
  expect(json.code).toBe(5);
  const text = await cli(['-m', note, '-x', '-v'], { env: env({ GITHUB_TOKEN: wrong }) });
  expect(text.code).toBe(5);
  expect(text.stdout).toContain('Sign-in failed: GitHub refused the token');
  expect(text.stdout).toContain('Check GITHUB_TOKEN.');
  const everything = json.stdout + json.stderr + text.stdout + text.stderr + readFileSync(exportPath, 'utf8') + readFileSync(note, 'utf8');
  expect(everything).not.toContain(wrong);
  expect(everything).not.toContain(Buffer.from(wrong).toString('base64'));
  expect(readFileSync(note, 'utf8')).toBe(before);
  expect(fake.writes()).toEqual([]);
});

test('--help lists github with its variables', async () => {
  const run = await cli(['--help']);
  expect(run.code).toBe(0);
  expect(run.stdout).toContain('--tracker T       jira | github');
  expect(run.stdout).toContain('GITHUB_TOKEN, GITHUB_REPOSITORY=owner/repo (or GITHUB_REPO)');
});
