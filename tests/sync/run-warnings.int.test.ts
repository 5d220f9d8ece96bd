/** @jest-environment node */
/**
 * The run's warnings that callers say in their own words come as structured values: the plan's
 * `notInTracker` ids (worded once by `notInTrackerWarning`) and `NO_RECORD_WARNING` with the
 * two-way result's `noRecord`, against the fake Jira.
 */
import { parseEpic } from '../../src/model';
import { jiraRecordReading } from '../../src/sync/jira/record-reading';
import { NO_RECORD_WARNING, executeTwoWay, planTwoWay, type RecordStore } from '../../src/sync/two-way';
import { notInTrackerWarning, planNote } from '../../src/sync/run';
import type { FakeJira } from '../../testing/fake-jira';
import { MemoryNote, seedNote, startFake, sync, trackerFor } from './helpers';

let fake: FakeJira;
beforeEach(async () => { fake = await startFake(); });
afterEach(async () => { await fake.close(); });

const IDS = ['US-001', 'US-002', 'US-003', 'US-004', 'US-005', 'US-006', 'US-007'];

describe('stories a phase without creates leaves out', () => {
  it('come as the plan\'s notInTracker ids, each worded once by notInTrackerWarning (no adapter text)', async () => {
    const result = await planNote({ note: parseEpic(seedNote()), epicKey: null, tracker: trackerFor(fake), options: { execute: false, updateSource: false, phase: 'statuses' } });
    expect(result.plan?.notInTracker).toEqual(IDS);
    expect(result.plan?.warnings.filter((warning) => /not in/i.test(warning))).toEqual([]);
    for (const id of IDS) expect(result.warnings.filter((warning) => warning === notInTrackerWarning(id))).toHaveLength(1);
    // The CLI's words name its flag; the plugin replaces them with its own.
    expect(notInTrackerWarning('US-001')).toBe('US-001 is not in the tracker yet: sync with --phase all or descriptions first.');
  });

  it('are none once the stories exist', async () => {
    const note = new MemoryNote(seedNote());
    await sync(note, trackerFor(fake));
    const result = await planNote({ note: parseEpic(note.text), epicKey: null, tracker: trackerFor(fake), options: { execute: false, updateSource: false, phase: 'statuses' } });
    expect(result.plan?.notInTracker).toEqual([]);
  });
});

describe('a two-way run without a sync record', () => {
  function memoryRecord(): RecordStore & { text: string | null } {
    const store = { text: null as string | null, read: () => Promise.resolve(store.text), write: (text: string) => { store.text = text; return Promise.resolve(); } };
    return store;
  }

  it('warns with NO_RECORD_WARNING and says noRecord; with the record written, neither', async () => {
    const tracker = trackerFor(fake);
    const record = memoryRecord();
    const note = new MemoryNote(seedNote());
    const input = () => ({ note: parseEpic(note.text), epicKey: null, tracker, options: { execute: false, updateSource: true, phase: 'all' as const }, record, site: fake.url, reading: jiraRecordReading({ flavor: 'cloud' }), writer: note, now: () => new Date('2026-11-24T09:44:00Z') });
    const first = await executeTwoWay({ ...input(), planned: await planTwoWay(input()) });
    expect(first.noRecord).toBe(true);
    expect(first.warnings.filter((warning) => warning === NO_RECORD_WARNING)).toHaveLength(1);

    const run = { ...input(), options: { ...input().options, execute: true } };
    await executeTwoWay({ ...run, planned: await planTwoWay(run) });
    expect(record.text).not.toBeNull();
    const again = await executeTwoWay({ ...input(), planned: await planTwoWay(input()) });
    expect(again.noRecord).toBe(false);
    expect(again.warnings).not.toContain(NO_RECORD_WARNING);
  });
});
