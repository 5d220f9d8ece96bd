/**
 * Hovering an underlined diagnostic shows its message, the way CodeMirror's lint does.
 */
import type { EditorState } from '@codemirror/state';
import { hoverTooltip, type Tooltip } from '@codemirror/view';
import { epicField, epicMarksBetween } from './epic-field';
import type { DiagnosticMarkSpec } from './marks';

/** A diagnostic with its current range. */
export interface PlacedDiagnostic {
  readonly from: number;
  readonly to: number;
  readonly spec: DiagnosticMarkSpec;
}

/** The diagnostics whose (first-line) range contains `pos`, in note order. */
export function diagnosticsAt(state: EditorState, pos: number): PlacedDiagnostic[] {
  const field = state.field(epicField, false);
  const found: PlacedDiagnostic[] = [];
  if (!field) return found;
  epicMarksBetween(field, pos, pos, (from, to, mark) => {
    if (mark.spec.kind === 'diagnostic') found.push({ from, to, spec: mark.spec });
  });
  return found;
}

/** The hover tooltip listing the diagnostics under the pointer. */
export function diagnosticTooltip(state: EditorState, pos: number): Tooltip | null {
  const found = diagnosticsAt(state, pos);
  if (found.length === 0) return null;
  return {
    pos: Math.min(...found.map((d) => d.from)),
    end: Math.max(...found.map((d) => d.to)),
    above: true,
    create: () => {
      const dom = createDiv({ cls: 'spectryn-diagnostic-tooltip' });
      for (const d of found) {
        dom.createDiv({ cls: `spectryn-diagnostic-message spectryn-diagnostic-message-${d.spec.severity}`, text: d.spec.message, attr: { 'data-code': d.spec.code } });
      }
      return { dom };
    },
  };
}

/** The extension showing diagnostic tooltips on hover. */
export const diagnosticHover = hoverTooltip((view, pos) => diagnosticTooltip(view.state, pos));
