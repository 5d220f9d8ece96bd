/**
 * The browser harness page: a real CodeMirror `EditorView` with the epic extension, driven by the
 * e2e tests and the editor benchmark through `window.spectrynHarness`.
 */
import { EditorState } from '@codemirror/state';
import { Decoration, EditorView, ViewPlugin, type DecorationSet, type ViewUpdate } from '@codemirror/view';
import { editorLivePreviewField } from 'obsidian';
import { epicEditorExtension, epicField, flushEpicParse, type DecorationSettings } from '../../src/editor';
import { epicMarksBetween, setEpicParse } from '../../src/editor/epic-field';
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

/** Timings of opening a note, in milliseconds. */
export interface OpenRun {
  /** The longest main-thread task from the mount until the decorations were complete. */
  readonly longestTask: number;
  /** From the mount until the whole note was parsed and its decorations drawn. */
  readonly ready: number;
  /** Tasks of 50 ms or more that Chromium's long-task observer saw meanwhile. */
  readonly longTasks: number;
}

/** The harness API. */
export interface Harness {
  mount(options: MountOptions): void;
  /**
   * Keeps `text` in the page for the next `open()`: a megabyte handed over with the call itself
   * costs the page's main thread ~100 ms to receive, a task that is no part of opening the note.
   */
  stage(text: string): void;
  /**
   * Mounts `text` (default: the staged one) and measures the open (see `OpenRun`); resolves when
   * its decorations are complete.
   */
  open(text?: string): Promise<OpenRun>;
  /** True while the note is not parsed to its end (a long note opening, or edits since the parse). */
  parsing(): boolean;
  /** Edits that arrived while a long note was still opening (parsed only in part). */
  editsWhileOpening(): number;
  /** Every mark the editor holds, at its current position with its spec, sorted. */
  marks(): string[];
  /** The same for a fresh parse of the current text in a new state. */
  freshMarks(): string[];
  docText(): string;
  setCursor(pos: number): void;
  /**
   * Resolves once the editor has the focus and the browser's caret stands where the editor's
   * cursor is, after two more frames: keys typed before that may land beside the caret (in plain
   * CodeMirror too, on a busy machine: the first key after a cursor move was read before the next).
   * Rejects after 10 s.
   */
  caretSettled(): Promise<void>;
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

/** The marks of an epic state field, as `marks()` lists them. */
function marksOf(state: EditorState): string[] {
  const out: string[] = [];
  epicMarksBetween(state.field(epicField), 0, state.doc.length, (from, to, mark) => { out.push(`${String(from)}-${String(to)} ${JSON.stringify(mark.spec)}`); });
  return out.sort();
}

/**
 * The longest gap between two turns of a message loop: every task that ran in between (a parse
 * slice, a keystroke, a paint) delayed it. Chromium's long-task observer only sees tasks of 50 ms
 * and more; this sees shorter ones too. `stop()` returns the longest gap in ms.
 */
function taskProbe(): { stop(): number } {
  const channel = new MessageChannel();
  let last = performance.now();
  let longest = 0;
  let running = true;
  channel.port1.onmessage = () => {
    const now = performance.now();
    longest = Math.max(longest, now - last);
    last = now;
    if (running) channel.port2.postMessage(null);
  };
  channel.port2.postMessage(null);
  return { stop() { running = false; channel.port1.close(); return Math.max(longest, performance.now() - last); } };
}

function createHarness(parent: HTMLElement): Harness {
  let view: EditorView | null = null;
  let staged = '';
  let parsed = 0;
  let editsWhileOpening = 0;
  /** True once a parse of the whole note arrived (the open is over). */
  let opened = false;
  const watchOpen = EditorView.updateListener.of((update) => {
    for (const tr of update.transactions) {
      if (tr.effects.some((e) => e.is(setEpicParse) && e.value.text.length === tr.startState.doc.length)) opened = true;
      else if (tr.docChanged && !opened && tr.startState.field(epicField, false)?.active === true) editsWhileOpening += 1;
    }
  });
  const current = (): EditorView => {
    if (!view) throw new Error('mount() first');
    return view;
  };
  return {
    mount(options) {
      view?.destroy();
      parsed = 0;
      editsWhileOpening = 0;
      opened = false;
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
            watchOpen,
            options.bare ? [] : epicEditorExtension({ display: () => display, parse: (text, previous, _state, _partial, change) => { parsed++; return parseEpic(text, previous, change); }, browseUrl: () => (key) => `https://tracker.invalid/browse/${encodeURIComponent(key)}` }),
          ],
        }),
      });
      opened = !(view.state.field(epicField, false)?.stale ?? false);
    },
    stage(text) { staged = text; },
    async open(text = staged) {
      const longTasks: number[] = [];
      const observer = new PerformanceObserver((list) => { for (const entry of list.getEntries()) longTasks.push(entry.duration); });
      observer.observe({ type: 'longtask' });
      const probe = taskProbe();
      const start = performance.now();
      this.mount({ text });
      // Complete: the whole note parsed and the frame after it drawn.
      while (current().state.field(epicField).stale) await nextFrame();
      await nextFrame();
      const ready = performance.now() - start;
      const gap = probe.stop();
      observer.disconnect();
      return { longestTask: Math.max(gap, ...longTasks), ready, longTasks: longTasks.length };
    },
    parsing: () => current().state.field(epicField).stale,
    editsWhileOpening: () => editsWhileOpening,
    marks: () => marksOf(current().state),
    freshMarks() {
      const text = current().state.doc.toString();
      const state = EditorState.create({ doc: text, extensions: [epicField] });
      return marksOf(state.update({ effects: setEpicParse.of(parseEpic(text)) }).state);
    },
    docText: () => current().state.doc.toString(),
    // As the keyboard moves it: the cursor's line scrolled into view (a person types where they see the cursor).
    setCursor(pos) { current().dispatch({ selection: { anchor: pos }, scrollIntoView: true }); },
    async caretSettled() {
      const deadline = performance.now() + 10_000;
      for (;;) {
        const v = current();
        const caret = document.getSelection();
        const node = caret?.focusNode ?? null;
        if (v.hasFocus && node !== null && v.contentDOM.contains(node) && v.posAtDOM(node, caret?.focusOffset ?? 0) === v.state.selection.main.head) break;
        if (performance.now() > deadline) throw new Error('the caret did not settle at the cursor');
        await nextFrame();
      }
      await nextFrame();
      await nextFrame();
    },
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
      // Marked as well: a Chromium trace reads the thread CPU time between the marks (the benchmark).
      performance.mark('spectryn-reparse-start');
      const start = performance.now();
      flushEpicParse(v);
      const reparse = performance.now() - start;
      performance.mark('spectryn-reparse-end');
      return { keystrokes, reparse, decorationsInDom: v.dom.querySelectorAll('.spectryn-status-badge, .spectryn-totals').length };
    },
  };
}

const editorEl = activeDocument.getElementById('editor');
if (editorEl) (window as unknown as { spectrynHarness: Harness }).spectrynHarness = createHarness(editorEl);
