/**
 * Changing a status from its badge: a menu of the statuses, and the one transaction that rewrites
 * exactly the status text (undo restores it; the selection and folds are mapped, not reset).
 */
import type { EditorState, TransactionSpec } from '@codemirror/state';
import type { EditorView } from '@codemirror/view';
import { Menu } from 'obsidian';
import { STATUSES, statusLabel, type Status } from '../model';
import { epicField, epicMarksBetween, setStatusMark } from './epic-field';
import type { StatusMarkSpec } from './marks';
import { canonicalStatusEmoji, statusReplacement } from './status-text';

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

/** Opens the status menu for the status value at `pos`, at the mouse. Returns false when there is none. */
export function openStatusMenu(view: EditorView, pos: number, event: MouseEvent): boolean {
  const at = statusAt(view.state, pos);
  if (!at) return false;
  const menu = new Menu();
  for (const status of STATUSES) {
    menu.addItem((item) => item
      .setTitle(`${canonicalStatusEmoji(status)} ${statusLabel(status)}`)
      .setChecked(at.spec.known && at.spec.status === status)
      .onClick(() => {
        // Look the value up again: the document may have changed while the menu was open.
        const spec = statusChange(view.state, at.from, status);
        if (spec) view.dispatch(spec);
      }));
  }
  menu.showAtMouseEvent(event);
  return true;
}
