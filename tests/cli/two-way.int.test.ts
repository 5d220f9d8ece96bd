/**
 * Two-way sync through the command line against the fake Jira Cloud on 127.0.0.1 (issue 13,
 * docs/sync-record.md): after a first sync, a teammate changes issues in Jira while the note
 * changes others; one field changes on both sides. The next sync pulls Jira's changes into the
 * note in its own forms, pushes the note's, and never resolves the conflict silently; then each
 * `--conflict-strategy`. Also: issues created in Jira added to the note, an issue moved out of the
 * epic reported, interrupted runs converging, and the request count of a no-op re-sync.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadJiraContracts, startFakeJira, type FakeIssue, type FakeJira, type JiraContracts } from '../../testing/fake-jira';
import type { EpicReport } from '../../src/model/report';
import { cli, endSeedCase, jiraCloudEnv, startSeedCase } from './harness';

const jsonOf = (stdout: string): EpicReport => JSON.parse(stdout) as EpicReport;

let contracts: JiraContracts;
let jira: FakeJira;
let dir: string;
let cleanup: () => void;
let note: string;
let record: string;

beforeAll(() => { contracts = loadJiraContracts(); });
beforeEach(async () => {
  ({ jira, dir, note, cleanup } = await startSeedCase({ contracts }));
  record = join(dir, '.spectryn', 'sync', 'INFRA-100.jsonl');
});
afterEach(() => endSeedCase(jira, cleanup));

const env = (): Record<string, string> => jiraCloudEnv(jira);

/** The remote story of a note story, by its identity label. */
function storyIssue(storyId: string): FakeIssue {
  const found = [...jira.issues.values()].find((issue) => issue.labels.includes(`spectryn-${storyId.toLowerCase()}`) && issue.issueType === 'Story');
  if (found === undefined) throw new Error(`no issue for ${storyId}`);
  return found;
}

/** A teammate's edit in Jira: the change and a new `updated` stamp. */
function teammate(storyId: string, change: (issue: FakeIssue) => void): void {
  const issue = storyIssue(storyId);
  change(issue);
  issue.updated = new Date().toISOString();
}

/** Replaces the first `from` after the heading of `storyId` in the note. */
function editNote(storyId: string, from: string, to: string): void {
  const text = readFileSync(note, 'utf8');
  const at = text.indexOf(`${storyId}:`);
  const index = text.indexOf(from, at);
  if (at < 0 || index < 0) throw new Error(`${from} not found in ${storyId}`);
  writeFileSync(note, text.slice(0, index) + to + text.slice(index + from.length));
}

/** The section of the note from `storyId`'s heading to the next story heading. */
function section(storyId: string): string {
  const text = readFileSync(note, 'utf8');
  const at = text.indexOf(`${storyId}:`);
  const next = text.indexOf('\n### ', at);
  return text.slice(at, next < 0 ? undefined : next);
}

/**
 * The seed scenario: a first sync, then in Jira US-003 → Done, US-004 → 13 points, US-006
 * renamed; in the note US-007 → 13 points; and US-002's points changed on both sides (a conflict).
 */
async function seedScenario(): Promise<void> {
  const first = await cli(['-m', note, '-e', 'INFRA-100', '-x'], { env: env() });
  expect(first.code).toBe(0);
  expect(existsSync(record)).toBe(true);
  teammate('US-003', (issue) => { issue.status = 'Done'; });
  teammate('US-004', (issue) => { issue.storyPoints = 13; });
  teammate('US-006', (issue) => { issue.summary = 'Data Integrity Checks'; });
  teammate('US-002', (issue) => { issue.storyPoints = 8; });
  editNote('US-007', '| **Story Points** | 8 |', '| **Story Points** | 13 |');
  editNote('US-002', '| **Story Points** | 3 |', '| **Story Points** | 5 |');
}

const US002_CONFLICT = { story: 'US-002', subtask: null, field: 'story_points', note: 5, tracker: 8 };

