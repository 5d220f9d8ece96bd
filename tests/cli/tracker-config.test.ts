import fc from 'fast-check';
import { redactSecrets } from '../../src/cli/redact';
import { resolveTrackerConfig } from '../../src/cli/tracker-config';

describe('resolveTrackerConfig', () => {
  test('nothing set (or only empty values) means none', () => {
    expect(resolveTrackerConfig('jira', {})).toEqual({ kind: 'none' });
    expect(resolveTrackerConfig('jira', { JIRA_URL: '', JIRA_PAT: ' ' })).toEqual({ kind: 'none' });
  });

  test('Jira Cloud: URL, e-mail and API token', () => {
    expect(resolveTrackerConfig('jira', {
      JIRA_URL: 'https://acme.example/', JIRA_EMAIL: 'a@b.c', JIRA_API_TOKEN: 't', JIRA_PROJECT: 'INFRA', JIRA_STORY_POINTS_FIELD: 'customfield_1',
    })).toEqual({ kind: 'complete', config: {
      tracker: 'jira', deployment: 'cloud', siteUrl: 'https://acme.example', email: 'a@b.c', token: 't',
      projectKey: 'INFRA', storyPointsField: 'customfield_1',
    } });
  });

  test('Jira Data Center: URL and PAT', () => {
    expect(resolveTrackerConfig('jira', { JIRA_URL: 'http://127.0.0.1:8080', JIRA_PAT: 'p' })).toEqual({ kind: 'complete', config: {
      tracker: 'jira', deployment: 'datacenter', siteUrl: 'http://127.0.0.1:8080', email: null, token: 'p',
      projectKey: null, storyPointsField: null,
    } });
  });

  test('incomplete settings name what is missing', () => {
    expect(resolveTrackerConfig('jira', { JIRA_EMAIL: 'a@b.c', JIRA_API_TOKEN: 't' })).toEqual({ kind: 'incomplete', missing: ['JIRA_URL'] });
    expect(resolveTrackerConfig('jira', { JIRA_URL: 'https://x', JIRA_EMAIL: 'a@b.c' })).toEqual({
      kind: 'incomplete', missing: ['JIRA_API_TOKEN (or JIRA_PAT for Data Center)'],
    });
  });
});

describe('resolveTrackerConfig: GitHub', () => {
  test('GITHUB_TOKEN with GITHUB_REPOSITORY (or GITHUB_REPO); the public API by default', () => {
    const config = { tracker: 'github', apiUrl: 'https://api.github.com', repository: { owner: 'acme', repo: 'infra' }, token: 't0k3n' };
    expect(resolveTrackerConfig('github', { GITHUB_TOKEN: 't0k3n', GITHUB_REPOSITORY: 'acme/infra' })).toEqual({ kind: 'complete', config });
    expect(resolveTrackerConfig('github', { GITHUB_TOKEN: 't0k3n', GITHUB_REPO: ' acme/infra ' })).toEqual({ kind: 'complete', config });
    expect(resolveTrackerConfig('github', { GITHUB_TOKEN: 't0k3n', GITHUB_REPOSITORY: 'acme/infra', GITHUB_REPO: 'x/y' })).toEqual({ kind: 'complete', config });
  });

  test('GITHUB_API_URL (Enterprise Server) without its trailing slash', () => {
    const resolved = resolveTrackerConfig('github', { GITHUB_TOKEN: 't', GITHUB_REPO: 'a/b', GITHUB_API_URL: 'https://ghe.example/api/v3/' });
    expect(resolved).toMatchObject({ kind: 'complete', config: { apiUrl: 'https://ghe.example/api/v3' } });
  });

  test('the repository the epic names wins over GITHUB_REPOSITORY and completes a setting without one', () => {
    const epic = { owner: 'acme', repo: 'infra' };
    expect(resolveTrackerConfig('github', { GITHUB_TOKEN: 't', GITHUB_REPOSITORY: 'other/repo' }, epic)).toMatchObject({ kind: 'complete', config: { repository: epic } });
    expect(resolveTrackerConfig('github', { GITHUB_TOKEN: 't' }, epic)).toMatchObject({ kind: 'complete', config: { repository: epic } });
  });

  test('no token is no GitHub settings (CI sets GITHUB_REPOSITORY and GITHUB_API_URL by itself)', () => {
    expect(resolveTrackerConfig('github', { GITHUB_REPOSITORY: 'acme/infra', GITHUB_API_URL: 'https://api.github.com' })).toEqual({ kind: 'none' });
    expect(resolveTrackerConfig('github', { GITHUB_TOKEN: '  ' })).toEqual({ kind: 'none' });
  });

  test('a token without a usable repository is incomplete, and the message never holds the value', () => {
    expect(resolveTrackerConfig('github', { GITHUB_TOKEN: 't' })).toEqual({ kind: 'incomplete', missing: ['GITHUB_REPOSITORY (owner/repo), or an epic named owner/repo#N'] });
    const bad = resolveTrackerConfig('github', { GITHUB_TOKEN: 't', GITHUB_REPOSITORY: 'just-a-name' });
    expect(bad).toEqual({ kind: 'incomplete', missing: ['GITHUB_REPOSITORY as owner/repo (the value set is not one)'] });
  });

  test('Jira settings never configure GitHub, nor GitHub\'s Jira', () => {
    expect(resolveTrackerConfig('github', { JIRA_URL: 'https://x', JIRA_PAT: 'p' })).toEqual({ kind: 'none' });
    expect(resolveTrackerConfig('jira', { GITHUB_TOKEN: 't', GITHUB_REPOSITORY: 'a/b' })).toEqual({ kind: 'none' });
  });
});

describe('redactSecrets', () => {
  test('replaces every secret value and leaves other text alone', () => {
    const env = { JIRA_API_TOKEN: 'abc123token', JIRA_PAT: 'pat-999', JIRA_EMAIL: 'dev@example.com' };
    expect(redactSecrets('token abc123token; again abc123token; pat-999', env))
      .toBe('token [redacted]; again [redacted]; [redacted]');
    expect(redactSecrets('mail dev@example.com', env)).toBe('mail dev@example.com');
  });

  test('no secret survives in any message', () => {
    fc.assert(fc.property(fc.string({ minLength: 4 }).filter((s) => s.trim() === s && !/[[\]]/.test(s)), fc.string(), fc.string(), (token, before, after) => {
      expect(redactSecrets(`${before}${token}${after}`, { GITHUB_TOKEN: token })).not.toContain(token);
    }));
  });
});
