/**
 * The note's bytes through `-x` (issue 11, items 2–4): outside the keys nothing changes (a UTF-8
 * byte order mark, CRLF, CR-only, a missing final newline), a note that is not valid UTF-8 is
 * never rewritten, an edit saved between the command line's read and its write is kept, only
 * regular files of bounded size are read, and `--export` never replaces the note.
 */
import { execFileSync } from 'node:child_process';
import { chmodSync, readdirSync, readFileSync, statSync, symlinkSync, truncateSync, writeFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parseEpic } from '../../src/model';
import { NOTE_SIZE_LIMIT_BYTES, readRegularFile } from '../../src/cli/note-file';
import { loadJiraContracts, startFakeJira, type FakeJira, type JiraContracts } from '../../testing/fake-jira';
import { cli, endSeedCase, jiraCloudEnv, startSeedCase, REPO_ROOT } from './harness';

let contracts: JiraContracts;
let jira: FakeJira;
let dir: string;
let cleanup: () => void;
let note: string;
const seed = readFileSync(join(REPO_ROOT, 'examples/postgres-to-crdb.md'));

beforeAll(() => { contracts = loadJiraContracts(); });
beforeEach(async () => { ({ jira, dir, note, cleanup } = await startSeedCase({ contracts }, false)); });
afterEach(() => endSeedCase(jira, cleanup));

const env = (): Record<string, string> => jiraCloudEnv(jira);
const execute = (extra: string[] = []) => cli(['-m', note, '-e', 'INFRA-100', '-x', '--output', 'json', ...extra], { env: env() });

/** The seed synced as it is (LF, no BOM), against a fresh fake Jira: what every variant must match. */
async function syncedSeed(): Promise<Buffer> {
  const fresh = await startFakeJira({ contracts });
  const plain = join(dir, 'plain.md');
  writeFileSync(plain, seed);
  try {
    const run = await cli(['-m', plain, '-e', 'INFRA-100', '-x'], { env: { ...env(), JIRA_URL: fresh.url } });
    expect(run.code).toBe(0);
    // Same keys and stamps; the browse links name the other fake's port.
    return Buffer.from(readFileSync(plain, 'utf8').split(fresh.url).join(jira.url), 'utf8');
  } finally {
    await fresh.close();
  }
}

const BOM = Buffer.from([0xef, 0xbb, 0xbf]);
const crlf = (bytes: Buffer): Buffer => Buffer.from(bytes.toString('utf8').replace(/\n/g, '\r\n'), 'utf8');
const noFinalNewline = (bytes: Buffer): Buffer => bytes.subarray(0, bytes.length - 1);

test.each<[string, (bytes: Buffer) => Buffer]>([
  ['a UTF-8 byte order mark', (bytes) => Buffer.concat([BOM, bytes])],
  ['CRLF line endings', crlf],
  ['no final newline', noFinalNewline],
  ['BOM, CRLF and no final newline', (bytes) => Buffer.concat([BOM, noFinalNewline(crlf(bytes))])],
])('write-back keeps %s: the bytes are those of the plain sync, in the note\'s own form', async (_name, form) => {
  const expected = form(await syncedSeed());
  writeFileSync(note, form(seed));
  const run = await execute();
  expect(run.code).toBe(0);
  expect(readFileSync(note).equals(expected)).toBe(true);
}, 60_000);

test('a CR-only note reads as the LF note and gets the same keys, with CR line breaks only', async () => {
  const toCr = (bytes: Buffer): Buffer => Buffer.from(bytes.toString('utf8').replace(/\n/g, '\r'), 'utf8');
  const expected = toCr(await syncedSeed());
  writeFileSync(note, toCr(seed));
  const run = await execute();
  expect(run.code).toBe(0);
  const written = readFileSync(note);
  expect(written.includes(0x0a)).toBe(false);
  expect(written.toString('utf8')).toBe(expected.toString('utf8'));
}, 60_000);

test('a note that is not valid UTF-8 is not rewritten: the keys are listed to add by hand', async () => {
  // A Latin-1 "é" in a description: decoding and re-encoding would turn it into U+FFFD.
  const latin1 = Buffer.concat([seed.subarray(0, seed.indexOf('#### Description')), Buffer.from('Caf\xe9 notes\n\n', 'latin1'), seed.subarray(seed.indexOf('#### Description'))]);
  writeFileSync(note, latin1);
  const run = await execute();
  expect(run.code).toBe(1);
  expect(readFileSync(note).equals(latin1)).toBe(true);
  expect(run.stdout).toMatch(/not valid UTF-8 \(byte \d+\)/);
  expect(run.stdout).toMatch(/Keys to add by hand: .*US-001: INFRA-101/);
  // The tracker changes stand (a re-run finds them by label); only the note was left alone.
  expect([...jira.issues.values()].filter((issue) => issue.issueType === 'Story')).toHaveLength(7);
}, 60_000);

