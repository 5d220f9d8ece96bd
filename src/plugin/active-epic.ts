/**
 * The active note's model, shared by the progress pane, the status bar and the commands. It comes
 * from the parse store, so a change is parsed once, by whoever asks first: the note's editor parses
 * after a pause in typing and the store hands the result over; a change no editor parses (an editor
 * without the extension) is parsed here, debounced. A note without a story header is never parsed
 * here: one look at its text publishes a "not an epic" snapshot (`parseNow` still parses it on
 * request, for Validate).
 * Free of Obsidian: the caller passes the note's path and text, and the timer functions.
 */
import { textHasStoryHeader } from '../model';
import type { ParseResult } from '../model';
import type { ActiveEpicSnapshot, EpicSource, NoteRef } from '../view/epic-snapshot';
import { ParseStore } from './parse-store';

/** The window timer functions (`window.setTimeout` / `window.clearTimeout` in the plugin). */
export interface Timers {
  setTimeout(callback: () => void, ms: number): number;
  clearTimeout(id: number): void;
}

/** Constructor options of {@link ActiveEpic}. */
export interface ActiveEpicOptions {
  readonly timers: Timers;
  /** Debounce of self-parsing after a text change no editor parses, in ms; default 150. */
  readonly debounceMs?: number;
  /** The parse store the model comes from (the plugin's, shared with the editors); default a store of its own. */
  readonly store?: ParseStore;
}


const EMPTY: ActiveEpicSnapshot<never> = Object.freeze({ file: null, result: null, progress: null, isEpic: false });

/** The shared model of the active note. Call `dispose()` on unload: it clears the pending timer. */
export class ActiveEpic<F extends NoteRef = NoteRef> implements EpicSource<F> {
  private readonly timers: Timers;
  private readonly debounceMs: number;
  private readonly store: ParseStore;
  private readonly listeners = new Set<(snapshot: ActiveEpicSnapshot<F>) => void>();
  private readonly unsubscribe: () => void;
  private snapshot: ActiveEpicSnapshot<F> = EMPTY;
  private pending: { readonly id: number } | null = null;
  /** Reads the active note's text after a change not yet brought into the model, else null. */
  private unread: (() => string) | null = null;
  /** The text of the active note while its snapshot is "not an epic" (kept unparsed), else null. */
  private unparsedText: string | null = null;

  constructor(options: ActiveEpicOptions) {
    this.timers = options.timers;
    this.debounceMs = options.debounceMs ?? 150;
    this.store = options.store ?? new ParseStore();
    // A parse of the active note made elsewhere (its editor, after a pause in typing) is the model.
    this.unsubscribe = this.store.subscribe((path, result) => this.parsedElsewhere(path, result));
  }

  /** The current snapshot. */
  current(): ActiveEpicSnapshot<F> {
    return this.snapshot;
  }

  /** Calls `listener` after every change; returns the function that unsubscribes it. */
  subscribe(listener: (snapshot: ActiveEpicSnapshot<F>) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /**
   * A note became active (or none: `file` null). Its model comes from the store (no parse when an
   * editor or the reading view parsed this very text); a text without a story header is not parsed.
   * `editorParses`: the note's editor parses it as it opens (a long note in slices, without
   * freezing the window) and its parse reaches the model through the store, so the note is not
   * parsed here at once: until then the snapshot names the note without a model, and `flush`
   * parses it now.
   */
  open(file: F | null, text: string | null, editorParses = false): void {
    this.cancelPending();
    this.unread = null;
    if (!file || text === null) {
      this.unparsedText = null;
      if (this.snapshot !== EMPTY) this.publish(EMPTY);
      return;
    }
    const same = this.snapshot.file?.path === file.path;
    const current = same ? this.snapshot.result : null;
    if ((current && current.text === text) || (same && !current && this.unparsedText === text)) {
      if (this.snapshot.file !== file) this.publish({ ...this.snapshot, file });
      return;
    }
    const parsed = this.store.latest(file.path);
    if (editorParses && parsed?.text !== text && textHasStoryHeader(text)) {
      this.unparsedText = null;
      this.publish(Object.freeze({ file, result: null, progress: null, isEpic: false }));
      this.unread = () => text;
      return;
    }
    this.update(file, text);
  }

  /**
   * The note's text changed. `editorParses`: an editor extension parses the change after its own
   * pause, and its result reaches the model through the store, so nothing is scheduled here;
   * otherwise the model parses after the debounce. Either way `flush` catches up at once;
   * `readText` is called only then.
   */
  changed(file: F, readText: () => string, editorParses = false): void {
    if (this.snapshot.file?.path !== file.path) return;
    this.cancelPending();
    this.unread = readText;
    if (editorParses) return;
    this.pending = { id: this.timers.setTimeout(() => { this.pending = null; this.catchUp(); }, this.debounceMs) };
  }

  /** Brings the model up to the note's latest text now (before an action that must see it). */
  flush(): void {
    this.cancelPending();
    this.catchUp();
  }

  /**
   * The snapshot with a parse, parsing the active note now when it was kept unparsed (no story
   * header): for Validate, which reports on any note. Catches up with the latest text first.
   */
  parseNow(): ActiveEpicSnapshot<F> {
    this.flush();
    const { file, result } = this.snapshot;
    if (file && !result && this.unparsedText !== null) {
      const text = this.unparsedText;
      this.unparsedText = null;
      this.publish(this.build(file, this.store.parse(file.path, text)));
    }
    return this.snapshot;
  }

  /** A note was renamed: the store keeps its model under the new path, and so does the snapshot. */
  renamed(file: F, oldPath: string): void {
    this.store.renamed(oldPath, file.path);
    if (this.snapshot.file?.path !== oldPath) return;
    this.publish({ ...this.snapshot, file });
  }

  /** Clears the pending parse and the listeners, and stops listening to the store. */
  dispose(): void {
    this.cancelPending();
    this.unread = null;
    this.unsubscribe();
    this.listeners.clear();
  }

  /** Publishes `text` of `file`: parsed when it may hold a story, else a "not an epic" snapshot. */
  private update(file: F, text: string): void {
    if (textHasStoryHeader(text)) {
      this.unparsedText = null;
      const result = this.store.parse(file.path, text);
      // A new parse of the active note was published by the store's listener already.
      if (this.snapshot.file !== file || this.snapshot.result !== result) this.publish(this.build(file, result));
      return;
    }
    const unchanged = this.snapshot.file === file && !this.snapshot.result;
    this.unparsedText = text;
    // Typing in a plain note changes nothing anyone shows: publish only what is new.
    if (!unchanged) this.publish(Object.freeze({ file, result: null, progress: null, isEpic: false }));
  }

  /** Reads the text of the last change, if any, and brings the model up to it. */
  private catchUp(): void {
    const readText = this.unread;
    const file = this.snapshot.file;
    this.unread = null;
    if (!readText || !file) return;
    const text = readText();
    const { result } = this.snapshot;
    if (result ? result.text === text : this.unparsedText === text) return;
    this.update(file, text);
  }

  private parsedElsewhere(path: string, result: ParseResult): void {
    const { file } = this.snapshot;
    if (file?.path !== path || this.snapshot.result === result) return;
    this.unparsedText = null;
    this.publish(this.build(file, result));
  }

  private build(file: F, result: ParseResult): ActiveEpicSnapshot<F> {
    return Object.freeze({ file, result, progress: this.store.progress(result), isEpic: result.epic.stories.length > 0 });
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
