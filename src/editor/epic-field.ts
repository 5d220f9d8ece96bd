/**
 * The state field: the last parse of the note, its marks positioned in the parsed text, and the
 * changes made since. A keystroke only composes its changes onto those (cost: the number of places
 * edited since the parse, never the size of the note); marks are mapped to the current document
 * when read, for the visible ranges only. Pure: new parses arrive as `setEpicParse` effects
 * dispatched by the view plugin. Notes without a story header keep `active: false` and cost a
 * look at the changed lines only.
 */
import { ChangeSet, StateEffect, StateField, type ChangeDesc, type Text, type Transaction } from '@codemirror/state';
import { logException } from '@codemirror/view';
import type { ParseResult, Status, TextChange } from '../model';
import { buildEpicMarks, compactEpicMarks, EpicMark, NO_EPIC_MARKS, rebuildEpicMarks, type EpicMarks } from './marks';
import { epicEditorConfig } from './options';
import { changesAddStoryHeader, docHasStoryHeader } from './story-header';

/** A status shown from a badge menu choice until the next parse confirms it. */
interface StatusOverride {
  readonly from: number;
  readonly to: number;
  readonly mark: EpicMark;
}

/** The editor's view of the epic. Read marks with `epicMarksBetween`. */
export interface EpicEditorState {
  /** The last parse, or null when the note never looked like an epic. */
  readonly result: ParseResult | null;
  /** Marks of `result`, positioned in `result.text`. */
  readonly parsedMarks: EpicMarks;
  /** Changes from `result.text` to the current document. */
  readonly sinceParse: ChangeSet;
  /** Status marks rewritten from a badge since the parse, in current positions. */
  readonly overrides: readonly StatusOverride[];
  /** True when the document changed since `result` was parsed. */
  readonly stale: boolean;
  /** True when the note has (or may have gained) a story header: the plugin parses only then. */
  readonly active: boolean;
  /** True when `result` is of the note's beginning only (a long note opening in slices). */
  readonly partial: boolean;
}

/**
 * Carries a parse into the state: of the document as it is before the transaction's changes, or
 * of its beginning `[0, text.length)` (a long note is parsed in slices as it opens; the rest
 * counts as not parsed yet, and the state stays stale).
 */
export const setEpicParse = StateEffect.define<ParseResult>();

/** A status rewritten from a badge menu: `from`..`to` (after the change) shows `status` at once. */
export const setStatusMark = StateEffect.define<{ readonly from: number; readonly to: number; readonly status: Status; readonly raw: string }>({
  map: (value, changes) => ({ ...value, from: changes.mapPos(value.from, -1), to: changes.mapPos(value.to, 1) }),
});

/** Asks the view plugin to rebuild decorations (after a settings change). Carries nothing. */
export const refreshEpicDecorations = StateEffect.define<null>();

/**
 * The state for `result`, a parse of `doc` or of its beginning. With the previous state's parse
 * and the changes since it, the marks are mapped and rebuilt where the text changed
 * (`rebuildEpicMarks`): a re-parse after typing costs the edited stories, a slice of an opening
 * note the stories it adds. Otherwise they are built from scratch. A result longer than `doc` is
 * not of this document: the state is kept.
 */
function withParse(value: EpicEditorState, result: ParseResult, doc: Text): EpicEditorState {
  const length = result.text.length;
  if (length > doc.length) return value;
  const whole = length === doc.length;
  const parsedDoc = whole ? doc : doc.slice(0, length);
  const before = value.result;
  let marks = NO_EPIC_MARKS;
  if (result.epic.stories.length > 0) {
    marks = before && value.sinceParse.length === before.text.length && value.sinceParse.newLength === doc.length
      ? rebuildEpicMarks(value.parsedMarks, before, result, whole ? value.sinceParse : value.sinceParse.compose(ChangeSet.of({ from: length, to: doc.length }, doc.length)), parsedDoc)
      : buildEpicMarks(result, parsedDoc);
    // Each slice of an opening note added its marks as small chunks of the range sets; once the
    // whole note is parsed they are packed again (one pass over the marks, once per open), so
    // every re-parse after maps and updates a few large chunks instead of hundreds of small ones.
    if (whole && value.partial) marks = compactEpicMarks(marks);
  }
  return {
    result,
    parsedMarks: marks,
    // The rest of the note, not parsed yet, counts as inserted after the parsed text.
    sinceParse: whole ? ChangeSet.empty(length) : ChangeSet.of({ from: length, insert: doc.slice(length) }, length),
    overrides: [],
    stale: !whole,
    active: result.epic.stories.length > 0 || (!whole && value.active),
    partial: !whole,
  };
}

