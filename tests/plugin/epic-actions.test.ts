import { App, Modal, Notice, type TFile } from 'obsidian';
import { parseEpic } from '../../src/model';
import { buildReport } from '../../src/model/report';
import { migrateSettings, type SpectrynSettings } from '../../src/settings/settings';
import { EpicActions } from '../../src/plugin/epic-actions';
import { PlanModal, countByKind, type PlanPreview, type PlanProvider } from '../../src/view/plan-modal';
import { DiagnosticsModal, sortDiagnostics } from '../../src/view/diagnostics-modal';
import { seedNote, snapshotOf } from '../view/helpers';

/** A provider for tests that never reach the dry run: it says so if one is asked for. */
const NO_DRY_RUN: PlanProvider = { plan: () => Promise.reject(new Error('this test runs no dry run')) };

function setUp(text: string, settings: SpectrynSettings = migrateSettings(null), provider: PlanProvider = NO_DRY_RUN) {
  const app = new App();
  const { activeEpic, file } = snapshotOf(text, 'Epics/Seed.md');
  let settingsOpened = 0;
  const actions = new EpicActions({
    app: app as never,
    activeEpic,
    settings: () => settings,
    openSettings: () => { settingsOpened += 1; },
    planProvider: () => provider,
  });
  return { app, actions, file, settingsOpened: () => settingsOpened };
}

const lastModal = (): Modal | undefined => (Modal as unknown as { opened: Modal[] }).opened.at(-1);
const buttons = (modal: Modal | undefined): HTMLButtonElement[] => [...(modal?.contentEl.querySelectorAll('button') ?? [])];
const ready = migrateSettings({ siteUrl: 'https://jira.example.com', email: 'me@example.com', tokenSecretName: 'jira-token', projectKey: 'INFRA' });

