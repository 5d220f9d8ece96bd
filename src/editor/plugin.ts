/**
 * The view plugin: the only part with side effects. It owns the re-parse timer (debounced after
 * typing, cleared on destroy), builds decorations over the visible ranges, and opens the status
 * menu when a badge is clicked. Parses go through the configured parser (the host's store).
 */
import type { EditorState, Text } from '@codemirror/state';
import { EditorView, logException, ViewPlugin, type DecorationSet, type PluginValue, type ViewUpdate } from '@codemirror/view';
import { editorLivePreviewField } from 'obsidian';
import type { ParseResult } from '../model';
import { buildEpicDecorations } from './decorations';
import { changedSince, currentText, epicField, epicMarksBetween, refreshEpicDecorations, setEpicParse, setStatusMark } from './epic-field';
import type { EpicMark } from './marks';
import { epicEditorClock, epicEditorConfig } from './options';
import { openStatusMenu } from './status-menu';
import { isBadgeActivationKey } from './widgets';

/**
 * Characters of the first slice of a long note opening (two to four stories): its parse runs
 * before any speed was seen, so it aims low; the slices after adapt.
 */
const FIRST_SLICE_CHARS = 2_000;
/** Bounds of a slice, in characters. */
const MIN_SLICE_CHARS = 1_000;
const MAX_SLICE_CHARS = 40_000;
/** What one slice's parse aims to take, in ms: well inside a 50 ms task with the rest of the update. */
const SLICE_MS = 12;
/** Lines a slice looks ahead for a heading to end at. */
const SLICE_LOOKAHEAD_LINES = 400;
/** A heading of level 1 to 3: a story or phase starts there, so a slice ending before it ends a story. */
const SLICE_BOUNDARY = /^ {0,3}#{1,3}[ \t]/;

/**
 * Where a slice reaching `pos` ends: at the start of the first line from `pos` on that opens a
 * heading of level 1 to 3 (within SLICE_LOOKAHEAD_LINES lines, else at that line), or the end of
 * the note. Any end gives a correct parse; a heading boundary spares re-parsing a cut story.
 */
export function sliceEnd(doc: Text, pos: number): number {
  if (pos >= doc.length) return doc.length;
  let line = doc.lineAt(pos);
  for (let n = 0; n < SLICE_LOOKAHEAD_LINES; n += 1) {
    if (line.number >= doc.lines) return doc.length;
    line = doc.line(line.number + 1);
    if (SLICE_BOUNDARY.test(line.text)) return line.from;
  }
  return line.from;
}

/** True in live preview; true as well when the host has no mode field (a plain CodeMirror editor). */
export function isLivePreview(state: EditorState): boolean {
  return state.field(editorLivePreviewField, false) ?? true;
}

/** The status and issue marks a selection touches: the places shown as source instead of a widget. */
function revealedMarks(state: EditorState): Set<EpicMark> {
  const field = state.field(epicField);
  const out = new Set<EpicMark>();
  for (const range of state.selection.ranges) {
    epicMarksBetween(field, range.from, range.to, (_from, _to, mark) => {
      if (mark.spec.kind === 'status' || mark.spec.kind === 'issue') out.add(mark);
    });
  }
  return out;
}

function revealedMarksChanged(update: ViewUpdate): boolean {
  const before = revealedMarks(update.startState);
  const after = revealedMarks(update.state);
  return before.size !== after.size || [...after].some((mark) => !before.has(mark));
}

/** Holds the decorations of one editor and schedules its re-parses. */
export class EpicViewPlugin implements PluginValue {
  decorations: DecorationSet;
  private parseTimer: number | null = null;
  /** Clock time of the last edit, and the pause to wait after it (ms), for the debounce. */
  private lastEditAt = 0;
  private delayMs = 0;
  /** The visible ranges the decorations were built for. */
  private ranges: readonly { from: number; to: number }[] = [];
  /** The next slice of a long note being parsed as it opens, or null when none is due. */
  private sliceTimer: number | null = null;
  /** Characters the next slice aims to add (adapted to the parse speed seen so far). */
  private sliceChars = FIRST_SLICE_CHARS;
  /**
   * The whole note as one string while it opens in slices, until the first edit: each slice
   * parses a `slice(0, end)` of it, which V8 makes without copying, where building each
   * beginning anew would copy (and leave to the collector) the whole parsed part per slice.
   */
  private openText: string | null = null;

