/**
 * What the views show of the active note: an immutable snapshot of its model (made by the
 * plugin's `ActiveEpic`), and the source the pane and the status bar read and follow.
 */
import type { ParseResult, Progress } from '../model';

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

/** Where the views read the active note's snapshot and hear of its changes (`ActiveEpic`). */
export interface EpicSource<F extends NoteRef = NoteRef> {
  /** The current snapshot. */
  current(): ActiveEpicSnapshot<F>;
  /** Calls `listener` after every change; returns the function that unsubscribes it. */
  subscribe(listener: (snapshot: ActiveEpicSnapshot<F>) => void): () => void;
}
