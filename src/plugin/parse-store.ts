/**
 * The plugin's one parse store: the model of each note, shared by the editor extension, the
 * reading-view post processor, the active note (progress pane, status bar, commands), the sync
 * controller and the write-back. Whoever asks first parses; everyone else gets that result.
 * - `parse(path, text)` is memoised on the exact text of the note at `path`; a new text is parsed
 *   incrementally from the note's previous result (`parseEpic`'s `previous`: only the changed
 *   sections are parsed again).
 * - `progress(result)` is memoised per result.
 * - Listeners hear of every new result, so the pane follows a parse the editor made.
 * Free of Obsidian and CodeMirror: notes are named by their vault path.
 */
import { parseEpic, progress, type ParseResult, type Progress, type TextChange } from '../model';

/** Called with every new result (not with a memoised one): the note's path and its parse. */
export type ParseListener = (path: string, result: ParseResult) => void;

/** Constructor options of {@link ParseStore}. */
export interface ParseStoreOptions {
  /** The parser; default `parseEpic`. */
  readonly parse?: (text: string, previous?: ParseResult, change?: TextChange) => ParseResult;
  /** The progress measure; default `progress(result.epic)`. */
  readonly measure?: (result: ParseResult) => Progress;
  /** How many notes' latest results are kept, the least recently used dropped first; default 8. */
  readonly kept?: number;
}

/** The parse store; see the file comment. One per plugin; `clear()` on unload. */
export class ParseStore {
  private readonly parser: (text: string, previous?: ParseResult, change?: TextChange) => ParseResult;
  private readonly measure: (result: ParseResult) => Progress;
  private readonly kept: number;
  /** The latest result of each note, least recently used first. */
  private readonly results = new Map<string, ParseResult>();
  private readonly progresses = new WeakMap<ParseResult, Progress>();
  private readonly listeners = new Set<ParseListener>();

  constructor(options: ParseStoreOptions = {}) {
    this.parser = options.parse ?? parseEpic;
    this.measure = options.measure ?? ((result) => progress(result.epic));
    this.kept = Math.max(1, options.kept ?? 8);
  }

  /**
   * The parse of `text` as the note at `path`: the note's latest result when it is of exactly this
   * text, else a new parse reusing `previous` when given (an editor's last parse of this note, e.g.
   * of its beginning while it opened in slices), else the latest result (then listeners are told).
   * `change`: where `text` differs from `previous.text` (`parseEpic`'s; used only with `previous`).
   */
  parse(path: string, text: string, previous?: ParseResult, change?: TextChange): ParseResult {
    const latest = this.results.get(path);
    if (latest?.text === text) {
      this.keep(path, latest);
      return latest;
    }
    const result = previous === undefined ? this.parser(text, latest) : this.parser(text, previous, change);
    this.keep(path, result);
    for (const listener of [...this.listeners]) listener(path, result);
    return result;
  }

  /** The note's latest result, or null when it has none (never parsed, or dropped). Parses nothing. */
  latest(path: string): ParseResult | null {
    return this.results.get(path) ?? null;
  }

  /** True when the note's latest result holds a story (it is an epic). Parses nothing. */
  hasStories(path: string): boolean {
    return (this.results.get(path)?.epic.stories.length ?? 0) > 0;
  }

  /** The progress of `result`, measured once per result. */
  progress(result: ParseResult): Progress {
    let measured = this.progresses.get(result);
    if (!measured) {
      measured = this.measure(result);
      this.progresses.set(result, measured);
    }
    return measured;
  }

  /** A note was renamed: its latest result is kept under the new path. */
  renamed(oldPath: string, newPath: string): void {
    const latest = this.results.get(oldPath);
    if (!latest) return;
    this.results.delete(oldPath);
    this.keep(newPath, latest);
  }

  /** Calls `listener` with every new result; returns the function that unsubscribes it. */
  subscribe(listener: ParseListener): () => void {
    this.listeners.add(listener);
    return () => { this.listeners.delete(listener); };
  }

  /** Drops every result and listener. */
  clear(): void {
    this.results.clear();
    this.listeners.clear();
  }

  private keep(path: string, result: ParseResult): void {
    this.results.delete(path);
    this.results.set(path, result);
    for (const oldest of this.results.keys()) {
      if (this.results.size <= this.kept) break;
      this.results.delete(oldest);
    }
  }
}
