/**
 * The base theme: only the layout that must travel with the extension. Colours live in
 * styles.css (theme variables), so themes can restyle badges through `data-status`.
 */
import { EditorView } from '@codemirror/view';

/** Layout of badges, totals, issue chips and diagnostic tooltips. */
export const epicBaseTheme = EditorView.baseTheme({
  '.spectryn-status-badge': { whiteSpace: 'nowrap' },
  '.spectryn-status-badge[data-spectryn-badge]': { cursor: 'pointer', display: 'inline-flex', alignItems: 'baseline', gap: '0.25em' },
  '.spectryn-totals': { whiteSpace: 'nowrap', display: 'inline-flex', alignItems: 'baseline', gap: '0.5em' },
  '.spectryn-issue-line': { display: 'inline-flex', alignItems: 'baseline', gap: '0.5em' },
  '.spectryn-diagnostic-tooltip': { padding: '2px 0', maxWidth: '40em' },
});