/** Where a mark at `from`..`to` goes through `changes`, the way `RangeSet.map` moves it; null when deleted. */
function mapMark(from: number, to: number, mark: EpicMark, changes: ChangeDesc): [number, number] | null {
  if (mark.point) {
    const pos = changes.mapPos(from, mark.startSide);
    return [pos, pos];
  }
  const mappedFrom = changes.mapPos(from, mark.startSide);
  const mappedTo = changes.mapPos(to, mark.endSide);
  if (mappedFrom > mappedTo || (mappedFrom === mappedTo && !(mark.startSide < 0 && mark.endSide > 0))) return null;
  return [mappedFrom, mappedTo];
}

/**
 * Calls `f` with every mark touching `from`..`to` of the current document, at its current
 * position (parse positions mapped through the edits since). Cost: the marks in the range.
 */
export function epicMarksBetween(value: EpicEditorState, from: number, to: number, f: (from: number, to: number, mark: EpicMark) => void): void {
  if (!value.active) return;
  const changes = value.sinceParse;
  const identity = changes.empty;
  const inverse = identity ? changes : changes.invertedDesc;
  const parsedFrom = identity ? from : inverse.mapPos(from, -1);
  const parsedTo = identity ? to : inverse.mapPos(to, 1);
  const visit = (pf: number, pt: number, mark: EpicMark): void => {
    const mapped = identity ? [pf, pt] : mapMark(pf, pt, mark, changes);
    if (!mapped) return;
    const [mf, mt] = mapped as [number, number];
    if (mt < from || mf > to) return;
    const override = mark.spec.kind === 'status' ? value.overrides.find((o) => o.from <= mt && o.to >= mf) : undefined;
    f(mf, mt, override?.mark ?? mark);
  };
  value.parsedMarks.local.between(parsedFrom, parsedTo, visit);
  value.parsedMarks.groups.between(parsedFrom, parsedTo, visit);
}

/**
 * The document's text up to `end` (default: all of it) as one flat string. Built from the last
 * parse's text and the changes since (a few slices joined: one copy), not with `doc.toString()`,
 * whose result is a rope of every line that the parser's first string comparison must flatten
 * (tens of ms on a megabyte note). Only the inserted text before `end` is read.
 */
export function currentText(value: EpicEditorState, doc: Text, end = doc.length): string {
  const parsed = value.result?.text;
  if (parsed === undefined || value.sinceParse.length !== parsed.length || value.sinceParse.newLength !== doc.length) return doc.sliceString(0, end);
  if (value.sinceParse.empty && end === parsed.length) return parsed;
  const parts: string[] = [];
  let posA = 0;
  let posB = 0;
  value.sinceParse.iterChanges((fromA, toA, fromB, toB, inserted) => {
    if (posB < end) parts.push(parsed.slice(posA, posA + Math.min(fromB, end) - posB));
    if (fromB < end) parts.push(inserted.sliceString(0, Math.min(toB, end) - fromB));
    posA = toA;
    posB = toB;
  });
  if (posB < end) parts.push(parsed.slice(posA, posA + end - posB));
  return parts.join('');
}

/**
 * Where the document up to `end` (default: all of it) differs from the last parse's text: the
 * span of every edit since, and for a beginning of the note (`end` short of the document) the
 * end of the parsed text on. Undefined without a parse, or when the changes are not of its text.
 */
