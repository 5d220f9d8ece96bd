/**
 * The declarative settings tab: every control binds to a real key, changes are saved through
 * migration, the token is only a secret's name, and "Test connection" reports the failing step
 * (run against a real HTTP server on 127.0.0.1).
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { App, Plugin, SecretComponent, Setting, type SettingDefinitionItem } from 'obsidian';
import { timerClock } from '../../src/sync/clock';
import { nodeHttp } from '../plugin/node-http';
import { probeJiraConnection } from '../../src/sync/jira/probe';
import { probeGitHubConnection } from '../../src/sync/github/probe';
import { SpectrynSettingTab } from '../../src/settings/settings-tab';
import { DEFAULT_SETTINGS, migrateSettings, type SpectrynSettings } from '../../src/settings/settings';

class TestPlugin extends Plugin {}

function setUp(initial: SpectrynSettings = migrateSettings(null)) {
  const app = new App();
  const plugin = new TestPlugin(app as never, { id: 'spectryn', name: 'Spectryn', version: '0', minAppVersion: '1.13.0' } as never);
  let settings = initial;
  const saved: SpectrynSettings[] = [];
  const tab = new SpectrynSettingTab(app as never, plugin, {
    store: { get: () => settings, set: (next) => { settings = next; saved.push(next); return Promise.resolve(); } },
    probe: (config) => probeJiraConnection({ config, http: nodeHttp, clock: timerClock((callback, ms) => setTimeout(callback, ms)) }),
    probeGitHub: (config) => probeGitHubConnection({ config, http: nodeHttp, clock: timerClock((callback, ms) => setTimeout(callback, ms)) }),
  });
  // Counted: a redraw the tab asks for (`update`) is part of what a row edit does.
  jest.spyOn(tab, 'update');
  return { app, tab, saved, current: () => settings };
}

type AnyDef = { name?: string; desc?: string; control?: { key: string; type: string }; render?: (s: Setting, g: unknown) => void; action?: (el: HTMLElement, i: number) => void; visible?: () => boolean; items?: AnyDef[] };
function flatten(items: SettingDefinitionItem[]): AnyDef[] {
  return (items as AnyDef[]).flatMap((item) => (item.items ? flatten(item.items as SettingDefinitionItem[]) : [item]));
}

describe('SpectrynSettingTab', () => {
  it('declares controls whose keys all read a value, and no key for the token itself', () => {
    const { tab } = setUp();
    const defs = flatten(tab.getSettingDefinitions());
    const keys = defs.flatMap((d) => (d.control ? [d.control.key] : []));
    expect(keys).toEqual(expect.arrayContaining(['tracker', 'siteUrl', 'email', 'projectKey', 'storyIssueType', 'subtaskIssueType', 'storyPointsField',
      'priorityMapping.critical', 'priorityMapping.low', 'decorations.livePreview', 'decorations.sourceMode', 'decorations.readingView']));
    for (const key of keys) expect(tab.getControlValue(key)).toBeDefined();
    expect(keys.some((k) => /token/i.test(k))).toBe(false);
    expect(defs.map((d) => d.name)).toEqual(expect.arrayContaining(['API token', 'Test connection']));
    // The priority rows use the emoji the README and the example notes write (🟡 High).
    expect(defs.map((d) => d.name)).toEqual(expect.arrayContaining(['🔴 Critical', '🟡 High', '🟢 Medium', '⚪ Low']));
  });

  it('saves changes through migration, without touching the defaults', async () => {
    const { tab, saved, current } = setUp();
    await tab.setControlValue('statusMapping.done', 'Shipped, Done');
    await tab.setControlValue('projectKey', 'infra');
    await tab.setControlValue('decorations.sourceMode', false);
    expect(current().statusMapping.done).toEqual(['Shipped', 'Done']);
    expect(current().projectKey).toBe('INFRA');
    expect(current().decorations.sourceMode).toBe(false);
    expect(saved).toHaveLength(3);
    expect(DEFAULT_SETTINGS.statusMapping.done).toEqual(['Done', 'Closed', 'Resolved']);
    expect(tab.getControlValue('statusMapping.done')).toBe('Shipped, Done');
  });

  it('shows the email only for Jira Cloud and refreshes when the tracker changes', async () => {
    const { tab } = setUp();
    const refreshes = jest.spyOn(tab, 'refreshDomState');
    const email = flatten(tab.getSettingDefinitions()).find((d) => d.control?.key === 'email');
    expect(email?.visible?.()).toBe(true);
    await tab.setControlValue('tracker', 'jira-datacenter');
    expect(email?.visible?.()).toBe(false);
    expect(refreshes).toHaveBeenCalledTimes(1);
  });

  it('keeps only the secret name: the token goes through SecretComponent', async () => {
    const { app, tab, saved } = setUp();
    const def = flatten(tab.getSettingDefinitions()).find((d) => d.name === 'API token');
    const setting = new Setting(document.createElement('div'));
    def?.render?.(setting, null);
    expect((setting as unknown as { components: unknown[] }).components[0]).toBeInstanceOf(SecretComponent);
    // Store a new secret through the picker, as a person would.
    const field = (label: string): HTMLInputElement => {
      const input = setting.controlEl.querySelector<HTMLInputElement>(`input[aria-label="${label}"]`);
      if (!input) throw new Error(`no field ${label}`);
      return input;
    };
    field('ID of a new secret').value = 'jira-token';
    field('New secret value').value = 'tok-SECRET';
    setting.controlEl.querySelector('form')?.dispatchEvent(new Event('submit', { cancelable: true }));
    await Promise.resolve();
    await Promise.resolve();
    expect(app.secretStorage.getSecret('jira-token')).toBe('tok-SECRET');
    expect(saved.at(-1)?.tokenSecretName).toBe('jira-token');
    expect(JSON.stringify(saved)).not.toContain('tok-SECRET');
  });

  describe('status mapping table', () => {
    type Table = { type: string; heading?: string; items: AnyDef[] };
    const table = (tab: SpectrynSettingTab): Table => (tab.getSettingDefinitions() as unknown as Table[]).find((d) => d.heading === 'Status mapping') as Table;
    /** Draws the row named `name` as Obsidian would; returns its field and its cleanup. */
    function drawRow(t: Table, name: string): { input: HTMLInputElement; cleanUp: () => void } {
      const setting = new Setting(document.createElement('div'));
      const cleanUp = t.items.find((item) => item.name === name)?.render?.(setting, null);
      const input = setting.controlEl.querySelector('input');
      if (!input) throw new Error(`no field in the row ${name}`);
      return { input, cleanUp: typeof cleanUp === 'function' ? cleanUp : (): void => undefined };
    }
    const updates = (tab: SpectrynSettingTab): number => jest.mocked(tab.update).mock.calls.length;
    const settle = async (): Promise<void> => { await Promise.resolve(); await Promise.resolve(); };
    const ROWS = ['📋 Planned', '📂 Open', '🔄 In progress', '👀 In review', '⏸️ Blocked', '✅ Done', '❌ Cancelled'];

    it('has one row per note status, labelled by it: no Jira status name is a row of its own, so none is listed twice', () => {
      const { tab } = setUp();
      const t = table(tab);
      expect(t.items.slice(1).map((item) => item.name)).toEqual(ROWS);
      expect(t.items.slice(1).map((item) => drawRow(t, item.name ?? '').input.value)).toEqual([
        'Backlog, To Do', 'To Do, Open', 'In Progress', 'In Review', 'Blocked', 'Done, Closed, Resolved', 'Won\'t Do, Cancelled',
      ]);
      // The default maps To Do to two note statuses: both rows say so, and what it does; the others say nothing.
      expect(t.items.find((item) => item.name === '📋 Planned')?.desc).toBe('“To Do” also means 📂 Open: a story that is Planned or Open keeps its status while its issue is in To Do.');
      expect(t.items.find((item) => item.name === '📂 Open')?.desc).toBe('“To Do” also means 📋 Planned: a story that is Open or Planned keeps its status while its issue is in To Do.');
      expect(t.items.filter((item) => item.desc !== undefined).map((item) => item.name)).toEqual(['Jira statuses per note status', '📋 Planned', '📂 Open']);
      // The first row explains the table without claiming a transition target the sync does not use.
      expect(t.items[0]?.desc).toContain('a sync takes a transition Jira offers to one of them');
    });

    it('saves a row\'s names as typed (through migration), without redrawing while typing', async () => {
      const { tab, current } = setUp();
      const { input } = drawRow(table(tab), '✅ Done');
      input.value = 'Shipped, Closed';
      input.dispatchEvent(new Event('input'));
      await settle();
      expect(current().statusMapping.done).toEqual(['Shipped', 'Closed']);
      expect(current().statusMapping.open).toEqual(['To Do', 'Open']);
      // A blank row falls back to the names its placeholder shows.
      input.value = ' ';
      input.dispatchEvent(new Event('input'));
      await settle();
      expect(current().statusMapping.done).toEqual(['Done', 'Closed', 'Resolved']);
      expect(input.placeholder).toBe('Done, Closed, Resolved');
      input.dispatchEvent(new Event('change'));
      expect(updates(tab)).toBe(0);
    });

    it('redraws when a field is left and the names rows share changed; the row cleans its listener up', async () => {
      const { tab, current } = setUp();
      const { input, cleanUp } = drawRow(table(tab), '📋 Planned');
      input.value = 'Backlog';
      input.dispatchEvent(new Event('input'));
      await settle();
      expect(current().statusMapping.planned).toEqual(['Backlog']);
      expect(updates(tab)).toBe(0);
      input.dispatchEvent(new Event('change'));
      expect(updates(tab)).toBe(1);
      expect(table(tab).items.filter((item) => item.desc !== undefined)).toHaveLength(1);
      cleanUp();
      input.dispatchEvent(new Event('change'));
      expect(updates(tab)).toBe(1);
    });

    it('shows mappings stored by older versions (comma-separated text) in their rows', () => {
      const { tab } = setUp(migrateSettings({ statusMapping: { done: 'Shipped, Released', open: ['Todo', ' '] } }));
      const t = table(tab);
      expect(drawRow(t, '✅ Done').input.value).toBe('Shipped, Released');
      expect(drawRow(t, '📂 Open').input.value).toBe('Todo');
    });
  });

  describe('Test connection', () => {
    let server: Server;
    let url = '';
    beforeAll(async () => {
      server = createServer((req, res) => {
        res.writeHead(req.headers.authorization === 'Bearer pat-1' ? 200 : 401, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ displayName: 'Ops' }));
      });
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
      url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    });
    afterAll(() => new Promise<void>((resolve) => { server.close(() => resolve()); }));

    it('reports the failing step in the row and never shows the token', async () => {
      const { app, tab } = setUp(migrateSettings({ tracker: 'jira-datacenter', siteUrl: url, tokenSecretName: 'jira-pat', projectKey: '' }));
      app.secretStorage.setSecret('jira-pat', 'wrong-pat');
      const el = document.createElement('div');
      const action = flatten(tab.getSettingDefinitions()).find((d) => d.name === 'Test connection')?.action;
      expect(action).toBeDefined();
      const message = await tab.testConnection(el);
      expect(message).toBe('Sign-in failed: Jira refused the personal access token.');
      expect(el.querySelector('.spectryn-connection-result')?.textContent).toBe(message);
      expect(el.querySelector('.spectryn-connection-result')?.classList.contains('is-failed')).toBe(true);
      app.secretStorage.setSecret('jira-pat', 'pat-1');
      const next = await tab.testConnection(el);
      expect(next).toBe('Project failed: No project key set.');
      expect(el.querySelectorAll('.spectryn-connection-result')).toHaveLength(1);
      expect(next + message).not.toContain('pat-1');
    });

    it('checks the URL in the field, even one not saved because it is invalid, and completes a bare host with https://', async () => {
      const { app, tab, current } = setUp(migrateSettings({ tracker: 'jira-datacenter', siteUrl: url, tokenSecretName: 'jira-pat', projectKey: '' }));
      app.secretStorage.setSecret('jira-pat', 'pat-1');
      const field = flatten(tab.getSettingDefinitions()).find((d) => d.name === 'Site URL')?.control as unknown as { validate: (value: string) => string | undefined };
      expect(field.validate('example.atlassian.net')).toBeUndefined();
      await tab.setControlValue('siteUrl', 'example.atlassian.net');
      expect(current().siteUrl).toBe('https://example.atlassian.net');
      // Typed but refused (not saved): Test connection checks it, not the last valid URL.
      expect(field.validate('ftp://old.example')).toBe('Enter the address of your Jira site, e.g. https://example.atlassian.net');
      expect(await tab.testConnection(document.createElement('div'))).toMatch(/^Site URL failed: /);
      // The field holds the working server again: the test reaches it.
      field.validate(`${url.replace(/^http:\/\//, 'http://')}/`);
      expect(await tab.testConnection(document.createElement('div'))).toBe('Project failed: No project key set.');
    });

    it('fails at the URL step when nothing is configured', async () => {
      const { tab } = setUp();
      expect(await tab.testConnection(document.createElement('div'))).toBe('Site URL failed: The site URL is missing or is not an http(s) address.');
    });
  });

  describe('GitHub', () => {
    it('has its own repository, API URL, token secret and Test connection, and a default tracker', () => {
      const { tab } = setUp();
      const defs = flatten(tab.getSettingDefinitions());
      const keys = defs.flatMap((d) => (d.control ? [d.control.key] : []));
      expect(keys).toEqual(expect.arrayContaining(['defaultTracker', 'githubRepository', 'githubApiUrl']));
      expect(keys.some((k) => /token/i.test(k))).toBe(false);
      expect(defs.map((d) => d.name)).toEqual(expect.arrayContaining(['Default tracker', 'GitHub token', 'Test GitHub connection']));
    });

    it('stores the chosen GitHub token secret by name only', async () => {
      const { app, tab, current, saved } = setUp();
      const row = flatten(tab.getSettingDefinitions()).find((d) => d.name === 'GitHub token');
      const setting = new Setting(document.createElement('div'));
      row?.render?.(setting, null);
      expect((setting as unknown as { components: unknown[] }).components[0]).toBeInstanceOf(SecretComponent);
      // Store a new secret through the picker, as a person would.
      const field = (label: string): HTMLInputElement => {
        const input = setting.controlEl.querySelector<HTMLInputElement>(`input[aria-label="${label}"]`);
        if (!input) throw new Error(`no field ${label}`);
        return input;
      };
      field('ID of a new secret').value = 'gh-token';
      field('New secret value').value = 'ghp-SECRET';
      setting.controlEl.querySelector('form')?.dispatchEvent(new Event('submit', { cancelable: true }));
      await Promise.resolve();
      await Promise.resolve();
      expect(app.secretStorage.getSecret('gh-token')).toBe('ghp-SECRET');
      expect(current().githubTokenSecretName).toBe('gh-token');
      expect(current().tokenSecretName).toBe('');
      expect(JSON.stringify(saved)).not.toContain('ghp-SECRET');
    });

    describe('Test GitHub connection', () => {
      let server: Server;
      let url = '';
      beforeAll(async () => {
        // GitHub's answers to the probe's three reads, for the token `ghp-right-1` only.
        server = createServer((req, res) => {
          const signedIn = req.headers.authorization === 'Bearer ghp-right-1';
          const body = !signedIn ? { message: 'Bad credentials', documentation_url: 'https://docs.github.com/rest', status: '401' }
            : req.url === '/user' ? { login: 'dev-example' }
              : req.url === '/repos/acme/infra' ? { full_name: 'acme/infra', has_issues: true, permissions: { push: true } }
                : req.url?.startsWith('/repos/acme/infra/issues') === true ? [] : { message: 'Not Found', documentation_url: 'https://docs.github.com/rest', status: '404' };
          const status = !signedIn ? 401 : 'message' in body ? 404 : 200;
          res.writeHead(status, { 'content-type': 'application/json' });
          res.end(JSON.stringify(body));
        });
        await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
        url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
      });
      afterAll(() => new Promise<void>((resolve) => { server.close(() => resolve()); }));

      it('reads the GitHub secret, reports the failing step, and never shows the token', async () => {
        const { app, tab } = setUp(migrateSettings({ githubApiUrl: url, githubRepository: 'acme/infra', githubTokenSecretName: 'gh-token', tokenSecretName: 'jira-token' }));
        app.secretStorage.setSecret('jira-token', 'ghp-right-1');
        app.secretStorage.setSecret('gh-token', 'ghp-wrong-9');
        const el = document.createElement('div');
        const wrong = await tab.testGitHubConnection(el);
        expect(wrong).toMatch(/^Sign-in failed: GitHub refused the token/);
        expect(el.querySelector('.spectryn-connection-result')?.classList.contains('is-failed')).toBe(true);
        app.secretStorage.setSecret('gh-token', 'ghp-right-1');
        const right = await tab.testGitHubConnection(el);
        expect(right).toMatch(/^Connection works\. .*Signed in as dev-example\. Repository acme\/infra found\./);
        expect(el.querySelectorAll('.spectryn-connection-result')).toHaveLength(1);
        expect(wrong + right).not.toMatch(/ghp-(right|wrong)/);
      });

      it('names the repository step when the settings have none', async () => {
        const { app, tab } = setUp(migrateSettings({ githubApiUrl: url, githubTokenSecretName: 'gh-token' }));
        app.secretStorage.setSecret('gh-token', 'ghp-right-1');
        expect(await tab.testGitHubConnection(document.createElement('div'))).toBe('Repository failed: No repository set (owner/repo).');
      });
    });
  });
});
