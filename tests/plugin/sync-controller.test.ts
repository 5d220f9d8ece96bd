/**
 * The plugin's sync flow end to end in jsdom: EpicActions → PlanModal → SyncController → the real
 * Jira adapter → a real HTTP fake Jira on 127.0.0.1 (every request checked against Atlassian's
 * OpenAPI description and every ADF document against the ADF schema). The transport is the
 * plugin's own `obsidianHttp` over a `requestUrl` made of Node's `http` client (jsdom has no
 * fetch). Write-back goes through the stub vault's `process`, or through a real CodeMirror
 * `EditorView` wrapped as Obsidian's editor.
 */
import { request } from 'node:http';
import { EditorState } from '@codemirror/state';
import { EditorView } from '@codemirror/view';
import { App, MarkdownView, Modal, Notice, WorkspaceLeaf, type EditorPosition, type EditorTransaction, type RequestUrlParam, type RequestUrlResponse, type TFile } from 'obsidian';
import { parseEpic } from '../../src/model';
import { jiraConfigFromSettings } from '../../src/settings/jira-config';
import { migrateSettings, type SpectrynSettings } from '../../src/settings/settings';
import { encodeBase64 } from '../../src/sync/errors';
import { JiraTracker } from '../../src/sync/jira/tracker';
import { obsidianHttp } from '../../src/sync/transport/obsidian';
import { EpicActions } from '../../src/plugin/epic-actions';
import { PlanModal, type SyncScope } from '../../src/view/plan-modal';
import { SyncController, type SyncEditor } from '../../src/plugin/sync-controller';
import { loadJiraContracts, startFakeJira, type FakeJira } from '../../testing/fake-jira';
import { example, instantClock, issuesOf, seedNote } from '../sync/helpers';
import { snapshotOf } from '../view/helpers';

jest.setTimeout(60_000);

const contracts = loadJiraContracts();
const TOKEN = 'fake-token-123';
const PATH = 'Epics/Seed.md';
let fake: FakeJira;

beforeEach(async () => { fake = await startFakeJira({ contracts }); });
afterEach(async () => {
  document.body.empty();
  const violations = [...fake.violations];
  await fake.close();
  expect(violations).toEqual([]);
});

/** Obsidian's `requestUrl` over Node's http client: any status resolves, no response rejects. */
function nodeRequestUrl(param: RequestUrlParam): Promise<RequestUrlResponse> {
  return new Promise((resolve, reject) => {
    const req = request(param.url, { method: param.method ?? 'GET', headers: param.headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => {
        const body = Buffer.concat(chunks);
        const headers: Record<string, string> = {};
        for (const [name, value] of Object.entries(res.headers)) if (typeof value === 'string') headers[name] = value;
        const text = body.toString('utf8');
        resolve({ status: res.statusCode ?? 0, headers, text, arrayBuffer: body.buffer.slice(body.byteOffset, body.byteOffset + body.byteLength) as ArrayBuffer, get json(): unknown { return JSON.parse(text); } });
      });
    });
    req.on('error', reject);
    if (typeof param.body === 'string') req.write(param.body);
    req.end();
  });
}

/** A real CodeMirror view wrapped as the part of Obsidian's `Editor` sync uses; counts transactions. */
function cmEditor(view: EditorView): SyncEditor & { transactions: number } {
  const offset = (pos: EditorPosition): number => view.state.doc.line(pos.line + 1).from + pos.ch;
  const editor = {
    transactions: 0,
    getValue: (): string => view.state.doc.toString(),
    offsetToPos: (at: number): EditorPosition => {
      const line = view.state.doc.lineAt(at);
      return { line: line.number - 1, ch: at - line.from };
    },
    transaction: (tx: EditorTransaction): void => {
      editor.transactions += 1;
      view.dispatch({ changes: (tx.changes ?? []).map((change) => ({ from: offset(change.from), to: change.to ? offset(change.to) : undefined, insert: change.text })) });
    },
  };
  return editor;
}

interface Harness {
  app: App;
  file: TFile;
  actions: EpicActions;
  vaultText: () => string;
  processCalls: () => number;
}

