/** Sync configured from the plugin's default settings, writing through the file and Vault.process writers. */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseEpic } from '../../src/model';
import { DEFAULT_SETTINGS } from '../../src/settings/settings';
import type { RequestUrlParam, RequestUrlResponse } from 'obsidian';
import { jiraConfigFromSettings } from '../../src/settings/jira-config';
import { timerClock } from '../../src/sync/clock';
import { obsidianHttp } from '../../src/sync/transport/obsidian';
import { JiraTracker } from '../../src/sync/jira/tracker';
import { fileNoteWriter, processNoteWriter } from '../../src/sync/note-writer';
import { executePlan, planNote, syncNote } from '../../src/sync/run';
import { countByKind } from '../../src/view/plan-modal';
import { previewOfPlan } from '../../src/view/sync-summary';
import { type FakeJira } from '../../testing/fake-jira';
import { example, http, instantClock, issuesOf, startFake } from './helpers';

let fake: FakeJira;
beforeEach(async () => { fake = await startFake({ projectKey: 'SRCH', epics: [{ key: 'SRCH-40', summary: 'Search Relevance Rollout' }] }); });
afterEach(async () => {
  expect(fake.violations).toEqual([]);
  await fake.close();
});

function tracker(): JiraTracker {
  const settings = { ...DEFAULT_SETTINGS, siteUrl: fake.url, email: 'dev@example.com', projectKey: 'SRCH' };
  return new JiraTracker({ config: jiraConfigFromSettings(settings, 'fake-token-123'), http, clock: instantClock() });
}

const options = { execute: true, updateSource: true, phase: 'all' as const };
const now = (): Date => new Date('2026-11-24T09:44:00Z');

test('default settings (status mapping included): a file note synced, then nothing left to do; CRLF kept', async () => {
  const path = join(mkdtempSync(join(tmpdir(), 'spectryn-sync-')), 'note.md');
  writeFileSync(path, example('search-rollout.md').replace(/\n/g, '\r\n'));
  const writer = fileNoteWriter({ read: () => readFile(path, 'utf8'), write: (text) => writeFile(path, text) });
  const first = await syncNote({ note: parseEpic(readFileSync(path, 'utf8')), epicKey: null, tracker: tracker(), options, writer, now });
  expect(first.errors).toEqual([]);
  expect(first.exitCode).toBe(0);
  expect(issuesOf(fake, 'Story')).toHaveLength(4);
  const text = readFileSync(path, 'utf8');
  expect(text.replace(/\r\n/g, '')).not.toContain('\n');
  expect(parseEpic(text).epic.stories.every((story) => story.issueKey !== null)).toBe(true);
  const second = await syncNote({ note: parseEpic(text), epicKey: null, tracker: tracker(), options, writer, now });
  expect(second.operations).toEqual([]);
  expect(readFileSync(path, 'utf8')).toBe(text);
});

test('Vault.process-style writer: the epic key from -e goes into new frontmatter', async () => {
  let stored = example('search-rollout.md').replace(/^---\n[\s\S]*?\n---\n/, '');
  const process = async (update: (text: string) => string): Promise<string> => { stored = update(stored); return stored; };
  const result = await syncNote({ note: parseEpic(stored), epicKey: 'SRCH-40', tracker: tracker(), options, writer: processNoteWriter(process), now });
  expect(result.exitCode).toBe(0);
  expect(stored.startsWith('---\nepic: SRCH-40\n---\n# 🚀 Search Relevance Rollout')).toBe(true);
  expect(parseEpic(stored).epic.key).toBe('SRCH-40');
});

test('plugin flow: plan (dry run) → preview in the modal → execute exactly that plan', async () => {
  let stored = example('search-rollout.md');
  const process = async (update: (text: string) => string): Promise<string> => { stored = update(stored); return stored; };
  const jira = tracker();
  const input = { note: parseEpic(stored), epicKey: null, tracker: jira, options, writer: processNoteWriter(process), now };
  const planned = await planNote(input);
  expect(fake.writes()).toEqual([]);
  const preview = previewOfPlan({ plan: planned.plan ?? (undefined as never), warnings: planned.warnings });
  expect(Object.fromEntries(countByKind(preview))).toEqual({ create_story: 4, create_subtask: 6, transition_story: 3, transition_subtask: 3, add_comment: 2 });
  expect(preview.operations[0]).toMatchObject({ kind: 'create_story', target: 'SRCH-1', issueKey: null });
  expect(preview.operations.find((operation) => operation.target === 'SRCH-2 #1')?.changes).toContainEqual({ field: 'story_points', before: null, after: '3' });
  const progress: number[] = [];
  const done = await executePlan({ ...input, planned, onProgress: (finished) => { progress.push(finished); } });
  expect(done.exitCode).toBe(0);
  expect(done.operations.map((operation) => [operation.action, operation.story, operation.status]))
    .toEqual(planned.operations.map((operation) => [operation.action, operation.story, 'done']));
  expect(progress[progress.length - 1]).toBe(planned.operations.length);
});

test('the plugin\'s tracker (settings → config, requestUrl-shaped transport and timer): a dry run reads the epic', async () => {
  const requestUrl = async (param: RequestUrlParam): Promise<RequestUrlResponse> => {
    const response = await fetch(param.url, { method: param.method, headers: param.headers, body: typeof param.body === 'string' ? param.body : undefined });
    const text = await response.text();
    const headers: Record<string, string> = {};
    response.headers.forEach((value, name) => { headers[name] = value; });
    return { status: response.status, headers, text, json: null, arrayBuffer: new ArrayBuffer(0) };
  };
  const settings = { ...DEFAULT_SETTINGS, siteUrl: fake.url, email: 'dev@example.com', projectKey: 'SRCH' };
  const setTimer = (callback: () => void, ms: number): unknown => setTimeout(callback, ms);
  const jira = new JiraTracker({
    config: jiraConfigFromSettings(settings, 'fake-token-123'),
    http: obsidianHttp(requestUrl, { setTimer, clearTimer: (handle) => { clearTimeout(handle as NodeJS.Timeout); } }),
    clock: timerClock(setTimer),
  });
  const planned = await planNote({ note: parseEpic(example('search-rollout.md')), epicKey: null, tracker: jira, options: { ...options, execute: false } });
  expect(planned.exitCode).toBe(0);
  expect(planned.operations.filter((operation) => operation.action === 'create_story')).toHaveLength(4);
  expect(jira.browseUrl('SRCH-41')).toBe(`${fake.url}/browse/SRCH-41`);
});
