/**
 * The CodeMirror editors of open markdown views, for the few things the plugin asks of them: parse
 * through the plugin's parse store, parse now (before an action), and whether the epic extension
 * parses their changes. Obsidian's `Editor` exposes its CodeMirror view as `cm` on every platform
 * but does not type it, so it is checked.
 */
import { EditorView } from '@codemirror/view';
import { MarkdownView, editorInfoField, type Workspace } from 'obsidian';
import { flushEpicParse, parsesEpic, type EpicParser } from '../editor';
import { parseEpic, type ParseResult } from '../model';
import type { ParseStore } from './parse-store';

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
 * The editor extension's parser: the note's parse from `store`, by the path of the note the editor
 * shows; an editor that shows no vault note parses on its own.
 */
export function editorParser(store: ParseStore): EpicParser {
  return (text, previous, state, partial, change) => {
    const path = state.field(editorInfoField, false)?.file?.path;
    // The slices of a long note opening are the editor's own; the store hears of the whole note.
    return path === undefined || partial ? parseEpic(text, previous, change) : store.parse(path, text, previous, change);
  };
}

/**
 * Parses, now, the note in `editor` if it changed since its last parse (skipping the typing pause;
 * the parse reaches the store and, through it, the active note's model), and returns its current
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

/** True when `editor` (an Obsidian editor) has the epic extension, which parses its changes itself. */
export function editorParsesItself(editor: unknown): boolean {
  const cm = codeMirrorOf(editor);
  return cm !== null && parsesEpic(cm);
}
