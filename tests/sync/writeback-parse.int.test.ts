/**
 * The write-back's parse of the note before each batch: incremental by default (each batch from
 * the previous parse, the first from the run's note), or the host's (the plugin's parse store).
 * The real parser, watched; the fake Jira.
 */
import { parseEpic, type ParseResult } from '../../src/model';
import { executePlan, planNote } from '../../src/sync/run';
import { type FakeJira } from '../../testing/fake-jira';
import { MemoryNote, seedNote, startFake, trackerFor } from './helpers';

jest.mock('../../src/model/parse', () => {
  const actual = jest.requireActual<typeof import('../../src/model/parse')>('../../src/model/parse');
  return { ...actual, parseEpic: jest.fn(actual.parseEpic) };
});
const parses = parseEpic as jest.MockedFunction<typeof parseEpic>;

// A full sync of the seed (and, below, two): room to spare on a busy 2-core machine.
jest.setTimeout(60_000);

let fake: FakeJira;
beforeEach(async () => { fake = await startFake({ epics: [{ key: 'INFRA-100', summary: 'Database Migration' }] }); });
afterEach(async () => {
  expect(fake.violations).toEqual([]);
  await fake.close();
});

const options = { execute: true, updateSource: true, phase: 'all' as const };
const now = (): Date => new Date('2026-11-24T09:44:00Z');

async function run(parse?: (text: string) => ParseResult): Promise<{ note: MemoryNote; first: ParseResult }> {
  const first = parseEpic(seedNote());
  const note = new MemoryNote(seedNote());
  const input = { note: first, epicKey: null, tracker: trackerFor(fake), options, writer: note, now, parse };
  const planned = await planNote(input);
  parses.mockClear();
  const done = await executePlan({ ...input, planned });
  expect(done.exitCode).toBe(0);
  return { note, first };
}

test('by default each batch is parsed from the previous parse, the first from the run\'s note', async () => {
  const { note, first } = await run();
  expect(note.applied).toBeGreaterThan(1);
  expect(parses).toHaveBeenCalledTimes(note.applied);
  expect(parses.mock.calls[0]?.[1]).toBe(first);
  for (let i = 1; i < parses.mock.calls.length; i += 1) expect(parses.mock.calls[i]?.[1]).toBe(parses.mock.results[i - 1]?.value);
  expect(parseEpic(note.text).epic.stories.every((story) => story.issueKey !== null)).toBe(true);
});

test('a host parse (the plugin\'s store) is used for every batch, with the same note at the end', async () => {
  const texts: string[] = [];
  const { note } = await run((text) => { texts.push(text); return jest.requireActual<typeof import('../../src/model/parse')>('../../src/model/parse').parseEpic(text); });
  expect(texts).toHaveLength(note.applied);
  expect(parses).not.toHaveBeenCalled();
  const { note: byDefault } = await run();
  expect(note.text).toBe(byDefault.text);
});
