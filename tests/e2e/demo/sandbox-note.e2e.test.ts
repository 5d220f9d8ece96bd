/**
 * The note the sandbox opens: `epic: INFRA-100` is put into the frontmatter when the note names no
 * epic, so the model reads that key; a note that names one is left alone. Pure (no browser); in
 * the e2e project because it belongs to the sandbox.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { withSandboxEpic } from '../../../demo/sandbox-note';
import { parseEpic } from '../../../src/model';

const EXAMPLE = readFileSync(join(process.cwd(), 'examples', 'postgres-to-crdb.md'), 'utf8');

/** Lines of note text that do not open a frontmatter. */
const body = fc.array(fc.string({ maxLength: 30 }).filter((line) => !line.includes('\n') && !line.includes('\r')), { maxLength: 12 })
  .map((lines) => lines.join('\n'))
  .filter((text) => !text.startsWith('---'));

test('the example gets the sandbox epic and keeps its stories', () => {
  const note = withSandboxEpic(EXAMPLE);
  expect(note.startsWith('---\nepic: INFRA-100\n---\n')).toBe(true);
  expect(note.endsWith(EXAMPLE)).toBe(true);
  const { epic } = parseEpic(note);
  expect(epic.key).toBe('INFRA-100');
  expect(epic.stories.map((story) => story.id)).toEqual(parseEpic(EXAMPLE).epic.stories.map((story) => story.id));
});

test('a note that names its epic is left alone', () => {
  for (const text of ['---\nepic: PROJ-7\n---\n# T\n', '---\ntitle: x\njira-epic: A-1\n---\n', '---\r\nepic-key: B-2\r\n---\r\nbody']) {
    expect(withSandboxEpic(text)).toBe(text);
  }
});

test('a frontmatter without an epic gets the key added, not a second frontmatter', () => {
  expect(withSandboxEpic('---\ntitle: x\n---\n# T\n')).toBe('---\nepic: INFRA-100\ntitle: x\n---\n# T\n');
  expect(withSandboxEpic('---\n---\n# T\n')).toBe('---\nepic: INFRA-100\n---\n# T\n');
});

test('property: any note body gets an epic the model reads, once', () => {
  fc.assert(fc.property(body, (text) => {
    const note = withSandboxEpic(text);
    expect(withSandboxEpic(note)).toBe(note);
    expect(note.endsWith(text)).toBe(true);
    expect(parseEpic(note).epic.key).toBe('INFRA-100');
  }), { numRuns: 200 });
});

test('property: frontmatter fields are kept and the epic is added to them', () => {
  const field = fc.tuple(fc.stringMatching(/^[a-d]{1,6}$/), fc.stringMatching(/^[a-z0-9 ]{0,10}$/)).map(([key, value]) => `${key}: ${value.trim() === '' ? 'x' : value.trim()}`);
  fc.assert(fc.property(fc.uniqueArray(field, { maxLength: 4, selector: (line) => line.split(':')[0] }), body, (fields, text) => {
    const original = `---\n${fields.map((line) => `${line}\n`).join('')}---\n${text}`;
    const note = withSandboxEpic(original);
    expect(note).toBe(original.replace('---\n', '---\nepic: INFRA-100\n'));
    expect(parseEpic(note).epic.key).toBe('INFRA-100');
  }), { numRuns: 200 });
});