export function changedSince(value: EpicEditorState, doc: Text, end = doc.length): TextChange | undefined {
  const parsed = value.result?.text;
  if (parsed === undefined || value.sinceParse.length !== parsed.length || value.sinceParse.newLength !== doc.length) return undefined;
  let from = end;
  let toA = 0;
  let toB = 0;
  value.sinceParse.iterChangedRanges((fromA, changedToA, _fromB, changedToB) => {
    from = Math.min(from, fromA);
    toA = Math.max(toA, changedToA);
    toB = Math.max(toB, changedToB);
  });
  if (from >= end) return { from: end, toA: parsed.length, toB: end };
  // Cut short: everything after the first change counts as changed.
  if (end < doc.length) return { from, toA: parsed.length, toB: end };
  return { from, toA, toB };
}

/** The number of marks of the last parse (for tests and diagnostics). */
export function epicMarkCount(value: EpicEditorState): number {
  return value.parsedMarks.local.size + value.parsedMarks.groups.size;
}

/** True when the document still holds, at `range`, the text the badge menu wrote there. Costs the length of one status value. */
function overrideStillWritten(mark: EpicMark, range: readonly [number, number], doc: Text): boolean {
  return mark.spec.kind === 'status' && doc.sliceString(range[0], range[1]) === mark.spec.raw;
}

function update(value: EpicEditorState, tr: Transaction): EpicEditorState {
  let next = value;
  // A parse is of the document before this transaction's changes; they are mapped after it.
  for (const effect of tr.effects) {
    if (effect.is(setEpicParse)) next = withParse(next, effect.value, tr.startState.doc);
  }
  if (tr.docChanged) {
    next = {
      ...next,
      sinceParse: next.sinceParse.compose(tr.changes),
      overrides: next.overrides.flatMap((o) => {
        const mapped = mapMark(o.from, o.to, o.mark, tr.changes);
        // An override shows the text the menu wrote; once that text is edited or undone it no
        // longer applies and the parsed mark (mapped like any other) shows again.
        return mapped && overrideStillWritten(o.mark, mapped, tr.newDoc) ? [{ from: mapped[0], to: mapped[1], mark: o.mark }] : [];
      }),
      stale: true,
      active: next.active || changesAddStoryHeader(tr.changes, tr.newDoc),
    };
  }
  for (const effect of tr.effects) {
    if (effect.is(setStatusMark)) {
      const { from, to, status, raw } = effect.value;
      const mark = new EpicMark({ kind: 'status', status, known: true, raw });
      next = { ...next, overrides: [...next.overrides.filter((o) => o.to < from || o.from > to), { from, to, mark }] };
    }
  }
  return next;
}

const INACTIVE: EpicEditorState = Object.freeze({
  result: null, parsedMarks: NO_EPIC_MARKS, sinceParse: ChangeSet.empty(0), overrides: [], stale: false, active: false, partial: false,
});

/**
 * Notes up to this many characters (UTF-16 units; about 25 seed-style stories) are parsed when the
 * editor state is created, so the first paint has its decorations; longer ones are parsed by the
 * view plugin right after, in slices that each leave the window free for input and paint.
 */
export const EAGER_PARSE_LIMIT = 16_000;

/** The state field. Its first value parses the note when a line looks like a story header. */
export const epicField = StateField.define<EpicEditorState>({
  create(state) {
    const inactive = { ...INACTIVE, sinceParse: ChangeSet.empty(state.doc.length) };
    if (!docHasStoryHeader(state.doc)) return inactive;
    // A long note opens at once and is parsed right after (the view plugin sees it stale).
    if (state.doc.length > EAGER_PARSE_LIMIT) return { ...inactive, active: true, stale: true };
    try {
      return withParse(inactive, state.facet(epicEditorConfig).parse(state.doc.toString(), undefined, state, false), state.doc);
    } catch (error) {
      // The parser promises not to throw; if it ever does, the editor must still open the note.
      logException(state, error, 'spectryn parse');
      return inactive;
    }
  },
  update,
});