  constructor(private readonly view: EditorView) {
    this.decorations = this.build(view);
    const { active, stale } = view.state.field(epicField);
    // A long note is parsed after the editor opens, slice by slice, not while it opens.
    if (active && stale) this.sliceTimer = window.setTimeout(() => this.parseSlice(), 0);
  }

  update(update: ViewUpdate): void {
    const before = update.startState.field(epicField);
    const after = update.state.field(epicField);
    if (update.docChanged) this.openText = null;
    // While a long note opens, its slices pick the edits up; the debounce would parse it all at once.
    if (update.docChanged && after.active && this.sliceTimer === null) this.schedule(update.state.facet(epicEditorConfig).debounceMs);
    // Every parse rebuilds, even when the parser hands back the same result: an edit undone within
    // the pause gives the old text (and the old result object) back, while the decorations held
    // were mapped through the edit and its undo and no longer match it.
    const rebuild = (update.viewportChanged && !this.rangesOnlyMoved(update))
      || before.active !== after.active
      || isLivePreview(update.startState) !== isLivePreview(update.state)
      || update.transactions.some((tr) => tr.effects.some((e) => e.is(setEpicParse) || e.is(refreshEpicDecorations) || e.is(setStatusMark)))
      || ((update.docChanged || update.selectionSet) && (this.editTouchesDecorations(update) || revealedMarksChanged(update)));
    if (rebuild) this.decorations = this.build(update.view);
    // Typing away from every decoration, with the same places revealed: moving them is enough.
    else if (update.docChanged) this.decorations = this.decorations.map(update.changes);
    this.ranges = update.view.visibleRanges;
  }

  /** Parses now when the note changed since the last parse; returns the current parse (null: not an epic). */
  parseNow(): ParseResult | null {
    this.clearParseTimer();
    this.clearSliceTimer();
    const field = this.view.state.field(epicField);
    if (!field.active) return field.result;
    if (!field.stale && field.result) return field.result;
    let result: ParseResult;
    try {
      const { state } = this.view;
      result = state.facet(epicEditorConfig).parse(currentText(field, state.doc), field.result ?? undefined, state, false, changedSince(field, state.doc));
    } catch (error) {
      // The parser promises not to throw; if it ever does, keep the last parse and keep typing.
      logException(this.view.state, error, 'spectryn parse');
      return field.result;
    }
    this.view.dispatch({ effects: setEpicParse.of(result) });
    return result;
  }

  destroy(): void {
    this.clearParseTimer();
    this.clearSliceTimer();
  }

  /**
   * Parses the next slice of a note that opens too long to parse at once: the text up to the next
   * story or phase heading past `sliceChars` more characters, reusing the parse of the slices
   * before (only the new sections are parsed), then yields to the window until the next slice.
   * Edits made meanwhile are in the text each slice reads, so none is lost or mis-decorated; the
   * last slice is the whole note's parse, which the host publishes.
   */
  private parseSlice(): void {
    this.sliceTimer = null;
    const { state } = this.view;
    const field = state.field(epicField);
    if (!field.active || !field.stale) return;
    const parsedTo = field.result ? field.sinceParse.mapPos(field.result.text.length, -1) : 0;
    const end = sliceEnd(state.doc, parsedTo + this.sliceChars);
    const partial = end < state.doc.length;
    const clock = state.facet(epicEditorClock);
    const started = clock();
    let result: ParseResult;
    try {
      // The lines joined natively: one flat string, where `doc.toString()` concatenates them one
      // by one. Taken again after an edit (an edit drops it).
      this.openText ??= state.doc.toJSON().join('\n');
      result = state.facet(epicEditorConfig).parse(this.openText.slice(0, end), field.result ?? undefined, state, partial, changedSince(field, state.doc, end));
    } catch (error) {
      logException(state, error, 'spectryn parse');
      return;
    }
    // Aim each slice's parse at SLICE_MS: the sections of a note vary, the machine's speed too.
    const took = Math.max(1, clock() - started);
    this.sliceChars = Math.min(MAX_SLICE_CHARS, Math.max(MIN_SLICE_CHARS, Math.round(this.sliceChars * Math.min(2, SLICE_MS / took))));
    this.view.dispatch({ effects: setEpicParse.of(result) });
    if (partial || this.view.state.field(epicField).stale) this.sliceTimer = window.setTimeout(() => this.parseSlice(), 0);
  }