describe('EpicActions', () => {
  it('exports the same JSON as buildReport (the CLI) next to the note, and overwrites it later', async () => {
    const { app, actions } = setUp(seedNote());
    const files = (app.vault as unknown as { files: Map<string, { text: string }> }).files;
    await actions.exportJson('file');
    const saved = files.get('Epics/Seed.json')?.text;
    const expected = JSON.stringify(buildReport({ result: parseEpic(seedNote()), tracker: null, dryRun: true }), null, 2);
    expect(saved).toBe(`${expected}\n`);
    const parsed = JSON.parse(saved ?? '{}') as { totals: { points: number; points_done: number } };
    expect(parsed.totals).toMatchObject({ points: 37, points_done: 8 });
    await actions.exportJson('file');
    expect(files.size).toBe(1);
    expect((Notice as unknown as { shown: string[] }).shown.at(-1)).toBe('Epic JSON saved to Epics/Seed.json.');
  });

  it('copies the JSON to the clipboard', async () => {
    const { actions } = setUp(seedNote());
    let copied = '';
    Object.defineProperty(navigator, 'clipboard', { value: { writeText: (text: string) => { copied = text; return Promise.resolve(); } }, configurable: true });
    await actions.exportJson('clipboard');
    expect(copied).toBe(actions.reportJson());
    expect(JSON.parse(copied)).toMatchObject({ epic_title: 'Database Migration: PostgreSQL to CockroachDB', dry_run: true, tracker: null });
  });

  it('opens the plan modal with "no tracker configured" guidance and a settings button', () => {
    const { actions, settingsOpened } = setUp(seedNote());
    actions.sync({ kind: 'all' });
    const modal = lastModal();
    expect(modal).toBeInstanceOf(PlanModal);
    expect(modal?.titleEl.textContent).toBe('Sync epic with tracker');
    expect(modal?.contentEl.textContent).toContain('No tracker configured');
    expect([...(modal?.contentEl.querySelectorAll('.spectryn-plan-missing li') ?? [])].map((li) => li.textContent)).toEqual(['Site URL', 'Account email', 'API token', 'Project key']);
    buttons(modal).find((b) => b.textContent === 'Open settings')?.click();
    expect(settingsOpened()).toBe(1);
    expect((modal as unknown as { isOpen: boolean }).isOpen).toBe(false);
  });

  it('a tracker: github note asks for GitHub\'s settings, not Jira\'s, and a configured GitHub asks for none', () => {
    const note = `---\ntracker: github\nepic: "acme/infra#1"\n---\n${seedNote()}`;
    const missing = (modal: Modal | undefined): string[] => [...(modal?.contentEl.querySelectorAll('.spectryn-plan-missing li') ?? [])].map((li) => li.textContent ?? '');
    setUp(note).actions.sync({ kind: 'all' });
    expect(missing(lastModal())).toEqual(['GitHub token']);
    const { app, actions } = setUp(note, migrateSettings({ githubTokenSecretName: 'gh-token' }));
    app.secretStorage.setSecret('gh-token', 'ghp-1');
    actions.sync({ kind: 'all' });
    expect(missing(lastModal())).toEqual([]);
  });

  it('asks for the API token while the secret holds none', () => {
    const { actions } = setUp(seedNote(), ready);
    actions.sync({ kind: 'statuses' });
    expect(lastModal()?.contentEl.textContent).toContain('API token');
  });

  it('shows a plan from a provider: counts per kind, before → after, "Sync N changes"', async () => {
    const executed: number[] = [];
    const provider: PlanProvider = {
      plan: () => {
        const preview: PlanPreview = { operations: [
          { kind: 'transition_story', target: 'US-003', issueKey: 'INFRA-103', changes: [{ field: 'status', before: 'To Do', after: 'In Progress' }] },
          { kind: 'create_story', target: 'US-004', issueKey: null, changes: [{ field: 'summary', before: null, after: 'Schema Migrations' }] },
          { kind: 'create_story', target: 'US-005', issueKey: null, changes: [] },
        ] };
        return Promise.resolve({ preview, execute: () => { executed.push(preview.operations.length); return Promise.resolve(); } });
      },
    };
    const { app, actions } = setUp(seedNote(), ready, provider);
    app.secretStorage.setSecret('jira-token', 'tok-123');
    actions.sync({ kind: 'all' });
    await Promise.resolve();
    await Promise.resolve();
    const modal = lastModal();
    expect([...(modal?.contentEl.querySelectorAll('.spectryn-plan-counts li') ?? [])].map((li) => li.textContent)).toEqual(['transition story: 1', 'create story: 2']);
    expect(modal?.contentEl.querySelector('.spectryn-plan-changes li')?.textContent).toBe('Status: To Do → In Progress');
    expect(buttons(modal).map((b) => b.textContent)).toEqual(['Cancel', 'Sync 3 changes']);
    buttons(modal)[1]?.click();
    expect(executed).toEqual([3]);
    expect(countByKind({ operations: [] })).toEqual([]);
  });

  it('refuses to sync a note that is not an epic', () => {
    const { actions } = setUp('# Notes\n');
    const before = (Modal as unknown as { opened: Modal[] }).opened.length;
    actions.sync({ kind: 'all' });
    expect((Modal as unknown as { opened: Modal[] }).opened.length).toBe(before);
    expect((Notice as unknown as { shown: string[] }).shown.at(-1)).toBe('Open an epic note to sync it.');
  });

  it('validates: diagnostics sorted by severity with links to their lines', async () => {
    const note = [
      '# Epic', '## Phase 1: A',
      '### US-001: First', '**Story Points**: banana', '**Status**: Done',
      '### US-001: Again', '**Story Points**: 2', '**Status**: Sleeping',
      '',
    ].join('\n');
    const { app, actions, file } = setUp(note);
    const leafCalls: string[] = [];
    app.workspace.getLeaf = () => ({ openFile: (f: TFile, state: { eState: { line: number } }) => { leafCalls.push(`${f.path}:${state.eState.line}`); return Promise.resolve(); } }) as never;
    actions.validate();
    const modal = lastModal();
    expect(modal).toBeInstanceOf(DiagnosticsModal);
    const items = [...(modal?.contentEl.querySelectorAll('.spectryn-diag-item') ?? [])];
    const diagnostics = parseEpic(note).diagnostics;
    expect(items.map((i) => i.getAttribute('data-code'))).toEqual(sortDiagnostics(diagnostics).map((d) => d.code));
    expect(items.length).toBeGreaterThan(0);
    const severities = items.map((i) => ['is-error', 'is-warning', 'is-info'].findIndex((c) => i.classList.contains(c)));
    expect([...severities].sort()).toEqual(severities);
    const link = items[0]?.querySelector('.spectryn-diag-line') as HTMLElement;
    const line = Number(items[0]?.getAttribute('data-line'));
    link.click();
    await Promise.resolve();
    expect(leafCalls).toEqual([`${file.path}:${line - 1}`]);
  });

  it('says there is nothing wrong with a clean note', () => {
    const { actions } = setUp(seedNote());
    actions.validate();
    const summary = lastModal()?.contentEl.querySelector('.spectryn-diag-summary')?.textContent;
    const count = parseEpic(seedNote()).diagnostics.length;
    expect(summary).toEqual(count === 0 ? 'No problems found.' : expect.stringMatching(/errors, \d+ warnings/));
  });
});

