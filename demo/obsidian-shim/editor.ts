/**
 * The editor side of the stand-in: Obsidian's CodeMirror state fields (`editorLivePreviewField`,
 * `editorInfoField`), an `Editor` over a real CodeMirror `EditorView` (line/ch positions, as
 * Obsidian's), and heading line classes like Obsidian's markdown mode (`HyperMD-header-N`).
 */
import { StateEffect, StateField, type EditorSelection, type Extension } from '@codemirror/state';
import { Decoration, EditorView, ViewPlugin, type DecorationSet, type ViewUpdate } from '@codemirror/view';

/** A position as Obsidian's `Editor` takes it: 0-based line and character. */
export interface EditorPosition {
  line: number;
  ch: number;
}

/** A range of positions. */
export interface EditorRange {
  from: EditorPosition;
  to: EditorPosition;
}

/** One change of an `EditorTransaction`; `to` absent = an insertion at `from`. */
export interface EditorChange {
  text: string;
  from: EditorPosition;
  to?: EditorPosition;
}

/** Obsidian's `EditorTransaction`. */
export interface EditorTransaction {
  replaceSelection?: string;
  changes?: EditorChange[];
  selection?: { from: EditorPosition; to?: EditorPosition };
}

/** Sandbox: switches an editor between live preview (true) and source mode (false). */
export const setLivePreview = StateEffect.define<boolean>();

/** True in live preview, false in source mode (Obsidian's field; the sandbox starts in live preview). */
export const editorLivePreviewField = StateField.define<boolean>({
  create: () => true,
  update: (value, tr) => tr.effects.reduce((current, effect) => (effect.is(setLivePreview) ? effect.value : current), value),
});

/** What an editor shows: Obsidian's `MarkdownFileInfo` (the view). Set with `editorInfoField.init`. */
export const editorInfoField = StateField.define<{ file: unknown; app?: unknown }>({
  create: () => ({ file: null }),
  update: (value) => value,
});

/** Obsidian's `Editor`, over a CodeMirror view (`cm`). */
export class Editor {
  constructor(readonly cm: EditorView) {}

  getValue(): string {
    return this.cm.state.doc.toString();
  }

  setValue(text: string): void {
    this.cm.dispatch({ changes: { from: 0, to: this.cm.state.doc.length, insert: text } });
  }

  getLine(line: number): string {
    return this.cm.state.doc.line(line + 1).text;
  }

  lineCount(): number {
    return this.cm.state.doc.lines;
  }

  lastLine(): number {
    return this.cm.state.doc.lines - 1;
  }

  getRange(from: EditorPosition, to: EditorPosition): string {
    return this.cm.state.sliceDoc(this.posToOffset(from), this.posToOffset(to));
  }

  getSelection(): string {
    const { from, to } = this.cm.state.selection.main;
    return this.cm.state.sliceDoc(from, to);
  }

  somethingSelected(): boolean {
    return !this.cm.state.selection.main.empty;
  }

  getCursor(which: 'from' | 'to' | 'head' | 'anchor' = 'head'): EditorPosition {
    const main = this.cm.state.selection.main;
    const offset = which === 'from' ? main.from : which === 'to' ? main.to : which === 'anchor' ? main.anchor : main.head;
    return this.offsetToPos(offset);
  }

  setCursor(pos: EditorPosition | number, ch?: number): void {
    const position = typeof pos === 'number' ? { line: pos, ch: ch ?? 0 } : pos;
    this.cm.dispatch({ selection: { anchor: this.posToOffset(position) } });
  }

  setSelection(anchor: EditorPosition, head?: EditorPosition): void {
    this.cm.dispatch({ selection: { anchor: this.posToOffset(anchor), head: this.posToOffset(head ?? anchor) } });
  }

  replaceRange(text: string, from: EditorPosition, to?: EditorPosition): void {
    const start = this.posToOffset(from);
    this.cm.dispatch({ changes: { from: start, to: to ? this.posToOffset(to) : start, insert: text } });
  }

  replaceSelection(text: string): void {
    this.cm.dispatch(this.cm.state.replaceSelection(text));
  }

  /**
   * Obsidian's `EditorTransaction`: `changes` in line/ch positions of the current text (applied
   * together), then an optional `selection`. One CodeMirror transaction; `origin` becomes its user event.
   */
  transaction(tx: EditorTransaction, origin?: string): void {
    if (tx.replaceSelection !== undefined) this.cm.dispatch(this.cm.state.replaceSelection(tx.replaceSelection));
    const changes = this.cm.state.changes((tx.changes ?? []).map((change) => ({
      from: this.posToOffset(change.from),
      to: this.posToOffset(change.to ?? change.from),
      insert: change.text,
    })));
    const selection = tx.selection
      ? { anchor: changes.mapPos(this.posToOffset(tx.selection.from)), head: changes.mapPos(this.posToOffset(tx.selection.to ?? tx.selection.from)) }
      : undefined;
    this.cm.dispatch({ changes, selection, userEvent: origin });
  }

  posToOffset(pos: EditorPosition): number {
    const doc = this.cm.state.doc;
    const line = doc.line(Math.min(Math.max(pos.line + 1, 1), doc.lines));
    return Math.min(line.from + Math.max(pos.ch, 0), line.to);
  }

  offsetToPos(offset: number): EditorPosition {
    const line = this.cm.state.doc.lineAt(Math.min(Math.max(offset, 0), this.cm.state.doc.length));
    return { line: line.number - 1, ch: offset - line.from };
  }

  scrollIntoView(range: EditorRange, center = false): void {
    const from = this.posToOffset(range.from);
    this.cm.dispatch({ effects: EditorView.scrollIntoView(from, { y: center ? 'center' : 'nearest' }) });
  }

  focus(): void {
    this.cm.focus();
  }

  blur(): void {
    this.cm.contentDOM.blur();
  }

  hasFocus(): boolean {
    return this.cm.hasFocus;
  }

  refresh(): void {
    this.cm.requestMeasure();
  }

  /** The selection, for hosts that need CodeMirror's own. */
  selection(): EditorSelection {
    return this.cm.state.selection;
  }
}

function headingLines(view: EditorView): DecorationSet {
  const ranges = [];
  for (const { from, to } of view.visibleRanges) {
    for (let pos = from; pos <= to;) {
      const line = view.state.doc.lineAt(pos);
      const level = /^(#{1,6}) /.exec(line.text)?.[1]?.length;
      if (level !== undefined) ranges.push(Decoration.line({ class: `HyperMD-header HyperMD-header-${String(level)}` }).range(line.from));
      pos = line.to + 1;
    }
  }
  return Decoration.set(ranges);
}

/** Heading line classes, as Obsidian's markdown mode gives them (styling only). */
export const markdownHeadings: Extension = ViewPlugin.fromClass(class {
  decorations: DecorationSet;
  constructor(view: EditorView) {
    this.decorations = headingLines(view);
  }
  update(update: ViewUpdate): void {
    if (update.docChanged || update.viewportChanged) this.decorations = headingLines(update.view);
  }
}, { decorations: (plugin) => plugin.decorations });
