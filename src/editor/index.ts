/**
 * Live preview for epic notes: status badges, point totals, issue chips and diagnostics, built
 * like CodeMirror's lint: a config facet, a pure state field, one view plugin, a base theme.
 */
import type { Extension } from '@codemirror/state';
import { diagnosticHover } from './diagnostic-tooltip';
import { epicField } from './epic-field';
import { epicEditorConfig, type EpicEditorOptions } from './options';
import { epicViewPlugin } from './plugin';
import { statusMenuAnchor } from './status-menu';
import { epicBaseTheme } from './theme';

export { DEFAULT_DEBOUNCE_MS, DEFAULT_DECORATION_SETTINGS, type DecorationSettings, type EpicEditorOptions, type EpicParser } from './options';
export { epicField, refreshEpicDecorations, type EpicEditorState } from './epic-field';
export { flushEpicParse, parsesEpic } from './plugin';

/**
 * The editor extension for epic notes. Add it once per editor (Obsidian:
 * `registerEditorExtension`). Notes without a story header get no decorations and no parsing.
 * After a settings change, dispatch `refreshEpicDecorations.of(null)` to every editor.
 */
export function epicEditorExtension(options: EpicEditorOptions): Extension {
  return [epicEditorConfig.of(options), epicField, statusMenuAnchor, epicViewPlugin, diagnosticHover, epicBaseTheme];
}
