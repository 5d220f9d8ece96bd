/**
 * The text output of a sync says how it ended first, once and truly (issue 14): a note with errors
 * never says "Synced", a refused sign-in or an unreachable site is the first thing printed (one
 * sentence of what failed, one of what to do, no raw Jira text), a re-run with nothing to do says
 * "Nothing to change", and a dry run lists the plan in the plugin's words.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { loadJiraContracts, startFakeJira, type FakeJira, type JiraContracts } from '../../testing/fake-jira';
import { cli, endSeedCase, jiraCloudEnv, startSeedCase } from './harness';

let contracts: JiraContracts;
let jira: FakeJira;
let cleanup: () => void;
let note: string;

beforeAll(() => { contracts = loadJiraContracts(); });
beforeEach(async () => { ({ jira, note, cleanup } = await startSeedCase({ contracts })); });
afterEach(() => endSeedCase(jira, cleanup));

const env = (): Record<string, string> => jiraCloudEnv(jira);
const firstLines = (text: string, count: number): string[] => text.split('\n').slice(0, count);

test('a note with a duplicate story id: -x and the dry run lead with the error and never say "Synced" or "nothing was changed"', async () => {
  const text = readFileSync(note, 'utf8');
  writeFileSync(note, text.replace('US-002:', 'US-001:'));
  for (const argv of [['-x'], []]) {
    const run = await cli(['-m', note, '-e', 'INFRA-100', ...argv], { env: env() });
    expect(run.code).toBe(6);
    expect(firstLines(run.stdout, 2)).toEqual([
      'Error: Not synced: the note has 1 error, so nothing was sent to Jira.',
      'Fix the line listed under Diagnostics and run again.',
    ]);
    expect(run.stdout).not.toMatch(/Synced with|nothing was changed|fix them before syncing/i);
    expect(run.stdout).toMatch(/line \d+ +error +.*US-001/);
  }
  expect(jira.writes()).toEqual([]);
});

test('a wrong token: the sign-in failure comes first, in Test connection\'s words, without Jira\'s raw text', async () => {
  const run = await cli(['-m', note, '-e', 'INFRA-100', '-x'], { env: { ...env(), JIRA_API_TOKEN: 'wrong-token' } });
  expect(run.code).toBe(5);
  expect(firstLines(run.stdout, 2)).toEqual(['Error: Sign-in failed: Jira refused the email and API token.', 'Check JIRA_EMAIL and JIRA_API_TOKEN.']);
  expect(run.stdout).not.toMatch(/HTTP 401|not authenticated|Authentication refused/i);
  expect(run.stdout.match(/Jira refused/g)).toHaveLength(1);
  // Quiet keeps the same two sentences.
  const quiet = await cli(['-m', note, '-e', 'INFRA-100', '-q'], { env: { ...env(), JIRA_API_TOKEN: 'wrong-token' } });
  expect(quiet.stdout).toBe('Error: Sign-in failed: Jira refused the email and API token.\nCheck JIRA_EMAIL and JIRA_API_TOKEN.\n');
});

test('an unreachable site: one sentence naming it, one of what to do, before the table; never two messages run together', async () => {
  const url = jira.url;
  await jira.close();
  jira = await startFakeJira({ contracts });
  const run = await cli(['-m', note, '-e', 'INFRA-100'], { env: { ...env(), JIRA_URL: url } });
  expect(run.code).toBe(4);
  expect(firstLines(run.stdout, 2)).toEqual([`Error: Could not reach ${url.replace(/\/+$/, '')}.`, 'Check JIRA_URL and your network.']);
  expect(run.stdout.match(/Could not reach/g)).toHaveLength(1);
  expect(run.stdout.indexOf('Overall')).toBeGreaterThan(run.stdout.indexOf('Check JIRA_URL'));
});

test('a re-run with nothing to do says "Nothing to change", not "Synced"', async () => {
  const first = await cli(['-m', note, '-e', 'INFRA-100', '-x'], { env: env() });
  expect(first.code).toBe(0);
  expect(firstLines(first.stdout, 1)).toEqual([expect.stringMatching(/^Synced with Jira: \d+ changes made; \d+ issue keys written into the note\.$/)]);
  const again = await cli(['-m', note, '-x'], { env: env() });
  expect(again.code).toBe(0);
  expect(firstLines(again.stdout, 1)).toEqual(['Nothing to change: Jira already matches the note.']);
  expect(again.stdout).not.toMatch(/Synced/);
});

test('the dry run lists the plan as the plugin\'s modal does: title, fields before → after, target status', async () => {
  const run = await cli(['-m', note, '-e', 'INFRA-100'], { env: env() });
  expect(run.code).toBe(0);
  expect(firstLines(run.stdout, 1)).toEqual(['Dry run: 48 changes planned, nothing was changed. Run again with -x to apply them.']);
  expect(run.stdout).not.toMatch(/planned +create story/);
  expect(run.stdout).toMatch(/\n {2}create story {2}US-001 {2}\S.*\n(?: {6}.*\n)*? {6}Story points: 5\n/);
  expect(run.stdout).toMatch(/\n {2}transition story {2}US-001 {2}Schema Compatibility Analysis\n {6}Status: \(none\) → Done\n/);
  expect(run.stdout).not.toMatch(/story_points|ADF/);

  // After a sync and one status edit: the transition shows Jira's status → the note's.
  expect((await cli(['-m', note, '-e', 'INFRA-100', '-x'], { env: env() })).code).toBe(0);
  const text = readFileSync(note, 'utf8');
  const us004 = text.indexOf('US-004: Schema Migrations');
  const status = text.indexOf('| **Status** | 📋 Planned |', us004);
  writeFileSync(note, `${text.slice(0, status)}| **Status** | ✅ Done |${text.slice(status + '| **Status** | 📋 Planned |'.length)}`);
  const statuses = await cli(['-m', note, '--phase', 'statuses'], { env: env() });
  expect(statuses.stdout).toMatch(/\n {2}transition story {2}US-004 {2}Schema Migrations {2}INFRA-\d+\n {6}Status: \S.* → Done\n/);
});

test('statuses only on an empty tracker: the first lines say the stories are not in Jira yet and what to run, never "already matches"', async () => {
  const run = await cli(['-m', note, '-e', 'INFRA-100', '--phase', 'statuses'], { env: env() });
  expect(run.code).toBe(0);
  expect(firstLines(run.stdout, 2)).toEqual(['Dry run: nothing this phase can change: 7 stories are not in Jira yet.', 'Run with --phase all to create them first.']);
  expect(run.stdout).not.toMatch(/already matches/);
});

test('only a teammate\'s change in Jira: the dry run counts it and -x says it was written into the note, never "Nothing to change"', async () => {
  const first = await cli(['-m', note, '-e', 'INFRA-100', '-x'], { env: env() });
  expect(first.code).toBe(0);
  const story = [...jira.issues.values()].find((issue) => issue.issueType === 'Story' && issue.summary === 'Schema Migrations');
  expect(jira.teammateChange(story?.key ?? '', { storyPoints: 13 }).ok).toBe(true);
  const dry = await cli(['-m', note], { env: env() });
  expect(firstLines(dry.stdout, 1)).toEqual(['Dry run: 1 change planned (1 from Jira into the note), nothing was changed. Run again with -x to apply them.']);
  expect(dry.stdout).toContain('US-004 Story points: 5 pts → 13 pts (Jira changed; taken into the note)');
  const run = await cli(['-m', note, '-x'], { env: env() });
  expect(run.code).toBe(0);
  expect(firstLines(run.stdout, 1)).toEqual(['Synced with Jira: 1 change from Jira written into the note.']);
  expect(readFileSync(note, 'utf8')).toMatch(/US-004: Schema Migrations[^#]*\| \*\*Story Points\*\* \| 13 \|/);
});
