/**
 * The editor extension's options and the facet that carries them to the state field and the view
 * plugin (CodeMirror lint anatomy: one config facet with defaults).
 */
import type { BrowseUrl } from '../model/issue-key';
import { Facet, type EditorState } from '@codemirror/state';
import { parseEpic, type ParseResult, type TextChange } from '../model';

/** Which editor modes show badges, totals and issue chips. Diagnostics show in both. */
export interface DecorationSettings {
  /** Live preview: status text is replaced by a badge where the cursor is not. Default true. */
  readonly livePreview: boolean;
  /** Source mode: status text is styled as a badge (text unchanged), totals shown. Default true. */
  readonly sourceMode: boolean;
}

/** Both modes decorated: the default when the host gives no settings. */
export const DEFAULT_DECORATION_SETTINGS: DecorationSettings = Object.freeze({ livePreview: true, sourceMode: true });

/** Default pause after the last edit before the note is re-parsed, in milliseconds. */
export const DEFAULT_DEBOUNCE_MS = 150;

/** Options of `epicEditorExtension`. */
export interface EpicEditorOptions {
  /** Read on every decoration rebuild, so a settings change applies at the next refresh. */
  readonly display: () => DecorationSettings;
  /**
   * The editor's parser (the first parse when the editor opens, then one after each pause in
   * typing): `text` is the whole note, `previous` the editor's last parse, `state` the editor's
   * state (a host reads the note's path from it). The plugin passes its parse store, so the
   * editor's parse is the one everything else reads. `partial` is true when `text` is only the
   * beginning of the note: a note longer than `EAGER_PARSE_LIMIT` is parsed in slices as it opens,
   * and a host should not publish those (the plugin's store hears of the whole note's parse only).
   * `change` is where `text` differs from `previous.text`, from the editor's own change set (pass
   * it on to `parseEpic`: it spares comparing the two texts); absent without `previous`.
   * Exceptions are caught and reported to the editor's exception sink; the editor keeps working.
   * Default `parseEpic(text, previous, change)`.
   */
  readonly parse?: EpicParser;
  /**
   * The tracker's page of an issue key (`SITE/browse/KEY`, a GitHub issue page for `#12`), used to
   * link a key when the written-back line has no URL. Absent, or a null page: the key is shown
   * without a link.
   */
  readonly browseUrl?: () => BrowseUrl;
  /** Pause after the last edit before re-parsing, in milliseconds. Default `DEFAULT_DEBOUNCE_MS` (150). */
  readonly debounceMs?: number;
}

/** Parses the note of an editor; see `EpicEditorOptions.parse`. */
export type EpicParser = (text: string, previous: ParseResult | undefined, state: EditorState, partial: boolean, change?: TextChange) => ParseResult;

/** The options with defaults filled in, as the facet hands them out. */
export interface ResolvedEpicEditorOptions {
  readonly display: () => DecorationSettings;
  readonly parse: EpicParser;
  readonly browseUrl: () => BrowseUrl;
  readonly debounceMs: number;
}

const ownParse: EpicParser = (text, previous, _state, _partial, change) => parseEpic(text, previous, change);
const noTracker = (): BrowseUrl => () => null;
const defaultDisplay = (): DecorationSettings => DEFAULT_DECORATION_SETTINGS;

/** The configuration facet; the first provided options win (one extension per editor). */
export const epicEditorConfig = Facet.define<EpicEditorOptions, ResolvedEpicEditorOptions>({
  combine(values) {
    const first = values[0];
    return {
      display: first?.display ?? defaultDisplay,
      parse: first?.parse ?? ownParse,
      browseUrl: first?.browseUrl ?? noTracker,
      debounceMs: Math.max(0, first?.debounceMs ?? DEFAULT_DEBOUNCE_MS),
    };
  },
});

/**
 * The clock of the re-parse debounce, in milliseconds (default `Date.now`). Tests and hosts with
 * their own time source provide another.
 */
export const epicEditorClock = Facet.define<() => number, () => number>({
  combine: (values) => values[0] ?? ((): number => Date.now()),
});
