/**
 * `NoteWriter`s for the two hosts. Both read the note's current text at write time and apply the
 * edits computed from exactly that text, so nothing typed meanwhile is lost.
 */
import type { NoteWriter } from './run';
import { applyTextEdits, type TextEdit } from './writeback';

/**
 * Plugin: over `Vault.process` (atomic read-modify-write of a file), e.g.
 * `processNoteWriter((fn) => app.vault.process(file, fn))`. When the note is open in an editor,
 * `editorNoteWriter` keeps the cursor and undo history instead.
 */
export function processNoteWriter(process: (update: (text: string) => string) => Promise<string>, target?: string): NoteWriter {
  return {
    target,
    apply: async (compute: (currentText: string) => readonly TextEdit[]) => {
      await process((text) => applyTextEdits(text, compute(text)));
    },
  };
}

/**
 * Plugin, note open in an editor: one CodeMirror transaction per batch (`dispatch` receives the
 * edits as `changes`; positions are in the coordinates of `currentText()`).
 */
export function editorNoteWriter(args: { currentText: () => string; dispatch: (changes: readonly TextEdit[]) => void; target?: string }): NoteWriter {
  return {
    target: args.target,
    apply: (compute: (currentText: string) => readonly TextEdit[]) => {
      const edits = compute(args.currentText());
      if (edits.length > 0) args.dispatch(edits);
      return Promise.resolve();
    },
  };
}

/** Tries of a `fileNoteWriter` write before it gives up on a note that keeps changing: 10. */
export const FILE_WRITE_ATTEMPTS = 10;

/**
 * CLI: read the file, apply, write it back. `read`/`write` are injected file functions; `write`
 * resolves false when the file changed since `read` (nothing written): the edits are then computed
 * again on the text read anew, up to `attempts` times (default {@link FILE_WRITE_ATTEMPTS}). `target`
 * names the file in messages.
 */
export function fileNoteWriter(args: { read: () => Promise<string>; write: (text: string) => Promise<boolean | void>; target?: string; attempts?: number }): NoteWriter {
  const attempts = args.attempts ?? FILE_WRITE_ATTEMPTS;
  return {
    target: args.target,
    apply: async (compute: (currentText: string) => readonly TextEdit[]) => {
      for (let attempt = 0; attempt < attempts; attempt++) {
        const text = await args.read();
        const edits = compute(text);
        if (edits.length === 0) return;
        if (await args.write(applyTextEdits(text, edits)) !== false) return;
      }
      throw new Error(`the note kept changing while the keys were being written (${attempts} tries)`);
    },
  };
}
