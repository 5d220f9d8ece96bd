/**
 * The note file as the command line's sync reads and rewrites it. Every replace checks that the
 * file still holds the bytes last read (a SHA-256 of them) right before it happens: when an editor
 * saved meanwhile, nothing is written and the caller reads again and recomputes its edits
 * (`fileNoteWriter`). A UTF-8 byte order mark is kept; a note that is not valid UTF-8 is never
 * rewritten (decoding it would replace its bad bytes with U+FFFD). Line endings, a missing final
 * newline and every other byte outside the edits stay as they are (docs/cli.md "Written back").
 */
import type { ReadFile, WriteFile } from './io';

const BOM = '\uFEFF';

/** A note's bytes decoded: the text (without byte order mark), and what writing it back needs. */
export interface DecodedNote {
  /** The text, U+FFFD in place of invalid bytes, without the byte order mark. */
  readonly text: string;
  /** The file starts with a UTF-8 byte order mark. */
  readonly bom: boolean;
  /** Offset of the first byte that is not valid UTF-8, or null when the whole file is valid. */
  readonly invalidAt: number | null;
}

/** Decodes a note's bytes (see {@link DecodedNote}). */
export function decodeNote(bytes: Uint8Array): DecodedNote {
  const text = new TextDecoder('utf-8', { ignoreBOM: true }).decode(bytes);
  const bom = text.startsWith(BOM);
  let invalidAt: number | null = null;
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    invalidAt = firstInvalidByte(bytes);
  }
  return { text: bom ? text.slice(1) : text, bom, invalidAt };
}

/** Thrown inside a replace when the file changed since it was read; the replace then reports it. */
class NoteChangedMeanwhile extends Error {}

/** The note at one path, read and replaced with the checks above. */
export interface NoteText {
  /** Reads the note now (the text without byte order mark) and remembers its bytes' hash. */
  read(): Promise<string>;
  /**
   * Replaces the note with `text` (the byte order mark put back) when the file still holds what
   * `read` last returned: true. False when it changed meanwhile (nothing written: read again).
   * Rejects when the note is not valid UTF-8, or when the write fails (the note stays as it was).
   */
  replace(text: string): Promise<boolean>;
}

/** The note at `path` over the given file functions (`path` also names the note in messages). */
export function noteText(path: string, files: { readFile: ReadFile; writeFile: WriteFile }, shownPath: string = path): NoteText {
  let last: { hash: string; note: DecodedNote } | null = null;
  return {
    read: async () => {
      const bytes = await files.readFile(path);
      last = { hash: await hashOf(bytes), note: decodeNote(bytes) };
      return last.note.text;
    },
    replace: async (text) => {
      const read = last;
      if (read === null) throw new Error(`${shownPath} was not read before writing`);
      if (read.note.invalidAt !== null) {
        throw new Error(`${shownPath} is not valid UTF-8 (byte ${read.note.invalidAt + 1}); it is left as it is rather than rewritten. Save it as UTF-8 to have keys written into it`);
      }
      try {
        await files.writeFile(path, read.note.bom ? `${BOM}${text}` : text, {
          beforeReplace: async () => {
            if (await hashOf(await files.readFile(path)) !== read.hash) throw new NoteChangedMeanwhile();
          },
        });
      } catch (error) {
        if (error instanceof NoteChangedMeanwhile) return false;
        throw error;
      }
      return true;
    },
  };
}

/** SHA-256 of the bytes, hex (Web Crypto, global in Node). */
async function hashOf(bytes: Uint8Array): Promise<string> {
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', new Uint8Array(bytes)));
  return [...digest].map((byte) => byte.toString(16).padStart(2, '0')).join('');
}

/** Offset of the first byte of the first invalid UTF-8 sequence (the file is known to hold one). */
function firstInvalidByte(bytes: Uint8Array): number {
  const at = (index: number): number => bytes[index] ?? -1;
  const continuation = (index: number): boolean => (at(index) & 0xc0) === 0x80 && index < bytes.length;
  for (let index = 0; index < bytes.length;) {
    const lead = at(index);
    // Second byte bounds per lead byte rule out overlong forms, surrogates and code points over U+10FFFF.
    let length = 0;
    let low = 0x80;
    let high = 0xbf;
    if (lead < 0x80) length = 1;
    else if (lead >= 0xc2 && lead <= 0xdf) length = 2;
    else if (lead >= 0xe0 && lead <= 0xef) {
      length = 3;
      if (lead === 0xe0) low = 0xa0;
      if (lead === 0xed) high = 0x9f;
    } else if (lead >= 0xf0 && lead <= 0xf4) {
      length = 4;
      if (lead === 0xf0) low = 0x90;
      if (lead === 0xf4) high = 0x8f;
    }
    if (length === 0) return index;
    if (length > 1 && (at(index + 1) < low || at(index + 1) > high)) return index;
    for (let next = index + 2; next < index + length; next++) if (!continuation(next)) return index;
    index += length;
  }
  return bytes.length;
}