  private clearSliceTimer(): void {
    if (this.sliceTimer !== null) window.clearTimeout(this.sliceTimer);
    this.sliceTimer = null;
    this.openText = null;
  }

  // One timer per pause, not one per keystroke: each edit only records its time, and the timer,
  // when it fires early, waits for the rest of the pause.
  private schedule(delayMs: number): void {
    const clock = this.view.state.facet(epicEditorClock);
    this.lastEditAt = clock();
    this.delayMs = delayMs;
    if (this.parseTimer !== null) return;
    const fire = (): void => {
      const wait = this.lastEditAt + this.delayMs - clock();
      this.parseTimer = wait > 0 ? window.setTimeout(fire, wait) : null;
      if (wait <= 0) this.parseNow();
    };
    this.parseTimer = window.setTimeout(fire, delayMs);
  }

  private clearParseTimer(): void {
    if (this.parseTimer !== null) window.clearTimeout(this.parseTimer);
    this.parseTimer = null;
  }

  // Typing changes the viewport's end offset on every keystroke; that alone needs no rebuild.
  private rangesOnlyMoved(update: ViewUpdate): boolean {
    const now = update.view.visibleRanges;
    if (now.length !== this.ranges.length) return false;
    return this.ranges.every((r, i) => update.changes.mapPos(r.from) === now[i]?.from && update.changes.mapPos(r.to) === now[i]?.to);
  }

  private editTouchesDecorations(update: ViewUpdate): boolean {
    let touched = false;
    update.changes.iterChangedRanges((fromA, toA) => {
      if (!touched) this.decorations.between(fromA, toA, () => { touched = true; return false; });
    });
    return touched;
  }

  private build(view: EditorView): DecorationSet {
    this.ranges = view.visibleRanges;
    const config = view.state.facet(epicEditorConfig);
    return buildEpicDecorations(view.state, view.visibleRanges, {
      livePreview: isLivePreview(view.state),
      display: config.display(),
      browseUrl: config.browseUrl(),
    });
  }
}

/** The clickable badge an event happened in, or null. */
function badgeOf(event: Event): Element | null {
  // Not `instanceof Element`: in a popout window the target belongs to another realm.
  const target = event.target as Partial<Element> | null;
  return typeof target?.closest === 'function' ? target.closest('[data-spectryn-badge]') : null;
}

/** The view plugin; its decorations are the editor's badges, totals, chips and underlines. */
export const epicViewPlugin = ViewPlugin.fromClass(EpicViewPlugin, {
  decorations: (plugin) => plugin.decorations,
  eventHandlers: {
    // The badge keeps the cursor where it is: no selection on mousedown. The menu opens on click,
    // like Obsidian's own menus, so the click that follows does not close it again.
    mousedown(event: MouseEvent): boolean {
      if (event.button !== 0 || !badgeOf(event)) return false;
      event.preventDefault();
      return true;
    },
    click(event: MouseEvent, view: EditorView): boolean {
      const badge = event.button === 0 ? badgeOf(event) : null;
      if (!badge || !openStatusMenu(view, view.posAtDOM(badge), event)) return false;
      event.preventDefault();
      return true;
    },
    // A focused badge opens its menu with Enter or Space, shown under the badge.
    keydown(event: KeyboardEvent, view: EditorView): boolean {
      const badge = isBadgeActivationKey(event) ? badgeOf(event) : null;
      if (!badge) return false;
      const box = badge.getBoundingClientRect();
      if (!openStatusMenu(view, view.posAtDOM(badge), { x: box.left, y: box.bottom })) return false;
      event.preventDefault();
      return true;
    },
  },
});

/**
 * Parses the note in `view` now if it changed since the last parse (skipping the typing pause)
 * and returns the current parse; null when the editor has no epic extension or the note has no
 * story. For commands that need the model of exactly what is on screen (sync, export).
 */
export function flushEpicParse(view: EditorView): ParseResult | null {
  return view.plugin(epicViewPlugin)?.parseNow() ?? null;
}

/** True when `view` has the epic extension: it parses its note's changes itself, after a pause in typing. */
export function parsesEpic(view: EditorView): boolean {
  return view.plugin(epicViewPlugin) !== null;
}