function harness(options: { token?: string; text?: string; requestUrl?: typeof nodeRequestUrl; settings?: Record<string, unknown> } = {}): Harness {
  const app = new App();
  const text = options.text ?? seedNote();
  const { activeEpic, file } = snapshotOf(text, PATH);
  const files = (app.vault as unknown as { files: Map<string, { file: TFile; text: string }> }).files;
  files.set(PATH, { file, text });
  let processCalls = 0;
  // The stub vault has no `process`; this one is atomic like Obsidian's: read, update, store.
  (app.vault as unknown as { process: (f: TFile, fn: (data: string) => string) => Promise<string> }).process = (f, fn) => {
    processCalls += 1;
    const entry = files.get(f.path);
    if (!entry) return Promise.reject(new Error('File not found'));
    entry.text = fn(entry.text);
    return Promise.resolve(entry.text);
  };
  app.secretStorage.setSecret('jira-token', options.token ?? TOKEN);
  const settings: SpectrynSettings = migrateSettings({ siteUrl: fake.url, email: 'dev@example.com', tokenSecretName: 'jira-token', projectKey: 'INFRA', ...options.settings });
  const controller = new SyncController({
    app: app as never,
    settings: () => settings,
    snapshot: () => activeEpic.current(),
    trackerFor: (current, token) => new JiraTracker({ config: jiraConfigFromSettings(current, token), http: obsidianHttp(options.requestUrl ?? nodeRequestUrl), clock: instantClock() }),
    now: () => new Date('2026-11-24T09:44:00Z'),
  });
  const actions = new EpicActions({ app: app as never, activeEpic, settings: () => settings, openSettings: () => undefined, planProvider: () => controller });
  return { app, file, actions, vaultText: () => files.get(PATH)?.text ?? '', processCalls: () => processCalls };
}

const shown = (): string[] => (Notice as unknown as { shown: string[] }).shown;
const lastModal = (): PlanModal => (Modal as unknown as { opened: Modal[] }).opened.at(-1) as PlanModal;
const buttonTexts = (modal: Modal): string[] => [...modal.contentEl.querySelectorAll('button')].map((b) => b.textContent ?? '');
const isOpen = (modal: Modal): boolean => (modal as unknown as { isOpen: boolean }).isOpen;

/** Waits (on real I/O) until `ready` holds; fails the test after `tries` turns of 10 ms. */
async function until(ready: () => boolean, what: string, tries = 1000): Promise<void> {
  for (let i = 0; i < tries; i += 1) {
    if (ready()) return;
    await new Promise((resolve) => { setTimeout(resolve, 10); });
  }
  throw new Error(`Timed out waiting for ${what}`);
}

/** Opens the plan modal for `scope` and waits for the dry run to be shown. */
async function dryRun(h: Harness, scope: SyncScope = { kind: 'all' }): Promise<PlanModal> {
  h.actions.sync(scope);
  const modal = lastModal();
  await until(() => modal.contentEl.querySelector('.spectryn-plan-loading') === null, 'the dry run');
  return modal;
}

/** Clicks "Sync N changes" and waits for the run to end (the modal closes). */
async function confirm(modal: PlanModal): Promise<void> {
  const button = [...modal.contentEl.querySelectorAll('button')].find((b) => /^Sync \d+ changes?$/.test(b.textContent ?? ''));
  expect(button).toBeDefined();
  button?.click();
  await until(() => !isOpen(modal), 'the sync to finish');
}

const counts = (modal: Modal): string[] => [...modal.contentEl.querySelectorAll('.spectryn-plan-counts li')].map((li) => li.textContent ?? '');

