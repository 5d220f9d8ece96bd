/**
 * The plan modal in jsdom: counts per kind, before → after per field, summaries for long values,
 * warnings, the buttons, and that nothing runs before "Sync N changes" (Cancel runs nothing).
 */
import { App, Modal } from 'obsidian';
import { PlanModal, changeText, confirmText, type ExecutionControl, type PendingSync, type PlanPreview, type PlanProvider, type SyncScope } from '../../src/view/plan-modal';

/** A provider whose dry run and execution the test settles by hand; records every call. */
class ManualProvider implements PlanProvider {
  readonly planCalls: SyncScope[] = [];
  readonly executed: { plan: PlanPreview; control: ExecutionControl | undefined }[] = [];
  private resolvePlan: ((plan: PlanPreview) => void) | null = null;
  private rejectPlan: ((error: Error) => void) | null = null;
  private finishExecution: (() => void) | null = null;

  plan(scope: SyncScope): Promise<PendingSync> {
    this.planCalls.push(scope);
    const pending = new Promise<PlanPreview>((resolve, reject) => { this.resolvePlan = resolve; this.rejectPlan = reject; });
    return pending.then((preview) => ({ preview, execute: (control?: ExecutionControl) => this.execute(preview, control) }));
  }

  private execute(plan: PlanPreview, control?: ExecutionControl): Promise<void> {
    this.executed.push({ plan, control });
    return new Promise((resolve) => { this.finishExecution = resolve; });
  }

  async answer(plan: PlanPreview): Promise<void> { this.resolvePlan?.(plan); await settle(); }
  async fail(error: Error): Promise<void> { this.rejectPlan?.(error); await settle(); }
  async finish(): Promise<void> { this.finishExecution?.(); await settle(); }
}

async function settle(): Promise<void> {
  for (let i = 0; i < 5; i += 1) await Promise.resolve();
}

const PLAN: PlanPreview = {
  epicKey: 'INFRA-100',
  operations: [
    { kind: 'create_story', target: 'US-004', title: 'Schema Migrations', issueKey: null, changes: [
      { field: 'summary', before: null, after: 'Schema Migrations' },
      { field: 'description', before: null, after: 'As a DBA\nI want migrations\nSo that it works', summary: 'Description: 3 lines' },
      { field: 'story_points', before: null, after: '8' },
    ] },
    { kind: 'create_subtask', target: 'US-004 #1', title: 'Write scripts', issueKey: null, changes: [{ field: 'summary', before: null, after: 'Write scripts' }] },
    { kind: 'create_subtask', target: 'US-004 #2', title: 'Run scripts', issueKey: null, changes: [{ field: 'summary', before: null, after: 'Run scripts' }] },
    { kind: 'update_story', target: 'US-001', title: 'Schema Compatibility Analysis', issueKey: 'INFRA-101', changes: [
      { field: 'story_points', before: '3', after: '5' },
      { field: 'priority', before: null, after: 'Highest' },
    ] },
    { kind: 'transition_subtask', target: 'US-001 #2', title: 'Review', issueKey: 'INFRA-103', changes: [{ field: 'status', before: 'To Do', after: 'Done' }] },
    { kind: 'add_comment', target: 'US-001', title: 'Schema Compatibility Analysis', issueKey: 'INFRA-101', changes: [{ field: 'comment', before: null, after: 'Looks good' }] },
  ],
  warnings: ['INFRA-150 (Old story) is under INFRA-100 in Jira but not in the note; it is left alone.'],
};

function open(provider: PlanProvider, scope: SyncScope = { kind: 'all' }): PlanModal {
  const modal = new PlanModal(new App() as never, { scope, missing: [], openSettings: () => undefined, provider });
  modal.open();
  return modal;
}

const buttons = (modal: Modal): HTMLButtonElement[] => [...modal.contentEl.querySelectorAll('button')];
const button = (modal: Modal, text: string | RegExp): HTMLButtonElement | undefined => buttons(modal).find((b) => (typeof text === 'string' ? b.textContent === text : text.test(b.textContent ?? '')));
const texts = (modal: Modal, selector: string): string[] => [...modal.contentEl.querySelectorAll(selector)].map((el) => el.textContent ?? '');
const isOpen = (modal: Modal): boolean => (modal as unknown as { isOpen: boolean }).isOpen;

