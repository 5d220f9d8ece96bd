/**
 * Keeps the shared model on the active note: registers the workspace and vault events that open,
 * re-parse and rename it, and turns the editor extension's `onParsed` into a hand-over to the model
 * (so a change typed in the editor is parsed once, by the editor, and a note opened in an editor
 * is parsed once, when the editor opens).
 */
import { FileView, MarkdownView, TFile, editorInfoField, type Plugin, type Workspace } from 'obsidian';
import type { EditorView } from '@codemirror/view';
import type { ParseResult } from '../model';
import type { ActiveEpic } from './active-epic';
import { editorShowsEpic, flushEditorParse } from './open-editors';

/** Registers on `plugin` the events that keep `activeEpic` on the active note. */
export function followActiveNote(plugin: Plugin, activeEpic: ActiveEpic<TFile>): void {
  const { workspace, vault } = plugin.app;
  const openActive = (): void => {
    const view = workspace.getActiveViewOfType(MarkdownView);
    if (view?.file) {
      // The editor parsed the note when it opened but hands that parse over a tick later: take it
      // now, so the model does not parse the same text again.
      const parsed = flushEditorParse(view.editor);
      if (parsed) activeEpic.acceptParsed(view.file, parsed);
      activeEpic.open(view.file, view.editor.getValue());
      return;
    }
    // Another file (a PDF, a canvas) replaces the note; any other view (this pane) keeps it.
    const other = workspace.getActiveViewOfType(FileView);
    if (other) activeEpic.open(null, null);
  };
  const isBeingEdited = (file: TFile): boolean => workspace.getLeavesOfType('markdown')
    .some((leaf) => leaf.view instanceof MarkdownView && leaf.view.file?.path === file.path && leaf.view.getMode() === 'source');

  plugin.registerEvent(workspace.on('active-leaf-change', openActive));
  plugin.registerEvent(workspace.on('file-open', openActive));
  plugin.registerEvent(workspace.on('editor-change', (editor, info) => {
    if (info.file) activeEpic.changed(info.file, () => editor.getValue());
  }));
  plugin.registerEvent(vault.on('modify', (file) => {
    // An editor reports its own changes (ahead of the saved text); here only edits made elsewhere
    // count, e.g. while the note is in reading view.
    if (!(file instanceof TFile) || activeEpic.current().file?.path !== file.path || isBeingEdited(file)) return;
    void vault.cachedRead(file).then((text) => {
      if (activeEpic.current().file?.path === file.path) activeEpic.open(file, text);
    });
  }));
  plugin.registerEvent(vault.on('rename', (file, oldPath) => {
    if (file instanceof TFile) activeEpic.renamed(file, oldPath);
  }));
  workspace.onLayoutReady(openActive);
}

/** The editor extension's `onParsed`: hands each parse of a note's editor to the shared model. */
export function shareEditorParse(activeEpic: ActiveEpic<TFile>): (result: ParseResult, view: EditorView) => void {
  return (result, view) => {
    const file = view.state.field(editorInfoField, false)?.file;
    if (file) activeEpic.acceptParsed(file, result);
  };
}

/**
 * True when the note at `path` is an epic: the shared model says so (the active note), or an open
 * editor of it holds a story. For the reading view's table cells, which come without their note's text.
 */
export function isEpicNote(workspace: Workspace, activeEpic: ActiveEpic<TFile>, path: string): boolean {
  const { file, isEpic } = activeEpic.current();
  return (file?.path === path && isEpic) || editorShowsEpic(workspace, path);
}