describe('EpicActions.goToLine', () => {
  it('moves the cursor of the editor that already shows the note', async () => {
    const { app, actions, file } = setUp(seedNote());
    const { MarkdownView, WorkspaceLeaf } = jest.requireActual<typeof import('obsidian')>('obsidian');
    const leaf = new WorkspaceLeaf() as unknown as { view: unknown };
    const view = new (MarkdownView as unknown as new (leaf: unknown) => { file: TFile; editor: { cursor: { line: number; ch: number } } })(leaf);
    view.file = file;
    leaf.view = view;
    (app.workspace as unknown as { leaves: unknown[] }).leaves.push(leaf);
    await actions.goToLine(file, 105);
    expect(view.editor.cursor).toEqual({ line: 104, ch: 0 });
    expect((app.workspace as unknown as { activeLeaf: unknown }).activeLeaf).toBe(leaf);
  });

  it('scrolls a note shown in reading view to the line (its hidden editor is no use)', async () => {
    const { app, actions, file } = setUp(seedNote());
    const { MarkdownView, WorkspaceLeaf } = jest.requireActual<typeof import('obsidian')>('obsidian');
    const leaf = new WorkspaceLeaf() as unknown as { view: unknown };
    const view = new (MarkdownView as unknown as new (leaf: unknown) => { file: TFile; mode: string; ephemeralStates: unknown[]; editor: { cursor: { line: number; ch: number } } })(leaf);
    view.file = file;
    view.mode = 'preview';
    leaf.view = view;
    (app.workspace as unknown as { leaves: unknown[] }).leaves.push(leaf);
    await actions.goToLine(file, 43);
    expect(view.ephemeralStates).toEqual([{ line: 42 }]);
    expect(view.editor.cursor).toEqual({ line: 0, ch: 0 });
    expect((app.workspace as unknown as { activeLeaf: unknown }).activeLeaf).toBe(leaf);
  });
});

describe('Export JSON failures', () => {
  it('reports a failed save instead of rejecting', async () => {
    const { app, actions } = setUp(seedNote());
    app.vault.create = () => Promise.reject(new Error('Disk full'));
    await expect(actions.exportJson('file')).resolves.toBeUndefined();
    expect((Notice as unknown as { shown: string[] }).shown.at(-1)).toBe('Could not save Epics/Seed.json: Disk full');
  });

  it('saves a note at the vault root as Name.json', async () => {
    const app = new App();
    const { activeEpic } = snapshotOf(seedNote(), 'Root.md');
    const rootActions = new EpicActions({ app: app as never, activeEpic, settings: () => migrateSettings(null), openSettings: () => undefined, planProvider: () => NO_DRY_RUN });
    await rootActions.exportJson('file');
    expect((app.vault as unknown as { files: Map<string, unknown> }).files.has('Root.json')).toBe(true);
  });
});
