/**
 * After a decoration setting changes, asks every open markdown view to redraw now instead of at
 * the next edit: editors rebuild their decorations, reading views re-render. Obsidian's `Editor`
 * exposes its CodeMirror view as `cm` on every platform but does not type it, so it is checked.
 */
import { EditorView } from '@codemirror/view';
import { MarkdownView, type Workspace } from 'obsidian';
import { refreshEpicDecorations } from '../editor';

/** Dispatches `refreshEpicDecorations` to every open editor and re-renders every reading view. */
export function refreshEpicEditors(workspace: Workspace): void {
  for (const leaf of workspace.getLeavesOfType('markdown')) {
    if (!(leaf.view instanceof MarkdownView)) continue;
    const cm = (leaf.view.editor as unknown as { cm?: unknown }).cm;
    if (cm instanceof EditorView) cm.dispatch({ effects: refreshEpicDecorations.of(null) });
    if (leaf.view.getMode() === 'preview') leaf.view.previewMode.rerender(true);
  }
}
