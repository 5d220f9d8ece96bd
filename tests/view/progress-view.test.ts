import { WorkspaceLeaf, type TFile } from 'obsidian';
import { EpicProgressView, PROGRESS_VIEW_TYPE } from '../../src/view/progress-view';
import type { SyncScope } from '../../src/view/plan-modal';
import { seedNote, snapshotOf } from './helpers';

class RecordingPaneActions {
  calls: string[] = [];
  sync(scope: SyncScope): void { this.calls.push(`sync:${scope.kind}`); }
  exportJson(target: 'file' | 'clipboard'): Promise<void> { this.calls.push(`export:${target}`); return Promise.resolve(); }
  validate(): void { this.calls.push('validate'); }
  goToLine(file: TFile, line: number): Promise<void> { this.calls.push(`goto:${file.path}:${line}`); return Promise.resolve(); }
}

async function openPane(text: string) {
  const { activeEpic, file } = snapshotOf(text, 'Epics/Seed.md');
  const actions = new RecordingPaneActions();
  let formats = 0;
  const view = new EpicProgressView(new WorkspaceLeaf(), { activeEpic, actions, showFormat: () => { formats += 1; } });
  await (view as unknown as { open(): Promise<void> }).open();
  return { view, activeEpic, actions, file, formats: () => formats };
}

describe('EpicProgressView', () => {
  it('is the right-sidebar pane type with a title and three header actions', async () => {
    const { view, actions } = await openPane(seedNote());
    expect(view.getViewType()).toBe(PROGRESS_VIEW_TYPE);
    expect(view.getDisplayText()).toBe('Epic progress');
    const headerActions = [...view.containerEl.querySelectorAll<HTMLElement>('.view-action')];
    expect(headerActions.map((el) => el.getAttribute('aria-label'))).toEqual(['Validate', 'Export JSON', 'Sync (dry run)']);
    for (const action of headerActions) action.click();
    expect(actions.calls).toEqual(['validate', 'sync:all']);
    // Export offers a menu: save next to the note, or copy.
    const menu = document.querySelector('.menu');
    expect([...(menu?.querySelectorAll('.menu-item-title') ?? [])].map((e) => e.textContent)).toEqual(['Save JSON next to the note', 'Copy JSON']);
    (menu?.querySelectorAll('.menu-item')[1] as HTMLElement | undefined)?.click();
    expect(actions.calls).toEqual(['validate', 'sync:all', 'export:clipboard']);
  });

  it('renders the active note and re-renders when it changes', async () => {
    const { view, activeEpic, file } = await openPane(seedNote());
    expect(view.contentEl.querySelectorAll('.spectryn-phase')).toHaveLength(4);
    const seed = seedNote();
    const at = seed.indexOf('US-003');
    activeEpic.open(file, seed.slice(0, at) + seed.slice(at).replace('🔄 In Progress', '✅ Done'));
    expect(view.contentEl.querySelector('[data-phase="Development"]')?.getAttribute('data-stories-done')).toBe('1');
    activeEpic.open(null, null);
    expect(view.contentEl.textContent).toBe('Open an epic note to see its progress.');
  });

  it('moves the cursor to a story when it is clicked or activated with Enter', async () => {
    const { view, actions } = await openPane(seedNote());
    const story = view.contentEl.querySelector('[data-story="US-003"] .spectryn-story-title') as HTMLElement;
    story.click();
    view.contentEl.querySelector('[data-story="US-001"]')?.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', bubbles: true }));
    expect(actions.calls).toEqual(['goto:Epics/Seed.md:105', 'goto:Epics/Seed.md:43']);
  });

  it('goes to the clicked row\'s own line, also when two stories share an id', async () => {
    const note = ['# Epic', '## Phase 1: A', '### US-001: First', '**Story Points**: 1', '### US-001: Copy', '**Story Points**: 2', ''].join('\n');
    const { view, actions } = await openPane(note);
    const rows = Array.from(view.contentEl.querySelectorAll<HTMLElement>('[data-story="US-001"]'));
    expect(rows).toHaveLength(2);
    rows[1]?.querySelector<HTMLElement>('.spectryn-story-title')?.click();
    rows[0]?.click();
    expect(actions.calls).toEqual(['goto:Epics/Seed.md:5', 'goto:Epics/Seed.md:3']);
  });

  it('lets an issue link open the tracker instead of going to the story', async () => {
    const note = ['# Epic', '### US-001: First', '> **Issue:** [DB-1](https://jira.example.com/browse/DB-1)', '', '**Story Points**: 1', ''].join('\n');
    const { view, actions } = await openPane(note);
    const link = view.contentEl.querySelector<HTMLElement>('a.spectryn-issue-chip');
    expect(link?.getAttribute('href')).toBe('https://jira.example.com/browse/DB-1');
    const click = new MouseEvent('click', { bubbles: true, cancelable: true });
    link?.dispatchEvent(click);
    expect(click.defaultPrevented).toBe(false);
    expect(actions.calls).toEqual([]);
  });

  it('links issue keys with the tracker address of the settings', async () => {
    const note = ['# Epic', '### US-001: First', '**Issue**: DB-2', '**Story Points**: 1', ''].join('\n');
    const { activeEpic } = snapshotOf(note, 'Epics/Seed.md');
    const view = new EpicProgressView(new WorkspaceLeaf(), { activeEpic, actions: new RecordingPaneActions(), showFormat: () => undefined, browseUrl: () => (key: string) => `https://jira.example.com/browse/${key}` });
    await (view as unknown as { open(): Promise<void> }).open();
    expect(view.contentEl.querySelector('a.spectryn-issue-chip')?.getAttribute('href')).toBe('https://jira.example.com/browse/DB-2');
  });

  it('keeps the focused story focused across a re-render', async () => {
    const { view, activeEpic, file } = await openPane(seedNote());
    document.body.appendChild(view.containerEl);
    (view.contentEl.querySelector('[data-story="US-004"]') as HTMLElement).focus();
    activeEpic.open(file, `${seedNote()}\n`);
    expect(document.activeElement?.getAttribute('data-story')).toBe('US-004');
    view.containerEl.remove();
  });

  it('opens the format guide from a note that is not an epic', async () => {
    const { view, formats } = await openPane('# Notes\n');
    (view.contentEl.querySelector('.spectryn-format-link') as HTMLElement).click();
    expect(formats()).toBe(1);
  });

  it('stops listening when closed', async () => {
    const { view, activeEpic, file } = await openPane(seedNote());
    await (view as unknown as { close(): Promise<void> }).close();
    activeEpic.open(file, '# Other\n');
    expect(view.contentEl.querySelectorAll('.spectryn-phase')).toHaveLength(4);
  });
});
