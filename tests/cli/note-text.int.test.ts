/**
 * The note's bytes as the command line decodes them: a byte order mark is remembered, not part of
 * the text; invalid UTF-8 is found at its first bad byte (checked against Node's own decoder over
 * arbitrary bytes); and the change check refuses to replace a note that changed since it was read.
 */
import { EventEmitter } from 'node:events';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { signalControl } from '../../src/cli/cancellation';
import { readRegularFile, writeFileAtomic } from '../../src/cli/note-file';
import { decodeNote, noteText } from '../../src/cli/note-text';
import { tempDir } from './harness';

const valid = (bytes: Uint8Array): boolean => {
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    return true;
  } catch {
    return false;
  }
};

test('property: invalidAt is null exactly for valid UTF-8, and the bytes before it are valid', () => {
  const bytes = fc.oneof(
    fc.uint8Array({ maxLength: 40 }),
    fc.string({ unit: 'binary', maxLength: 20 }).map((text) => new TextEncoder().encode(text)),
    fc.tuple(fc.string({ unit: 'binary', maxLength: 10 }), fc.uint8Array({ minLength: 1, maxLength: 4 }), fc.string({ maxLength: 10 }))
      .map(([before, bad, after]) => new Uint8Array([...new TextEncoder().encode(before), ...bad, ...new TextEncoder().encode(after)])),
  );
  fc.assert(fc.property(bytes, (input) => {
    const { invalidAt } = decodeNote(input);
    expect(invalidAt === null).toBe(valid(input));
    if (invalidAt !== null) {
      expect(valid(input.subarray(0, invalidAt))).toBe(true);
      expect(valid(input.subarray(0, invalidAt + 4).subarray(0, input.length))).toBe(false);
    }
  }), { numRuns: 2000 });
});

test('a byte order mark is kept out of the text and put back on write', async () => {
  const { dir, cleanup } = tempDir();
  try {
    const path = join(dir, 'note.md');
    writeFileSync(path, Buffer.from('\uFEFF# Epic\r\n', 'utf8'));
    const note = noteText(path, { readFile: readRegularFile, writeFile: writeFileAtomic });
    expect(await note.read()).toBe('# Epic\r\n');
    expect(await note.replace('# Epic!\r\n')).toBe(true);
    expect(readFileSync(path).equals(Buffer.from('\uFEFF# Epic!\r\n', 'utf8'))).toBe(true);
  } finally {
    cleanup();
  }
});

test('replace writes nothing when the note changed since it was read', async () => {
  const { dir, cleanup } = tempDir();
  try {
    const path = join(dir, 'note.md');
    writeFileSync(path, '# Epic\n');
    const note = noteText(path, { readFile: readRegularFile, writeFile: writeFileAtomic });
    await note.read();
    writeFileSync(path, '# Epic, edited\n');
    expect(await note.replace('# Epic with keys\n')).toBe(false);
    expect(readFileSync(path, 'utf8')).toBe('# Epic, edited\n');
    await note.read();
    expect(await note.replace('# Epic, edited, with keys\n')).toBe(true);
  } finally {
    cleanup();
  }
});

describe('signals', () => {
  const setUp = () => {
    const source = new EventEmitter();
    const exits: number[] = [];
    let stderr = '';
    const control = signalControl({ source, stderr: { write: (text: string) => { stderr += text; } }, exit: (code) => { exits.push(code); } });
    return { source, exits, control, stderr: () => stderr };
  };

  test('outside a change, a signal exits 80 at once', () => {
    const { source, exits, stderr } = setUp();
    source.emit('SIGTERM');
    expect(exits).toEqual([80]);
    expect(stderr()).toContain('nothing was changed');
  });

  test('during a change, the first signal cancels, the second exits 80 at once', async () => {
    const { source, exits, control, stderr } = setUp();
    let release = (): void => undefined;
    const work = control.whileChanging(() => new Promise<string>((resolve) => { release = () => resolve('done'); }));
    source.emit('SIGINT');
    expect(control.isCancelled()).toBe(true);
    expect(exits).toEqual([]);
    expect(stderr()).toContain('stopping after the current request');
    source.emit('SIGINT');
    expect(exits).toEqual([80]);
    expect(stderr()).toContain('stopped at once');
    release();
    expect(await work).toBe('done');
  });

  test('dispose removes the listeners', () => {
    const { source, control } = setUp();
    control.dispose();
    expect(source.listenerCount('SIGINT') + source.listenerCount('SIGTERM')).toBe(0);
  });
});
