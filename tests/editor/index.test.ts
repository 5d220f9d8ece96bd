/**
 * Pins the public surface of src/editor: what the plugin (and only it) imports.
 */
import * as editor from '../../src/editor';

test('public exports', () => {
  expect(Object.keys(editor).sort()).toEqual([
    'DEFAULT_DEBOUNCE_MS', 'DEFAULT_DECORATION_SETTINGS', 'epicEditorExtension', 'epicField',
    'flushEpicParse', 'parsesEpic', 'refreshEpicDecorations',
  ]);
  expect(editor.DEFAULT_DEBOUNCE_MS).toBe(150);
  expect(editor.DEFAULT_DECORATION_SETTINGS).toEqual({ livePreview: true, sourceMode: true });
});
