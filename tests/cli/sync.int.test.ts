/**
 * The seed's sync commands through the command line, against the fake Jira Cloud on 127.0.0.1:
 * `-x` creates the epic's stories and subtasks and writes the keys into the note, a re-run changes
 * nothing, `--phase statuses` after one status edit makes exactly one transition, a wrong token
 * exits 5 without printing it, and `--export` carries the operations.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadJiraContracts, startFakeJira, type FakeJira, type JiraContracts } from '../../testing/fake-jira';
import type { EpicReport } from '../../src/model/report';
import { cli, FAKE_JIRA_TOKEN, endSeedCase, jiraCloudEnv, startSeedCase } from './harness';

const TOKEN = FAKE_JIRA_TOKEN;
const jsonOf = (stdout: string): EpicReport => JSON.parse(stdout) as EpicReport;

let contracts: JiraContracts;
let jira: FakeJira;
let dir: string;
let cleanup: () => void;
let note: string;

beforeAll(() => { contracts = loadJiraContracts(); });
beforeEach(async () => { ({ jira, dir, note, cleanup } = await startSeedCase({ contracts })); });
afterEach(() => endSeedCase(jira, cleanup));

const env = (): Record<string, string> => jiraCloudEnv(jira);

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

describe('partial runs, limits and other sites', () => {
  test('an operation Jira refuses: exit 64, the JSON names it with the tracker\'s message, the rest is done', async () => {
    jira.fail({ method: 'POST', pathIncludes: '/transitions', kind: 'http-500' });
    const run = await cli(['-m', note, '-e', 'INFRA-100', '-x', '--output', 'json'], { env: env() });
    expect(run.code).toBe(64);
    const operations = jsonOf(run.stdout).operations;
    const failed = operations.filter((op) => op.status === 'failed');
    expect(failed).toHaveLength(1);
    expect(failed[0]?.action).toMatch(/^transition_/);
    expect(failed[0]?.error).toContain('(HTTP 500): Internal server error');
    expect(operations.filter((op) => op.status === 'done')).toHaveLength(operations.length - 1);
    expect(jsonOf(run.stdout).errors).toHaveLength(1);
  });

  test('a status no transition reaches: exit 64 and the text summary lists why', async () => {
    await jira.close();
    jira = await startFakeJira({ contracts, unreachable: [{ from: 'Backlog', to: 'Done' }] });
    const run = await cli(['-m', note, '-e', 'INFRA-100', '-x'], { env: env() });
    expect(run.code).toBe(64);
    expect(run.stdout).toContain('Skipped 11 operations:\n  no transition leads to a status meaning "done" (reachable: Selected for Development, In Progress, In Review, Blocked, Won\'t Do); map one in the settings or move the issue in Jira: US-001 (transition story), US-001 #1 (transition subtask),');
    const quiet = await cli(['-m', note, '-x', '-q'], { env: env() });
    expect(quiet.code).toBe(64);
    expect(quiet.stdout).toContain('Skipped 11 operations:');
  });

  test('points the create screen does not take: the text output warns, naming the field and the project', async () => {
    await jira.close();
    jira = await startFakeJira({ contracts, hiddenFields: { create: ['customfield_10042'], edit: ['customfield_10042'] } });
    const run = await cli(['-m', note, '-e', 'INFRA-100', '-x'], { env: env() });
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('Warning: field Story Points is not on the create screen of project INFRA: points are not synced; add it to the screen or set the field in settings');
    const again = await cli(['-m', note, '-x', '--output', 'json'], { env: env() });
    expect(again.code).toBe(0);
    expect(jsonOf(again.stdout).operations).toEqual([]);
  });

  test('--story limits the run to that story; its keys alone are written', async () => {
    const run = await cli(['-m', note, '-e', 'INFRA-100', '-x', '--story', 'US-003', '--output', 'json'], { env: env() });
    expect(run.code).toBe(0);
    const operations = jsonOf(run.stdout).operations;
    expect(new Set(operations.map((op) => op.story))).toEqual(new Set(['US-003']));
    const created = [...jira.issues.values()].filter((issue) => issue.key !== 'INFRA-100');
    expect(created.filter((issue) => issue.issueType === 'Story').map((issue) => issue.summary)).toEqual(['ORM Compatibility Changes']);
    expect(created.filter((issue) => issue.issueType === 'Sub-task')).toHaveLength(5);
    const stories = jsonOf(run.stdout).stories;
    expect(stories.filter((story) => story.issue_key !== null).map((story) => story.id)).toEqual(['US-003']);
  });

  test('-x --no-update-source creates the issues and leaves the note byte for byte', async () => {
    const before = readFileSync(note, 'utf8');
    const run = await cli(['-m', note, '-e', 'INFRA-100', '-x', '--no-update-source', '--output', 'json'], { env: env() });
    expect(run.code).toBe(0);
    expect([...jira.issues.values()].filter((issue) => issue.issueType === 'Story')).toHaveLength(7);
    expect(jsonOf(run.stdout).operations.filter((op) => op.action === 'create_story').every((op) => op.status === 'done' && op.issue_key !== null)).toBe(true);
    expect(readFileSync(note, 'utf8')).toBe(before);
  });

  test('a note that cannot be written: exit 1 naming the file and the keys to add by hand, the issues reported as created', async () => {
    const run = await cli(['-m', note, '-e', 'INFRA-100', '-x', '--output', 'json'], {
      env: env(),
      writeFile: () => Promise.reject(Object.assign(new Error(`EROFS: read-only file system, open '${note}'`), { code: 'EROFS' })),
    });
    expect(run.code).toBe(1);
    const report = jsonOf(run.stdout);
    expect(report.errors[0]).toMatch(new RegExp(`^Could not write the issue keys into ${note.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}: EROFS: read-only file system`));
    expect(report.errors[0]).toMatch(/Keys to add by hand: US-001: INFRA-\d+, US-002: INFRA-\d+/);
    expect(report.operations.every((op) => op.status === 'done')).toBe(true);
    expect(run.stdout + run.stderr).not.toMatch(/cannot reach|Unexpected failure/i);
  });

  test('Jira Data Center with a personal access token (JIRA_PAT): -x syncs over REST v2 with a Bearer token', async () => {
    await jira.close();
    jira = await startFakeJira({ contracts, flavor: 'datacenter' });
    const run = await cli(['-m', note, '-e', 'INFRA-100', '-x', '--output', 'json'], { env: { JIRA_URL: jira.url, JIRA_PAT: TOKEN } });
    expect(run.code).toBe(0);
    expect([...jira.issues.values()].filter((issue) => issue.issueType === 'Story')).toHaveLength(7);
    expect([...jira.issues.values()].filter((issue) => issue.issueType === 'Sub-task')).toHaveLength(28);
    expect(jira.requests.every((request) => request.path.startsWith('/rest/api/2/'))).toBe(true);
    expect(run.stdout + run.stderr).not.toContain(TOKEN);
    const again = await cli(['-m', note, '-x', '--output', 'json'], { env: { JIRA_URL: jira.url, JIRA_PAT: TOKEN } });
    expect(again.code).toBe(0);
    expect(jsonOf(again.stdout).operations).toEqual([]);
  });
});
