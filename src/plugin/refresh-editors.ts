/**
 * After a decoration setting changes, asks every open markdown view to redraw now instead of at
 * the next edit: editors rebuild their decorations, reading views re-render.
 */
import { MarkdownView, type Workspace } from 'obsidian';
import { refreshEpicDecorations } from '../editor';
import { codeMirrorOf } from './open-editors';

/** Dispatches `refreshEpicDecorations` to every open editor and re-renders every reading view. */
export function refreshEpicEditors(workspace: Workspace): void {
  for (const leaf of workspace.getLeavesOfType('markdown')) {
    if (!(leaf.view instanceof MarkdownView)) continue;
    codeMirrorOf(leaf.view.editor)?.dispatch({ effects: refreshEpicDecorations.of(null) });
    if (leaf.view.getMode() === 'preview') leaf.view.previewMode.rerender(true);
  }
}
