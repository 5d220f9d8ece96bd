/**
 * The command registry behind the page's command palette: `addCommand`'s commands by full id
 * (`plugin-id:command-id`), which of them can run now (`checkCallback`, `editorCheckCallback`,
 * `editorCallback` need the active note's editor) and running one.
 */
import type { Editor } from './editor';

/** Obsidian's `Command`, as far as the sandbox runs it. */
export interface Command {
  id: string;
  name: string;
  icon?: string;
  callback?: () => unknown;
  checkCallback?: (checking: boolean) => boolean | void;
  editorCallback?: (editor: Editor, info: unknown) => unknown;
  editorCheckCallback?: (checking: boolean, editor: Editor, info: unknown) => boolean | void;
}

/** Where commands find the active editor. */
export interface ActiveEditorSource {
  activeEditor(): { editor: Editor; info: unknown } | null;
}

/** All commands of all plugins. */
export class Commands {
  readonly commands = new Map<string, Command>();

  constructor(private readonly source: ActiveEditorSource) {}

  add(command: Command): () => void {
    this.commands.set(command.id, command);
    return () => this.commands.delete(command.id);
  }

  /** The commands that can run now, in the order they were added. */
  available(): Command[] {
    return [...this.commands.values()].filter((command) => this.run(command, true));
  }

  executeCommandById(id: string): boolean {
    const command = this.commands.get(id);
    return command ? this.run(command, false) : false;
  }

  private run(command: Command, checking: boolean): boolean {
    const active = this.source.activeEditor();
    if (command.editorCheckCallback) return active ? command.editorCheckCallback(checking, active.editor, active.info) !== false : false;
    if (command.editorCallback) {
      if (!active) return false;
      if (!checking) void command.editorCallback(active.editor, active.info);
      return true;
    }
    if (command.checkCallback) return command.checkCallback(checking) !== false;
    if (!checking) void command.callback?.();
    return command.callback !== undefined;
  }
}
