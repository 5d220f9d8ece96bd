/**
 * The plugin's commands, with the rules that enable them (a command that cannot act on the active
 * note is hidden from the palette). No default hotkeys.
 */
import type { Command, Editor, MarkdownFileInfo, MarkdownView } from 'obsidian';
import type { Epic, Story } from '../model/types';
import type { ActiveEpicSnapshot } from '../view/epic-snapshot';
import type { PaneActions } from '../view/progress-view';

/** The actions the commands trigger (implemented by `EpicActions`). */
export type CommandActions = Pick<PaneActions, 'sync' | 'exportJson' | 'validate'>;

/** What the commands read and do. */
export interface CommandContext {
  /** The shared model of the active note, as it is (for enabling commands: cheap). */
  readonly snapshot: () => ActiveEpicSnapshot;
  /** The same, brought up to what is on screen first (for running one); default `snapshot`. */
  readonly freshSnapshot?: () => ActiveEpicSnapshot;
  readonly actions: CommandActions;
  readonly openPane: () => Promise<void>;
}

/** The story whose lines contain the 1-based `line`, or null. */
export function storyAtLine(epic: Epic, line: number): Story | null {
  return epic.stories.find((story) => story.range.line <= line && line <= story.range.endLine) ?? null;
}

/** Every command of the plugin, ready for `addCommand`. */
export function buildCommands(context: CommandContext): Command[] {
  const whenEpic = (run: () => void) => (checking: boolean): boolean => {
    if (!context.snapshot().isEpic) return false;
    if (!checking) run();
    return true;
  };
  return [
    {
      id: 'open-progress-pane',
      name: 'Open epic progress',
      icon: 'list-checks',
      callback: () => { void context.openPane(); },
    },
    {
      id: 'sync-epic',
      name: 'Sync epic with tracker',
      icon: 'refresh-cw',
      checkCallback: whenEpic(() => context.actions.sync({ kind: 'all' })),
    },
    {
      id: 'sync-statuses',
      name: 'Sync statuses only',
      icon: 'refresh-cw',
      checkCallback: whenEpic(() => context.actions.sync({ kind: 'statuses' })),
    },
    {
      id: 'sync-story-at-cursor',
      name: 'Sync the story at the cursor',
      icon: 'refresh-cw',
      editorCheckCallback: (checking: boolean, editor: Editor, info: MarkdownView | MarkdownFileInfo): boolean => {
        const story = storyUnderCursor(context.snapshot(), editor, info);
        if (!story) return false;
        if (checking) return true;
        // The model may be a typing pause old: look again in the model of what is on screen.
        const current = storyUnderCursor((context.freshSnapshot ?? context.snapshot)(), editor, info);
        if (current) context.actions.sync({ kind: 'story', storyId: current.id });
        return true;
      },
    },
    {
      id: 'export-json',
      name: 'Export epic JSON next to the note',
      icon: 'download',
      checkCallback: whenEpic(() => { void context.actions.exportJson('file'); }),
    },
    {
      id: 'copy-json',
      name: 'Copy epic JSON',
      icon: 'copy',
      checkCallback: whenEpic(() => { void context.actions.exportJson('clipboard'); }),
    },
    {
      id: 'validate-note',
      name: 'Validate epic note',
      icon: 'check',
      checkCallback: (checking: boolean): boolean => {
        // Any open note: one without stories is parsed when validated.
        if (!context.snapshot().file) return false;
        if (!checking) context.actions.validate();
        return true;
      },
    },
  ];
}

function storyUnderCursor(snapshot: ActiveEpicSnapshot, editor: Editor, info: MarkdownView | MarkdownFileInfo): Story | null {
  if (!snapshot.isEpic || !snapshot.result || !snapshot.file) return null;
  // The snapshot is of the active note; a command run from another editor must not use it.
  if (info.file?.path !== snapshot.file.path) return null;
  return storyAtLine(snapshot.result.epic, editor.getCursor().line + 1);
}