test('a first sync writes the record; a no-op re-sync writes nothing and costs at most 4 requests', async () => {
  expect((await cli(['-m', note, '-e', 'INFRA-100', '-x'], { env: env() })).code).toBe(0);
  const recordText = readFileSync(record, 'utf8');
  expect(recordText.split('\n')[0]).toContain('"spectryn_sync_record":1');
  const noteText = readFileSync(note, 'utf8');
  const before = jira.requests.length;
  const again = await cli(['-m', note, '-x', '--output', 'json'], { env: env() });
  expect(again.code).toBe(0);
  expect(jsonOf(again.stdout).operations).toEqual([]);
  expect(jsonOf(again.stdout).conflicts).toEqual([]);
  const requests = jira.requests.length - before;
  process.stdout.write(`seed two-way no-op re-sync: ${requests} requests\n`);
  expect(requests).toBeLessThanOrEqual(4);
  expect(readFileSync(record, 'utf8')).toBe(recordText);
  expect(readFileSync(note, 'utf8')).toBe(noteText);
});

test('teammate changes are pulled, note changes pushed, and the conflict is listed, not resolved (skip)', async () => {
  await seedScenario();
  const us002Points = storyIssue('US-002').storyPoints;

  // The dry run lists each change with its side, and writes nothing.
  const writesBefore = jira.writes().length;
  const noteBefore = readFileSync(note, 'utf8');
  const dry = await cli(['-m', note], { env: env() });
  expect(dry.code).toBe(0);
  // In the note's words, as the plugin's modal says them: never the record's `story_points` or `in_progress`.
  expect(dry.stdout).toContain('US-003 Status: In progress → Done (Jira changed; taken into the note)');
  expect(dry.stdout).toContain('US-004 Story points: 5 pts → 13 pts (Jira changed; taken into the note)');
  expect(dry.stdout).toContain('US-006 Title: "Data Integrity Verification" → "Data Integrity Checks" (Jira changed; taken into the note)');
  expect(dry.stdout).toContain('US-007 Story points: 8 pts → 13 pts (the note changed; written to Jira)');
  expect(dry.stdout).toContain('US-002 Story points: conflict, both sides changed: note 5 pts, Jira 8 pts');
  expect(dry.stdout).not.toMatch(/story_points|in_progress/);
  // The first line counts the changes from Jira too: it never says there is nothing to change.
  expect(dry.stdout.split('\n')[0]).toMatch(/^Dry run: \d+ changes planned \(\d+ from Jira into the note\), nothing was changed\./);
  expect(jira.writes().length).toBe(writesBefore);
  expect(readFileSync(note, 'utf8')).toBe(noteBefore);

  const run = await cli(['-m', note, '-x', '--output', 'json'], { env: env() });
  expect(run.code).toBe(64);
  const report = jsonOf(run.stdout);
  expect(report.conflicts).toEqual([US002_CONFLICT]);
  // Jira's changes are in the note, in its own forms.
  expect(section('US-003')).toContain('| **Status** | ✅ Done |');
  expect(section('US-004')).toContain('| **Story Points** | 13 |');
  expect(readFileSync(note, 'utf8')).toContain('### 🧪 US-006: Data Integrity Checks');
  // The note's change is in Jira; nothing was put back.
  expect(storyIssue('US-007').storyPoints).toBe(13);
  expect(storyIssue('US-003').status).toBe('Done');
  expect(storyIssue('US-004').storyPoints).toBe(13);
  expect(storyIssue('US-006').summary).toBe('Data Integrity Checks');
  // The conflict is left on both sides.
  expect(storyIssue('US-002').storyPoints).toBe(us002Points);
  expect(section('US-002')).toContain('| **Story Points** | 5 |');
  expect(report.operations.map((operation) => `${operation.action}:${operation.story}`)).toEqual(['update_story:US-007']);

  // The next run still lists the conflict and changes nothing else.
  const again = await cli(['-m', note, '-x', '--output', 'json'], { env: env() });
  expect(again.code).toBe(64);
  expect(jsonOf(again.stdout).conflicts).toEqual([US002_CONFLICT]);
  expect(jsonOf(again.stdout).operations).toEqual([]);
});

test('--conflict-strategy force-local writes the note\'s value to Jira', async () => {
  await seedScenario();
  const run = await cli(['-m', note, '-x', '--conflict-strategy', 'force-local', '--output', 'json'], { env: env() });
  expect(run.code).toBe(0);
  expect(jsonOf(run.stdout).conflicts).toEqual([]);
  expect(storyIssue('US-002').storyPoints).toBe(5);
  expect(section('US-003')).toContain('✅ Done');
  const again = await cli(['-m', note, '-x', '--output', 'json'], { env: env() });
  expect(again.code).toBe(0);
  expect(jsonOf(again.stdout).operations).toEqual([]);
});

