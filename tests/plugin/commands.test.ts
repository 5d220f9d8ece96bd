import type { Command, Editor, MarkdownFileInfo } from 'obsidian';
import { buildCommands, storyAtLine, type CommandActions } from '../../src/plugin/commands';
import type { ActiveEpicSnapshot } from '../../src/view/epic-snapshot';
import type { SyncScope } from '../../src/view/plan-modal';
import { fileAt, seedNote, snapshotOf } from '../view/helpers';

/** Records what the commands asked for. */
class RecordingActions implements CommandActions {
  calls: string[] = [];
  sync(scope: SyncScope): void { this.calls.push(`sync:${scope.kind === 'story' ? scope.storyId : scope.kind}`); }
  exportJson(target: 'file' | 'clipboard'): Promise<void> { this.calls.push(`export:${target}`); return Promise.resolve(); }
  validate(): void { this.calls.push('validate'); }
}

const none: ActiveEpicSnapshot = { file: null, result: null, progress: null, isEpic: false };

function commandsFor(snapshot: ActiveEpicSnapshot): { commands: Map<string, Command>; actions: RecordingActions; panes: number[] } {
  const actions = new RecordingActions();
  const panes: number[] = [];
  const list = buildCommands({ snapshot: () => snapshot, actions, openPane: () => { panes.push(1); return Promise.resolve(); } });
  return { commands: new Map(list.map((c) => [c.id, c])), actions, panes };
}

function editorAt(line0: number): Editor {
  return { getCursor: () => ({ line: line0, ch: 0 }) } as unknown as Editor;
}

const check = (command: Command | undefined, checking: boolean): boolean | void => command?.checkCallback?.(checking);

describe('commands', () => {
  it('have no default hotkeys, and ids and names in the expected set', () => {
    const { commands } = commandsFor(none);
    expect([...commands.keys()]).toEqual(['open-progress-pane', 'sync-epic', 'sync-statuses', 'sync-story-at-cursor', 'export-json', 'copy-json', 'validate-note']);
    for (const command of commands.values()) expect(command.hotkeys).toBeUndefined();
    expect(commands.get('open-progress-pane')?.name).toBe('Open epic progress');
  });

  it('are hidden when no note is open, except opening the pane', () => {
    const { commands, actions, panes } = commandsFor(none);
    for (const id of ['sync-epic', 'sync-statuses', 'export-json', 'copy-json', 'validate-note']) expect(check(commands.get(id), true)).toBe(false);
    commands.get('open-progress-pane')?.callback?.();
    expect(panes).toHaveLength(1);
    expect(actions.calls).toEqual([]);
  });

  it('offer only validation on a note that is not an epic', () => {
    const { commands, actions } = commandsFor(snapshotOf('# Notes\n\nJust text.\n').snapshot);
    for (const id of ['sync-epic', 'sync-statuses', 'export-json', 'copy-json']) expect(check(commands.get(id), true)).toBe(false);
    expect(check(commands.get('validate-note'), true)).toBe(true);
    expect(actions.calls).toEqual([]);
    expect(check(commands.get('validate-note'), false)).toBe(true);
    expect(actions.calls).toEqual(['validate']);
  });

  it('are all enabled on an epic, and act only when not checking', () => {
    const { commands, actions } = commandsFor(snapshotOf(seedNote()).snapshot);
    for (const id of ['sync-epic', 'sync-statuses', 'export-json', 'copy-json', 'validate-note']) expect(check(commands.get(id), true)).toBe(true);
    expect(actions.calls).toEqual([]);
    for (const id of ['sync-epic', 'sync-statuses', 'export-json', 'copy-json', 'validate-note']) check(commands.get(id), false);
    expect(actions.calls).toEqual(['sync:all', 'sync:statuses', 'export:file', 'export:clipboard', 'validate']);
  });

  it('sync the story under the cursor only inside a story of the active note', () => {
    const { snapshot, file } = snapshotOf(seedNote(), 'Epics/Seed.md');
    const { commands, actions } = commandsFor(snapshot);
    const run = commands.get('sync-story-at-cursor')?.editorCheckCallback;
    const info = { file } as unknown as MarkdownFileInfo;
    // Line 43 (1-based) is the US-001 header; line 50 is inside US-001; line 1 is the title.
    expect(run?.(true, editorAt(42), info)).toBe(true);
    expect(run?.(false, editorAt(49), info)).toBe(true);
    expect(run?.(false, editorAt(110), info)).toBe(true);
    expect(run?.(true, editorAt(0), info)).toBe(false);
    expect(run?.(true, editorAt(42), { file: fileAt('Other.md') } as unknown as MarkdownFileInfo)).toBe(false);
    expect(actions.calls).toEqual(['sync:US-001', 'sync:US-003']);
  });

  it('finds the story at a line by its range', () => {
    const { snapshot } = snapshotOf(seedNote());
    const epic = snapshot.result?.epic;
    if (!epic) throw new Error('no epic');
    expect(storyAtLine(epic, 43)?.id).toBe('US-001');
    expect(storyAtLine(epic, 76)?.id).toBe('US-002');
    expect(storyAtLine(epic, 40)).toBeNull();
    expect(storyAtLine(epic, 266)).toBeNull();
  });
});
