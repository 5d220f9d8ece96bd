/**
 * The active note's model, shared by the progress pane, the status bar and the commands: parsed
 * once per change. The editor extension hands over its own parse (`acceptParsed`); when it does not
 * (no CodeMirror editor, decorations off), this service parses itself, with `previous`, debounced.
 * A note without a story header is never parsed here: one look at its text publishes a "not an
 * epic" snapshot (`parseNow` still parses it on request, for Validate).
 * Free of Obsidian: the caller passes the note's path and text, and the timer functions.
 */
import { textHasStoryHeader } from '../model';
import { parseEpic, progress, type ParseResult } from '../model';
import type { Progress } from '../model/types';

/** What the service needs to know about a note: its vault path and display name. `TFile` fits. */
export interface NoteRef {
  readonly path: string;
  readonly basename: string;
}

/** The active note and what it means. Snapshots are immutable; a change makes a new one. */
export interface ActiveEpicSnapshot<F extends NoteRef = NoteRef> {
  /** The active markdown note, or null when none is open. */
  readonly file: F | null;
  /** The parse of the note; null when none is open, and for a note without a story header (not parsed). */
  readonly result: ParseResult | null;
  /** Progress of the parsed epic; null whenever `result` is. */
  readonly progress: Progress | null;
  /** True when the note has at least one story (it is an epic). */
  readonly isEpic: boolean;
}

/** The window timer functions (`window.setTimeout` / `window.clearTimeout` in the plugin). */
export interface Timers {
  setTimeout(callback: () => void, ms: number): number;
  clearTimeout(id: number): void;
}

/** Constructor options of {@link ActiveEpic}. */
export interface ActiveEpicOptions {
  readonly timers: Timers;
  /** Debounce of self-parsing after a text change, in ms; default 150. */
  readonly debounceMs?: number;
  /** The parser; default `parseEpic`. */
  readonly parse?: (text: string, previous?: ParseResult) => ParseResult;
  /** The progress measure; default `progress`. */
  readonly measure?: (result: ParseResult) => Progress;
}

/** Called with the new snapshot after every change. */
export type ActiveEpicListener<F extends NoteRef> = (snapshot: ActiveEpicSnapshot<F>) => void;

/** How many notes' parses (from editors and reading views) are kept for when their note becomes active. */
const EDITOR_RESULTS_KEPT = 8;

const EMPTY: ActiveEpicSnapshot<never> = Object.freeze({ file: null, result: null, progress: null, isEpic: false });

/** The shared model of the active note. Call `dispose()` on unload: it clears the pending timer. */
export class ActiveEpic<F extends NoteRef = NoteRef> {
  private readonly timers: Timers;
  private readonly debounceMs: number;
  private readonly parse: (text: string, previous?: ParseResult) => ParseResult;
  private readonly measure: (result: ParseResult) => Progress;
  private readonly listeners = new Set<ActiveEpicListener<F>>();
  private snapshot: ActiveEpicSnapshot<F> = EMPTY;
  private pending: { readonly id: number; readonly run: () => void } | null = null;
  /** Paths whose editor has handed over a parse: their own parse gets a longer grace period. */
  private readonly editorFed = new Set<string>();
  /** The latest parse of recently shown notes (editors, reading views), oldest first. */
  private readonly editorResults = new Map<string, ParseResult>();
  /** The text of the active note while its snapshot is "not an epic" (kept unparsed), else null. */
  private unparsedText: string | null = null;

  constructor(options: ActiveEpicOptions) {
    this.timers = options.timers;
    this.debounceMs = options.debounceMs ?? 150;
    this.parse = options.parse ?? parseEpic;
    this.measure = options.measure ?? ((result) => progress(result.epic));
  }

  /** The current snapshot. */
  current(): ActiveEpicSnapshot<F> {
    return this.snapshot;
  }

  /** Calls `listener` after every change; returns the function that unsubscribes it. */
  subscribe(listener: ActiveEpicListener<F>): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /**
   * A note became active (or none: `file` null). Parses now, unless the editor already parsed this
   * very text or the text has no story header; a parse reuses the previous one of the same note.
   */
  open(file: F | null, text: string | null): void {
    this.cancelPending();
    if (!file || text === null) {
      this.unparsedText = null;
      if (this.snapshot !== EMPTY) this.publish(EMPTY);
      return;
    }
    const same = this.snapshot.file?.path === file.path;
    const current = same ? this.snapshot.result ?? undefined : undefined;
    if ((current && current.text === text) || (same && !current && this.unparsedText === text)) {
      if (this.snapshot.file !== file) this.publish({ ...this.snapshot, file });
      return;
    }
    const fromEditor = this.editorResults.get(file.path);
    if (fromEditor && fromEditor.text === text) {
      this.publish(this.build(file, fromEditor));
      return;
    }
    this.update(file, text, current ?? fromEditor);
  }