test('--conflict-strategy force-remote takes Jira\'s value into the note', async () => {
  await seedScenario();
  const run = await cli(['-m', note, '-x', '--conflict-strategy', 'force-remote', '--output', 'json'], { env: env() });
  expect(run.code).toBe(0);
  expect(section('US-002')).toContain('| **Story Points** | 8 |');
  expect(storyIssue('US-002').storyPoints).toBe(8);
  const again = await cli(['-m', note, '-x', '--output', 'json'], { env: env() });
  expect(again.code).toBe(0);
  expect(jsonOf(again.stdout).conflicts).toEqual([]);
});

test('--conflict-strategy abort writes nothing anywhere and exits 64', async () => {
  await seedScenario();
  const noteBefore = readFileSync(note, 'utf8');
  const recordBefore = readFileSync(record, 'utf8');
  const writes = jira.writes().length;
  const run = await cli(['-m', note, '-x', '--conflict-strategy', 'abort', '--output', 'json'], { env: env() });
  expect(run.code).toBe(64);
  expect(jsonOf(run.stdout).conflicts).toEqual([US002_CONFLICT]);
  expect(jira.writes().length).toBe(writes);
  expect(readFileSync(note, 'utf8')).toBe(noteBefore);
  expect(readFileSync(record, 'utf8')).toBe(recordBefore);
});

test('--pull only takes Jira\'s changes: nothing is written to Jira', async () => {
  await seedScenario();
  const writes = jira.writes().length;
  const run = await cli(['-m', note, '-x', '--pull', '--output', 'json'], { env: env() });
  expect(run.code).toBe(64);
  expect(jira.writes().length).toBe(writes);
  expect(section('US-003')).toContain('✅ Done');
  expect(storyIssue('US-007').storyPoints).toBe(8);
});

test('--phase statuses limits both directions to statuses', async () => {
  await seedScenario();
  const run = await cli(['-m', note, '-x', '--phase', 'statuses', '--output', 'json'], { env: env() });
  expect(run.code).toBe(0);
  expect(section('US-003')).toContain('✅ Done');
  expect(section('US-004')).toContain('| **Story Points** | 5 |');
  expect(storyIssue('US-007').storyPoints).toBe(8);
});

/** A story or subtask created in Jira by a teammate. */
function created(key: string, issueType: string, parent: string, summary: string): FakeIssue {
  const now = new Date().toISOString();
  const issue: FakeIssue = { key, id: key.replace(/\D/g, '') + '0', issueType, summary, description: null, status: 'In Progress', priority: 'High', labels: [], parent, storyPoints: 2, comments: [], fields: {}, created: now, updated: now };
  jira.issues.set(key, issue);
  return issue;
}

test('a story and a subtask created in Jira are added to the note, once', async () => {
  expect((await cli(['-m', note, '-e', 'INFRA-100', '-x'], { env: env() })).code).toBe(0);
  created('INFRA-900', 'Story', 'INFRA-100', 'Connection Pool Tuning');
  created('INFRA-901', 'Sub-task', storyIssue('US-001').key, 'Review index usage');
  const writes = jira.writes().length;
  const dry = await cli(['-m', note], { env: env() });
  expect(dry.stdout).toContain('INFRA-900 "Connection Pool Tuning": new in Jira → added to the note as a new story');
  expect(dry.stdout).toContain('INFRA-901 "Review index usage": new in Jira → added to the note as a new subtask of US-001');
  const run = await cli(['-m', note, '-x', '--output', 'json'], { env: env() });
  expect(run.code).toBe(0);
  expect(jira.writes().length).toBe(writes);
  const text = readFileSync(note, 'utf8');
  expect(text).toContain('US-008: Connection Pool Tuning');
  expect(text).toContain('INFRA-900');
  expect(section('US-001')).toContain('Review index usage');
  expect(section('US-001')).toContain('INFRA-901');
  const again = await cli(['-m', note, '-x', '--output', 'json'], { env: env() });
  expect(again.code).toBe(0);
  expect(jsonOf(again.stdout).operations).toEqual([]);
  expect(readFileSync(note, 'utf8')).toBe(text);
});

