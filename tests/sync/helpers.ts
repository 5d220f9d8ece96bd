/** Shared set-up of the sync tests: a clock that never waits, a tracker on a fake Jira, a note in memory. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseEpic } from '../../src/model';
import type { Clock } from '../../src/sync/clock';
import { nodeFetchHttp } from '../../src/sync/transport/node-fetch';
import { JiraTracker } from '../../src/sync/jira/tracker';
import type { JiraConfig } from '../../src/sync/jira/config';
import { syncNote, type NoteWriter, type SyncRunOptions, type SyncRunResult } from '../../src/sync/run';
import { applyTextEdits } from '../../src/sync/writeback';
import type { Http } from '../../src/sync/http';
import { loadJiraContracts, startFakeJira, type FakeJira, type FakeJiraOptions, type JiraContracts } from '../../testing/fake-jira';

let sharedContracts: JiraContracts | null = null;

/**
 * A fake Jira whose contract checkers (the OpenAPI description, the ADF schema) are loaded once per
 * test file and shared: loading them costs about a second per fake.
 */
export function startFake(options: FakeJiraOptions = {}): Promise<FakeJira> {
  sharedContracts ??= loadJiraContracts();
  return startFakeJira({ contracts: sharedContracts, ...options });
}

/** A clock whose sleeps return at once and are recorded (ms). */
export function instantClock(start = Date.parse('2026-11-24T09:44:00Z')): Clock & { sleeps: number[] } {
  let now = start;
  const sleeps: number[] = [];
  return {
    sleeps,
    now: () => now,
    sleep: async (ms: number) => { sleeps.push(ms); now += ms; },
  };
}

/** Node's fetch as the sync transport. */
export const http: Http = nodeFetchHttp({ fetch: (url, init) => fetch(url, init) });

/** A Jira tracker on the fake. */
export function trackerFor(fake: FakeJira, overrides: Partial<JiraConfig> = {}, clock: Clock = instantClock()): JiraTracker {
  const flavor = overrides.flavor ?? 'cloud';
  const config: JiraConfig = {
    flavor,
    siteUrl: fake.url,
    email: flavor === 'cloud' ? 'dev@example.com' : undefined,
    token: 'fake-token-123',
    projectKey: 'INFRA',
    ...overrides,
  };
  return new JiraTracker({ config, http, clock });
}

/** A note held in memory; `beforeApply` lets a test type into it while a sync runs. */
export class MemoryNote implements NoteWriter {
  text: string;
  applied = 0;
  beforeApply?: (text: string, applied: number) => string;

  constructor(text: string) {
    this.text = text;
  }

  async apply(compute: (currentText: string) => readonly { from: number; to: number; insert: string }[]): Promise<void> {
    if (this.beforeApply) this.text = this.beforeApply(this.text, this.applied);
    this.applied++;
    this.text = applyTextEdits(this.text, compute(this.text));
  }
}

/** An example note by file name (`postgres-to-crdb.md`). */
export function example(name: string): string {
  return readFileSync(join(__dirname, '../../examples', name), 'utf8');
}

/** The seed note with its epic key in frontmatter. */
export function seedNote(): string {
  return `---\nepic: INFRA-100\n---\n${example('postgres-to-crdb.md')}`;
}

/** One run of `syncNote` on a memory note; `execute` default true. */
export async function sync(note: MemoryNote, tracker: JiraTracker, options: Partial<SyncRunOptions> = {}, epicKey: string | null = null): Promise<SyncRunResult> {
  return syncNote({
    note: parseEpic(note.text),
    epicKey,
    tracker,
    options: { execute: true, updateSource: true, phase: 'all', ...options },
    writer: note,
    now: () => new Date('2026-11-24T09:44:00Z'),
  });
}

/** True for a request that may change tracker state (the fake's own definition of a write). */
export function isWrite(method: string, url: string): boolean {
  return method !== 'GET' && !/\/search(\/jql)?$/.test(new URL(url).pathname);
}

/** Issues of the fake by type, for assertions. */
export function issuesOf(fake: FakeJira, issueType: string): FakeJiraIssue[] {
  return [...fake.issues.values()].filter((issue) => issue.issueType === issueType);
}

type FakeJiraIssue = FakeJira['issues'] extends Map<string, infer I> ? I : never;
