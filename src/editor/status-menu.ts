/**
 * Changing a status from its badge: a menu of the statuses, and the one transaction that rewrites
 * exactly the status text (undo restores it; the selection and folds are mapped, not reset).
 */
import { MapMode, StateEffect, StateField, type EditorState, type TransactionSpec } from '@codemirror/state';
import type { EditorView } from '@codemirror/view';
import { Menu, type MenuPositionDef } from 'obsidian';
import { STATUSES, statusEmoji, statusLabel, statusReplacement, type Status } from '../model';
import { epicField, epicMarksBetween, setStatusMark } from './epic-field';
import type { StatusMarkSpec } from './marks';

/** User event of a status rewrite (not `input.type`, so history never merges it with typing). */
export const STATUS_USER_EVENT = 'spectryn.status';

/** The status value at `pos` (inclusive ends), with its current range, or null. */
export function statusAt(state: EditorState, pos: number): { from: number; to: number; spec: StatusMarkSpec } | null {
  const field = state.field(epicField, false);
  const found: { from: number; to: number; spec: StatusMarkSpec }[] = [];
  if (field) {
    epicMarksBetween(field, pos, pos, (from, to, mark) => {
      if (mark.spec.kind === 'status') found.push({ from, to, spec: mark.spec });
    });
  }
  return found[0] ?? null;
}

/**
 * The transaction that sets the status value at `pos` to `status`: one replacement of its text by
 * `<emoji> <Label>` (only `<Label>` when the text had no emoji). Null when no status is at `pos`
 * or the text already says exactly that.
 */
export function statusChange(state: EditorState, pos: number, status: Status): TransactionSpec | null {
  const at = statusAt(state, pos);
  if (!at) return null;
  const current = state.sliceDoc(at.from, at.to);
  const insert = statusReplacement(current, status);
  if (insert === current) return null;
  return {
    changes: { from: at.from, to: at.to, insert },
    effects: setStatusMark.of({ from: at.from, to: at.from + insert.length, status, raw: insert }),
    userEvent: STATUS_USER_EVENT,
  };
}

const setMenuAnchor = StateEffect.define<number>();

/**
 * Where the value of the last opened status menu starts, mapped through every change since it
 * opened (typing elsewhere, a sync write-back, another editor of the same note); null when no menu
 * was opened or the value's first character was deleted. O(1) per transaction.
 */
export const statusMenuAnchor = StateField.define<number | null>({
  create: () => null,
  update(value, tr) {
    let next = value === null || !tr.docChanged ? value : tr.changes.mapPos(value, 1, MapMode.TrackAfter);
    for (const effect of tr.effects) if (effect.is(setMenuAnchor)) next = effect.value;
    return next;
  },
});

/**
 * Opens the status menu for the status value at `pos`, at the mouse (a click) or at a position
 * (the keyboard: under the badge). Returns false when there is no status value at `pos`.
 */
export function openStatusMenu(view: EditorView, pos: number, at: MouseEvent | MenuPositionDef): boolean {
  const found = statusAt(view.state, pos);
  if (!found) return false;
  view.dispatch({ effects: setMenuAnchor.of(found.from) });
  const menu = new Menu();
  for (const status of STATUSES) {
    menu.addItem((item) => item
      .setTitle(`${statusEmoji(status)} ${statusLabel(status)}`)
      .setChecked(found.spec.known && found.spec.status === status)
      .onClick(() => {
        // The note may have changed while the menu was open: write where the value is now.
        const anchor = view.state.field(statusMenuAnchor, false);
        const now = anchor === undefined ? found.from : anchor;
        if (now === null) return;
        const spec = statusChange(view.state, now, status);
        if (spec) view.dispatch(spec);
        // Typing goes on where it was: the picked status is one edit of the note, not a page action.
        view.focus();
      }));
  }
  if ('button' in at) menu.showAtMouseEvent(at);
  else menu.showAtPosition(at, view.dom.ownerDocument);
  return true;
}