test('an issue deleted from the epic in Jira is reported; the note keeps its story and nothing is recreated', async () => {
  expect((await cli(['-m', note, '-e', 'INFRA-100', '-x'], { env: env() })).code).toBe(0);
  const gone = storyIssue('US-005');
  for (const issue of [...jira.issues.values()]) if (issue.parent === gone.key) jira.issues.delete(issue.key);
  jira.issues.delete(gone.key);
  const text = readFileSync(note, 'utf8');
  const run = await cli(['-m', note, '-x', '--output', 'json'], { env: env() });
  const report = jsonOf(run.stdout);
  expect(report.warnings.some((warning) => warning.startsWith(`${gone.key} (US-005) is no longer under the epic`))).toBe(true);
  expect(report.operations.filter((operation) => operation.action.startsWith('create_'))).toEqual([]);
  expect(readFileSync(note, 'utf8')).toContain('US-005: Performance Testing');
  expect(readFileSync(note, 'utf8')).toBe(text);
});

test('a pull whose note write fails is not recorded; a re-run converges', async () => {
  await seedScenario();
  let refused = false;
  const failing = await cli(['-m', note, '-x', '--output', 'json'], {
    env: env(),
    writeFile: async (path, data, options) => {
      if (path === note && !refused) {
        refused = true;
        throw Object.assign(new Error('disk full'), { code: 'ENOSPC' });
      }
      const { writeFileAtomic } = await import('../../src/cli/note-file');
      return writeFileAtomic(path, data, options);
    },
  });
  expect(refused).toBe(true);
  expect(failing.code).toBe(64);
  expect(jsonOf(failing.stdout).errors.join('\n')).toContain('disk full');
  expect(section('US-003')).toContain('🔄 In Progress');
  // The record still holds the old agreement of US-003's status: the pull is offered again.
  const again = await cli(['-m', note, '-x', '--conflict-strategy', 'force-local', '--output', 'json'], { env: env() });
  expect(again.code).toBe(0);
  expect(section('US-003')).toContain('✅ Done');
  const settled = await cli(['-m', note, '-x', '--output', 'json'], { env: env() });
  expect(settled.code).toBe(0);
  expect(jsonOf(settled.stdout).operations).toEqual([]);
});

test('a push that fails midway is not recorded; a re-run pushes it and converges', async () => {
  await seedScenario();
  const us007 = storyIssue('US-007').key;
  // An update is not retried after a 500 (its effect is unknown): one refusal fails the push.
  jira.fail({ method: 'PUT', pathIncludes: `/issue/${us007}`, kind: 'http-500', times: 1 });
  const failing = await cli(['-m', note, '-x', '--conflict-strategy', 'force-remote', '--output', 'json'], { env: env() });
  expect(failing.code).toBe(64);
  expect(storyIssue('US-007').storyPoints).toBe(8);
  const line = readFileSync(record, 'utf8').split('\n').find((entry) => entry.includes(`"key":"${us007}"`)) ?? '';
  expect(line).toContain('"story_points":[8,8]');
  // The pulls of the same run were written and recorded.
  expect(section('US-003')).toContain('✅ Done');
  const again = await cli(['-m', note, '-x', '--output', 'json'], { env: env() });
  expect(jsonOf(again.stdout).errors).toEqual([]);
  expect(again.code).toBe(0);
  expect(storyIssue('US-007').storyPoints).toBe(13);
  const settled = await cli(['-m', note, '-x', '--output', 'json'], { env: env() });
  expect(settled.code).toBe(0);
  expect(jsonOf(settled.stdout).operations).toEqual([]);
  expect(jsonOf(settled.stdout).conflicts).toEqual([]);
});

/**
 * The no-op probe (docs/sync-record.md "Request budget"): a re-sync of an unchanged note and epic
 * costs at most 4 requests whatever the epic's size and the page size, and reads no site metadata.
 */
test('a 200-story epic at page size 5: a no-op re-sync writes nothing and costs at most 4 requests', async () => {
  await jira.close();
  jira = await startFakeJira({ contracts, pageSize: 5 });
  const stories = Array.from({ length: 200 }, (_, index) => {
    const id = `US-${String(index + 1).padStart(3, '0')}`;
    return `### ${id}: Story number ${index + 1}\n\n| Field | Value |\n|-------|-------|\n| **Story Points** | 3 |\n| **Status** | 📋 Planned |\n`;
  });
  writeFileSync(note, `---\nepic: INFRA-100\n---\n# Big epic\n\n${stories.join('\n')}`);
  expect((await cli(['-m', note, '-x'], { env: env() })).code).toBe(0);
  const noteText = readFileSync(note, 'utf8');
  const recordText = readFileSync(record, 'utf8');
  const before = jira.requests.length;
  const again = await cli(['-m', note, '-x', '--output', 'json'], { env: env() });
  expect(again.code).toBe(0);
  expect(jsonOf(again.stdout).operations).toEqual([]);
  const requests = jira.requests.slice(before);
  process.stdout.write(`200-story two-way no-op re-sync at page size 5: ${requests.length} requests\n`);
  expect(requests.length).toBeLessThanOrEqual(4);
  expect(requests.filter((request) => request.path.endsWith('/field'))).toEqual([]);
  expect(jira.writes().filter((request) => jira.requests.indexOf(request) >= before)).toEqual([]);
  expect(readFileSync(note, 'utf8')).toBe(noteText);
  expect(readFileSync(record, 'utf8')).toBe(recordText);
}, 120_000);

