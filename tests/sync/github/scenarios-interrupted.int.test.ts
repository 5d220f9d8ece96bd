/**
 * A first sync interrupted at every write (issue 16 "Tests"): the fake GitHub makes the change and
 * then drops the connection (the answer never arrives), or fails before making it. The re-run
 * must finish the job without a single duplicate: every identity label on exactly one issue, the
 * hierarchy complete, and a third run with nothing left to write. Every write of a first sync of
 * the seed's first phase (2 stories, 7 subtasks: creates, sub-issue links, closes); then the whole
 * seed note at the first, a middle and the last write.
 */
import type { FakeGitHub, FaultKind } from '../../../testing/fake-github';
import { gitHubSeedNote, gitHubTrackerFor } from './helpers';
import { GitHubNote, issuesByIdentity, MemoryRecord, startGitHub, twoWaySync } from '../../testing/fake-github/sync-harness';

/** The seed note up to its second phase: US-001 and US-002 with their 7 subtasks. */
const firstPhase = (): string => gitHubSeedNote().split('## Phase 2:')[0] ?? '';

/** The writes of an uninterrupted first sync of `text` (measured, so the loop covers every one). */
async function writesOfFirstSync(text: string): Promise<number> {
  const fake = await startGitHub();
  try {
    await twoWaySync(new GitHubNote(text), gitHubTrackerFor(fake), new MemoryRecord());
    expect(fake.violations).toEqual([]);
    return fake.writes().length;
  } finally {
    await fake.close();
  }
}

/** Interrupt the first sync of `text` at write `index` with `kind`, re-run twice, check the result. */
async function interruptAt(text: string, issues: number, index: number, kind: FaultKind): Promise<void> {
  const fake: FakeGitHub = await startGitHub();
  try {
    fake.fail({ method: 'WRITE', skip: index, kind });
    const note = new GitHubNote(text);
    const record = new MemoryRecord();
    // The adapter may recover within the same run (it looks the identity label up); either way the re-run must converge.
    await twoWaySync(note, gitHubTrackerFor(fake), record);
    const faulted = fake.requests.find((request) => request.fault === kind);
    expect(faulted).toBeDefined();
    if (kind === 'drop-after-commit' && faulted?.method === 'POST' && faulted.path.endsWith('/issues')) {
      // An unanswered create is looked up by its identity label in the issues list (closed ones
      // included), never through search, whose index lags behind writes.
      const identity = ((faulted.body as { labels: string[] }).labels).find((name) => name.startsWith('spectryn-'));
      const lookups = fake.requests.filter((request) => request.method === 'GET' && request.path === '/repos/acme/infra/issues' && (request.query.labels ?? '').split(',').includes(identity ?? '?'));
      expect({ index, lookups: lookups.map((request) => request.query.state) }).toEqual({ index, lookups: expect.arrayContaining(['all']) });
    }
    const rerun = await twoWaySync(note, gitHubTrackerFor(fake), record);
    const at = `${kind} at write ${index}`;
    expect({ at, errors: rerun.errors }).toEqual({ at, errors: [] });
    const byLabel = issuesByIdentity(fake);
    const duplicates = [...byLabel.entries()].filter(([, found]) => found.length > 1).map(([label]) => label);
    expect({ at, duplicates }).toEqual({ at, duplicates: [] });
    expect({ at, issues: byLabel.size }).toEqual({ at, issues });
    const all = [...byLabel.values()].flat();
    expect({ at, unlinked: all.filter((issue) => issue.parent === null).map((issue) => issue.number) }).toEqual({ at, unlinked: [] });
    const writes = fake.writes().length;
    const third = await twoWaySync(note, gitHubTrackerFor(fake), record);
    expect({ at, operations: third.operations }).toEqual({ at, operations: [] });
    expect(fake.writes()).toHaveLength(writes);
    expect(fake.violations).toEqual([]);
  } finally {
    await fake.close();
  }
}

// Each loop is split in halves so that one test stays well inside the 60 s limit on a busy machine.
const HALVES: [string, (total: number) => [number, number]][] = [
  ['first half', (total) => [0, Math.ceil(total / 2)]],
  ['second half', (total) => [Math.ceil(total / 2), total]],
];

test.each(HALVES)('a write made but unanswered, at every write of a first sync (%s): the re-run never duplicates', async (_half, range) => {
  const text = firstPhase();
  const total = await writesOfFirstSync(text);
  // 9 creates, 9 sub-issue links and 9 closes at the least.
  expect(total).toBeGreaterThanOrEqual(27);
  const [from, to] = range(total);
  for (let index = from; index < to; index += 1) await interruptAt(text, 2 + 7, index, 'drop-after-commit');
});

test.each(HALVES)('a write refused with a 500, at every write of a first sync (%s): the re-run completes it', async (_half, range) => {
  const text = firstPhase();
  const [from, to] = range(await writesOfFirstSync(text));
  for (let index = from; index < to; index += 1) await interruptAt(text, 2 + 7, index, 'http-500');
});

test('the whole seed note, interrupted at its first, a middle and its last write', async () => {
  const text = gitHubSeedNote();
  const total = await writesOfFirstSync(text);
  for (const index of [0, Math.floor(total / 2), total - 1]) await interruptAt(text, 7 + 28, index, 'drop-after-commit');
});
