import fc from 'fast-check';
import { compareKeys, parseRecord, recordFor, serialiseRecord } from '../../../src/sync/record/format';
import { textHash } from '../../../src/sync/record/hash';
import { updateRecord } from '../../../src/sync/record/update';
import { RECORD_VERSION, type RecordEntry, type SyncRecord } from '../../../src/sync/record/types';

const STATUS_NAMES = ['Backlog', 'To Do', 'In Progress', 'Done', "Won't Do"];
const text = fc.string({ maxLength: 30, unit: fc.constantFrom('a', 'Z', ' ', '"', '\\', '\n', '|', 'é', '✅', '\u2028', '{', '}') });
const agreed = <T>(value: fc.Arbitrary<T>): fc.Arbitrary<{ note: T; tracker: T }> => fc.record({ note: value, tracker: value });

const storyEntry: fc.Arbitrary<Omit<RecordEntry, 'key'>> = fc.record({
  story: fc.constantFrom('US-001', 'US-002', 'PROJ-12', '#42'),
  subtask: fc.constant(null),
  synced: fc.constantFrom('2026-12-06T10:15:00Z', '2026-12-05T08:00:00Z'),
  updated: fc.option(fc.constantFrom('2026-12-06T10:14:31.000+0000', '2026-01-01T00:00:00.000+0100'), { nil: null }),
  fields: fc.record({
    status: agreed(fc.constantFrom(...STATUS_NAMES)),
    story_points: agreed(fc.option(fc.constantFrom(0, 0.5, 3, 13), { nil: null })),
    priority: agreed(fc.option(fc.constantFrom('critical', 'Highest'), { nil: null })),
    title: agreed(text),
    description: agreed(fc.option(text.map(textHash), { nil: null })),
    labels: agreed(fc.array(fc.constantFrom('db', 'infra', 'a b'), { maxLength: 3 }).map((labels) => [...new Set(labels)].sort())),
  }, { requiredKeys: [] }),
});
const subtaskEntry: fc.Arbitrary<Omit<RecordEntry, 'key'>> = fc.record({
  story: fc.constantFrom('US-001', 'US-002'),
  subtask: fc.integer({ min: 1, max: 20 }),
  synced: fc.constant('2026-12-06T10:15:00Z'),
  updated: fc.constant(null),
  fields: fc.record({ status: agreed(fc.constantFrom(...STATUS_NAMES)), story_points: agreed(fc.option(fc.constantFrom(1, 2), { nil: null })), name: agreed(text) }, { requiredKeys: [] }),
});
const recordArb: fc.Arbitrary<SyncRecord> = fc.record({
  entries: fc.uniqueArray(fc.tuple(fc.integer({ min: 1, max: 400 }), fc.oneof(storyEntry, subtaskEntry)), { selector: ([n]) => n, maxLength: 12 }),
  cache: fc.option(fc.record({ checked: fc.constant('2026-12-06T10:15:00Z'), values: fc.dictionary(fc.constantFrom('story_points_field', 'story_points_name', 'subtask_type'), text) }), { nil: null }),
}).map(({ entries, cache }) => ({
  version: RECORD_VERSION, epic: 'INFRA-100', tracker: 'jira', site: 'https://acme.atlassian.net', cache,
  entries: entries.map(([n, entry]) => ({ key: `INFRA-${n}`, ...entry })).sort((a, b) => compareKeys(a.key, b.key)),
}));

describe('the sync record as text', () => {
  test('round trip: parse(serialise(r)) is r, and serialising again gives the same bytes', () => {
    fc.assert(fc.property(recordArb, (record) => {
      const text = serialiseRecord(record);
      const read = parseRecord(text);
      expect(read.diagnostics).toEqual([]);
      expect(read.record).toEqual(record);
      expect(serialiseRecord(read.record as SyncRecord)).toBe(text);
    }));
  });

  test('one line per issue, in key order, header first; a final line break', () => {
    const record = updateRecord({
      previous: null, epic: 'INFRA-100', tracker: 'jira', site: 'https://acme.atlassian.net', now: new Date('2026-12-06T10:15:42.123Z'),
      agreements: [
        { key: 'INFRA-110', storyId: 'US-002', subtask: null, field: 'status', agreed: { note: 'done', tracker: 'Done' } },
        { key: 'INFRA-9', storyId: 'us-001', subtask: null, field: 'story_points', agreed: { note: 5, tracker: 5 } },
        { key: 'INFRA-9', storyId: 'US-001', subtask: null, field: 'status', agreed: { note: 'in_progress', tracker: 'In Progress' } },
      ],
    });
    const lines = serialiseRecord(record).split('\n');
    expect(lines).toHaveLength(4);
    expect(lines[3]).toBe('');
    expect(JSON.parse(lines[0] ?? '')).toMatchObject({ spectryn_sync_record: 1, epic: 'INFRA-100', tracker: 'jira', site: 'https://acme.atlassian.net' });
    expect(lines[1]).toBe('{"key":"INFRA-9","story":"US-001","synced":"2026-12-06T10:15:42Z","updated":null,"status":["in_progress","In Progress"],"story_points":[5,5]}');
    expect(lines[2]).toBe('{"key":"INFRA-110","story":"US-002","synced":"2026-12-06T10:15:42Z","updated":null,"status":["done","Done"]}');
  });

  test('only the entries that changed change lines; a sync that agrees on everything rewrites nothing', () => {
    fc.assert(fc.property(recordArb, fc.nat(), (record, pick) => {
      fc.pre(record.entries.length > 0);
      const target = record.entries[pick % record.entries.length] as RecordEntry;
      const before = serialiseRecord(record).split('\n');
      const same = updateRecord({ previous: record, epic: record.epic, tracker: record.tracker, site: record.site, now: new Date('2030-01-01T00:00:00Z'), agreements: Object.entries(target.fields).map(([field, value]) => ({ key: target.key, storyId: target.story, subtask: target.subtask, field: field as 'status', agreed: value })) });
      expect(serialiseRecord(same)).toBe(before.join('\n'));
      const changed = updateRecord({ previous: record, epic: record.epic, tracker: record.tracker, site: record.site, now: new Date('2030-01-01T00:00:00Z'), agreements: [{ key: target.key, storyId: target.story, subtask: target.subtask, field: 'status', agreed: { note: 'blocked', tracker: 'Blocked on review' } }] });
      const after = serialiseRecord(changed).split('\n');
      expect(after).toHaveLength(before.length);
      const differing = after.filter((line, index) => line !== before[index]);
      expect(differing).toHaveLength(1);
      expect(differing[0]).toContain(`"key":${JSON.stringify(target.key)}`);
      expect(differing[0]).toContain('"synced":"2030-01-01T00:00:00Z"');
    }));
  });

  test('compareKeys orders by project, then by number', () => {
    expect(['INFRA-10', 'ABC-2', 'INFRA-9', 'weird', 'INFRA-100'].sort(compareKeys)).toEqual(['ABC-2', 'INFRA-9', 'INFRA-10', 'INFRA-100', 'weird']);
  });
});