describe('sync from the plugin against the fake Jira', () => {
  it('dry run → plan of the seed note; nothing written; confirm creates the issues and writes the keys through Vault.process; a second run has nothing to change', async () => {
    const h = harness();
    const modal = await dryRun(h);
    expect(modal.titleEl.textContent).toBe('Sync epic with tracker');
    expect(counts(modal)).toEqual(expect.arrayContaining(['create story: 7', 'create subtask: 28']));
    const operations = modal.contentEl.querySelectorAll('.spectryn-plan-operation').length;
    expect(buttonTexts(modal)).toEqual(['Cancel', `Sync ${operations} changes`]);
    const us001 = [...modal.contentEl.querySelectorAll('.spectryn-plan-operation')].find((row) => row.querySelector('.spectryn-story-id')?.textContent === 'US-001');
    expect(us001?.querySelector('.spectryn-plan-title')?.textContent).toBe('Schema Compatibility Analysis');
    // The description is summarised, not dumped.
    expect([...(us001?.querySelectorAll('.spectryn-plan-summary') ?? [])].map((el) => el.textContent)).toEqual([expect.stringMatching(/^Description: \d+ lines$/)]);
    expect(fake.writes()).toEqual([]);
    expect(h.vaultText()).toBe(seedNote());

    const before = shown().length;
    await confirm(modal);
    const notices = shown().slice(before);
    expect(notices[0]).toBe(`Syncing… 0/${operations}`);
    expect(notices).toContain(`Syncing… ${operations}/${operations}`);
    expect(notices.at(-1)).toMatch(/^Synced INFRA-100: 7 stories created, 28 subtasks created, \d+ transitions/);
    expect(issuesOf(fake, 'Story')).toHaveLength(7);
    expect(issuesOf(fake, 'Sub-task')).toHaveLength(28);

    const { epic } = parseEpic(h.vaultText());
    for (const story of epic.stories) {
      expect(fake.issues.get(story.issueKey ?? '')?.summary).toBe(story.title);
      for (const subtask of story.subtasks.filter((entry) => entry.form === 'table')) expect(fake.issues.get(subtask.issueKey ?? '')?.parent).toBe(story.issueKey);
    }
    expect(h.vaultText()).toContain(`> **Issue:** [${epic.stories[0]?.issueKey ?? ''}](${fake.url}/browse/${epic.stories[0]?.issueKey ?? ''}) · **Synced:** 2026-11-24 09:44 UTC`);
    expect(h.processCalls()).toBeGreaterThanOrEqual(2);

    const writes = fake.writes().length;
    const second = await dryRun(h);
    expect(second.contentEl.textContent).toContain('Nothing to change: the tracker already matches the note.');
    expect(buttonTexts(second)).toEqual(['Close']);
    expect(fake.writes()).toHaveLength(writes);
  });

  it('writes through the open editor, one transaction per batch, keeping what the user types during the sync', async () => {
    const typed = 'Typed while the sync ran. ';
    let view: EditorView | null = null;
    let typedOnce = false;
    // The user types right after the first bulk create reached Jira, before its keys come back.
    const typingRequestUrl = async (param: RequestUrlParam): Promise<RequestUrlResponse> => {
      const response = await nodeRequestUrl(param);
      if (!typedOnce && param.url.endsWith('/issue/bulk') && view) {
        typedOnce = true;
        const at = view.state.doc.toString().indexOf('**Story Points**');
        view.dispatch({ changes: [{ from: at, insert: typed }, { from: view.state.doc.length, insert: '\nA closing line.' }] });
      }
      return response;
    };
    const h = harness({ requestUrl: typingRequestUrl });
    view = new EditorView({ state: EditorState.create({ doc: seedNote() }), parent: document.body });
    const editor = cmEditor(view);
    const leaf = new WorkspaceLeaf();
    const markdown = new (MarkdownView as unknown as new (leaf: WorkspaceLeaf) => MarkdownView)(leaf);
    markdown.file = h.file;
    (markdown as unknown as { editor: SyncEditor }).editor = editor;
    (leaf as unknown as { view: MarkdownView }).view = markdown;
    (h.app.workspace as unknown as { leaves: WorkspaceLeaf[] }).leaves.push(leaf);

    const modal = await dryRun(h);
    expect(editor.transactions).toBe(0);
    await confirm(modal);
    expect(typedOnce).toBe(true);
    expect(h.processCalls()).toBe(0);
    const text = view.state.doc.toString();
    expect(text).toContain(`${typed}**Story Points**`);
    expect(text.endsWith('\nA closing line.')).toBe(true);
    const { epic } = parseEpic(text);
    expect(epic.stories.every((story) => story.issueKey !== null && story.subtasks.every((subtask) => subtask.form !== 'table' || subtask.issueKey !== null))).toBe(true);
    // Story keys, then subtask keys, then the Synced stamps of stories changed without a new key.
    expect(editor.transactions).toBeGreaterThanOrEqual(2);
    expect(editor.transactions).toBeLessThanOrEqual(3);
    expect(text.split(typed)).toHaveLength(2);
    view.destroy();
  });

  it('Cancel writes nothing, to Jira or to the note', async () => {
    const h = harness();
    const modal = await dryRun(h);
    [...modal.contentEl.querySelectorAll('button')].find((b) => b.textContent === 'Cancel')?.click();
    expect(isOpen(modal)).toBe(false);
    await new Promise((resolve) => { setTimeout(resolve, 50); });
    expect(fake.writes()).toEqual([]);
    expect(h.vaultText()).toBe(seedNote());
    expect(h.processCalls()).toBe(0);
  });

  it('Cancel during the run stops before the next request; the stories already created get their keys', async () => {
    let modal: PlanModal | null = null;
    const cancellingRequestUrl = async (param: RequestUrlParam): Promise<RequestUrlResponse> => {
      const response = await nodeRequestUrl(param);
      if (param.url.endsWith('/issue/bulk')) [...(modal?.contentEl.querySelectorAll('button') ?? [])].find((b) => b.textContent === 'Cancel')?.click();
      return response;
    };
    const h = harness({ requestUrl: cancellingRequestUrl });
    modal = await dryRun(h);
    await confirm(modal);
    expect(shown().at(-1)).toMatch(/^Sync of INFRA-100 stopped: 7 done, \d+ not run\. 7 stories created\.$/);
    expect(issuesOf(fake, 'Story')).toHaveLength(7);
    expect(issuesOf(fake, 'Sub-task')).toHaveLength(0);
    const { epic } = parseEpic(h.vaultText());
    expect(epic.stories.every((story) => story.issueKey !== null)).toBe(true);
    expect(epic.stories.flatMap((story) => story.subtasks).every((subtask) => subtask.issueKey === null)).toBe(true);
  });

  it('a plan made before another sync ran is refused instead of creating duplicates', async () => {
    const h = harness();
    const first = await dryRun(h);
    const second = await dryRun(h);
    await confirm(first);
    const writes = fake.writes().length;
    [...second.contentEl.querySelectorAll('button')].find((b) => /^Sync \d+ changes$/.test(b.textContent ?? ''))?.click();
    await until(() => second.contentEl.querySelector('.spectryn-plan-error') !== null, 'the refusal');
    expect(second.contentEl.querySelector('.spectryn-plan-error')?.textContent).toBe('Sync failed: Another sync ran since this plan was made: sync again to see what it changed.');
    expect(shown().at(-1)).toBe('Another sync ran since this plan was made: sync again to see what it changed.');
    expect(fake.writes()).toHaveLength(writes);
    expect(issuesOf(fake, 'Story')).toHaveLength(7);
  });

  it('a wrong token: the notice says authentication was refused; the token is in no notice and nothing is written', async () => {
    const secret = 'wrong-secret-token-9876';
    const h = harness({ token: secret });
    const before = shown().length;
    const modal = await dryRun(h);
    const notices = shown().slice(before);
    expect(notices).toHaveLength(1);
    expect(notices[0]).toMatch(/authentication refused/i);
    expect(modal.contentEl.querySelector('.spectryn-plan-error')?.textContent).toMatch(/authentication refused/i);
    for (const text of [...notices, modal.contentEl.textContent ?? '']) {
      expect(text).not.toContain(secret);
      expect(text).not.toContain(encodeBase64(`dev@example.com:${secret}`));
    }
    expect(buttonTexts(modal)).toEqual(['Close']);
    expect(fake.writes()).toEqual([]);
    expect(h.vaultText()).toBe(seedNote());
  });

  it('statuses only on an empty tracker says, once and in the plugin\'s words, that the stories are not in Jira yet', async () => {
    const modal = await dryRun(harness(), { kind: 'statuses' });
    const text = modal.contentEl.textContent ?? '';
    expect(modal.contentEl.querySelector('.spectryn-plan-empty')?.textContent).toBe(
      'No statuses to sync: 7 stories (US-001, US-002, US-003, US-004, US-005 and 2 more) are not in Jira yet; their statuses sync once “Sync epic with tracker” has created them.');
    expect(text).not.toMatch(/Nothing to change|phase all|--phase/);
    expect(modal.contentEl.querySelectorAll('.spectryn-plan-warnings li')).toHaveLength(0);
  });

  it('lists, above the confirm button, each problem of the note that changes what the sync does (a subtask table without its |---| row)', async () => {
    const seed = seedNote();
    const us001 = seed.indexOf('US-001:');
    const delimiter = seed.indexOf('\n|---', seed.indexOf('| # | Subtask', us001));
    const text = seed.slice(0, delimiter) + seed.slice(seed.indexOf('\n', delimiter + 1));
    const modal = await dryRun(harness({ text }));
    const problems = [...modal.contentEl.querySelectorAll('.spectryn-plan-problems li')].map((li) => li.textContent ?? '');
    expect(problems).toEqual([expect.stringMatching(/^Line \d+: US-001: The Subtasks table has no \|---\| row/)]);
    const box = modal.contentEl.querySelector('.spectryn-plan-problems');
    const confirmButton = modal.contentEl.querySelector('.spectryn-plan-confirm');
    expect(box && confirmButton && box.compareDocumentPosition(confirmButton) & Node.DOCUMENT_POSITION_FOLLOWING).toBeTruthy();
    modal.close();
  });

  it('statuses only and the story at the cursor limit the plan', async () => {
    const h = harness();
    await confirm(await dryRun(h));
    // The note changes after the first sync: one status, one title.
    const files = (h.app.vault as unknown as { files: Map<string, { text: string }> }).files;
    const entry = files.get(PATH);
    if (!entry) throw new Error('note missing');
    const us003 = entry.text.indexOf('US-003');
    entry.text = entry.text.slice(0, us003) + entry.text.slice(us003).replace('🔄 In Progress', '✅ Done').replace('ORM Compatibility Changes', 'ORM Changes');

    const statuses = await dryRun(h, { kind: 'statuses' });
    expect(statuses.titleEl.textContent).toBe('Sync statuses with tracker');
    expect(counts(statuses)).toEqual(['transition story: 1']);
    expect(statuses.contentEl.querySelector('.spectryn-plan-changes li')?.textContent).toBe('Status: In Progress → Done');
    statuses.close();

    const story = await dryRun(h, { kind: 'story', storyId: 'US-003' });
    const targets = [...story.contentEl.querySelectorAll('.spectryn-plan-operation .spectryn-story-id')].map((el) => el.textContent ?? '');
    expect(targets.length).toBeGreaterThanOrEqual(2);
    expect(targets.every((target) => target.startsWith('US-003'))).toBe(true);
    expect(story.contentEl.textContent).toContain('Title: ORM Compatibility Changes → ORM Changes');
    await confirm(story);
    expect(shown().at(-1)).toMatch(/^Synced INFRA-100: 1 issue updated, 1 transition\.$/);
  });

  it('operations the tracker refuses: the result notice gives counts of done and failed, the tracker\'s message and what to do', async () => {
    // A priority the site does not have: Jira refuses the stories that use it.
    const h = harness({ settings: { priorityMapping: { critical: 'Urgent' } } });
    const modal = await dryRun(h);
    await confirm(modal);
    const result = shown().at(-1) ?? '';
    expect(result).toMatch(/^Synced INFRA-100 with errors: \d+ done, \d+ failed/);
    expect(result).toContain('priority');
    expect(result).toContain('US-001 (create story), US-002 (create story), US-003 (create story) and 3 more: The priority "Urgent" does not exist on this site');
    expect(result).toMatch(/Fix the priority mapping in the settings\.$/);
    expect(result).not.toContain(TOKEN);
  });

  it('lists Jira issues under the epic that match nothing in the note as warnings, and leaves them alone', async () => {
    await fake.close();
    fake = await startFakeJira({ contracts, issues: [{ key: 'INFRA-150', summary: 'Legacy cleanup', parent: 'INFRA-100', status: 'In Progress' }] });
    const h = harness();
    const modal = await dryRun(h);
    expect([...modal.contentEl.querySelectorAll('.spectryn-plan-warnings li')].map((li) => li.textContent)).toEqual([expect.stringContaining('INFRA-150 (Legacy cleanup)')]);
    await confirm(modal);
    expect(fake.issues.get('INFRA-150')).toMatchObject({ summary: 'Legacy cleanup', status: 'In Progress', labels: [] });
  });

  it('Jira Data Center (REST v2, personal access token): the same flow, then nothing to change', async () => {
    await fake.close();
    fake = await startFakeJira({ contracts, flavor: 'datacenter' });
    const h = harness({ settings: { tracker: 'jira-datacenter', email: '' } });
    const modal = await dryRun(h);
    expect([...modal.contentEl.querySelectorAll('.spectryn-plan-summary')].some((el) => /^Description: \d+ lines?$/.test(el.textContent ?? ''))).toBe(true);
    await confirm(modal);
    expect(shown().at(-1)).toMatch(/^Synced INFRA-100: 7 stories created, 28 subtasks created/);
    expect(fake.requests.every((r) => r.path.startsWith('/rest/api/2/'))).toBe(true);
    const second = await dryRun(h);
    expect(second.contentEl.textContent).toContain('Nothing to change: the tracker already matches the note.');
  });

  it('the second example (task-list subtasks, whose keys have no place in the note): a second sync has nothing to change', async () => {
    await fake.close();
    fake = await startFakeJira({ contracts, projectKey: 'SRCH', epics: [{ key: 'SRCH-40', summary: 'Search Relevance Rollout' }] });
    const h = harness({ text: example('search-rollout.md'), settings: { projectKey: 'SRCH' } });
    await confirm(await dryRun(h));
    expect(shown().at(-1)).toMatch(/^Synced SRCH-40: 4 stories created, 6 subtasks created/);
    const second = await dryRun(h);
    expect(second.contentEl.textContent).toContain('Nothing to change: the tracker already matches the note.');
    expect(buttonTexts(second)).toEqual(['Close']);
  });

  it('a description edited in the note: the plan expands to its before → after lines', async () => {
    const h = harness();
    await confirm(await dryRun(h));
    const files = (h.app.vault as unknown as { files: Map<string, { text: string }> }).files;
    const entry = files.get(PATH);
    if (!entry) throw new Error('note missing');
    entry.text = entry.text.replace('**I want** CockroachDB running locally', '**I want** CockroachDB running locally in Docker');
    const modal = await dryRun(h);
    const row = [...modal.contentEl.querySelectorAll('.spectryn-plan-operation')].find((el) => el.querySelector('.spectryn-story-id')?.textContent === 'US-002');
    const details = row?.querySelector('details');
    expect(details?.querySelector('.spectryn-plan-summary')?.textContent).toMatch(/^Description: \d+ lines? changed$/);
    const changed = [...(details?.querySelectorAll('.spectryn-plan-diff-line') ?? [])].filter((line) => line.getAttribute('data-kind') !== 'same').map((line) => line.textContent);
    expect(changed).toEqual(['- I want CockroachDB running locally', '+ I want CockroachDB running locally in Docker']);
  });

  it('a note without an epic key: says to add one to the frontmatter and reads nothing', async () => {
    const h = harness({ text: seedNote().replace(/^---\nepic: INFRA-100\n---\n/, '') });
    const modal = await dryRun(h);
    expect(modal.contentEl.querySelector('.spectryn-plan-error')?.textContent).toBe('Sync failed: No epic key: add `epic: KEY` (the Jira epic) to the note\'s frontmatter.');
    expect(fake.requests).toEqual([]);
  });
});