test('write-back keeps the file mode, writes through a symbolic link, and leaves no temporary file', async () => {
  const real = join(dir, 'real.md');
  writeFileSync(real, seed);
  chmodSync(real, 0o640);
  symlinkSync(real, note);
  const run = await execute();
  expect(run.code).toBe(0);
  expect(statSync(real).mode & 0o777).toBe(0o640);
  expect(readFileSync(note, 'utf8')).toContain('> **Issue:** [INFRA-101](');
  // Besides the notes, only the sync record's folder (docs/sync-record.md).
  expect(readdirSync(dir).sort()).toEqual(['.spectryn', 'note.md', 'real.md']);
}, 60_000);

describe('an edit saved while the command line writes the keys', () => {
  const EDIT = '\n- an edit saved by the editor meanwhile\n';

  test('between its read and its write: the edit is kept and the keys are put onto the new text', async () => {
    writeFileSync(note, seed);
    let reads = 0;
    // An editor saves right after the command line has read the note for its first key write
    // (read 1 is the start of the run), i.e. inside the read–write window of that write.
    const run = await cli(['-m', note, '-e', 'INFRA-100', '-x', '--output', 'json'], {
      env: env(),
      readFile: async (path) => {
        const bytes = await readRegularFile(path);
        if (path === note && ++reads === 2) writeFileSync(note, Buffer.concat([bytes, Buffer.from(EDIT)]));
        return bytes;
      },
    });
    expect(run.code).toBe(0);
    const text = readFileSync(note, 'utf8');
    expect(text.endsWith(EDIT)).toBe(true);
    const stories = parseEpic(text).epic.stories;
    expect(stories.every((story) => story.issueKey !== null)).toBe(true);
    expect(stories.flatMap((story) => story.subtasks).every((subtask) => subtask.issueKey !== null)).toBe(true);
  }, 60_000);

  test('on every try: the write gives up, the note keeps every edit, the keys are listed', async () => {
    writeFileSync(note, seed);
    let reads = 0;
    const run = await cli(['-m', note, '-e', 'INFRA-100', '-x', '--output', 'json'], {
      env: env(),
      readFile: async (path) => {
        const bytes = await readRegularFile(path);
        if (path === note && ++reads >= 2) writeFileSync(note, Buffer.concat([bytes, Buffer.from(`- save ${reads}\n`)]));
        return bytes;
      },
    });
    expect(run.code).toBe(1);
    expect(run.stdout).toContain('kept changing');
    expect(run.stdout).toMatch(/Keys to add by hand: .*US-001: INFRA-101/);
    const text = readFileSync(note, 'utf8');
    expect(text.startsWith(seed.toString('utf8'))).toBe(true);
    expect(text).not.toContain('INFRA-101');
  }, 60_000);
});

describe('what the command line reads', () => {
  test('a device, a FIFO and a note over the size limit are refused with exit 3, without blocking', async () => {
    const fifo = join(dir, 'pipe.md');
    execFileSync('mkfifo', [fifo]);
    const big = join(dir, 'big.md');
    writeFileSync(big, '');
    truncateSync(big, NOTE_SIZE_LIMIT_BYTES + 1);
    for (const [path, message] of [['/dev/zero', 'not a regular file'], [fifo, 'not a regular file'], [big, 'larger than 8 MB']] as const) {
      const run = await cli(['-m', path]);
      expect(run.code).toBe(3);
      expect(run.stderr).toContain(message);
    }
  }, 30_000);

  test('a note of exactly the limit is read', async () => {
    const edge = join(dir, 'edge.md');
    writeFileSync(edge, '');
    truncateSync(edge, NOTE_SIZE_LIMIT_BYTES);
    expect((await readRegularFile(edge)).length).toBe(NOTE_SIZE_LIMIT_BYTES);
  });

  test('--export onto the note itself (same path, relative path, symbolic link) is refused with exit 2', async () => {
    writeFileSync(note, seed);
    symlinkSync(note, join(dir, 'link.json'));
    for (const exportPath of [note, './note.md', 'link.json', `${dir}/../${dir.split('/').pop() ?? ''}/note.md`]) {
      const run = await cli(['-m', 'note.md', '--export', exportPath], { cwd: dir });
      expect(run.code).toBe(2);
      expect(run.stderr).toContain('is the note itself');
      expect(await readFile(note)).toEqual(seed);
    }
    const fine = await cli(['-m', 'note.md', '--export', 'out.json'], { cwd: dir });
    expect(fine.code).toBe(0);
    expect(JSON.parse(readFileSync(join(dir, 'out.json'), 'utf8'))).toMatchObject({ tracker: null });
  });
});
