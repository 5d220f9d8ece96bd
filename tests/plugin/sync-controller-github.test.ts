/**
 * The plugin's sync of a note whose frontmatter says `tracker: github` (issue 16): the controller
 * reads the GitHub token's secret (not Jira's), `trackerFor` is asked for GitHub with the epic's
 * repository, the dry run and the sync run against the fake GitHub on 127.0.0.1, `#N` links are
 * written into the note and the record is `.spectryn/sync/acme_infra_1.jsonl`.
 */
import { App, Notice, type TFile } from 'obsidian';
import { parseEpic } from '../../src/model';
import { githubConfigFromSettings } from '../../src/settings/github-config';
import { jiraConfigFromSettings } from '../../src/settings/jira-config';
import { migrateSettings } from '../../src/settings/settings';
import type { SyncTarget } from '../../src/settings/sync-target';
import { GitHubTracker } from '../../src/sync/github/tracker';
import { JiraTracker } from '../../src/sync/jira/tracker';
import { SyncController } from '../../src/plugin/sync-controller';
import { DEFAULT_FAKE_GITHUB_TOKEN, loadGitHubContract, startFakeGitHub, type FakeGitHub } from '../../testing/fake-github';
import { example, instantClock } from '../sync/helpers';
import { snapshotOf } from '../view/helpers';
import { nodeHttp } from './node-http';

jest.setTimeout(60_000);

const contract = loadGitHubContract();
const PATH = 'Epics/Seed.md';
let fake: FakeGitHub;

beforeEach(async () => { fake = await startFakeGitHub({ contract }); });
afterEach(async () => {
  const violations = [...fake.violations];
  await fake.close();
  expect(violations).toEqual([]);
});

function harness(frontmatter: string, overrides: Record<string, unknown> = {}) {
  const app = new App();
  const text = `---\n${frontmatter}\n---\n${example('postgres-to-crdb.md')}`;
  const { activeEpic, file } = snapshotOf(text, PATH);
  const files = (app.vault as unknown as { files: Map<string, { file: TFile; text: string }> }).files;
  files.set(PATH, { file, text });
  (app.vault as unknown as { process: (f: TFile, fn: (data: string) => string) => Promise<string> }).process = (f, fn) => {
    const entry = files.get(f.path);
    if (!entry) return Promise.reject(new Error('File not found'));
    entry.text = fn(entry.text);
    return Promise.resolve(entry.text);
  };
  // The Jira secret holds a token the fake refuses: only GitHub's may be read for this note.
  app.secretStorage.setSecret('jira-token', 'jira-not-for-github');
  app.secretStorage.setSecret('gh-token', DEFAULT_FAKE_GITHUB_TOKEN);
  const settings = migrateSettings({ siteUrl: 'https://jira.invalid', email: 'dev@example.com', tokenSecretName: 'jira-token', projectKey: 'INFRA', githubApiUrl: fake.url, githubTokenSecretName: 'gh-token', githubRepository: 'acme/infra', ...overrides });
  const asked: (SyncTarget | undefined)[] = [];
  const controller = new SyncController({
    app: app as never,
    settings: () => settings,
    snapshot: () => activeEpic.current(),
    // As main.ts composes it.
    trackerFor: (current, token, target) => {
      asked.push(target);
      return target?.tracker === 'github'
        ? new GitHubTracker({ config: githubConfigFromSettings(current, token, target.repository), http: nodeHttp, clock: instantClock() })
        : new JiraTracker({ config: jiraConfigFromSettings(current, token), http: nodeHttp, clock: instantClock() });
    },
    now: () => new Date('2026-12-06T11:00:00Z'),
  });
  return { app, controller, asked, noteText: () => files.get(PATH)?.text ?? '' };
}

test('a tracker: github note syncs with GitHub: its token, its epic #1, #N links written back, its own record', async () => {
  const h = harness('tracker: github\nepic: "acme/infra#1"');
  const pending = await h.controller.plan({ kind: 'all' });
  expect(h.asked).toEqual([{ tracker: 'github', repository: { owner: 'acme', repo: 'infra' }, epicKey: '#1', recordKey: 'acme/infra#1', secretName: 'gh-token' }]);
  expect(pending.preview.operations.length).toBeGreaterThan(35);
  expect(fake.writes()).toEqual([]);
  await pending.execute();
  const { epic } = parseEpic(h.noteText());
  for (const story of epic.stories) expect(story.issueLine?.url).toBe(`${fake.webUrl}/acme/infra/issues/${story.issueKey?.slice(1) ?? 'none'}`);
  expect([...fake.issues.values()].filter((issue) => issue.parent === 1)).toHaveLength(7);
  expect(await h.app.vault.adapter.exists('.spectryn/sync/acme_infra_1.jsonl')).toBe(true);
  const shown = (Notice as unknown as { shown: string[] }).shown.join('\n');
  expect(shown).not.toContain(DEFAULT_FAKE_GITHUB_TOKEN);
});

test('a GitHub epic #1 without a repository anywhere is refused before any request, saying what to set', async () => {
  const h = harness('tracker: github\nepic: "#1"', { githubRepository: '' });
  await expect(h.controller.plan({ kind: 'all' })).rejects.toThrow('set the GitHub repository in the Spectryn settings');
  expect(h.asked).toEqual([]);
  expect(fake.requests).toEqual([]);
});

test('without the GitHub token\'s secret the sync is refused, and Jira\'s token is not used instead', async () => {
  const h = harness('tracker: github\nepic: "acme/infra#1"');
  h.app.secretStorage.setSecret('gh-token', '');
  await expect(h.controller.plan({ kind: 'all' })).rejects.toThrow('No GitHub token');
  expect(fake.requests).toEqual([]);
});
