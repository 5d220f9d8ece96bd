/**
 * The seed's sync commands through the command line, against the fake Jira Cloud on 127.0.0.1:
 * `-x` creates the epic's stories and subtasks and writes the keys into the note, a re-run changes
 * nothing, `--phase statuses` after one status edit makes exactly one transition, a wrong token
 * exits 5 without printing it, and `--export` carries the operations.
 */
import { copyFileSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadJiraContracts, startFakeJira, type FakeJira, type JiraContracts } from '../sync/fake-jira';
import type { EpicReport } from '../../src/model/report';
import { cli, REPO_ROOT, tempDir } from './harness';

const TOKEN = 'fake-token-123';
const jsonOf = (stdout: string): EpicReport => JSON.parse(stdout) as EpicReport;

let contracts: JiraContracts;
let jira: FakeJira;
let dir: string;
let cleanup: () => void;
let note: string;

beforeAll(() => { contracts = loadJiraContracts(); });
beforeEach(async () => {
  jira = await startFakeJira({ contracts });
  ({ dir, cleanup } = tempDir());
  note = join(dir, 'postgres-to-crdb.md');
  copyFileSync(join(REPO_ROOT, 'examples/postgres-to-crdb.md'), note);
});
afterEach(async () => {
  expect(jira.violations).toEqual([]);
  await jira.close();
  cleanup();
});

const env = (): Record<string, string> => ({ JIRA_URL: jira.url, JIRA_EMAIL: 'dev@example.com', JIRA_API_TOKEN: TOKEN });

test('dry run reads only, lists the operations, and leaves the note alone', async () => {
  const before = readFileSync(note, 'utf8');
  const run = await cli(['-m', note, '-e', 'INFRA-100', '--output', 'json'], { env: env() });
  expect(run.code).toBe(0);
  const report = jsonOf(run.stdout);
  expect(report.tracker).toBe('jira');
  expect(report.dry_run).toBe(true);
  expect(report.operations.filter((op) => op.action === 'create_story')).toHaveLength(7);
  expect(report.operations.filter((op) => op.action === 'create_subtask')).toHaveLength(28);
  expect(report.operations.every((op) => op.status === 'planned')).toBe(true);
  expect(jira.writes()).toEqual([]);
  expect(readFileSync(note, 'utf8')).toBe(before);
});

test('-x creates every story and subtask once, writes the keys back, and a re-run changes nothing', async () => {
  const first = await cli(['-m', note, '-e', 'INFRA-100', '-x', '--output', 'json'], { env: env() });
  expect(first.code).toBe(0);
  const report = jsonOf(first.stdout);
  expect(report.dry_run).toBe(false);
  expect(report.operations.every((op) => op.status === 'done')).toBe(true);
  expect(report.stories.every((story) => story.issue_key !== null)).toBe(true);
  expect(report.stories.flatMap((story) => story.subtasks).every((subtask) => subtask.issue_key !== null)).toBe(true);
  const children = [...jira.issues.values()].filter((issue) => issue.key !== 'INFRA-100');
  expect(children.filter((issue) => issue.issueType === 'Story')).toHaveLength(7);
  expect(children.filter((issue) => issue.issueType === 'Sub-task')).toHaveLength(28);
  const written = readFileSync(note, 'utf8');
  expect(written).toContain('> **Issue:** [INFRA-101](');
  expect(written).toMatch(/^epic: INFRA-100$/m);

  const requestsBefore = jira.requests.length;
  const again = await cli(['-m', note, '-x', '--output', 'json'], { env: env() });
  expect(again.code).toBe(0);
  expect(jsonOf(again.stdout).operations).toEqual([]);
  expect(jira.requests.length - requestsBefore).toBeLessThanOrEqual(4);
  expect(jira.writes().length).toBe(requestsOfFirstRun(jira, requestsBefore));
  expect(readFileSync(note, 'utf8')).toBe(written);
});

test('--phase statuses after one status edit makes exactly one transition', async () => {
  expect((await cli(['-m', note, '-e', 'INFRA-100', '-x'], { env: env() })).code).toBe(0);
  const text = readFileSync(note, 'utf8');
  // US-004 goes from Planned to Done in its metadata table.
  const us004 = text.indexOf('US-004: Schema Migrations');
  const status = text.indexOf('| **Status** | 📋 Planned |', us004);
  writeFileSync(note, `${text.slice(0, status)}| **Status** | ✅ Done |${text.slice(status + '| **Status** | 📋 Planned |'.length)}`);
  const writesBefore = jira.writes().length;
  const run = await cli(['-m', note, '-x', '--phase', 'statuses', '--output', 'json'], { env: env() });
  expect(run.code).toBe(0);
  const operations = jsonOf(run.stdout).operations;
  expect(operations.map((op) => [op.action, op.story])).toEqual([['transition_story', 'US-004']]);
  const newWrites = jira.writes().slice(writesBefore);
  expect(newWrites).toHaveLength(1);
  expect(newWrites[0]?.path).toMatch(/\/transitions$/);
  const issue = [...jira.issues.values()].find((candidate) => candidate.summary === 'Schema Migrations');
  expect(issue?.status).toBe('Done');
});

test('a wrong token exits 5 and the token appears in no output, export or note', async () => {
  const wrong = 'wrong-token-987';
  const exportPath = join(dir, 'out.json');
  const before = readFileSync(note, 'utf8');
  const run = await cli(['-m', note, '-e', 'INFRA-100', '-x', '--output', 'json', '--export', exportPath], {
    env: { ...env(), JIRA_API_TOKEN: wrong },
  });
  expect(run.code).toBe(5);
  const everything = run.stdout + run.stderr + readFileSync(exportPath, 'utf8') + readFileSync(note, 'utf8');
  expect(everything).not.toContain(wrong);
  expect(everything).not.toContain(Buffer.from(`dev@example.com:${wrong}`).toString('base64'));
  expect(jsonOf(run.stdout).errors.join(' ')).toMatch(/authentication/i);
  expect(readFileSync(note, 'utf8')).toBe(before);
  expect(jira.writes()).toEqual([]);
});

test('an epic that does not exist exits 6', async () => {
  const run = await cli(['-m', note, '-e', 'INFRA-999', '--output', 'json'], { env: env() });
  expect(run.code).toBe(6);
  expect(jsonOf(run.stdout).errors.join(' ')).toMatch(/INFRA-999/);
});

test('an unreachable site exits 4', async () => {
  const url = jira.url;
  await jira.close();
  jira = await startFakeJira({ contracts });
  const run = await cli(['-m', note, '-e', 'INFRA-100', '--output', 'json'], { env: { ...env(), JIRA_URL: url } });
  expect(run.code).toBe(4);
});

/** Writes made before `index` (the first run's): a re-run must add none. */
function requestsOfFirstRun(fake: FakeJira, index: number): number {
  return fake.writes().filter((request) => fake.requests.indexOf(request) < index).length;
}