describe('two-way sync from the plugin (issue 13)', () => {
  const RECORD = '.spectryn/sync/INFRA-100.jsonl';
  const files = (h: Harness): Map<string, { file: TFile; text: string }> => (h.app.vault as unknown as { files: Map<string, { file: TFile; text: string }> }).files;

  it('a teammate\'s changes in Jira reach the note; a conflict is offered with both values and the choice made is applied; the record follows', async () => {
    const h = harness();
    await confirm(await dryRun(h));
    const record = await h.app.vault.adapter.read(RECORD);
    expect(record.split('\n')[0]).toContain('"epic":"INFRA-100"');
    const synced = parseEpic(h.vaultText()).epic.stories;
    const keyOf = (index: number): string => synced[index]?.issueKey ?? '';

    // In Jira: US-003 done, US-004 13 points, US-006 renamed. In the note: US-004 8 points.
    expect(fake.teammateChange(keyOf(2), { status: 'Done' }).ok).toBe(true);
    expect(fake.teammateChange(keyOf(3), { storyPoints: 13 }).ok).toBe(true);
    expect(fake.teammateChange(keyOf(5), { summary: 'Cutover rehearsal' }).ok).toBe(true);
    const entry = files(h).get(PATH);
    if (entry) entry.text = entry.text.replace(/(### [^\n]*US-004[\s\S]*?\*\*Story Points\*\* \| )\d+/, '$18');
    const writes = fake.writes().length;

    const modal = await dryRun(h);
    const pulls = modal.contentEl.querySelector('[data-section="pulls"]');
    expect(pulls?.textContent).toContain('From Jira: 2');
    expect(pulls?.textContent).toContain('US-003 Status:');
    expect(pulls?.textContent).toContain('Cutover rehearsal');
    const conflict = modal.contentEl.querySelector('[data-conflict="US-004:story_points"]');
    expect(conflict?.querySelector('.spectryn-conflict-note')?.textContent).toBe('8 pts');
    expect(conflict?.querySelector('.spectryn-conflict-tracker')?.textContent).toBe('13 pts');
    expect([...modal.contentEl.querySelectorAll<HTMLInputElement>('.spectryn-conflict input')].some((input) => input.checked)).toBe(false);
    expect(fake.writes()).toHaveLength(writes);

    conflict?.querySelector<HTMLInputElement>('input[value="tracker"]')?.click();
    await confirm(modal);
    const after = parseEpic(h.vaultText()).epic.stories;
    expect(after[2]?.status).toBe('done');
    expect(after[3]?.storyPoints).toBe(13);
    expect(after[5]?.title).toBe('Cutover rehearsal');
    // Nothing was pushed back over the teammate's work.
    expect(fake.issues.get(keyOf(2))?.status).toBe('Done');
    expect(fake.issues.get(keyOf(3))?.storyPoints).toBe(13);
    expect(shown().at(-1)).toContain('From Jira: 3 fields written into the note.');
    expect(await h.app.vault.adapter.read(RECORD)).not.toBe(record);

    const again = await dryRun(h);
    expect(again.contentEl.textContent).toContain('Nothing to change');
  });

  it('pulls into the open editor in one transaction, computed on its current text: what the user typed since the plan stays', async () => {
    const h = harness();
    await confirm(await dryRun(h));
    const stories = parseEpic(h.vaultText()).epic.stories;
    fake.teammateChange(stories[2]?.issueKey ?? '', { status: 'Done' });
    fake.teammateChange(stories[5]?.issueKey ?? '', { summary: 'Cutover rehearsal' });
    const view = new EditorView({ state: EditorState.create({ doc: h.vaultText() }), parent: document.body });
    const editor = cmEditor(view);
    const leaf = new WorkspaceLeaf();
    const markdown = new (MarkdownView as unknown as new (leaf: WorkspaceLeaf) => MarkdownView)(leaf);
    markdown.file = h.file;
    (markdown as unknown as { editor: SyncEditor }).editor = editor;
    (leaf as unknown as { view: MarkdownView }).view = markdown;
    (h.app.workspace as unknown as { leaves: WorkspaceLeaf[] }).leaves.push(leaf);
    const processed = h.processCalls();

    const modal = await dryRun(h);
    // The user keeps typing while the plan is open: a line above every story.
    const typed = 'Typed while the plan was open.\n';
    view.dispatch({ changes: { from: view.state.doc.toString().indexOf('### '), insert: typed } });
    await confirm(modal);
    const text = view.state.doc.toString();
    expect(text.split(typed)).toHaveLength(2);
    const after = parseEpic(text).epic.stories;
    expect(after[2]?.status).toBe('done');
    expect(after[5]?.title).toBe('Cutover rehearsal');
    expect(editor.transactions).toBe(1);
    expect(h.processCalls()).toBe(processed);
    view.destroy();
  });

  it('a conflict left unchosen is written nowhere and is listed again on the next sync', async () => {
    const h = harness();
    await confirm(await dryRun(h));
    const key = parseEpic(h.vaultText()).epic.stories[3]?.issueKey ?? '';
    fake.teammateChange(key, { storyPoints: 13 });
    const entry = files(h).get(PATH);
    if (entry) entry.text = entry.text.replace(/(### [^\n]*US-004[\s\S]*?\*\*Story Points\*\* \| )\d+/, '$18');
    const modal = await dryRun(h);
    const button = [...modal.contentEl.querySelectorAll('button')].find((b) => b.textContent === 'Apply conflict choices');
    button?.click();
    await until(() => !isOpen(modal), 'the sync to finish');
    expect(parseEpic(h.vaultText()).epic.stories[3]?.storyPoints).toBe(8);
    expect(fake.issues.get(key)?.storyPoints).toBe(13);
    expect(shown().at(-1)).toContain('1 conflict left as it is.');
    const again = await dryRun(h);
    expect(again.contentEl.querySelector('[data-conflict="US-004:story_points"]')).not.toBeNull();
  });
});
