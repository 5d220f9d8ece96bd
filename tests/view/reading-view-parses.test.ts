/**
 * Reading view cost: sections of one note share one parse and one progress count (indexed once
 * per parse, not recomputed per section), and the plugin's parse store serves them. The real
 * parser and progress, counted.
 */
import { epicReadingViewProcessor } from '../../src/view/reading-view';
import { parseEpic } from '../../src/model';
import { ParseStore } from '../../src/plugin/parse-store';
import { progress } from '../../src/model/progress';
import { DEMO_NOTE } from '../editor/helpers';

jest.mock('../../src/model/progress', () => {
  const actual = jest.requireActual<typeof import('../../src/model/progress')>('../../src/model/progress');
  return { ...actual, progress: jest.fn(actual.progress) };
});
jest.mock('../../src/model/parse', () => {
  const actual = jest.requireActual<typeof import('../../src/model/parse')>('../../src/model/parse');
  return { ...actual, parseEpic: jest.fn(actual.parseEpic) };
});

const progressCalls = progress as jest.MockedFunction<typeof progress>;
const parseCalls = parseEpic as jest.MockedFunction<typeof parseEpic>;

const lines = DEMO_NOTE.split('\n');
const lineOf = (needle: string): number => lines.findIndex((l) => l.includes(needle));

/** Every heading of the demo note as its own rendered section, as reading view renders them. */
function headingSections(): { el: HTMLElement; line: number }[] {
  return lines.flatMap((text, line) => {
    const level = /^(#{1,6}) /.exec(text)?.[1]?.length;
    if (!level) return [];
    const el = activeDocument.body.createDiv();
    el.createEl(`h${level}` as 'h1', { text: text.slice(level + 1) });
    return [{ el, line }];
  });
}

const ctx = (line: number, text = DEMO_NOTE): { sourcePath: string; getSectionInfo: () => { text: string; lineStart: number; lineEnd: number } } =>
  ({ sourcePath: 'Epics/Demo.md', getSectionInfo: () => ({ text, lineStart: line, lineEnd: line }) });

beforeEach(() => {
  progressCalls.mockClear();
  parseCalls.mockClear();
});

test('the sections of one note cost one parse and one progress count, whatever their number', () => {
  const process = epicReadingViewProcessor();
  const sections = headingSections();
  expect(sections.length).toBeGreaterThan(6);
  for (const { el, line } of sections) process(el, ctx(line));
  expect(parseCalls).toHaveBeenCalledTimes(1);
  expect(progressCalls).toHaveBeenCalledTimes(1);
  // Every heading still got its own totals.
  const shown = sections.map(({ el }) => el.querySelector('.spectryn-totals-text')?.textContent ?? null);
  expect(shown.filter((t) => t !== null)).toHaveLength(8);
  expect(shown[sections.findIndex((s) => s.line === lineOf('US-002'))]).toBe('3 pts');
});

test('a status row badges only the value on its own line', () => {
  const process = epicReadingViewProcessor();
  const line = lineOf('**Story Points**: 3');
  const el = activeDocument.body.createDiv();
  el.createEl('p', { text: '**Story Points**: 3  **Status**: 📂 Open' });
  process(el, ctx(line));
  expect(Array.from(el.querySelectorAll('.spectryn-status-badge')).map((b) => b.getAttribute('data-status'))).toEqual(['open']);
});

test('the plugin\'s parse store serves the sections: a text parsed elsewhere is not parsed again, progress is measured once', () => {
  const store = new ParseStore();
  // The editor of the note parsed it first.
  const shared = store.parse('Epics/Demo.md', DEMO_NOTE);
  const process = epicReadingViewProcessor({ parse: (path, text) => store.parse(path, text), progress: (result) => store.progress(result) });
  parseCalls.mockClear();
  for (const { el, line } of headingSections()) process(el, ctx(line));
  expect(parseCalls).not.toHaveBeenCalled();
  expect(progressCalls).toHaveBeenCalledTimes(1);
  expect(store.progress(shared)).toBe(store.progress(shared));
  expect(progressCalls).toHaveBeenCalledTimes(1);
  const edited = DEMO_NOTE.replace('Done story', 'Finished story');
  const el = activeDocument.body.createDiv();
  el.createEl('h3', { text: '🔧 US-001: Finished story' });
  process(el, ctx(lineOf('US-001'), edited));
  // One parse of the new text, from the note's previous result.
  expect(parseCalls).toHaveBeenCalledTimes(1);
  expect(parseCalls.mock.calls[0]?.[1]).toBe(shared);
  expect(store.latest('Epics/Demo.md')?.text).toBe(edited);
  expect(el.querySelector('.spectryn-totals-text')?.textContent).toBe('4 pts · 2/4 subtasks');
});