  /**
   * The note's text changed. Parses after the debounce, unless the editor hands over its parse
   * first; `readText` is called only when the service parses itself.
   */
  changed(file: F, readText: () => string): void {
    if (this.snapshot.file?.path !== file.path) return;
    this.cancelPending();
    // The editor parses after its own debounce; give it twice ours before parsing again here.
    const delay = this.editorFed.has(file.path) ? this.debounceMs * 2 : this.debounceMs;
    const run = (): void => {
      this.pending = null;
      if (this.snapshot.file?.path !== file.path) return;
      const text = readText();
      const previous = this.snapshot.result ?? undefined;
      if (previous ? previous.text === text : this.unparsedText === text) return;
      this.update(file, text, previous);
    };
    this.pending = { id: this.timers.setTimeout(run, delay), run };
  }

  /** Runs a pending parse of the active note now (before an action that must see the latest text). */
  flush(): void {
    const pending = this.pending;
    if (!pending) return;
    this.timers.clearTimeout(pending.id);
    pending.run();
  }

  /**
   * The snapshot with a parse, parsing the active note now when it was kept unparsed (no story
   * header): for Validate, which reports on any note. Runs a pending parse first.
   */
  parseNow(): ActiveEpicSnapshot<F> {
    this.flush();
    const { file, result } = this.snapshot;
    if (file && !result && this.unparsedText !== null) {
      const text = this.unparsedText;
      this.unparsedText = null;
      this.publish(this.build(file, this.parse(text)));
    }
    return this.snapshot;
  }

  /**
   * The editor extension parsed `file`: reuse that parse instead of parsing again. A parse of a note
   * that is not active yet (its editor opens first) is kept for when it becomes active.
   */
  acceptParsed(file: F, result: ParseResult): void {
    this.keep(file.path, result);
    if (this.snapshot.file?.path !== file.path) return;
    this.editorFed.add(file.path);
    this.cancelPending();
    if (this.snapshot.result === result) return;
    this.unparsedText = null;
    this.publish(this.build(file, result));
  }

  /**
   * Another part of the plugin (the reading view) parsed the note at `path`: keep it for when the
   * note becomes active, so it is not parsed again. Changes nothing now.
   */
  offerParsed(path: string, result: ParseResult): void {
    this.keep(path, result);
  }

  /** The parse of the note at `path` if one is known for exactly `text` (the snapshot's or a kept one), else null. */
  parsedFor(path: string, text: string): ParseResult | null {
    const { file, result } = this.snapshot;
    if (file?.path === path && result?.text === text) return result;
    const kept = this.editorResults.get(path);
    return kept?.text === text ? kept : null;
  }

  /** A note was renamed: keep its model, under the new file. */
  renamed(file: F, oldPath: string): void {
    if (this.snapshot.file?.path !== oldPath) return;
    this.editorFed.delete(oldPath);
    this.editorResults.delete(oldPath);
    this.publish({ ...this.snapshot, file });
  }

  /** Clears the pending parse, the kept editor parses and the listeners. */
  dispose(): void {
    this.cancelPending();
    this.listeners.clear();
    this.editorResults.clear();
  }

  /** Publishes `text` of `file`: parsed when it may hold a story, else a "not an epic" snapshot. */
  private update(file: F, text: string, previous: ParseResult | undefined): void {
    if (textHasStoryHeader(text)) {
      this.unparsedText = null;
      this.publish(this.build(file, this.parse(text, previous)));
      return;
    }
    const unchanged = this.snapshot.file === file && !this.snapshot.result;
    this.unparsedText = text;
    // Typing in a plain note changes nothing anyone shows: publish only what is new.
    if (!unchanged) this.publish(Object.freeze({ file, result: null, progress: null, isEpic: false }));
  }

  private keep(path: string, result: ParseResult): void {
    this.editorResults.delete(path);
    this.editorResults.set(path, result);
    for (const kept of this.editorResults.keys()) {
      if (this.editorResults.size <= EDITOR_RESULTS_KEPT) break;
      this.editorResults.delete(kept);
    }
  }

  private build(file: F, result: ParseResult): ActiveEpicSnapshot<F> {
    return Object.freeze({ file, result, progress: this.measure(result), isEpic: result.epic.stories.length > 0 });
  }

  private publish(next: ActiveEpicSnapshot<F>): void {
    this.snapshot = next;
    for (const listener of [...this.listeners]) listener(next);
  }

  private cancelPending(): void {
    if (this.pending !== null) {
      this.timers.clearTimeout(this.pending.id);
      this.pending = null;
    }
  }
}