/** A first sync, then a no-op re-sync that the probe answers (≤ 4 requests): the record holds Jira's stamps. */
async function syncedAndProbed(): Promise<void> {
  expect((await cli(['-m', note, '-e', 'INFRA-100', '-x'], { env: env() })).code).toBe(0);
  const before = jira.requests.length;
  expect((await cli(['-m', note, '-x'], { env: env() })).code).toBe(0);
  expect(jira.requests.length - before).toBeLessThanOrEqual(4);
}

test('after a probed no-op, teammate changes in Jira (status, points, title) are still pulled', async () => {
  await syncedAndProbed();
  expect(jira.teammateChange(storyIssue('US-003').key, { status: 'Done' }).ok).toBe(true);
  expect(jira.teammateChange(storyIssue('US-004').key, { storyPoints: 13 }).ok).toBe(true);
  expect(jira.teammateChange(storyIssue('US-006').key, { summary: 'Data Integrity Checks' }).ok).toBe(true);
  const writesBefore = jira.writes().length;
  const run = await cli(['-m', note, '-x', '--output', 'json'], { env: env() });
  expect(run.code).toBe(0);
  expect(jira.writes().length).toBe(writesBefore);
  expect(section('US-003')).toContain('| **Status** | ✅ Done |');
  expect(section('US-004')).toContain('| **Story Points** | 13 |');
  expect(readFileSync(note, 'utf8')).toContain('### 🧪 US-006: Data Integrity Checks');
  // Recorded: the next no-op is probed again.
  const before = jira.requests.length;
  expect((await cli(['-m', note, '-x'], { env: env() })).code).toBe(0);
  expect(jira.requests.length - before).toBeLessThanOrEqual(4);
});

test('after a probed no-op, a subtask deleted in Jira is reported (a deletion bumps no stamp)', async () => {
  await syncedAndProbed();
  const story = storyIssue('US-001');
  const subtask = [...jira.issues.values()].find((issue) => issue.parent === story.key);
  if (subtask === undefined) throw new Error('US-001 has no subtask in Jira');
  jira.issues.delete(subtask.key);
  const run = await cli(['-m', note, '-x', '--output', 'json'], { env: env() });
  const report = jsonOf(run.stdout);
  expect(report.warnings.some((warning) => warning.startsWith(`${subtask.key} (US-001 subtask`) && warning.includes('no longer under the epic'))).toBe(true);
  expect(report.operations.filter((operation) => operation.action.startsWith('create_'))).toEqual([]);
});

test('after a probed no-op, a note change is pushed', async () => {
  await syncedAndProbed();
  editNote('US-007', '| **Story Points** | 8 |', '| **Story Points** | 13 |');
  const before = jira.requests.length;
  const run = await cli(['-m', note, '-x', '--output', 'json'], { env: env() });
  expect(run.code).toBe(0);
  expect(jira.writes().filter((request) => jira.requests.indexOf(request) >= before).length).toBeGreaterThan(0);
  expect(storyIssue('US-007').storyPoints).toBe(13);
});

test('a Jira change left out by --phase keeps its issue\'s old stamp: the next run still pulls it', async () => {
  await syncedAndProbed();
  expect(jira.teammateChange(storyIssue('US-006').key, { status: 'Done', summary: 'Data Integrity Checks' }).ok).toBe(true);
  expect((await cli(['-m', note, '-x', '--phase', 'statuses'], { env: env() })).code).toBe(0);
  expect(section('US-006')).toContain('| **Status** | ✅ Done |');
  expect(readFileSync(note, 'utf8')).not.toContain('US-006: Data Integrity Checks');
  expect((await cli(['-m', note, '-x'], { env: env() })).code).toBe(0);
  expect(readFileSync(note, 'utf8')).toContain('### 🧪 US-006: Data Integrity Checks');
});
