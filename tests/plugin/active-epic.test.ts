import type { TFile } from 'obsidian';
import { parseEpic, progress, type ParseResult } from '../../src/model';
import { ActiveEpic } from '../../src/plugin/active-epic';
import type { ActiveEpicSnapshot } from '../../src/view/epic-snapshot';
import { ParseStore } from '../../src/plugin/parse-store';
import { ManualTimers, fileAt, seedNote } from '../view/helpers';

function setUp(): { activeEpic: ActiveEpic<TFile>; store: ParseStore; timers: ManualTimers; parses: string[]; seen: ActiveEpicSnapshot<TFile>[] } {
  const timers = new ManualTimers();
  const parses: string[] = [];
  // The real parser behind the store, counted: the point of the service is how often it runs.
  const parse = (text: string, previous?: ParseResult): ParseResult => { parses.push(text); return parseEpic(text, previous); };
  const store = new ParseStore({ parse });
  const activeEpic = new ActiveEpic<TFile>({ timers, store });
  const seen: ActiveEpicSnapshot<TFile>[] = [];
  activeEpic.subscribe((s) => seen.push(s));
  return { activeEpic, store, timers, parses, seen };
}

describe('ActiveEpic', () => {
  const file = fileAt('Epics/Seed.md');
  const seed = seedNote();

  it('parses a note when it becomes active and shares progress with every listener', () => {
    const { activeEpic, parses, seen } = setUp();
    activeEpic.open(file, seed);
    expect(parses).toHaveLength(1);
    const snapshot = activeEpic.current();
    expect(snapshot.isEpic).toBe(true);
    expect(snapshot.progress?.totals.points).toBe(37);
    expect(seen).toEqual([snapshot]);
    expect(Object.isFrozen(snapshot)).toBe(true);
  });

  it('a note its editor parses as it opens is not parsed here: the editor\'s parse reaches the model through the store', () => {
    const { activeEpic, store, parses, seen } = setUp();
    activeEpic.open(file, seed, true);
    expect(parses).toHaveLength(0);
    expect(activeEpic.current()).toMatchObject({ file, result: null, isEpic: false });
    // The editor's last slice: the whole note, through the store.
    const result = store.parse(file.path, seed);
    expect(activeEpic.current().result).toBe(result);
    expect(activeEpic.current().progress?.totals.points).toBe(37);
    expect(seen.at(-1)?.isEpic).toBe(true);
    expect(parses).toHaveLength(1);
  });

  it('a note its editor parses is parsed at once when an action needs its model (flush)', () => {
    const { activeEpic, parses } = setUp();
    activeEpic.open(file, seed, true);
    activeEpic.flush();
    expect(parses).toHaveLength(1);
    expect(activeEpic.current().isEpic).toBe(true);
  });

  it('does not parse again when the same note and text are opened again', () => {
    const { activeEpic, parses, seen } = setUp();
    activeEpic.open(file, seed);
    activeEpic.open(file, seed);
    expect(parses).toHaveLength(1);
    expect(seen).toHaveLength(1);
  });

  it('debounces typing: several changes, one parse, with the latest text', () => {
    const { activeEpic, timers, parses } = setUp();
    activeEpic.open(file, seed);
    let text = seed;
    for (const edit of ['a', 'b', 'c']) {
      text = `${text}${edit}`;
      const current = text;
      activeEpic.changed(file, () => current);
    }
    expect(timers.pending.size).toBe(1);
    expect([...timers.pending.values()][0]?.ms).toBe(150);
    timers.flush();
    expect(parses).toEqual([seed, `${seed}abc`]);
    expect(activeEpic.current().result?.text).toBe(`${seed}abc`);
  });

  it('takes the editor\'s parse through the store instead of parsing itself (parse once per change)', () => {
    const { activeEpic, store, timers, parses } = setUp();
    activeEpic.open(file, seed);
    const edited = seed.replace('| **Status** | 🔄 In Progress |', '| **Status** | ✅ Done |');
    // An editor with the extension parses the change itself: no timer of the model's own.
    activeEpic.changed(file, () => edited, true);
    expect(timers.pending.size).toBe(0);
    const editorParse = store.parse(file.path, edited);
    expect(activeEpic.current().result).toBe(editorParse);
    expect(activeEpic.current().progress).toEqual(progress(editorParse.epic));
    // An action's flush reads the text and finds it parsed already.
    activeEpic.flush();
    expect(parses).toEqual([seed, edited]);
    expect(activeEpic.current().result).toBe(editorParse);
  });

  it('catches up on flush with text typed since the editor\'s last parse', () => {
    const { activeEpic, parses } = setUp();
    activeEpic.open(file, seed);
    activeEpic.changed(file, () => `${seed}x`, true);
    activeEpic.flush();
    expect(parses).toEqual([seed, `${seed}x`]);
    expect(activeEpic.current().result?.text).toBe(`${seed}x`);
  });

  it('ignores changes and editor parses of other notes', () => {
    const { activeEpic, store, timers, parses, seen } = setUp();
    activeEpic.open(file, seed);
    const other = fileAt('Other.md');
    activeEpic.changed(other, () => 'text');
    store.parse(other.path, '# Other\n### US-001: One\n');
    expect(timers.pending.size).toBe(0);
    expect(parses).toHaveLength(2);
    expect(seen).toHaveLength(1);
  });

  it('clears on no note, follows renames and cancels the timer on dispose', () => {
    const { activeEpic, timers, seen } = setUp();
    activeEpic.open(file, seed);
    const renamed = fileAt('Epics/Renamed.md');
    activeEpic.renamed(renamed, 'Epics/Seed.md');
    expect(activeEpic.current().file).toBe(renamed);
    expect(activeEpic.current().progress?.totals.stories).toBe(7);
    activeEpic.changed(renamed, () => `${seed}x`);
    activeEpic.dispose();
    expect(timers.pending.size).toBe(0);
    activeEpic.open(null, null);
    expect(activeEpic.current()).toMatchObject({ file: null, result: null, isEpic: false });
    expect(seen).toHaveLength(2);
  });

  it('reuses the previous parse on a change (incremental re-parse equals a fresh one)', () => {
    const { activeEpic, timers } = setUp();
    activeEpic.open(file, seed);
    const edited = seed.replace('| **Story Points** | 8 |', '| **Story Points** | 13 |');
    activeEpic.changed(file, () => edited);
    timers.flush();
    expect(activeEpic.current().progress?.totals.points).toBe(42);
    const fresh = parseEpic(edited);
    expect(activeEpic.current().progress?.totals).toEqual(progress(fresh.epic).totals);
    expect(activeEpic.current().result?.epic.stories.map((s) => s.storyPoints)).toEqual(fresh.epic.stories.map((s) => s.storyPoints));
  });
});

