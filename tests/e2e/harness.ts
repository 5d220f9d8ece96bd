/**
 * The browser harness page: a real CodeMirror `EditorView` with the epic extension, driven by the
 * e2e tests and the editor benchmark through `window.spectrynHarness`.
 */
import { EditorState } from '@codemirror/state';
import { Decoration, EditorView, ViewPlugin, type DecorationSet, type ViewUpdate } from '@codemirror/view';
import { editorLivePreviewField } from 'obsidian';
import { epicEditorExtension, flushEpicParse, type DecorationSettings } from '../../src/editor';
import { parseEpic } from '../../src/model';

/** What `mount` accepts. */
export interface MountOptions {
  readonly text: string;
  readonly theme?: 'light' | 'dark';
  /** True (default): live preview; false: source mode. */
  readonly livePreview?: boolean;
  readonly display?: DecorationSettings;
  /** True: no epic extension at all (a baseline for the benchmark). */
  readonly bare?: boolean;
  /** Cursor position after mounting; default 0. */
  readonly cursor?: number;
}

/** Timings of one typing run, in milliseconds. */
export interface TypingRun {
  /** Per keystroke: `view.dispatch` of the insertion, through state field, plugin and DOM update. */
  readonly keystrokes: number[];
  /** The re-parse after typing (what the debounce timer runs). */
  readonly reparse: number;
  /** How many decorations the plugin held after the last keystroke (a sanity check). */
  readonly decorationsInDom: number;
}

/** The harness API. */
export interface Harness {
  mount(options: MountOptions): void;
  docText(): string;
  setCursor(pos: number): void;
  parsedCount(): number;
  /** Scrolls the first line containing `marker` to the middle of the window (selection unchanged); resolves after a frame. */
  reveal(marker: string): Promise<void>;
  /**
   * Types `count` characters at the end of the first line containing `marker`, one per frame,
   * after `warmUp` untimed ones (default 10: the first keystrokes after mounting also pay for
   * CodeMirror's first measurements of the scrolled-to lines).
   */
  type(marker: string, count: number, warmUp?: number): Promise<TypingRun>;
}

/** Bigger, bolder heading lines, roughly like Obsidian's (harness only; not part of the plugin). */
const headingLines = ViewPlugin.fromClass(class {
  decorations: DecorationSet;
  constructor(view: EditorView) { this.decorations = this.build(view); }
  update(update: ViewUpdate): void { if (update.docChanged || update.viewportChanged) this.decorations = this.build(update.view); }
  build(view: EditorView): DecorationSet {
    const ranges = [];
    for (const { from, to } of view.visibleRanges) {
      for (let pos = from; pos <= to;) {
        const line = view.state.doc.lineAt(pos);
        const level = /^(#{1,6}) /.exec(line.text)?.[1]?.length;
        if (level) ranges.push(Decoration.line({ class: `harness-h harness-h${String(level)}` }).range(line.from));
        pos = line.to + 1;
      }
    }
    return Decoration.set(ranges);
  }
}, { decorations: (p) => p.decorations });

const nextFrame = (): Promise<void> => new Promise((resolve) => { window.requestAnimationFrame(() => resolve()); });

function createHarness(parent: HTMLElement): Harness {
  let view: EditorView | null = null;
  let parsed = 0;
  const current = (): EditorView => {
    if (!view) throw new Error('mount() first');
    return view;
  };
  return {
    mount(options) {
      view?.destroy();
      parsed = 0;
      activeDocument.body.className = `theme-${options.theme ?? 'light'}`;
      const display = options.display ?? { livePreview: true, sourceMode: true };
      view = new EditorView({
        parent,
        state: EditorState.create({
          doc: options.text,
          selection: { anchor: options.cursor ?? 0 },
          extensions: [
            EditorView.lineWrapping,
            headingLines,
            editorLivePreviewField.init(() => options.livePreview ?? true),
            options.bare ? [] : epicEditorExtension({ display: () => display, parse: (text, previous) => { parsed++; return parseEpic(text, previous); }, trackerBaseUrl: () => 'https://tracker.invalid' }),
          ],
        }),
      });
    },
    docText: () => current().state.doc.toString(),
    setCursor(pos) { current().dispatch({ selection: { anchor: pos } }); },
    parsedCount: () => parsed,
    async reveal(marker) {
      const v = current();
      const at = v.state.doc.toString().indexOf(marker);
      if (at === -1) throw new Error(`marker not found: ${marker}`);
      v.dispatch({ effects: EditorView.scrollIntoView(at, { y: 'center' }) });
      await nextFrame();
      await nextFrame();
    },
    async type(marker, count, warmUp = 10) {
      const v = current();
      // A long note is parsed right after opening: let that happen before typing starts.
      flushEpicParse(v);
      const at = v.state.doc.toString().indexOf(marker);
      if (at === -1) throw new Error(`marker not found: ${marker}`);
      const end = v.state.doc.lineAt(at).to;
      // Start from a collected heap (when the page may: `--js-flags=--expose-gc`), so the garbage of
      // loading the note is not counted against the keystrokes.
      (window as unknown as { gc?: () => void }).gc?.();
      v.focus();
      v.dispatch({ selection: { anchor: end }, effects: EditorView.scrollIntoView(end, { y: 'center' }) });
      await nextFrame();
      await nextFrame();
      const keystrokes: number[] = [];
      const letters = 'the quick brown fox jumps over the lazy dog ';
      for (let i = 0; i < warmUp + count; i++) {
        const head = v.state.selection.main.head;
        const insert = letters[i % letters.length] ?? 'x';
        const start = performance.now();
        v.dispatch({ changes: { from: head, insert }, selection: { anchor: head + 1 }, userEvent: 'input.type' });
        if (i >= warmUp) keystrokes.push(performance.now() - start);
        // Typing happens one key per frame at most: let CodeMirror measure and paint in between.
        await nextFrame();
      }
      const start = performance.now();
      flushEpicParse(v);
      const reparse = performance.now() - start;
      return { keystrokes, reparse, decorationsInDom: v.dom.querySelectorAll('.spectryn-status-badge, .spectryn-totals').length };
    },
  };
}

const editorEl = activeDocument.getElementById('editor');
if (editorEl) (window as unknown as { spectrynHarness: Harness }).spectrynHarness = createHarness(editorEl);
