/**
 * Test notes and a real `EditorView` with the epic extension, for the editor tests.
 */
import type { BrowseUrl } from '../../src/model/issue-key';
import { EditorState, type Extension } from '@codemirror/state';
import { EditorView } from '@codemirror/view';
import { editorLivePreviewField } from 'obsidian';
import { parseEpic, type ParseResult, type TextChange } from '../../src/model';
import { epicEditorExtension, type DecorationSettings } from '../../src/editor';

export { DEMO_NOTE, PLAIN_NOTE } from './notes';

// jsdom has no layout: CodeMirror's measuring (after an undo scrolls the change into view) needs
// text ranges to report rectangles. Empty ones will do; no test here asserts geometry.
const rangeProto = Range.prototype as Partial<Pick<Range, 'getClientRects' | 'getBoundingClientRect'>>;
if (!rangeProto.getClientRects) {
  Object.defineProperty(Range.prototype, 'getClientRects', { configurable: true, value: () => [] });
  Object.defineProperty(Range.prototype, 'getBoundingClientRect', { configurable: true, value: () => new DOMRect() });
}

/** Options of `mountEditor`. */
export interface MountOptions {
  readonly text: string;
  /** Live preview (default), source mode, or null: no mode field (the test adds its own). */
  readonly livePreview?: boolean | null;
  /** Fixed settings, or a getter read at every rebuild. */
  readonly display?: DecorationSettings | (() => DecorationSettings);
  readonly cursor?: number;
  readonly debounceMs?: number;
  /** Every parse the editor makes; `partial` for a slice of a long note opening, `change` the span it was told. */
  readonly onParsed?: (result: ParseResult, partial: boolean, change: TextChange | undefined) => void;
  readonly browseUrl?: BrowseUrl | null;
  readonly extra?: Extension;
}

/** A real EditorView in the jsdom document; destroy it with `view.destroy()`. */
export function mountEditor(options: MountOptions): EditorView {
  const parent = activeDocument.body.createDiv();
  const given = options.display ?? { livePreview: true, sourceMode: true };
  const display = typeof given === 'function' ? given : (): DecorationSettings => given;
  return new EditorView({
    parent,
    state: EditorState.create({
      doc: options.text,
      selection: { anchor: options.cursor ?? 0 },
      extensions: [
        options.livePreview === null ? [] : editorLivePreviewField.init(() => options.livePreview ?? true),
        epicEditorExtension({
          display,
          debounceMs: options.debounceMs,
          // The parser, watched: every parse the editor makes is reported to `onParsed`.
          parse: (text, previous, _state, partial, change) => {
            const result = parseEpic(text, previous, change);
            options.onParsed?.(result, partial, change);
            return result;
          },
          browseUrl: () => options.browseUrl ?? (() => null),
        }),
        options.extra ?? [],
      ],
    }),
  });
}

/** The offset of the first occurrence of `needle` in `text` (throws when absent). */
export function offsetOf(text: string, needle: string, from = 0): number {
  const at = text.indexOf(needle, from);
  if (at === -1) throw new Error(`not in text: ${needle}`);
  return at;
}
