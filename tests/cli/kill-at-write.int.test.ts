/**
 * Stopping the bundled command line in the middle of `-x` (issue 11, item 1): Ctrl-C and SIGTERM
 * while an issue create is in flight end with exit 80 and a note holding exactly the keys of the
 * issues that were created; SIGKILL right before the note is replaced, and a write that fails half
 * way (a file size limit), leave the note as it was, byte for byte. Each test holds the fake Jira's
 * answer or the child's write until the child is at the point it is signalled at: no timing races.
 */
import { execFileSync } from 'node:child_process';
import { copyFileSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { parseEpic } from '../../src/model';
import type { EpicReport } from '../../src/model/report';
import { loadJiraContracts, type JiraContracts } from '../../testing/fake-jira';
import { buildCli, spawnCli, startGatedJira, type GatedJira } from './child-cli';
import { REPO_ROOT, tempDir } from './harness';

const TOKEN = 'fake-token-123';
const PRELOAD = join(__dirname, 'pause-before-replace.cjs');

let contracts: JiraContracts;
let script: string;
let buildDir: { dir: string; cleanup: () => void };
let gated: GatedJira;
let dir: string;
let cleanup: () => void;
let note: string;
let original: Buffer;

beforeAll(async () => {
  contracts = loadJiraContracts();
  buildDir = tempDir();
  script = await buildCli(buildDir.dir);
}, 60_000);
afterAll(() => buildDir.cleanup());
beforeEach(async () => {
  gated = await startGatedJira(contracts);
  ({ dir, cleanup } = tempDir());
  note = join(dir, 'postgres-to-crdb.md');
  copyFileSync(join(REPO_ROOT, 'examples/postgres-to-crdb.md'), note);
  original = readFileSync(note);
});
afterEach(async () => {
  expect(gated.jira.violations).toEqual([]);
  await gated.close();
  cleanup();
});

const env = (): Record<string, string> => ({ JIRA_URL: gated.url, JIRA_EMAIL: 'dev@example.com', JIRA_API_TOKEN: TOKEN });
const sync = (extra: { nodeArgs?: string[]; env?: Record<string, string>; shell?: string } = {}) =>
  spawnCli(script, ['-m', note, '-e', 'INFRA-100', '-x', '--output', 'json'], { cwd: dir, env: { ...env(), ...extra.env }, nodeArgs: extra.nodeArgs, shell: extra.shell });
const isBulkCreate = (method: string, path: string): boolean => method === 'POST' && path.endsWith('/issue/bulk');
const children = (type: string) => [...gated.jira.issues.values()].filter((issue) => issue.issueType === type);

/** The note's keys agree with Jira: each story's key is the Jira story of that title, no other key. */
function expectOnlyCreatedKeys(text: string): void {
  const parsed = parseEpic(text);
  expect(parsed.epic.stories).toHaveLength(7);
  const stories = children('Story');
  for (const story of parsed.epic.stories) {
    const issue = stories.find((candidate) => candidate.key === story.issueKey);
    expect(issue?.summary).toBe(story.title);
    for (const subtask of story.subtasks) {
      if (subtask.issueKey !== null) expect(children('Sub-task').some((candidate) => candidate.key === subtask.issueKey)).toBe(true);
    }
  }
  expect(new Set(parsed.epic.stories.map((story) => story.issueKey)).size).toBe(7);
}

test.each(['SIGINT', 'SIGTERM'] as const)('%s during the story create: exit 80, the created stories\' keys in the note, nothing after', async (signal) => {
  const create = gated.hold(isBulkCreate);
  const run = sync();
  await create.arrived;
  run.child.kill(signal);
  await run.waitForStderr(/stopping after the current request/);
  create.release();
  const { code } = await run.exited;
  expect(code).toBe(80);
  // The stories were created; the subtasks never were.
  expect(children('Story')).toHaveLength(7);
  expect(children('Sub-task')).toHaveLength(0);
  const text = readFileSync(note, 'utf8');
  expectOnlyCreatedKeys(text);
  expect(parseEpic(text).epic.stories.flatMap((story) => story.subtasks).every((subtask) => subtask.issueKey === null)).toBe(true);
  const report = JSON.parse(run.stdout()) as EpicReport;
  const subtaskCreates = report.operations.filter((operation) => operation.action === 'create_subtask');
  expect(subtaskCreates.length).toBe(28);
  expect(subtaskCreates.every((operation) => operation.status === 'skipped' && operation.reason === 'cancelled')).toBe(true);
  expect(run.stderr() + run.stdout()).not.toContain(TOKEN);
}, 60_000);

test('Ctrl-C while Jira is being read stops at once with exit 80 and changes nothing', async () => {
  const search = gated.hold((method, path) => path.includes('/search'));
  const run = sync();
  await search.arrived;
  run.child.kill('SIGINT');
  const { code } = await run.exited;
  search.release();
  expect(code).toBe(80);
  expect(run.stderr()).toContain('cancelled; nothing was changed');
  expect(gated.jira.writes()).toEqual([]);
  expect(readFileSync(note).equals(original)).toBe(true);
}, 60_000);

test('SIGKILL right before the note is replaced leaves it as it was; a re-run completes without duplicates', async () => {
  const run = sync({ nodeArgs: ['-r', PRELOAD], env: { SPECTRYN_PAUSE_BEFORE_REPLACE: note } });
  await run.waitForStderr(/paused before replacing/);
  // The new text is complete in the temporary file next to the note; the note is untouched.
  expect(readdirSync(dir).some((name) => name.startsWith('.postgres-to-crdb.md.spectryn-'))).toBe(true);
  run.child.kill('SIGKILL');
  expect((await run.exited).signal).toBe('SIGKILL');
  expect(readFileSync(note).equals(original)).toBe(true);

  const again = sync();
  expect((await again.exited).code).toBe(0);
  expect(children('Story')).toHaveLength(7);
  expect(children('Sub-task')).toHaveLength(28);
  const text = readFileSync(note, 'utf8');
  expectOnlyCreatedKeys(text);
  expect(parseEpic(text).epic.stories.flatMap((story) => story.subtasks).every((subtask) => subtask.issueKey !== null)).toBe(true);
}, 90_000);

test.each(['SIGINT', 'SIGTERM'] as const)('%s twice at the write: the second stops at once with exit 80, the note as it was, no temporary file left', async (signal) => {
  const run = sync({ nodeArgs: ['-r', PRELOAD], env: { SPECTRYN_PAUSE_BEFORE_REPLACE: note } });
  await run.waitForStderr(/paused before replacing/);
  run.child.kill(signal);
  await run.waitForStderr(/stopping after the current request/);
  run.child.kill(signal);
  const { code } = await run.exited;
  expect(code).toBe(80);
  expect(run.stderr()).toContain('stopped at once');
  expect(readFileSync(note).equals(original)).toBe(true);
  // No temporary file is left; the sync record's folder is (the record of what was created).
  expect(readdirSync(dir).filter((name) => name !== '.spectryn')).toEqual(['postgres-to-crdb.md']);
}, 60_000);

test('a write that fails half way (file size limit) leaves the note byte for byte and lists the keys to add', async () => {
  // The limit (512-byte blocks) lets half the note be written: an in-place write would truncate it there.
  const blocks = Math.floor(statSync(note).size / 2 / 512);
  const run = sync({ shell: `ulimit -f ${blocks}` });
  const { code } = await run.exited;
  expect(code).toBe(1);
  expect(readFileSync(note).equals(original)).toBe(true);
  // No temporary file is left; the sync record's folder is (the record of what was created).
  expect(readdirSync(dir).filter((name) => name !== '.spectryn')).toEqual(['postgres-to-crdb.md']);
  const report = JSON.parse(run.stdout()) as EpicReport & { errors?: string[] };
  expect(JSON.stringify(report)).toMatch(/Keys to add by hand: .*US-001: INFRA-10\d/);
  expect(children('Story')).toHaveLength(7);
}, 60_000);

test('the program refuses -m /dev/zero and a FIFO with no writer at once, with exit 3', async () => {
  const fifo = join(dir, 'pipe.md');
  execFileSync('mkfifo', [fifo]);
  for (const path of ['/dev/zero', fifo]) {
    const run = spawnCli(script, ['-m', path], { cwd: dir, env: {} });
    // Without the check the child reads or waits forever: it is killed well within the test's
    // time limit, and then fails the code check. A passing child ends in milliseconds.
    const guard = setTimeout(() => run.child.kill('SIGKILL'), 20_000);
    const { code } = await run.exited;
    clearTimeout(guard);
    expect(code).toBe(3);
    expect(run.stderr()).toContain('is not a regular file');
  }
}, 30_000);
