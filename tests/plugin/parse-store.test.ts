/**
 * The parse store: one parse per note text, incremental from the note's previous result, progress
 * once per result, listeners told of new results only. The real parser and progress, counted.
 */
import fc from 'fast-check';
import { parseEpic, progress, type ParseResult, type Progress } from '../../src/model';
import { ParseStore } from '../../src/plugin/parse-store';
import { seedNote } from '../view/helpers';

interface Counted {
  readonly store: ParseStore;
  /** Every parse: its text and whether a previous result was given (and whose text). */
  readonly parses: { text: string; previous: string | null }[];
  readonly measured: ParseResult[];
  readonly told: string[];
}

function countedStore(kept?: number): Counted {
  const parses: Counted['parses'] = [];
  const measured: ParseResult[] = [];
  const told: string[] = [];
  const store = new ParseStore({
    parse: (text, previous) => { parses.push({ text, previous: previous?.text ?? null }); return parseEpic(text, previous); },
    measure: (result): Progress => { measured.push(result); return progress(result.epic); },
    kept,
  });
  store.subscribe((path, result) => told.push(`${path}:${String(result.text.length)}`));
  return { store, parses, measured, told };
}

/** The parse as JSON (ranges, epic, diagnostics): what a fresh parse must equal. */
const asJson = (result: ParseResult): string => JSON.stringify({ epic: result.epic, diagnostics: result.diagnostics });

const seed = seedNote();

describe('ParseStore', () => {
  it('parses a text once: the same result for the same note and text, whoever asks', () => {
    const { store, parses, told } = countedStore();
    const first = store.parse('Epics/Seed.md', seed);
    expect(store.parse('Epics/Seed.md', seed)).toBe(first);
    expect(store.parse('Epics/Seed.md', `${seed}`)).toBe(first);
    expect(parses).toEqual([{ text: seed, previous: null }]);
    expect(told).toEqual([`Epics/Seed.md:${String(seed.length)}`]);
    expect(store.latest('Epics/Seed.md')).toBe(first);
  });

  it('parses a new text from the note\'s previous result, and equals a fresh parse', () => {
    const { store, parses } = countedStore();
    store.parse('Epics/Seed.md', seed);
    const edited = seed.replace('| **Story Points** | 8 |', '| **Story Points** | 13 |');
    const result = store.parse('Epics/Seed.md', edited);
    expect(parses[1]).toEqual({ text: edited, previous: seed });
    expect(asJson(result)).toBe(asJson(parseEpic(edited)));
    // Another note never starts from this one's result.
    store.parse('Other.md', edited);
    expect(parses[2]).toEqual({ text: edited, previous: null });
  });

  it('measures progress once per result', () => {
    const { store, measured } = countedStore();
    const result = store.parse('Epics/Seed.md', seed);
    const first = store.progress(result);
    expect(store.progress(result)).toBe(first);
    expect(first.totals.points).toBe(37);
    expect(measured).toEqual([result]);
  });

  it('keeps the latest result of the most recently used notes only', () => {
    const { store, parses } = countedStore(2);
    const note = (i: number): string => `# N${String(i)}\n### US-00${String(i)}: Story\n`;
    store.parse('N1.md', note(1));
    store.parse('N2.md', note(2));
    // Using N1 again makes N2 the least recently used.
    store.parse('N1.md', note(1));
    store.parse('N3.md', note(3));
    expect(store.latest('N2.md')).toBeNull();
    expect(store.latest('N1.md')?.text).toBe(note(1));
    store.parse('N1.md', note(1));
    expect(parses.map((p) => p.text)).toEqual([note(1), note(2), note(3)]);
  });

  it('follows renames, says which notes hold a story, and forgets everything on clear', () => {
    const { store, parses, told } = countedStore();
    store.parse('Epics/Seed.md', seed);
    store.parse('Plain.md', '# Shopping\n- milk\n');
    store.renamed('Epics/Seed.md', 'Epics/Renamed.md');
    expect(store.latest('Epics/Seed.md')).toBeNull();
    store.parse('Epics/Renamed.md', seed);
    expect(parses).toHaveLength(2);
    expect(store.hasStories('Epics/Renamed.md')).toBe(true);
    expect(store.hasStories('Plain.md')).toBe(false);
    expect(store.hasStories('Never.md')).toBe(false);
    store.clear();
    expect(store.latest('Epics/Renamed.md')).toBeNull();
    store.parse('Epics/Renamed.md', seed);
    expect(told).toHaveLength(2);
  });

  it('any sequence of edits to a note gives what a fresh parse of each text gives', () => {
    const pieces = ['### US-001: One\n', '**Story Points**: 3\n', '| **Status** | ✅ Done |\n', '## Phase 2\n', 'text\n', '#### US-002: Two\n', ''];
    fc.assert(fc.property(fc.array(fc.array(fc.constantFrom(...pieces), { maxLength: 8 }), { minLength: 1, maxLength: 5 }), (versions) => {
      const store = new ParseStore();
      for (const version of versions) {
        const text = `# Epic\n\n${version.join('')}`;
        expect(asJson(store.parse('Note.md', text))).toBe(asJson(parseEpic(text)));
      }
    }), { numRuns: 60 });
  });
});
