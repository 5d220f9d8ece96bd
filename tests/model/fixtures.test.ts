/**
 * Golden fixtures: every `tests/fixtures/*.md` and `tests/fixtures/corpus/*.md` (notes in the
 * styles spectryn's users write: issue 12) parses to its `*.json` (epic, diagnostics, progress).
 * `UPDATE=1 npx jest tests/model` rewrites the JSON; review the diff by hand.
 */
import { readFileSync, readdirSync, writeFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { parseEpic } from '../../src/model';
import { serialise } from './serialise';

const dir = join(__dirname, '..', 'fixtures');
const mdIn = (folder: string): string[] => readdirSync(join(dir, folder)).filter((name) => name.endsWith('.md')).sort().map((name) => join(folder, name));
const notes = [...mdIn('.'), ...mdIn('corpus')];

test('there are at least 17 fixtures (both examples and 15 of our own) and a corpus of 40 users\' notes', () => {
  expect(notes.length).toBeGreaterThanOrEqual(17 + 40);
  expect(mdIn('corpus').length).toBeGreaterThanOrEqual(40);
});

describe.each(notes)('%s', (name) => {
  const text = readFileSync(join(dir, name), 'utf8');
  const jsonPath = join(dir, name.replace(/\.md$/, '.json'));

  test('parses to its golden JSON', () => {
    const actual = serialise(parseEpic(text));
    if (process.env.UPDATE === '1' || !existsSync(jsonPath)) {
      writeFileSync(jsonPath, `${JSON.stringify(actual, null, 2)}\n`);
    }
    expect(actual).toEqual(JSON.parse(readFileSync(jsonPath, 'utf8')));
  });

  test('every range lies within the note and its line numbers match its offsets', () => {
    const result = parseEpic(text);
    const lineAt = (offset: number): number => text.slice(0, offset).split(/\r\n?|\n/).length;
    const visit = (value: unknown, path: string): void => {
      if (value === null || typeof value !== 'object') return;
      if (Array.isArray(value)) {
        value.forEach((item, i) => visit(item, `${path}[${i}]`));
        return;
      }
      const record = value as Record<string, unknown>;
      if (typeof record.from === 'number' && typeof record.to === 'number' && typeof record.line === 'number') {
        const { from, to, line } = record as { from: number; to: number; line: number };
        expect({ path, ok: from >= 0 && from <= to && to <= text.length }).toEqual({ path, ok: true });
        expect({ path, line }).toEqual({ path, line: lineAt(from) });
        if (typeof record.endLine === 'number') expect({ path, endLine: record.endLine }).toEqual({ path, endLine: lineAt(Math.max(from, to - 1)) });
      }
      for (const [key, child] of Object.entries(record)) if (key !== 'nodes') visit(child, `${path}.${key}`);
    };
    visit(result.epic, 'epic');
    visit(result.diagnostics, 'diagnostics');
  });
});