describe('ActiveEpic and editors that parse before their note is active', () => {
  it('uses the editor parse when the note becomes active with the same text', () => {
    const { activeEpic, store, parses, seen } = setUp();
    const file = fileAt('Epics/Seed.md');
    const editorParse = store.parse(file.path, seedNote());
    expect(seen).toHaveLength(0);
    activeEpic.open(file, seedNote());
    expect(parses).toHaveLength(1);
    expect(activeEpic.current().result).toBe(editorParse);
    activeEpic.open(fileAt('Other.md'), '# Other\n\n### US-001: One\n');
    activeEpic.open(file, `${seedNote()}\nmore`);
    expect(parses).toEqual([seedNote(), '# Other\n\n### US-001: One\n', `${seedNote()}\nmore`]);
  });
});

describe('ActiveEpic and notes without stories', () => {
  const plain = `# Notes\n\n${'Some text, Status:: ✅ Done.\n'.repeat(50)}`;

  it('publishes "not an epic" without parsing, and stays quiet while the note is typed in', () => {
    const { activeEpic, timers, parses, seen } = setUp();
    const file = fileAt('Notes/Plain.md');
    activeEpic.open(file, plain);
    expect(parses).toEqual([]);
    expect(activeEpic.current()).toMatchObject({ file, result: null, progress: null, isEpic: false });
    activeEpic.changed(file, () => `${plain}more`);
    timers.flush();
    activeEpic.open(file, `${plain}more`);
    expect(parses).toEqual([]);
    expect(seen).toHaveLength(1);
  });

  it('parses on request (Validate), and as soon as a story header is typed', () => {
    const { activeEpic, timers, parses } = setUp();
    const file = fileAt('Notes/Plain.md');
    activeEpic.open(file, plain);
    const validated = activeEpic.parseNow();
    expect(parses).toEqual([plain]);
    expect(validated.result?.diagnostics.map((d) => d.code)).toContain('no-stories');
    expect(validated.isEpic).toBe(false);
    // Asking again parses nothing more.
    expect(activeEpic.parseNow()).toBe(validated);
    const epic = `${plain}\n### US-001: First\n**Story Points**: 3\n`;
    activeEpic.changed(file, () => epic);
    timers.flush();
    expect(parses).toEqual([plain, epic]);
    expect(activeEpic.current()).toMatchObject({ isEpic: true });
  });

  it('runs a pending parse at once on flush', () => {
    const { activeEpic, timers, parses } = setUp();
    const file = fileAt('Epics/Seed.md');
    activeEpic.open(file, seedNote());
    activeEpic.changed(file, () => `${seedNote()}x`);
    activeEpic.flush();
    expect(timers.pending.size).toBe(0);
    expect(parses).toEqual([seedNote(), `${seedNote()}x`]);
    activeEpic.flush();
    expect(parses).toHaveLength(2);
  });
});
