/**
 * What the tests read from and do to the sandbox page beyond the DOM: the note's text, placing
 * the selection (the way a user would with the mouse, without pixel hunting), and edits made in
 * one transaction when a test needs a note state rather than the typing itself.
 * `window.spectrynSandbox.app` is the stand-in `App` the plugin runs in.
 */
import type { Page } from 'playwright-core';

interface SandboxWindow {
  spectrynSandbox: {
    app: {
      workspace: {
        getMostRecentMarkdownView(): { editor: { getValue(): string; setValue(text: string): void; cm: { dispatch(spec: unknown): void; focus(): void } } } | null;
      };
    };
  };
}

/** The note's current text in the editor. */
export function noteText(page: Page): Promise<string> {
  return page.evaluate(() => (window as unknown as SandboxWindow).spectrynSandbox.app.workspace.getMostRecentMarkdownView()?.editor.getValue() ?? '');
}

/**
 * Selects the first occurrence of `text` after the first occurrence of `after` in the note,
 * scrolls it into view and focuses the editor, then waits until the page shows that selection
 * (the line drawn, the browser's selection on it) and two frames more, so keys typed next (at
 * a typist's pace) replace it. Resolves to false when not found or not shown within 10 s.
 */
export function selectInNote(page: Page, after: string, text: string): Promise<boolean> {
  return page.evaluate(async ([anchor, target]) => {
    const view = (window as unknown as SandboxWindow).spectrynSandbox.app.workspace.getMostRecentMarkdownView();
    if (!view) return false;
    const doc = view.editor.getValue();
    const start = doc.indexOf(anchor);
    const at = start < 0 ? -1 : doc.indexOf(target, start);
    if (at < 0) return false;
    view.editor.cm.focus();
    view.editor.cm.dispatch({ selection: { anchor: at, head: at + target.length }, scrollIntoView: true });
    // CodeMirror draws a far line and scrolls to it in a later frame; a key typed before that
    // lands where the browser's selection still is (seen as a lost edit on a busy machine).
    const deadline = Date.now() + 10_000;
    while (Date.now() < deadline) {
      const shown = document.getSelection();
      const inEditor = shown?.anchorNode != null && document.querySelector('.cm-content')?.contains(shown.anchorNode) === true;
      if (inEditor && shown?.toString() === target) {
        // Two more frames: a key typed in the frame the caret arrived could still land beside it.
        for (let frame = 0; frame < 2; frame += 1) await new Promise((resolve) => requestAnimationFrame(resolve));
        return true;
      }
      await new Promise((resolve) => requestAnimationFrame(resolve));
    }
    return false;
  }, [after, text] as const);
}

/**
 * Replaces the first occurrence of `text` after the first occurrence of `after` with
 * `replacement`, as one user edit (`input.type`, so the plugin sees a typed change). Resolves to
 * false when not found.
 */
export function replaceInNote(page: Page, after: string, text: string, replacement: string): Promise<boolean> {
  return page.evaluate(([anchor, target, insert]) => {
    const view = (window as unknown as SandboxWindow).spectrynSandbox.app.workspace.getMostRecentMarkdownView();
    if (!view) return false;
    const doc = view.editor.getValue();
    const start = doc.indexOf(anchor);
    const at = start < 0 ? -1 : doc.indexOf(target, start);
    if (at < 0) return false;
    view.editor.cm.dispatch({ changes: { from: at, to: at + target.length, insert }, selection: { anchor: at + insert.length }, userEvent: 'input.type' });
    return true;
  }, [after, text, replacement] as const);
}

/** Puts `text` back as the whole note (undoing a test's edits for the tests after it). */
export function setNoteText(page: Page, text: string): Promise<void> {
  return page.evaluate((value) => { (window as unknown as SandboxWindow).spectrynSandbox.app.workspace.getMostRecentMarkdownView()?.editor.setValue(value); }, text);
}

/** The teammate form of the tracker panel changes `field` of the issue `key` to `value`. */
export async function teammateChanges(page: Page, key: string, field: 'status' | 'storyPoints' | 'summary', value: string): Promise<void> {
  const form = page.locator('.sandbox-teammate');
  await form.locator(`select[name="issue"] option[value="${key}"]`).waitFor({ state: 'attached' });
  await form.locator('select[name="issue"]').selectOption(key);
  await form.locator('select[name="field"]').selectOption(field);
  await form.locator('input[name="value"]').fill(value);
  await form.locator('input[name="value"]').press('Enter');
  await form.locator('.sandbox-teammate-result[data-outcome="done"]', { hasText: key }).waitFor();
}
