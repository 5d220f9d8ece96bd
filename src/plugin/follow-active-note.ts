/**
 * Keeps the shared model on the active note: registers the workspace and vault events that open,
 * re-parse and rename it. Parses go through the parse store, so a note opened in an editor is
 * parsed once (by the editor, when it opens) and a change typed in an editor with the epic
 * extension is parsed once (by the editor, after the pause).
 */
import { FileView, MarkdownView, TFile, type Plugin } from 'obsidian';
import type { ActiveEpic } from './active-epic';
import { editorParsesItself } from './open-editors';

/** Registers on `plugin` the events that keep `activeEpic` on the active note. */
export function followActiveNote(plugin: Plugin, activeEpic: ActiveEpic<TFile>): void {
  const { workspace, vault } = plugin.app;
  const openActive = (): void => {
    const view = workspace.getActiveViewOfType(MarkdownView);
    if (view?.file) {
      // The editor parses the note as it opens (a long one in slices): the store hands that parse
      // over, now when it is done, else when it is.
      activeEpic.open(view.file, view.editor.getValue(), editorParsesItself(view.editor));
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
    if (info.file) activeEpic.changed(info.file, () => editor.getValue(), editorParsesItself(editor));
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
