/**
 * The base theme: only the layout that must travel with the extension. Colours live in
 * styles.css (theme variables), so themes can restyle badges through `data-status`.
 */
import { EditorView } from '@codemirror/view';

/** The pointer over clickable badges and the width of diagnostic tooltips (the rest is in styles.css). */
export const epicBaseTheme = EditorView.baseTheme({
  '.spectryn-status-badge[data-spectryn-badge]': { cursor: 'pointer' },
  '.spectryn-diagnostic-tooltip': { padding: '2px 0', maxWidth: '40em' },
});