describe('PlanModal', () => {
  it('reads the tracker first and shows only a loading line meanwhile, with no button to sync', () => {
    const provider = new ManualProvider();
    const modal = open(provider, { kind: 'statuses' });
    expect(provider.planCalls).toEqual([{ kind: 'statuses' }]);
    expect(modal.titleEl.textContent).toBe('Sync statuses with tracker');
    expect(texts(modal, '.spectryn-plan-loading')).toEqual(['Reading the tracker (dry run)…']);
    expect(buttons(modal)).toEqual([]);
  });

  it('lists counts per kind, each operation with its target, title, key and before → after, and the warnings', async () => {
    const provider = new ManualProvider();
    const modal = open(provider);
    await provider.answer(PLAN);
    expect(texts(modal, '.spectryn-plan-counts li')).toEqual(['create story: 1', 'create subtask: 2', 'update story: 1', 'transition subtask: 1', 'comment: 1']);
    const rows = [...modal.contentEl.querySelectorAll('.spectryn-plan-operation')];
    expect(rows).toHaveLength(6);
    expect(rows.map((row) => row.querySelector('.spectryn-story-id')?.textContent)).toEqual(['US-004', 'US-004 #1', 'US-004 #2', 'US-001', 'US-001 #2', 'US-001']);
    expect(rows.map((row) => row.querySelector('.spectryn-issue-chip')?.textContent ?? null)).toEqual([null, null, null, 'INFRA-101', 'INFRA-103', 'INFRA-101']);
    expect(rows[0]?.querySelector('.spectryn-plan-title')?.textContent).toBe('Schema Migrations');
    // A create lists the new values; the description is summarised, never dumped.
    expect([...(rows[0]?.querySelectorAll('.spectryn-plan-changes li') ?? [])].map((li) => li.textContent)).toEqual(['Title: Schema Migrations', 'Description: 3 lines', 'Story points: 8']);
    expect(rows[0]?.textContent).not.toContain('I want migrations');
    expect([...(rows[3]?.querySelectorAll('.spectryn-plan-changes li') ?? [])].map((li) => li.textContent)).toEqual(['Story points: 3 → 5', 'Priority: (none) → Highest']);
    expect(rows[3]?.querySelector('.spectryn-plan-before')?.textContent).toBe('3');
    expect(rows[3]?.querySelector('.spectryn-plan-after')?.textContent).toBe('5');
    expect(rows[4]?.querySelector('.spectryn-plan-changes li')?.textContent).toBe('Status: To Do → Done');
    expect(texts(modal, '.spectryn-plan-warnings li')).toEqual([PLAN.warnings?.[0]]);
    expect(texts(modal, '.spectryn-plan-epic')).toEqual(['Epic INFRA-100: nothing is changed until you confirm.']);
    expect(buttons(modal).map((b) => b.textContent)).toEqual(['Cancel', 'Sync 6 changes']);
    expect(provider.executed).toEqual([]);
  });

  it('a changed description expands to its before → after lines, built as elements', async () => {
    const provider = new ManualProvider();
    const modal = open(provider);
    const diff = [
      { kind: 'same' as const, text: 'As a DBA' },
      { kind: 'removed' as const, text: 'I want migrations' },
      { kind: 'added' as const, text: 'I want reversible migrations' },
      { kind: 'added' as const, text: '<b>not markup</b>' },
    ];
    await provider.answer({ operations: [{ kind: 'update_story', target: 'US-004', issueKey: 'INFRA-104', changes: [
      { field: 'description', before: 'As a DBA\nI want migrations', after: 'As a DBA\nI want reversible migrations\n<b>not markup</b>', summary: 'Description: 3 lines changed', diff },
    ] }] });
    const details = modal.contentEl.querySelector('.spectryn-plan-changes li details');
    expect(details).not.toBeNull();
    expect((details as HTMLDetailsElement | null)?.open).toBe(false);
    expect(details?.querySelector('summary .spectryn-plan-summary')?.textContent).toBe('Description: 3 lines changed');
    const lines = [...(details?.querySelectorAll('.spectryn-plan-diff-line') ?? [])];
    expect(lines.map((line) => [line.getAttribute('data-kind'), line.textContent])).toEqual([
      ['same', '  As a DBA'], ['removed', '- I want migrations'], ['added', '+ I want reversible migrations'], ['added', '+ <b>not markup</b>'],
    ]);
    expect(lines[1]?.classList.contains('spectryn-plan-before')).toBe(true);
    expect(lines[2]?.classList.contains('spectryn-plan-after')).toBe(true);
    // Text stays text: nothing the tracker or the note says becomes markup.
    expect(details?.querySelector('b')).toBeNull();
  });

  it('Cancel closes and runs nothing', async () => {
    const provider = new ManualProvider();
    const modal = open(provider);
    await provider.answer(PLAN);
    button(modal, 'Cancel')?.click();
    await settle();
    expect(isOpen(modal)).toBe(false);
    expect(provider.executed).toEqual([]);
  });

  it('"Sync N changes" runs exactly the plan shown, disabled while it runs; Cancel then asks the run to stop', async () => {
    const provider = new ManualProvider();
    const modal = open(provider);
    await provider.answer(PLAN);
    const confirm = button(modal, 'Sync 6 changes');
    confirm?.click();
    expect(provider.executed).toHaveLength(1);
    expect(provider.executed[0]?.plan).toBe(PLAN);
    expect(confirm?.disabled).toBe(true);
    expect(confirm?.textContent).toBe('Syncing…');
    confirm?.click();
    expect(provider.executed).toHaveLength(1);
    const control = provider.executed[0]?.control;
    expect(control?.isCancelled()).toBe(false);
    button(modal, 'Cancel')?.click();
    expect(control?.isCancelled()).toBe(true);
    expect(isOpen(modal)).toBe(true);
    expect(button(modal, 'Stopping…')?.disabled).toBe(true);
    await provider.finish();
    expect(isOpen(modal)).toBe(false);
  });

  it('says there is nothing to change when the plan is empty, and offers only Close', async () => {
    const provider = new ManualProvider();
    const modal = open(provider);
    await provider.answer({ epicKey: 'INFRA-100', operations: [], warnings: [] });
    expect(modal.contentEl.textContent).toContain('Nothing to change: the tracker already matches the note.');
    expect(buttons(modal).map((b) => b.textContent)).toEqual(['Close']);
    expect(provider.executed).toEqual([]);
  });

  it('offers to write keys found in the tracker when that is all there is to do', async () => {
    const provider = new ManualProvider();
    const modal = open(provider);
    await provider.answer({ operations: [], keysToWrite: 2 });
    expect(texts(modal, '.spectryn-plan-counts li')).toEqual(['keys to write into the note: 2']);
    expect(buttons(modal).map((b) => b.textContent)).toEqual(['Cancel', 'Write 2 keys into the note']);
  });

  it('shows a refused dry run with its message and only Close', async () => {
    const provider = new ManualProvider();
    const modal = open(provider);
    await provider.fail(new Error('read epic INFRA-100 failed (HTTP 401) Authentication refused: check the email and the API token.'));
    expect(texts(modal, '.spectryn-plan-error')).toEqual(['Sync failed: read epic INFRA-100 failed (HTTP 401) Authentication refused: check the email and the API token.']);
    expect(buttons(modal).map((b) => b.textContent)).toEqual(['Close']);
  });

  it('renders nothing when the dry run ends after the modal was closed', async () => {
    const provider = new ManualProvider();
    const modal = open(provider);
    modal.close();
    await provider.answer(PLAN);
    expect(modal.contentEl.childElementCount).toBe(0);
  });

  it('still guides to the settings when the tracker is not configured, without calling the provider', () => {
    const provider = new ManualProvider();
    const modal = new PlanModal(new App() as never, { scope: { kind: 'story', storyId: 'US-002' }, missing: ['Site URL'], openSettings: () => undefined, provider });
    modal.open();
    expect(modal.titleEl.textContent).toBe('Sync US-002 with tracker');
    expect(texts(modal, '.spectryn-plan-missing li')).toEqual(['Site URL']);
    expect(provider.planCalls).toEqual([]);
  });
});

describe('plan texts', () => {
  it('confirm button: singular, plural, keys only', () => {
    expect(confirmText({ operations: [PLAN.operations[0] ?? (undefined as never)] })).toBe('Sync 1 change');
    expect(confirmText(PLAN)).toBe('Sync 6 changes');
    expect(confirmText({ operations: [], keysToWrite: 1 })).toBe('Write 1 key into the note');
  });

  it('change line: updates show before → after with (none) for absent values; creates show the new value', () => {
    expect(changeText('update_story', { field: 'priority', before: null, after: 'High' })).toEqual({ field: 'Priority', before: '(none)', after: 'High' });
    expect(changeText('update_story', { field: 'labels', before: 'a', after: null })).toEqual({ field: 'Labels', before: 'a', after: '(none)' });
    expect(changeText('create_subtask', { field: 'summary', before: null, after: 'X' })).toEqual({ field: 'Title', before: null, after: 'X' });
    expect(changeText('update_story', { field: 'description', before: 'a', after: 'b', summary: 'Description: 2 lines changed' })).toEqual({ summary: 'Description: 2 lines changed' });
  });
});
