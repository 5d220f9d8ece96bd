/**
 * The CodeMirror editors of open markdown views, for the few things the plugin asks of them: take
 * their parse now (before an action, or when their note becomes active) and whether they show an
 * epic. Obsidian's `Editor` exposes its CodeMirror view as `cm` on every platform but does not type
 * it, so it is checked.
 */
import { EditorView } from '@codemirror/view';
import { MarkdownView, type Workspace } from 'obsidian';
import { epicField, flushEpicParse } from '../editor';
import type { ParseResult } from '../model';

/** The CodeMirror view of an Obsidian editor (`MarkdownView.editor`, a command's `editor`), or null. */
export function codeMirrorOf(editor: unknown): EditorView | null {
  const cm = (editor as { cm?: unknown } | null)?.cm;
  return cm instanceof EditorView ? cm : null;
}

/** The markdown views showing the note at `path`. */
export function markdownViewsOf(workspace: Workspace, path: string): MarkdownView[] {
  return workspace.getLeavesOfType('markdown').flatMap((leaf) => (leaf.view instanceof MarkdownView && leaf.view.file?.path === path ? [leaf.view] : []));
}

/**
 * Parses, now, the note in `editor` if it changed since its last parse (skipping the typing pause;
 * the editor hands the parse to the shared model through `onParsed`), and returns its current
 * parse; null without the epic extension or for a note without stories.
 */
export function flushEditorParse(editor: unknown): ParseResult | null {
  const cm = codeMirrorOf(editor);
  return cm ? flushEpicParse(cm) : null;
}

/** Flushes the parse of every open editor of the note at `path` (see `flushEditorParse`). */
export function flushEditorsOf(workspace: Workspace, path: string): void {
  for (const view of markdownViewsOf(workspace, path)) flushEditorParse(view.editor);
}

/** True when an open editor of the note at `path` holds a story (its decorations are active). */
export function editorShowsEpic(workspace: Workspace, path: string): boolean {
  return markdownViewsOf(workspace, path).some((view) => codeMirrorOf(view.editor)?.state.field(epicField, false)?.active === true);
}