describe('a damaged record is a diagnostic and counts as no record, never a crash', () => {
  const good = (): string => serialiseRecord(updateRecord({
    previous: null, epic: 'INFRA-100', tracker: 'jira', site: 'https://acme.atlassian.net', now: new Date('2026-12-06T10:15:00Z'),
    agreements: [101, 102, 103].map((n) => ({ key: `INFRA-${n}`, storyId: 'US-001', subtask: n === 101 ? null : n - 101, field: 'status' as const, agreed: { note: 'done', tracker: 'Done' } })),
  }));

  test('any text: parse never throws, and what it returns serialises', () => {
    fc.assert(fc.property(fc.oneof(fc.string({ maxLength: 400 }), fc.tuple(fc.nat(), fc.nat(), fc.string({ maxLength: 20 })).map(([a, b, insert]) => {
      const text = good();
      const from = a % text.length;
      return text.slice(0, from) + insert + text.slice(Math.min(text.length, from + (b % 40)));
    })), (text) => {
      const read = parseRecord(text);
      if (read.record !== null) expect(() => serialiseRecord(read.record as SyncRecord)).not.toThrow();
      else expect(read.diagnostics.length).toBeGreaterThan(0);
    }));
  });

  test('no header, or a newer format: no record', () => {
    expect(parseRecord('').record).toBeNull();
    expect(parseRecord('not json\n').diagnostics[0]?.message).toMatch(/no valid header/);
    const newer = good().replace('"spectryn_sync_record":1', '"spectryn_sync_record":2');
    expect(parseRecord(newer)).toEqual({ record: null, diagnostics: [{ line: 1, message: expect.stringMatching(/newer spectryn/) }] });
  });

  test('a damaged line drops only its issue', () => {
    const lines = good().split('\n');
    lines[2] = lines[2]?.slice(0, 20) ?? '';
    const read = parseRecord(lines.join('\n'));
    expect(read.record?.entries.map((entry) => entry.key)).toEqual(['INFRA-101', 'INFRA-103']);
    expect(read.diagnostics).toEqual([{ line: 3, message: expect.stringMatching(/not a JSON object/) }]);
  });

  test('a field of the wrong shape drops only that field', () => {
    const text = good().replace('"status":["done","Done"]}', '"status":["done",7]}');
    const read = parseRecord(text);
    expect(read.record?.entries[0]?.fields).toEqual({});
    expect(read.diagnostics[0]?.message).toMatch(/recorded status of INFRA-101 is damaged/);
  });

  test('an unresolved merge: the issue named twice counts as never synced', () => {
    const lines = good().split('\n');
    const theirs = (lines[2] ?? '').replace('"Done"', '"Closed"');
    const merged = [lines[0], lines[1], '<<<<<<< HEAD', lines[2], '=======', theirs, '>>>>>>> other', lines[3], ''].join('\n');
    const read = parseRecord(merged);
    expect(read.record?.entries.map((entry) => entry.key)).toEqual(['INFRA-101', 'INFRA-103']);
    expect(read.diagnostics.map((d) => d.message).join(' ')).toMatch(/twice.*merge conflict markers/s);
  });
});

test('a record of another epic, tracker or site is not used', () => {
  const text = serialiseRecord({ version: RECORD_VERSION, epic: 'INFRA-100', tracker: 'jira', site: 'https://acme.atlassian.net', cache: null, entries: [] });
  const owner = { epic: 'infra-100', tracker: 'Jira', site: 'https://ACME.atlassian.net/' };
  expect(recordFor(parseRecord(text), owner).record).not.toBeNull();
  for (const other of [{ ...owner, epic: 'INFRA-200' }, { ...owner, tracker: 'github' }, { ...owner, site: 'https://other.atlassian.net' }]) {
    const read = recordFor(parseRecord(text), other);
    expect(read.record).toBeNull();
    expect(read.diagnostics[0]?.message).toMatch(/belongs to INFRA-100 on https:\/\/acme.atlassian.net \(jira\)/);
  }
});
